"""Reads that scale out: anonymous readers' queries go to PostgreSQL streaming replicas.

`DATABASE_REPLICA_URLS` (comma-separated) adds the aliases `replica_1`, `replica_2`… and this
router. Everything goes to the primary (`default`) unless `ReplicaRoutingMiddleware` marked the
request as an anonymous reader's: a GET or HEAD with no session cookie (staff always read what
they wrote), outside the admin, from nobody who wrote in the last REPLICA_PIN_SECONDS (a POST
leaves a cookie that pins its sender to the primary meanwhile), and not within
REPLICA_LAG_SECONDS of a change of content: pages and counts rendered then are cached under the
new content version, so they must come from a database that has the change. Commands, task
workers and the work done after a response read the primary.
"""

from __future__ import annotations

import contextvars
import random
import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

PRIMARY = "default"
PIN_COOKIE = "primary_until"

_reader = contextvars.ContextVar("replica_reader", default=False)


def replica_aliases() -> list[str]:
    return [f"replica_{n}" for n in range(1, len(settings.DATABASE_REPLICA_URLS) + 1)]


def read_aliases() -> list[str]:
    """Every database a read may go to now: the replicas for an anonymous reader, or the primary."""
    replicas = replica_aliases()
    return replicas if replicas and _reader.get() else [PRIMARY]


class ReplicaRouter:
    """Anonymous readers' queries to a replica, everything else to the primary."""

    def db_for_read(self, model, **hints):
        replicas = replica_aliases()
        if not replicas or not _reader.get():
            return PRIMARY
        return random.choice(replicas)

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas hold the primary's rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def content_changed_lately() -> bool:
    """Whether the content version moved on within REPLICA_LAG_SECONDS (or nobody knows when)."""
    from stories.cache import content_version, version_began_at

    began = version_began_at(content_version())
    return began is None or time.time() - began < settings.REPLICA_LAG_SECONDS


def reads_from_replica(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or request.path.startswith(reverse("admin:index")):
        return False
    try:
        if float(cookies.get(PIN_COOKIE, 0)) > time.time():
            return False
    except ValueError:
        return False  # a mangled pin pins
    return not content_changed_lately()


class ReplicaRoutingMiddleware:
    """Mark anonymous readers' requests for the replicas; pin writers to the primary a while."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reader = bool(replica_aliases()) and reads_from_replica(request)
        token = _reader.set(reader)
        try:
            response = self.get_response(request)
        finally:
            _reader.reset(token)
        if request.method not in ("GET", "HEAD", "OPTIONS") and replica_aliases():
            until = time.time() + settings.REPLICA_PIN_SECONDS
            response.set_cookie(
                PIN_COOKIE,
                f"{until:.0f}",
                max_age=int(settings.REPLICA_PIN_SECONDS) + 1,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
