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

register = template.Library()


def periods_with_items(queryset: QuerySet, field: str, kind: str) -> list[datetime.datetime]:
    """The starts of the years or months (in the current time zone) in which the queryset has
    an item, as `queryset.datetimes(field, kind)` gives them."""
    bounds = queryset.aggregate(first=Min(field), last=Max(field))
    if bounds["first"] is None:
        return []
    first, last = timezone.localtime(bounds["first"]), timezone.localtime(bounds["last"])
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
    """The change list's queryset, answering `datetimes(field, "year" or "month")` as above."""

    def __init__(self, queryset: QuerySet):
        self.queryset = queryset

    def __getattr__(self, name):
        return getattr(self.queryset, name)

    def datetimes(self, field: str, kind: str, *args, **kwargs):
        if kind in ("year", "month") and not args and not kwargs:
            return periods_with_items(self.queryset, field, kind)
        return self.queryset.datetimes(field, kind, *args, **kwargs)


def indexed_date_hierarchy(cl):
    original = cl.queryset
    cl.queryset = IndexedPeriods(original)
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
