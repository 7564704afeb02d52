"""Signed links in readers' emails: confirm, manage, one-click unsubscribe.

Each token signs a random key (never a primary key) with its own salt, so a token for one
purpose opens nothing else, and an altered or guessed token is refused: it never resolves to
another person's subscriptions.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

from newsletters.models import Subscriber, Subscription

CONFIRM, MANAGE, UNSUBSCRIBE = (
    "newsletters.confirm",
    "newsletters.manage",
    "newsletters.unsubscribe",
)


def confirm_token(subscription: Subscription) -> str:
    return signing.TimestampSigner(salt=CONFIRM).sign(subscription.key)


def manage_token(subscriber: Subscriber) -> str:
    return signing.Signer(salt=MANAGE).sign(subscriber.key)


def unsubscribe_token(subscription: Subscription) -> str:
    return signing.Signer(salt=UNSUBSCRIBE).sign(subscription.key)


def _unsign(signer, token: str, **kwargs) -> str | None:
    try:
        return signer.unsign(str(token)[:200], **kwargs)
    except signing.BadSignature:  # SignatureExpired is one too
        return None


def subscription_to_confirm(token: str) -> Subscription | None:
    key = _unsign(
        signing.TimestampSigner(salt=CONFIRM),
        token,
        max_age=settings.NEWSLETTER_CONFIRMATION_DAYS * 24 * 60 * 60,
    )
    return (
        Subscription.objects.select_related("subscriber").filter(key=key).first() if key else None
    )


def subscriber_to_manage(token: str) -> Subscriber | None:
    key = _unsign(signing.Signer(salt=MANAGE), token)
    return Subscriber.objects.filter(key=key).first() if key else None


def subscription_to_unsubscribe(token: str) -> Subscription | None:
    key = _unsign(signing.Signer(salt=UNSUBSCRIBE), token)
    return (
        Subscription.objects.select_related("subscriber").filter(key=key).first() if key else None
    )
