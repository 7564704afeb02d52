"""What readers get when something goes live: called by the workflow after the step commits."""

from __future__ import annotations

import logging

logger = logging.getLogger("newsletters")


def went_live(model_label: str, pk: int, by_pk: int | None) -> None:
    """A story's immediate alerts, or a round-up's newsletter; a failure here is only logged."""
    try:
        if model_label == "stories.Story":
            from newsletters.alerts import stories_published

            stories_published([pk])
        elif model_label == "stories.RoundUp":
            from django.contrib.auth import get_user_model

            from newsletters.services import newsletter_queue
            from stories.models import RoundUp

            roundup = RoundUp.objects.filter(pk=pk).first()
            by = get_user_model().objects.filter(pk=by_pk).first() if by_pk else None
            if roundup is not None and roundup.is_published():
                newsletter_queue(roundup=roundup, by=by)
    except Exception:  # noqa: BLE001 - readers' emails never undo or fail a publication
        logger.exception("Readers' emails about %s %s were not queued.", model_label, pk)
