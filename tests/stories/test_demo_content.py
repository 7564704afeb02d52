import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from organizations.models import Organization
from stories.models import LIVE_STATUSES, RoundUp, RoundUpItem, Status, Story

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        Story.objects.count(),
        RoundUp.objects.count(),
        RoundUpItem.objects.count(),
        Organization.objects.count(),
        get_user_model().objects.count(),
        Story.tags.through.objects.count(),
        Story.regions.through.objects.count(),
    )


def test_demo_content_fills_the_site_and_running_it_again_changes_nothing(client, capsys):
    call_command("load_demo_content")
    first_output = capsys.readouterr().out
    before = counts()
    latest_change = Story.objects.latest("updated_at").updated_at

    call_command("load_demo_content")
    second_output = capsys.readouterr().out

    assert counts() == before
    assert Story.objects.latest("updated_at").updated_at == latest_change
    assert "password" in first_output
    assert "password" not in second_output
    assert Story.objects.published().count() >= 40
    assert RoundUp.objects.published().count() >= 6


def test_demo_digest_matches_the_seed_layout(client):
    call_command("load_demo_content")
    osce = Organization.objects.get(slug="osce")
    roundup = RoundUp.objects.published().featuring(Story.objects.mentioning([osce])).first()

    response = client.get("/")

    assert response.status_code == 200
    assert roundup is not None
    page = client.get(roundup.get_absolute_url())
    assert page.status_code == 200
    assert "Round-up of other noteworthy news and initiatives" in page.text


def test_demo_accounts_have_their_roles():
    call_command("load_demo_content")
    User = get_user_model()

    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()
    assert User.objects.get(username="moderator").groups.filter(name="Moderators").exists()
    assert User.objects.get(username="admin").is_superuser


def test_demo_stories_about_a_child_or_survivor_are_confirmed_by_the_demo_moderator(
    editorial_groups,
):
    call_command("load_demo_content")
    moderator = get_user_model().objects.get(username="moderator")
    flagged = Story.objects.filter(involves_vulnerable_person=True)
    live = flagged.filter(status__in=LIVE_STATUSES)
    assert live.count() >= 10
    for story in live:
        assert story.identity_protection_confirmed_by == moderator, story
        assert story.identity_protection_confirmed_at is not None
        assert story.author != moderator
        steps = {(t.to_status, t.by.username) for t in story.transitions()}
        assert (Status.IN_REVIEW, "editor") in steps
        assert (Status.APPROVED, "moderator") in steps
    # Nothing about a child or a survivor is public, or approved, without the confirmation.
    unconfirmed = flagged.filter(identity_protection_confirmed_at=None)
    assert not unconfirmed.exclude(status=Status.IN_REVIEW).exists()


def test_the_demo_leaves_a_realistic_review_queue(editorial_groups, client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    call_command("load_demo_content")
    roundup = RoundUp.objects.get(status=Status.IN_REVIEW)
    assert roundup.items.count() >= 5
    assert roundup.transitions().filter(to_status=Status.IN_REVIEW).exists()
    assert {story.status for story in roundup.workflow_stories()} >= {
        Status.IN_REVIEW,
        Status.CHANGES_REQUESTED,
        Status.APPROVED,
        Status.SCHEDULED,
    }

    sent_back = Story.objects.get(status=Status.CHANGES_REQUESTED)
    request = sent_back.changes_requested()
    assert request.by.username == "moderator" and request.comment

    scheduled = Story.objects.get(status=Status.SCHEDULED)
    assert scheduled.published_at > timezone.now()
    for item in (roundup, sent_back, scheduled):
        assert client.get(item.get_absolute_url()).status_code == 404
