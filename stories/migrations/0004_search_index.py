"""A GIN index on the stories' search vector, on PostgreSQL only (SQLite has no tsvector)."""

from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS story_search_vector_gin ON stories_story USING gin (search_vector)"
DROP = "DROP INDEX IF EXISTS story_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("stories", "0003_starter_topics")]

    operations = [migrations.RunPython(create_index, drop_index)]
