"""Passwords hashed with Argon2 and validated; repeated failures lock a username out (axes)."""

from __future__ import annotations

import logging

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


def test_a_username_longer_than_any_account_is_a_failed_sign_in(client):
    from axes.models import AccessAttempt

    response = attempt(client, "a" * 300, "wrong password")

    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.text
    # Counted under the longest username an account can have: it fits the lockout table.
    assert [len(a.username) for a in AccessAttempt.objects.all()] == [150]


def test_lockout_log_lines_name_the_username_and_the_address_at_warning_level(client, caplog):
    UserFactory(username="moderator")
    caplog.set_level(logging.WARNING)

    for _ in range(5):
        attempt(client, "moderator", "wrong password", address="192.0.2.44")

    lockouts = [r for r in caplog.records if "Locking out" in r.getMessage()]
    assert len(lockouts) == 1
    assert lockouts[0].levelno == logging.WARNING
    assert 'username: "moderator"' in lockouts[0].getMessage()
    assert 'ip_address: "192.0.2.44"' in lockouts[0].getMessage()


def test_a_long_username_is_logged_cut_short(client, caplog):
    caplog.set_level(logging.WARNING)

    attempt(client, "b" * 5000, "wrong password")

    failures = [r.getMessage() for r in caplog.records if "login failure" in r.getMessage()]
    assert failures and f'username: "{"b" * 150}"' in failures[0]
    assert "b" * 151 not in failures[0]


def test_wrong_passwords_from_many_addresses_lock_the_account_everywhere(client, settings, caplog):
    settings.AXES_ACCOUNT_FAILURE_LIMIT = 12
    UserFactory(username="moderator")
    caplog.set_level(logging.WARNING)

    # Four tries from each address: never five from one, so no address is locked on its own.
    codes = [
        attempt(client, "moderator", "wrong password", address=f"198.51.100.{n}").status_code
        for n in range(3)
        for _ in range(4)
    ]

    assert codes == [200] * 11 + [429]
    # Locked at every address now, a new one included, even with the right password.
    assert attempt(client, "moderator", PASSWORD, address="203.0.113.77").status_code == 429
    assert any('Locking out username "moderator" at every address' in r.getMessage()
               for r in caplog.records if r.levelno == logging.WARNING)  # fmt: skip
    # Other accounts are not affected.
    UserFactory(username="editor")
    assert attempt(client, "editor", PASSWORD, address="203.0.113.77").status_code == 302


def test_a_client_reaching_the_app_directly_cannot_reset_its_lockout_with_x_forwarded_for(
    client, settings
):
    settings.AXES_CLIENT_IP_CALLABLE = "newsroom.security.client_ip"
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.254"]
    UserFactory(username="moderator")

    codes = [
        client.post(
            reverse("admin:login"),
            {"username": "moderator", "password": "wrong password"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(6)
    ]

    assert codes == [200] * 4 + [429] * 2


def request_from(remote: str, forwarded: str | None = None) -> HttpRequest:
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = remote
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


@pytest.mark.parametrize(
    ("remote", "forwarded", "client_address"),
    [
        # Not from the proxy: the header is the client's own invention.
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),
        # From the proxy: the address it appended, whatever the client put before it.
        ("10.0.0.254", "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        # Through two of our proxies (a network): the first address that is not one of them.
        ("10.0.0.254", "1.1.1.1, 203.0.113.9, 10.1.2.3", "203.0.113.9"),
        # A proxy that forwarded no header, or garbage: its own address.
        ("10.0.0.254", None, "10.0.0.254"),
        ("10.0.0.254", "not-an-address", "10.0.0.254"),
    ],
)
def test_x_forwarded_for_counts_only_from_the_trusted_proxies(
    settings, remote, forwarded, client_address
):
    from newsroom.security import client_ip

    settings.FORWARDED_ALLOW_IPS = ["10.0.0.254", "10.1.0.0/16"]

    assert client_ip(request_from(remote, forwarded)) == client_address


def test_a_wildcard_proxy_list_takes_the_address_the_last_proxy_appended(settings):
    from newsroom.security import client_ip

    settings.FORWARDED_ALLOW_IPS = ["*"]

    assert client_ip(request_from("10.9.9.9", "198.51.100.1, 203.0.113.9")) == "203.0.113.9"
