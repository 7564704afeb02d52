"""Gunicorn settings for `gunicorn newsroom.wsgi`, read from the environment like Django's.

WEB_CONCURRENCY worker processes (default: two per core, plus one), each with GUNICORN_THREADS
threads (gthread workers keep client connections alive). The app keeps no local state: sessions
and cached pages live in the database and Redis, so any number of these servers can sit behind
one load balancer.
"""

from __future__ import annotations

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:" + os.environ.get("PORT", "8000"))
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Recycle each worker after about a thousand requests (GUNICORN_MAX_REQUESTS, 0: never), so
# memory a worker gathered (a big page, a big upload) goes back to the system; jitter keeps them
# from all restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = max_requests // 10
# Load the app once before forking: workers share its memory and start faster.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Addresses of the load balancer(s) whose X-Forwarded-* headers are trusted.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker):
    """Freeze what the preloaded app has built before each worker is forked.

    The collector then never walks Django's and the app's own long-lived objects again: a
    worker's full collections scan only what requests create, which takes tens of
    milliseconds off its slowest responses, and memory pages stay shared with the master.
    """
    gc.freeze()
