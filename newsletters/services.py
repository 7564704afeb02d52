"""Writes about readers' subscriptions and sends that span several rows."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsletters import emails, sending
from newsletters.models import (
    Frequency,
    Newsletter,
    SubscribeAttempt,
    Subscriber,
    Subscription,
    Suppression,
    address_hash,
)

logger = logging.getLogger("newsletters")


class RateLimited(Exception):
    """Too many subscribe requests for this address or from this client in the last hour."""


def _recent_attempts(scope: str, key_hash: str) -> int:
    since = timezone.now() - datetime.timedelta(hours=1)
    return SubscribeAttempt.objects.filter(scope=scope, key_hash=key_hash, at__gte=since).count()


@transaction.atomic
def subscription_request(
    *,
    email: str,
    client: str | None,
    kind: str,
    query: str = "",
    name: str = "",
    frequency: str = Frequency.WEEKLY,
) -> None:
    """Ask the address to confirm a subscription (or, if it has it, send its management link).

    The page says the same whatever the address's state, so it tells nobody whether someone
    subscribes. Limits: NEWSLETTER_REQUESTS_PER_HOUR requests per client and
    NEWSLETTER_CONFIRMATIONS_PER_HOUR emails per address; a client with no address is refused.
    """
    client_hash = address_hash(f"client:{client}") if client else None
    email_hash = address_hash(email)
    if client_hash is None or (
        _recent_attempts(SubscribeAttempt.Scope.CLIENT, client_hash)
        >= settings.NEWSLETTER_REQUESTS_PER_HOUR
    ):
        raise RateLimited("client")
    SubscribeAttempt.objects.create(scope=SubscribeAttempt.Scope.CLIENT, key_hash=client_hash)
    if (
        _recent_attempts(SubscribeAttempt.Scope.ADDRESS, email_hash)
        >= settings.NEWSLETTER_CONFIRMATIONS_PER_HOUR
    ):
        raise RateLimited("address")
    SubscribeAttempt.objects.create(scope=SubscribeAttempt.Scope.ADDRESS, key_hash=email_hash)
    if Suppression.objects.filter(email_hash=email_hash).exists():
        logger.info("Subscribe request for a suppressed address ignored.")
        return
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    name = name if kind == Subscription.Kind.ALERT else "The weekly digest"
    subscription = Subscription.objects.filter(
        subscriber=subscriber, kind=kind, query=query
    ).first()
    if subscription is not None and subscription.status == Subscription.Status.CONFIRMED:
        transaction.on_commit(lambda: emails.send_already_subscribed(subscription))
        return
    if subscription is None:
        try:
            with transaction.atomic():
                subscription = Subscription.objects.create(
                    subscriber=subscriber, kind=kind, query=query, name=name, frequency=frequency
                )
        except IntegrityError:  # the same request twice at once
            subscription = Subscription.objects.get(subscriber=subscriber, kind=kind, query=query)
    else:
        # Asked again: a fresh week to confirm in, with the frequency asked for last.
        subscription.status = Subscription.Status.PENDING
        subscription.frequency = frequency
        subscription.name = name
        subscription.created_at = timezone.now()
        subscription.retired_note = ""
        subscription.save(
            update_fields=["status", "frequency", "name", "created_at", "retired_note"]
        )
    transaction.on_commit(lambda: emails.send_confirmation(subscription))


@transaction.atomic
def subscription_confirm(*, subscription: Subscription) -> bool:
    """Confirm a pending subscription; False if it expired (it is deleted then)."""
    if subscription.status == Subscription.Status.CONFIRMED:
        return True
    if subscription.is_expired() or subscription.status != Subscription.Status.PENDING:
        subscription_remove(subscription=subscription)
        return False
    subscription.status = Subscription.Status.CONFIRMED
    subscription.confirmed_at = timezone.now()
    subscription.save(update_fields=["status", "confirmed_at"])
    return True


@transaction.atomic
def subscription_change(*, subscription: Subscription, frequency: str) -> None:
    if subscription.kind != Subscription.Kind.ALERT or frequency not in Frequency.values:
        return
    subscription.frequency = frequency
    subscription.save(update_fields=["frequency"])


@transaction.atomic
def subscription_remove(*, subscription: Subscription) -> None:
    """Remove one subscription; an address left with none goes too."""
    subscriber = subscription.subscriber
    subscription.delete()
    if not subscriber.subscriptions.exists():
        subscriber.delete()


@transaction.atomic
def subscriber_delete(*, subscriber: Subscriber) -> None:
    """Delete the address and everything it subscribed to (sent counts keep no address)."""
    subscriber.delete()


@transaction.atomic
def subscription_retire(*, subscription: Subscription, note: str) -> None:
    Subscription.objects.filter(pk=subscription.pk).update(
        status=Subscription.Status.RETIRED, retired_note=note[:300]
    )


@transaction.atomic
def suppress(*, email: str, reason: str) -> None:
    """Never mail this address again (a bounce or complaint): keep its hash, delete the rest."""
    Suppression.objects.get_or_create(email_hash=address_hash(email), defaults={"reason": reason})
    Subscriber.objects.filter(email__iexact=email.strip()).delete()


@transaction.atomic
def purge_expired() -> tuple[int, int]:
    """Delete unconfirmed subscriptions past their week, and rate-limit records past a day."""
    expired = list(Subscription.objects.expired().values_list("pk", "subscriber_id"))
    Subscription.objects.filter(pk__in=[pk for pk, _ in expired]).delete()
    Subscriber.objects.filter(
        pk__in={subscriber for _, subscriber in expired}, subscriptions__isnull=True
    ).delete()
    old = timezone.now() - datetime.timedelta(days=1)
    attempts, _ = SubscribeAttempt.objects.filter(at__lt=old).delete()
    return len(expired), attempts


# --- Newsletters --------------------------------------------------------------------------------


def may_send(user) -> bool:
    return bool(user and user.is_active and user.has_perm("newsletters.send_newsletter"))


def _check_sender(by) -> None:
    if not may_send(by):
        raise PermissionDenied("Only moderators may send newsletters.")


def _start(newsletter: Newsletter) -> None:
    from newsletters.tasks import start_newsletter

    def queue():
        try:
            start_newsletter.delay(newsletter.pk)
        except Exception:  # noqa: BLE001 - the beat starts it within a minute instead
            logger.exception("Newsletter %s could not be queued now.", newsletter.pk)

    transaction.on_commit(queue)


@transaction.atomic
def newsletter_queue(*, roundup, by=None) -> Newsletter:
    """The round-up went live: queue its newsletter (held until its hold time, if one is set)."""
    newsletter, _ = Newsletter.objects.select_for_update().get_or_create(
        roundup=roundup, defaults={"created_by": by}
    )
    if newsletter.status != Newsletter.Status.DRAFT:
        return newsletter  # queued, sent or cancelled before: a republication sends nothing
    newsletter.status = Newsletter.Status.QUEUED
    newsletter.queued_at = timezone.now()
    newsletter.save(update_fields=["status", "queued_at"])
    if newsletter.is_due():
        _start(newsletter)  # the history records the sending, with its count
    else:
        when = f"{timezone.localtime(newsletter.hold_until):%-d %B %Y %H:%M %Z}"
        sending.record(newsletter, f"Newsletter queued, held until {when}.", by=by)
    return newsletter


@transaction.atomic
def newsletter_hold(*, newsletter: Newsletter, until, by) -> None:
    _check_sender(by)
    if newsletter.status not in (Newsletter.Status.DRAFT, Newsletter.Status.QUEUED):
        raise ValidationError("This newsletter is already being sent.", code="started")
    newsletter.hold_until = until
    newsletter.save(update_fields=["hold_until"])
    if newsletter.status == Newsletter.Status.QUEUED:
        sending.record(
            newsletter,
            f"Newsletter held until {timezone.localtime(until):%-d %B %Y %H:%M %Z}."
            if until
            else "Newsletter hold lifted.",
            by=by,
        )
        if newsletter.is_due():
            _start(newsletter)


@transaction.atomic
def newsletter_send_now(*, newsletter: Newsletter, by) -> None:
    """Lift the hold: a queued newsletter starts at once, a draft one when its round-up is live."""
    newsletter_hold(newsletter=newsletter, until=None, by=by)


@transaction.atomic
def newsletter_cancel(*, newsletter: Newsletter, by) -> None:
    _check_sender(by)
    cancelled = Newsletter.objects.filter(
        pk=newsletter.pk, status__in=[Newsletter.Status.DRAFT, Newsletter.Status.QUEUED]
    ).update(status=Newsletter.Status.CANCELLED)
    if not cancelled:
        raise ValidationError("Only a newsletter not yet sending can be cancelled.", code="started")
    sending.record(newsletter, "Newsletter cancelled.", by=by)


def newsletter_send_test(*, newsletter: Newsletter, by) -> str:
    """Send the newsletter as readers will get it to the moderator's own address."""
    _check_sender(by)
    if not by.email:
        raise ValidationError(
            "Your account has no email address to send a test to.", code="no_email"
        )
    parts = emails.newsletter_parts(newsletter, preview=True)
    message = emails.test_newsletter_message(parts, to=by.email)
    with get_connection() as connection:
        connection.send_messages([message])
    return by.email
