"""Changes to what is live: a pending revision is reviewed while readers keep the live version,
and a change note tells readers what changed once it is published.

A published (or scheduled) story or round-up is never edited in place. An edit is saved as the
item's one PendingRevision, which goes through the same steps as a new item (submit, request
changes, approve, publish now or at a time); publishing it writes its content into the live item
in one transaction. Until then every public page, feed, search result and API answer reads the
live row, which the revision does not touch.
"""

from __future__ import annotations

import copy
import json

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from stories.models.workflow import Status, Transition, validate_plausible_date


class ChangeKind(models.TextChoices):
    MINOR = "minor", "Minor change: no note to readers"
    UPDATE = "update", "Update: new information"
    CORRECTION = "correction", "Correction: something was wrong"


# The steps of a pending revision, named as the admin's buttons post them.
PENDING_STEPS = {
    "changes_submit": "Submit changes for review",
    "changes_request": "Request changes",
    "changes_approve": "Approve changes",
    "changes_confirm_identity": "Confirm identities are protected",
    "changes_publish": "Publish changes",
    "changes_discard": "Discard changes",
}


def content_fields(model) -> list[models.Field]:
    """The fields a revision carries: what an editor writes, not what the workflow sets.

    Round-up items (a many-to-many relation through RoundUpItem) travel as "items" instead.
    """
    workflow = set(model.WORKFLOW_FIELDS)
    fields = []
    for field in model._meta.get_fields():
        if not getattr(field, "editable", False) or field.auto_created or field.primary_key:
            continue
        if field.name in workflow:
            continue
        through = getattr(field.remote_field, "through", None) if field.many_to_many else None
        if through is not None and not through._meta.auto_created and field.name != "tags":
            continue
        if field.concrete or field.many_to_many:
            fields.append(field)
    return fields


def _json_value(field, obj):
    if field.many_to_many:
        if field.name == "tags":
            return sorted(tag.name for tag in obj.tags.all())
        return sorted(obj.pk for obj in getattr(obj, field.name).all())
    if isinstance(field, models.FileField):
        return field.value_from_object(obj).name or ""
    return field.value_from_object(obj)


def content_values(obj) -> dict:
    """The content of a saved item, as a revision stores it (JSON-ready)."""
    values = {field.name: _json_value(field, obj) for field in content_fields(type(obj))}
    if hasattr(obj, "item_values"):
        values["items"] = obj.item_values()
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def python_value(field, value):
    """A stored JSON value back as the field's Python value."""
    if field.many_to_many or isinstance(field, models.FileField):
        return value
    return field.to_python(value)


def _linked(field, value) -> models.QuerySet:
    """Proposed links as an evaluated queryset, as a prefetch leaves them on an instance."""
    model = field.related_model
    if field.name == "tags":
        # Tags proposed but not yet used anywhere exist only by name until published.
        existing = {tag.name: tag for tag in model.objects.filter(name__in=value)}
        queryset = model.objects.filter(name__in=value)
        queryset._result_cache = [
            existing.get(name) or model(name=name, slug=model().slugify(name)) for name in value
        ]
    else:
        queryset = model.objects.filter(pk__in=value)
        list(queryset)
    queryset._prefetch_done = True
    return queryset


class PendingRevisionQuerySet(models.QuerySet):
    def for_item(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)

    def due(self):
        return self.filter(status=Status.SCHEDULED, publish_at__lte=timezone.now())


class PendingRevision(models.Model):
    """Proposed changes to a live item, reviewed before they replace what readers see."""

    STATUSES = (
        Status.DRAFT, Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.APPROVED, Status.SCHEDULED,
    )  # fmt: skip

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    status = models.CharField(
        max_length=20,
        choices=[(status.value, status.label) for status in STATUSES],
        default=Status.DRAFT,
    )
    content = models.JSONField(encoder=DjangoJSONEncoder)
    # Everyone who wrote some of the proposed content: none of them may confirm identities.
    written_by = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=0)
    publish_at = models.DateTimeField(null=True, blank=True, validators=[validate_plausible_date])
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    change_kind = models.CharField(max_length=20, choices=ChangeKind.choices, blank=True)
    change_note = models.TextField(blank=True)
    identity_protection_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    identity_protection_confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = PendingRevisionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_pending_revision_per_item"
            ),
        ]

    def __str__(self) -> str:
        return f"Proposed changes to {self.content_object}"

    # --- Content ---

    @property
    def model(self):
        return self.content_type.model_class()

    def values(self) -> dict:
        """The proposed content as Python values, field name to value (items as dicts)."""
        model = self.model
        values = {
            field.name: python_value(field, self.content[field.name])
            for field in content_fields(model)
            if field.name in self.content
        }
        if "items" in self.content:
            values["items"] = self.content["items"]
        return values

    def applied_to(self, item):
        """`item` (the live row) as these changes would make it: a copy in memory, for previews.

        Links are served from the copy's prefetch cache, so the templates' `story.topics.all`
        read the proposed ones; the copy refuses to be saved (Publishable.save).
        """
        proposed = copy.copy(item)  # its own state: no cached related object or manager is shared
        proposed.is_proposed_version = True
        values = self.values()
        links = {}
        for field in content_fields(type(item)):
            if field.name not in values:
                continue
            value = values[field.name]
            if field.many_to_many:
                links[field.name] = _linked(field, value)
            elif isinstance(field, models.FileField):
                setattr(proposed, field.attname, value or "")
            else:
                setattr(proposed, field.attname, value)
        proposed._prefetched_objects_cache = {
            **getattr(item, "_prefetched_objects_cache", {}),
            **links,
        }
        upcoming = self.upcoming_change_note()
        if upcoming is not None:
            proposed.revised_at = upcoming.published_at
        proposed.derive_fields()
        return proposed

    def upcoming_change_note(self):
        """The update or correction readers will be told of when these changes are published:
        known in advance only when they are scheduled with it (unsaved; None otherwise)."""
        if self.change_kind not in (ChangeKind.UPDATE, ChangeKind.CORRECTION):
            return None
        if not self.change_note:
            return None
        return ChangeNote(
            content_type_id=self.content_type_id,
            object_id=self.object_id,
            kind=self.change_kind,
            note=self.change_note,
            published_at=self.publish_at or timezone.now(),
        )

    def change_notes_shown_with(self, notes: list) -> list:
        """The item's change notes as readers will see them once these changes are published."""
        upcoming = self.upcoming_change_note()
        return notes if upcoming is None else [upcoming, *notes]

    def proposed_items(self) -> list:
        """A round-up's proposed items, in order, as unsaved RoundUpItems with their stories."""
        from stories.models.roundups import RoundUpItem
        from stories.models.stories import Story

        entries = sorted(self.values().get("items", []), key=lambda entry: entry["position"])
        stories = Story.objects.prefetch_related("topics", "organizations").in_bulk(
            [entry["story"] for entry in entries]
        )
        return [
            RoundUpItem(
                roundup_id=self.object_id,
                story=stories[entry["story"]],
                position=entry["position"],
                blurb=entry["blurb"],
            )
            for entry in entries
            if entry["story"] in stories  # a story deleted since: publishing leaves it out too
        ]

    def needs_identity_confirmation(self) -> bool:
        item = self.content_object
        return bool(getattr(item, "involves_vulnerable_person", False))

    def identity_confirmed(self) -> bool:
        return self.identity_protection_confirmed_at is not None

    # --- Rules the steps share ---

    def permission(self, verb: str) -> str:
        return self.content_object.permission(verb)

    def check_may(self, by, verb: str, sources: tuple[str, ...], label: str) -> None:
        name = self.content_object._meta.verbose_name
        if by is None or not by.is_active or not by.has_perm(self.permission(verb)):
            raise PermissionDenied(f"You are not allowed to {label.lower()} of this {name}.")
        if self.status not in sources:
            raise ValidationError(
                "Proposed changes that are %(status)s cannot be given “%(action)s”.",
                code="invalid_transition",
                params={"status": self.get_status_display().lower(), "action": label.lower()},
            )

    def may(self, user, step: str) -> bool:
        try:
            self.check_step(user, step)
        except (PermissionDenied, ValidationError):
            return False
        return True

    def check_step(self, by, step: str) -> None:
        """Raise if `by` may not take the step now; the rules of a new item's workflow."""
        label = PENDING_STEPS[step]
        if step == "changes_submit":
            self.check_may(by, "submit", (Status.DRAFT, Status.CHANGES_REQUESTED), label)
        elif step == "changes_request":
            self.check_may(by, "approve", (Status.IN_REVIEW, Status.APPROVED), label)
        elif step == "changes_approve":
            self.check_may(by, "approve", (Status.IN_REVIEW,), label)
        elif step == "changes_confirm_identity":
            self.check_may(by, "approve", self.STATUSES, label)
            if not self.needs_identity_confirmation():
                raise ValidationError(
                    "This item is not marked as involving a child or an identifiable survivor.",
                    code="not_sensitive",
                )
            if self.written_by.filter(pk=by.pk).exists():
                raise ValidationError(
                    "A moderator who did not write these changes must confirm identity protection.",
                    code="own_changes",
                )
        elif step == "changes_publish":
            self.check_may(by, "publish", (Status.APPROVED, Status.SCHEDULED), label)
        elif step == "changes_discard":
            # The person who proposed the changes may withdraw them before review; a moderator
            # may discard them at any point.
            if by is not None and by.has_perm(self.permission("approve")):
                return
            self.check_may(by, "change", (Status.DRAFT, Status.CHANGES_REQUESTED), label)
            if self.proposed_by_id != by.pk:
                raise PermissionDenied(
                    "Only the person who proposed these changes can discard them."
                )
        else:
            raise ValueError(f"Unknown step {step!r}")

    def available_steps(self, user) -> list[str]:
        steps = [step for step in PENDING_STEPS if self.may(user, step)]
        if "changes_confirm_identity" in steps and self.identity_confirmed():
            steps.remove("changes_confirm_identity")
        return steps

    def check_ready(self) -> None:
        """Raise if the revision may not be approved or published yet."""
        if self.needs_identity_confirmation() and not self.identity_confirmed():
            raise ValidationError(
                "This story involves a child or an identifiable survivor: a moderator who did not "
                "write these changes must first confirm that identities are protected and consent "
                "is documented.",
                code="identity_protection_unconfirmed",
            )
        item = self.content_object
        if hasattr(item, "check_stories_ready"):
            item.check_stories_ready(self.values())

    def is_editable_by(self, user) -> bool:
        return self.status in (Status.DRAFT, Status.CHANGES_REQUESTED) or user.has_perm(
            self.permission("publish")
        )

    def record(self, *, by, from_status: str, to: str, comment: str = "") -> Transition:
        return self.content_object.record_step(
            by=by, from_status=from_status, to=to, comment=comment, pending_changes=True
        )

    def move(self, *, by, to: str, comment: str = "", **fields) -> Transition:
        """Change the revision's status if nobody moved it meanwhile; record the step."""
        from_status = self.status
        moved = PendingRevision.objects.filter(
            pk=self.pk, status=from_status, lock_version=self.lock_version
        ).update(
            status=to,
            lock_version=models.F("lock_version") + 1,
            updated_at=timezone.now(),
            **fields,
        )
        if not moved:
            raise ValidationError(
                "Someone else changed these proposed changes meanwhile; reload the page and "
                "try again.",
                code="stale",
            )
        self.refresh_from_db()
        return self.record(by=by, from_status=from_status, to=to, comment=comment)


class ChangeNoteQuerySet(models.QuerySet):
    def corrections(self):
        return self.filter(kind=ChangeKind.CORRECTION)

    def on_published_items(self):
        """Notes on stories and round-ups readers can see now (a taken-down item's notes go
        with it)."""
        from stories.models.roundups import RoundUp
        from stories.models.stories import Story

        condition = models.Q()
        for model in (Story, RoundUp):
            condition |= models.Q(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=model.objects.published().values("pk"),
            )
        return self.filter(condition)


class ChangeNote(models.Model):
    """What readers are told about a published change: an update or a correction."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(
        max_length=20,
        choices=[(k.value, k.label) for k in (ChangeKind.UPDATE, ChangeKind.CORRECTION)],
    )
    note = models.TextField()
    published_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ChangeNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-published_at"]),
            models.Index(fields=["kind", "-published_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.note[:60]}"

    def is_correction(self) -> bool:
        return self.kind == ChangeKind.CORRECTION

    @property
    def label(self) -> str:
        return "Correction" if self.is_correction() else "Update"
