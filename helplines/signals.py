"""A changed help contact is on public pages: cached pages move on (see stories.signals)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from helplines.models import Helpline
from stories.cache import bump_content_version_now_and_on_commit


@receiver(post_save, sender=Helpline)
@receiver(post_delete, sender=Helpline)
def helpline_changed(sender, **kwargs):
    bump_content_version_now_and_on_commit()
