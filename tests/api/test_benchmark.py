"""The API's endpoints are in `manage.py bench`, and so is the export's memory measurement."""

from __future__ import annotations

import pytest
from django.test import Client

from organizations.models import Organization
from stories.management.commands.bench import HOST, api_pages, measure_export, new_searches
from stories.models import RoundUp, Story

pytestmark = pytest.mark.django_db


def test_every_api_page_the_benchmark_loads_answers(archive):
    story = Story.objects.published().order_by("-published_at")[5]
    digest = RoundUp.objects.published().first()
    client = Client(HTTP_HOST=HOST)

    pages = api_pages(story, digest, "topic=forced-labour&region=asia")

    assert len(pages) == 5
    for name, path in pages:
        assert client.get(path).status_code == 200, name
    deep = client.get(dict(pages)["API: mid-archive cursor"]).json()
    older = Story.objects.published().filter(published_at__lt=story.published_at)
    assert len(deep["results"]) == older.count()


def test_the_export_measurement_counts_every_published_story(archive):
    measured = measure_export()

    assert measured["rows"] == 10
    assert measured["peak_mib"] > 0


def test_each_new_search_asks_what_no_request_asked_before(archive):
    client = Client(HTTP_HOST=HOST)
    organizations = Organization.objects.exclude(acronym="").count()  # three in the archive

    streams = dict(new_searches())

    for name, paths in streams.items():
        asked = [paths() for _ in range(3)]
        assert len(set(asked)) == 3, name
        response = client.get(asked[0])
        assert response.status_code == 200, name
        if name == "new search: an organization":
            assert response.context["result_count"] > 0
    asked = [streams["new search: an organization"]() for _ in range(organizations)]
    assert len(set(asked)) == organizations
    common = [streams["new search: common words"]() for _ in range(100)]
    assert len(set(common)) == 100
