"""The app server's settings: workers start from a preloaded app that the collector leaves alone."""

from __future__ import annotations

import gc
import runpy
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"


def test_workers_are_forked_from_a_preloaded_app_frozen_out_of_the_collector():
    config = runpy.run_path(str(CONFIG))
    assert config["preload_app"] is True

    gc.unfreeze()
    try:
        config["pre_fork"](server=None, worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_worker_count_and_threads_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "7")
    monkeypatch.setenv("GUNICORN_THREADS", "3")

    config = runpy.run_path(str(CONFIG))

    assert (config["workers"], config["threads"]) == (7, 3)


def test_workers_are_recycled_by_default_with_jitter(monkeypatch):
    monkeypatch.delenv("GUNICORN_MAX_REQUESTS", raising=False)

    config = runpy.run_path(str(CONFIG))

    assert config["max_requests"] >= 100
    assert 0 < config["max_requests_jitter"] < config["max_requests"]
