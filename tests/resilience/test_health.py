"""/healthz names the part that fails, within a second, however that part fails."""

from __future__ import annotations

import time

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.django_db


def healthz(client):
    began = time.monotonic()
    response = client.get("/healthz")
    return response, time.monotonic() - began


def test_health_is_ok_when_the_database_and_the_cache_answer(client):
    response, _ = healthz(client)

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "failing": [], "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_names_the_cache_when_redis_refuses_connections(client, refused_redis):
    response, elapsed = healthz(client)

    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]
    assert response.json()["database"] == "ok"
    assert elapsed < 1


def test_health_names_a_hung_cache_within_a_second_and_asks_it_once_at_a_time(client, hung_redis):
    for _ in range(4):
        response, elapsed = healthz(client)
        assert response.status_code == 503
        assert response.json()["failing"] == ["cache"]
        assert elapsed < 1

    # One question in flight at a time, never a pile of waiting checks.
    assert hung_redis.accepted <= 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a database server to hang")
def test_health_names_a_hung_database_within_a_second_and_asks_it_once_at_a_time(
    client, black_hole, monkeypatch
):
    # Connections made from now on (the health check's) go to a server that never answers.
    monkeypatch.setitem(connections.settings["default"], "PORT", str(black_hole.port))
    monkeypatch.setitem(connections.settings["default"], "HOST", "127.0.0.1")

    for _ in range(4):
        response, elapsed = healthz(client)
        assert response.status_code == 503
        assert response.json()["failing"] == ["database"]
        assert response.json()["cache"] == "ok"
        assert elapsed < 1

    assert black_hole.accepted == 1
