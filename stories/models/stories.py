"""Stories: what readers read, with the themes, places and organizations they are about."""

from __future__ import annotations

import datetime
from functools import partial

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItem

from stories.images import (
    SanitizedImageField,
    delete_image_files,
    image_upload_to,
    validate_image,
)
from stories.models.vocabularies import Region, Topic
from stories.models.workflow import (
    Publishable,
    PublishableQuerySet,
    Transition,
    plausible_range,
    validate_plausible_date,
)
from stories.richtext import render_markdown


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

    def of_kinds(self, kinds) -> StoryQuerySet:
        """Stories of any of these types (StoryKind values)."""
        return self.filter(kind__in=list(kinds))

    def tagged(self, tag_slugs) -> StoryQuerySet:
        # A subquery, not a join: a join needs DISTINCT, and a DISTINCT list is sorted whole
        # instead of read newest first up to its LIMIT (10 ms -> 2 ms for a tag at 100k).
        items = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Story), tag__slug__in=tag_slugs
        )
        return self.filter(pk__in=items.values("object_id"))

    def used_tags(self):
        """The tags these stories carry, as a Tag queryset (a subquery: no ids are fetched)."""
        items = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Story),
            object_id__in=self.order_by().values("pk"),
        )
        return Tag.objects.filter(pk__in=items.values("tag_id"))

    def with_open_deadline(self) -> StoryQuerySet:
        return self.filter(deadline__gte=timezone.localdate())

    def with_closed_deadline(self) -> StoryQuerySet:
        return self.filter(deadline__lt=timezone.localdate())

    def without_bodies(self) -> StoryQuerySet:
        """Leave out the body and the search index, most of a row's bytes, where lists show
        titles, summaries and dates."""
        return self.defer("body", "body_html", "search_vector")

    def with_links(self) -> StoryQuerySet:
        """Without bodies, with the themes and places a feed item lists, as lists in
        `listed_topics` and `listed_regions`. (Lists of cards fetch links only for the cards they
        do not find cached: see stories.cards.)"""
        # Into lists: filling each story's related managers instead builds a queryset per story
        # and relation, which costs more than the queries themselves.
        return self.without_bodies().prefetch_related(
            *(Prefetch(name, to_attr=f"listed_{name}") for name in ("topics", "regions"))
        )


class StoryKind(models.TextChoices):
    """What sort of piece a story is: the finder's "Type" facet, and its schema.org type."""

    NEWS = "news", "News"
    ANALYSIS = "analysis", "Analysis"
    REPORT = "report", "Report"
    CALL_FOR_INPUT = "call-for-input", "Call for input"
    FUNDING = "funding", "Funding"
    EVENT = "event", "Event"

    @property
    def plural(self) -> str:
        """The name of a selection of this type, as the finder's facet and headings say it."""
        return KIND_PLURALS[self]


KIND_PLURALS = {
    StoryKind.NEWS: "News",
    StoryKind.ANALYSIS: "Analysis",
    StoryKind.REPORT: "Reports",
    StoryKind.CALL_FOR_INPUT: "Calls for input",
    StoryKind.FUNDING: "Funding",
    StoryKind.EVENT: "Events",
}


@reversion.register()
class Story(Publishable):
    Kind = StoryKind

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
    # Values are the finder's URL slugs (`?type=call-for-input`): one spelling everywhere.
    kind = models.CharField(
        "type",
        max_length=20,
        choices=StoryKind.choices,
        default=StoryKind.NEWS,
        # Also in the table: rows written by code from before this field (during a deploy) are
        # news, instead of refused for a missing NOT NULL value.
        db_default=StoryKind.NEWS,
        help_text=(
            "What sort of piece this is. Readers filter by it; search engines are told an event "
            "(with its date), a report or analysis apart from news."
        ),
    )
    source_name = models.CharField(max_length=255, blank=True)
    source_url = models.URLField("source link", max_length=500, blank=True)
    event_date = models.DateField(
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text=(
            "When the event happened or the original report appeared; for an event (the type), "
            "the day it takes place, which search engines are given."
        ),
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
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text="For calls for input and consultations.",
    )
    deadline_time = models.TimeField(
        null=True,
        blank=True,
        help_text=(
            "If the call closes at a set time on that day, in the site's time zone "
            f"({settings.TIME_ZONE}); calendars then show it at that time."
        ),
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
            # The finder's type filter, newest first (most stories are news: the other types
            # are the ones read through this index).
            models.Index(fields=["kind", "-published_at"], name="story_kind_published"),
            # Everything published() reads, so the ids behind counts and facets (and the type
            # facet's values) come from an index-only scan instead of the wide story rows
            # (docs/performance.md).
            models.Index(
                fields=["status", "published_at"],
                include=["unpublish_at", "id", "kind"],
                name="story_public_covering",
            ),
            # The next take-down due (stories.cache.next_due_time), asked on the first request
            # after every change: without it, a scan of every live story (0.25 s at 1,000,000).
            models.Index(
                fields=["unpublish_at"],
                condition=Q(unpublish_at__isnull=False),
                name="story_take_down_due",
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
            models.CheckConstraint(
                condition=plausible_range("published_at", times=True),
                name="story_publication_time_plausible",
            ),
            models.CheckConstraint(
                condition=plausible_range("unpublish_at", times=True),
                name="story_take_down_time_plausible",
            ),
            models.CheckConstraint(
                condition=plausible_range("event_date", times=False),
                name="story_event_date_plausible",
            ),
            models.CheckConstraint(
                condition=plausible_range("deadline", times=False),
                name="story_deadline_plausible",
            ),
            models.CheckConstraint(
                condition=Q(deadline_time__isnull=True) | Q(deadline__isnull=False),
                name="story_deadline_time_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("stories:story_detail", kwargs={"slug": self.slug})

    @property
    def public_organizations(self) -> list:
        """The organizations readers see it linked to: those a moderator approved (prefetched)."""
        return [organization for organization in self.organizations.all() if organization.approved]

    def derive_fields(self) -> None:
        if not self.slug:
            self.slug = slugify(self.title)[:255]
        self.body_html = render_markdown(self.body)

    def clean(self):
        super().clean()
        # The same rule as the story_image_has_alt_text constraint, said next to the field.
        if self.deadline_time is not None and self.deadline is None:
            raise ValidationError(
                {
                    "deadline_time": ValidationError(
                        "Give the deadline's day too: a time alone says nothing.",
                        code="deadline_time_without_date",
                    )
                }
            )
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

    def deadline_at(self) -> datetime.datetime | None:
        """The closing moment, in the site's time zone, when the call gives a time."""
        if self.deadline is None or self.deadline_time is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(self.deadline, self.deadline_time))

    def check_ready(self) -> None:
        if self.involves_vulnerable_person and self.identity_protection_confirmed_at is None:
            raise ValidationError(
                "This story involves a child or an identifiable survivor: a moderator other than "
                "its author must first confirm that identities are protected and consent is "
                "documented.",
                code="identity_protection_unconfirmed",
            )

    WORKFLOW_FIELDS = (
        *Publishable.WORKFLOW_FIELDS,
        "involves_vulnerable_person",
        "identity_protection_confirmed_by",
        "identity_protection_confirmed_at",
    )

    def content_edited(self, changed_fields) -> bool:
        """Clear the identity-protection confirmation when anything readers see changes.

        A moderator confirmed what readers were to see; a change to any of it (a name in a tag,
        a place, the address, the source) needs a second look, so only the workflow's own fields
        leave the confirmation in place.
        """
        fields = {field.name for field in self._meta.get_fields()}
        content = (set(changed_fields) & fields) - set(Publishable.WORKFLOW_FIELDS)
        if self.identity_protection_confirmed_at is None or not content:
            return False
        self.identity_protection_confirmed_by = None
        self.identity_protection_confirmed_at = None
        return True

    def withdraw_identity_confirmation(self) -> None:
        """Clear the confirmation in the database: something shown with the story changed."""
        if self.identity_protection_confirmed_at is None:
            return
        self.identity_protection_confirmed_by = None
        self.identity_protection_confirmed_at = None
        type(self)._base_manager.filter(pk=self.pk).update(
            identity_protection_confirmed_by=None, identity_protection_confirmed_at=None
        )

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
