"""The Editors and Moderators groups: what the migrations grant, and what tests rebuild."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

GRANTED = {
    "Editors": {"submit_story", "view_helpline"},
    "Moderators": {"publish_roundup", "approve_organization", "send_newsletter", "change_helpline"},
}


def codenames(name: str) -> set[str]:
    return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


@pytest.mark.parametrize("name", GRANTED)
def test_the_migrations_grant_each_group_its_permissions(name):
    assert GRANTED[name] <= codenames(name)


def test_after_a_flush_the_fixture_rebuilds_the_groups_as_the_migrations_made_them(request):
    migrated = {name: codenames(name) for name in GRANTED}
    Group.objects.all().delete()  # what a transactional test's flush leaves behind

    request.getfixturevalue("editorial_groups")

    assert {name: codenames(name) for name in GRANTED} == migrated
