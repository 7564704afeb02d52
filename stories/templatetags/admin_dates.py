"""The admin lists' date drill-down, with its years and months found through the date's index.

Django's `date_hierarchy` lists the years (or a year's months) that have items with a
`SELECT DISTINCT` of every row's truncated date: a read of every story at the top level (0.4 s
of the admin story list at a million stories). The periods between the first and the last date
(which the index gives at once) are few, so one statement asks the index whether each has an item.
"""

from __future__ import annotations

import datetime

from django import template
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.db import connections
from django.db.models import Max, Min, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property

from newsroom.planner import estimated_rows

register = template.Library()


# A list the planner expects to hold fewer items than this is drilled into by reading those
# items; a longer one, through the date's index.
FEW_ITEMS = 100_000


def is_short(queryset: QuerySet) -> bool:
    """Whether the planner expects fewer than FEW_ITEMS items (never said off PostgreSQL)."""
    estimate = estimated_rows(queryset.order_by().values("pk"))
    return estimate is not None and estimate < FEW_ITEMS


def date_bounds(queryset: QuerySet, field: str, short: bool = False) -> tuple:
    """The first and last date of the queryset's items ((None, None) when none has one).

    MIN and MAX read the date's index from either end until an item passes the list's filters:
    at once when many items do, but through the whole index when the few that do have no date
    (an author's drafts: 3.9 s at a million stories). A short list is read through its filters'
    own index instead (OFFSET 0 keeps the planner from turning the aggregate back into a walk
    along the date's index)."""
    if not short:
        bounds = queryset.aggregate(first=Min(field), last=Max(field))
        return bounds["first"], bounds["last"]
    sql, params = queryset.order_by().values(field).query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"SELECT MIN(d), MAX(d) FROM ({sql} OFFSET 0) AS items(d)", params)
        return cursor.fetchone()


def periods_with_items(
    queryset: QuerySet, field: str, kind: str, bounds: tuple | None = None
) -> list[datetime.datetime]:
    """The starts of the years or months (in the current time zone) in which the queryset has
    an item, as `queryset.datetimes(field, kind)` gives them."""
    first, last = bounds or date_bounds(queryset, field, is_short(queryset))
    if first is None:
        return []
    first, last = timezone.localtime(first), timezone.localtime(last)
    starts, (year, month) = [], (first.year, first.month if kind == "month" else 1)
    while (year, month) <= (last.year, last.month if kind == "month" else 1):
        starts.append(timezone.make_aware(datetime.datetime(year, month, 1)))
        year, month = (year, month + 1) if kind == "month" and month < 12 else (year + 1, 1)
    ends = [*starts[1:], timezone.make_aware(datetime.datetime(year, month, 1))]
    probes, params = [], []
    for start, end in zip(starts, ends, strict=True):
        period = queryset.filter(**{f"{field}__gte": start, f"{field}__lt": end})
        sql, period_params = period.order_by().values("pk")[:1].query.sql_with_params()
        probes.append(f"EXISTS ({sql})")
        params.extend(period_params)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(probes)}", params)
        found = cursor.fetchone()
    return [start for start, has_items in zip(starts, found, strict=True) if has_items]


class IndexedPeriods:
    """The change list's queryset, answering the drill-down's first and last date and its
    `datetimes(field, "year" or "month")` as above, with the first and last date found once."""

    def __init__(self, queryset: QuerySet, field: str):
        self.queryset = queryset
        self.field = field

    def __getattr__(self, name):
        return getattr(self.queryset, name)

    @cached_property
    def short(self) -> bool:
        return is_short(self.queryset)

    @cached_property
    def bounds(self) -> tuple:
        return date_bounds(self.queryset, self.field, self.short)

    def aggregate(self, *args, **kwargs):
        if not args and kwargs == {"first": Min(self.field), "last": Max(self.field)}:
            first, last = self.bounds
            return {"first": first, "last": last}
        return self.queryset.aggregate(*args, **kwargs)

    def datetimes(self, field: str, kind: str, *args, **kwargs):
        if field == self.field and kind in ("year", "month") and not args and not kwargs:
            if self.short:  # Django's DISTINCT reads these few items through their filters
                return self.queryset.datetimes(field, kind)
            return periods_with_items(self.queryset, field, kind, self.bounds)
        return self.queryset.datetimes(field, kind, *args, **kwargs)


def indexed_date_hierarchy(cl):
    original = cl.queryset
    cl.queryset = IndexedPeriods(original, cl.date_hierarchy)
    try:
        return admin_list.date_hierarchy(cl)
    finally:
        cl.queryset = original


@register.tag(name="indexed_date_hierarchy")
def indexed_date_hierarchy_tag(parser, token):
    return InclusionAdminNode(
        parser,
        token,
        func=indexed_date_hierarchy,
        template_name="date_hierarchy.html",
        takes_context=False,
    )
