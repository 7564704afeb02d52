"""What an alert follows: a finder selection, read and matched with the finder's own FilterSet.

An alert contains exactly the stories the finder URL it was subscribed from shows, so matching
goes through `stories.filters.StoryFilter` and `Story.objects.published()`, never a copy of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict
from taggit.models import Tag

from organizations.models import Organization
from stories.filters import StoryFilter
from stories.models import Region, Story, Topic

# What a subscription keeps from the finder's query string: dates, sorting and pages say
# nothing about which new stories a reader wants.
FINDER_PARAMS = ("type", "q", "topic", "region", "organization", "tag", "open")
VOCABULARIES = {
    "topic": (Topic, "theme"),
    "region": (Region, "place"),
    "organization": (Organization, "organization"),
    "tag": (Tag, "tag"),
}


@dataclass
class Selection:
    params: list[tuple[str, str]] = field(default_factory=list)
    name: str = ""
    errors: list[str] = field(default_factory=list)
    asked: bool = False  # the query string named finder filters at all

    @property
    def query(self) -> str:
        return urlencode(self.params)


def finder_data(data) -> QueryDict:
    picked = QueryDict(mutable=True)
    for name in FINDER_PARAMS:
        values = [str(value)[:300] for value in data.getlist(name)[:20]]
        if values:
            picked.setlist(name, values)
    return picked


def selection_from(data) -> Selection:
    """The finder state in a query string, as a subscription stores and names it."""
    picked = finder_data(data)
    filterset = StoryFilter(data=picked, queryset=Story.objects.none())
    active = [(n, v, label) for n, v, label in filterset.active() if n in FINDER_PARAMS]
    errors = [str(message) for messages in filterset.form.errors.values() for message in messages]
    return Selection(
        params=sorted((name, value) for name, value, _ in active),
        name=", ".join(label for _, _, label in active) or "All stories",
        errors=errors,
        asked=bool(picked) or "alerts" in data,
    )


def filterset_for(query: str) -> tuple[StoryFilter | None, str]:
    """The finder's FilterSet for a stored query, without values deleted since.

    A theme, place, organization or tag that no longer exists is left out and the rest still
    applies; when none of a kind remains, the selection would widen, so (None, a reason) comes
    back instead and the subscription is to be retired.
    """
    data = QueryDict(query, mutable=True)
    for name, (model, label) in VOCABULARIES.items():
        values = data.getlist(name)
        if not values:
            continue
        existing = set(model.objects.filter(slug__in=values).values_list("slug", flat=True))
        kept = [value for value in values if value in existing]
        if not kept:
            return None, f"The {label} it followed no longer exists on the site."
        data.setlist(name, kept)
    return StoryFilter(data=data, queryset=Story.objects.none()), ""


def matching(query: str, stories=None):
    """The published stories (of `stories`, default all) that the finder shows for the query.

    Returns None when the selection no longer exists (see filterset_for).
    """
    filterset, _ = filterset_for(query)
    if filterset is None:
        return None
    base = (stories if stories is not None else Story.objects.all()).published()
    if filterset.form.errors:
        # A value that exists but is not offered now (a tag no published story carries): the
        # finder would drop it and show more; an alert shows nothing instead.
        return base.none()
    return filterset.filter_queryset(base, for_counting=True)
