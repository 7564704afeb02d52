"""/healthz: whether the database and the cache answer, itself answering within a second.

Each part is asked by a thread of its own that keeps its connections, one question at a time
per part and process: the request waits for the answer at most CHECK_SECONDS, and a part that
has not answered by then is reported as failing. A hung database or cache therefore never holds
the request's thread, and a load balancer asking every second starts no pile of waiting checks.
A part this process already knows to be down (its circuit breaker is open) is reported at once;
it is asked again once per breaker interval, like any other caller.
"""

from __future__ import annotations

import logging
import queue
import threading
import time

from django.core.cache import caches
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from newsroom.resilience import statement_limit

logger = logging.getLogger("newsroom.health")

CHECK_SECONDS = 0.5
OK = "ok"


def check_database() -> None:
    connection = connections["default"]
    # What request_started does for a request's thread: drop a broken or expired connection.
    connection.close_if_unusable_or_obsolete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    cache = caches["default"]
    # Only Redis (newsroom.cache) can fail; a local-memory cache always answers.
    if hasattr(cache, "check"):
        cache.check()


class Question:
    def __init__(self):
        self.answered = threading.Event()
        self.problem: str | None = None

    def outcome(self, wait: float) -> str:
        if not self.answered.wait(wait):
            return f"no answer within {CHECK_SECONDS:g} s"
        return self.problem or OK


class Probe:
    """Asks one part from a thread of its own; callers meanwhile share the question in flight."""

    def __init__(self, name: str, check):
        self.name = name
        self.check = check
        self._lock = threading.Lock()
        self._pending: Question | None = None
        self._questions: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def ask(self) -> Question:
        with self._lock:
            if self._pending is None:
                if self._thread is None or not self._thread.is_alive():
                    self._thread = threading.Thread(
                        target=self._answer, name=f"healthz-{self.name}", daemon=True
                    )
                    self._thread.start()
                self._pending = Question()
                self._questions.put(self._pending)
            return self._pending

    def stop(self) -> None:
        """End the thread, closing its connections (a new question starts another)."""
        with self._lock:
            thread, self._thread = self._thread, None
            if thread is not None:
                self._questions.put(None)
        if thread is not None:
            thread.join(timeout=10)

    def _answer(self) -> None:
        statement_limit.set(CHECK_SECONDS)  # this thread's context: every statement it sends
        while (question := self._questions.get()) is not None:
            try:
                self.check()
            except Exception as error:  # noqa: BLE001 - any failure means the part is unavailable
                logger.warning("Health check: the %s failed: %s", self.name, error)
                question.problem = "unavailable"
            finally:
                with self._lock:
                    self._pending = None
                question.answered.set()
        connections.close_all()


PROBES = [Probe("database", check_database), Probe("cache", check_cache)]


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    deadline = time.monotonic() + CHECK_SECONDS
    questions = {probe.name: probe.ask() for probe in PROBES}
    parts = {
        name: question.outcome(max(0.0, deadline - time.monotonic()))
        for name, question in questions.items()
    }
    failing = [name for name, state in parts.items() if state != OK]
    body = {"status": "unavailable" if failing else OK, "failing": failing, **parts}
    return JsonResponse(body, status=503 if failing else 200)
