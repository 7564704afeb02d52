"""The OpenAPI schema is generated from the code, and its page works from our own files."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_is_openapi_3_json_describing_every_endpoint(client):
    response = client.get("/api/v1/schema/?format=json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/stories/",
        "/api/v1/stories/{slug}/",
        "/api/v1/digests/",
        "/api/v1/digests/{slug}/",
        "/api/v1/deadlines/",
        "/api/v1/topics/",
        "/api/v1/regions/",
        "/api/v1/organizations/",
    } <= set(schema["paths"])
    story_list = schema["paths"]["/api/v1/stories/"]["get"]
    parameters = {parameter["name"] for parameter in story_list["parameters"]}
    assert {"topic", "region", "organization", "tag", "q", "from", "to", "open", "sort"} <= (
        parameters
    )
    assert {"fields", "facets", "cursor", "page_size"} <= parameters
    assert "400" in story_list["responses"]


def test_the_documentation_page_loads_only_our_own_files(client):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<style>" not in html and "<script>" not in html  # nothing the CSP refuses
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "http" not in html.replace('href="/', "").split("<body>")[1]  # no CDN
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert "/api/v1/schema/" in script.content.decode()
