"""A newsroom's vocabulary as the importer meets it: the organizations it has recorded, and
the themes and regions the field uses."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from stories.models import Region, Topic
from tests.factories import OrganizationFactory

DIGESTS = Path(__file__).resolve().parent / "digests"
THEME_KEYWORDS = Path(__file__).resolve().parents[3] / "stories" / "data" / "theme_keywords.json"

# name, acronym, slug, aliases: the bodies a weekly anti-trafficking digest mentions most.
ORGANIZATIONS = [
    ("Organization for Security and Co-operation in Europe", "OSCE", "osce",
     ["Organisation for Security and Co-operation in Europe"]),
    ("International Organization for Migration", "IOM", "iom",
     ["UN Migration", "International Organisation for Migration"]),
    ("Winrock International", "", "winrock-international", ["Winrock"]),
    ("La Strada International", "LSI", "la-strada-international", ["La Strada"]),
    ("Freedom Collaborative", "", "freedom-collaborative", []),
    ("Association of Southeast Asian Nations", "ASEAN", "asean", ["ASEAN Secretariat"]),
    ("ASEAN Commission on the Promotion and Protection of the Rights of Women and Children",
     "ACWC", "asean-acwc", []),
    ("ASEAN-Australia Counter Trafficking", "ASEAN-ACT", "asean-act",
     ["ASEAN-Australia Counter Trafficking program"]),
    ("Hestia", "", "hestia", []),
    ("The Salvation Army", "", "salvation-army", ["Salvation Army"]),
    ("Business & Human Rights Resource Centre", "BHRRC", "business-human-rights-resource-centre",
     ["Business and Human Rights Resource Centre"]),
    ("KnowTheChain", "", "knowthechain", ["Know The Chain"]),
    ("Office of the United Nations High Commissioner for Human Rights", "OHCHR", "ohchr",
     ["UN Human Rights", "Office of the High Commissioner for Human Rights"]),
    ("Committee on the Rights of the Child", "CRC", "un-committee-on-the-rights-of-the-child",
     ["UN Committee on the Rights of the Child"]),
    ("Directorate of Criminal Investigations", "DCI", "kenya-dci", ["Kenya DCI"]),
    ("Ministry of Foreign and Diaspora Affairs (Kenya)", "", "kenya-ministry-of-foreign-affairs",
     ["Kenyan Embassy in Thailand", "Government of Kenya"]),
    ("United States Agency for International Development", "USAID", "usaid",
     ["U.S. Agency for International Development"]),
    ("U.S. Department of Labor", "DOL", "us-department-of-labor",
     ["US Department of Labor", "Bureau of International Labor Affairs"]),
    ("International Labour Organization", "ILO", "ilo", ["International Labour Office"]),
    ("United Nations Office on Drugs and Crime", "UNODC", "unodc", []),
    ("Council of Europe", "CoE", "council-of-europe", []),
    ("Group of Experts on Action against Trafficking in Human Beings", "GRETA", "coe-greta", []),
    ("Walk Free", "", "walk-free", ["Walk Free Foundation"]),
    ("Polaris", "", "polaris-project", ["Polaris Project"]),
    ("ECPAT International", "ECPAT", "ecpat-international", []),
    ("Home Office", "", "uk-home-office", ["UK Home Office"]),
]  # fmt: skip

# Themes the field's digests need beyond the starter vocabulary: (slug, name, parent slug).
THEMES = [
    ("child-labour", "Child labour", "forced-labour"),
    ("national-referral-mechanisms", "National referral mechanisms", "survivor-support"),
    ("irregular-migration", "Irregular migration", "labour-migration"),
]


@pytest.fixture
def newsroom_organizations(db):
    return {
        slug: OrganizationFactory(name=name, acronym=acronym, slug=slug, aliases="\n".join(aliases))
        for name, acronym, slug, aliases in ORGANIZATIONS
    }


@pytest.fixture
def field_vocabulary(db):
    """The field's regions and themes beyond the starter data, with their keywords."""
    keywords = json.loads(THEME_KEYWORDS.read_text(encoding="utf-8"))
    for slug, name, parent in THEMES:
        Topic.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "parent": Topic.objects.get(slug=parent),
                "keywords": "\n".join(keywords[slug]),
            },
        )
    africa = Region.objects.get(slug="africa")
    Region.objects.get_or_create(
        slug="sub-saharan-africa",
        defaults={"name": "Sub-Saharan Africa", "kind": Region.Kind.SUBREGION, "m49_code": "202",
                  "parent": africa},
    )  # fmt: skip
    balkans, _ = Region.objects.get_or_create(
        slug="western-balkans",
        defaults={"name": "Western Balkans", "kind": Region.Kind.GROUPING},
    )
    balkans.members.set(Region.objects.filter(iso_code__in=["AL", "BA", "ME", "MK", "RS"]))


def _places_to_look() -> list[Path]:
    """The folders above this checkout and, for a clone, above the repository it came from."""
    here = Path(__file__).resolve()
    places = list(here.parents)
    try:
        origin = subprocess.run(
            ["git", "-C", str(here.parent), "config", "--get", "remote.origin.url"],
            capture_output=True, text=True, timeout=10, check=False,
        ).stdout.strip()  # fmt: skip
    except OSError:
        origin = ""
    if origin and Path(origin).is_absolute():
        places += [Path(origin), *Path(origin).parents]
    return places


def seed_path() -> Path:
    """The real digest the product owners shared, beside the repository (never copied in)."""
    for parent in _places_to_look():
        seeds = parent / "shared" / "seeds"
        for path in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
            if path.read_text(encoding="utf-8").startswith("OSCE leaders call for concerted"):
                return path
    raise FileNotFoundError(
        "The seed digest (shared/seeds/*.txt, beside the repository) was not found."
    )


@pytest.fixture
def seed_text() -> str:
    return seed_path().read_text(encoding="utf-8")
