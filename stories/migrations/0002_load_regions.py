"""Load the UN M49 region tree, ISO 3166 countries and the groupings from stories/data."""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "regions.json"


def load_regions(apps, schema_editor):
    Region = apps.get_model("stories", "Region")
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    by_slug = {}
    # The file lists parents before their children.
    for entry in data["regions"]:
        parent = by_slug.get(entry["parent"])
        prefix = parent.path if parent else "/"
        by_slug[entry["slug"]] = Region.objects.create(
            slug=entry["slug"],
            name=entry["name"],
            kind=entry["kind"],
            m49_code=entry["m49"],
            iso_code=entry.get("iso", ""),
            parent=parent,
            path=f"{prefix}{entry['m49']}/",
        )
    by_iso = {region.iso_code: region for region in by_slug.values() if region.iso_code}
    for entry in data["groupings"]:
        grouping = Region.objects.create(
            slug=entry["slug"],
            name=entry["name"],
            kind="grouping",
            description=entry["description"],
        )
        grouping.members.set([by_iso[code] for code in entry["members"]])


def unload_regions(apps, schema_editor):
    Region = apps.get_model("stories", "Region")
    Region.members.through.objects.all().delete()
    # Children before parents: the tree is protected against orphaning.
    for kind in ("grouping", "country", "subregion", "continent", "world"):
        Region.objects.filter(kind=kind).delete()


class Migration(migrations.Migration):
    dependencies = [("stories", "0001_initial")]

    operations = [migrations.RunPython(load_regions, unload_regions)]
