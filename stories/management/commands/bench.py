"""Benchmark the reader pages on a synthetic archive: generate it, serve it, load it, report.

    python manage.py bench --sizes 1000,10000,100000

The command starts itself again with production-like settings (DEBUG off, a throwaway
SECRET_KEY, manifest static files, the baseline view) and a dedicated PostgreSQL database, so it
never touches development data. For each size it recreates that database, loads the archive,
counts the SQL queries of each page in-process, then serves the site with gunicorn on a free
loopback port and requests each page from concurrent clients for a fixed time, once with the
page cache on and once with it off. Results go to bench-results/ (JSON) and, when several sizes
have run, a latency chart and summary to docs/.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from stories.benchmark import load, report

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/newsroom_bench"
CHILD_FLAG = "NEWSROOM_BENCH_CHILD"
HOST = "127.0.0.1"


def default_workers() -> int:
    return max(2, 2 * (os.cpu_count() or 2))


class Command(BaseCommand):
    help = "Benchmark reader pages against a generated archive on PostgreSQL (see docs)."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=100_000, help="Archive size.")
        parser.add_argument(
            "--sizes", default="", help="Comma-separated sizes run in turn, e.g. 1000,10000."
        )
        parser.add_argument("--seconds", type=float, default=10.0, help="Load time per page.")
        parser.add_argument("--concurrency", type=int, default=4, help="Concurrent clients.")
        parser.add_argument("--workers", type=int, default=default_workers())
        parser.add_argument(
            "--database-url",
            default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
            help="A PostgreSQL database the command may drop and create.",
        )
        parser.add_argument("--modes", default="cached,uncached", help="Page cache on/off.")
        parser.add_argument(
            "--reuse", action="store_true", help="Keep an existing archive of the same size."
        )
        parser.add_argument("--keep", action="store_true", help="Do not drop the database.")
        parser.add_argument(
            "--changes",
            type=int,
            default=5,
            help="Changes per page in the first-request-after-a-change tables.",
        )
        parser.add_argument("--output", default="bench-results", help="Directory for JSON.")
        parser.add_argument(
            "--docs", default="docs", help="Where the chart and summary go ('' for nowhere)."
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--no-task-queue",
            action="store_false",
            dest="task_queue",
            help="Run recounts in the web workers after their responses, as with no broker, "
            "instead of on a Celery worker beside gunicorn (needs REDIS_URL).",
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="Also write EXPLAIN ANALYZE of each page's slowest queries to the output.",
        )
        parser.add_argument(
            "--export",
            action="store_true",
            help="Also stream the CSV export of every story, timing it and tracing its memory.",
        )

    def handle(self, *args, **options):
        sizes = [int(s) for s in options["sizes"].split(",") if s.strip()] or [options["stories"]]
        if os.environ.get(CHILD_FLAG) == "1":
            return self.bench_in_child(sizes[0], options)
        base = options["database_url"]
        if urlsplit(base).scheme not in ("postgres", "postgresql"):
            raise CommandError("--database-url must be a PostgreSQL URL.")
        for size in sizes:
            # One database per size, so --reuse can keep each archive between runs.
            url = urlsplit(base)._replace(path=f"/{database_name(base)}_{size}").geturl()
            if url == os.environ.get("DATABASE_URL"):
                raise CommandError("The benchmark database must not be the one in DATABASE_URL.")
            self.run_child(options, size, url)
        self.write_docs(Path(options["output"]), options["docs"])

    # --- the parent: one clean production-like process per size -------------------------------

    def run_child(self, options: dict, size: int, url: str) -> None:
        static_root = tempfile.mkdtemp(prefix="newsroom-bench-static-")
        env = {
            **os.environ,
            CHILD_FLAG: "1",
            "DATABASE_URL": url,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "STATIC_ROOT": static_root,
            "BENCHMARK_BASELINE": "1",
            "SECURE": "0",
            # Its own cache namespace: never serves or evicts development entries.
            "CACHE_KEY_PREFIX": f"newsroom-bench-{secrets.token_hex(4)}",
            "LOG_LEVEL": "ERROR",
        }
        arguments = [
            "--sizes", str(size),
            "--seconds", str(options["seconds"]),
            "--concurrency", str(options["concurrency"]),
            "--workers", str(options["workers"]),
            "--database-url", url,
            "--modes", options["modes"],
            "--output", options["output"],
            "--seed", str(options["seed"]),
            "--changes", str(options["changes"]),
        ]  # fmt: skip
        arguments += ["--reuse"] if options["reuse"] else []
        arguments += ["--keep"] if options["keep"] else []
        arguments += ["--explain"] if options["explain"] else []
        arguments += ["--export"] if options["export"] else []
        arguments += [] if options["task_queue"] else ["--no-task-queue"]
        manage = Path(settings.BASE_DIR) / "manage.py"
        try:
            completed = subprocess.run(
                [sys.executable, str(manage), "bench", *arguments], env=env, cwd=settings.BASE_DIR
            )
        finally:
            shutil.rmtree(static_root, ignore_errors=True)
        if completed.returncode:
            raise CommandError(f"The benchmark failed (exit status {completed.returncode}).")

    def bench_in_child(self, size: int, options: dict) -> None:
        name = settings.DATABASES["default"]["NAME"]
        if connection.vendor != "postgresql" or name != database_name(options["database_url"]):
            raise CommandError("The benchmark runs on its own PostgreSQL database.")
        call_command("collectstatic", interactive=False, verbosity=0)
        try:
            run = self.bench_size(size, options)
            path = report.save_run(run, Path(options["output"]))
            self.stdout.write(f"Wrote {path}")
        finally:
            forget_cached_entries()
            if not options["keep"]:
                connection.close()
                drop_database(options["database_url"])

    # --- one archive size ---------------------------------------------------------------------

    def bench_size(self, size: int, options: dict) -> dict:
        self.stdout.write(self.style.MIGRATE_HEADING(f"Archive of {size:,} stories"))
        generation = self.prepare_archive(size, options)
        pages = self.choose_pages(size)
        queries, admin_session = count_queries(pages)
        if options["explain"]:
            from stories.benchmark.explain import explain_pages

            path = Path(options["output"]) / f"explain-{size}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            with override_settings(CACHES=PRIVATE_CACHE):
                path.write_text(explain_pages(pages))
            self.stdout.write(f"Wrote {path}")
        run = {
            "stories": size,
            "seconds": options["seconds"],
            "concurrency": options["concurrency"],
            "workers": options["workers"],
            "cpus": os.cpu_count(),
            "cache": "redis" if settings.REDIS_URL else "local memory",
            "task_queue": task_queue_of(options),
            "generation": generation,
            "pages": pages,
            "queries": queries,
            "modes": {},
            # The machine's 1-minute load average before and after each mode: other work on
            # the same cores shows up in the latencies.
            "load": {},
            "at": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        }
        if options["modes"].strip():
            run["hot_states_counted_seconds"] = count_hot_states()
            self.stdout.write(
                f"  finder and digest archive counted in {run['hot_states_counted_seconds']:.1f} s"
            )
        for mode in [m.strip() for m in options["modes"].split(",") if m.strip()]:
            before = os.getloadavg()[0]
            with GunicornServer(
                options["workers"],
                page_cache=mode == "cached",
                task_queue=bool(run["task_queue"]),
            ) as server:
                run["modes"][mode] = self.load_pages(server, pages, options)
                if mode == "uncached":
                    # Searches never asked before: a function gives each request its words.
                    run["modes"][mode] += self.load_pages(server, new_searches(), options)
                    run["admin_pages"] = time_admin(server, admin_session, queries)
                    run["admin"] = run["admin_pages"][0]
                else:
                    for key in report.AFTER_CHANGE_TABLES:
                        run[key] = time_after_change(
                            server,
                            pages,
                            options["changes"],
                            readers=4 if key.endswith("_4") else 1,
                            removal=key.startswith("after_removal"),
                        )
            run["load"][mode] = [round(before, 2), round(os.getloadavg()[0], 2)]
            self.stdout.write(report.format_table(run, mode))
            self.stdout.write("")
        for table in report.format_after_changes(run):
            self.stdout.write(table)
            self.stdout.write("")
        if options["export"]:
            run["export"] = measure_export()
            self.stdout.write(report.format_export(run))
        self.stdout.write(report.format_generation(run))
        return run

    def prepare_archive(self, size: int, options: dict) -> dict | None:
        from stories.benchmark.archive import Archive, Sizes
        from stories.models import Story

        url = options["database_url"]
        if options["reuse"] and database_exists(url):
            connection.close()
            call_command("migrate", verbosity=0)
            if Story.objects.filter(status="published").count() == size:
                self.stdout.write("Reusing the existing archive.")
                saved = Path(options["output"]) / f"archive-{size}.json"
                return {**json.loads(saved.read_text()), "reused": True} if saved.exists() else None
        connection.close()
        drop_database(url)
        create_database(url)
        began = time.monotonic()
        call_command("migrate", verbosity=0)
        migrated = round(time.monotonic() - began, 1)
        self.stdout.write(f"  migrations: {migrated} s")
        archive = Archive(Sizes.for_stories(size), seed=options["seed"], log=self.stdout.write)
        result = archive.build()
        result.seconds = {"migrations": migrated, **result.seconds}
        result.seconds["total"] = round(time.monotonic() - began, 1)
        self.stdout.write(f"Archive ready in {result.seconds['total']} s")
        generation = {
            "seconds": result.seconds,
            "rows": result.rows,
            "at": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        }
        saved = Path(options["output"]) / f"archive-{size}.json"
        saved.parent.mkdir(parents=True, exist_ok=True)
        saved.write_text(json.dumps(generation, indent=1))
        return generation

    def choose_pages(self, size: int) -> list[tuple[str, str]]:
        from stories.models import Region, RoundUp, Story, Topic

        story_list = reverse("stories:story_list")
        published = Story.objects.published().count()
        # Page 500, or the deepest page the finder lists (it caps the page count).
        from stories import views

        deepest = min(500, getattr(views, "MAX_PAGES", 500), max(1, -(-published // 20)))
        topic = Topic.objects.filter(children__isnull=False).order_by("pk").first()
        continent = Region.objects.get(kind=Region.Kind.CONTINENT, m49_code="142")  # Asia
        digest = RoundUp.objects.published().order_by("-published_at")[5]
        story = Story.objects.published().order_by("-published_at")[published // 2]
        filtered = urlencode({"topic": topic.slug, "region": continent.slug})
        return [
            ("baseline", "/bench/baseline"),
            ("home", reverse("home")),
            ("digest archive", reverse("stories:roundup_list")),
            ("a digest", digest.get_absolute_url()),
            ("finder", story_list),
            ("finder: topic + region", f"{story_list}?{filtered}"),
            ("finder: search", f"{story_list}?{urlencode({'q': 'debt bondage'})}"),
            (f"finder: page {deepest}", f"{story_list}?page={deepest}"),
            ("a story", story.get_absolute_url()),
            ("story feed", reverse("stories:story_feed")),
            ("sitemap", reverse("stories:sitemap")),
            *api_pages(story, digest, filtered),
        ]

    def load_pages(self, server: GunicornServer, pages, options: dict) -> list[dict]:
        """Each page from concurrent clients; a page's path may be a function (load.drive)."""
        results = []
        for name, path in pages:
            for _ in range(3 if isinstance(path, str) else 0):
                load.fetch(HOST, server.port, path)  # warm the connections and the page cache
            result = load.drive(
                name,
                HOST,
                server.port,
                path,
                seconds=options["seconds"],
                concurrency=options["concurrency"],
            )
            results.append(result.as_dict())
            self.stdout.write(
                f"  {name:<28} {result.rps:>8.1f} req/s  p95 {result.p95_ms:>7.1f} ms"
                f"  errors {result.errors}"
            )
        return results

    def write_docs(self, output: Path, docs: str) -> None:
        if not docs:
            return
        runs = report.load_runs(output)
        chart = report.draw_chart(runs, Path(docs) / "bench-latency.png")
        if chart:
            self.stdout.write(f"Wrote {chart}")
        summary = [
            {key: run[key] for key in ("stories", "at", "cpus", "workers", "concurrency",
                                       "seconds", "cache", "task_queue",
                                       "hot_states_counted_seconds", "generation", "queries",
                                       "modes", "admin", "admin_pages", "export", "load",
                                       *report.AFTER_CHANGE_TABLES) if key in run}
            for run in runs
        ]  # fmt: skip
        path = Path(docs) / "bench-results.json"
        path.write_text(json.dumps(summary, indent=1, default=str) + "\n")
        tables = "\n\n".join(
            [report.format_table(run, mode) for run in runs for mode in run["modes"]]
            + [table for run in runs for table in report.format_after_changes(run)]
            + [report.format_export(run) for run in runs if "export" in run]
        )
        (Path(docs) / "bench-tables.md").write_text(tables + "\n")
        self.stdout.write(f"Wrote {path}")


# --- measuring in-process -------------------------------------------------------------------------


def api_pages(story, digest, filtered: str) -> list[tuple[str, str]]:
    """The API's list (first page, a filtered page with facets, a cursor deep in the archive)
    and detail endpoints."""
    from django.core import signing

    from stories.api.pagination import SALT, _encode

    deep = signing.dumps(
        {"v": "story:keyset", "k": [_encode(story.published_at), story.pk]},
        salt=SALT,
        compress=True,
    )
    stories = reverse("api:story-list")
    return [
        ("API: stories", stories),
        ("API: topic + region + facets", f"{stories}?{filtered}&facets=topic,region,organization"),
        ("API: mid-archive cursor", f"{stories}?{urlencode({'cursor': deep})}"),
        ("API: a story", reverse("api:story-detail", kwargs={"slug": story.slug})),
        ("API: a digest", reverse("api:digest-detail", kwargs={"slug": digest.slug})),
    ]


def measure_export() -> dict:
    """Stream the CSV of every published story in-process; time it and trace Python's memory.

    tracemalloc's peak is what the export allocates, not the process size: it should stay at a
    few chunks of rows (stories.api.exports.CHUNK_SIZE) whatever the archive's size.
    """
    import tracemalloc

    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    with override_settings(CACHES=PRIVATE_CACHE, API_ANONYMOUS_RATE="1000/minute"):
        tracemalloc.start()
        started = time.perf_counter()
        response = client.get(reverse("api:story-export", kwargs={"export_format": "csv"}))
        lines = size = 0
        for chunk in response.streaming_content:
            lines += chunk.count(b"\n")
            size += len(chunk)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return {
        "rows": lines - 3,  # two citation lines and the header
        "megabytes": size / 1e6,
        "seconds": seconds,
        "peak_mib": peak / 2**20,
    }


# In-process measurements clear the cache between pages: a private one, never the shared Redis.
PRIVATE_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def count_hot_states() -> float:
    """Count the unfiltered finder and digest archive in the shared cache, as a site in use has
    them before its readers come (their recounts after a change are the first-request tables'),
    and return how long that took."""
    from stories import counts as finder_counts

    began = time.perf_counter()
    for kind, query in finder_counts.HOT_STATES:
        finder_counts.recount(kind, query)
    return time.perf_counter() - began


@contextmanager
def counted_on_the_request():
    """Finder pages count their whole state on the request, however long it takes and however
    many stories a search matches (stories.counts)."""
    from stories import counts as finder_counts

    saved = finder_counts.WAIT_SECONDS, finder_counts.SEARCH_MATCHES_COUNTED_ON_REQUEST
    finder_counts.WAIT_SECONDS = settings.DATABASE_ADMIN_STATEMENT_TIMEOUT
    finder_counts.SEARCH_MATCHES_COUNTED_ON_REQUEST = sys.maxsize
    try:
        yield
    finally:
        finder_counts.WAIT_SECONDS, finder_counts.SEARCH_MATCHES_COUNTED_ON_REQUEST = saved


def count_queries(pages: list[tuple[str, str]]) -> tuple[dict[str, int], str]:
    """SQL queries per page on a cold cache (the version known), via the test client.

    Each finder page counts its state on the request, as it does at any size when the count fits
    in stories.counts.WAIT_SECONDS (and a search matches few stories): otherwise which queries
    run would depend on the machine's speed and the archive's size, not on the page (past the
    wait, a page counts its results alone and the full count runs after its response). Also
    signs a superuser in for the admin, and returns the session key.
    """
    with counted_on_the_request(), override_settings(CACHES=PRIVATE_CACHE):
        counts = _count_queries(pages)
    # The session lives in the database (and in Redis, when sessions are read through it).
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    client.force_login(admin_user())
    return counts, client.cookies[settings.SESSION_COOKIE_NAME].value


def _count_queries(pages: list[tuple[str, str]]) -> dict[str, int]:
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from stories.cache import content_version

    counts = {}
    client = Client(HTTP_HOST=HOST)
    # A running server looks content types up once per process: count as such a process does,
    # whether or not generating the archive already filled that cache.
    ContentType.objects.get_for_models(*apps.get_models())
    for name, path in pages:
        cache.clear()
        content_version()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise CommandError(f"{name} ({path}) answered {response.status_code}.")
        counts[name] = len(queries)
    for name, paths in new_searches():
        cache.clear()
        content_version()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(paths())
        if response.status_code != 200:
            raise CommandError(f"{name} answered {response.status_code}.")
        counts[name] = len(queries)
    client.force_login(admin_user())
    for name, query in ADMIN_PAGES.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("admin:stories_story_changelist") + query)
        if response.status_code != 200:
            raise CommandError(f"The {name} answered {response.status_code}.")
        counts[name] = len(queries)
    return counts


def admin_user():
    """The archive's author, signed in with every permission: "my drafts" are its drafts."""
    user = get_user_model().objects.get(username="bench-editor")
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    return user


ADMIN_PAGES = {
    "admin story list": "",
    "admin: awaiting review": "?status__exact=in_review",
    "admin: my drafts": "?mine=drafts",
}


def time_admin(
    server: GunicornServer, session: str, queries: dict, requests: int = 20
) -> list[dict]:
    """Sequential requests for the admin's story lists as a signed-in superuser: everything,
    the moderation queue and the editor's own drafts."""
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}
    results = []
    for name, query in ADMIN_PAGES.items():
        path = reverse("admin:stories_story_changelist") + query
        load.fetch(HOST, server.port, path, headers)
        timings, errors = [], 0
        for _ in range(requests):
            began = time.perf_counter()
            status, _body = load.fetch(HOST, server.port, path, headers)
            timings.append((time.perf_counter() - began) * 1000)
            errors += status != 200
        timings.sort()
        results.append(
            {
                "name": name,
                "path": path,
                "requests": requests,
                "errors": errors,
                "p50_ms": round(timings[len(timings) // 2], 1),
                "p95_ms": round(load.percentile(timings, 0.95), 1),
                "max_ms": round(timings[-1], 1),
                "queries": queries.get(name),
            }
        )
    return results


def new_searches() -> list[tuple[str, Callable[[], str]]]:
    """Searches that ask, request after request, what no request asked before.

    Two organizations' acronyms together (the few stories linked to both: a selective search),
    one organization's (a few hundred stories at 100,000, a few thousand at 1,000,000; every
    archive has at most 500 organizations, so the 501st request asks again) and two of the
    archive's forty commonest words (each in most stories; 780 pairs).
    """
    from organizations.models import Organization
    from stories.benchmark.archive import WORDS

    story_list = reverse("stories:story_list")
    acronyms = list(
        Organization.objects.exclude(acronym="").order_by("pk").values_list("acronym", flat=True)
    )
    acronym_pairs = list(itertools.combinations(acronyms, 2))
    common = list(dict.fromkeys(WORDS))[:40]
    word_pairs = list(itertools.combinations(common, 2))
    for pairs in (acronym_pairs, word_pairs):
        random.Random(7).shuffle(pairs)

    def asking(choices: list) -> Callable[[], str]:
        numbers = itertools.count()

        def path() -> str:
            words = choices[next(numbers) % len(choices)]
            text = words if isinstance(words, str) else " ".join(words)
            return f"{story_list}?{urlencode({'q': text})}"

        return path

    return [
        ("new search: two organizations", asking(acronym_pairs)),
        ("new search: an organization", asking(acronyms)),
        ("new search: common words", asking(word_pairs)),
    ]


def time_after_change(
    server: GunicornServer, pages, repeats: int = 5, *, readers: int = 1, removal: bool = False
) -> list[dict]:
    """The first requests for each page after content changed, `readers` of them at once.

    Moving the content version on leaves every cache keyed by it cold: the page, its cards and
    related stories; the finders' counts are then served from just before the change while they
    are recounted, except after a removal (stories.counts).
    """
    from concurrent.futures import ThreadPoolExecutor

    from stories.cache import bump_content_version

    def timed(path: str) -> tuple[float, int]:
        began = time.perf_counter()
        status, _body = load.fetch(HOST, server.port, path)
        return (time.perf_counter() - began) * 1000, status

    results = []
    with ThreadPoolExecutor(max_workers=readers) as pool:
        for name, path in pages:
            if path.startswith("/bench/"):
                continue
            timings, errors = [], 0
            for _ in range(repeats):
                bump_content_version(removal=removal)
                for ms, status in pool.map(timed, [path] * readers):
                    timings.append(ms)
                    errors += status != 200
                # Let a recount started by these requests finish before the next change.
                settle(path)
            timings.sort()
            results.append(
                {
                    "name": name,
                    "path": path,
                    "requests": repeats * readers,
                    "errors": errors,
                    "p50_ms": round(timings[len(timings) // 2], 1),
                    "p95_ms": round(load.percentile(timings, 0.95), 1),
                    "max_ms": round(timings[-1], 1),
                }
            )
    return results


def settle(path: str, seconds: float = 120) -> None:
    """Wait until a finder page's counts are current: a recount its request started has run."""
    from django.core.cache import cache

    from stories import counts
    from stories.cache import content_version

    parts = urlsplit(path)
    kinds = {reverse("stories:story_list"): "story", reverse("stories:roundup_list"): "roundup"}
    if parts.path not in kinds:
        return
    kind, query = counts.state_of(counts.filterset_for(kinds[parts.path], parts.query))
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if cache.get(counts.keys(kind, query, content_version())[0]) is not None:
            return
        time.sleep(0.1)


def forget_cached_entries() -> None:
    """Delete this run's keys (its own CACHE_KEY_PREFIX) from Redis; some never expire."""
    from django.core.cache import cache

    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    if not settings.REDIS_URL or not prefix.startswith("newsroom-bench-"):
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    for start in range(0, len(keys), 1000):
        client.delete(*keys[start : start + 1000])


# --- the server -----------------------------------------------------------------------------------


def task_queue_of(options: dict) -> str:
    """What runs the recounts readers' requests queue: a Celery worker, as in production, or
    (with no broker) the web workers themselves once their responses have gone."""
    if not options["task_queue"] or not settings.REDIS_URL:
        return ""
    return f"Celery worker ({TASK_WORKER_PROCESSES} process) on Redis"


# One process: the worker shares the machine's CPUs with gunicorn, as on a small server.
TASK_WORKER_PROCESSES = 1


class GunicornServer:
    """gunicorn with this process's (production-like) environment on a free loopback port."""

    def __init__(self, workers: int, *, page_cache: bool, task_queue: bool = False):
        self.workers = workers
        self.page_cache = page_cache
        self.task_queue = task_queue
        self.worker = None
        self.port = free_port()
        # Closed in stop(), which __exit__ always reaches.
        self.log = tempfile.NamedTemporaryFile(prefix="newsroom-bench-gunicorn-")  # noqa: SIM115

    def __enter__(self) -> GunicornServer:
        env = {
            **os.environ,
            "WEB_CONCURRENCY": str(self.workers),
            "GUNICORN_BIND": f"{HOST}:{self.port}",
            "PAGE_CACHE_SECONDS": "600" if self.page_cache else "0",
            # The API's own cache follows the mode; the load comes from one address.
            "API_CACHE_SECONDS": "600" if self.page_cache else "0",
            "API_ANONYMOUS_RATE": "100000000/minute",
            "GUNICORN_LOG_LEVEL": "warning",
        }
        env.pop(CHILD_FLAG, None)
        if self.task_queue:
            env["CELERY_BROKER_URL"] = settings.REDIS_URL
            env["CELERY_QUEUE"] = self.queue = f"newsroom-bench-{os.getpid()}-{self.port}"
            self.worker = subprocess.Popen(
                [
                    sys.executable, "-m", "celery", "-A", "newsroom", "worker",
                    "-Q", env["CELERY_QUEUE"], "--concurrency", str(TASK_WORKER_PROCESSES),
                    "--loglevel", "WARNING",
                    "--without-gossip", "--without-mingle", "--without-heartbeat",
                ],
                env=env,
                cwd=settings.BASE_DIR,
                stdout=self.log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-c", "gunicorn.conf.py"],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if load.fetch(HOST, self.port, "/healthz")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        self.log.seek(0)
        raise CommandError("gunicorn did not start:\n" + self.log.read().decode()[-3000:])

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def stop(self) -> None:
        for process in (self.process, self.worker):
            if process is None or process.poll() is not None:
                continue
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self.worker is not None:
            # The queue and the bindings Celery keeps for it.
            client = redis.Redis.from_url(settings.REDIS_URL)
            keys = client.keys(f"*{self.queue}*")
            if keys:
                client.delete(*keys)
        self.log.close()


def free_port() -> int:
    """BENCH_PORT when set (a port the machine's users agreed on), else any free one."""
    if os.environ.get("BENCH_PORT"):
        return int(os.environ["BENCH_PORT"])
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


# --- the database ---------------------------------------------------------------------------------


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def _maintenance(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True)


def database_exists(url: str) -> bool:
    with _maintenance(url) as maintenance:
        row = maintenance.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)]
        ).fetchone()
    return row is not None


def create_database(url: str) -> None:
    from psycopg import sql

    with _maintenance(url) as maintenance:
        name = sql.Identifier(database_name(url))
        maintenance.execute(sql.SQL("CREATE DATABASE {}").format(name))


def drop_database(url: str) -> None:
    from psycopg import sql

    name = sql.Identifier(database_name(url))
    with _maintenance(url) as maintenance:
        maintenance.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
