"""Security headers on public pages and in the admin; CSP leaves the admin working."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_security_headers(response) -> None:
    csp = directives(response)
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in " ".join(csp["script-src"] + csp["default-src"])
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions


def test_public_pages_carry_the_security_headers(client):
    story = StoryFactory(published=True)
    for url in ("/", "/stories/", story.get_absolute_url(), "/no-such-page/"):
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        assert_security_headers(response)


def test_admin_pages_carry_the_security_headers(client, admin_client):
    assert_security_headers(client.get(reverse("admin:login")))
    assert_security_headers(admin_client.get(reverse("admin:index")))
    assert_security_headers(admin_client.get(reverse("admin:stories_story_add")))


def test_the_admin_loads_scripts_only_from_files(admin_client):
    """Under script-src 'self' an inline script would not run: the admin must not need one."""
    response = admin_client.get(reverse("admin:stories_story_add"))
    html = response.text
    position = 0
    while (start := html.find("<script", position)) != -1:
        end = html.index(">", start)
        tag = html[start : end + 1]
        assert "src=" in tag or "application/json" in tag or "ld+json" in tag, tag
        position = end


def test_hsts_is_sent_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    response = client.get("/", secure=True)

    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_plain_http_is_redirected_when_ssl_redirect_is_on(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/stories/")

    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://")


def test_session_and_csrf_cookies_are_http_only_and_same_site(client, superuser, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    login = reverse("admin:login")
    form = client.get(login, secure=True)
    response = client.post(
        login,
        {"username": "admin", "password": "correct horse battery staple"},
        secure=True,
    )

    assert response.status_code == 302
    for cookie in (
        form.cookies[settings.CSRF_COOKIE_NAME],
        response.cookies[settings.SESSION_COOKIE_NAME],
    ):
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert cookie["secure"] is True
