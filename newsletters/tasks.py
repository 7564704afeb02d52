"""Background work of readers' emails, run by the Celery worker (in-process without a broker)."""

from __future__ import annotations

import datetime
import logging
import random
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection
from django.db import DatabaseError
from django.db.models import Q
from django.utils import timezone

from newsletters import alerts, emails, sending
from newsletters.models import Alert, DeliveryStatus, Newsletter, Subscription

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


# --- Newsletters ------------------------------------------------------------------------------


def _queue_batches(newsletter_pk: int, batches: list[list[int]]) -> None:
    for batch in batches:
        send_newsletter_batch.delay(newsletter_pk, batch)


@shared_task
def start_newsletter(newsletter_pk: int) -> int:
    """Begin a due newsletter (or resume one): create its deliveries, queue them in batches."""
    batches = sending.start(newsletter_pk)
    _queue_batches(newsletter_pk, batches)
    return sum(len(batch) for batch in batches)


@shared_task(bind=True, max_retries=RETRIES)
def send_newsletter_batch(self, newsletter_pk: int, delivery_pks: list[int]) -> None:
    final = self.request.is_eager or self.request.retries >= RETRIES
    retry = sending.send_newsletter_batch(newsletter_pk, delivery_pks, final=final)
    if retry:
        raise self.retry(args=(newsletter_pk, retry), countdown=backoff(self.request.retries))


@shared_task
def start_due_newsletters() -> None:
    """Start newsletters whose hold time has passed (beat, every minute)."""
    for pk in Newsletter.objects.filter(status=Newsletter.Status.QUEUED).values_list(
        "pk", flat=True
    ):
        start_newsletter.delay(pk)


# --- Alerts -------------------------------------------------------------------------------------


def _queue_alerts(alert_pks: list[int]) -> None:
    size = max(1, settings.NEWSLETTER_BATCH_SIZE)
    for index in range(0, len(alert_pks), size):
        send_alerts.delay(alert_pks[index : index + size])


@shared_task
def match_immediate_alerts(story_ids: list[int], occasion: str) -> int:
    pks = alerts.match_immediate(story_ids, occasion)
    _queue_alerts(pks)
    return len(pks)


@shared_task
def schedule_alert_batches() -> int:
    """The daily and weekly alerts of the windows just ended (beat, every few minutes)."""
    pks = alerts.schedule_batches()
    _queue_alerts(pks)
    return len(pks)


@shared_task(bind=True, max_retries=RETRIES)
def send_alerts(self, alert_pks: list[int]) -> None:
    final = self.request.is_eager or self.request.retries >= RETRIES
    retry = sending.send_alerts(alert_pks, final=final)
    if retry:
        raise self.retry(args=(retry,), countdown=backoff(self.request.retries))


# --- Upkeep ---------------------------------------------------------------------------------------


@shared_task
def resume_stalled() -> None:
    """Queue again what a dead worker left: pending or long-claimed deliveries and alerts."""
    stale = timezone.now() - datetime.timedelta(seconds=settings.NEWSLETTER_CLAIM_SECONDS)
    for pk in Newsletter.objects.filter(status=Newsletter.Status.SENDING).values_list(
        "pk", flat=True
    ):
        start_newsletter.delay(pk)
    waiting = Alert.objects.filter(
        Q(status=DeliveryStatus.PENDING, created_at__lt=stale)
        | Q(status=DeliveryStatus.SENDING, claimed_at__lt=stale)
    )
    _queue_alerts(list(waiting.order_by("pk").values_list("pk", flat=True)))


@shared_task
def purge_expired() -> None:
    """Delete unconfirmed subscriptions past their week (beat, hourly)."""
    from newsletters.services import purge_expired as purge

    purge()
