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


# --- The digest newsletter and alerts -------------------------------------------------------------

# Filled in per recipient: a newsletter is rendered once per send, not once per reader.
MANAGE_SLOT, UNSUBSCRIBE_SLOT = "__MANAGE_URL__", "__UNSUBSCRIBE_URL__"


def site_host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def absolute_media(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else absolute(url)


def newsletter_parts(newsletter, *, preview: bool = False) -> dict:
    """Subject, text and HTML of a round-up's newsletter, with slots for each reader's links.

    Only published stories: an item whose story is not (or no longer) public is left out. A
    moderator's preview (or test) before publication also shows the approved and scheduled
    stories that go live with the round-up; drafts never.
    """
    from stories.models import READY_STATUSES, Story

    roundup = newsletter.roundup
    public = Story.objects.published()
    if preview:
        public = public | Story.objects.filter(status__in=READY_STATUSES)
    lead = public.filter(pk=roundup.lead_story_id).first() if roundup.lead_story_id else None
    items = [
        item
        for item in roundup.items.select_related("story").filter(story__in=public)
        if lead is None or item.story_id != lead.pk
    ]
    stories = ([lead] if lead else []) + [item.story for item in items]
    themes, places = {}, {}
    for story in Story.objects.filter(pk__in=[s.pk for s in stories]).prefetch_related(
        "topics", "regions"
    ):
        themes.update({topic.pk: topic for topic in story.topics.all()})
        places.update({place.pk: place for place in story.regions.all()})
    context = {
        "roundup": roundup,
        "roundup_url": absolute(roundup.get_absolute_url()),
        "lead": lead,
        "lead_url": absolute(lead.get_absolute_url()) if lead else "",
        "lead_image": absolute_media(lead.image.url) if lead and lead.image else "",
        "items": [
            {
                "story": item.story,
                "text": item.text,
                "url": absolute(item.story.get_absolute_url()),
                "open_deadline": item.story.has_open_deadline(),
            }
            for item in items
        ],
        "themes": sorted(
            ({"name": t.name, "url": absolute(t.get_absolute_url())} for t in themes.values()),
            key=lambda t: t["name"],
        ),
        "places": sorted(
            ({"name": p.name, "url": absolute(p.get_absolute_url())} for p in places.values()),
            key=lambda p: p["name"],
        ),
        "manage_url": MANAGE_SLOT,
        "unsubscribe_url": UNSUBSCRIBE_SLOT,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
    }
    return {
        "subject": one_line(f"{settings.SITE_NAME} digest no. {roundup.number}: {roundup.title}"),
        "text": render_to_string("newsletters/email/newsletter.txt", context),
        "html": render_to_string("newsletters/email/newsletter.html", context),
    }


def personal(parts: dict, *, subscription: Subscription, to: str, message_id: str, list_id: str):
    """One reader's copy: their own management and one-click unsubscribe links."""
    manage, unsubscribe = manage_url(subscription.subscriber), unsubscribe_url(subscription)

    def fill(text: str) -> str:
        return text.replace(MANAGE_SLOT, manage).replace(UNSUBSCRIBE_SLOT, unsubscribe)

    message = EmailMultiAlternatives(
        subject=parts["subject"],
        body=fill(parts["text"]),
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[to],
        headers={
            **list_headers(subscription, list_id),
            # The same on every attempt: a copy sent again after a crash is recognisably one.
            "Message-ID": f"<{message_id}@{site_host()}>",
        },
    )
    message.attach_alternative(fill(parts["html"]), "text/html")
    return message


def newsletter_message(parts: dict, *, delivery, subscription: Subscription):
    return personal(
        parts,
        subscription=subscription,
        to=subscription.subscriber.email,
        message_id=f"newsletter-{delivery.newsletter_id}-{delivery.pk}",
        list_id="digest",
    )


def test_newsletter_message(parts: dict, *, to: str):
    """A moderator's test copy: the links point nowhere in particular."""
    message = EmailMultiAlternatives(
        subject=f"[Test] {parts['subject']}",
        body=parts["text"]
        .replace(MANAGE_SLOT, absolute("/subscribe/"))
        .replace(UNSUBSCRIBE_SLOT, absolute("/subscribe/")),
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(
        parts["html"]
        .replace(MANAGE_SLOT, absolute("/subscribe/"))
        .replace(UNSUBSCRIBE_SLOT, absolute("/subscribe/")),
        "text/html",
    )
    return message


def alert_message(alert, stories: list) -> EmailMultiAlternatives:
    """An alert: one new story (immediately) or the day's or week's stories, newest first."""
    subscription = alert.subscription
    occasion = alert.key.split(":", 1)[0]
    # "correction-<n>" or "corrected-<n>", and "update-<n>" (stories.services): say what it is.
    if occasion.startswith("correct"):
        label = "Corrected"
    elif occasion.startswith("update"):
        label = "Updated"
    else:
        label = "New"
    if len(stories) == 1:
        subject = f"{label} in {subscription.name}: {stories[0].title}"
    else:
        subject = f"{len(stories)} new stories in {subscription.name}"
    context = {
        "subscription": subscription,
        "finder_url": absolute(subscription.get_absolute_url()),
        "stories": [
            {"story": story, "url": absolute(story.get_absolute_url())} for story in stories
        ],
        "label": label,
        "manage_url": MANAGE_SLOT,
        "unsubscribe_url": UNSUBSCRIBE_SLOT,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
    }
    parts = {
        "subject": one_line(subject),
        "text": render_to_string("newsletters/email/alert.txt", context),
        "html": render_to_string("newsletters/email/alert.html", context),
    }
    return personal(
        parts,
        subscription=subscription,
        to=subscription.subscriber.email,
        message_id=f"alert-{alert.pk}",
        list_id=f"alert-{subscription.pk}",
    )
