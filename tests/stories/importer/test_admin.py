"""The round-up admin's "Import a digest", used as an editor uses it: the rendered pages are
filled in and submitted with django-webtest."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from organizations.models import Organization
from stories.importer.text import MAX_CHARACTERS
from stories.models import RoundUp, Status, Story, Topic
from tests.factories import RoundUpFactory, UserFactory
from tests.stories.importer.conftest import DIGESTS

pytestmark = pytest.mark.django_db
IMPORT_URL = reverse("admin:stories_roundup_import")


def paste(django_app, user, text: str, source_url: str = ""):
    page = django_app.get(reverse("admin:stories_roundup_changelist"), user=user)
    page = page.click("Import a digest")
    form = page.forms["digest-paste"]
    form["text"] = text
    form["source_url"] = source_url
    return form.submit()


def review_form(page):
    return page.forms["digest-review"]


def story_fields(form, index: int, name: str) -> list:
    return form.fields.get(f"story-{index}-{name}", [])


def ticked(form, index: int, name: str) -> set[str]:
    return {field._value for field in story_fields(form, index, name) if field.checked}


def test_an_editor_imports_the_seed_as_a_draft_round_up_with_its_items_in_order(
    django_app, editor, newsroom_organizations, field_vocabulary, seed_text
):
    review = paste(django_app, editor, seed_text)

    assert review.status_code == 200
    form = review_form(review)
    assert (
        form["title"].value == "OSCE leaders call for concerted action to address child trafficking"
    )
    assert form["lead"].value == "0"
    assert "osce" in ticked(form, 0, "organizations")
    assert {"kenya", "myanmar", "thailand"} <= ticked(form, 3, "places")
    assert form["story-6-deadline"].value == "2025-06-30"
    assert form["story-6-kind"].value == "call-for-input"
    assert form["story-1-kind"].value == "news"
    # The review shows why each suggestion was made, and how sure it is.
    assert "<mark>Kenyans</mark>" in review.text
    kenya = next(
        label.get_text(" ", strip=True)
        for label in review.html.select("#story-3 label")
        if label.get_text(strip=True).startswith("Kenya")
    )
    assert re.match(r"Kenya \d{1,3}% sure .*Kenyans", kenya)
    form["story-1-title"] = "Sweden backs IOM's work in Africa"
    form["story-1-themes"] = []  # the editor rejects the suggested theme
    form["story-2-kind"] = "report"  # and says what sort of piece an item is

    page = form.submit("step", value="confirm").follow()

    roundup = RoundUp.objects.get()
    assert page.request.path == reverse("admin:stories_roundup_change", args=[roundup.pk])
    assert roundup.status == Status.DRAFT and roundup.author == editor
    assert roundup.lead_story.title.startswith("OSCE leaders call")
    items = [item.story for item in roundup.items.order_by("position")]
    assert [story.title for story in items][:2] == [
        "Sweden backs IOM's work in Africa",
        "Hestia, The Salvation Army and 11 Other Organizations Supporting Survivors",
    ]
    assert len(items) == 6
    assert all(
        s.status == Status.DRAFT and s.author == editor for s in [roundup.lead_story, *items]
    )
    assert not items[0].topics.exists()
    assert set(items[2].regions.values_list("slug", flat=True)) == {"kenya", "myanmar", "thailand"}
    call = items[-1]
    assert str(call.deadline) == "2025-06-30"
    assert call.kind == "call-for-input" and not call.tags.exists()
    assert [item.kind for item in items[:-1]] == ["news", "report", "news", "news", "news"]
    assert (
        "“far too many children continue to be trafficked, abused, and denied their "
        "fundamental rights”" in roundup.lead_story.body
    )
    assert "draft round-up with 7 draft stories" in page.text


def test_the_round_up_list_offers_the_import_only_to_those_who_may_add_round_ups(
    django_app, editor, db
):
    assert "Import a digest" in django_app.get(
        reverse("admin:stories_roundup_changelist"), user=editor
    )
    reader = UserFactory(username="viewer")
    from django.contrib.auth.models import Permission

    reader.user_permissions.add(Permission.objects.get(codename="view_roundup"))
    page = django_app.get(reverse("admin:stories_roundup_changelist"), user=reader)
    assert "Import a digest" not in page
    assert django_app.get(IMPORT_URL, user=reader, expect_errors=True).status_code == 403
    assert django_app.post(IMPORT_URL, user=reader, expect_errors=True).status_code == 403


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "This field is required."),
        ("   \n\x00\x0b  ", "There is no text to import"),
        ("x " * (MAX_CHARACTERS // 2 + 1), f"at most {MAX_CHARACTERS:,}"),
        ("A headline alone\n\nIn brief:", "No story was found in the text"),
    ],
    ids=["empty", "only-control-characters", "over-the-limit", "headline-alone"],
)
def test_text_that_cannot_be_imported_is_refused_with_a_reason_and_kept(
    django_app, editor, text, message
):
    page = paste(django_app, editor, text)

    assert page.status_code == 200
    assert message in page.text
    kept = page.forms["digest-paste"]["text"].value
    assert kept.replace("\x00", "").strip() == text.replace("\x00", "").strip()
    assert not RoundUp.objects.exists()


def test_a_megabyte_of_text_gets_the_size_limit_not_an_error_page(django_app, editor, seed_text):
    text = (seed_text + "\n\n") * (1_000_000 // len(seed_text))

    page = paste(django_app, editor, text)

    assert page.status_code == 200
    assert f"an import takes at most {MAX_CHARACTERS:,}" in page.text
    assert "Up to 200,000 characters" in page.text  # the form states its limit


def test_a_megabyte_in_another_script_gets_the_size_limit_not_a_bad_request(django_app, editor):
    # "News of the week on countering human trafficking." in Ukrainian: two bytes a letter, which
    # a URL-encoded form would send as six.
    sentence = "Новини тижня про протидію торгівлі людьми. "
    text = sentence * (1_000_000 // len(sentence.encode()))

    page = paste(django_app, editor, text)

    assert page.status_code == 200
    assert f"an import takes at most {MAX_CHARACTERS:,}" in page.text


def test_a_digest_in_another_script_within_the_limit_can_be_confirmed(django_app, editor):
    # "This week's anti-trafficking news digest." in Chinese. The review page carries the text
    # twice (to read it again, and as the stories' bodies): near the limit, URL-encoded at nine
    # bytes a character, that passes the request size Django accepts.
    sentence = "本周反人口贩卖新闻摘要。 "
    items = "\n\n".join(f"- {n}. " + sentence * 380 for n in range(38))
    text = f"Weekly digest\n\nIn brief:\n\n{items}"
    assert 180_000 < len(text) <= MAX_CHARACTERS

    page = review_form(paste(django_app, editor, text)).submit("step", value="confirm").follow()

    assert "draft round-up with 38 draft stories" in page.text
    assert RoundUp.objects.get().items.count() == 38


def test_one_giant_paragraph_becomes_a_single_story_with_a_notice(django_app, editor, seed_text):
    page = paste(django_app, editor, " ".join(seed_text.split()))

    form = review_form(page)
    assert "imported as one story" in page.text
    assert "story-1-title" not in form.fields
    page = form.submit("step", value="confirm").follow()
    roundup = RoundUp.objects.get()
    assert roundup.lead_story is not None and not roundup.items.exists()
    assert roundup.lead_story.body.endswith("The deadline for inputs is 30 June 2025.")


def test_html_pasted_instead_of_text_is_read_as_the_digest_it_shows(django_app, editor):
    page = paste(django_app, editor, (DIGESTS / "pasted.html").read_text(encoding="utf-8"))

    form = review_form(page)
    assert form["title"].value == "OSCE leaders call for action on child trafficking"
    assert "<script" not in form["story-0-body"].value and "alert" not in page.text
    assert form["story-1-body"].value.startswith("[Hestia](https://example.org/hestia), The")
    form.submit("step", value="confirm").follow()
    hestia = RoundUp.objects.get().items.get(position=1).story
    assert hestia.source_url == "https://example.org/hestia"
    assert '<a href="https://example.org/hestia"' in hestia.body_html


def test_a_detected_organization_is_created_with_its_acronym_and_found_by_the_next_import(
    django_app, editor
):
    text = (
        "Weekly digest\n\nA new body for labour rights.\n\nIn brief:\n\n"
        "The European Labour Authority (ELA) and the Mekong Club met in Vienna.\n\n"
        "Later the ELA published guidance on seasonal work."
    )
    form = review_form(paste(django_app, editor, text))
    assert form["story-0-new-0-name"].value == "European Labour Authority"
    assert form["story-0-new-0-acronym"].value == "ELA"
    assert "new-0" in ticked(form, 0, "organizations")
    # "Mekong Club" reads like an organization's name: offered, not ticked.
    assert form["story-0-new-1-name"].value == "Mekong Club"
    assert "new-1" not in ticked(form, 0, "organizations")
    form["story-0-organizations"] = ["new-0", "new-1"]
    form.submit("step", value="confirm").follow()

    ela = Organization.objects.get(acronym="ELA")
    assert ela.name == "European Labour Authority"
    mekong = Organization.objects.get(name="Mekong Club")
    first, second = RoundUp.objects.get().items.order_by("position")
    assert set(first.story.organizations.all()) == {ela, mekong}
    assert list(second.story.organizations.all()) == [ela]  # the acronym alone, in another item

    again = review_form(paste(django_app, editor, text.replace("Weekly", "Another weekly")))
    assert {"ela", "mekong-club"} <= ticked(again, 0, "organizations")
    assert "story-0-new-0-name" not in again.fields


def test_linking_a_detected_name_to_a_known_organization_teaches_the_next_import(
    django_app, editor, newsroom_organizations
):
    text = "Digest\n\nIn brief:\n\n- Kenya Criminal Investigations Directorate officers met them."
    form = review_form(paste(django_app, editor, text))
    assert form["story-0-new-0-name"].value == "Kenya Criminal Investigations Directorate"
    form["story-0-organizations"] = ["new-0"]
    form["story-0-new-0-existing"] = "kenya-dci"
    form.submit("step", value="confirm").follow()

    dci = Organization.objects.get(slug="kenya-dci")
    assert "Kenya Criminal Investigations Directorate" in dci.alias_list
    assert list(RoundUp.objects.get().items.get().story.organizations.all()) == [dci]
    assert not Organization.objects.filter(name__startswith="Kenya Criminal").exists()
    again = review_form(paste(django_app, editor, text.replace("Digest", "Digest 2")))
    assert "kenya-dci" in ticked(again, 0, "organizations")
    assert "story-0-new-0-name" not in again.fields


def test_a_longer_name_the_text_gives_a_known_acronym_is_offered_as_an_alias(
    django_app, editor, newsroom_organizations
):
    text = "Digest\n\nIn brief:\n\n- The Walk Free Anti-Slavery Initiative (WFASI) spoke."
    newsroom_organizations["walk-free"].acronym = "WFASI"
    newsroom_organizations["walk-free"].save()

    form = review_form(paste(django_app, editor, text))

    assert ticked(form, 0, "aliases") == {"walk-free"}
    form.submit("step", value="confirm").follow()
    assert (
        "Walk Free Anti-Slavery Initiative" in Organization.objects.get(slug="walk-free").alias_list
    )


def test_a_taken_issue_number_is_refused_and_the_review_is_kept(django_app, editor, seed_text):
    form = review_form(paste(django_app, editor, seed_text))
    RoundUpFactory(number=int(form["number"].value))
    form["story-2-title"] = "Charities ask the UK to put victims first"

    page = form.submit("step", value="confirm")

    assert page.status_code == 200
    assert "is taken: choose another" in page.text
    assert review_form(page)["story-2-title"].value == "Charities ask the UK to put victims first"
    assert RoundUp.objects.count() == 1 and not Story.objects.exists()


def test_back_to_the_text_keeps_what_was_pasted(django_app, editor, seed_text):
    form = review_form(paste(django_app, editor, seed_text, "https://example.org/digest"))

    page = form.submit("step", value="edit")

    paste_form = page.forms["digest-paste"]
    assert paste_form["text"].value.startswith("OSCE leaders call for concerted action")
    assert paste_form["source_url"].value == "https://example.org/digest"


def test_an_editor_without_the_right_to_add_organizations_is_offered_none_to_create(
    django_app, editor
):
    from django.contrib.auth.models import Group

    editors = Group.objects.get(name="Editors")
    editors.permissions.remove(*editors.permissions.filter(codename="add_organization"))
    text = "Digest\n\nIn brief:\n\n- The European Labour Authority (ELA) met in Vienna."

    form = review_form(paste(django_app, editor, text))

    assert "story-0-new-0-name" not in form.fields
    form.submit("step", value="confirm").follow()
    assert not Organization.objects.exists()


def test_a_moderator_tunes_a_themes_keywords_and_the_next_import_suggests_it(
    django_app, moderator, editor
):
    topic = Topic.objects.get(slug="prevention")
    page = django_app.get(reverse("admin:stories_topic_change", args=[topic.pk]), user=moderator)
    page.forms["topic_form"]["keywords"] = page.forms["topic_form"]["keywords"].value + (
        "\nbystander training"
    )
    page.forms["topic_form"].submit().follow()

    form = review_form(paste(django_app, editor, "Digest\n\nIn brief:\n\n- Bystander trainings "
                                                 "start in Vienna railway stations."))  # fmt: skip
    assert "prevention" in ticked(form, 0, "themes")


def test_the_largest_digest_the_import_takes_can_be_reviewed_and_confirmed(django_app, editor):
    from stories.importer.text import MAX_STORIES

    items = "\n".join(
        f"- Item {n}: the Mekong Anti-Slavery Network (MASN) and Walk Free met Kenyans in "
        f"Nairobi and Thais in Bangkok; orphanage trafficking was discussed."
        for n in range(MAX_STORIES)
    )
    form = review_form(paste(django_app, editor, f"Big digest\n\nIn brief:\n\n{items}"))
    for index in range(MAX_STORIES):
        form[f"story-{index}-organizations"] = ["new-0"]

    # Every field the page sends stays under Django's limit on the number of fields.
    form.submit("step", value="confirm").follow()

    assert RoundUp.objects.get().items.count() == MAX_STORIES
    assert Organization.objects.filter(acronym="MASN").count() == 1


def test_more_stories_than_an_import_takes_are_refused_with_a_reason(django_app, editor):
    items = "\n".join(f"- Item number {n} happened." for n in range(41))

    page = paste(django_app, editor, f"Too big\n\nIn brief:\n\n{items}")

    assert "reads as 41 stories; an import takes at most 40" in page.text
    assert not RoundUp.objects.exists()
