"""Themes the field's digests need beyond the starter vocabulary (stories/data/field_themes.json),
each under a starter theme, with the keywords from theme_keywords.json that suggest it when a
digest is imported. A theme a moderator already made keeps its name, place and keywords."""

import json
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def add_themes(apps, schema_editor):
    Topic = apps.get_model("stories", "Topic")
    themes = json.loads((DATA_DIR / "field_themes.json").read_text(encoding="utf-8"))
    keywords = json.loads((DATA_DIR / "theme_keywords.json").read_text(encoding="utf-8"))
    for theme in themes:
        Topic.objects.get_or_create(
            slug=theme["slug"],
            defaults={
                "name": theme["name"],
                "description": theme["description"],
                "parent": Topic.objects.filter(slug=theme["parent"]).first(),
                "keywords": "\n".join(keywords.get(theme["slug"], [])),
            },
        )


def remove_themes(apps, schema_editor):
    Topic = apps.get_model("stories", "Topic")
    themes = json.loads((DATA_DIR / "field_themes.json").read_text(encoding="utf-8"))
    Topic.objects.filter(slug__in=[theme["slug"] for theme in themes]).delete()


class Migration(migrations.Migration):
    dependencies = [("stories", "0015_m49_intermediate_regions_and_groupings")]

    operations = [migrations.RunPython(add_themes, remove_themes)]
