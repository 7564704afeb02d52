"""Round-ups: the weekly digest issues, a lead story and an ordered list of items."""

from __future__ import annotations

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from stories.models.stories import Story
from stories.models.workflow import READY_STATUSES, Publishable, PublishableQuerySet


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
