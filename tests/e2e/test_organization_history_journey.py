"""A moderator restores an organization's saved version in a real browser: its text comes back,
its approval stays as the moderator left it."""

from __future__ import annotations

import re

import pytest

from organizations.models import Organization
from tests.e2e.conftest import sign_in
from tests.factories import OrganizationFactory
from tests.security.test_history import revision_url, saved_version

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_restoring_an_approved_version_does_not_show_a_withdrawn_organization(
    page, moderator, client
):
    organization = OrganizationFactory(
        name="Mekong Club", slug="mekong-club", approved=True, description="Approved text"
    )
    while_approved = saved_version(organization)
    Organization.objects.filter(pk=organization.pk).update(approved=False, description="Withdrawn")

    sign_in(page, "moderator")
    page.goto(revision_url(organization, while_approved))
    assert "Its approval for readers stays as it is now." in page.inner_text("#restore-form")
    page.click("#restore-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/change/$"))
    assert "restored the version saved on" in page.inner_text(".messagelist")

    restored = Organization.objects.get(pk=organization.pk)
    assert restored.description == "Approved text"
    assert not restored.approved
    assert client.get("/organizations/mekong-club/").status_code == 404
