"""EXPLAIN ANALYZE for the queries a page runs on a cold cache: what docs/performance.md shows."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from stories.cache import content_version


def page_queries(client: Client, path: str) -> list[str]:
    cache.clear()
    content_version()
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return [query["sql"] for query in queries.captured_queries]


def explain(sql: str, local_settings: tuple[str, ...] = ()) -> tuple[float, str]:
    """Execution time in ms and the plan of one captured (already interpolated) query.

    `local_settings` are the SET LOCAL statements the page ran before it in its transaction.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in local_settings:
            cursor.execute(statement)
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) " + sql)
        lines = [row[0] for row in cursor.fetchall()]
    total = next(
        (float(line.split(":")[1].split()[0]) for line in lines if "Execution Time" in line), 0.0
    )
    return total, "\n".join(lines)


def explain_pages(pages: list[tuple[str, str]], slowest: int = 3) -> str:
    """Markdown: for each page, its slowest queries with their plans."""
    client = Client(HTTP_HOST="127.0.0.1")
    sections = []
    for name, path in pages:
        if path.startswith("/bench/"):
            continue
        measured, local_settings = [], []
        for sql in page_queries(client, path):
            statement = sql.lstrip().upper()
            if statement.startswith("SET LOCAL"):
                local_settings.append(sql)
            elif statement.startswith(("COMMIT", "ROLLBACK")):
                local_settings = []
            elif statement.startswith(("SELECT", "WITH")):
                measured.append((*explain(sql, tuple(local_settings)), sql))
        measured.sort(key=lambda item: -item[0])
        total = sum(ms for ms, _, _ in measured)
        lines = [f"### {name} — `{path}`", "", f"{len(measured)} queries, {total:.1f} ms in all."]
        for ms, plan, sql in measured[:slowest]:
            lines += ["", f"{ms:.1f} ms:", "", "```sql", sql, "```", "", "```", plan, "```"]
        sections.append("\n".join(lines))
    return "\n\n".join(sections) + "\n"
