"""Other sites may read the API from the browser: GET only, no credentials."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

ORIGIN = "https://partner.example"


def test_any_origin_may_read_the_api_by_default(client, archive):
    response = client.get("/api/v1/stories/", HTTP_ORIGIN=ORIGIN)

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_preflight_allows_get_with_an_api_key_and_nothing_that_writes(client, db):
    response = client.options(
        "/api/v1/stories/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-api-key",
    )

    assert response.status_code == 200
    methods = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert methods == {"GET", "HEAD", "OPTIONS"}
    assert "x-api-key" in response["Access-Control-Allow-Headers"]


def test_the_reader_pages_and_the_admin_get_no_cors_headers(client, archive):
    for url in ("/stories/", "/admin/login/"):
        assert "Access-Control-Allow-Origin" not in client.get(url, HTTP_ORIGIN=ORIGIN)


def test_configured_origins_alone_may_read(client, db, settings):
    settings.CORS_ALLOW_ALL_ORIGINS = False
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]

    allowed = client.get("/api/v1/topics/", HTTP_ORIGIN=ORIGIN)
    other = client.get("/api/v1/topics/", HTTP_ORIGIN="https://elsewhere.example")

    assert allowed["Access-Control-Allow-Origin"] == ORIGIN
    assert "Access-Control-Allow-Origin" not in other
