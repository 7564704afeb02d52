"""RSS 2.0 and Atom feeds of the latest stories and digests, and of any finder state.

A feed takes the finder's query string (`/feeds/stories/?topic=…&region=…`) and runs it through
the same FilterSet, so a reader who follows a filtered list gets exactly what the finder shows.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from newsroom.text import clean_feed_value
from stories.filters import RoundUpFilter, StoryFilter
from stories.models import ChangeNote, RoundUp, Story
from stories.views import absolute

ITEMS = 30


class CleanTextFeedMixin:
    """A feed generator that leaves out control characters, which XML cannot carry.

    Text is cleaned when it is saved; this covers anything stored before that rule, so one
    character in one story can never make the feed fail for every subscriber.
    """

    def __init__(self, *args, **kwargs):
        args = [clean_feed_value(value) for value in args]
        kwargs = {key: clean_feed_value(value) for key, value in kwargs.items()}
        super().__init__(*args, **kwargs)

    def add_item(self, *args, **kwargs):
        args = [clean_feed_value(value) for value in args]
        kwargs = {key: clean_feed_value(value) for key, value in kwargs.items()}
        super().add_item(*args, **kwargs)


class CleanRssFeed(CleanTextFeedMixin, Rss201rev2Feed):
    pass


class CleanAtomFeed(CleanTextFeedMixin, Atom1Feed):
    pass


class FinderFeed(Feed):
    feed_type = CleanRssFeed
    filterset_class = StoryFilter
    finder_view = ""
    heading = ""

    def get_object(self, request, *args, **kwargs):
        return self.filterset_class(data=request.GET, queryset=self.queryset())

    def queryset(self):
        raise NotImplementedError

    def items(self, filterset):
        # Newest first whatever the finder's sort: a feed reader wants the latest.
        return filterset.qs.order_by("-published_at", "-pk")[:ITEMS]

    def title(self, filterset):
        labels = [label for _, _, label in filterset.active()]
        suffix = f": {', '.join(labels)}" if labels else ""
        return f"{settings.SITE_NAME} — {self.heading}{suffix}"

    def link(self, filterset):
        query = filterset.normalised_query()
        return absolute(reverse(self.finder_view) + (f"?{query}" if query else ""))

    def feed_url(self, filterset):
        return absolute(self.request_path(filterset))

    def request_path(self, filterset):
        query = filterset.normalised_query()
        return reverse(self.url_name) + (f"?{query}" if query else "")

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_guid(self, item):
        return absolute(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


def latest_change_note(item) -> str:
    """The note of an item's latest update or correction, for subscribers who see it again."""
    if item.revised_at is None:  # no query for the many items never updated
        return ""
    note = item.change_notes.first()
    return f"<p>{escape(note.label)}: {escape(note.note)}</p>" if note else ""


class CorrectionFeed(Feed):
    """Every correction of a published story, newest first: the transparency page as a feed."""

    title = f"Corrections — {settings.SITE_NAME}"
    description = "Corrections of published stories, newest first."

    def link(self):
        return reverse("stories:correction_list")

    def items(self):
        return (
            ChangeNote.objects.corrections()
            .on_published_items()
            .prefetch_related("content_object")[:50]
        )

    def item_title(self, note):
        return f"Correction: {note.content_object.title}"

    def item_description(self, note):
        return escape(note.note)

    def item_link(self, note):
        return absolute(note.content_object.get_absolute_url())

    def item_guid(self, note):
        return absolute(f"{note.content_object.get_absolute_url()}#correction-{note.pk}")

    def item_pubdate(self, note):
        return note.published_at


class StoryFeed(FinderFeed):
    finder_view = "stories:story_list"
    url_name = "stories:story_feed"
    heading = "latest stories"
    description = "The latest stories on human trafficking and the fight against it."

    def queryset(self):
        return Story.objects.published().with_links()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers render the description as HTML: plain text must reach them escaped.
        return escape(item.summary) + latest_change_note(item)

    def item_author_name(self, item):
        return item.source_name or None

    def item_author_link(self, item):
        return item.source_url or None

    def item_categories(self, item):
        # The type first ("Call for input"), so a reader can sort entries by it.
        return [
            item.get_kind_display(),
            *(topic.name for topic in item.listed_topics),
            *(region.name for region in item.listed_regions),
        ]


class StoryAtomFeed(StoryFeed):
    feed_type = CleanAtomFeed
    url_name = "stories:story_atom"
    subtitle = StoryFeed.description


class RoundUpFeed(FinderFeed):
    filterset_class = RoundUpFilter
    finder_view = "stories:roundup_list"
    url_name = "stories:roundup_feed"
    heading = "digests"
    description = "Each weekly digest: a lead story and a round-up of noteworthy news."

    def queryset(self):
        return (
            RoundUp.objects.published()
            .select_related("lead_story")
            .prefetch_related("lead_story__topics")
        )

    def item_title(self, item):
        return f"No. {item.number}: {item.title}"

    def item_description(self, item):
        # Readers render the description as HTML: plain text must reach them escaped.
        return escape(item.introduction)

    def item_author_name(self, item):
        return settings.SITE_NAME

    def item_categories(self, item):
        lead = item.lead_story
        if lead is None or not lead.is_published():
            return []
        return [topic.name for topic in lead.topics.all()]


class RoundUpAtomFeed(RoundUpFeed):
    feed_type = CleanAtomFeed
    url_name = "stories:roundup_atom"
    subtitle = RoundUpFeed.description
