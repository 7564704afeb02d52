from __future__ import annotations

import contextlib
import os
import runpy
import sys
import uuid
from pathlib import Path

import pytest
from django.test import override_settings

from tests.resilience.servers import BlackHole, closed_port

SETTINGS = Path(__file__).resolve().parents[2] / "newsroom" / "settings.py"


def settings_from(**environment: str) -> dict:
    """What newsroom/settings.py makes of this environment (on top of the current one)."""
    saved = dict(os.environ)
    os.environ.update(environment)
    try:
        return runpy.run_path(str(SETTINGS))
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def cache_at(url: str, **environment: str):
    """The site's cache settings for REDIS_URL=url, with a key prefix of its own.

    Restored on exit, before the suite's own fixtures clear "the" cache: never the shared Redis.
    """
    prefix = f"newsroom-test-{uuid.uuid4().hex}"
    made = settings_from(REDIS_URL=url, CACHE_KEY_PREFIX=prefix, **environment)
    with override_settings(CACHES=made["CACHES"]):
        yield made["CACHES"]["default"]


@pytest.fixture(autouse=True)
def fresh_breakers(fresh_health_checks):
    """Each test starts with every service answering, as far as this process knows."""
    yield
    breakers = sys.modules.get("newsroom.breaker")
    for each in breakers._breakers.values() if breakers else ():
        each._reset()


@pytest.fixture
def refused_redis():
    with cache_at(f"redis://127.0.0.1:{closed_port()}/0") as config:
        yield config


@pytest.fixture
def black_hole():
    with BlackHole() as hole:
        yield hole


@pytest.fixture
def hung_redis(black_hole):
    with cache_at(f"redis://127.0.0.1:{black_hole.port}/0"):
        yield black_hole
