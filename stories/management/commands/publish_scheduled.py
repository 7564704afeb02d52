"""Flip due scheduled items to published and expired ones to unpublished; publish due changes.

Readers' queries already respect the times, so the site is right even if this never runs; the
command makes the status, the log and the emails catch up. Run it every minute: each item is
moved by a conditional UPDATE, so two runs at once never move (or notify about) an item twice.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from stories.models import LIVE_STATUSES, RoundUp, Status, Story
from stories.services import publish_due_revisions


class Command(BaseCommand):
    help = "Publish scheduled stories and round-ups whose time has come; unpublish expired ones."

    def handle(self, *args, **options):
        published = unpublished = 0
        for model in (Story, RoundUp):
            now = timezone.now()
            due = model.objects.filter(status=Status.SCHEDULED, published_at__lte=now)
            published += self.move(model, due, "go_live")
            expired = model.objects.filter(status__in=LIVE_STATUSES, unpublish_at__lte=now)
            unpublished += self.move(model, expired, "expire")
        # Scheduled changes to live items take effect when this runs, not before.
        revised = publish_due_revisions()
        changes = f" Published the changes to {revised} live items." if revised else ""
        self.stdout.write(f"Published {published}, unpublished {unpublished}.{changes}")

    def move(self, model, queryset, method: str) -> int:
        moved = 0
        for pk in list(queryset.values_list("pk", flat=True)):
            with transaction.atomic():
                rows = model.objects.filter(pk=pk)
                if connection.features.has_select_for_update_skip_locked:
                    # Another run holding the row is already moving it: leave it to that run.
                    rows = rows.select_for_update(skip_locked=True)
                obj = rows.first()
                if obj is not None and getattr(obj, method)() is not None:
                    moved += 1
        return moved
