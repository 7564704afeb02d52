"""The site under load while Redis or PostgreSQL fails, served by gunicorn as in production.

Each test starts the site on a free port with the failing part it needs (a closed port, a port
that accepts and never answers, or a proxy to the real server that stops relaying), drives reader
pages with the benchmark's load generator (stories/benchmark/load.py) and checks what readers
and a load balancer see. The bounds are generous, for a busy 2-CPU machine, yet each one fails
without the protection it checks. Figures are printed (`pytest -s`) for SECURITY.md.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote, urlsplit

import pytest
import redis
from django.db import connection, connections

from stories.benchmark import load
from tests.factories import RoundUpFactory, StoryFactory, TopicFactory
from tests.resilience.servers import BASE_DIR, HOST, BlackHole, Proxy, Site, closed_port

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="serves the site as in production, on PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]

LOAD_SECONDS = 8
# Eight threads in all, so that eight hung requests would hold every one of them.
SERVER = {"WEB_CONCURRENCY": "2", "GUNICORN_THREADS": "4"}
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(scope="module")
def static_root():
    """Static files collected as a production build does (the site runs with DEBUG off)."""
    root = tempfile.mkdtemp(prefix="newsroom-resilience-static-")
    try:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=BASE_DIR,
            env={**os.environ, "DEBUG": "0", "STATIC_ROOT": root},
            check=True,
            timeout=300,
        )
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pages():
    topic = TopicFactory(name="Forced labour", slug="forced-labour")
    stories = [
        StoryFactory(published=True, title=f"Story number {number}", topics=[topic])
        for number in range(12)
    ]
    digest = RoundUpFactory(published=True, title="Digest of the week", items=stories[:6])
    return [
        "/",
        "/stories/",
        "/digests/",
        digest.get_absolute_url(),
        stories[3].get_absolute_url(),
        "/feeds/stories/",
    ]


def database_url(port: int | None = None) -> str:
    """The test database, directly or through another port."""
    db = connections["default"].settings_dict
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    where = f"{db['HOST'] or '127.0.0.1'}:{port or db['PORT'] or 5432}"
    return f"postgres://{quote(db['USER'])}{password}@{where}/{db['NAME']}"


@pytest.fixture
def redis_prefix():
    """A key prefix of this run's own in the shared test Redis, and its keys deleted afterwards."""
    prefix = f"newsroom-resilience-{uuid.uuid4().hex}"
    yield prefix
    client = redis.Redis.from_url(TEST_REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    client.close()


def drive(site: Site, paths: list[str], seconds: float = LOAD_SECONDS) -> list[load.PageResult]:
    """The load generator on each path at once, two clients each (the benchmark's four in all)."""
    with ThreadPoolExecutor(len(paths)) as pool:
        runs = [
            pool.submit(load.drive, path, HOST, site.port, path, seconds=seconds, concurrency=2)
            for path in paths
        ]
        return [run.result() for run in runs]


def health_checks(site: Site, count: int, every: float = 0.5) -> list[tuple[int, dict, float]]:
    answers = []
    for _ in range(count):
        status, body, seconds = site.get("/healthz")
        answers.append((status, json.loads(body), seconds))
        time.sleep(every)
    return answers


def warm_up(site: Site, paths: list[str]) -> None:
    """A few requests per worker first: templates compiled, health check threads started."""
    for _ in range(4):
        for path in [*paths, "/healthz"]:
            site.get(path)


def report(title: str, results: list[load.PageResult], health) -> None:
    requests = sum(r.requests for r in results)
    errors = sum(r.errors for r in results)
    print(f"\n{title}: {requests} requests in {LOAD_SECONDS} s, {errors} errors")
    for r in results:
        print(f"  {r.path}: {r.rps} req/s, p50 {r.p50_ms} ms, p95 {r.p95_ms} ms, p99 {r.p99_ms} ms")
    if health:
        print(f"  /healthz: {[a[0] for a in health]}, slowest {max(a[2] for a in health):.2f} s")


def assert_cache_reported_failing(health) -> None:
    for status, body, seconds in health:
        assert status == 503, body
        assert body["failing"] == ["cache"], body
        assert seconds < 1, seconds


def test_with_redis_refusing_connections_readers_get_every_page(static_root, pages):
    environment = {"DATABASE_URL": database_url(), "REDIS_URL": f"redis://{HOST}:{closed_port()}/0"}
    with Site(static_root, **environment, **SERVER) as site:
        warm_up(site, pages[:2])
        with ThreadPoolExecutor(1) as pool:
            health = pool.submit(health_checks, site, 6)
            results = drive(site, pages[:2])
            health = health.result()
        report("Redis refusing connections", results, health)

        assert sum(r.requests for r in results) > 0
        for r in results:
            assert r.errors == 0, (r, site.output())
            assert r.p95_ms < 3000, r  # rendered afresh, on a machine others share
        assert_cache_reported_failing(health)


def test_with_redis_never_answering_readers_pay_one_timeout_per_interval(static_root, pages):
    with BlackHole() as hole:
        environment = {
            "DATABASE_URL": database_url(),
            "REDIS_URL": f"redis://{HOST}:{hole.port}/0",
            "CACHE_RETRY_SECONDS": "4",
        }
        with Site(static_root, **environment, **SERVER) as site:
            warm_up(site, pages[:2])
            with ThreadPoolExecutor(1) as pool:
                health = pool.submit(health_checks, site, 6)
                results = drive(site, pages[:2])
                health = health.result()
            report("Redis never answering", results, health)

            for r in results:
                assert r.errors == 0, (r, site.output())
                # Without the breaker each of the page's cache calls would wait 0.5 s.
                assert r.p50_ms < 2000, r
            assert_cache_reported_failing(health)
            # Per worker, one try per interval (plus the first); each health check asks once.
            tries = 2 * (LOAD_SECONDS // 4 + 2) + len(health)
            requests = sum(r.requests for r in results)
            print(f"  connections to the hung Redis: {hole.accepted} for {requests} requests")
            assert hole.accepted <= tries, hole.accepted


def test_with_the_database_hung_cached_pages_are_served_and_health_says_so(
    static_root, pages, redis_prefix
):
    db_port = int(urlsplit(database_url()).port)
    with Proxy(db_port) as proxy:
        environment = {
            "DATABASE_URL": database_url(proxy.port),
            "REDIS_URL": TEST_REDIS_URL,
            "CACHE_KEY_PREFIX": redis_prefix,
            "DATABASE_STATEMENT_TIMEOUT": "2",
            "DATABASE_CONNECT_TIMEOUT": "2",
        }
        with Site(static_root, **environment, **SERVER) as site:
            warm_up(site, pages)  # rendered once, then served from the cache
            assert all(site.get(path)[0] == 200 for path in pages), site.output()
            assert site.get("/healthz")[0] == 200

            proxy.hang()
            hung = []

            def uncached(number: int) -> None:
                began = time.monotonic()
                try:
                    status, _, seconds = site.get(f"/stories/?q=nothing+cached+{number}")
                except OSError as error:  # no answer at all counts against the bound too
                    status, seconds = repr(error), time.monotonic() - began
                hung.append((status, seconds))

            # Eight requests that need the database, one per thread of the node, at once.
            waiting = [threading.Thread(target=uncached, args=(n,)) for n in range(8)]
            for thread in waiting:
                thread.start()
            results = drive(site, pages[:2])
            for thread in waiting:
                thread.join()
            # Found hung: the health check and further requests answer at once.
            health = health_checks(site, 4)
            after = [site.get(f"/stories/?q=nothing+cached+either+{n}") for n in range(8)]
            report("PostgreSQL hung", results, health)
            print(f"  requests that needed it: {sorted(hung, key=lambda answer: answer[1])}")
            print(f"  and then: {[(status, round(seconds, 2)) for status, _, seconds in after]}")

            for r in results:
                assert r.errors == 0, (r, site.output())
                assert r.p95_ms < 1000, r
            # Bounded: the statement limit and its grace, or the connect timeout, and slack.
            assert len(hung) == 8, hung
            assert all(status == 503 and seconds < 6 for status, seconds in hung), (
                hung,
                site.output(),
            )
            for status, body, seconds in health:
                assert status == 503, body
                assert body["failing"] == ["database"], body
                assert seconds < 1, seconds
            # Refused at once, but for a try per worker when its breaker's interval is up.
            assert all(status == 503 and seconds < 6 for status, _, seconds in after), after
            assert sum(seconds >= 1 for _, _, seconds in after) <= 2, after

            # Back: each worker tries again within its retry interval (5 s), and answers.
            proxy.resume()
            began, seen = time.monotonic(), []
            while seen[-6:] != [200] * 6 and time.monotonic() < began + 20:
                seen.append(site.get("/healthz")[0])
                time.sleep(0.25)
            print(f"  health after the database came back: {seen}")
            assert seen[-6:] == [200] * 6, (seen, site.output())
            assert site.get("/stories/?q=nothing+cached+at+all")[0] == 200
