"""Bounces and complaints from the email service provider (django-anymail's tracking webhook).

A thin receiver: the rule (suppress the address, delete it, keep its hash) is services.suppress.
"""

from __future__ import annotations

from anymail.signals import tracking
from django.dispatch import receiver

from newsletters import services
from newsletters.models import Suppression

SUPPRESSING = {
    "bounced": Suppression.Reason.BOUNCED,
    "complained": Suppression.Reason.COMPLAINED,
    "rejected": Suppression.Reason.REJECTED,
}


@receiver(tracking, dispatch_uid="newsletters.suppress_on_bounce")
def suppress_on_bounce(sender, event, esp_name, **kwargs):
    reason = SUPPRESSING.get(event.event_type)
    if reason and event.recipient:
        services.suppress(email=event.recipient, reason=reason)
