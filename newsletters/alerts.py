"""Alerts: emails about new stories in a finder selection, immediately, daily or weekly.

Matching reuses the finder (newsletters.selections): an alert holds exactly the stories its
finder URL shows that were published in its window. Daily and weekly windows end at
NEWSLETTER_ALERT_HOUR local time (settings.TIME_ZONE), so a day is 23 or 25 hours long when
the clocks change and readers still get their email at the same hour.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections import defaultdict

from django.conf import settings
from django.utils import timezone

from newsletters import services
from newsletters.models import Alert, DeliveryStatus, Frequency, Subscription
from newsletters.selections import matching
from stories.models import Story

logger = logging.getLogger("newsletters.alerts")

OCCASION = re.compile(r"[a-z][a-z0-9-]{0,39}")


def stories_published(story_ids, *, occasion: str = "published") -> None:
    """Queue immediate alerts about these stories for every confirmed subscription they match.

    Call it after the change has committed (`transaction.on_commit`). The workflow calls it when
    a story goes live (occasion "published"); a published correction or update of a live story
    calls it with occasion "correction-<n>" or "update-<n>" (n: its transition's id; "corrected-<n>"
    works too) to tell subscribers once more, and the email says "Corrected" or "Updated".

    - Idempotent per (subscription, story, occasion): calling it again, or on several workers at
      once, never alerts anyone twice about the same story for the same occasion; a new occasion
      alerts again.
    - Only stories that are public now (`Story.objects.published()`) count: a draft, a scheduled
      story not yet due, or one taken down is never sent, whatever ids are passed; and a story is
      read again when the email is composed.
    - Daily and weekly subscribers are not alerted here: their emails list the stories published
      in their window. Edits that are not corrections call nothing, so send nothing.

    Matching and sending run in the task queue (in-process without a broker); a queue that
    cannot be reached is logged and never fails the caller.
    """
    if not OCCASION.fullmatch(occasion or ""):
        raise ValueError(f"An occasion is a short lowercase word like 'corrected-2': {occasion!r}")
    ids = sorted({int(pk) for pk in story_ids})
    if not ids:
        return
    from newsletters.tasks import match_immediate_alerts

    try:
        match_immediate_alerts.delay(ids, occasion)
    except Exception:  # noqa: BLE001 - the broker is down: the publication stands
        logger.exception("Alerts about stories %s (%s) could not be queued.", ids, occasion)


def _by_query(subscriptions) -> dict[str, list[Subscription]]:
    groups: dict[str, list[Subscription]] = defaultdict(list)
    for subscription in subscriptions:
        groups[subscription.query].append(subscription)
    return groups


def _retire(subscriptions: list[Subscription], note: str) -> None:
    for subscription in subscriptions:
        services.subscription_retire(subscription=subscription, note=note)


def match_immediate(story_ids: list[int], occasion: str) -> list[int]:
    """Create the immediate alerts the stories call for; return the pending ones' ids."""
    stories = Story.objects.published().filter(pk__in=story_ids)
    if not stories.exists():
        return []
    subscriptions = Subscription.objects.alerts(Frequency.IMMEDIATELY).confirmed()
    alerts = []
    for query, group in _by_query(subscriptions.iterator()).items():
        matched = matching(query, stories)
        if matched is None:
            _retire(group, "the selection it followed no longer exists.")
            continue
        for story_pk in matched.order_by().values_list("pk", flat=True):
            alerts += [
                Alert(subscription=s, key=f"{occasion}:{story_pk}", stories=[story_pk])
                for s in group
            ]
    Alert.objects.bulk_create(alerts, ignore_conflicts=True, batch_size=1000)
    keys = {alert.key for alert in alerts}
    return list(
        Alert.objects.filter(key__in=keys, status=DeliveryStatus.PENDING)
        .filter(subscription__in=subscriptions)
        .values_list("pk", flat=True)
    )


# --- Daily and weekly windows -------------------------------------------------------------------

PERIOD_DAYS = {Frequency.DAILY: 1, Frequency.WEEKLY: 7}


def _at_alert_hour(day: datetime.date) -> datetime.datetime:
    naive = datetime.datetime.combine(day, datetime.time(settings.NEWSLETTER_ALERT_HOUR))
    return timezone.make_aware(naive)


def window(frequency: str, now: datetime.datetime | None = None):
    """(start, end) of the latest complete window: days end at the alert hour, weeks on Monday."""
    now = now or timezone.now()
    day = timezone.localtime(now).date()
    if frequency == Frequency.WEEKLY:
        day -= datetime.timedelta(days=day.weekday())
    end = _at_alert_hour(day)
    if end > now:
        day -= datetime.timedelta(days=PERIOD_DAYS[frequency])
        end = _at_alert_hour(day)
    start = _at_alert_hour(day - datetime.timedelta(days=PERIOD_DAYS[frequency]))
    return start, end


def schedule_batches(now: datetime.datetime | None = None) -> list[int]:
    """Create the daily and weekly alerts of the latest windows not done yet; return pending ids.

    Run by the beat every few minutes: each (subscription, window) is created once, so running it
    again, or late, sends nothing twice.
    """
    now = now or timezone.now()
    pending = []
    for frequency in (Frequency.DAILY, Frequency.WEEKLY):
        start, end = window(frequency, now)
        key = f"{frequency}:{timezone.localtime(end).isoformat()}"
        subscriptions = (
            Subscription.objects.alerts(frequency)
            .confirmed()
            .filter(confirmed_at__lt=end)
            .exclude(alerts__key=key)
        )
        alerts = []
        for query, group in _by_query(subscriptions.iterator()).items():
            in_window = Story.objects.filter(published_at__gte=start, published_at__lt=end)
            matched = matching(query, in_window)
            if matched is None:
                _retire(group, "the selection it followed no longer exists.")
                continue
            found = list(matched.order_by("-published_at", "-pk").values_list("pk", "published_at"))
            for subscription in group:
                # Newly published since the subscription began, not before.
                pks = [pk for pk, at in found if at >= subscription.confirmed_at]
                alerts.append(
                    Alert(
                        subscription=subscription,
                        key=key,
                        stories=pks,
                        status=DeliveryStatus.PENDING if pks else DeliveryStatus.EMPTY,
                    )
                )
        Alert.objects.bulk_create(alerts, ignore_conflicts=True, batch_size=1000)
        pending += list(
            Alert.objects.filter(key=key, status=DeliveryStatus.PENDING).values_list(
                "pk", flat=True
            )
        )
    return pending
