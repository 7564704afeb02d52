"""Bring the places up to stories/data/regions.json: the M49 level the tree lacked (Sub-Saharan
Africa, Latin America and the Caribbean, the Channel Islands, with the regions below them now
M49's intermediate regions) and the groupings the field uses, with their dated membership.

Idempotent: a database that 0002 loaded from the current file already has all of it. Regions
already there keep their names; a grouping a moderator already made keeps its members.
"""

import json
from pathlib import Path

from django.db import migrations, models

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "regions.json"
ADDED_AREAS = ["sub-saharan-africa", "latin-america-and-the-caribbean", "channel-islands"]
ADDED_GROUPINGS = [
    "western-balkans", "council-of-europe", "ecowas", "gulf-cooperation-council", "saarc",
    "mercosur",
]  # fmt: skip


def recompute_paths(Region):
    """Materialised paths from the parents, top down, for every place in the tree."""
    places = list(Region.objects.exclude(kind="grouping"))
    children = {}
    for place in places:
        children.setdefault(place.parent_id, []).append(place)
    pending = [(place, "/") for place in children.get(None, [])]
    while pending:
        place, prefix = pending.pop()
        path = f"{prefix}{place.m49_code}/"
        if place.path != path:
            place.path = path
            place.save(update_fields=["path"])
        pending.extend((child, path) for child in children.get(place.pk, []))


def sync_regions(apps, schema_editor):
    Region = apps.get_model("stories", "Region")
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    by_slug = {region.slug: region for region in Region.objects.all()}
    for entry in data["regions"]:  # parents before their children
        parent = by_slug.get(entry["parent"])
        region = by_slug.get(entry["slug"])
        if region is None:
            by_slug[entry["slug"]] = Region.objects.create(
                slug=entry["slug"],
                name=entry["name"],
                kind=entry["kind"],
                m49_code=entry["m49"],
                iso_code=entry.get("iso", ""),
                parent=parent,
            )
        elif region.kind != "grouping" and (
            region.parent_id != (parent.pk if parent else None) or region.kind != entry["kind"]
        ):
            region.parent, region.kind = parent, entry["kind"]
            region.save(update_fields=["parent", "kind"])
    recompute_paths(Region)
    by_iso = {r.iso_code: r for r in Region.objects.filter(kind="country").exclude(iso_code="")}
    for entry in data["groupings"]:
        grouping, created = Region.objects.get_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "kind": "grouping",
                "description": entry["description"],
            },
        )
        if created:
            grouping.members.set([by_iso[code] for code in entry["members"] if code in by_iso])


def unsync_regions(apps, schema_editor):
    Region = apps.get_model("stories", "Region")
    Region.objects.filter(slug__in=ADDED_GROUPINGS, kind="grouping").delete()
    for area in Region.objects.filter(slug__in=ADDED_AREAS).exclude(kind="grouping"):
        area.children.update(parent=area.parent_id)
        area.delete()
    Region.objects.filter(kind="intermediate").update(kind="subregion")
    recompute_paths(Region)


class Migration(migrations.Migration):
    dependencies = [("stories", "0014_story_deadline_time")]

    operations = [
        migrations.AlterField(
            model_name="region",
            name="kind",
            field=models.CharField(
                choices=[
                    ("world", "World"),
                    ("continent", "Region"),
                    ("subregion", "Sub-region"),
                    ("intermediate", "Intermediate region"),
                    ("country", "Country or area"),
                    ("grouping", "Grouping of countries"),
                ],
                max_length=16,
            ),
        ),
        migrations.RunPython(sync_regions, unsync_regions),
    ]
