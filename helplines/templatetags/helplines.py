"""The "Get help" box: a place's help contacts, or the nearest ones above it."""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from helplines.models import Helpline
from stories.models import Region

register = template.Library()

# A story about many countries lists help for the first few, not a wall of boxes.
MAX_STORY_COUNTRIES = 3


@dataclass
class HelpBox:
    places: list[Region]
    contacts: list[Helpline]

    @property
    def source(self) -> Region:
        return self.contacts[0].region

    @property
    def fallback(self) -> bool:
        return all(
            contact.region_id != place.pk for place in self.places for contact in self.contacts
        )

    @property
    def places_label(self) -> str:
        names = [place.name for place in self.places]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    @property
    def slug(self) -> str:
        return self.places[0].slug


def boxes_for(places: list[Region]) -> list[HelpBox]:
    """One box per place, places whose readers get the same contacts sharing one."""
    boxes: dict[tuple[int, ...], HelpBox] = {}
    for place in places:
        contacts = Helpline.objects.for_region(place)
        if not contacts:
            continue
        key = tuple(contact.pk for contact in contacts)
        if key in boxes:
            boxes[key].places.append(place)
        else:
            boxes[key] = HelpBox([place], contacts)
    return list(boxes.values())


@register.inclusion_tag("helplines/help_box.html")
def help_box(region: Region):
    return {"boxes": boxes_for([region])}


@register.inclusion_tag("helplines/help_box.html")
def story_help_box(story):
    """Help for the countries a story is about (its places, as prefetched)."""
    countries = [r for r in story.regions.all() if r.kind == Region.Kind.COUNTRY]
    return {"boxes": boxes_for(countries[:MAX_STORY_COUNTRIES])}
