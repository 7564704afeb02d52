"""Background work of the editorial workflow, run by the Celery worker (in-process without one)."""

from __future__ import annotations

import logging
import random
import smtplib
import threading

from celery import shared_task
from django.conf import settings
from django.core.mail import BadHeaderError, get_connection
from django.core.management import call_command
from django.core.signals import request_finished
from django.db import DatabaseError, connections
from django.dispatch import receiver
from kombu.exceptions import OperationalError as BrokerError

from newsroom.resilience import statement_limit
from stories import notifications

logger = logging.getLogger("stories.tasks")

# A worker tries a failing mail server again after 1, 2, 4… minutes: for about an hour.
EMAIL_RETRIES = 6
EMAIL_FIRST_RETRY_SECONDS = 60
# Errors that say the mail server (or the database) failed, not the email: worth another try.
PASSING_FAILURES = (smtplib.SMTPException, OSError, DatabaseError)


@shared_task(bind=True, max_retries=EMAIL_RETRIES)
def send_step_emails(self, transition_pks: list[int], only_to: list[int] | None = None) -> int:
    """Email the people a workflow step concerns; return how many emails left.

    A failing mail server is tried again later (by a worker; run in-process, once only) for the
    recipients it has not taken yet. Nothing raised here reaches the person who took the step.
    """
    unsent = None
    try:
        emails = notifications.step_emails(transition_pks)
        unsent = {pk: email for pk, email in emails.items() if only_to is None or pk in only_to}
        sent = send(unsent)
    except PASSING_FAILURES as error:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            logger.error(
                "Emails about workflow step %s were not sent to %s: %s",
                transition_pks,
                "everyone" if only_to is None else f"users {sorted(only_to)}",
                error,
            )
            return 0
        pause = EMAIL_FIRST_RETRY_SECONDS * 2**self.request.retries
        raise self.retry(
            exc=error,
            countdown=pause * random.uniform(0.8, 1.2),
            kwargs={
                "transition_pks": transition_pks,
                "only_to": only_to if unsent is None else sorted(unsent),
            },
        ) from error
    except Exception:  # noqa: BLE001 - a bug here must not fail the step that queued it
        logger.exception("Emails about workflow step %s failed.", transition_pks)
        return 0
    return sent


def send(emails: dict) -> int:
    """Send each email (by recipient pk) over one connection, taking each sent one out."""
    sent = 0
    if not emails:
        return sent
    with get_connection() as connection:
        for pk, email in list(emails.items()):
            try:
                sent += connection.send_messages([email]) or 0
            except (BadHeaderError, smtplib.SMTPRecipientsRefused, ValueError) as error:
                # This email can never go (a bad address): the others still do.
                logger.error("Workflow email to user %s not sent: %s", pk, error)
            del emails[pk]
    return sent


@shared_task
def publish_scheduled() -> None:
    """Run `manage.py publish_scheduled` (the beat process, every minute: no cron needed)."""
    call_command("publish_scheduled", verbosity=0)


@shared_task(ignore_result=True)
def make_renditions(name: str) -> int:
    """Make the resized copies of a stored image, outside the request that stored it."""
    from stories.images import build_renditions

    return len(build_renditions(name))


# --- Work kept off the request path ---------------------------------------------------------------

_after_response = threading.local()


def in_web_request() -> bool:
    return statement_limit.get() is not None


def can_run_elsewhere() -> bool:
    """Whether a task queued now runs off the current request: on a worker, or after the
    response has gone. Not in a command or shell with no broker, where it runs at once."""
    return not settings.CELERY_TASK_ALWAYS_EAGER or in_web_request()


def run_elsewhere(task, *args) -> None:
    """Queue the task for a worker; with no broker, run it once this request's response has gone
    (at once outside a web request)."""
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        try:
            task.delay(*args)
            return
        except BrokerError as error:
            logger.warning("Task %s not queued (%s): run here instead.", task.name, error)
    if in_web_request():
        pending = _after_response.__dict__.setdefault("tasks", [])
        if (task, args) not in pending:
            pending.append((task, args))
        return
    task(*args)


@receiver(request_finished, dispatch_uid="stories_tasks_after_response")
def _run_after_response(**kwargs) -> None:
    pending = _after_response.__dict__.pop("tasks", [])
    # Still a web worker's thread: with the database hung, work without a time limit would hold
    # it until the database came back. It gets the admin's limit (and the database's breaker).
    limit = statement_limit.set(settings.DATABASE_ADMIN_STATEMENT_TIMEOUT) if pending else None
    try:
        while pending:
            for task, args in pending:
                try:
                    task(*args)
                except Exception:  # noqa: BLE001 - the response has gone; nobody else would see it
                    logger.exception("Task %s%r failed after the response.", task.name, args)
            # With the limit set this still counts as a web request, so work these tasks leave
            # for later lands in the same list: run it now, not after some later response.
            pending = _after_response.__dict__.pop("tasks", [])
    finally:
        if limit is not None:
            statement_limit.reset(limit)
    for connection in connections.all(initialized_only=True) if pending else ():
        if not connection.in_atomic_block:  # a test's transaction is not ours to end
            connection.close_if_unusable_or_obsolete()  # as when a request finishes


@shared_task(ignore_result=True)
def recount_finder_state(kind: str, query: str, warm_pages: bool = False) -> None:
    """Count a finder state's results and facets for the current content version; after a
    change, the unfiltered finders also render the pages their readers ask for first."""
    from stories import counts, warming

    if counts.recount(kind, query) is not None and warm_pages:
        warming.warm(warming.PAGES.get(kind, ()))
