"""What PostgreSQL's planner expects of a query, for choosing between ways of answering it."""

from __future__ import annotations

import json

from django.db import connections
from django.db.models import QuerySet


def estimated_rows(queryset: QuerySet) -> int | None:
    """The planner's estimate of how many rows the queryset gives (from the statistics ANALYZE
    keeps), read with EXPLAIN: a plan, no rows. None on databases other than PostgreSQL."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])
