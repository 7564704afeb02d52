"""Sending newsletters and alerts in batches, idempotently, at a limited rate.

Every email is a row (`Delivery` per newsletter and subscriber, `Alert` per subscription and
occasion) created once under a unique constraint. A worker *claims* a row (pending -> sending,
one conditional UPDATE) before handing its email to the mail server and marks it sent right
after, so two workers, or a task run again after a crash, never send a row twice, and every row
is sent by someone:

- a task that dies is delivered again by the broker (acks late) and sends what is still pending;
- the one row a dead worker had claimed is taken up again after NEWSLETTER_CLAIM_SECONDS by the
  beat's `resume_stalled`. If the mail server had already accepted that one email, its reader
  gets it a second time, with the same Message-ID (so most mail systems show it once): that one
  email per dead worker is the only case of a repeat;
- temporary failures (4xx, connection lost) put the row back to pending and the task tries again
  with a growing pause; permanent ones (5xx, a refused address) mark it failed.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import smtplib
import time
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import get_connection
from django.db import DatabaseError, transaction
from django.db.models import Case, Count, F, Q, Value, When
from django.utils import timezone

from newsletters import emails
from newsletters.models import Alert, Delivery, DeliveryStatus, Newsletter, Subscription
from stories.models import Story, Transition

logger = logging.getLogger("newsletters.sending")

PASSING_FAILURES = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError)


def is_temporary(error: BaseException) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, (*PASSING_FAILURES, DatabaseError))


def claim(model, pk: int) -> bool:
    """Take the row for this worker; False if it is sent, failed, or another worker has it."""
    now = timezone.now()
    stale = now - datetime.timedelta(seconds=settings.NEWSLETTER_CLAIM_SECONDS)
    return bool(
        model.objects.filter(pk=pk)
        .filter(
            Q(status=DeliveryStatus.PENDING)
            | Q(status=DeliveryStatus.SENDING, claimed_at__lt=stale)
        )
        .update(status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )


def advance(model, done: tuple | None, pk: int) -> bool:
    """Record the row just handled (pk, status, error) and claim the next, in one statement."""
    if done is None:
        return claim(model, pk)
    done_pk, status, error = done
    now = timezone.now()
    stale = now - datetime.timedelta(seconds=settings.NEWSLETTER_CLAIM_SECONDS)
    is_done = Q(pk=done_pk)
    updated = model.objects.filter(
        is_done
        | Q(pk=pk, status=DeliveryStatus.PENDING)
        | Q(pk=pk, status=DeliveryStatus.SENDING, claimed_at__lt=stale)
    ).update(
        status=Case(When(is_done, then=Value(status)), default=Value(DeliveryStatus.SENDING)),
        error=Case(When(is_done, then=Value(error[:300])), default=Value("")),
        sent_at=Case(
            When(is_done, then=Value(now if status == DeliveryStatus.SENT else None)),
            default=F("sent_at"),
        ),
        claimed_at=Case(When(is_done, then=F("claimed_at")), default=Value(now)),
        attempts=Case(When(is_done, then=F("attempts")), default=F("attempts") + 1),
    )
    return updated == 2


def mark(model, pk: int, status: str, error: str = "") -> None:
    fields = {"status": status, "error": error[:300]}
    if status == DeliveryStatus.SENT:
        fields["sent_at"] = timezone.now()
    model.objects.filter(pk=pk).update(**fields)


class Pace:
    """At most NEWSLETTER_SEND_RATE messages a second from this process (0: no limit)."""

    def __init__(self):
        rate = settings.NEWSLETTER_SEND_RATE
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next = time.monotonic()

    def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if self.next > now:
            time.sleep(self.next - now)
        self.next = max(now, self.next) + self.interval


def send_rows(model, rows: Iterable, compose, *, final: bool) -> list[int]:
    """Claim, send and mark each row; return the rows to try again (temporary failures).

    `compose(row)` returns the message, or None when there is nothing to send any more (the
    reader left, the stories were taken down). With `final`, a temporary failure is a failure.
    Marking a row and claiming the next are one UPDATE: one round trip and commit per email.
    """
    rows = list(rows)
    retry: list[int] = []
    if not rows:
        return retry
    pace = Pace()
    # Opened once for the batch: without it, Django's backend connects for every message.
    connection = get_connection()
    try:
        connection.open()
    except Exception as error:  # noqa: BLE001 - the server is not there: all of them later
        if not final and is_temporary(error):
            return [row.pk for row in rows]
        raise
    done: tuple | None = None  # (pk, status, error) of the row just handled, not yet recorded
    try:
        for index, row in enumerate(rows):
            claimed = advance(model, done, row.pk)
            done = None
            if not claimed:
                continue
            message = compose(row)
            if message is None:
                done = (row.pk, DeliveryStatus.EMPTY, "")
                continue
            pace.wait()
            try:
                connection.send_messages([message])
            except Exception as error:  # noqa: BLE001 - sorted into temporary and permanent
                if is_temporary(error) and not final:
                    # The server is failing: this row and the rest go back for a later try.
                    release(model, [row.pk], str(error))
                    retry += [r.pk for r in rows[index:]]
                    break
                logger.warning("%s %s not sent: %s", model.__name__, row.pk, error)
                done = (row.pk, DeliveryStatus.FAILED, str(error) or type(error).__name__)
                continue
            done = (row.pk, DeliveryStatus.SENT, "")
    finally:
        if done:
            mark(model, *done)
        with contextlib.suppress(Exception):  # closing a broken connection
            connection.close()
    return retry


def release(model, pks: list[int], error: str) -> None:
    model.objects.filter(pk__in=pks, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.PENDING, error=error[:300]
    )


# --- Newsletters -------------------------------------------------------------------------------

_parts_cache: dict[tuple, tuple[float, dict]] = {}
PARTS_SECONDS = 300


def parts_for(newsletter: Newsletter) -> dict:
    """The rendered newsletter, once per process and round-up version (for a few minutes)."""
    roundup = newsletter.roundup
    key = (newsletter.pk, roundup.pk, roundup.lock_version, roundup.updated_at)
    cached = _parts_cache.get(key)
    if cached is None or cached[0] < time.monotonic() - PARTS_SECONDS:
        _parts_cache.clear()
        cached = _parts_cache[key] = (time.monotonic(), emails.newsletter_parts(newsletter))
    return cached[1]


def record(newsletter: Newsletter, comment: str, by=None) -> None:
    """Note a newsletter step in the round-up's workflow history (no email about it)."""
    roundup = newsletter.roundup
    Transition.objects.create(
        content_object=roundup,
        from_status=roundup.status,
        to_status=roundup.status,
        by=by,
        comment=comment,
    )


@transaction.atomic
def create_deliveries(newsletter: Newsletter) -> int:
    """One pending delivery per confirmed digest subscriber (again: nothing doubles)."""
    subscriber_ids = (
        Subscription.objects.digest()
        .confirmed()
        .order_by("subscriber_id")
        .values_list("subscriber_id", flat=True)
    )
    chunk: list[Delivery] = []
    for subscriber_id in subscriber_ids.iterator(chunk_size=5000):
        chunk.append(Delivery(newsletter=newsletter, subscriber_id=subscriber_id))
        if len(chunk) >= 5000:
            Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
            chunk = []
    Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
    count = newsletter.deliveries.count()
    Newsletter.objects.filter(pk=newsletter.pk).update(recipients=count)
    return count


def start(newsletter_pk: int) -> list[list[int]]:
    """Begin (or resume) a due newsletter; return its pending deliveries in batches."""
    newsletter = Newsletter.objects.select_related("roundup").filter(pk=newsletter_pk).first()
    if newsletter is None or not newsletter.roundup.is_published():
        return []
    if newsletter.status == Newsletter.Status.QUEUED:
        if not newsletter.is_due():
            return []
        began = Newsletter.objects.filter(pk=newsletter.pk, status=Newsletter.Status.QUEUED).update(
            status=Newsletter.Status.SENDING, started_at=timezone.now()
        )
        if began:
            count = create_deliveries(newsletter)
            if count:  # no readers yet: no line in the round-up's history either
                record(newsletter, f"Newsletter sending to {count} confirmed subscribers.")
    elif newsletter.status == Newsletter.Status.SENDING:
        create_deliveries(newsletter)  # a crash before they were all created
    else:
        return []
    return pending_batches(newsletter)


def pending_batches(newsletter: Newsletter) -> list[list[int]]:
    stale = timezone.now() - datetime.timedelta(seconds=settings.NEWSLETTER_CLAIM_SECONDS)
    pks = list(
        newsletter.deliveries.filter(
            Q(status=DeliveryStatus.PENDING)
            | Q(status=DeliveryStatus.SENDING, claimed_at__lt=stale)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    size = max(1, settings.NEWSLETTER_BATCH_SIZE)
    batches = [pks[i : i + size] for i in range(0, len(pks), size)]
    if not batches:
        finish_if_done(newsletter.pk)
    return batches


def send_newsletter_batch(newsletter_pk: int, delivery_pks: list[int], *, final: bool) -> list[int]:
    newsletter = Newsletter.objects.select_related("roundup").filter(pk=newsletter_pk).first()
    if newsletter is None or newsletter.status != Newsletter.Status.SENDING:
        return []
    if not newsletter.roundup.is_published():
        return []  # taken down meanwhile: what is left waits (resume_stalled) or is cancelled
    parts = parts_for(newsletter)
    deliveries = list(
        Delivery.objects.filter(pk__in=delivery_pks, newsletter=newsletter).order_by("pk")
    )
    subscriptions = {
        s.subscriber_id: s
        for s in Subscription.objects.digest()
        .confirmed()
        .select_related("subscriber")
        .filter(subscriber_id__in=[d.subscriber_id for d in deliveries if d.subscriber_id])
    }

    def compose(delivery):
        subscription = subscriptions.get(delivery.subscriber_id)
        if subscription is None:  # unsubscribed or deleted since the send began
            return None
        return emails.newsletter_message(parts, delivery=delivery, subscription=subscription)

    retry = send_rows(Delivery, deliveries, compose, final=final)
    finish_if_done(newsletter_pk)
    return retry


def finish_if_done(newsletter_pk: int) -> bool:
    unfinished = Delivery.objects.filter(
        newsletter_id=newsletter_pk, status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]
    )
    if unfinished.exists():
        return False
    done = Newsletter.objects.filter(pk=newsletter_pk, status=Newsletter.Status.SENDING).update(
        status=Newsletter.Status.SENT, finished_at=timezone.now()
    )
    newsletter = Newsletter.objects.select_related("roundup").get(pk=newsletter_pk)
    if done and newsletter.recipients:
        stats = newsletter_stats(newsletter)
        record(newsletter, f"Newsletter sent: {stats['sent']} sent, {stats['failed']} failed.")
    return True


def newsletter_stats(newsletter: Newsletter) -> dict[str, int]:
    counts = dict.fromkeys(DeliveryStatus.values, 0)
    for row in newsletter.deliveries.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


# --- Alerts -------------------------------------------------------------------------------------


def send_alerts(alert_pks: list[int], *, final: bool) -> list[int]:
    alerts = list(
        Alert.objects.filter(pk__in=alert_pks)
        .select_related("subscription__subscriber")
        .order_by("pk")
    )

    def compose(alert):
        if alert.subscription.status != Subscription.Status.CONFIRMED:
            return None
        # Read again now: a story taken down (or back to draft) since matching is not sent.
        stories = list(
            Story.objects.published().filter(pk__in=alert.stories).order_by("-published_at", "-pk")
        )
        return emails.alert_message(alert, stories) if stories else None

    return send_rows(Alert, alerts, compose, final=final)
