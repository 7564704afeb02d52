"""Theme additions the field's digests need: child labour, national referral mechanisms and
irregular migration, each under a starter theme and with keywords the importer suggests it by."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from stories.importer.matching import Document
from stories.importer.suggestions import Vocabulary, suggest_themes
from stories.models import Topic
from tests.factories import StoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

FIELD_THEMES = {
    "child-labour": "forced-labour",
    "national-referral-mechanisms": "survivor-support",
    "irregular-migration": "labour-migration",
}


@pytest.mark.parametrize("slug,parent", FIELD_THEMES.items())
def test_each_field_theme_sits_under_a_starter_theme_with_keywords(slug, parent):
    theme = Topic.objects.get(slug=slug)
    assert theme.parent.slug == parent
    assert theme.parent.parent is None  # the vocabulary stays two levels deep
    assert theme.keyword_list and theme.description


@pytest.mark.parametrize("slug,parent", FIELD_THEMES.items())
def test_a_story_on_a_field_theme_counts_for_its_parent_in_the_finder(client, slug, parent):
    StoryFactory(published=True, title="On the theme", topics=[Topic.objects.get(slug=slug)])

    for chosen in (slug, parent):
        response = client.get("/stories/", {"topic": chosen})
        assert [s.title for s in response.context["page_obj"]] == ["On the theme"]
    assert client.get(f"/topics/{slug}/").status_code == 200


@pytest.mark.parametrize(
    "text,slug",
    [
        ("Cocoa farms still rely on child labour, a new survey finds.", "child-labour"),
        ("The national referral mechanism failed to identify victims.",
         "national-referral-mechanisms"),
        ("Irregular migration routes across the Sahel grew more dangerous.",
         "irregular-migration"),
    ],
)  # fmt: skip
def test_the_digest_importer_suggests_the_field_themes(text, slug):
    suggested = suggest_themes(Document(text), Vocabulary(), lede_end=len(text))
    assert slug in [s.slug for s in suggested]


def test_the_theme_migration_reverses_and_reapplies():
    migration = importlib.import_module("stories.migrations.0016_field_themes")
    migration.remove_themes(apps, None)
    assert not Topic.objects.filter(slug__in=FIELD_THEMES).exists()
    migration.add_themes(apps, None)
    assert Topic.objects.filter(slug__in=FIELD_THEMES).count() == 3


def test_a_theme_a_moderator_already_made_is_left_as_it_is():
    migration = importlib.import_module("stories.migrations.0016_field_themes")
    Topic.objects.filter(slug="child-labour").update(keywords="child workers", parent=None)
    migration.add_themes(apps, None)
    theme = Topic.objects.get(slug="child-labour")
    assert theme.keywords == "child workers" and theme.parent is None
