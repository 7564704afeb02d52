"""`manage.py import_digest`: the same import from the command line."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from organizations.models import Organization
from stories.models import RoundUp, Status, Story
from tests.stories.importer.conftest import DIGESTS, seed_path

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_digest", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_dry_run_prints_the_promised_json_and_saves_nothing(
    newsroom_organizations, field_vocabulary
):
    printed = json.loads(run(str(seed_path()), "--dry-run", "--format", "json"))

    assert set(printed) == {"title", "introduction", "stories"}
    assert isinstance(printed["title"], str) and isinstance(printed["introduction"], str)
    assert len(printed["stories"]) == 7
    for story in printed["stories"]:
        assert set(story) == {"lead", "title", "summary", "body", "deadline", "organizations",
                              "places", "themes"}  # fmt: skip
        assert isinstance(story["lead"], bool)
        assert story["deadline"] is None or len(story["deadline"]) == 10
        for organization in story["organizations"]:
            assert set(organization) == {"name", "slug", "new"}
            assert (organization["slug"] is None) == organization["new"]
        for place in story["places"] + story["themes"]:
            assert set(place) == {"name", "slug"} and place["slug"]
    assert printed["stories"][-1]["deadline"] == "2025-06-30"
    lead = printed["stories"][0]
    assert {"name": "Winrock International", "slug": "winrock-international", "new": False} in (
        lead["organizations"]
    )
    kenyans = {place["slug"] for place in printed["stories"][3]["places"]}
    assert {"kenya", "myanmar", "thailand"} <= kenyans
    assert not RoundUp.objects.exists() and not Story.objects.exists()


def test_a_name_defined_with_its_acronym_is_marked_new_until_it_exists(db):
    printed = json.loads(run(str(seed_path()), "--dry-run", "--format", "json"))

    lead = printed["stories"][0]["organizations"]
    assert {"name": "Organization for Security and Co-operation in Europe", "slug": None,
            "new": True} in lead  # fmt: skip
    assert not Organization.objects.exists()


def test_an_import_creates_the_draft_round_up_credited_to_the_named_editor(editor, capsys):
    run(str(DIGESTS / "in_brief.txt"), "--author", "editor", "--number", "42")

    roundup = RoundUp.objects.get(number=42)
    assert roundup.status == Status.DRAFT and roundup.author == editor
    assert roundup.lead_story.title == "UK charities call on the government to put victims first"
    assert roundup.items.count() == 4
    assert Story.objects.filter(author=editor, status=Status.DRAFT).count() == 5
    # ACWC and ASEAN-ACT are defined in the text: created with their acronyms.
    assert Organization.objects.filter(acronym__in=["ACWC", "ASEAN-ACT"]).count() == 2


def test_a_text_summary_is_printed_without_json(newsroom_organizations):
    printed = run(str(DIGESTS / "headings.md"), "--dry-run")

    assert "[lead] OSCE experts urge states to step up the fight against child trafficking" in (
        printed
    )
    assert "deadline 2025-06-30 (call for input)" in printed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", "--dry-run"], "Cannot read missing.txt"),
        ([str(DIGESTS / "bullets.txt")], "Name the editor to credit with --author"),
        ([str(DIGESTS / "bullets.txt"), "--author", "nobody"], "No user named 'nobody'"),
    ],
)
def test_bad_arguments_get_a_clear_message(db, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_an_empty_file_is_refused_with_a_reason(db, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"\xef\xbb\xbf \n\x0c\n")

    with pytest.raises(CommandError, match="There is no text to import"):
        run(str(empty), "--dry-run")


def test_a_windows_1252_file_is_read(db, tmp_path):
    legacy = tmp_path / "digest.txt"
    legacy.write_bytes(
        "Digest\n\nIn brief:\n\n- Caf\u00e9 owners \u201cwarned\u201d.".encode("cp1252")
    )

    printed = json.loads(run(str(legacy), "--dry-run", "--format", "json"))

    assert printed["stories"][0]["body"] == "Caf\u00e9 owners \u201cwarned\u201d."
