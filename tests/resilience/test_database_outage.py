"""A slow, locked or hung database costs a request a bounded wait and a 503 page, never the node."""

from __future__ import annotations

import contextlib
import threading
import time

import psycopg
import pytest
from django.core.cache import cache
from django.db import DataError, OperationalError, connection, connections, transaction
from django.urls import reverse

from newsroom.resilience import longer_statement_limit
from stories.cache import NEXT_DUE_KEY
from tests.factories import StoryFactory
from tests.resilience.servers import BlackHole, Proxy

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="statement and connection timeouts are PostgreSQL's"
)


@contextlib.contextmanager
def table_locked(table: str, seconds: float):
    """Another session holds the table (as a migration would) for `seconds`, then lets go."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    holder = psycopg.connect(**params)
    holder.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
    release = threading.Timer(seconds, holder.rollback)
    release.start()
    try:
        yield
    finally:
        release.cancel()
        holder.rollback()
        holder.close()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_reader_page_stuck_behind_a_lock_is_cancelled_and_answered_with_a_503(
    client, settings, no_page_cache
):
    settings.DATABASE_STATEMENT_TIMEOUT = 0.5
    StoryFactory(published=True, title="Kenyans return home")
    client.raise_request_exception = False
    # As on a site in use, the finder's counts are made already (the worker recounts them after
    # every change): a reader who finds none queues a count that, run here after the response,
    # would wait for the lock inside this test's timing.
    assert client.get("/stories/").status_code == 200

    with table_locked("stories_story", seconds=6):
        began = time.monotonic()
        response = client.get("/stories/")
        elapsed = time.monotonic() - began

    assert response.status_code == 503
    assert "Back in a moment" in response.text
    assert response["Retry-After"] == "30"
    assert elapsed < 3, elapsed


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_admin_waits_longer_than_readers_on_the_same_connection(
    client, admin_client, settings, no_page_cache
):
    settings.DATABASE_STATEMENT_TIMEOUT = 0.3
    settings.DATABASE_ADMIN_STATEMENT_TIMEOUT = 20
    StoryFactory(published=True, title="Kenyans return home")
    client.raise_request_exception = False

    with table_locked("stories_story", seconds=1.5):
        assert admin_client.get(reverse("admin:stories_story_changelist")).status_code == 200
    with table_locked("stories_story", seconds=6):
        assert admin_client.get("/stories/").status_code == 503  # a public page, same session


def test_a_database_error_on_any_page_is_a_503_asking_to_come_back(client, monkeypatch):
    def fail(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("stories.views.StoryListView.get_queryset", fail)
    client.raise_request_exception = False

    response = client.get("/stories/")

    assert response.status_code == 503
    assert "Back in a moment" in response.text


def test_other_errors_are_still_server_errors(client, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("stories.views.StoryListView.get_queryset", fail)
    client.raise_request_exception = False

    assert client.get("/stories/").status_code == 500


def test_cached_pages_are_served_when_the_database_cannot_say_what_is_due(client, monkeypatch):
    story = StoryFactory(published=True, title="Kenyans return home")
    client.get(story.get_absolute_url())
    cache.delete(NEXT_DUE_KEY)  # time to ask the database again

    def fail(now):
        raise OperationalError("no answer from the database")

    monkeypatch.setattr("stories.cache.next_due_time", fail)
    response = client.get(story.get_absolute_url())

    assert response.status_code == 200
    assert "Kenyans return home" in response.text


# --- the backend itself, on a connection of its own ------------------------------------------


@pytest.fixture
def connection_to():
    """A database connection like the site's, through another port (closed afterwards)."""
    made = []

    def make(port: int, **settings):
        default = connections["default"]
        settings_dict = {
            **default.settings_dict,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "OPTIONS": {**default.settings_dict["OPTIONS"], "connect_timeout": 2},
            **settings,
        }
        # Outside the connection handler; its alias only names the settings it copies.
        made.append(type(default)(settings_dict, alias="default"))
        return made[-1]

    yield make
    for database in made:
        database.close()


def select_one(database) -> int:
    with database.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0]


@contextlib.contextmanager
def request_limits(seconds: float):
    """As web requests are: each statement has a time limit."""
    from newsroom.resilience import statement_limit

    token = statement_limit.set(seconds)
    try:
        yield
    finally:
        statement_limit.reset(token)


@on_postgresql
def test_a_server_that_stops_answering_fails_the_statement_then_every_try_at_once(connection_to):
    real = connections["default"].settings_dict
    with Proxy(int(real["PORT"] or 5432), real["HOST"] or "127.0.0.1") as proxy:
        database = connection_to(proxy.port, RETRY_SECONDS=0.5)
        with request_limits(0.5):
            assert select_one(database) == 1
            proxy.hang()

            began = time.monotonic()
            with pytest.raises(OperationalError, match="No answer from the database"):
                select_one(database)
            assert time.monotonic() - began < 0.5 + 1 + 1  # the limit, the grace, slack

            database.close_if_unusable_or_obsolete()  # as at the end of a request
            attempts = proxy.accepted
            began = time.monotonic()
            with pytest.raises(OperationalError, match="did not answer recently"):
                select_one(database)
            assert time.monotonic() - began < 0.2
            assert proxy.accepted == attempts  # not even a connection attempt

            proxy.resume()
            time.sleep(0.6)
            assert select_one(database) == 1


@on_postgresql
def test_a_longer_limit_is_given_only_once_the_server_has_answered_within_the_short_one(
    connection_to,
):
    real = connections["default"].settings_dict
    with Proxy(int(real["PORT"] or 5432), real["HOST"] or "127.0.0.1") as proxy:
        database = connection_to(proxy.port, RETRY_SECONDS=0.5)
        with request_limits(0.5):
            with longer_statement_limit(5, [database]), database.cursor() as cursor:
                cursor.execute("SELECT pg_sleep(1)")  # longer than the request's own limit
            proxy.hang()

            began = time.monotonic()
            with (
                pytest.raises(OperationalError, match="No answer from the database"),
                longer_statement_limit(30, [database]),
            ):
                select_one(database)
            assert time.monotonic() - began < 0.5 + 1 + 1  # the short limit, not the long one


@on_postgresql
def test_connecting_to_a_server_that_never_answers_gives_up_then_stops_trying(connection_to):
    with BlackHole() as hole:
        database = connection_to(hole.port)
        began = time.monotonic()
        with pytest.raises(OperationalError, match="timeout"):
            select_one(database)
        assert time.monotonic() - began < 2 + 1.5  # connect_timeout (2 s at least) and slack

        began = time.monotonic()
        with pytest.raises(OperationalError, match="did not answer recently"):
            select_one(database)
        assert time.monotonic() - began < 0.2
        assert hole.accepted == 1


def test_work_left_for_after_the_response_still_has_a_time_limit(settings):
    from newsroom.resilience import statement_limit
    from stories import tasks

    settings.CELERY_TASK_ALWAYS_EAGER = True  # no broker: run in the web worker's thread
    limits = []

    def recount():
        limits.append(statement_limit.get())

    recount.name = "recount"
    with request_limits(3):
        tasks.run_elsewhere(recount)
        assert limits == []  # not on the request's time
    tasks._run_after_response()  # as when the response has gone

    assert limits == [settings.DATABASE_ADMIN_STATEMENT_TIMEOUT]
    assert statement_limit.get() is None


@on_postgresql
def test_statements_outside_web_requests_have_no_time_limit():
    with connections["default"].cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


@on_postgresql
def test_once_the_server_is_back_a_connection_it_dropped_lets_the_others_in(connection_to):
    real = connections["default"].settings_dict
    with Proxy(int(real["PORT"] or 5432), real["HOST"] or "127.0.0.1") as proxy:
        first, second = (connection_to(proxy.port, RETRY_SECONDS=0.5) for _ in range(2))
        with request_limits(0.5):
            assert select_one(first) == select_one(second) == 1
            proxy.hang()
            with pytest.raises(OperationalError, match="No answer"):
                select_one(first)
            first.close_if_unusable_or_obsolete()

            proxy.resume()  # a restarted server: the connections it had are gone
            time.sleep(0.6)
            with pytest.raises(OperationalError):
                select_one(second)  # the one try of this interval, on a dropped connection

            assert select_one(first) == 1  # an error is an answer: no second interval to wait


@on_postgresql
def test_a_statement_that_fails_inside_a_transaction_leaves_the_request_working():
    with request_limits(2), transaction.atomic():
        with contextlib.suppress(DataError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT 1 / 0")
        assert select_one(connection) == 1


def test_work_that_work_after_the_response_leaves_for_later_runs_then_too(settings):
    from stories import tasks

    settings.CELERY_TASK_ALWAYS_EAGER = True  # no broker: run in the web worker's thread
    done = []

    def notify():
        done.append("notify")

    def publish():
        done.append("publish")
        tasks.run_elsewhere(notify)  # as a step queuing its emails would

    notify.name, publish.name = "notify", "publish"
    with request_limits(3):
        tasks.run_elsewhere(publish)
    tasks._run_after_response()  # as when the response has gone

    assert done == ["publish", "notify"]
    assert tasks._after_response.__dict__.get("tasks", []) == []
