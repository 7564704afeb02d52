"""Passwords hashed with Argon2 and validated; repeated failures lock a username out (axes)."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from newsroom import settings as project_settings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def test_new_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert make_password(PASSWORD).startswith("argon2$")


@pytest.mark.parametrize(
    "password", ["short", "elevenchars", "password1234", "qwertyuiop123", "123456789012345"]
)
def test_short_common_or_numeric_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("tender-orbit-lantern-97")


def attempt(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_five_wrong_passwords_lock_the_username_from_that_address_with_429(client, settings):
    UserFactory(username="moderator")

    responses = [attempt(client, "moderator", "wrong password") for _ in range(4)]
    assert [response.status_code for response in responses] == [200] * 4
    assert "Please enter the correct username and password" in responses[-1].text

    assert attempt(client, "moderator", "wrong password").status_code == 429
    # Locked: even the right password is refused now.
    assert attempt(client, "moderator", PASSWORD).status_code == 429


def test_a_lockout_leaves_other_users_and_other_addresses_alone(client):
    UserFactory(username="moderator")
    UserFactory(username="editor")
    for _ in range(5):
        attempt(client, "moderator", "wrong password")

    assert attempt(client, "editor", PASSWORD).status_code == 302
    client.logout()
    assert attempt(client, "moderator", PASSWORD, address="10.0.0.2").status_code == 302


def test_a_successful_sign_in_resets_the_count(client):
    UserFactory(username="moderator")
    for _ in range(4):
        attempt(client, "moderator", "wrong password")
    assert attempt(client, "moderator", PASSWORD).status_code == 302
    client.logout()

    for _ in range(4):
        assert attempt(client, "moderator", "wrong password").status_code == 200


def test_force_login_is_untouched_by_lockouts(client):
    user = UserFactory(username="moderator", is_superuser=True)
    for _ in range(5):
        attempt(client, "moderator", "wrong password")

    client.force_login(user)

    assert client.get(reverse("admin:index")).status_code == 200


def test_test_client_login_needs_a_request_for_the_lockout_check(client):
    """django-axes counts attempts per request: pass one, or use force_login."""
    UserFactory(username="moderator")

    with pytest.raises(ValueError, match="requires a request"):
        client.login(username="moderator", password=PASSWORD)
    assert client.login(request=HttpRequest(), username="moderator", password=PASSWORD)
