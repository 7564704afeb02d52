"""Give the starter themes the keywords that suggest them when a digest is imported, from
stories/data/theme_keywords.json; moderators tune them in the admin afterwards."""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "theme_keywords.json"


def add_keywords(apps, schema_editor):
    Topic = apps.get_model("stories", "Topic")
    keywords = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for topic in Topic.objects.filter(slug__in=keywords, keywords=""):
        topic.keywords = "\n".join(keywords[topic.slug])
        topic.save(update_fields=["keywords"])


def remove_keywords(apps, schema_editor):
    Topic = apps.get_model("stories", "Topic")
    keywords = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    Topic.objects.filter(slug__in=keywords).update(keywords="")


class Migration(migrations.Migration):
    dependencies = [("stories", "0010_topic_keywords")]

    operations = [migrations.RunPython(add_keywords, remove_keywords)]
