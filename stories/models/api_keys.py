"""API keys: a higher request rate for named partners, issued by staff in the admin."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    def matching(self, key: str) -> ApiKey | None:
        """The active key with this value, or None (unknown, malformed or revoked)."""
        if not key or len(key) > 200:
            return None
        return self.filter(is_active=True, key_hash=_digest(key)).first()


class ApiKey(models.Model):
    """Only a hash of the key is stored; the key itself is shown once, when it is issued."""

    name = models.CharField(max_length=200, help_text="Who uses the key, for example a partner.")
    contact = models.EmailField(blank=True, help_text="Whom to write to about the key.")
    requests_per_minute = models.PositiveIntegerField(
        default=600,
        help_text="How many API requests a minute the key allows (anonymous clients get fewer).",
    )
    is_active = models.BooleanField(
        "active", default=True, help_text="Untick to revoke the key: it is refused from then on."
    )
    prefix = models.CharField(
        max_length=12, unique=True, editable=False, help_text="The key's first characters."
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = "API key"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(requests_per_minute__gte=1), name="api_key_rate_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def issue_key(self) -> str:
        """Give the key a new secret value and return it: the only time it can be read."""
        prefix = secrets.token_hex(4)
        key = f"{prefix}.{secrets.token_urlsafe(32)}"
        self.prefix, self.key_hash = prefix, _digest(key)
        return key
