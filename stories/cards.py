"""Cards: the short form of a story or digest that lists show, rendered once per content version.

A story's card is the same on the home page, in the finders, on theme, place and organization
pages, under a related story and on the deadlines page, so its HTML is cached by item, content
version and day (a call's "open" mark changes at midnight). A list fetches all its cards in one
round trip to the cache, and only the cards it misses are rendered, with their themes and
places fetched for those alone. Search results are rendered every time: their snippets mark the
words searched for. So are items readers cannot see (staff previews): the version does not move
when a draft is edited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Model, prefetch_related_objects
from django.template.loader import get_template
from django.utils import timezone

from stories.cache import content_version
from stories.models import RoundUp, Story

CACHE_SECONDS = 60 * 60
# The template of each kind of card, and the links it shows besides the item's own fields.
TEMPLATES = {Story: "includes/story_card.html", RoundUp: "includes/roundup_card.html"}
LINKS = {Story: ("topics", "regions"), RoundUp: ()}


@dataclass(frozen=True)
class Card:
    """A rendered card and the item it shows (a list may show more of the item around it)."""

    item: Model
    html: str

    def __html__(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def render_cards(items: Iterable[Model], search_text: str = "") -> list[Card]:
    """The cards of the items, in order: from the cache where possible, rendered where not."""
    items = list(items)
    if not items:
        return []
    if search_text:
        return _render(items, search_text)
    prefix = f"card:{content_version()}:{timezone.localdate().isoformat()}"
    keys = {}
    for item in items:
        if item.is_published():
            keys[item] = f"{prefix}:{item._meta.label_lower}:{item.pk}"
    stored = cache.get_many(list(keys.values()))
    missing = [item for item in items if keys.get(item) not in stored]
    rendered = {card.item: card for card in _render(missing)} if missing else {}
    cache.set_many({keys[i]: card.html for i, card in rendered.items() if i in keys}, CACHE_SECONDS)
    return [rendered.get(item) or Card(item, stored[keys[item]]) for item in items]


def _render(items: list[Model], search_text: str = "") -> list[Card]:
    model = type(items[0])
    prefetch_related_objects(items, *LINKS[model])
    template = get_template(TEMPLATES[model])
    name = model._meta.model_name
    return [Card(item, template.render({name: item, "search_text": search_text})) for item in items]
