"""Writes about readers' subscriptions and sends that span several rows."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsletters import emails
from newsletters.models import (
    Frequency,
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
