"""The editorial workflow shared by stories and round-ups: states, steps, and their records."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial

import reversion
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from newsletters.publication import went_live
from stories import notifications
from stories.cache import bump_content_version_now_and_on_commit


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished"


# Statuses that are public once the publication time has come.
LIVE_STATUSES = (Status.PUBLISHED, Status.SCHEDULED)

# The years a date or time may fall in. Outside them a value is a typo or an attack: year 1 in
# a local zone becomes a BC timestamp that the database driver cannot read back.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


def validate_plausible_date(value: datetime.date | datetime.datetime) -> None:
    """Refuse dates and times outside EARLIEST_YEAR to LATEST_YEAR, with a clear message."""
    # The year as entered, not converted to UTC: converting year 1 may overflow.
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            "Enter a date between the years %(earliest)s and %(latest)s.",
            code="implausible_date",
            params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )


def whole_seconds(value: datetime.datetime | None) -> datetime.datetime | None:
    """A publication time without its fraction of a second: readers and feeds never see one,
    and HTML's `datetime` attribute allows at most three digits of it."""
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0)
    return value  # None, or a string the field itself will parse


def plausible_range(field: str, *, times: bool) -> Q:
    """The database's backstop for validate_plausible_date, a day wider on each side so that
    a time at the edge of the range in any zone passes both."""
    if times:
        low = datetime.datetime(EARLIEST_YEAR - 1, 12, 31, tzinfo=datetime.UTC)
        high = datetime.datetime(LATEST_YEAR + 1, 1, 2, tzinfo=datetime.UTC)
    else:
        low, high = datetime.date(EARLIEST_YEAR, 1, 1), datetime.date(LATEST_YEAR, 12, 31)
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low, f"{field}__lte": high})


def published_condition(prefix: str = "") -> Q:
    """The one definition of "public": live status, publication time reached, not expired."""
    now = timezone.now()
    return Q(**{f"{prefix}status__in": LIVE_STATUSES, f"{prefix}published_at__lte": now}) & (
        Q(**{f"{prefix}unpublish_at__isnull": True}) | Q(**{f"{prefix}unpublish_at__gt": now})
    )


@dataclass(frozen=True)
class Step:
    """A workflow action: the permission verb it needs and the states it may start from."""

    label: str
    verb: str
    sources: tuple[str, ...]


# The workflow, in the order its buttons appear. Permission "<verb>_<model>", e.g. approve_story.
WORKFLOW = {
    "submit": Step(
        "Submit for review", "submit",
        (Status.DRAFT, Status.CHANGES_REQUESTED, Status.UNPUBLISHED),
    ),
    "approve": Step("Approve", "approve", (Status.IN_REVIEW,)),
    "request_changes": Step("Request changes", "approve", (Status.IN_REVIEW, Status.APPROVED)),
    "publish": Step("Publish or schedule", "publish", (Status.APPROVED, Status.SCHEDULED)),
    "unpublish": Step("Unpublish", "publish", (Status.PUBLISHED, Status.SCHEDULED)),
    "take_down": Step("Take down now", "publish", (Status.PUBLISHED, Status.SCHEDULED)),
    "return_to_draft": Step(
        "Return to draft", "change",
        (Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.APPROVED, Status.UNPUBLISHED),
    ),
}  # fmt: skip

# Whose content editors may change; moderators (publish permission) may edit in any state.
EDITABLE_STATUSES = (Status.DRAFT, Status.CHANGES_REQUESTED, Status.UNPUBLISHED)
# Stories a round-up may be approved and published with.
READY_STATUSES = (Status.APPROVED, Status.SCHEDULED, Status.PUBLISHED)


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_condition())

    def awaiting_review(self):
        return self.filter(status=Status.IN_REVIEW)


class Publishable(models.Model):
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text=(
            "Readers see the item once it is published or scheduled and this time has come; "
            "a future time schedules it."
        ),
    )
    unpublish_at = models.DateTimeField(
        "take down at",
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text="Optional: readers stop seeing the item at this time.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="%(class)s_authored",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Bumped on every save; a form that was opened on an older number is refused on save.
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    revised_at = models.DateTimeField(
        "last updated",
        null=True,
        blank=True,
        editable=False,
        help_text="When an update or correction of the live item was last published.",
    )
    pending_revisions = GenericRelation("stories.PendingRevision")
    change_notes = GenericRelation("stories.ChangeNote")

    # What the workflow alone sets: a saved version never brings these back, an edit of
    # anything else is an edit of content.
    WORKFLOW_FIELDS = (
        "status", "published_at", "unpublish_at", "author", "created_at", "updated_at",
        "lock_version", "revised_at",
    )  # fmt: skip

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.published_at and self.unpublish_at and self.unpublish_at <= self.published_at:
            raise ValidationError(
                {
                    "unpublish_at": ValidationError(
                        "The take-down time must come after the publication time: readers "
                        "would never see the item. Change or clear one of them.",
                        code="unpublish_before_publish",
                    )
                }
            )

    def is_published(self) -> bool:
        now = timezone.now()
        return (
            self.status in LIVE_STATUSES
            and self.published_at is not None
            and self.published_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    is_published.boolean = True
    is_published.short_description = "Public"

    def derive_fields(self) -> None:
        """Set what the content determines (a blank slug, the body's HTML): on save, and on a
        preview of proposed changes."""

    def save(self, *args, **kwargs):
        if getattr(self, "is_proposed_version", False):
            # PendingRevision.applied_to: readers' row is written only by publishing the changes.
            raise RuntimeError("A preview of proposed changes is never saved.")
        self.derive_fields()
        self.published_at = whole_seconds(self.published_at)
        self.unpublish_at = whole_seconds(self.unpublish_at)
        if not self._state.adding:
            self.lock_version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "lock_version"}
        super().save(*args, **kwargs)

    # --- Workflow ---

    def permission(self, verb: str) -> str:
        return f"{self._meta.app_label}.{verb}_{self._meta.model_name}"

    def may(self, user, action: str) -> bool:
        """Whether the user may take the action now: the permission and the current state."""
        step = WORKFLOW[action]
        return (
            user is not None
            and user.is_active
            and self.status in step.sources
            and user.has_perm(self.permission(step.verb))
            and self._object_rule(user, action) is None
        )

    def _object_rule(self, user, action: str) -> str | None:
        """Why this user may not take the action on this item despite the permission, if so."""
        if action == "return_to_draft" and not user.has_perm(self.permission("approve")):
            own_submission = self.author_id == user.pk and self.status in (
                Status.IN_REVIEW,
                Status.CHANGES_REQUESTED,
            )
            if not own_submission:
                return (
                    "Editors can return only their own submissions to draft, and never an "
                    "approved item; ask a moderator."
                )
        return None

    def available_actions(self, user) -> list[str]:
        return [action for action in WORKFLOW if self.may(user, action)]

    def is_live(self) -> bool:
        """Published or scheduled: its content changes only through a reviewed revision."""
        return self.status in LIVE_STATUSES

    def is_editable_by(self, user) -> bool:
        """Content is locked for editors once submitted; moderators may always edit.

        Editing a live item proposes changes (a pending revision), which editors may do too,
        unless the changes they would edit are in review.
        """
        if user.has_perm(self.permission("publish")):
            return True
        if self.is_live():
            revision = self.pending_revision()
            return revision is None or revision.is_editable_by(user)
        return self.status in EDITABLE_STATUSES

    def pending_revision(self):
        """The proposed changes to this live item, if there are any."""
        if self.pk is None:
            return None
        if not hasattr(self, "_pending_revision"):
            self._pending_revision = self.pending_revisions.first()
        return self._pending_revision

    def write_content(self, values: dict) -> None:
        """Make the item's content these values (a revision's): fields, links and items."""
        from stories.models.revisions import content_fields

        links = {}
        for field in content_fields(type(self)):
            if field.name not in values:
                continue
            if field.many_to_many:
                links[field.name] = values[field.name]
            elif isinstance(field, models.FileField):
                setattr(self, field.attname, values[field.name] or "")
            else:
                setattr(self, field.attname, values[field.name])
        self.save()
        for name, value in links.items():
            getattr(self, name).set(value)
        if "items" in values and hasattr(self, "replace_items"):
            self.replace_items(values["items"], [])

    def fold_pending_revision(self) -> bool:
        """Leaving the site, the item takes its proposed changes in as draft content."""
        revision = self.pending_revisions.select_for_update().first()
        if revision is None:
            return False
        self.write_content(revision.values())
        revision.delete()
        self.__dict__.pop("_pending_revision", None)
        return True

    def _check(self, by, action: str) -> None:
        step = WORKFLOW[action]
        name = self._meta.verbose_name
        if by is None or not by.is_active or not by.has_perm(self.permission(step.verb)):
            raise PermissionDenied(
                f"You are not allowed to {step.label.lower()} this {name}.", "permission_denied"
            )
        refusal = self._object_rule(by, action) if self.status in step.sources else None
        if refusal:
            raise PermissionDenied(refusal, "permission_denied")
        if self.status not in step.sources:
            raise ValidationError(
                "A %(name)s that is %(status)s cannot be given “%(action)s”.",
                code="invalid_transition",
                params={
                    "name": name,
                    "status": self.get_status_display().lower(),
                    "action": step.label.lower(),
                },
            )

    def _move(self, *, by, to: str, comment: str = "", where: Q | None = None, **fields):
        """Change status (and fields) if nobody moved the item meanwhile; log and notify."""
        from_status = self.status
        now = timezone.now()
        condition = Q(pk=self.pk, status=from_status) & (where or Q())
        with transaction.atomic(), reversion.create_revision():
            moved = (
                type(self)
                ._base_manager.filter(condition)
                .update(status=to, lock_version=F("lock_version") + 1, updated_at=now, **fields)
            )
            if not moved:
                raise ValidationError(
                    "Someone else changed this %(name)s meanwhile; reload the page and try again.",
                    code="stale",
                    params={"name": self._meta.verbose_name},
                )
            # A conditional UPDATE sends no post_save: move readers' cached pages on ourselves,
            # if readers see the item before or after the step (as stories.signals does).
            if from_status in LIVE_STATUSES or to in LIVE_STATUSES:
                # A step from a live status may take the item off the site.
                bump_content_version_now_and_on_commit(removal=from_status in LIVE_STATUSES)
            self.refresh_from_db(fields=["status", "lock_version", "updated_at", *fields])
            if to == Status.UNPUBLISHED:
                # Whatever took it off the site, its share links must not keep showing it.
                self.revoke_preview_links()
            leaving = from_status in LIVE_STATUSES and to not in LIVE_STATUSES
            if leaving and self.fold_pending_revision():
                kept = "Its proposed changes are now its draft content."
                comment = f"{comment} {kept}" if comment else kept
            if to == Status.PUBLISHED:
                # Readers' emails (a story's alerts, a round-up's newsletter), once it commits.
                transaction.on_commit(
                    partial(went_live, self._meta.label, self.pk, getattr(by, "pk", None)),
                    robust=True,
                )
            return self.record_step(by=by, from_status=from_status, to=to, comment=comment)

    def record_step(
        self, *, by, from_status: str, to: str, comment: str = "", pending_changes: bool = False
    ) -> Transition:
        """Log a step in the workflow history and the revision history, and notify."""
        with transaction.atomic(), reversion.create_revision():
            transition = Transition.objects.create(
                content_object=self,
                from_status=from_status,
                to_status=to,
                by=by,
                comment=comment,
                pending_changes=pending_changes,
            )
            reversion.add_to_revision(self)
            reversion.set_comment(f"{transition}. {comment}" if comment else str(transition))
            if by is not None:
                reversion.set_user(by)
            notifications.transition_recorded(transition)
        return transition

    def revoke_preview_links(self) -> int:
        return PreviewLink.objects.filter(
            content_type=ContentType.objects.get_for_model(self),
            object_id=self.pk,
            revoked_at__isnull=True,
        ).update(revoked_at=timezone.now())

    def submit(self, by, comment: str = "") -> Transition:
        self._check(by, "submit")
        return self._move(by=by, to=Status.IN_REVIEW, comment=comment)

    def approve(self, by, comment: str = "") -> Transition:
        self._check(by, "approve")
        self.check_ready()
        return self._move(by=by, to=Status.APPROVED, comment=comment)

    def request_changes(self, by, comment: str) -> Transition:
        self._check(by, "request_changes")
        if not comment.strip():
            raise ValidationError(
                "Say what needs to change: a comment is required when sending an item back.",
                code="comment_required",
            )
        return self._move(by=by, to=Status.CHANGES_REQUESTED, comment=comment)

    def publish(self, by, at=None, comment: str = "") -> Transition:
        """Publish now, or schedule for `at` (or for a future publication time already set)."""
        self._check(by, "publish")
        self.check_ready()
        now = timezone.now()
        if at is None:
            keep = self.status == Status.APPROVED and self.published_at and self.published_at > now
            at = self.published_at if keep else now
        at = whole_seconds(at)
        validate_plausible_date(at)
        if self.unpublish_at is not None and self.unpublish_at <= at:
            raise ValidationError(
                "The take-down time is before the publication time; clear or change it first.",
                code="unpublish_before_publish",
            )
        to = Status.SCHEDULED if at > now else Status.PUBLISHED
        return self._move(by=by, to=to, comment=comment, published_at=at)

    def unpublish(self, by, comment: str = "") -> Transition:
        self._check(by, "unpublish")
        return self._move(by=by, to=Status.UNPUBLISHED, comment=comment)

    def take_down(self, by, comment: str) -> Transition:
        """Remove a live item from the site at once, recording why."""
        self._check(by, "take_down")
        if not comment.strip():
            raise ValidationError("Record why the item is taken down.", code="comment_required")
        return self._move(by=by, to=Status.UNPUBLISHED, comment=f"Taken down: {comment}")

    def return_to_draft(self, by, comment: str = "") -> Transition:
        self._check(by, "return_to_draft")
        return self._move(by=by, to=Status.DRAFT, comment=comment)

    def go_live(self) -> Transition | None:
        """For the scheduler: mark a due scheduled item published; None if another run did."""
        now = timezone.now()
        if self.status != Status.SCHEDULED or self.published_at is None or self.published_at > now:
            return None
        try:
            return self._move(by=None, to=Status.PUBLISHED, where=Q(published_at__lte=now))
        except ValidationError:
            return None

    def expire(self) -> Transition | None:
        """For the scheduler: unpublish an item whose take-down time has passed."""
        now = timezone.now()
        if self.status not in LIVE_STATUSES or not self.unpublish_at or self.unpublish_at > now:
            return None
        try:
            return self._move(
                by=None,
                to=Status.UNPUBLISHED,
                comment="Take-down time reached.",
                where=Q(unpublish_at__lte=now),
            )
        except ValidationError:
            return None

    def check_ready(self) -> None:
        """Raise ValidationError if the item may not be approved or published yet."""

    def transitions(self):
        return Transition.objects.filter(
            content_type=ContentType.objects.get_for_model(self), object_id=self.pk
        ).select_related("by")

    def changes_requested(self) -> Transition | None:
        """The send-back the item is waiting on, if it is waiting on one."""
        if self.status != Status.CHANGES_REQUESTED:
            return None
        return self.transitions().filter(to_status=Status.CHANGES_REQUESTED).first()


class Transition(models.Model):
    """One step of a story's or round-up's workflow: who moved it, when, from where to where."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)
    # A step of proposed changes to a live item, not of the item itself.
    pending_changes = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        step = f"{self.get_from_status_display()} → {self.get_to_status_display()}"
        return f"Proposed changes: {step}" if self.pending_changes else step


class PreviewLink(models.Model):
    """A revocable, expiring link that lets someone without an account read one draft."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Preview of {self.content_object}"

    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def shows_proposed_changes(self) -> bool:
        """Made for a live item's proposed changes (a PendingRevision), not for the item."""
        content_type = self.content_type
        return (content_type.app_label, content_type.model) == ("stories", "pendingrevision")
