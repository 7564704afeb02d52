"""Workflow writes spanning several items: a round-up is reviewed and published with its stories."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from stories.models import WORKFLOW, Publishable, RoundUp, Status, Story, Transition

# Actions the admin may ask for by name; anything else is refused.
ACTIONS = (*WORKFLOW, "confirm_identity_protection")


@transaction.atomic
def roundup_submit(*, roundup: RoundUp, by, comment: str = "") -> list[Transition]:
    """Submit the round-up and, with it, its stories still in draft or sent back."""
    roundup._check(by, "submit")
    moved = [
        story.submit(by)
        for story in roundup.workflow_stories()
        if story.status in (Status.DRAFT, Status.CHANGES_REQUESTED)
    ]
    return [*moved, roundup.submit(by, comment)]


@transaction.atomic
def roundup_approve(*, roundup: RoundUp, by, comment: str = "") -> list[Transition]:
    """Approve the round-up once its lead story and every item are approved or published."""
    return [roundup.approve(by, comment)]


@transaction.atomic
def roundup_publish(
    *, roundup: RoundUp, by, at: datetime.datetime | None = None, comment: str = ""
) -> list[Transition]:
    """Publish (or schedule) the round-up and its approved stories: all of it or nothing."""
    roundup._check(by, "publish")
    roundup.check_ready()
    now = timezone.now()
    if at is None:
        future = roundup.published_at and roundup.published_at > now
        at = roundup.published_at if roundup.status == Status.APPROVED and future else now
    moved = [
        story.publish(by, at=at)
        for story in roundup.workflow_stories()
        if story.status == Status.APPROVED
    ]
    return [*moved, roundup.publish(by, at=at, comment=comment)]


def take_action(
    obj: Publishable,
    action: str,
    *,
    by,
    comment: str = "",
    at: datetime.datetime | None = None,
) -> list[Transition]:
    """Take a workflow action by name, with a round-up's batch rules; the admin's entry point."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown workflow action {action!r}")
    if isinstance(obj, RoundUp):
        batch = {"submit": roundup_submit, "approve": roundup_approve}
        if action in batch:
            return batch[action](roundup=obj, by=by, comment=comment)
        if action == "publish":
            return roundup_publish(roundup=obj, by=by, at=at, comment=comment)
    if action == "publish":
        return [obj.publish(by, at=at, comment=comment)]
    if action == "confirm_identity_protection":
        if not isinstance(obj, Story):
            raise ValueError("Only stories carry an identity-protection confirmation")
        return [obj.confirm_identity_protection(by)]
    return [getattr(obj, action)(by, comment=comment)]
