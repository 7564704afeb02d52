"""Any finder selection as CSV or JSON Lines: streamed, cited, licensed, in the finder's order."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.utils import timezone

from tests.api.test_finder_parity import finder_ids
from tests.factories import OrganizationFactory, StoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def read_csv(response) -> tuple[list[str], list[list[str]], list[dict]]:
    assert response.streaming
    text = b"".join(response.streaming_content).decode()
    preamble = [line for line in text.splitlines()[:2]]
    rows = list(csv.DictReader(io.StringIO(text.split("\n", 2)[2])))
    return preamble, text.splitlines()[2].split(","), rows


@pytest.mark.parametrize(
    ("path", "finder", "query"),
    [
        ("stories", "/stories/", ""),
        ("stories", "/stories/", "topic=forced-labour&region=asia"),
        ("stories", "/stories/", "q=labour"),  # ranked by relevance
        ("stories", "/stories/", "q=labour&sort=newest&organization=iom"),
        ("digests", "/digests/", "topic=forced-labour"),
        ("deadlines", "/deadlines/", ""),
    ],
)
def test_a_csv_export_holds_the_finders_selection_in_its_order(
    client, archive, path, finder, query, settings
):
    response = client.get(f"/api/v1/{path}/export.csv?{query}")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(f'attachment; filename="{path}-')
    preamble, header, rows = read_csv(response)
    assert preamble[0].startswith("# Newsroom: http://127.0.0.1:8000" + finder)
    assert preamble[1] == f"# Licence: {settings.EXPORT_LICENCE} {settings.EXPORT_LICENCE_URL}"
    assert header[:4] == (["id", "slug", "url", "title"] if path != "digests" else
                          ["id", "number", "slug", "url"])  # fmt: skip
    assert [int(row["id"]) for row in rows] == finder_ids(client, finder, query)


def test_a_csv_row_lists_linked_slugs(client, archive):
    story = archive["Philippines labour recruiters"]
    _, _, rows = read_csv(client.get("/api/v1/stories/export.csv?region=philippines"))

    assert rows == [
        {
            "id": str(story.pk),
            "slug": story.slug,
            "url": f"http://127.0.0.1:8000/stories/{story.slug}/",
            "title": "Philippines labour recruiters",
            "summary": story.summary,
            "type": "call-for-input",
            "published_at": timezone.localtime(story.published_at).isoformat(),
            "deadline": story.deadline.isoformat(),
            "topics": "forced-labour",
            "regions": "philippines",
            "organizations": "iom; unodc",
            "tags": "call; report",
            "source_name": story.source_name,
            "source_url": story.source_url,
        }
    ]


def test_a_json_lines_export_starts_with_the_citation_and_licence(client, archive, settings):
    response = client.get("/api/v1/digests/export.jsonl")

    assert response["Content-Type"] == "application/jsonl"
    lines = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    assert lines[0]["licence"] == settings.EXPORT_LICENCE
    assert "http://127.0.0.1:8000/digests/" in lines[0]["citation"]
    assert [line["slug"] for line in lines[1:]] == ["second-digest", "first-digest"]
    assert lines[2]["lead"] is None  # a draft lead is not named
    assert lines[2]["items"] == [
        archive["Kenya labour inspections"].slug,
        archive["Germany children in care"].slug,
    ]


def test_an_export_never_holds_an_unpublished_story(client, archive):
    body = b"".join(client.get("/api/v1/stories/export.jsonl").streaming_content).decode()

    for word in ("Draft", "Scheduled", "Unpublished", "Expired", "secret-draft-tag"):
        assert word not in body
    assert len(body.splitlines()) == 1 + 10


@pytest.mark.parametrize(
    "query", ["topic=nothing", "fields=title", "cursor=x", "page_size=5", "colour=red"]
)
def test_an_export_refuses_bad_parameters_by_name(client, archive, query):
    response = client.get(f"/api/v1/stories/export.csv?{query}")

    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == query.split("=")[0]


def test_an_export_names_no_organization_waiting_for_approval(client, archive):
    story = archive["Philippines labour recruiters"]
    story.organizations.add(OrganizationFactory(slug="proposed-ngo", approved=False))

    _, _, rows = read_csv(client.get("/api/v1/stories/export.csv?region=philippines"))
    lines = b"".join(client.get("/api/v1/stories/export.jsonl").streaming_content).decode()

    assert rows[0]["organizations"] == "iom; unodc"
    assert "proposed-ngo" not in lines


def test_an_export_reads_links_a_chunk_at_a_time_however_many_stories_it_holds(
    client, archive, django_assert_max_num_queries, monkeypatch
):
    from stories.api import exports

    StoryFactory.create_batch(
        25, published=True, topics=[archive["Philippines labour recruiters"].topics.first()]
    )
    monkeypatch.setattr(exports, "CHUNK_SIZE", 10)  # 30-odd stories: four chunks

    with django_assert_max_num_queries(4 * 4 + 6):  # four links a chunk, a few to begin
        rows = read_csv(client.get("/api/v1/stories/export.csv"))[2]

    assert len(rows) > 30
    assert all(row["topics"] for row in rows)
