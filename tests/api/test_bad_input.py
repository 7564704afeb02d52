"""Every bad parameter is a 400 naming it and what it accepts: never a 500, never ignored."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing

pytestmark = pytest.mark.django_db


def cursor_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["cursor"][0]


def refused(response) -> dict[str, dict]:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    return {error["parameter"]: error for error in response.json()["errors"]}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("colour=red", "colour"),  # unknown filter
        ("topics=forced-labour", "topics"),  # a near miss is not silently ignored
        ("page=2", "page"),  # the finder's page numbers are not the API's cursors
        ("topic=no-such-theme", "topic"),
        ("topic=forced-labour,child-trafficking", "topic"),  # repeat the parameter instead
        ("region=atlantis", "region"),
        ("organization=nobody", "organization"),
        ("tag=secret-draft-tag", "tag"),  # a draft's tag is not offered
        ("from=2025-13-45", "from"),
        ("to=yesterday", "to"),
        ("from=0001-01-01", "from"),
        ("from=2025-06-01&to=2025-05-01", "to"),
        ("open=maybe", "open"),
        ("sort=oldest", "sort"),
        ("q=" + "word " * 50, "q"),  # overlong search
        ("q=bad%00byte", "q"),
        ("q=one&q=two", "q"),  # a single-valued parameter given twice
        ("fields=title,secret", "fields"),
        ("fields=", "fields"),
        ("facets=colour", "facets"),
        ("page_size=101", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=ten", "page_size"),
        ("cursor=abc", "cursor"),
        ("format=xml", "format"),
    ],
)
def test_a_bad_parameter_is_refused_by_name(client, archive, query, parameter):
    errors = refused(client.get(f"/api/v1/stories/?{query}"))

    assert parameter in errors
    assert errors[parameter]["message"]


def test_the_refusal_says_what_is_accepted(client, archive):
    errors = refused(client.get("/api/v1/stories/?colour=red&page_size=500&fields=x"))

    assert "topic" in errors["colour"]["message"]  # the accepted parameters are listed
    assert "100" in errors["page_size"]["message"]
    assert "title" in errors["fields"]["message"]
    errors = refused(client.get("/api/v1/stories/?topic=nothing&from=soon"))
    assert "/api/v1/topics/" in errors["topic"]["accepted"]
    assert "year-month-day" in errors["from"]["accepted"]


def test_an_unknown_field_names_the_fields_there_are(client, archive):
    errors = refused(client.get("/api/v1/digests/?fields=number,body"))

    assert "“body”" in errors["fields"]["message"]
    assert "introduction" in errors["fields"]["message"]


def test_a_tampered_cursor_is_refused(client, archive):
    body = client.get("/api/v1/stories/?page_size=2").json()
    cursor = cursor_of(body["next"])
    value, signature = cursor.rsplit(":", 1)
    tampered = value[:-1] + ("A" if value[-1] != "A" else "B") + ":" + signature

    assert cursor_of(body["next"]) != tampered
    response = client.get("/api/v1/stories/", {"page_size": 2, "cursor": tampered})
    assert "cursor" in refused(response)


def test_a_cursor_of_another_list_is_refused(client, archive):
    body = client.get("/api/v1/digests/?page_size=1").json()

    response = client.get("/api/v1/stories/", {"cursor": cursor_of(body["next"])})
    assert "cursor" in refused(response)


def test_a_signed_cursor_with_a_position_of_the_wrong_shape_is_refused(client, archive):
    cursor = signing.dumps(
        {"v": "story:keyset", "k": ["x"]}, salt="stories.api.cursor", compress=True
    )

    assert "cursor" in refused(client.get("/api/v1/stories/", {"cursor": cursor}))


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/stories/story-number-0/?topic=forced-labour",  # a detail takes no filters
        "/api/v1/topics/?q=labour",  # vocabularies take no filters
        "/api/v1/deadlines/?sort=newest",  # open calls are always soonest first
        "/api/v1/deadlines/?from=2025-01-01",  # calls are filtered by deadline, not by date
        "/api/v1/regions/?page_size=1000",
    ],
)
def test_parameters_an_endpoint_does_not_take_are_refused(client, archive, url):
    assert refused(client.get(url))


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/stories/no-such-story/",
        "/api/v1/digests/no-such-digest/",
        "/api/v1/topics/no-such-theme/",
        "/api/v1/stories/story%00/",
        "/api/v1/nothing/",
    ],
)
def test_an_unknown_address_is_a_404(client, archive, url):
    response = client.get(url)

    assert response.status_code == 404


def test_the_api_is_read_only(client, archive):
    for method in (client.post, client.put, client.patch, client.delete):
        response = method("/api/v1/stories/", data="{}", content_type="application/json")
        assert response.status_code == 405
