"""Vocabularies: themes (a two-level list) and places (the UN M49 tree and groupings)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils.text import slugify


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
    keywords = models.TextField(
        blank=True,
        help_text=(
            "Words and phrases that suggest this theme when a digest is imported, one per line "
            "(the theme's name counts too). Plurals and -ing/-ed forms match: “orphanage” "
            "finds “orphanages”."
        ),
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

    @property
    def keyword_list(self) -> list[str]:
        return [line.strip() for line in self.keywords.splitlines() if line.strip()]


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
    """A place in the UN M49 hierarchy (world, region, sub-region, intermediate region, country)
    or a grouping of countries."""

    class Kind(models.TextChoices):
        WORLD = "world", "World"
        CONTINENT = "continent", "Region"
        SUBREGION = "subregion", "Sub-region"
        INTERMEDIATE = "intermediate", "Intermediate region"
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

    def clean(self):
        super().clean()
        if self.kind == self.Kind.GROUPING and self.pk and self.children.exists():
            raise ValidationError(
                {"kind": "Places lie within this one: move them before making it a grouping."}
            )
        if self.parent_id is None:
            return
        if self.kind == self.Kind.GROUPING:
            raise ValidationError(
                {"parent": "A grouping has members, not a parent: leave the parent empty."}
            )
        if self.parent.kind == self.Kind.GROUPING:
            raise ValidationError(
                {"parent": "A grouping cannot be a parent: choose a place in the M49 tree."}
            )
        stored = self._stored_path() if self.pk else ""
        if self.parent_id == self.pk or (stored and self.parent.path.startswith(stored)):
            raise ValidationError(
                {"parent": f"{self.parent} lies within {self.name}: it cannot be its parent."}
            )

    def _stored_path(self) -> str:
        return Region.objects.filter(pk=self.pk).values_list("path", flat=True).first() or ""

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        if self.kind == self.Kind.GROUPING:
            self.path = ""
        else:
            prefix = self.parent.path if self.parent_id else "/"
            self.path = f"{prefix}{self.m49_code}/"
        with transaction.atomic():
            old_path = self._stored_path() if self.pk is not None else ""
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                self._move_descendants(old_path)

    def _move_descendants(self, old_path: str) -> None:
        """Rewrite the paths below this place after its code or parent changed: the filters and
        counts find a subtree by its path prefix."""
        below = Region.objects.filter(path__startswith=old_path).exclude(pk=self.pk)
        below.update(path=Concat(Value(self.path), Substr("path", len(old_path) + 1)))

    @property
    def depth(self) -> int:
        """Levels below the world: 1 for a continent, 2 for a sub-region and so on."""
        return max(self.path.count("/") - 2, 0)

    def covered_regions(self) -> RegionQuerySet:
        return Region.objects.covered_by([self])
