"""Moderators keep help contacts in the admin: the rendered form, submitted as a browser would."""

from __future__ import annotations

import pytest
from django.urls import reverse

from helplines.models import Helpline
from tests.factories import HelplineFactory, region

pytestmark = pytest.mark.django_db


def test_a_moderator_adds_a_hotline_through_the_rendered_form(django_app, moderator):
    page = django_app.get(reverse("admin:helplines_helpline_add"), user=moderator)
    form = page.forms["helpline_form"]
    form["region"].force_value(str(region("kenya").pk))  # an autocomplete box
    form["name"] = "Kenya child helpline"
    form["kind"] = "hotline"
    form["phone"] = "116"
    form["hours"] = "24 hours, every day"
    form["languages"] = "English, Swahili"

    response = form.submit().follow()

    assert response.status_code == 200
    contact = Helpline.objects.get(name="Kenya child helpline")
    assert contact.region.slug == "kenya" and contact.phone == "116"
    assert contact.is_demo is True  # new entries stay marked until verified


def test_a_contact_with_neither_phone_nor_address_is_refused_with_a_reason(django_app, moderator):
    page = django_app.get(reverse("admin:helplines_helpline_add"), user=moderator)
    form = page.forms["helpline_form"]
    form["region"].force_value(str(region("kenya").pk))
    form["name"] = "Nowhere"

    response = form.submit()

    assert response.status_code == 200
    assert "Give a phone number or a web address" in response.text
    assert not Helpline.objects.filter(name="Nowhere").exists()


def test_unticking_demo_data_needs_a_verification_date(django_app, moderator):
    contact = HelplineFactory(name="Line")
    page = django_app.get(
        reverse("admin:helplines_helpline_change", args=[contact.pk]), user=moderator
    )
    form = page.forms["helpline_form"]
    form["is_demo"] = False

    response = form.submit()

    assert "Say when it was checked" in response.text
    contact.refresh_from_db()
    assert contact.is_demo is True


def test_a_moderator_verifies_contacts_from_the_list(django_app, moderator):
    contact = Helpline.objects.get(region__slug="united-kingdom")
    page = django_app.get(reverse("admin:helplines_helpline_changelist"), user=moderator)
    form = page.forms["changelist-form"]
    form["action"] = "verify"
    form.get("_selected_action", index=0)  # the list renders a checkbox per row
    for checkbox in form.fields["_selected_action"]:
        if checkbox._value == str(contact.pk):
            checkbox.checked = True

    response = form.submit().follow()

    assert "1 contact(s) marked as verified today." in response.text
    contact.refresh_from_db()
    assert contact.is_demo is False and contact.verified_by == moderator


def test_editors_see_the_contacts_but_cannot_change_or_verify_them(django_app, editor):
    contact = Helpline.objects.get(region__slug="united-kingdom")
    listing = django_app.get(reverse("admin:helplines_helpline_changelist"), user=editor)
    assert "Modern Slavery" in listing.text
    assert 'value="verify"' not in listing.text
    django_app.get(reverse("admin:helplines_helpline_add"), user=editor, status=403)
    change = django_app.get(
        reverse("admin:helplines_helpline_change", args=[contact.pk]), user=editor
    )
    assert "name" not in change.forms["helpline_form"].fields  # shown read-only
    assert "_save" not in change.text
