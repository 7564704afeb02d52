"""Every finder page links to its selection as data: the API query, CSV and JSON Lines."""

from __future__ import annotations

import html
import re

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def data_links(response) -> dict[str, str]:
    paragraph = re.search(r'<p class="data-links">(.*?)</p>', response.content.decode()).group(1)
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', paragraph)
    return {label: html.unescape(href) for href, label in links}


@pytest.mark.parametrize(
    ("page", "api"),
    [
        ("/stories/?topic=forced-labour&region=asia", "/api/v1/stories/"),
        ("/stories/?q=labour&sort=newest&open=1", "/api/v1/stories/"),
        ("/stories/", "/api/v1/stories/"),
        ("/digests/?region=africa", "/api/v1/digests/"),
        ("/deadlines/", "/api/v1/deadlines/"),
        ("/deadlines/?closed=1", "/api/v1/deadlines/"),
    ],
)
def test_a_finder_page_links_to_the_same_selection_as_data(client, archive, page, api):
    response = client.get(page)
    shown = [obj.pk for obj in response.context["page_obj"]]
    assert shown, "the archive should give every page something to compare"

    links = data_links(response)

    assert links["JSON (API)"].startswith(api)
    listed = client.get(
        links["JSON (API)"] + ("&" if "?" in links["JSON (API)"] else "?") + "fields=id"
    )
    assert [item["id"] for item in listed.json()["results"]] == shown
    csv_text = b"".join(client.get(links["CSV"]).streaming_content).decode()
    assert len(csv_text.splitlines()) == 2 + 1 + len(shown)
    assert client.get(links["JSON Lines"]).status_code == 200
    assert links["about the API"] == "/api/v1/docs/"


def test_the_links_leave_out_what_the_finder_left_out(client, archive):
    links = data_links(client.get("/stories/?topic=forced-labour&from=not-a-date"))

    assert links["JSON (API)"] == "/api/v1/stories/?topic=forced-labour"
