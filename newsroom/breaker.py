"""Circuit breakers: a service that stops answering costs one timeout per interval, not per call.

One breaker per service and process, shared by all of its threads (gunicorn's gthread workers
serve several requests at once, and Django gives each thread its own cache and database
objects). After a failure the breaker is open: callers skip the service at once. When the
interval has passed, one caller is let through to try again while the others keep skipping for
another interval; its success closes the breaker, its failure keeps it open.
"""

from __future__ import annotations

import logging
import os
import threading
import time

logger = logging.getLogger("newsroom.breaker")


class CircuitBreaker:
    def __init__(self, name: str, retry_seconds: float):
        self.name = name
        self.retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self._open_until: float | None = None  # None: closed
        self.failures = 0

    @property
    def is_open(self) -> bool:
        return self._open_until is not None

    def allow(self) -> bool:
        """Whether a caller may use the service now (then it reports how that went)."""
        if self._open_until is None:
            return True
        now = time.monotonic()
        with self._lock:
            if self._open_until is None:
                return True
            if now < self._open_until:
                return False
            # This caller tries; the others wait for another interval (or for its success).
            self._open_until = now + self.retry_seconds
            return True

    def succeeded(self) -> bool:
        """Record an answer; True if it closed the breaker (the service is back)."""
        if self._open_until is None:
            return False
        with self._lock:
            if self._open_until is None:
                return False
            failures = self.failures
            self._reset()
        logger.warning("%s answers again after %d failed attempts.", self.name, failures)
        return True

    def failed(self, error: BaseException) -> None:
        with self._lock:
            opening = self._open_until is None
            self._open_until = time.monotonic() + self.retry_seconds
            self.failures += 1
        if opening:
            logger.error(
                "%s does not answer (%s); going without it, trying again every %g s.",
                self.name,
                error,
                self.retry_seconds,
            )


_breakers: dict[str, CircuitBreaker] = {}
_registry_lock = threading.Lock()


def breaker_for(name: str, retry_seconds: float) -> CircuitBreaker:
    """This process's breaker for the named service."""
    breaker = _breakers.get(name)
    if breaker is None:
        with _registry_lock:
            breaker = _breakers.setdefault(name, CircuitBreaker(name, retry_seconds))
    return breaker


def _forget_parent_state() -> None:
    # A forked worker starts with its own view of the services and fresh locks (one may have
    # been held by another thread of the parent at the moment of the fork).
    global _registry_lock
    _registry_lock = threading.Lock()
    for breaker in _breakers.values():
        breaker._lock = threading.Lock()
        breaker._reset()


os.register_at_fork(after_in_child=_forget_parent_state)
