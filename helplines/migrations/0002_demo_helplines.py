"""Demo help contacts from helplines/data/helplines.json, marked as demo data; and the
Moderators' permissions to maintain them (Editors may view them)."""

import json
from pathlib import Path

from django.contrib.auth.management import create_permissions
from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "helplines.json"
FIELDS = ("kind", "phone", "text_number", "hours", "languages", "url", "note")
MODERATORS = ["add_helpline", "change_helpline", "delete_helpline", "view_helpline",
              "verify_helpline"]  # fmt: skip
EDITORS = ["view_helpline"]


def demo_entries():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))["helplines"]


def load_demo_helplines(apps, schema_editor):
    Helpline = apps.get_model("helplines", "Helpline")
    Region = apps.get_model("stories", "Region")
    regions = {region.slug: region for region in Region.objects.all()}
    for position, entry in enumerate(demo_entries()):
        region = regions.get(entry["region"])
        if region is None:
            continue  # a database without the region tree (some test setups)
        Helpline.objects.get_or_create(
            region=region,
            name=entry["name"],
            defaults={
                **{field: entry.get(field, "") for field in FIELDS},
                "position": position,
                "is_demo": True,
            },
        )


def unload_demo_helplines(apps, schema_editor):
    Helpline = apps.get_model("helplines", "Helpline")
    for entry in demo_entries():
        Helpline.objects.filter(
            region__slug=entry["region"], name=entry["name"], is_demo=True
        ).delete()


def grant_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    app_config = apps.get_app_config("helplines")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Moderators", MODERATORS), ("Editors", EDITORS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="helplines", codename__in=codenames)
        )


def revoke_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Moderators", "Editors"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="helplines"))


class Migration(migrations.Migration):
    dependencies = [
        ("helplines", "0001_helplines"),
        ("stories", "0006_editorial_groups"),
    ]

    operations = [
        migrations.RunPython(load_demo_helplines, unload_demo_helplines),
        migrations.RunPython(grant_permissions, revoke_permissions),
    ]
