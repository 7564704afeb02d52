"""Regenerate stories/data/regions.json from maintained datasets.

ISO 3166 countries come from pycountry and their UN M49 sub-region from country_converter's
table; only the names and codes of the M49 regions above countries, and the membership of the
groupings (from each body's official list), are written here. Install them with
`pip install -e .[regions]`.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.text import slugify

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "regions.json"

CONTINENTS = {
    "Africa": "002",
    "Americas": "019",
    "Asia": "142",
    "Europe": "150",
    "Oceania": "009",
}
SUBREGIONS = {
    "Northern Africa": ("015", "Africa"),
    "Eastern Africa": ("014", "Africa"),
    "Middle Africa": ("017", "Africa"),
    "Southern Africa": ("018", "Africa"),
    "Western Africa": ("011", "Africa"),
    "Caribbean": ("029", "Americas"),
    "Central America": ("013", "Americas"),
    "South America": ("005", "Americas"),
    "Northern America": ("021", "Americas"),
    "Central Asia": ("143", "Asia"),
    "Eastern Asia": ("030", "Asia"),
    "South-eastern Asia": ("035", "Asia"),
    "Southern Asia": ("034", "Asia"),
    "Western Asia": ("145", "Asia"),
    "Eastern Europe": ("151", "Europe"),
    "Northern Europe": ("154", "Europe"),
    "Southern Europe": ("039", "Europe"),
    "Western Europe": ("155", "Europe"),
    "Australia and New Zealand": ("053", "Oceania"),
    "Melanesia": ("054", "Oceania"),
    "Micronesia": ("057", "Oceania"),
    "Polynesia": ("061", "Oceania"),
}

# Official member lists, as ISO 3166-1 alpha-2 codes.
GROUPINGS = {
    "osce": {
        "name": "OSCE participating States",
        "description": "The 57 participating States of the Organization for Security and "
        "Co-operation in Europe.",
        "members": "AL AD AM AT AZ BY BE BA BG CA HR CY CZ DK EE FI FR GE DE GR VA HU IS IE IT "
        "KZ KG LV LI LT LU MT MD MC MN ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH TJ TR TM UA "
        "GB US UZ",
    },
    "asean": {
        "name": "ASEAN",
        "description": "The member states of the Association of Southeast Asian Nations.",
        "members": "BN KH ID LA MY MM PH SG TH TL VN",
    },
    "european-union": {
        "name": "European Union",
        "description": "The 27 member states of the European Union.",
        "members": "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI "
        "ES SE",
    },
    "african-union": {
        "name": "African Union",
        "description": "The 55 member states of the African Union.",
        "members": "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE "
        "LS LR LY MG MW ML MR MU MA MZ NA NE NG RW EH ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW",
    },
}


class Command(BaseCommand):
    help = "Regenerate the region data file from pycountry and country_converter."

    def handle(self, *args, **options):
        import country_converter
        import pycountry

        table = Path(country_converter.__file__).with_name("country_data.tsv")
        with table.open(encoding="utf-8") as handle:
            rows = {row["ISO3"]: row for row in csv.DictReader(handle, delimiter="\t")}

        regions = [{"slug": "world", "name": "World", "kind": "world", "m49": "001", "parent": ""}]
        for name, code in CONTINENTS.items():
            regions.append(
                {"slug": slugify(name), "name": name, "kind": "continent", "m49": code,
                 "parent": "world"}
            )  # fmt: skip
        for name, (code, continent) in SUBREGIONS.items():
            regions.append(
                {"slug": slugify(name), "name": name, "kind": "subregion", "m49": code,
                 "parent": slugify(continent)}
            )  # fmt: skip

        for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
            row = rows.get(country.alpha_3, {})
            name = row.get("name_short") or getattr(country, "common_name", country.name)
            subregion = row.get("UNregion", "")
            # M49 places Antarctica, alone, directly under the world.
            parent = slugify(subregion) if subregion in SUBREGIONS else "world"
            regions.append(
                {"slug": slugify(name), "name": name, "kind": "country", "m49": country.numeric,
                 "iso": country.alpha_2, "parent": parent}
            )  # fmt: skip

        groupings = []
        for slug, grouping in GROUPINGS.items():
            members = grouping["members"].split()
            groupings.append(
                {"slug": slug, "name": grouping["name"], "description": grouping["description"],
                 "members": members}
            )  # fmt: skip

        slugs = [region["slug"] for region in regions] + [g["slug"] for g in groupings]
        duplicates = {slug for slug in slugs if slugs.count(slug) > 1}
        if duplicates:
            raise ValueError(f"Region slugs are not unique: {sorted(duplicates)}")
        DATA_FILE.write_text(
            json.dumps({"regions": regions, "groupings": groupings}, indent=1, ensure_ascii=False)
            + "\n",
            encoding="utf-8",
        )
        self.stdout.write(f"Wrote {len(regions)} regions and {len(groupings)} groupings.")
