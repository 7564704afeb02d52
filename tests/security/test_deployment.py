"""Production settings come from the environment: with HTTPS on, Django's deploy check is clean."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


# Variables of this shell that would change what is being checked.
OVERRIDDEN = {"DEBUG", "SECURE", "SITE_URL", "SECRET_KEY", "SECURE_HSTS_PRELOAD",
              "DJANGO_ALLOW_ASYNC_UNSAFE"}  # fmt: skip


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in OVERRIDDEN}
    environment.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "SITE_URL": "https://news.example.org",
    "ALLOWED_HOSTS": "news.example.org",
}


def test_deploy_check_reports_nothing_with_https_and_a_real_secret_key():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_complains_when_https_is_not_configured():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **{**PRODUCTION, "SITE_URL": "http://news.example.org"},
    )

    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr + result.stdout


def production_settings(**env: str) -> dict:
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({name: getattr(s, name, None) for name in ["
        "'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', "
        "'SECURE_HSTS_PRELOAD', 'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', "
        "'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_HTTPONLY', "
        "'CSRF_COOKIE_SAMESITE', 'SECURE_PROXY_SSL_HEADER', 'SILENCED_SYSTEM_CHECKS', "
        "'ADMIN_URL']}))"
    )
    result = run(["-c", script], DJANGO_SETTINGS_MODULE="newsroom.settings", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_https_settings_follow_the_site_url():
    values = production_settings(**PRODUCTION)

    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == values["CSRF_COOKIE_SAMESITE"] == "Lax"
    # Trusting X-Forwarded-Proto is an explicit choice, never the default.
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_secure_can_be_switched_on_without_an_https_site_url_and_proxy_trust_is_opt_in():
    environment = {**PRODUCTION, "SITE_URL": "http://internal"}
    values = production_settings(**environment, SECURE="1", SECURE_PROXY_SSL_HEADER="1")

    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_hsts_preload_can_be_left_out_deliberately():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **{**PRODUCTION, "SECURE_HSTS_PRELOAD": "0"},
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        production_settings(**{**PRODUCTION, "SECURE_HSTS_PRELOAD": "0"})["SECURE_HSTS_PRELOAD"]
        is False
    )


def test_the_admin_address_comes_from_the_environment():
    assert production_settings(**{**PRODUCTION, "ADMIN_URL": "/back-office"})["ADMIN_URL"] == (
        "back-office/"
    )


@pytest.mark.parametrize("debug", ["", "0"])
def test_debug_off_without_a_secret_key_refuses_to_start(debug):
    result = run(["manage.py", "check"], DEBUG=debug, SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
