"""Cursor pagination: the last page of the archive costs what the first does.

A cursor names the position after (or, for `previous`, before) an item by the values the list
is ordered by, so the next page is an index range scan from there, not an OFFSET past every
item before it. Search results ranked by relevance (a few thousand at most, see
stories.search.RANK_LIMIT) have no such key: their cursor holds an offset instead.

Cursors are signed: a cursor that was changed is refused, never read as some other position.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.core import signing
from django.db.models import Q, QuerySet
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

from stories.api.errors import ParameterError
from stories.search import RANK_LIMIT

SALT = "stories.api.cursor"
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

# (field, descending) pairs; the last must be unique (the primary key or a unique number).
Ordering = tuple[tuple[str, bool], ...]


def _encode(value):
    if isinstance(value, datetime.datetime):
        return ["t", value.isoformat()]
    if isinstance(value, datetime.date):
        return ["d", value.isoformat()]
    return value


def _decode(value):
    if isinstance(value, list) and len(value) == 2 and value[0] in ("t", "d"):
        parse = datetime.datetime if value[0] == "t" else datetime.date
        return parse.fromisoformat(value[1])
    if isinstance(value, int | str) and not isinstance(value, bool):
        return value
    raise ValueError("unexpected value in a cursor")


def _beyond(ordering: Ordering, values: list, backwards: bool) -> Q:
    """Items strictly after the position (before it when going backwards), in the ordering.

    Spelled with a leading bound on the first field (`published_at <= x AND (published_at < x
    OR id < y)`) so that the database starts its index scan at the position.
    """
    condition = Q()
    for index, (field, descending) in enumerate(ordering):
        lookup = "lt" if descending != backwards else "gt"
        step = Q(**{f"{field}__{lookup}": values[index]})
        for earlier in range(index):
            step &= Q(**{ordering[earlier][0]: values[earlier]})
        condition |= step
    first, descending = ordering[0]
    bound = Q(**{f"{first}__{'lte' if descending != backwards else 'gte'}": values[0]})
    return bound & condition


def _order_by(ordering: Ordering, backwards: bool) -> list[str]:
    return [("-" if descending != backwards else "") + field for field, descending in ordering]


class KeysetCursorPagination(BasePagination):
    """`?cursor=` and `?page_size=` (up to MAX_PAGE_SIZE); the view says how it orders.

    The view's `pagination_ordering()` returns the Ordering of the list, or None when the list
    is ranked (then the cursor is an offset into at most RANK_LIMIT items).
    """

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset: QuerySet, request, view=None):
        self.request = request
        self.page_size = self.get_page_size(request)
        self.kind = view.pagination_kind()
        self.ordering = view.pagination_ordering()
        self.max_offset = getattr(view, "max_offset", RANK_LIMIT)
        cursor = self.decode_cursor(request)
        size = self.page_size
        if self.ordering is None:
            offset = cursor.get("o", 0) if cursor else 0
            items = list(queryset[offset : offset + size + 1])
            self.has_next = len(items) > size
            items = items[:size]
            self.next_position = {"o": offset + size} if self.has_next else None
            self.previous_position = {"o": max(offset - size, 0)} if offset > 0 else None
            return items
        backwards = bool(cursor and cursor.get("r"))
        if cursor:
            queryset = queryset.filter(_beyond(self.ordering, cursor["k"], backwards))
        items = list(queryset.order_by(*_order_by(self.ordering, backwards))[: size + 1])
        more = len(items) > size
        items = items[:size]
        if backwards:
            items.reverse()
        has_next = more if not backwards else True
        has_previous = more if backwards else cursor is not None
        self.next_position = {"k": self.key_of(items[-1])} if has_next and items else None
        self.previous_position = (
            {"k": self.key_of(items[0]), "r": 1} if has_previous and items else None
        )
        return items

    def key_of(self, item) -> list:
        return [_encode(getattr(item, field)) for field, _ in self.ordering]

    # --- Parameters ---

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return DEFAULT_PAGE_SIZE
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
            raise ParameterError(
                {"page_size": f"Choose a page size from 1 to {MAX_PAGE_SIZE}, not “{raw[:20]}”."}
            )
        return int(raw)

    def decode_cursor(self, request) -> dict | None:
        raw = request.query_params.get(self.cursor_query_param)
        if raw is None:
            return None
        refused = ParameterError(
            {"cursor": "This cursor is not one this list handed out: follow `next` or `previous`."}
        )
        try:
            cursor = signing.loads(raw, salt=SALT)
        except signing.BadSignature:
            raise refused from None
        if not isinstance(cursor, dict) or cursor.get("v") != self.kind:
            raise refused
        try:
            if self.ordering is None:
                offset = cursor["o"]
                limit = getattr(self, "max_offset", RANK_LIMIT)
                if not isinstance(offset, int) or not 0 <= offset <= limit:
                    raise ValueError("offset out of range")
                return {"o": offset}
            values = [_decode(value) for value in cursor["k"]]
            if len(values) != len(self.ordering):
                raise ValueError("wrong number of values")
            return {"k": values, "r": bool(cursor.get("r"))}
        except (KeyError, TypeError, ValueError):
            raise refused from None

    # --- Links ---

    def link(self, position: dict | None) -> str | None:
        if position is None:
            return None
        from stories.views import absolute

        cursor = signing.dumps({"v": self.kind, **position}, salt=SALT, compress=True)
        params = [(k, v) for k, v in self.request.query_params.lists() if k != "cursor"]
        query = [(key, value) for key, values in params for value in values]
        query.append(("cursor", cursor))
        return absolute(f"{self.request.path}?{urlencode(query)}")

    def get_paginated_response(self, data, **extra) -> Response:
        return Response(
            {
                "results": data,
                "next": self.link(self.next_position),
                "previous": self.link(self.previous_position),
                **extra,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["results", "next", "previous"],
            "properties": {
                "results": schema,
                "next": link,
                "previous": link,
                "facets": {
                    "type": "object",
                    "description": "With `facets=`: each facet's options and their counts.",
                    "additionalProperties": True,
                },
                "facets_pending": {
                    "type": "boolean",
                    "description": "With `facets=`: true while the counts are being made (just "
                    "after a change or for a new search); every count is then null. Ask again "
                    "in a few seconds.",
                },
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "The cursor of a `next` or `previous` link, unchanged.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Items per page, {DEFAULT_PAGE_SIZE} unless given.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
