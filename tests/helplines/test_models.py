"""Which help contacts a place gets: its own, else the nearest region's, else the World's."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from helplines.models import Helpline
from tests.factories import HelplineFactory, UserFactory, region

pytestmark = pytest.mark.django_db

DATA_FILE = Path(__file__).resolve().parents[2] / "helplines" / "data" / "helplines.json"


@pytest.fixture
def no_demo_data():
    Helpline.objects.all().delete()


def names(contacts) -> list[str]:
    return [contact.name for contact in contacts]


def test_a_country_with_contacts_gets_only_its_own(no_demo_data):
    HelplineFactory(region=region("kenya"), name="Kenya line")
    HelplineFactory(region=region("africa"), name="Africa line")
    HelplineFactory(region=region("world"), name="World line")

    assert names(Helpline.objects.for_region(region("kenya"))) == ["Kenya line"]


def test_a_country_without_falls_back_to_the_nearest_region_that_has_some(no_demo_data):
    HelplineFactory(region=region("africa"), name="Africa line")
    HelplineFactory(region=region("world"), name="World line")

    assert names(Helpline.objects.for_region(region("kenya"))) == ["Africa line"]
    HelplineFactory(region=region("eastern-africa"), name="East Africa line")
    assert names(Helpline.objects.for_region(region("kenya"))) == ["East Africa line"]


def test_then_to_the_international_contacts(no_demo_data):
    HelplineFactory(region=region("world"), name="World line")
    HelplineFactory(region=region("europe"), name="Europe line")

    assert names(Helpline.objects.for_region(region("kenya"))) == ["World line"]
    assert names(Helpline.objects.for_region(region("africa"))) == ["World line"]


def test_a_grouping_has_its_own_or_the_international_contacts(no_demo_data):
    HelplineFactory(region=region("world"), name="World line")
    assert names(Helpline.objects.for_region(region("osce"))) == ["World line"]
    HelplineFactory(region=region("osce"), name="OSCE line")
    assert names(Helpline.objects.for_region(region("osce"))) == ["OSCE line"]


def test_no_contacts_anywhere_is_an_empty_list(no_demo_data):
    assert Helpline.objects.for_region(region("kenya")) == []


def test_a_contact_needs_a_phone_number_or_a_web_address(no_demo_data):
    contact = Helpline(region=region("kenya"), name="Nothing", phone="", url="")
    with pytest.raises(ValidationError) as error:
        contact.full_clean()
    assert error.value.error_dict["__all__"][0].code == "no_contact"
    with pytest.raises(IntegrityError), transaction.atomic():
        contact.save()


def test_only_a_verified_contact_loses_the_demo_mark(no_demo_data):
    contact = Helpline(region=region("kenya"), name="Line", phone="1", is_demo=False)
    with pytest.raises(ValidationError) as error:
        contact.full_clean()
    assert error.value.error_dict["last_verified"][0].code == "unverified"
    with pytest.raises(IntegrityError), transaction.atomic():
        contact.save()


def test_a_moderator_verifies_a_contact(no_demo_data, moderator):
    contact = HelplineFactory()

    contact.verify(by=moderator)

    contact.refresh_from_db()
    assert contact.is_demo is False
    assert contact.last_verified is not None
    assert contact.verified_by == moderator


def test_an_editor_cannot_verify_a_contact(no_demo_data, editor):
    contact = HelplineFactory()
    with pytest.raises(PermissionDenied):
        contact.verify(by=editor)
    with pytest.raises(PermissionDenied):
        contact.verify(by=None)
    with pytest.raises(PermissionDenied):
        contact.verify(by=UserFactory(is_active=False, is_superuser=True))
    contact.refresh_from_db()
    assert contact.is_demo is True


def test_phone_links_keep_only_digits_and_a_plus():
    assert Helpline(phone="08000 121 700").phone_link == "08000121700"
    assert Helpline(phone="+1 (888) 373-7888").phone_link == "+18883737888"
    assert Helpline(text_number="233733").text_link == "233733"


# --- The shipped demo data ----------------------------------------------------------------------


def test_the_demo_data_is_loaded_and_marked_as_demo():
    entries = json.loads(DATA_FILE.read_text())["helplines"]
    loaded = Helpline.objects.filter(name__in=[e["name"] for e in entries])

    assert loaded.count() == len(entries)
    assert all(contact.is_demo and contact.last_verified is None for contact in loaded)


def test_the_demo_numbers_are_the_well_known_ones():
    """Every phone number shipped is one of these; anything else is a web address only."""
    known = {
        ("united-kingdom", "08000 121 700", ""),
        ("united-states", "1-888-373-7888", "233733"),
        ("europe", "112", ""),
    }
    shipped = {
        (contact.region.slug, contact.phone, contact.text_number)
        for contact in Helpline.objects.select_related("region").exclude(phone="")
    }
    assert shipped == known
    us = Helpline.objects.get(region__slug="united-states")
    assert us.name == "National Human Trafficking Hotline" and "Polaris" in us.note


def test_the_demo_data_gives_every_place_some_help():
    for slug in ("united-kingdom", "kenya", "france", "osce", "canada", "brazil"):
        assert Helpline.objects.for_region(region(slug)), slug
    assert names(Helpline.objects.for_region(region("france"))) == ["European emergency number"]


def test_a_contact_s_page_is_its_place_s_page():
    contact = Helpline.objects.get(region__slug="united-kingdom")
    assert contact.get_absolute_url() == "/regions/united-kingdom/"
    assert str(contact) == "Modern Slavery & Exploitation Helpline (United Kingdom)"


def test_a_contact_checked_long_ago_keeps_its_date(no_demo_data):
    contact = HelplineFactory(verified=True, last_verified=datetime.date(2025, 1, 2))
    assert contact.last_verified == datetime.date(2025, 1, 2)
