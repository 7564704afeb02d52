"""The benchmark's tables: throughput as a share of the baseline, and the first request after a
change."""

from __future__ import annotations

from stories.benchmark import report


def page(name: str, rps: float, p50: float = 5.0, p95: float = 9.0) -> dict:
    return {"name": name, "rps": rps, "p50_ms": p50, "p95_ms": p95, "p99_ms": p95, "errors": 0}


RUN = {
    "stories": 100_000,
    "concurrency": 4,
    "seconds": 5,
    "workers": 4,
    "cpus": 2,
    "cache": "redis",
    "queries": {"finder": 13},
    "modes": {"cached": [page("baseline", 2000), page("finder", 1300)]},
    "after_change": [
        {
            "name": "finder",
            "path": "/stories/",
            "requests": 5,
            "errors": 0,
            "p50_ms": 310.2,
            "max_ms": 402.5,
        },
    ],
}


def test_each_page_s_throughput_is_given_as_a_share_of_the_baseline():
    table = report.format_table(RUN, "cached")

    assert "| finder | 1,300 | 5.0 | 9.0 | 9.0 | 0 | 13 | 65% |" in table
    assert "| baseline | 2,000 |" in table and "| 100% |" in table


def test_the_first_request_after_a_change_has_its_own_table():
    table = report.format_after_change(RUN)

    assert table.startswith("100,000 stories, first request after a change")
    assert "| finder | 310.2 | 402.5 | 0 |" in table


def test_first_requests_after_a_removal_and_for_four_readers_have_tables_of_their_own():
    after = RUN["after_change"]
    run = {**RUN, "after_change_4": after, "after_removal": after, "after_removal_4": after}

    tables = report.format_after_changes(run)

    assert len(tables) == 4
    assert "after a removal" in tables[2] and "one client" in tables[2]
    assert "four clients arriving together" in tables[3]


def test_the_command_passes_every_measuring_option_to_the_process_that_measures(monkeypatch):
    import subprocess
    from types import SimpleNamespace

    from django.core.management import call_command

    from stories.management.commands import bench

    children = []
    monkeypatch.setattr(
        subprocess, "run", lambda args, **kw: children.append(args) or SimpleNamespace(returncode=0)
    )
    monkeypatch.setattr(bench.Command, "write_docs", lambda self, output, docs: None)

    call_command(
        "bench", "--sizes", "10,20", "--export", "--explain", "--reuse", "--keep", "--changes", "3"
    )
    call_command("bench", "--sizes", "30", "--no-task-queue")

    assert [child[child.index("--sizes") + 1] for child in children] == ["10", "20", "30"]
    for child in children[:2]:
        assert {"--export", "--explain", "--reuse", "--keep"} <= set(child)
        assert child[child.index("--changes") + 1] == "3"
        assert "--no-task-queue" not in child  # recounts on a worker, as in production
    assert "--no-task-queue" in children[2]


def test_the_export_line_names_the_archive_size_rows_and_peak_memory():
    run = {"stories": 100_000, "export": {"rows": 100_000, "megabytes": 61.25, "seconds": 12.04,
                                          "peak_mib": 3.21}}  # fmt: skip

    assert report.format_export(run) == (
        "100,000 stories: CSV export of every published story: 100,000 rows, 61.2 MB in 12.0 s; "
        "peak Python memory 3.2 MiB"
    )


def test_the_uncached_table_ends_with_each_admin_list():
    admin = {"path": "/admin/", "requests": 20, "errors": 0, "p50_ms": 40.0, "p95_ms": 60.0}
    run = {
        **RUN,
        "modes": {"uncached": RUN["modes"]["cached"]},
        "admin_pages": [
            {**admin, "name": "admin story list", "max_ms": 70.0, "queries": 11},
            {**admin, "name": "admin: awaiting review", "max_ms": 71.0, "queries": 10},
            {**admin, "name": "admin: my drafts", "max_ms": 72.0, "queries": 10},
        ],
    }

    table = report.format_table(run, "uncached")

    assert "| admin: awaiting review (signed in, sequential) | — | 40.0 | 60.0 | 71.0 |" in table
    assert "| admin: my drafts (signed in, sequential) |" in table
    assert "admin" not in report.format_table({**run, "modes": RUN["modes"]}, "cached")
