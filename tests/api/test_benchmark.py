"""The API's endpoints are in `manage.py bench`, and so is the export's memory measurement."""

from __future__ import annotations

import pytest
from django.test import Client

from stories.management.commands.bench import HOST, api_pages, measure_export
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
