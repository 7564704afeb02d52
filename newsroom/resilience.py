"""Web requests when the database fails: bounded statements, and a 503 page rather than a 500."""

from __future__ import annotations

import contextlib
import contextvars
import logging
import sys
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.urls import reverse
from django.views import defaults

from helplines.context_processors import quick_exit

logger = logging.getLogger("newsroom.resilience")

# Seconds each SQL statement of the current request may take, read by newsroom.postgresql;
# None outside web requests (management commands, migrations, task workers are not limited).
statement_limit: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "statement_limit", default=None
)


@contextlib.contextmanager
def longer_statement_limit(seconds: float, databases: Iterable) -> Iterator[None]:
    """Let the statements inside take up to `seconds`, once each of `databases` has answered
    within the request's own limit.

    A long statement and a server that has stopped answering look the same until the limit
    passes. Asked first within the short limit, a hung server is found (and its breaker opened)
    in seconds, so it cannot hold a reader's thread for the long limit. Outside web requests
    statements have no limit to lengthen.
    """
    if statement_limit.get() is None:
        yield
        return
    for database in databases:
        # Only the PostgreSQL backend (newsroom.postgresql) bounds its waits; others answer.
        confirm = getattr(database, "confirm_answering", None)
        if confirm is not None:
            confirm()
    token = statement_limit.set(seconds)
    try:
        yield
    finally:
        statement_limit.reset(token)


# How long a browser or crawler should wait before asking again for a page the database failed.
RETRY_AFTER_SECONDS = 30


class DatabaseLimitsMiddleware:
    """Give every statement of a request a time limit: short for readers, longer in the admin.

    Outermost, so that whatever the other middleware ask of the database is limited too.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        limit = (
            settings.DATABASE_ADMIN_STATEMENT_TIMEOUT
            if request.path.startswith(self.admin_prefix)
            else settings.DATABASE_STATEMENT_TIMEOUT
        )
        token = statement_limit.set(limit)
        try:
            return self.get_response(request)
        finally:
            statement_limit.reset(token)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 page, or a 503 asking to come back soon when the database failed."""
    error = sys.exc_info()[1]
    if not isinstance(error, OperationalError | InterfaceError):
        return defaults.server_error(request)
    logger.warning("Database unavailable for %s: %s", request.path, error)
    try:
        # Rendered without the request: no context processor may need the database.
        context = {"SITE_NAME": settings.SITE_NAME, **quick_exit(request)}
        content = loader.render_to_string("503.html", context)
    except Exception:  # noqa: BLE001 - the answer must not fail in turn
        content = "The site is unavailable for a moment. Please try again shortly."
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
