"""Regenerate stories/data/regions.json from maintained datasets.

ISO 3166 countries come from pycountry and their UN M49 sub-region from country_converter's
table; only the names and codes of the M49 regions above countries (regions, sub-regions and
intermediate regions, as the UN Statistics Division lists them), and the membership of the
groupings (from each body's official list, dated), are written here. Install them with
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
    "Sub-Saharan Africa": ("202", "Africa"),
    "Latin America and the Caribbean": ("419", "Americas"),
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
# M49's third level, between some sub-regions and their countries.
INTERMEDIATE_REGIONS = {
    "Eastern Africa": ("014", "Sub-Saharan Africa"),
    "Middle Africa": ("017", "Sub-Saharan Africa"),
    "Southern Africa": ("018", "Sub-Saharan Africa"),
    "Western Africa": ("011", "Sub-Saharan Africa"),
    "Caribbean": ("029", "Latin America and the Caribbean"),
    "Central America": ("013", "Latin America and the Caribbean"),
    "South America": ("005", "Latin America and the Caribbean"),
    "Channel Islands": ("830", "Northern Europe"),
}
# country_converter places these in the sub-region; M49 in the intermediate region.
COUNTRY_PARENTS = {"GG": "Channel Islands", "JE": "Channel Islands"}

# Official member lists, as ISO 3166-1 alpha-2 codes, as of the date given, with the changes
# that made them so: a country that left or is suspended is not a member.
GROUPINGS = {
    "osce": {
        "name": "OSCE participating States",
        "description": "The 57 participating States of the Organization for Security and "
        "Co-operation in Europe.",
        "members": "AL AD AM AT AZ BY BE BA BG CA HR CY CZ DK EE FI FR GE DE GR VA HU IS IE IT "
        "KZ KG LV LI LT LU MT MD MC MN ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH TJ TR TM UA "
        "GB US UZ",
        "as_of": "2012-11-21",
        "source": "https://www.osce.org/participating-states",
        "changes": [{"date": "2012-11-21", "joined": ["MN"]}],
    },
    "asean": {
        "name": "ASEAN",
        "description": "The member states of the Association of Southeast Asian Nations.",
        "members": "BN KH ID LA MY MM PH SG TH TL VN",
        "as_of": "2025-10-26",
        "source": "https://asean.org/member-states/",
        "changes": [{"date": "2025-10-26", "joined": ["TL"]}],
    },
    "european-union": {
        "name": "European Union",
        "description": "The 27 member states of the European Union.",
        "members": "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI "
        "ES SE",
        "as_of": "2020-02-01",
        "source": "https://european-union.europa.eu/principles-countries-history/eu-countries_en",
        "changes": [{"date": "2020-02-01", "left": ["GB"]}],
    },
    "african-union": {
        "name": "African Union",
        "description": "The 55 member states of the African Union.",
        "members": "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE "
        "LS LR LY MG MW ML MR MU MA MZ NA NE NG RW EH ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW",
        "as_of": "2017-01-30",
        "source": "https://au.int/en/member_states/countryprofiles2",
        "changes": [{"date": "2017-01-30", "joined": ["MA"]}],
    },
    "western-balkans": {
        "name": "Western Balkans",
        "description": "The countries of South-East Europe the European Union names the Western "
        "Balkans: Albania, Bosnia and Herzegovina, Kosovo, Montenegro, North Macedonia and "
        "Serbia. Kosovo has no ISO 3166 code and is not in the list of places; tag its stories "
        "with the Western Balkans. Croatia was counted until it joined the EU on 1 July 2013.",
        "members": "AL BA ME MK RS",
        "as_of": "2013-07-01",
        "source": "https://www.consilium.europa.eu/en/policies/enlargement/western-balkans/",
        "changes": [{"date": "2013-07-01", "left": ["HR"]}],
        "not_listed": ["Kosovo"],
    },
    "council-of-europe": {
        "name": "Council of Europe member states",
        "description": "The 46 member states of the Council of Europe. The Russian Federation "
        "was expelled on 16 March 2022.",
        "members": "AL AD AM AT AZ BE BA BG HR CY CZ DK EE FI FR GE DE GR HU IS IE IT LV LI LT "
        "LU MT MD MC ME NL MK NO PL PT RO SM RS SK SI ES SE CH TR UA GB",
        "as_of": "2022-03-16",
        "source": "https://www.coe.int/en/web/portal/46-members-states",
        "changes": [{"date": "2022-03-16", "left": ["RU"]}],
    },
    "ecowas": {
        "name": "ECOWAS",
        "description": "The 12 member states of the Economic Community of West African States. "
        "Burkina Faso, Mali and Niger left on 29 January 2025.",
        "members": "BJ CV CI GM GH GN GW LR NG SN SL TG",
        "as_of": "2025-01-29",
        "source": "https://www.ecowas.int/member-states/",
        "changes": [{"date": "2025-01-29", "left": ["BF", "ML", "NE"]}],
    },
    "gulf-cooperation-council": {
        "name": "Gulf Cooperation Council",
        "description": "The six member states of the Cooperation Council for the Arab States "
        "of the Gulf, unchanged since its founding on 25 May 1981.",
        "members": "BH KW OM QA SA AE",
        "as_of": "1981-05-25",
        "source": "https://www.gcc-sg.org/en/",
        "changes": [],
    },
    "saarc": {
        "name": "SAARC",
        "description": "The eight member states of the South Asian Association for Regional "
        "Cooperation. Afghanistan, the latest, joined in April 2007.",
        "members": "AF BD BT IN MV NP PK LK",
        "as_of": "2007-04-03",
        "source": "https://www.saarc-sec.org/index.php/about-saarc/about-saarc",
        "changes": [{"date": "2007-04-03", "joined": ["AF"]}],
    },
    "mercosur": {
        "name": "Mercosur",
        "description": "The States Parties of the Southern Common Market with their rights in "
        "force: Argentina, Brazil, Paraguay, Uruguay and, since July 2024, Bolivia. Venezuela "
        "has been suspended since December 2016, under the democratic clause since August 2017.",
        "members": "AR BR PY UY BO",
        "as_of": "2024-07-08",
        "source": "https://www.mercosur.int/en/about-mercosur/mercosur-countries/",
        "changes": [
            {"date": "2016-12-01", "suspended": ["VE"]},
            {"date": "2024-07-08", "joined": ["BO"]},
        ],
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
        for name, (code, subregion) in INTERMEDIATE_REGIONS.items():
            regions.append(
                {"slug": slugify(name), "name": name, "kind": "intermediate", "m49": code,
                 "parent": slugify(subregion)}
            )  # fmt: skip
        areas = {**SUBREGIONS, **INTERMEDIATE_REGIONS}

        for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
            row = rows.get(country.alpha_3, {})
            name = row.get("name_short") or getattr(country, "common_name", country.name)
            area = COUNTRY_PARENTS.get(country.alpha_2) or row.get("UNregion", "")
            # M49 places Antarctica, alone, directly under the world.
            parent = slugify(area) if area in areas else "world"
            regions.append(
                {"slug": slugify(name), "name": name, "kind": "country", "m49": country.numeric,
                 "iso": country.alpha_2, "parent": parent}
            )  # fmt: skip

        groupings = []
        for slug, grouping in GROUPINGS.items():
            members = grouping["members"].split()
            groupings.append({"slug": slug, **grouping, "members": members})

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
