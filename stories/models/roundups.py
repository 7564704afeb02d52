"""Round-ups: the weekly digest issues, a lead story and an ordered list of items."""

from __future__ import annotations

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from stories.models.stories import Story
from stories.models.workflow import (
    READY_STATUSES,
    Publishable,
    PublishableQuerySet,
    plausible_range,
)


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
            # The next take-down due (stories.cache.next_due_time): only the few that have one.
            models.Index(
                fields=["unpublish_at"],
                condition=Q(unpublish_at__isnull=False),
                name="roundup_take_down_due",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["published", "scheduled"]) | Q(published_at__isnull=False),
                name="roundup_live_has_publication_time",
            ),
            models.CheckConstraint(
                condition=plausible_range("published_at", times=True),
                name="roundup_publication_time_plausible",
            ),
            models.CheckConstraint(
                condition=plausible_range("unpublish_at", times=True),
                name="roundup_take_down_time_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"No. {self.number}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("stories:roundup_detail", kwargs={"slug": self.slug})

    def derive_fields(self) -> None:
        if not self.slug:
            self.slug = slugify(f"{self.number} {self.title}")[:255]

    def workflow_stories(self) -> list[Story]:
        """The lead story, then the items' stories in order: what is reviewed with the issue."""
        stories = [item.story for item in self.items.select_related("story")]
        if self.lead_story_id and self.lead_story_id not in {story.pk for story in stories}:
            stories.insert(0, self.lead_story)
        return stories

    def items_saved_in(self, revision) -> list[dict]:
        """This round-up's items as a revision saved them, in order: story, position, blurb."""
        content_type = ContentType.objects.get_for_model(RoundUpItem)
        items = [
            version.field_dict
            for version in revision.version_set.filter(content_type=content_type)
            if version.field_dict.get("roundup_id") == self.pk
        ]
        items.sort(key=lambda item: (item["position"], item["id"]))
        return [
            {"story": item["story_id"], "position": item["position"], "blurb": item["blurb"]}
            for item in items
        ]

    def item_values(self) -> list[dict]:
        return [
            {"story": item.story_id, "position": item.position, "blurb": item.blurb}
            for item in self.items.all()
        ]

    def replace_items(self, items: list[dict], notes: list[str]) -> bool:
        """Make the items these (story, position, blurb); return whether anything changed.

        Items whose story no longer exists are left out with a note. A changed blurb is text
        shown with its story: it voids that story's identity-protection confirmation.
        """
        current = {item["story"]: item for item in self.item_values()}
        existing = set(
            Story._base_manager.filter(pk__in=[i["story"] for i in items]).values_list(
                "pk", flat=True
            )
        )
        kept = [item for item in items if item["story"] in existing]
        if len(kept) < len(items):
            notes.append("Items whose story was deleted since were left out.")
        if [(i["story"], i["position"], i["blurb"]) for i in kept] == [
            (i["story"], i["position"], i["blurb"]) for i in current.values()
        ]:
            return False
        self.items.all().delete()
        for item in kept:
            RoundUpItem.objects.create(
                roundup=self,
                **{"story_id": item["story"], "position": item["position"], "blurb": item["blurb"]},
            )
            before = current.get(item["story"])
            if item["blurb"] and (before is None or before["blurb"] != item["blurb"]):
                Story._base_manager.get(pk=item["story"]).withdraw_identity_confirmation()
        return True

    def check_ready(self) -> None:
        self._check_stories(self.workflow_stories())

    def check_stories_ready(self, values: dict) -> None:
        """Raise unless every story a revision's content lists is approved or published."""
        self._check_stories(self._stories_of(values))

    def _stories_of(self, values: dict) -> list[Story]:
        """The lead story and the items' stories a revision's content names, in order."""
        pks = [item["story"] for item in values.get("items", [])]
        lead = values.get("lead_story", self.lead_story_id)
        if lead is not None:
            pks.insert(0, getattr(lead, "pk", lead))
        stories = Story._base_manager.in_bulk(pks)
        return [stories[pk] for pk in dict.fromkeys(pks) if pk in stories]

    def _check_stories(self, stories) -> None:
        pending = [s for s in stories if s.status not in READY_STATUSES]
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
