"""Workflow writes spanning several items: a round-up is reviewed and published with its stories."""

from __future__ import annotations

import datetime

import reversion
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from stories import notifications
from stories.models import (
    LIVE_STATUSES,
    WORKFLOW,
    Publishable,
    RoundUp,
    Status,
    Story,
    Transition,
)

# Actions the admin may ask for by name; anything else is refused.
ACTIONS = (*WORKFLOW, "confirm_identity_protection")


@transaction.atomic
@notifications.one_step()
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
@notifications.one_step()
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


# --- Saved versions: restore and recover --------------------------------------------------------


def _saved_value(field, value, notes: list[str]):
    """The saved value if it can be put back; None (with a note) if what it names is gone."""
    label = str(field.verbose_name)
    if isinstance(field, models.ManyToManyField):
        kept = list(
            field.related_model._base_manager.filter(pk__in=value or []).values_list(
                "pk", flat=True
            )
        )
        if len(kept) < len(value or []):
            notes.append(f"Some {label} of the saved version no longer exist and were left out.")
        return kept
    related = field.related_model if isinstance(field, models.ForeignKey) else None
    if related and value is not None and not related._base_manager.filter(pk=value).exists():
        notes.append(f"The {label} of the saved version no longer exists; it was left out.")
        return None
    if isinstance(field, models.FileField) and value and not field.storage.exists(str(value)):
        # Taking a story down deletes its image; an old version must not bring it back.
        notes.append(f"The {label} of the saved version was removed and is not restored.")
        return None
    return value


def _apply_saved_values(obj, values: dict, fields, notes: list[str]) -> tuple[list[str], dict]:
    """Set the saved values of the fields on obj; return changed field names and m2m values."""
    changed, many = [], {}
    for field in fields:
        if field.attname not in values:
            continue  # a field added since the version was saved keeps its value
        value = _saved_value(field, values[field.attname], notes)
        if isinstance(field, models.ManyToManyField):
            if obj.pk is None or set(value) != set(
                getattr(obj, field.name).values_list("pk", flat=True)
            ):
                changed.append(field.name)
            many[field.name] = value
            continue
        if value is None and isinstance(field, models.FileField):
            value = ""
        if field.value_from_object(obj) != value:
            changed.append(field.name)
            setattr(obj, field.attname, value)
    return changed, many


def _saved_on(version) -> str:
    when = timezone.localtime(version.revision.date_created)
    by = version.revision.user
    return f"the version saved on {when:%-d %b %Y %H:%M %Z}" + (
        f" by {by.get_username()}" if by else ""
    )


@transaction.atomic
def version_restore(
    *, obj, version, fields, by, seen_version: str | None = None, comment: str = ""
) -> list[str]:
    """Put a saved version's content back into obj; return notes for the person restoring.

    Only `fields` are written (the caller passes the content fields the user may edit), never
    the workflow's. A story or round-up is refused if it changed since the page was opened, and
    one that is live leaves the site and returns to draft, to be reviewed like any new text.
    """
    model = type(obj)
    current = model._base_manager.select_for_update().get(pk=obj.pk)
    if isinstance(current, Publishable) and (
        not str(seen_version or "").isdigit() or int(seen_version) != current.lock_version
    ):
        raise ValidationError(
            "This %(name)s changed since the page was opened, or the page did not say which "
            "version it showed; nothing was restored. Look at it again and retry.",
            code="stale",
            params={"name": model._meta.verbose_name},
        )
    notes: list[str] = []
    with reversion.create_revision():
        reversion.set_user(by)
        changed, many = _apply_saved_values(current, version.field_dict, fields, notes)
        saved_items = (
            current.items_saved_in(version.revision) if isinstance(current, RoundUp) else None
        )
        if saved_items is not None and current.replace_items(saved_items, notes):
            changed.append("items")
        if isinstance(current, Story):
            current.content_edited(changed)
        current.save()
        for name, pks in many.items():
            getattr(current, name).set(pks)
        step = f"Restored {_saved_on(version)}."
        if comment.strip():
            step = f"{step} {comment.strip()}"
        if isinstance(current, Publishable) and current.status in LIVE_STATUSES:
            current._move(by=by, to=Status.DRAFT, comment=step)
            notes.append(
                f"The {model._meta.verbose_name} was live: it left the site and is a draft "
                "again, to be reviewed and published like new text."
            )
        elif isinstance(current, Publishable):
            current.record_step(by=by, from_status=current.status, to=current.status, comment=step)
        else:
            reversion.set_comment(step)
    obj.refresh_from_db()
    return [f"“{current}”: {step[:1].lower()}{step[1:]}", *notes]


@transaction.atomic
def version_recover(*, model, version, fields, by) -> tuple[object, list[str]]:
    """Bring back a deleted object from a saved version of it; a story or round-up as a draft."""
    if version.content_type_id != ContentType.objects.get_for_model(model).pk:
        raise ValidationError("That saved version belongs to something else.", code="wrong_model")
    if model._base_manager.filter(pk=version.object_id).exists():
        raise ValidationError(
            "This %(name)s was not deleted: use its History to restore a saved version.",
            code="not_deleted",
            params={"name": model._meta.verbose_name},
        )
    values = version.field_dict
    notes: list[str] = []
    obj = model(pk=int(version.object_id))
    _, many = _apply_saved_values(obj, values, fields, notes)
    if isinstance(obj, Publishable):
        author = get_user_model()._base_manager.filter(pk=values.get("author_id")).first()
        obj.author = author or by
        obj.status = Status.DRAFT
    try:
        obj.validate_unique()
    except ValidationError as error:
        raise ValidationError(
            "It cannot come back as it was: %(problems)s",
            code="recover_conflict",
            params={"problems": " ".join(error.messages)},
        ) from None
    step = f"Recovered after deletion, from {_saved_on(version)}."
    with reversion.create_revision():
        reversion.set_user(by)
        obj.save(force_insert=True)
        for name, pks in many.items():
            getattr(obj, name).set(pks)
        if isinstance(obj, RoundUp):
            obj.replace_items(obj.items_saved_in(version.revision), notes)
        if isinstance(obj, Publishable):
            was = values.get("status") or Status.DRAFT
            obj.record_step(by=by, from_status=was, to=Status.DRAFT, comment=step)
            if was != Status.DRAFT:
                notes.append("It comes back as a draft, to be reviewed and published again.")
        else:
            reversion.set_comment(step)
    return obj, [f"“{obj}”: {step[:1].lower()}{step[1:]}", *notes]
