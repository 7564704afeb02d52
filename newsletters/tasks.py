"""Background work of readers' emails, run by the Celery worker (in-process without a broker)."""

from __future__ import annotations

import logging
import random
import smtplib

from celery import shared_task
from django.core.mail import get_connection
from django.db import DatabaseError

from newsletters import emails
from newsletters.models import Subscription

logger = logging.getLogger("newsletters.tasks")

RETRIES = 6
FIRST_RETRY_SECONDS = 60
# The mail server (or the database) failed, not the email: worth another try later.
PASSING_FAILURES = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    OSError,
    DatabaseError,
)


def backoff(retries: int) -> float:
    return FIRST_RETRY_SECONDS * 2**retries * random.uniform(0.8, 1.2)


def is_temporary(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, PASSING_FAILURES)


@shared_task(bind=True, max_retries=RETRIES)
def send_reader_email(self, kind: str, subscription_pk: int) -> int:
    """Send a confirmation (or "already subscribed") email; retried on temporary failures."""
    subscription = (
        Subscription.objects.select_related("subscriber").filter(pk=subscription_pk).first()
    )
    if subscription is None:
        return 0
    if kind == "confirmation":
        if subscription.status != Subscription.Status.PENDING:
            return 0
        message = emails.confirmation(subscription)
    elif kind == "already_subscribed":
        message = emails.already_subscribed(subscription)
    else:
        raise ValueError(f"Unknown reader email {kind!r}")
    try:
        with get_connection() as connection:
            return connection.send_messages([message]) or 0
    except (smtplib.SMTPException, OSError) as error:
        if is_temporary(error) and not self.request.is_eager and self.request.retries < RETRIES:
            raise self.retry(exc=error, countdown=backoff(self.request.retries)) from error
        logger.error("The %s email for subscription %s failed: %s", kind, subscription_pk, error)
        return 0


@shared_task
def purge_expired() -> None:
    """Delete unconfirmed subscriptions past their week (beat, hourly)."""
    from newsletters.services import purge_expired as purge

    purge()
