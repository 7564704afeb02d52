"""Help contacts per place: anti-trafficking hotlines and national referral contacts."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from stories.models import Region


class HelplineQuerySet(models.QuerySet):
    def for_region(self, region: Region) -> list[Helpline]:
        """The contacts for a place: its own, else those of the nearest region above it that has
        some, else the international ones (on the World region). A grouping has its own or the
        international ones."""
        if region.kind == Region.Kind.GROUPING or not region.path:
            condition = Q(region=region) | Q(region__kind=Region.Kind.WORLD)
        else:
            # The materialised path "/001/002/014/404/" names every place above: one query.
            parts = region.path.strip("/").split("/")
            paths = ["/" + "/".join(parts[:end]) + "/" for end in range(1, len(parts) + 1)]
            condition = Q(region__path__in=paths)
        contacts = list(self.filter(condition).select_related("region"))
        if not contacts:
            return []

        def nearness(contact):  # own first, the World last
            if contact.region_id == region.pk:
                return 1_000
            return len(contact.region.path)

        nearest = max(nearness(contact) for contact in contacts)
        return [contact for contact in contacts if nearness(contact) == nearest]


class Helpline(models.Model):
    class Kind(models.TextChoices):
        HOTLINE = "hotline", "Anti-trafficking hotline"
        REFERRAL = "referral", "National referral contact"
        EMERGENCY = "emergency", "Emergency number"
        INTERNATIONAL = "international", "International organisation"

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="helplines",
        help_text=(
            "The country it serves; a region's contacts are shown for its countries that have "
            "none, and the World's for every place that has none nearer."
        ),
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.HOTLINE)
    phone = models.CharField(
        max_length=40,
        blank=True,
        help_text="As dialled in the country, e.g. 08000 121 700. Leave empty rather than guess.",
    )
    text_number = models.CharField(
        "text message (SMS) number", max_length=40, blank=True, help_text="E.g. 233733."
    )
    hours = models.CharField(max_length=120, blank=True, help_text="E.g. 24 hours, every day.")
    languages = models.CharField(max_length=200, blank=True)
    url = models.URLField("web address", max_length=300, blank=True)
    note = models.CharField(max_length=300, blank=True, help_text="Who runs it, whom it serves.")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first among a place's contacts."
    )
    is_demo = models.BooleanField(
        "demo data",
        default=True,
        help_text=(
            "Shipped as an example from public sources: readers see it marked as not yet "
            "checked. Verify it (the action on the list) to clear the mark."
        ),
    )
    last_verified = models.DateField(
        null=True, blank=True, help_text="When a moderator last checked it with the organisation."
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = HelplineQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        permissions = [("verify_helpline", "Can verify help contacts")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(url=""), name="helpline_has_phone_or_url"
            ),
            models.CheckConstraint(
                condition=Q(is_demo=True) | Q(last_verified__isnull=False),
                name="helpline_verified_unless_demo",
            ),
            models.UniqueConstraint(fields=["region", "name"], name="unique_helpline_per_place"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.region})"

    def get_absolute_url(self) -> str:
        return reverse("stories:region_detail", kwargs={"slug": self.region.slug})

    def clean(self):
        super().clean()
        if not self.phone.strip() and not self.url.strip():
            raise ValidationError(
                "Give a phone number or a web address: readers need a way to reach it.",
                code="no_contact",
            )
        if not self.is_demo and self.last_verified is None:
            raise ValidationError(
                {
                    "last_verified": ValidationError(
                        "Say when it was checked: only a verified contact loses the demo mark.",
                        code="unverified",
                    )
                }
            )

    @property
    def phone_link(self) -> str:
        """The number for a tel: link: digits and a leading plus only."""
        return re.sub(r"[^\d+]", "", self.phone)

    @property
    def text_link(self) -> str:
        return re.sub(r"[^\d+]", "", self.text_number)

    def verify(self, *, by) -> None:
        """Record that a moderator checked the contact today: it is no longer demo data."""
        if by is None or not by.is_active or not by.has_perm("helplines.verify_helpline"):
            raise PermissionDenied("Only moderators can verify help contacts.")
        self.is_demo = False
        self.last_verified = timezone.localdate()
        self.verified_by = by
        self.save(update_fields=["is_demo", "last_verified", "verified_by", "updated_at"])
