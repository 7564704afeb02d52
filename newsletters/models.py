"""Readers' subscriptions (the digest newsletter and finder alerts) and what was sent to them.

Only what sending needs is stored: an address, what it subscribed to, and per email a row that
makes sending idempotent. No opens, no clicks. See templates/newsletters/privacy.html.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


def new_key() -> str:
    return secrets.token_urlsafe(16)


def address_hash(email: str) -> str:
    """The one-way hash that outlives a deleted address, to honour a suppression."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", "Immediately"
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class Subscriber(models.Model):
    """An email address; it goes (with its subscriptions) when the reader deletes it."""

    email = models.EmailField(max_length=254, unique=True)
    # Behind the signed management link: a guessed or reused primary key opens nothing.
    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Subscriber {self.pk}"

    def get_absolute_url(self) -> str:
        from newsletters.tokens import manage_token

        return reverse("newsletters:manage", kwargs={"token": manage_token(self)})


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self) -> SubscriptionQuerySet:
        return self.filter(status=Subscription.Status.CONFIRMED)

    def digest(self) -> SubscriptionQuerySet:
        return self.filter(kind=Subscription.Kind.DIGEST)

    def alerts(self, frequency: str | None = None) -> SubscriptionQuerySet:
        alerts = self.filter(kind=Subscription.Kind.ALERT)
        return alerts.filter(frequency=frequency) if frequency else alerts

    def expired(self) -> SubscriptionQuerySet:
        """Unconfirmed past the confirmation period: never confirmable, to be deleted."""
        cutoff = timezone.now() - settings.NEWSLETTER_CONFIRMATION_DAYS * timezone.timedelta(1)
        return self.filter(status=Subscription.Status.PENDING, created_at__lt=cutoff)


class Subscription(models.Model):
    class Kind(models.TextChoices):
        DIGEST = "digest", "Weekly digest"
        ALERT = "alert", "Alerts for a selection"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        RETIRED = "retired", "Retired"

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The finder's normalised query string (stories.filters.StoryFilter), "" for the digest.
    query = models.CharField(max_length=1000, blank=True)
    name = models.CharField(max_length=300, help_text="As the finder's heading names it.")
    frequency = models.CharField(max_length=12, choices=Frequency.choices, default=Frequency.WEEKLY)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    retired_note = models.CharField(max_length=300, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "kind", "query"], name="one_subscription_per_selection"
            ),
            models.CheckConstraint(
                condition=Q(kind="alert") | Q(query=""), name="digest_subscription_has_no_query"
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="confirmed_subscription_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "status", "frequency"], name="subscription_sending")
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.DIGEST:
            return "The weekly digest"
        return f"{self.name} ({self.get_frequency_display().lower()})"

    def get_absolute_url(self) -> str:
        """The finder page this subscription follows (the digest archive for the digest)."""
        if self.kind == self.Kind.DIGEST:
            return reverse("stories:roundup_list")
        url = reverse("stories:story_list")
        return f"{url}?{self.query}" if self.query else url

    def is_expired(self) -> bool:
        cutoff = timezone.now() - settings.NEWSLETTER_CONFIRMATION_DAYS * timezone.timedelta(1)
        return self.status == self.Status.PENDING and self.created_at < cutoff


class Suppression(models.Model):
    """An address that must not be mailed again (a bounce or a complaint), kept as a hash only."""

    class Reason(models.TextChoices):
        BOUNCED = "bounced", "Bounced"
        COMPLAINED = "complained", "Complained (marked as spam)"
        REJECTED = "rejected", "Rejected by the provider"

    email_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(max_length=12, choices=Reason.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Suppressed ({self.get_reason_display().lower()})"

    @classmethod
    def covers(cls, email: str) -> bool:
        return cls.objects.filter(email_hash=address_hash(email)).exists()


class SubscribeAttempt(models.Model):
    """A hashed address or client behind a subscribe request, for the hourly limits."""

    class Scope(models.TextChoices):
        ADDRESS = "address", "Address"
        CLIENT = "client", "Client"

    scope = models.CharField(max_length=8, choices=Scope.choices)
    key_hash = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["scope", "key_hash", "at"], name="subscribe_attempt_lookup")
        ]

    def __str__(self) -> str:
        return f"{self.scope} attempt at {self.at:%Y-%m-%d %H:%M}"


# --- Sending ------------------------------------------------------------------------------------


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    EMPTY = "empty", "Nothing to send"


class Newsletter(models.Model):
    """The email of one round-up to every confirmed digest subscriber: one send, its stats."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Not queued (round-up not published)"
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        CANCELLED = "cancelled", "Cancelled"

    roundup = models.OneToOneField(
        "stories.RoundUp", on_delete=models.CASCADE, related_name="newsletter"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    hold_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Optional: sending waits until this time, even once the round-up is published.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("send_newsletter", "Can send newsletters, test emails, and hold them")]

    def __str__(self) -> str:
        return f"Newsletter of {self.roundup}"

    def get_absolute_url(self) -> str:
        return self.roundup.get_absolute_url()

    def is_due(self) -> bool:
        return self.hold_until is None or self.hold_until <= timezone.now()


class Delivery(models.Model):
    """One newsletter to one subscriber: claimed, sent and counted once."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="deliveries")
    # Kept (without the address) when the reader deletes their address: the counts stay true.
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, related_name="deliveries"
    )
    status = models.CharField(
        max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "subscriber"], name="one_delivery_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["newsletter", "status"], name="delivery_progress")]

    def __str__(self) -> str:
        return f"Delivery {self.pk} ({self.status})"


class Alert(models.Model):
    """One alert email to one subscription: an immediate story, or a day's or week's stories.

    `key` makes it idempotent: "<occasion>:<story id>" for an immediate alert, "<frequency>:
    <window end>" for a batch.
    """

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="alerts")
    key = models.CharField(max_length=80)
    stories = models.JSONField(default=list)
    status = models.CharField(
        max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "key"], name="one_alert_per_occasion")
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="alert_progress")]

    def __str__(self) -> str:
        return f"Alert {self.key}"
