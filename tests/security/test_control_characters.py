"""Control characters: refused by nothing, kept by nothing. Every text field is cleaned on save
(a word processor's line break becomes a new line, or a space on one line) and the feeds survive
any stored before that rule."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from newsroom.text import CLEANED_APPS, clean_control_characters, clean_text_fields
from stories.models import RoundUp, Story
from tests.factories import OrganizationFactory, RoundUpFactory, StoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

PASTED = "First line\x0bsecond line\x0cnext page\x00\x07\x1b[31m\x7f\x9b end\ufffe"
FEEDS = ["/feeds/stories/", "/feeds/stories/atom/", "/feeds/digests/", "/feeds/digests/atom/"]


def has_control_characters(text: str) -> bool:
    return any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in text)


def text_fields():
    for model in apps.get_models():
        if model._meta.app_label not in CLEANED_APPS:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)) and not field.choices:
                yield pytest.param(model, field, id=f"{model._meta.label}.{field.name}")


def test_a_word_processors_breaks_become_new_lines_and_other_controls_go():
    assert clean_control_characters(PASTED) == "First line\nsecond line\n\nnext page[31m end"
    assert clean_control_characters("Tab\tkept\r\nand CRLF") == "Tab\tkept\nand CRLF"


def test_on_one_line_breaks_and_tabs_become_one_space():
    cleaned = clean_control_characters("Shelter\x0bopens \n\t in Vienna", multiline=False)
    assert cleaned == "Shelter opens in Vienna"


@pytest.mark.parametrize(("model", "field"), list(text_fields()))
def test_every_text_field_of_every_model_is_cleaned_before_it_is_saved(model, field):
    instance = model()
    setattr(instance, field.attname, PASTED)

    clean_text_fields(sender=model, instance=instance)

    value = getattr(instance, field.attname)
    assert not has_control_characters(value)
    assert "second line" in value
    if isinstance(field, models.CharField):
        assert "\n" not in value


def test_text_saved_through_the_admin_form_loses_its_control_characters(django_app, editor):
    page = django_app.get(reverse("admin:stories_story_add"), user="editor")
    form = page.forms["story_form"]
    form["title"] = "Shelter\x0bopens in Vienna"
    form["slug"] = "shelter-opens-in-vienna"
    form["summary"] = "Pasted\x0bfrom Word\x0c"
    form["body"] = "First paragraph.\x0bSame paragraph, new line.\x07"
    form["source_name"] = "Press\x1b office"
    form["tags"] = "shel\x0bters"

    assert form.submit().status_code == 302

    story = Story.objects.get()
    assert story.title == "Shelter opens in Vienna"
    assert story.summary == "Pasted\nfrom Word"
    assert "First paragraph.\nSame paragraph, new line." in story.body
    assert story.source_name == "Press office"
    assert not any(has_control_characters(tag.name) for tag in story.tags.all())


def test_an_organization_saved_outside_forms_is_cleaned_too():
    organization = OrganizationFactory(name="Save\x0bthe Children", description="One\x0btwo\x00")
    organization.refresh_from_db()
    assert organization.name == "Save the Children"
    assert organization.description == "One\ntwo"


def test_the_feeds_answer_with_valid_xml_when_stored_text_has_control_characters(client):
    story = StoryFactory(published=True, title="Vertical tab", source_name="Press")
    roundup = RoundUpFactory(published=True, number=7, lead_story=story)
    # Stored before text was cleaned on save: written around the model.
    Story.objects.filter(pk=story.pk).update(
        title="Vertical\x0btab", summary="Sum\x0cmary\x01", body="Bo\x0bdy", source_name="Pr\x1bess"
    )
    RoundUp.objects.filter(pk=roundup.pk).update(title="Week\x0b7", introduction="In\x0btro")
    story.tags.add("tag")

    for url in FEEDS:
        response = client.get(url)
        assert response.status_code == 200, url
        root = ET.fromstring(response.content)
        text = "".join(root.itertext())
        assert not has_control_characters(text), url
    assert "Vertical\ntab" in client.get(FEEDS[0]).text
