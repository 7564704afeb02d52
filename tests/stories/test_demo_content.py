"""The demo content: one real digest (shared/seeds), retold in the newsroom's own words."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from organizations.models import Organization
from stories.management.commands.load_demo_content import DEMO_DATA, load_data
from stories.models import LIVE_STATUSES, RoundUp, RoundUpItem, Status, Story
from tests.stories.importer.conftest import seed_path

COPIED_RUN = 12  # consecutive words shared with the seed that make a copied passage
QUOTED = re.compile(r"“([^”]*)”|\"([^\"]*)\"")


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


def seed() -> str:
    return seed_path().read_text(encoding="utf-8")


def published_digest(data: dict) -> dict:
    (digest,) = [entry for entry in data["roundups"] if entry["state"] == Status.PUBLISHED]
    return digest


def demo_texts(data: dict) -> list[tuple[str, str]]:
    """Every piece of prose the demo shows, with where it comes from."""
    texts = [(f"organization {o['slug']}", o["description"]) for o in data["organizations"]]
    for story in data["stories"]:
        for field in ("title", "summary", "body", "content_note"):
            texts.append((f"story {story['slug']} {field}", story[field]))
    for roundup in data["roundups"]:
        texts += [(f"round-up {roundup['number']} title", roundup["title"])]
        texts += [(f"round-up {roundup['number']} introduction", roundup["introduction"])]
        texts += [(f"round-up {roundup['number']} blurb", blurb) for _, blurb in roundup["items"]]
    for slug, queued in data["queued_stories"].items():
        texts.append((f"comment on {slug}", queued.get("comment", "")))
    return [(where, text) for where, text in texts if text]


def words(text: str, names: list[str]) -> list[str]:
    """Lower-case words, each proper name counted as one word, so that naming the same
    organization as the seed does is not copying."""
    text = text.lower().replace("’", "").replace("'", "")
    for name in names:
        text = text.replace(name, " § ")
    return re.findall(r"[\w§]+", text)


def runs(sequence: list[str], length: int) -> set[tuple[str, ...]]:
    return {tuple(sequence[i : i + length]) for i in range(len(sequence) - length + 1)}


def contains(haystack: list[str], needle: list[str]) -> bool:
    return any(
        haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1)
    )


# --- Loading -----------------------------------------------------------------------------------


@pytest.mark.django_db
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


@pytest.mark.django_db
def test_the_seed_digest_is_published_with_its_lead_and_every_attributed_item():
    call_command("load_demo_content")
    data = load_data()
    digest = published_digest(data)

    roundup = RoundUp.objects.published().get()
    assert roundup.number == digest["number"]
    assert roundup.lead_story.slug == digest["lead"]
    assert [item.story.slug for item in roundup.items.order_by("position")] == [
        slug for slug, _ in digest["items"]
    ]
    assert set(Story.objects.published().values_list("slug", flat=True)) == {
        digest["lead"],
        *(slug for slug, _ in digest["items"]),
    }
    # A source is named where the seed says where the news came from, and only then.
    assert Story.objects.published().exclude(source_name="").exists()


@pytest.mark.django_db
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
    assert "Source: OSCE" in page.text  # a source without a link is still named


@pytest.mark.django_db
def test_demo_accounts_have_their_roles():
    call_command("load_demo_content")
    User = get_user_model()

    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()
    assert User.objects.get(username="moderator").groups.filter(name="Moderators").exists()
    assert User.objects.get(username="admin").is_superuser


@pytest.mark.django_db
def test_demo_stories_about_a_child_or_survivor_are_confirmed_by_the_demo_moderator(
    editorial_groups,
):
    call_command("load_demo_content")
    moderator = get_user_model().objects.get(username="moderator")
    flagged = Story.objects.filter(involves_vulnerable_person=True)
    live = flagged.filter(status__in=LIVE_STATUSES)
    assert live.count() >= 2
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


@pytest.mark.django_db
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
    # The story the seed gives no publisher for waits for one instead of going out unsourced.
    assert sent_back.source_name == ""

    scheduled = Story.objects.get(status=Status.SCHEDULED)
    assert scheduled.published_at > timezone.now()
    for item in (roundup, sent_back, scheduled):
        assert client.get(item.get_absolute_url()).status_code == 404


# --- Faithful to the seed ----------------------------------------------------------------------


def test_every_source_the_demo_names_is_one_the_seed_names():
    text = seed()
    named = [story["source_name"] for story in load_data()["stories"] if story["source_name"]]

    assert named
    for source in named:
        assert all(part in text for part in source.split(" and ")), source


def test_the_demo_links_to_nothing_because_the_seed_gives_no_address():
    data = load_data()

    assert "://" not in DEMO_DATA.read_text(encoding="utf-8")
    assert all(story["source_url"] == "" for story in data["stories"])
    assert all(organization["website"] == "" for organization in data["organizations"])


def test_demo_organizations_are_those_the_seed_names_by_the_names_it_uses():
    text = seed()
    for organization in load_data()["organizations"]:
        for name in [organization["name"], organization["acronym"], *organization["aliases"]]:
            assert not name or name in text, name


def test_demo_text_is_not_copied_from_the_seed():
    data = load_data()
    names = sorted(
        {o["name"].lower().replace("’", "").replace("'", "") for o in data["organizations"]},
        key=len,
        reverse=True,
    )
    seed_words = words(seed(), names)
    seed_runs = runs(seed_words, COPIED_RUN)
    seed_sentences = [
        words(sentence, names) for sentence in re.split(r"(?<=[.!?:])\s+|\n+", seed())
    ]
    for where, text in demo_texts(data):
        own = words(QUOTED.sub(" ¶ ", text), names)  # quotations are the seed's, verbatim
        copied = runs(own, COPIED_RUN) & seed_runs
        assert not copied, (where, " ".join(sorted(copied)[0]))
        for sentence in seed_sentences:
            assert len(sentence) < 6 or not contains(own, sentence), (where, sentence)


def test_every_quotation_in_the_demo_is_verbatim_in_the_seed():
    text = seed()
    quotations = [
        (where, "".join(match.groups(""))) for where, t in demo_texts(load_data())
        for match in QUOTED.finditer(t)
    ]  # fmt: skip
    assert len(quotations) >= 3
    for where, quotation in quotations:
        # A sentence's closing comma or full stop may fall inside the marks, as house style has it.
        assert quotation.rstrip(",.") in text, (where, quotation)


def test_every_number_and_date_in_the_demo_is_in_the_seed():
    seed_numbers = set(re.findall(r"\d+", seed()))
    for where, text in demo_texts(load_data()):
        assert set(re.findall(r"\d+", text)) <= seed_numbers, where
    for story in load_data()["stories"]:
        assert story["event_date"] is None, story["slug"]  # the seed dates no event
        assert story["deadline"] in (None, "2025-06-30"), story["slug"]


@pytest.mark.django_db
def test_demo_stories_have_the_type_the_seed_gives_them(client):
    call_command("load_demo_content")

    typed = dict(Story.objects.exclude(kind=Story.Kind.NEWS).values_list("slug", "kind"))

    # The seed: "seeks contributions ... The deadline for inputs", "This analysis of labour
    # migration", "according to an analysis conducted by KnowTheChain" (a published report).
    assert typed == {
        "crc-general-comment-access-to-justice-call": "call-for-input",
        "vietnam-germany-labour-migration-analysis": "analysis",
        "knowthechain-tech-forced-labour-analysis": "report",
    }
    call = Story.objects.get(kind=Story.Kind.CALL_FOR_INPUT)
    assert str(call.deadline) == "2025-06-30"
    response = client.get("/stories/?type=call-for-input")
    assert [s.pk for s in response.context["page_obj"]] == [call.pk]
