import pytest
from django.contrib.auth.models import Group, Permission

from tests.factories import UserFactory


@pytest.fixture
def newsletter_moderator(moderator):
    """A moderator with the newsletter permissions their migration grants (flushed in e2e)."""
    group = Group.objects.get(name="Moderators")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="newsletters",
            codename__in=[
                "add_newsletter", "change_newsletter", "view_newsletter", "send_newsletter",
                "view_subscription",
            ],
        )
    )  # fmt: skip
    return type(moderator).objects.get(pk=moderator.pk)


@pytest.fixture
def reader_email():
    return "reader@example.net"


@pytest.fixture
def staff_without_newsletters(db):
    return UserFactory(username="plain_staff")


@pytest.fixture(autouse=True)
def commit_callbacks_run_at_once(monkeypatch):
    """Tests run inside a transaction that never commits: after-commit work runs at once here.

    Tests about what happens on rollback use `django_capture_on_commit_callbacks` instead.
    """
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture(autouse=True)
def fresh_rendering_cache():
    """Rolled-back tests reuse primary keys: a newsletter rendered in one is not another's."""
    from newsletters import sending

    sending._parts_cache.clear()
