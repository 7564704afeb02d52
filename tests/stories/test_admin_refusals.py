"""What the change forms refuse on save, with a reason next to the field, and what they never
lose or show broken after a refusal. Each test submits the rendered page (django-webtest)."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image

from stories.models import RoundUp, RoundUpItem, Story
from tests.admin_pages import change_form, save
from tests.factories import RoundUpFactory, StoryFactory

pytestmark = pytest.mark.django_db


def field_errors(page, name: str) -> str:
    return " ".join(e.text for e in page.html.select(f".field-{name} .errorlist"))


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 90, 150)).save(buffer, "JPEG")
    return buffer.getvalue()


# --- A round-up's lead story is not also one of its items ------------------------------------


def test_a_round_ups_lead_story_cannot_also_be_one_of_its_items(django_app, editor):
    lead, item = StoryFactory(title="The lead"), StoryFactory(title="An item")
    roundup = RoundUpFactory(lead_story=lead, items=[item], title="Kept title")
    form = change_form(django_app, roundup, user="editor")
    form["items-1-story"].force_value(str(lead.pk))
    form["title"] = "Changed title"

    page = save(form, user="editor")

    assert page.status_code == 200
    errors = " ".join(e.text for e in page.html.select(".errorlist.nonform, .errornote"))
    assert "“The lead” is this round-up's lead story, so it cannot also be one of its items" in (
        errors
    )
    assert RoundUp.objects.get(pk=roundup.pk).title == "Kept title"
    assert list(RoundUpItem.objects.values_list("story", flat=True)) == [item.pk]


def test_choosing_an_item_as_the_lead_story_is_refused_too(django_app, editor):
    item = StoryFactory(title="An item")
    roundup = RoundUpFactory(items=[item])
    form = change_form(django_app, roundup, user="editor")
    form["lead_story"].force_value(str(item.pk))

    page = save(form, user="editor")

    assert page.status_code == 200
    assert "cannot also be one of its items" in page.text
    assert RoundUp.objects.get(pk=roundup.pk).lead_story is None


def test_removing_the_item_while_making_it_the_lead_story_is_fine(django_app, editor):
    item = StoryFactory(title="An item")
    roundup = RoundUpFactory(items=[item])
    form = change_form(django_app, roundup, user="editor")
    form["lead_story"].force_value(str(item.pk))
    form["items-0-DELETE"] = True

    assert save(form, user="editor").status_code == 302
    roundup.refresh_from_db()
    assert roundup.lead_story == item and not roundup.items.exists()


# --- A take-down time comes after the publication time ---------------------------------------


@pytest.mark.parametrize("model", ["story", "roundup"])
def test_a_take_down_time_before_the_publication_time_is_refused_on_save(
    django_app, moderator, model
):
    obj = StoryFactory(approved=True) if model == "story" else RoundUpFactory(approved=True)
    form = change_form(django_app, obj, user="moderator")
    form["published_at_0"], form["published_at_1"] = "2030-05-02", "09:00"
    form["unpublish_at_0"], form["unpublish_at_1"] = "2030-05-01", "09:00"

    page = save(form, user="moderator")

    assert page.status_code == 200
    assert "The take-down time must come after the publication time" in field_errors(
        page, "unpublish_at"
    )
    obj.refresh_from_db()
    assert obj.unpublish_at is None and obj.published_at is None


def test_a_take_down_time_after_the_publication_time_is_saved(django_app, moderator):
    story = StoryFactory(approved=True)
    form = change_form(django_app, story, user="moderator")
    form["published_at_0"], form["published_at_1"] = "2030-05-01", "09:00"
    form["unpublish_at_0"], form["unpublish_at_1"] = "2030-06-01", "09:00"
    assert save(form, user="moderator").status_code == 302
    story.refresh_from_db()
    assert story.unpublish_at > story.published_at


# --- An upload on a page with errors ---------------------------------------------------------


def test_an_upload_on_a_page_with_errors_asks_for_the_image_again_and_shows_no_broken_preview(
    django_app, editor
):
    story = StoryFactory(author=editor, title="Kept title")
    form = change_form(django_app, story, user="editor")
    form["image"] = ("photo.jpg", jpeg())
    form["image_alt"] = "The shelter's door"
    form["title"] = ""

    page = save(form, user="editor")

    assert page.status_code == 200
    assert "Choose the file again: it was not stored" in field_errors(page, "image")
    preview = page.html.select_one(".field-image_preview")
    assert preview.select("img") == []
    assert "choose the image again" in preview.text
    media = [img["src"] for img in page.html.select("#story_form img")]
    assert not [src for src in media if src.startswith(settings.MEDIA_URL)]
    assert not Story.objects.get(pk=story.pk).image
    assert not default_storage.exists("images")  # nothing half-stored either

    # Chosen again with the error fixed, it is stored and previewed.
    form = page.forms["story_form"]
    form["title"] = "Kept title"
    form["image"] = ("photo.jpg", jpeg())
    page = save(form, user="editor").follow()
    story.refresh_from_db()
    assert story.image and default_storage.exists(story.image.name)
    assert page.html.select_one(".field-image_preview img")["src"] == story.image.url
