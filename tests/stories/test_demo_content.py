import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from organizations.models import Organization
from stories.models import RoundUp, RoundUpItem, Story

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
