"""Finder filters for stories and round-ups: slugs and dates in the query string, combinable.

Every filter is an explicit method so that the facet counts (stories.facets) and the feeds can
apply the same filters, or all but one of them, to other querysets.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import F
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field

from organizations.models import Organization
from stories import search
from stories.models import Region, RoundUp, Story, StoryKind, Topic

FACETS = ("type", "topic", "region", "organization", "tag")
EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)
DATE_ERROR = "Enter the date as year-month-day, for example 2025-05-28."


def day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class FinderForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        for name in ("from", "to"):
            day = cleaned.get(name)
            if day is not None and not EARLIEST <= day <= LATEST:
                self.add_error(name, f"Choose a date between {EARLIEST.year} and {LATEST.year}.")
                cleaned.pop(name, None)
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", "The end date is before the start date.")
        return cleaned


NO_CONTROL_CHARACTERS = RegexValidator(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]",
    inverse_match=True,
    message="Search for words: this text holds control characters.",
    code="control_characters",
)


def date_filter(label: str, method: str) -> django_filters.DateFilter:
    return django_filters.DateFilter(
        label=label,
        method=method,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": DATE_ERROR},
    )


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class SlugsFilter(django_filters.ModelMultipleChoiceFilter):
    """Any of the things these slugs name; the API's schema says so (a list of slugs), where it
    could not tell from a filter that has a method of its own."""


@dataclass(frozen=True)
class KindOption:
    """A story type as the facets hold their other values: a slug, a name and a key to count by
    (the type's value, which is its slug)."""

    slug: str
    name: str

    @property
    def pk(self) -> str:
        return self.slug


KIND_OPTIONS = {kind.value: KindOption(kind.value, kind.plural) for kind in StoryKind}


class KindsField(forms.MultipleChoiceField):
    def clean(self, value):
        return [KIND_OPTIONS[slug] for slug in super().clean(value)]


@extend_schema_field({"type": "array", "items": {"type": "string", "enum": list(KIND_OPTIONS)}})
class KindsFilter(django_filters.MultipleChoiceFilter):
    """Any of these story types, by slug (`?type=report&type=event`)."""

    field_class = KindsField


class StoryFilter(django_filters.FilterSet):
    # Bounded: every word becomes a condition, and thousands of them exhaust the query builder.
    # No control characters: the search is echoed in feed titles, and XML cannot carry them.
    q = django_filters.CharFilter(
        label="Search",
        method="filter_search",
        max_length=200,
        validators=[NO_CONTROL_CHARACTERS],
    )
    type = KindsFilter(
        choices=StoryKind.choices,
        method="filter_type",
        label="Type",
        error_messages={"invalid_choice": "There is no story type “%(value)s”."},
    )
    topic = SlugsFilter(
        queryset=Topic.objects.all(), to_field_name="slug", method="filter_topic", label="Themes"
    )
    region = SlugsFilter(
        queryset=Region.objects.all(), to_field_name="slug", method="filter_region", label="Places"
    )
    organization = SlugsFilter(
        queryset=Organization.objects.approved(),
        to_field_name="slug",
        method="filter_organization",
        label="Organizations",
    )
    # Only tags of published stories: a draft's tag must not be named in a page or feed title.
    # A callable, so that "published" is read at each request, not once at start-up.
    tag = SlugsFilter(
        queryset=lambda request: Story.objects.published().used_tags(),
        to_field_name="slug",
        method="filter_tag",
        label="Tags",
    )
    # "from" is a Python keyword: the filter is declared through the class namespace.
    locals()["from"] = date_filter("Published from", "filter_from")
    to = date_filter("Published until", "filter_to")
    open = django_filters.BooleanFilter(
        label="Open calls only: deadline still ahead",
        method="filter_open",
        widget=forms.CheckboxInput,
    )
    sort = django_filters.ChoiceFilter(
        label="Sort",
        choices=[("newest", "Newest first"), ("relevance", "Most relevant first")],
        empty_label=None,
        method="filter_sort",
    )

    # Filters that narrow the stories themselves (round-ups match through their stories).
    # In the order the page's title names them: "Stories: Calls for input, Asia".
    story_filters = ("type", "q", "topic", "region", "organization", "tag", "from", "to", "open")
    # Whether the last filtered list came back in order of relevance.
    ranked = False
    # Names the finder in cache keys: two finders with the same query string differ.
    cache_name = "story"

    class Meta:
        model = Story
        fields = []
        form = FinderForm

    # --- Filter methods ---

    def filter_type(self, queryset, name, kinds):
        return queryset.of_kinds([kind.slug for kind in kinds]) if kinds else queryset

    def filter_topic(self, queryset, name, topics):
        return queryset.for_topics(topics) if topics else queryset

    def filter_region(self, queryset, name, regions):
        return queryset.in_regions(regions) if regions else queryset

    def filter_organization(self, queryset, name, organizations):
        return queryset.mentioning(organizations) if organizations else queryset

    def filter_tag(self, queryset, name, tags):
        return queryset.tagged([tag.slug for tag in tags]) if tags else queryset

    def filter_from(self, queryset, name, day):
        return queryset.filter(published_at__gte=day_start(day))

    def filter_to(self, queryset, name, day):
        return queryset.filter(published_at__lt=day_start(day + datetime.timedelta(days=1)))

    def filter_open(self, queryset, name, value):
        return queryset.with_open_deadline() if value else queryset

    def filter_search(self, queryset, name, text):
        # Applied last by filter_queryset, because ranking decides the order.
        return queryset

    def filter_sort(self, queryset, name, value):
        return queryset

    # --- Applying ---

    @property
    def data_is_valid(self) -> bool:
        return self.is_bound and self.form.is_valid()

    def cleaned(self) -> dict:
        self.errors  # noqa: B018 - validates the form
        return getattr(self.form, "cleaned_data", {})

    @property
    def search_text(self) -> str:
        return (self.cleaned().get("q") or "").strip()

    @property
    def chosen_sort(self) -> str:
        chosen = self.cleaned().get("sort")
        if chosen in ("newest", "relevance"):
            return chosen
        return "relevance" if self.search_text else "newest"

    def filter_queryset(self, queryset, exclude=(), for_counting: bool = False):
        """Apply the valid filters except those excluded; invalid values are left out."""
        for name, value in self.cleaned().items():
            if name in exclude or name in ("q", "sort"):
                continue
            queryset = self.filters[name].filter(queryset, value)
        if self.search_text and "q" not in exclude:
            queryset, ranked = search.search(
                queryset,
                self.search_text,
                by_relevance=not for_counting and self.chosen_sort == "relevance",
            )
            if for_counting:
                queryset = search.bounded(queryset)  # facet counts among the newest matches
            else:
                self.ranked = ranked
        return queryset

    # --- Describing the state ---

    def active(self) -> list[tuple[str, str, str]]:
        """(parameter, value, label) of every valid filter value, in a stable order."""
        cleaned, chips = self.cleaned(), []
        for name in self.story_filters:
            if name not in self.filters:
                continue
            value = cleaned.get(name)
            if name in FACETS:
                for obj in sorted(value or [], key=lambda o: o.slug):
                    chips.append((name, obj.slug, str(obj.name)))
            elif name in ("from", "to") and value:
                label = "From" if name == "from" else "Until"
                chips.append((name, value.isoformat(), f"{label} {value:%-d %B %Y}"))
            elif name == "open" and value:
                chips.append((name, "1", "Open calls"))
            elif name == "q" and self.search_text:
                chips.append((name, self.search_text, f"“{self.search_text}”"))
        return chips

    def normalised_params(self) -> list[tuple[str, str]]:
        """The state as sorted query parameters: one URL per state, for caches and canonicals."""
        params = sorted((name, value) for name, value, _ in self.active())
        default = "relevance" if self.search_text else "newest"
        if "sort" in self.filters and self.chosen_sort != default:
            params.append(("sort", self.chosen_sort))
        return params

    def normalised_query(self) -> str:
        return urlencode(self.normalised_params())


class RoundUpFilter(StoryFilter):
    """Round-ups match when one of their published stories matches all the story filters."""

    story_filters = ("type", "q", "topic", "region", "organization", "tag", "from", "to")
    round_up_filters = ("from", "to")
    # Not offered for round-ups: deadlines belong to stories, and relevance ranks stories.
    open = None
    sort = None
    cache_name = "roundup"

    class Meta:
        model = RoundUp
        fields = []
        form = FinderForm

    def filter_queryset(self, queryset, exclude=(), for_counting: bool = False):
        stories, narrowed = Story.objects.published(), False
        for name, value in self.cleaned().items():
            if name in exclude or name not in self.filters or name in ("q", "sort"):
                continue
            if name in self.round_up_filters:
                queryset = self.filters[name].filter(queryset, value)
            elif value:
                stories, narrowed = self.filters[name].filter(stories, value), True
        if self.search_text and "q" not in exclude:
            stories, _ = search.search(stories, self.search_text, by_relevance=False)
            narrowed = True
        return queryset.featuring(stories) if narrowed else queryset

    def story_queryset(self, exclude=()):
        """The published stories matching the story-level filters (for the digest facets)."""
        stories = Story.objects.published()
        for name, value in self.cleaned().items():
            if name in exclude or name in self.round_up_filters or name in ("q", "sort"):
                continue
            if name in self.filters and value:
                stories = self.filters[name].filter(stories, value)
        if self.search_text and "q" not in exclude:
            stories, _ = search.search(stories, self.search_text, by_relevance=False)
        return stories

    def round_up_queryset(self, queryset):
        """The round-ups matching the round-up-level filters (dates)."""
        for name in self.round_up_filters:
            value = self.cleaned().get(name)
            if value:
                queryset = self.filters[name].filter(queryset, value)
        return queryset


class DeadlineFilter(StoryFilter):
    """Calls with a deadline: open ones, soonest first, or with closed=1 the archive of closed
    ones, latest first. The same filters as the story finder, less dates and sorting."""

    story_filters = ("type", "q", "topic", "region", "organization", "tag", "closed")
    cache_name = "deadline"
    locals()["from"] = None
    to = None
    open = None
    sort = None
    closed = django_filters.BooleanFilter(
        label="Closed calls: the archive",
        method="filter_closed",
        widget=forms.CheckboxInput,
    )

    def filter_closed(self, queryset, name, value):
        return queryset  # filter_queryset picks open or closed calls first

    @property
    def show_closed(self) -> bool:
        return bool(self.cleaned().get("closed"))

    @property
    def chosen_sort(self) -> str:
        return "deadline"  # never by relevance: a call's place is its deadline

    def filter_queryset(self, queryset, exclude=(), for_counting: bool = False):
        if self.show_closed:
            queryset = queryset.with_closed_deadline()
            # A call with no time closes at the end of its day: after those that give one.
            order = ("-deadline", F("deadline_time").desc(nulls_first=True), "-pk")
        else:
            queryset = queryset.with_open_deadline()
            order = ("deadline", F("deadline_time").asc(nulls_last=True), "published_at", "pk")
        queryset = super().filter_queryset(queryset, exclude, for_counting)
        return queryset if for_counting else queryset.order_by(*order)

    def active(self) -> list[tuple[str, str, str]]:
        chips = super().active()
        if self.show_closed:
            chips.append(("closed", "1", "Closed calls"))
        return chips
