from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import reversion
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from stories import notifications
from stories.cache import bump_content_version_now_and_on_commit
from stories.images import (
    SanitizedImageField,
    delete_image_files,
    image_upload_to,
    validate_image,
)
from stories.richtext import render_markdown

# --- Vocabularies -------------------------------------------------------------------------------


class TopicQuerySet(models.QuerySet):
    def with_descendants(self) -> TopicQuerySet:
        """These topics and their sub-topics: a story on a sub-topic counts for its parent."""
        return Topic.objects.filter(Q(pk__in=self.values("pk")) | Q(parent__in=self.values("pk")))


class Topic(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="A broader theme this one belongs to.",
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("stories:topic_detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)


class RegionQuerySet(models.QuerySet):
    def countries(self) -> RegionQuerySet:
        return self.filter(kind=Region.Kind.COUNTRY)

    def covered_by(self, regions) -> RegionQuerySet:
        """Regions whose stories count for the given ones: subtrees and grouping members."""
        condition = Q(pk__in=[region.pk for region in regions])
        for region in regions:
            if region.kind == Region.Kind.GROUPING:
                condition |= Q(groupings=region)
            else:
                condition |= Q(path__startswith=region.path)
        return self.filter(condition)


class Region(models.Model):
    """A place in the UN M49 hierarchy (world, continent, sub-region, country) or a grouping."""

    class Kind(models.TextChoices):
        WORLD = "world", "World"
        CONTINENT = "continent", "Region"
        SUBREGION = "subregion", "Sub-region"
        COUNTRY = "country", "Country or area"
        GROUPING = "grouping", "Grouping of countries"

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    m49_code = models.CharField("UN M49 code", max_length=3, blank=True)
    iso_code = models.CharField("ISO 3166-1 alpha-2", max_length=2, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    members = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="groupings",
        limit_choices_to={"kind": "country"},
        help_text="For a grouping: its member countries.",
    )
    description = models.TextField(blank=True)
    # Materialised path of M49 codes ("/001/002/014/404/"): a subtree is one prefix match.
    path = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["iso_code"], condition=~Q(iso_code=""), name="unique_region_iso_code"
            ),
            models.CheckConstraint(
                condition=Q(kind="grouping") | ~Q(m49_code=""),
                name="hierarchical_region_has_m49_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("stories:region_detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        if self.kind == self.Kind.GROUPING:
            self.path = ""
        else:
            prefix = self.parent.path if self.parent_id else "/"
            self.path = f"{prefix}{self.m49_code}/"
        super().save(*args, **kwargs)

    def covered_regions(self) -> RegionQuerySet:
        return Region.objects.covered_by([self])


# --- Publishing ---------------------------------------------------------------------------------


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
        help_text=(
            "Readers see the item once it is published or scheduled and this time has come; "
            "a future time schedules it."
        ),
    )
    unpublish_at = models.DateTimeField(
        "take down at",
        null=True,
        blank=True,
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

    class Meta:
        abstract = True

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

    def save(self, *args, **kwargs):
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
        )

    def available_actions(self, user) -> list[str]:
        return [action for action in WORKFLOW if self.may(user, action)]

    def is_editable_by(self, user) -> bool:
        """Content is locked for editors once submitted; moderators may always edit."""
        return self.status in EDITABLE_STATUSES or user.has_perm(self.permission("publish"))

    def _check(self, by, action: str) -> None:
        step = WORKFLOW[action]
        name = self._meta.verbose_name
        if by is None or not by.is_active or not by.has_perm(self.permission(step.verb)):
            raise PermissionDenied(
                f"You are not allowed to {step.label.lower()} this {name}.", "permission_denied"
            )
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
            moved = type(self)._base_manager.filter(condition).update(
                status=to, lock_version=F("lock_version") + 1, updated_at=now, **fields
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
                bump_content_version_now_and_on_commit()
            self.refresh_from_db(fields=["status", "lock_version", "updated_at", *fields])
            transition = Transition.objects.create(
                content_object=self, from_status=from_status, to_status=to, by=by, comment=comment
            )
            reversion.add_to_revision(self)
            reversion.set_comment(f"{transition}. {comment}" if comment else str(transition))
            if by is not None:
                reversion.set_user(by)
            transaction.on_commit(partial(notifications.transition_made, transition.pk))
        return transition

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


# --- Stories ------------------------------------------------------------------------------------


class StoryQuerySet(PublishableQuerySet):
    def for_topics(self, topics) -> StoryQuerySet:
        """Stories on any of the topics or their sub-topics."""
        through = Story.topics.through.objects.filter(
            topic__in=Topic.objects.filter(pk__in=[t.pk for t in topics]).with_descendants()
        )
        return self.filter(pk__in=through.values("story_id"))

    def in_regions(self, regions) -> StoryQuerySet:
        """Stories tagged with any of the regions, a place inside them, or a member country."""
        through = Story.regions.through.objects.filter(
            region__in=Region.objects.covered_by(regions)
        )
        return self.filter(pk__in=through.values("story_id"))

    def mentioning(self, organizations) -> StoryQuerySet:
        through = Story.organizations.through.objects.filter(organization__in=organizations)
        return self.filter(pk__in=through.values("story_id"))

    def tagged(self, tag_slugs) -> StoryQuerySet:
        # A subquery, not a join: a join needs DISTINCT, and a DISTINCT list is sorted whole
        # instead of read newest first up to its LIMIT (10 ms -> 2 ms for a tag at 100k).
        items = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Story), tag__slug__in=tag_slugs
        )
        return self.filter(pk__in=items.values("object_id"))

    def with_open_deadline(self) -> StoryQuerySet:
        return self.filter(deadline__gte=timezone.localdate())

    def without_bodies(self) -> StoryQuerySet:
        """Leave out the body and the search index, most of a row's bytes, where lists show
        titles, summaries and dates."""
        return self.defer("body", "body_html", "search_vector")

    def with_links(self) -> StoryQuerySet:
        """Without bodies, with the themes and places a feed item lists. (Lists of cards fetch
        links only for the cards they do not find cached: see stories.cards.)"""
        return self.without_bodies().prefetch_related("topics", "regions")


@reversion.register()
class Story(Publishable):
    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    summary = models.TextField(
        max_length=600, help_text="The standfirst: one or two sentences shown in lists."
    )
    body = models.TextField(
        blank=True,
        help_text=(
            "Write in plain text. Blank lines separate paragraphs; **bold**, *italic*, "
            "- lists, > quotes, ## headings and [links](https://…) are understood."
        ),
    )
    body_html = models.TextField(blank=True, editable=False)
    source_name = models.CharField(max_length=255, blank=True)
    source_url = models.URLField("source link", max_length=500, blank=True)
    event_date = models.DateField(
        null=True, blank=True, help_text="When the event happened or the original report appeared."
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="stories")
    regions = models.ManyToManyField(Region, blank=True, related_name="stories")
    organizations = models.ManyToManyField(
        "organizations.Organization", blank=True, related_name="stories"
    )
    tags = TaggableManager(blank=True)
    image = SanitizedImageField(upload_to=image_upload_to, blank=True, validators=[validate_image])
    image_alt = models.CharField(
        "image description (alt text)",
        max_length=300,
        blank=True,
        help_text="Required with an image: what it shows, for readers who cannot see it.",
    )
    image_credit = models.CharField(max_length=255, blank=True)
    content_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="Shown before the story: for example, it describes violence against children.",
    )
    deadline = models.DateField(
        null=True, blank=True, help_text="For calls for input and consultations."
    )
    involves_vulnerable_person = models.BooleanField(
        "involves a child or an identifiable survivor",
        default=False,
        help_text=(
            "A moderator other than the author must confirm identities are protected "
            "and consent is documented before approval."
        ),
    )
    identity_protection_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    identity_protection_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "stories"
        permissions = [
            ("submit_story", "Can submit stories for review"),
            ("approve_story", "Can approve stories or send them back"),
            ("publish_story", "Can publish, schedule, unpublish and take down stories"),
        ]
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="story_status_published"),
            models.Index(fields=["-published_at", "-id"], name="story_published_order"),
            models.Index(fields=["deadline"], name="story_deadline"),
            # Everything published() reads, so the ids behind counts and facets come from an
            # index-only scan instead of the wide story rows (docs/performance.md).
            models.Index(
                fields=["status", "published_at"],
                include=["unpublish_at", "id"],
                name="story_public_covering",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""), name="story_image_has_alt_text"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["published", "scheduled"]) | Q(published_at__isnull=False),
                name="story_live_has_publication_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("stories:story_detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:255]
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        # The same rule as the story_image_has_alt_text constraint, said next to the field.
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {
                    "image_alt": ValidationError(
                        "Describe the image for readers who cannot see it: an image needs "
                        "alt text.",
                        code="image_alt_required",
                    )
                }
            )

    def has_open_deadline(self) -> bool:
        return self.deadline is not None and self.deadline >= timezone.localdate()

    def check_ready(self) -> None:
        if self.involves_vulnerable_person and self.identity_protection_confirmed_at is None:
            raise ValidationError(
                "This story involves a child or an identifiable survivor: a moderator other than "
                "its author must first confirm that identities are protected and consent is "
                "documented.",
                code="identity_protection_unconfirmed",
            )

    # What a moderator checked when confirming identity protection; editing any of it voids that.
    PROTECTED_CONTENT = ("title", "summary", "body", "image", "image_alt", "image_credit",
                         "content_note", "involves_vulnerable_person")  # fmt: skip

    def content_edited(self, changed_fields) -> None:
        """Clear the identity-protection confirmation when the checked content changes."""
        if self.identity_protection_confirmed_at and set(changed_fields) & set(
            self.PROTECTED_CONTENT
        ):
            self.identity_protection_confirmed_by = None
            self.identity_protection_confirmed_at = None

    def confirm_identity_protection(self, by) -> Transition:
        """Record that a moderator checked identities are protected and consent documented."""
        if by is None or not by.is_active or not by.has_perm(self.permission("approve")):
            raise PermissionDenied("Only moderators can confirm identity protection.")
        if by.pk == self.author_id:
            raise ValidationError(
                "A moderator other than the story's author must confirm identity protection.",
                code="own_story",
            )
        if not self.involves_vulnerable_person:
            raise ValidationError(
                "This story is not marked as involving a child or an identifiable survivor.",
                code="not_sensitive",
            )
        return self._move(
            by=by,
            to=self.status,
            comment="Confirmed: identities are protected and consent is documented.",
            identity_protection_confirmed_by=by,
            identity_protection_confirmed_at=timezone.now(),
        )

    def take_down(self, by, comment: str) -> Transition:
        """Take the story off the site; its image and renditions leave public storage too."""
        # A take-down is often about what a picture shows: a stale URL must not keep serving it.
        image_name = self.image.name if self.image else ""
        with transaction.atomic():
            transition = super().take_down(by, comment)
            if image_name:
                type(self)._base_manager.filter(pk=self.pk).update(image="")
                self.image = ""
                transaction.on_commit(partial(delete_image_files, image_name), robust=True)
        return transition


# --- Round-ups (digest issues) ------------------------------------------------------------------


class FeaturingRoundUps(models.Subquery):
    """The ids of the round-ups that lead with or list one of the given stories.

    Leads and items are read as one list of (round-up, story) pairs, so that PostgreSQL plans a
    single semi-join: it walks the digests newest first and stops at the LIMIT when the stories
    are many, or starts from the stories when they are few. As `lead_story IN (…) OR pk IN (…)`
    it could do neither and hashed every matching story first (70 ms for a broad theme at 100k
    stories).
    """

    def as_sql(self, compiler, connection, template=None, **extra_context):
        qn = connection.ops.quote_name
        template = (
            f"(SELECT featured.roundup_id FROM ("
            f"SELECT roundup_id, story_id FROM {qn(RoundUpItem._meta.db_table)} "
            f"UNION ALL SELECT id, lead_story_id FROM {qn(RoundUp._meta.db_table)}"
            f") featured WHERE featured.story_id IN (%(subquery)s))"
        )
        return super().as_sql(compiler, connection, template=template, **extra_context)


class RoundUpQuerySet(PublishableQuerySet):
    def featuring(self, stories) -> RoundUpQuerySet:
        """Round-ups whose lead story or one of whose items is among the stories."""
        if not isinstance(stories, models.QuerySet):
            stories = Story.objects.filter(pk__in=[story.pk for story in stories])
        # Unordered: PostgreSQL would sort a subquery with an ORDER BY instead of joining it.
        return self.filter(pk__in=FeaturingRoundUps(stories.order_by().values("pk")))


@reversion.register(follow=["items"])
class RoundUp(Publishable):
    number = models.PositiveIntegerField("issue number", unique=True)
    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    introduction = models.TextField(blank=True)
    lead_story = models.ForeignKey(
        Story,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_roundups",
    )
    stories = models.ManyToManyField(Story, through="RoundUpItem", related_name="roundups")

    objects = RoundUpQuerySet.as_manager()

    class Meta:
        verbose_name = "round-up"
        permissions = [
            ("submit_roundup", "Can submit round-ups for review"),
            ("approve_roundup", "Can approve round-ups or send them back"),
            ("publish_roundup", "Can publish, schedule, unpublish and take down round-ups"),
        ]
        ordering = ["-published_at", "-number"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="roundup_status_published"),
            # The default ordering: the latest digest and the archive's first page read it.
            models.Index(fields=["-published_at", "-number"], name="roundup_published_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["published", "scheduled"]) | Q(published_at__isnull=False),
                name="roundup_live_has_publication_time",
            ),
        ]

    def __str__(self) -> str:
        return f"No. {self.number}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("stories:roundup_detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(f"{self.number} {self.title}")[:255]
        super().save(*args, **kwargs)

    def workflow_stories(self) -> list[Story]:
        """The lead story, then the items' stories in order: what is reviewed with the issue."""
        stories = [item.story for item in self.items.select_related("story")]
        if self.lead_story_id and self.lead_story_id not in {story.pk for story in stories}:
            stories.insert(0, self.lead_story)
        return stories

    def check_ready(self) -> None:
        pending = [s for s in self.workflow_stories() if s.status not in READY_STATUSES]
        if pending:
            raise ValidationError(
                "Its lead story and all its items must be approved or published first; "
                "not yet: %(pending)s.",
                code="stories_not_approved",
                params={
                    "pending": "; ".join(
                        f"“{story}” ({story.get_status_display().lower()})" for story in pending
                    )
                },
            )


@reversion.register()
class RoundUpItem(models.Model):
    roundup = models.ForeignKey(RoundUp, on_delete=models.CASCADE, related_name="items")
    story = models.ForeignKey(Story, on_delete=models.PROTECT, related_name="roundup_items")
    position = models.PositiveSmallIntegerField(default=0)
    blurb = models.TextField(
        blank=True, help_text="Optional: a short text shown instead of the story's summary."
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "round-up item"
        constraints = [
            models.UniqueConstraint(fields=["roundup", "story"], name="unique_story_per_roundup"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.story}"

    @property
    def text(self) -> str:
        return self.blurb or self.story.summary


# --- Workflow records ---------------------------------------------------------------------------


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

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


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
