"""A type on stories (news, analysis, report, call for input, funding, event), for the finder's
type filter and the schema.org type of story pages.

Until now a call for input was a story tagged "call for input" (the digest importer and the demo
content tagged them so): those stories become calls for input. The tag stays, as editors gave it.
"""

from django.db import migrations, models

import stories.models.workflow

CALL_FOR_INPUT_TAG = "call for input"


def calls_for_input_from_tag(apps, schema_editor):
    Story = apps.get_model("stories", "Story")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    ContentType = apps.get_model("contenttypes", "ContentType")
    story_type = ContentType.objects.filter(app_label="stories", model="story").first()
    if story_type is None:  # a fresh database: no story was ever tagged
        return
    tagged = TaggedItem.objects.filter(
        content_type=story_type, tag__name__iexact=CALL_FOR_INPUT_TAG
    ).values("object_id")
    Story.objects.filter(pk__in=tagged, kind="news").update(kind="call-for-input")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("stories", "0016_field_themes"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="story",
            name="kind",
            field=models.CharField(
                choices=[
                    ("news", "News"),
                    ("analysis", "Analysis"),
                    ("report", "Report"),
                    ("call-for-input", "Call for input"),
                    ("funding", "Funding"),
                    ("event", "Event"),
                ],
                db_default="news",
                default="news",
                help_text=(
                    "What sort of piece this is. Readers filter by it; search engines are told an "
                    "event (with its date), a report or analysis apart from news."
                ),
                max_length=20,
                verbose_name="type",
            ),
        ),
        migrations.AlterField(
            model_name="story",
            name="event_date",
            field=models.DateField(
                blank=True,
                help_text=(
                    "When the event happened or the original report appeared; for an event (the "
                    "type), the day it takes place, which search engines are given."
                ),
                null=True,
                validators=[stories.models.workflow.validate_plausible_date],
            ),
        ),
        migrations.AddIndex(
            model_name="story",
            index=models.Index(fields=["kind", "-published_at"], name="story_kind_published"),
        ),
        # Backwards, removing the column undoes it: the tags were never touched.
        migrations.RunPython(calls_for_input_from_tag, migrations.RunPython.noop),
    ]
