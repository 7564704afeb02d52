"""Moderators (not editors) may prepare, preview, test and send newsletters."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = [
    "add_newsletter", "change_newsletter", "view_newsletter", "send_newsletter",
    "view_subscription",
]  # fmt: skip


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="newsletters", codename__in=MODERATORS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="newsletters", codename__in=MODERATORS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0001_subscriptions_and_sends"),
        ("stories", "0006_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
