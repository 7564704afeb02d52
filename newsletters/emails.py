"""The emails readers get: composed here, sent by newsletters.tasks through the task queue.

Links are absolute (settings.SITE_URL) and go straight to the page: no tracking pixels, no
click redirects. Every email about a subscription carries its management link.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from newsletters.models import Subscriber, Subscription
from newsletters.tokens import confirm_token, manage_token, unsubscribe_token
from stories.notifications import one_line

logger = logging.getLogger("newsletters")


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def manage_url(subscriber: Subscriber) -> str:
    return absolute(reverse("newsletters:manage", kwargs={"token": manage_token(subscriber)}))


def unsubscribe_url(subscription: Subscription) -> str:
    token = unsubscribe_token(subscription)
    return absolute(reverse("newsletters:unsubscribe", kwargs={"token": token}))


def list_headers(subscription: Subscription, list_id: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe button."""
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscription)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{one_line(settings.SITE_NAME)} {list_id} <{list_id}.{host}>",
    }


def compose(*, template: str, subject: str, to: str, context: dict, headers=None):
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    message = EmailMultiAlternatives(
        subject=one_line(subject),
        body=render_to_string(f"newsletters/email/{template}.txt", context),
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(
        render_to_string(f"newsletters/email/{template}.html", context), "text/html"
    )
    return message


def confirmation(subscription: Subscription) -> EmailMultiAlternatives:
    token = confirm_token(subscription)
    return compose(
        template="confirm",
        subject=f"Confirm your subscription: {subscription}",
        to=subscription.subscriber.email,
        context={
            "subscription": subscription,
            "confirm_url": absolute(reverse("newsletters:confirm", kwargs={"token": token})),
            "finder_url": absolute(subscription.get_absolute_url()),
            "days": settings.NEWSLETTER_CONFIRMATION_DAYS,
        },
    )


def already_subscribed(subscription: Subscription) -> EmailMultiAlternatives:
    return compose(
        template="already_subscribed",
        subject=f"You already receive: {subscription}",
        to=subscription.subscriber.email,
        context={"subscription": subscription, "manage_url": manage_url(subscription.subscriber)},
    )


def _queue(kind: str, subscription: Subscription) -> None:
    from newsletters.tasks import send_reader_email

    try:
        send_reader_email.delay(kind, subscription.pk)
    except Exception:  # noqa: BLE001 - the broker is down: the reader can ask again
        logger.exception("The %s email for subscription %s was not queued.", kind, subscription.pk)


def send_confirmation(subscription: Subscription) -> None:
    _queue("confirmation", subscription)


def send_already_subscribed(subscription: Subscription) -> None:
    _queue("already_subscribed", subscription)
