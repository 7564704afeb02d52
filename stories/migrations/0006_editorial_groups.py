"""The Editors and Moderators groups with their permissions (superusers need no group)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = {
    "stories": [
        "add_story", "change_story", "view_story", "submit_story",
        "add_roundup", "change_roundup", "view_roundup", "submit_roundup",
        "add_roundupitem", "change_roundupitem", "delete_roundupitem", "view_roundupitem",
        "view_topic", "view_region", "view_transition",
        "add_previewlink", "change_previewlink", "view_previewlink",
    ],
    "organizations": ["add_organization", "change_organization", "view_organization"],
    "taggit": ["add_tag", "view_tag"],
}
MODERATORS = {
    "stories": EDITORS["stories"] + [
        "approve_story", "publish_story", "delete_story",
        "approve_roundup", "publish_roundup", "delete_roundup",
        "add_topic", "change_topic",
    ],
    "organizations": EDITORS["organizations"] + ["delete_organization"],
    "taggit": EDITORS["taggit"] + ["change_tag"],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in (("Editors", EDITORS), ("Moderators", MODERATORS)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in grants.items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Moderators"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0005_workflow_permissions"),
        ("organizations", "0002_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
