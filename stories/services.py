"""Workflow writes spanning several items: a round-up is reviewed and published with its stories."""

from __future__ import annotations

import datetime
import json
from functools import partial

import reversion
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from stories import notifications
from stories.images import sanitized_image
from stories.models import (
    LIVE_STATUSES,
    WORKFLOW,
    ChangeKind,
    ChangeNote,
    PendingRevision,
    Publishable,
    RoundUp,
    Status,
    Story,
    Transition,
    content_fields,
    content_values,
    validate_plausible_date,
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
    if isinstance(current, Publishable) and current.is_live():
        return _restore_as_pending_revision(current, version, fields, by, comment, notes)
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


def _restore_as_pending_revision(current, version, fields, by, comment, notes) -> list[str]:
    """A live item's old version comes back as proposed changes, reviewed like any others."""
    _, many = _apply_saved_values(current, version.field_dict, fields, notes)
    restorable = {field.name for field in fields}
    values = {
        field.name: many.get(field.name) if field.many_to_many else field.value_from_object(current)
        for field in content_fields(type(current))
        if field.name in restorable and (not field.many_to_many or field.name in many)
    }
    if isinstance(current, RoundUp):
        values["items"] = current.items_saved_in(version.revision)
    pending = current.pending_revision()
    revision = revision_save(
        item=current, values=values, by=by, seen=str(pending.lock_version) if pending else "none"
    )
    step = f"Restored {_saved_on(version)} as proposed changes."
    if comment.strip():
        step = f"{step} {comment.strip()}"
    name = current._meta.verbose_name
    if revision is None:
        return [f"“{current}”: the saved version is what readers see already; nothing changed."]
    revision.record(by=by, from_status=revision.status, to=revision.status, comment=step)
    return [
        f"“{current}”: {step[:1].lower()}{step[1:]}",
        *notes,
        f"The {name} is live: readers keep seeing it unchanged until the proposed changes are "
        "reviewed and published.",
    ]


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
            if values.get("approved") and not obj.approved:
                notes.append("It comes back waiting for approval: readers see it once approved.")
    return obj, [f"“{obj}”: {step[:1].lower()}{step[1:]}", *notes]


# --- Changes to live items: pending revisions ---------------------------------------------------


def _stored_value(item, field, value):
    """A form's cleaned value as a revision stores it: ids for links, names for tags, a stored
    (sanitized) file's name for a new image."""
    if field.many_to_many:
        if field.name == "tags":
            return sorted({str(getattr(tag, "name", tag)) for tag in value or []})
        return sorted(getattr(obj, "pk", obj) for obj in value or [])
    if isinstance(field, models.FileField):
        if value is False or not value:
            return ""
        if isinstance(value, File) and not isinstance(value, FieldFile):
            clean = sanitized_image(value)
            return field.storage.save(field.generate_filename(item, clean.name), clean)
        return getattr(value, "name", str(value))
    if isinstance(field, models.ForeignKey):
        return getattr(value, "pk", value)
    return value


def revision_content(item: Publishable, values: dict) -> dict:
    """The revision content of `item` with `values` (field name to form value) changed."""
    content = content_values(item)
    for field in content_fields(type(item)):
        if field.name in values:
            content[field.name] = _stored_value(item, field, values[field.name])
    if "items" in values:
        content["items"] = [
            {
                "story": getattr(entry["story"], "pk", entry["story"]),
                "position": entry["position"],
                "blurb": entry["blurb"],
            }
            for entry in values["items"]
        ]
    return json.loads(json.dumps(content, cls=DjangoJSONEncoder))


def _check_seen(revision: PendingRevision | None, seen: str | None) -> None:
    current = revision.lock_version if revision else None
    if revision is None and seen in (None, "", "none"):
        return
    if revision is not None and str(seen) == str(current):
        return
    raise ValidationError(
        "Someone else changed the proposed changes since this page was opened; nothing was "
        "saved. Copy your text, reload the page and apply it again.",
        code="stale",
    )


@transaction.atomic
def revision_save(
    *, item: Publishable, values: dict, by, seen: str | None = None
) -> PendingRevision | None:
    """Save changes to a live item as its pending revision; readers keep the live version.

    `seen` is the revision's lock version the editor's page showed ("none" when it showed none):
    a save over someone else's newer proposal is refused. Returns None if nothing differs from
    the live item and there is no revision yet.
    """
    item = type(item)._base_manager.select_for_update().get(pk=item.pk)
    if not item.is_live():
        raise ValidationError("Only a live item's changes are saved for review.", code="not_live")
    revision = PendingRevision.objects.select_for_update().for_item(item).first()
    _check_seen(revision, seen)
    content = revision_content(item, values)
    if revision is None:
        if content == content_values(item):
            return None
        if not by.has_perm(item.permission("change")):
            raise PermissionDenied("You are not allowed to change this item.")
        revision = PendingRevision.objects.create(
            content_object=item, content=content, proposed_by=by
        )
        revision.written_by.add(by)
        return revision
    if not revision.is_editable_by(by):
        raise PermissionDenied(
            "These proposed changes are under review: only a moderator can change them now."
        )
    if content != revision.content:
        revision.content = content
        revision.lock_version += 1
        # Text someone confirmed has changed: it needs a new look.
        revision.identity_protection_confirmed_by = None
        revision.identity_protection_confirmed_at = None
        reviewed = revision.status in (Status.APPROVED, Status.SCHEDULED)
        if reviewed:
            # What was approved (and perhaps scheduled) is not what would go live now.
            from_status = revision.status
            revision.status, revision.publish_at = Status.IN_REVIEW, None
        revision.save()
        revision.written_by.add(by)
        if reviewed:
            revision.record(
                by=by, from_status=from_status, to=Status.IN_REVIEW,
                comment="Changed after approval: to be reviewed again.",
            )  # fmt: skip
    return revision


@transaction.atomic
@notifications.one_step()
def revision_step(
    *,
    item: Publishable,
    step: str,
    by,
    comment: str = "",
    at: datetime.datetime | None = None,
    kind: str = "",
    note: str = "",
    seen: str | None = None,
) -> Transition | None:
    """Take a step of the item's pending revision: the admin's entry point for its buttons."""
    revision = PendingRevision.objects.select_for_update().for_item(item).first()
    if revision is None:
        raise ValidationError("There are no proposed changes to this item.", code="no_revision")
    if seen is not None:
        _check_seen(revision, seen)
    revision.check_step(by, step)
    if step == "changes_submit":
        return revision.move(by=by, to=Status.IN_REVIEW, comment=comment)
    if step == "changes_request":
        if not comment.strip():
            raise ValidationError(
                "Say what needs to change: a comment is required when sending changes back.",
                code="comment_required",
            )
        return revision.move(by=by, to=Status.CHANGES_REQUESTED, comment=comment)
    if step == "changes_approve":
        revision.check_ready()
        return revision.move(by=by, to=Status.APPROVED, comment=comment)
    if step == "changes_confirm_identity":
        return revision.move(
            by=by,
            to=revision.status,
            comment="Confirmed for the proposed changes: identities are protected and consent "
            "is documented.",
            identity_protection_confirmed_by=by,
            identity_protection_confirmed_at=timezone.now(),
        )
    if step == "changes_discard":
        transition = revision.record(
            by=by, from_status=revision.status, to=Status.DRAFT,
            comment=comment or "Proposed changes discarded.",
        )  # fmt: skip
        revision.delete()
        return transition
    if step == "changes_publish":
        return revision_publish(revision=revision, by=by, at=at, kind=kind, note=note)
    raise ValueError(f"Unknown step {step!r}")


def check_change_note(kind: str, note: str) -> None:
    if kind not in ChangeKind.values:
        raise ValidationError(
            "Say what kind of change this is: an update, a correction, or a minor change.",
            code="change_kind_required",
        )
    if kind != ChangeKind.MINOR and not note.strip():
        raise ValidationError(
            "Write a change note for readers (one or two sentences), or mark the change minor.",
            code="change_note_required",
        )


def revision_publish(*, revision: PendingRevision, by, at=None, kind: str, note: str) -> Transition:
    """Publish approved changes now, or schedule them for `at`."""
    check_change_note(kind, note)
    revision.check_ready()
    now = timezone.now()
    if at is not None and at > now:
        validate_plausible_date(at)
        return revision.move(
            by=by, to=Status.SCHEDULED,
            comment=f"Changes scheduled for {timezone.localtime(at):%-d %b %Y %H:%M %Z}.",
            publish_at=at, scheduled_by=by, change_kind=kind, change_note=note.strip(),
        )  # fmt: skip
    return _revision_apply(revision=revision, by=by, kind=kind, note=note.strip())


@transaction.atomic
def revision_publish_minor(*, item: Publishable, by, values: dict, seen: str | None = None):
    """A moderator's typo fix: save and publish at once, recorded as minor. Never for a story
    involving a child or an identifiable survivor, whose changes need a second person."""
    if not by.has_perm(item.permission("publish")):
        raise PermissionDenied("Only moderators can publish a minor change at once.")
    if getattr(item, "involves_vulnerable_person", False):
        raise ValidationError(
            "This story involves a child or an identifiable survivor: its changes are reviewed "
            "and confirmed by a second moderator; they cannot be published as a minor change.",
            code="sensitive_minor",
        )
    revision = revision_save(item=item, values=values, by=by, seen=seen)
    if revision is None:
        return None
    if isinstance(item, RoundUp):
        item.check_stories_ready(revision.values())
    return _revision_apply(revision=revision, by=by, kind=ChangeKind.MINOR, note="")


@transaction.atomic
@notifications.one_step()
def _revision_apply(*, revision: PendingRevision, by, kind: str, note: str) -> Transition:
    """Write the revision into the live item, in one transaction, and tell readers if asked."""
    item = (
        type(revision.content_object)._base_manager.select_for_update().get(pk=revision.object_id)
    )
    if not item.is_live():
        raise ValidationError(
            "The item is no longer live; its changes were kept as its draft.", code="not_live"
        )
    revision.check_ready()
    values = revision.values()
    if isinstance(item, RoundUp):
        # Stories approved for the issue go live with it, as when it was first published.
        for story in item._stories_of(values):
            if story.status == Status.APPROVED:
                story.publish(by, at=item.published_at if item.status == Status.SCHEDULED else None)
    now = timezone.now()
    item.write_content(values)
    fields = {}
    if kind != ChangeKind.MINOR:
        fields["revised_at"] = now
        ChangeNote.objects.create(content_object=item, kind=kind, note=note, by=by)
    if isinstance(item, Story) and item.involves_vulnerable_person:
        fields["identity_protection_confirmed_by"] = revision.identity_protection_confirmed_by
        fields["identity_protection_confirmed_at"] = revision.identity_protection_confirmed_at
    if fields:
        type(item)._base_manager.filter(pk=item.pk).update(**fields)
    from_status = revision.status
    revision.delete()
    label = {"minor": "Minor change published.", "update": "Update published: ",
             "correction": "Correction published: "}[kind]  # fmt: skip
    transition = item.record_step(
        by=by, from_status=from_status, to=Status.PUBLISHED,
        comment=label if kind == ChangeKind.MINOR else f"{label}{note}", pending_changes=True,
    )  # fmt: skip
    if kind != ChangeKind.MINOR and isinstance(item, Story) and item.is_published():
        transaction.on_commit(
            partial(_alert_subscribers, [item.pk], f"{kind}-{transition.pk}"), robust=True
        )
    return transition


def _alert_subscribers(story_pks: list[int], occasion: str) -> None:
    """Email alerts for a published update or correction, where subscriptions exist."""
    try:
        from newsletters.alerts import stories_published
    except ImportError:
        return
    stories_published(story_pks, occasion=occasion)


def publish_due_revisions() -> int:
    """For the scheduler: publish changes whose time has come; return how many."""
    done = 0
    for revision in PendingRevision.objects.due().select_related("scheduled_by"):
        try:
            _revision_apply(
                revision=revision, by=revision.scheduled_by,
                kind=revision.change_kind or ChangeKind.UPDATE, note=revision.change_note,
            )  # fmt: skip
        except (ValidationError, PendingRevision.DoesNotExist):
            continue
        done += 1
    return done
