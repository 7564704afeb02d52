"""Exports of a whole finder selection as CSV or JSON Lines, streamed row by row.

Rows are read in chunks (a server-side cursor on PostgreSQL, with each chunk's themes, places,
organizations and tags fetched alongside), written and sent before the next chunk is read: a
100,000-row export holds one chunk in memory, not the archive.

Each file opens with who to cite and under which licence (settings.EXPORT_LICENCE): in a CSV as
two lines starting with "#" before the header row, in JSON Lines as a first object with
"citation" and "licence" keys.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.conf import settings
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from stories.views import absolute

CHUNK_SIZE = 2000

Column = tuple[str, Callable[[object], object]]


def _slugs(name: str) -> Callable:
    return lambda obj: sorted(obj.export_links[name])


def attach_story_links(stories: list) -> None:
    """Give each story of a chunk the slugs of what readers see it linked to (`export_links`):
    its themes, places, approved organizations and tags, one query per kind. (Prefetching builds
    a queryset per story and relation, which cost more than the rest of the export together.)"""
    from django.contrib.contenttypes.models import ContentType

    from organizations.models import Organization
    from stories.models import Story

    ids = [story.pk for story in stories]
    links = {
        story.pk: {"topics": [], "regions": [], "organizations": [], "tags": []}
        for story in stories
    }
    pairs = {
        "topics": Story.topics.through.objects.filter(story_id__in=ids).values_list(
            "story_id", "topic__slug"
        ),
        "regions": Story.regions.through.objects.filter(story_id__in=ids).values_list(
            "story_id", "region__slug"
        ),
        "organizations": Story.organizations.through.objects.filter(
            story_id__in=ids, organization__in=Organization.objects.approved()
        ).values_list("story_id", "organization__slug"),
        "tags": Story.tags.through.objects.filter(
            content_type=ContentType.objects.get_for_model(Story), object_id__in=ids
        ).values_list("object_id", "tag__slug"),
    }
    for name, rows in pairs.items():
        for story_id, slug in rows:
            links[story_id][name].append(slug)
    for story in stories:
        story.export_links = links[story.pk]


def _iso(name: str) -> Callable:
    """ISO 8601; times in the site's zone with their offset, as the API gives them."""

    def value(obj):
        moment = getattr(obj, name)
        if isinstance(moment, datetime.datetime):
            moment = timezone.localtime(moment)
        return moment.isoformat() if moment else None

    return value


STORY_COLUMNS: list[Column] = [
    ("id", lambda s: s.pk),
    ("slug", lambda s: s.slug),
    ("url", lambda s: absolute(s.get_absolute_url())),
    ("title", lambda s: s.title),
    ("summary", lambda s: s.summary),
    ("type", lambda s: s.kind),
    ("published_at", _iso("published_at")),
    ("deadline", _iso("deadline")),
    ("topics", _slugs("topics")),
    ("regions", _slugs("regions")),
    ("organizations", _slugs("organizations")),
    ("tags", _slugs("tags")),
    ("source_name", lambda s: s.source_name),
    ("source_url", lambda s: s.source_url),
]

DIGEST_COLUMNS: list[Column] = [
    ("id", lambda d: d.pk),
    ("number", lambda d: d.number),
    ("slug", lambda d: d.slug),
    ("url", lambda d: absolute(d.get_absolute_url())),
    ("title", lambda d: d.title),
    ("published_at", _iso("published_at")),
    (
        "lead",
        lambda d: d.lead_story.slug if d.lead_story and d.lead_story.is_published() else None,
    ),
    ("items", lambda d: [item.story.slug for item in d.public_items]),
]


def citation(finder_url: str) -> dict:
    today = timezone.localdate()
    return {
        "citation": (
            f"{settings.SITE_NAME}: {finder_url} (exported {today.isoformat()}). "
            f"Cite as: {settings.SITE_NAME}, {settings.SITE_URL}, accessed {today:%-d %B %Y}."
        ),
        "licence": settings.EXPORT_LICENCE,
        "licence_url": settings.EXPORT_LICENCE_URL,
    }


def chunks(objects: Iterable, size: int = CHUNK_SIZE) -> Iterator[list]:
    iterator = iter(objects)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _csv_value(value) -> object:
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return "" if value is None else value


def csv_lines(objects: Iterable, columns: list[Column], about: dict, prepare) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield f"# {about['citation']}\n# Licence: {about['licence']} {about['licence_url']}\n"
    writer.writerow([name for name, _ in columns])
    yield flush()
    for chunk in chunks(objects):
        prepare(chunk)
        for obj in chunk:
            writer.writerow([_csv_value(value(obj)) for _, value in columns])
        yield flush()


def json_lines(objects: Iterable, columns: list[Column], about: dict, prepare) -> Iterator[str]:
    yield json.dumps(about, ensure_ascii=False) + "\n"
    for chunk in chunks(objects):
        prepare(chunk)
        yield "".join(
            json.dumps({name: value(obj) for name, value in columns}, ensure_ascii=False) + "\n"
            for obj in chunk
        )


def export_response(
    objects: Iterable,
    columns: list[Column],
    *,
    export_format: str,
    name: str,
    finder: str,
    prepare: Callable[[list], None] = lambda chunk: None,
) -> StreamingHttpResponse:
    """The selection as a streamed download; `finder` is the reader page's view and query, and
    `prepare(chunk)` reads what the columns need beside each chunk of objects."""
    view_name, params = finder.split("?", 1) if "?" in finder else (finder, "")
    finder_url = absolute(reverse(view_name)) + (f"?{params}" if params else "")
    about = citation(finder_url)
    if export_format == "csv":
        lines, content_type = csv_lines(objects, columns, about, prepare), "text/csv; charset=utf-8"
    else:
        lines, content_type = json_lines(objects, columns, about, prepare), "application/jsonl"
    response = StreamingHttpResponse(lines, content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{export_format}"'
    response["Link"] = f'<{settings.EXPORT_LICENCE_URL}>; rel="license"'
    return response
