from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Case, Exists, OuterRef, Value, When
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import SimpleLazyObject, cached_property
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from newsroom.admin import second_factor_done
from stories import search
from stories.cache import content_version
from stories.counts import counts_for, counts_key, ranked_results
from stories.facets import all_options, facets_for, option_counts, panel_key
from stories.filters import FACETS, DeadlineFilter, RoundUpFilter, StoryFilter
from stories.images import RENDITION_WIDTHS, original, rendition
from stories.models import ChangeNote, Region, RoundUp, Story, Topic

# Deeper pages cost an ever larger OFFSET: past this, readers are asked to narrow the search.
MAX_PAGES = 100
RELATED_CACHE_SECONDS = 60 * 60
# A finder state with more filter values than this is not offered to search engines.
INDEXABLE_FILTER_VALUES = 2
# The schema.org type of a story page by the story's type. Analysis and reports have types of
# their own; a call for input or for funding is news of the call (schema.org's Grant describes
# the money itself, which the story only reports on). An event is an Event only with its date:
# without one it is news about the event (see StoryDetailView.json_ld).
SCHEMA_TYPES = {
    Story.Kind.NEWS: "NewsArticle",
    Story.Kind.ANALYSIS: "AnalysisNewsArticle",
    Story.Kind.REPORT: "Report",
    Story.Kind.CALL_FOR_INPUT: "NewsArticle",
    Story.Kind.FUNDING: "NewsArticle",
    Story.Kind.EVENT: "Event",
}
DEFAULT_DESCRIPTION = (
    "Weekly news and analysis on human trafficking: stories, digests, open calls for input."
)


def absolute(path: str) -> str:
    """An absolute URL on the public site (settings.SITE_URL, not the request's Host header)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


class PageMetaMixin:
    """The <title>, description, canonical URL and sharing tags every page carries."""

    meta_title = ""
    meta_description = ""

    def get_meta(self, context) -> dict:
        return {
            "title": self.meta_title,
            "description": self.meta_description or DEFAULT_DESCRIPTION,
            "canonical": absolute(self.request.path),
            "type": "website",
            "image": None,
            "noindex": False,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meta = self.get_meta(context)
        if meta["title"]:
            meta["full_title"] = f"{meta['title']} — {settings.SITE_NAME}"
        else:
            meta["full_title"] = settings.SITE_NAME
        context["meta"] = meta
        return context


class PublishedMixin:
    """Readers see published items only; staff may preview anything with ?preview=1, after the
    second sign-in step where the admin asks for it. With ?preview=1&proposed=1 they see a live
    item as its proposed changes would make it."""

    revision = None  # the pending revision shown, on a preview of proposed changes

    def is_preview(self) -> bool:
        user = self.request.user
        return user.is_staff and "preview" in self.request.GET and second_factor_done(user)

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_staff
            and "preview" in request.GET
            and not second_factor_done(request.user)
        ):
            query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('admin:two_factor')}?{query}")
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(queryset, "published") and not self.is_preview():
            queryset = queryset.published()
        return queryset

    def get_object(self, queryset=None):
        """With `proposed` as well, a live item's pending revision applied to it in memory."""
        obj = super().get_object(queryset)
        if self.is_preview() and "proposed" in self.request.GET:
            self.revision = obj.pending_revision() if obj.is_live() else None
            if self.revision is None:
                raise Http404("There are no proposed changes to this item any more.")
            obj = self.revision.applied_to(obj)
        return obj

    def change_notes_to_show(self, obj) -> list:
        """The item's updates and corrections; on a preview of proposed changes, with the one
        scheduled to be published with them."""
        notes = list(obj.change_notes.all())
        return notes if self.revision is None else self.revision.change_notes_shown_with(notes)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = context.get("object")
        context["is_proposed"] = self.revision is not None
        context["is_preview"] = bool(
            obj is not None
            and hasattr(obj, "is_published")
            and (not obj.is_published() or context["is_proposed"])
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("is_preview"):
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class HomeView(PageMetaMixin, TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_roundup"] = latest = (
            RoundUp.objects.published()
            .select_related("lead_story")
            .defer("lead_story__body", "lead_story__body_html", "lead_story__search_vector")
            .first()
        )
        lead = latest.lead_story if latest else None
        if lead is not None and lead.image and lead.is_published():
            context["lead_image"] = responsive_image(lead.image, lead.image_alt)
        context["latest_stories"] = Story.objects.published().without_bodies()[:8]
        context["deadlines"] = (
            Story.objects.published()
            .with_open_deadline()
            .without_bodies()
            .order_by("deadline", "pk")[:5]
        )
        return context


# --- Finders ------------------------------------------------------------------------------------


class CachedCountPaginator(Paginator):
    """Takes the count it is given (stories.counts), and lists at most MAX_PAGES pages."""

    def __init__(self, *args, count: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if count is not None:
            self.count = count  # fills the cached property

    def page(self, number):
        # A page holds what the query returns, not what the count says: counts from just
        # before a publication (stories.counts) must not cut the new story off the list.
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, MAX_PAGES)


class FinderView(PageMetaMixin, FilterView):
    """A faceted list: filters in the query string, facet counts, chips, canonical URLs."""

    paginate_by = 20
    paginator_class = CachedCountPaginator
    strict = False  # an invalid value is reported on the page and left out, not a blank list
    feed_name = ""
    heading = ""
    page_note = ""

    def get(self, request, *args, **kwargs):
        clean = self.without_empty_parameters()
        if clean is not None:
            return HttpResponsePermanentRedirect(request.path + (f"?{clean}" if clean else ""))
        return super().get(request, *args, **kwargs)

    def without_empty_parameters(self) -> str | None:
        """The query string without the empty fields (and the default sort) a submitted form
        sends, `?q=&from=&to=&topic=x` -> `?topic=x`; None when there are none to drop."""
        pairs = [(key, value) for key, values in self.request.GET.lists() for value in values]
        default_sort = "relevance" if self.request.GET.get("q", "").strip() else "newest"
        kept = [
            (key, value)
            for key, value in pairs
            if value.strip() and not (key == "sort" and value == default_sort)
        ]
        return urlencode(kept) if len(kept) < len(pairs) else None

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET  # always bound, so defaults and sorting apply
        return kwargs

    @cached_property
    def counts(self):
        """Result and facet counts of the state: one cache round trip a request."""
        return counts_for(self.filterset, results_only_meanwhile=True)

    @cached_property
    def facets_key(self) -> str:
        return panel_key(self.filterset, self.counts.version)

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(queryset, per_page, count=self.counts.count, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        if self.filterset.ranked and search.is_postgresql():
            queryset = ranked_results(self.filterset, self.get_queryset())
        paginator = self.get_paginator(queryset, page_size)
        raw = self.request.GET.get(self.page_kwarg) or "1"
        try:
            number = int(raw)
        except ValueError:
            raise Http404("Page numbers are whole numbers.") from None
        if number < 1 or number > MAX_PAGES:
            raise Http404(f"Only the first {MAX_PAGES} pages are listed: narrow the search.")
        if number > paginator.num_pages:
            self.page_note = f"There is no page {number}: here is the last page."
            number = paginator.num_pages
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def state_url(self, params: list[tuple[str, str]], view: str | None = None) -> str:
        url = reverse(view or self.request.resolver_match.view_name)
        return f"{url}?{urlencode(params)}" if params else url

    def chips(self) -> list[dict]:
        params = self.filterset.normalised_params()
        return [
            {
                "label": label,
                "param": name,
                "remove_url": self.state_url([p for p in params if p != (name, value)]),
            }
            for name, value, label in self.filterset.active()
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        params = [p for p in filterset.normalised_params() if p[0] != "sort"]
        page = context["page_obj"]
        context.update(
            # Counted and labelled only when the panel is not in the cache already.
            facets=SimpleLazyObject(lambda: facets_for(filterset, self.counts)),
            facets_key=self.facets_key,
            chips=self.chips(),
            clear_url=reverse(self.request.resolver_match.view_name),
            page_note=self.page_note,
            ranked=filterset.ranked,
            search_text=filterset.search_text,
            feed_url=self.state_url(params, f"stories:{self.feed_name}_feed"),
            atom_url=self.state_url(params, f"stories:{self.feed_name}_atom"),
            heading=self.heading,
            sort=filterset.chosen_sort,
            sort_options=sort_options(filterset),
            # stories:story_list -> stories:story_options, the full list of a facet's options.
            options_view=self.request.resolver_match.view_name.replace("_list", "_options"),
            options_query=urlencode(params),
        )
        context["pagination_label"] = f"{self.heading} pages"
        context["result_count"] = page.paginator.count if page else 0
        context["result_estimated"] = self.counts.estimated
        context["facets_pending"] = self.counts.pending
        context["rank_limit"] = search.RANK_LIMIT
        return context

    def title_labels(self) -> list[str]:
        return [label for _, _, label in self.filterset.active()]

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        version = content_version()
        if self.counts.pending or self.counts.version != version:
            # Counts from before a change, or none yet, while they are counted: browsers and
            # shared caches must ask again; the page cache serves it only until they are made.
            patch_cache_control(response, no_cache=True)
            response.page_cached_until = counts_key(self.filterset, version)
        return response

    def get_meta(self, context) -> dict:
        meta = super().get_meta(context)
        filterset, page = self.filterset, context["page_obj"]
        params = [p for p in filterset.normalised_params() if p[0] != "sort"]
        labels = self.title_labels()
        title = self.heading + (": " + ", ".join(labels) if labels else "")
        if page and page.number > 1:
            title += f" — page {page.number}"
            params = [*params, ("page", str(page.number))]
        meta["title"] = title
        meta["canonical"] = absolute(self.state_url(params))
        meta["noindex"] = bool(
            len(params) > INDEXABLE_FILTER_VALUES
            or (page and page.number > 1)
            or filterset.search_text
            or filterset.form.errors
            or "sort" in dict(filterset.normalised_params())
        )
        if labels:
            meta["description"] = f"{self.heading} on {', '.join(labels)}, newest first."
        return meta


def sort_options(filterset) -> list[tuple[str, str, bool]]:
    """(value, label, selected) for the sort menu. The order the reader gets without choosing
    (relevance with search words, else newest) is sent as no value, so that typing words into
    a list sorted newest first and pressing Search ranks them; the menu names the real order."""
    default = "relevance" if filterset.search_text else "newest"
    labels = {"newest": "Newest first", "relevance": "Most relevant first"}
    if not filterset.search_text:
        labels = {"newest": "Newest first (most relevant first when searching)",
                  "relevance": "Most relevant first (when searching)"}  # fmt: skip
    orders = [default, "newest" if default == "relevance" else "relevance"]
    return [
        ("" if order == default else order, labels[order], order == filterset.chosen_sort)
        for order in orders
    ]


class StoryListView(FinderView):
    model = Story
    filterset_class = StoryFilter
    template_name = "stories/story_list.html"
    feed_name = "story"
    heading = "Stories"
    meta_description = "Every story we have published, to filter by theme, place and organization."

    def get_queryset(self):
        return Story.objects.published().without_bodies()


class RoundUpListView(FinderView):
    model = RoundUp
    filterset_class = RoundUpFilter
    template_name = "stories/roundup_list.html"
    feed_name = "roundup"
    heading = "Digests"
    meta_description = "Every weekly digest, to filter by what its stories are about."

    def get_queryset(self):
        return RoundUp.objects.published()


class DeadlineListView(FinderView):
    """Calls for input, funding and events with a deadline: a finder, open calls by default."""

    model = Story
    filterset_class = DeadlineFilter
    template_name = "stories/deadline_list.html"
    feed_name = "story"

    @property
    def heading(self) -> str:
        return "Closed calls" if self.filterset.show_closed else "Open calls"

    @property
    def meta_description(self) -> str:
        if self.filterset.show_closed:
            return "Calls for input, consultations and applications that have closed, latest first."
        return "Calls for input, consultations and applications still open, soonest first."

    def get_queryset(self):
        return Story.objects.published().without_bodies()

    def title_labels(self) -> list[str]:
        # The heading already says "Closed calls".
        return [label for name, _, label in self.filterset.active() if name != "closed"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = [p for p in self.filterset.normalised_params() if p[0] != "closed"]
        # Feeds list the latest stories: of the open calls, whatever this page shows.
        feed_params = sorted([*[p for p in params if p[0] != "q"], ("open", "1")])
        context.update(
            feed_url=self.state_url(feed_params, "stories:story_feed"),
            atom_url=self.state_url(feed_params, "stories:story_atom"),
            ics_url=self.state_url(params, "stories:deadline_calendar"),
            open_url=self.state_url(params),
            closed_url=self.state_url(sorted([*params, ("closed", "1")])),
            show_closed=self.filterset.show_closed,
        )
        return context


class CorrectionListView(PageMetaMixin, ListView):
    """Every correction of a published story or digest, newest first: what we got wrong,
    said openly."""

    template_name = "stories/correction_list.html"
    paginate_by = 50
    meta_title = "Corrections"
    meta_description = "Corrections of our published stories, newest first, with what was wrong."

    def get_queryset(self):
        return (
            ChangeNote.objects.corrections().on_published_items().prefetch_related("content_object")
        )


# --- Detail pages -------------------------------------------------------------------------------


def responsive_image(image_field, alt: str = "") -> dict | None:
    """Renditions for srcset, the largest for src and sharing; None when there is no image."""
    if not image_field:
        return None
    renditions = [r for r in (rendition(image_field, w) for w in RENDITION_WIDTHS) if r]
    # Renditions never upscale: drop the repeats of the original's own width.
    unique = {r["width"]: r for r in renditions}
    renditions = [unique[width] for width in sorted(unique)]
    if not renditions:
        # Not made yet (the task queue is on it): the image as stored, without a srcset.
        largest = original(image_field)
        if largest is None:
            return None
        renditions = [largest]
    largest = renditions[-1]
    return {
        "src": largest["url"],
        "srcset": ", ".join(f"{r['url']} {r['width']}w" for r in renditions),
        "width": largest["width"],
        "height": largest["height"],
        "alt": alt,
    }


class StoryDetailView(PageMetaMixin, PublishedMixin, DetailView):
    model = Story
    related_count = 4
    related_candidates = 200

    def get_queryset(self):
        return super().get_queryset().prefetch_related("topics", "regions", "organizations", "tags")

    def related(self) -> list[Story]:
        """Published stories sharing themes, organizations or places, closest first.

        Which ones is worked out once per content version for a published story (a few hundred
        candidates ranked in SQL), and the stories then fetched by key.
        """
        if not self.object.is_published() or self.revision is not None:
            return list(self.closest_stories())
        key = f"related:{content_version()}:{self.object.pk}"
        pks = cache.get(key)
        if pks is None:
            pks = list(self.closest_stories().values_list("pk", flat=True))
            cache.set(key, pks, RELATED_CACHE_SECONDS)
        stories = Story.objects.published().without_bodies().in_bulk(pks)
        return [stories[pk] for pk in pks if pk in stories]

    def closest_stories(self):
        story = self.object
        links = {
            "topics": [t.pk for t in story.topics.all()],
            "organizations": [o.pk for o in story.organizations.all()],
            "regions": [r.pk for r in story.regions.all()],
        }
        shared = {
            field: getattr(Story, field).through.objects.filter(**{f"{field[:-1]}_id__in": pks})
            for field, pks in links.items()
            if pks
        }
        # Rank only the latest stories sharing each kind of link: a broad theme is shared by
        # a fifth of the archive, and ranking all of those grew with the archive.
        candidates = set()
        for through in shared.values():
            recent = through.order_by("-story_id").values_list("story_id", flat=True)
            candidates.update(recent[: self.related_candidates])
        candidates.discard(story.pk)
        if not candidates:
            return Story.objects.none()
        score = Value(0)
        for field, weight in (("topics", 2), ("organizations", 2), ("regions", 1)):
            if field in shared:
                # Correlated per candidate: a few index lookups each, whatever the archive size.
                sharing = Exists(shared[field].filter(story_id=OuterRef("pk")))
                score = score + Case(When(sharing, then=Value(weight)), default=Value(0))
        return (
            Story.objects.published()
            .filter(pk__in=candidates)
            .annotate(score=score)
            .order_by("-score", "-published_at", "-pk")
            .without_bodies()[: self.related_count]
        )

    def get_context_data(self, **kwargs):
        story = self.object
        self.image = responsive_image(story.image, story.image_alt)
        context = super().get_context_data(**kwargs)
        context["roundups"] = RoundUp.objects.published().featuring([story]).order_by("number")
        context["related"] = self.related()
        context["image"] = self.image
        context["change_notes"] = self.change_notes = self.change_notes_to_show(story)
        context["json_ld"] = self.json_ld()
        context.update(self.theme_feed())
        return context

    def theme_feed(self) -> dict:
        """The feeds a reader of this story would follow: its first theme's, else all stories'."""
        from stories.feeds import StoryFeed  # the feeds build on this module

        topic = next(iter(self.object.topics.all()), None)
        rss, atom = reverse("stories:story_feed"), reverse("stories:story_atom")
        # As the feed titles itself (FinderFeed.title).
        title = f"{settings.SITE_NAME} — {StoryFeed.heading}"
        if topic is None:
            return {"feed_url": rss, "atom_url": atom, "feed_title": title}
        query = urlencode({"topic": topic.slug})
        return {
            "feed_url": f"{rss}?{query}",
            "atom_url": f"{atom}?{query}",
            "feed_title": f"{title}: {topic.name}",
        }

    def get_meta(self, context) -> dict:
        meta = super().get_meta(context)
        meta.update(
            title=self.object.title,
            description=self.object.summary,
            type="article",
            image=absolute(self.image["src"]) if self.image else None,
            image_alt=self.object.image_alt,
            noindex=context.get("is_preview", False),
        )
        return meta

    def json_ld(self) -> dict:
        story = self.object
        schema_type = SCHEMA_TYPES.get(story.kind, "NewsArticle")
        if schema_type == "Event":
            if story.event_date is not None:
                return self.event_json_ld()
            schema_type = "NewsArticle"  # no date to give: an article about the event
        data = {
            "@context": "https://schema.org",
            "@type": schema_type,
            "headline": story.title[:110],
            "description": story.summary,
            "url": absolute(story.get_absolute_url()),
            "mainEntityOfPage": absolute(story.get_absolute_url()),
            "datePublished": story.published_at.isoformat() if story.published_at else None,
            "dateModified": (story.revised_at or story.published_at).isoformat()
            if story.published_at
            else None,
            "publisher": {
                "@type": "Organization",
                "name": settings.SITE_NAME,
                "url": settings.SITE_URL,
            },  # fmt: skip
            "author": {"@type": "Organization", "name": settings.SITE_NAME},
            "about": [topic.name for topic in story.topics.all()],
            "keywords": [tag.name for tag in story.tags.all()],
            "contentLocation": [
                {"@type": "Place", "name": region.name} for region in story.regions.all()
            ],
        }
        if self.image:
            data["image"] = [absolute(self.image["src"])]
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": note.note,
                "datePublished": note.published_at.isoformat(),
            }
            for note in self.change_notes
            if note.is_correction()
        ]
        return {key: value for key, value in data.items() if value not in (None, [], "")}

    def event_json_ld(self) -> dict:
        """An event story as a schema.org Event on the day it gives (an all-day date), where
        its places are."""
        story = self.object
        url = absolute(story.get_absolute_url())
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": story.title,
            "description": story.summary,
            "url": url,
            "mainEntityOfPage": url,
            "startDate": story.event_date.isoformat(),
            "location": [{"@type": "Place", "name": region.name} for region in story.regions.all()],
            "about": [topic.name for topic in story.topics.all()],
            "keywords": [tag.name for tag in story.tags.all()],
            "image": [absolute(self.image["src"])] if self.image else None,
        }
        return {key: value for key, value in data.items() if value not in (None, [], "")}


class RoundUpDetailView(PageMetaMixin, PublishedMixin, DetailView):
    model = RoundUp

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("lead_story")
            .prefetch_related(
                "lead_story__topics", "lead_story__regions", "lead_story__organizations"
            )
        )

    def get_object(self, queryset=None):
        roundup = super().get_object(queryset)
        lead = roundup.lead_story
        if lead is not None and not self.is_preview() and not lead.is_published():
            roundup.lead_story = None  # an unpublished lead is not shown to readers
        return roundup

    def get_context_data(self, **kwargs):
        lead = self.object.lead_story
        # Before the page's meta tags are built from it.
        kwargs["image"] = responsive_image(lead.image, lead.image_alt) if lead else None
        context = super().get_context_data(**kwargs)
        items = self.object.items.select_related("story").prefetch_related(
            "story__topics", "story__organizations"
        )
        if not context["is_preview"]:
            items = items.filter(story__in=Story.objects.published())
        if self.revision is not None and "items" in self.revision.content:
            items = self.revision.proposed_items()
        context["items"] = items = list(items)
        context["change_notes"] = self.change_notes_to_show(self.object)
        context["json_ld"] = self.json_ld(items, context.get("image"))
        return context

    def json_ld(self, items, image) -> dict:
        """The digest as a NewsArticle, and its lead and round-up stories as an ItemList."""
        roundup = self.object
        url = absolute(roundup.get_absolute_url())
        stories = [roundup.lead_story] if roundup.lead_story else []
        stories += [item.story for item in items]
        article = {
            "@type": "NewsArticle",
            "@id": f"{url}#digest",
            "headline": f"Digest no. {roundup.number}: {roundup.title}"[:110],
            "description": roundup.introduction[:300],
            "url": url,
            "mainEntityOfPage": url,
            "datePublished": roundup.published_at.isoformat() if roundup.published_at else None,
            "dateModified": roundup.updated_at.isoformat() if roundup.updated_at else None,
            "publisher": {"@type": "Organization", "name": settings.SITE_NAME,
                          "url": settings.SITE_URL},
            "author": {"@type": "Organization", "name": settings.SITE_NAME},
            "image": [absolute(image["src"])] if image else None,
        }  # fmt: skip
        item_list = {
            "@type": "ItemList",
            "@id": f"{url}#stories",
            "name": f"Stories in digest no. {roundup.number}",
            "numberOfItems": len(stories),
            "itemListOrder": "https://schema.org/ItemListOrderAscending",
            "itemListElement": [
                {"@type": "ListItem", "position": position, "name": story.title,
                 "url": absolute(story.get_absolute_url())}
                for position, story in enumerate(stories, start=1)
            ],
        }  # fmt: skip
        article = {key: value for key, value in article.items() if value not in (None, [], "")}
        return {"@context": "https://schema.org", "@graph": [article, item_list]}

    def get_meta(self, context) -> dict:
        meta = super().get_meta(context)
        roundup = self.object
        meta.update(
            title=f"Digest no. {roundup.number}: {roundup.title}",
            description=roundup.introduction[:300] or DEFAULT_DESCRIPTION,
            type="article",
            image=absolute(context["image"]["src"]) if context.get("image") else None,
            noindex=context.get("is_preview", False),
        )
        return meta


class VocabularyDetailView(PageMetaMixin, DetailView):
    """A topic, region or organization page: description, latest stories and digests."""

    filter_param = ""
    kind_label = ""
    story_count = 10

    def stories(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stories = self.stories().published()
        context["stories"] = latest = list(stories.without_bodies()[: self.story_count])
        # Fewer than a page are all there are: name them. From the query alone PostgreSQL
        # expects an organization's or a country's stories by the hundred and walks the digests
        # newest first to find them, every digest (~100 ms at 100k) when none features them.
        featured = latest if len(latest) < self.story_count else stories
        context["roundups"] = RoundUp.objects.published().featuring(featured)[:5]
        query = urlencode({self.filter_param: self.object.slug})
        context["finder_url"] = f"{reverse('stories:story_list')}?{query}"
        context["digest_finder_url"] = f"{reverse('stories:roundup_list')}?{query}"
        context["feed_url"] = f"{reverse('stories:story_feed')}?{query}"
        context["open_calls_url"] = f"{reverse('stories:story_list')}?{query}&open=1"
        return context

    def get_meta(self, context) -> dict:
        meta = super().get_meta(context)
        meta["title"] = f"{self.object.name} ({self.kind_label})"
        description = self.object.description or (
            f"Stories and digests on {self.object.name}, newest first."
        )
        meta["description"] = description[:300]
        return meta


class TopicDetailView(VocabularyDetailView):
    model = Topic
    filter_param = "topic"
    kind_label = "theme"

    def get_queryset(self):
        return Topic.objects.select_related("parent").prefetch_related("children")

    def stories(self):
        return Story.objects.for_topics([self.object])


class RegionDetailView(VocabularyDetailView):
    model = Region
    filter_param = "region"

    @property
    def kind_label(self) -> str:
        return self.object.get_kind_display().lower()

    def get_queryset(self):
        return Region.objects.select_related("parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = self.object
        if region.kind == Region.Kind.GROUPING:
            context["places"] = region.members.all()
            context["places_label"] = "Members"
        else:
            context["places"] = region.children.all()
            context["places_label"] = "Places within"
        return context

    def stories(self):
        return Story.objects.in_regions([self.object])


# --- Indexes and full facet lists ---------------------------------------------------------------


class VocabularyIndexView(PageMetaMixin, TemplateView):
    """Every theme, place or organization with its published stories, counted as the unfiltered
    finder counts them: one cached statement for all rows, never a query a row."""

    def story_counts(self, facet: str) -> dict[int, int]:
        return option_counts(StoryFilter(data={}))[facet]


class TopicIndexView(VocabularyIndexView):
    template_name = "stories/topic_list.html"
    meta_title = "Themes"
    meta_description = "Every theme we cover, with how many published stories each has."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = self.story_counts("topic")
        by_parent = defaultdict(list)
        for topic in Topic.objects.only("pk", "name", "slug", "parent_id", "description"):
            topic.story_count = counts.get(topic.pk, 0)
            by_parent[topic.parent_id].append(topic)
        for topic in by_parent[None]:
            topic.subtopics = by_parent.get(topic.pk, [])
        context["topics"] = by_parent[None]
        return context


class RegionIndexView(VocabularyIndexView):
    template_name = "stories/region_list.html"
    meta_title = "Places"
    meta_description = (
        "Every region, sub-region, country and grouping of countries, with how many published "
        "stories each has."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = self.story_counts("region")
        by_parent, groupings = defaultdict(list), []
        regions = Region.objects.only("pk", "name", "slug", "kind", "parent_id").order_by("name")
        for region in regions:
            region.story_count = counts.get(region.pk, 0)
            if region.kind == Region.Kind.GROUPING:
                groupings.append(region)
            else:
                by_parent[region.parent_id].append(region)
        for places in by_parent.values():
            for region in places:
                # Every area, and the countries with stories: the whole list of countries made a
                # page ten screens long. Areas before the countries beside them, each by name.
                region.places = sorted(
                    (
                        place
                        for place in by_parent.get(region.pk, [])
                        if place.story_count or place.kind != Region.Kind.COUNTRY
                    ),
                    key=lambda r: (r.kind == Region.Kind.COUNTRY, r.name),
                )
        world = by_parent[None]
        context["tree"] = [place for top in world for place in top.places]
        context["groupings"] = groupings
        return context


class FacetOptionsView(PageMetaMixin, TemplateView):
    """Every option of one finder facet that has results, in the finder's current state: where
    the panel's "more" link leads, and what its filter-as-you-type box reads."""

    template_name = "stories/facet_options.html"
    filterset_class = StoryFilter
    finder = "stories:story_list"
    heading = "Stories"

    def get(self, request, *args, **kwargs):
        if kwargs["facet"] not in FACETS:
            raise Http404("No such filter.")
        self.filterset = self.filterset_class(data=request.GET)
        return super().get(request, *args, **kwargs)

    def finder_url(self, params) -> str:
        url = reverse(self.finder)
        return f"{url}?{urlencode(sorted(params))}" if params else url

    def get_context_data(self, **kwargs):
        facet, filterset = kwargs["facet"], self.filterset
        params = [p for p in filterset.normalised_params() if p[0] != "sort"]
        groups = all_options(filterset, facet)
        for _, options in groups:
            for option in options:
                chosen = (facet, option.slug)
                option.url = self.finder_url(
                    [p for p in params if p != chosen] if option.selected else [*params, chosen]
                )
        # Before the page's meta tags are built from them.
        return super().get_context_data(
            groups=groups,
            facet_label=filterset.filters[facet].label,
            finder_url=self.finder_url(params),
            heading=self.heading,
            chips=[label for _, _, label in filterset.active()],
            **kwargs,
        )

    def get_meta(self, context) -> dict:
        meta = super().get_meta(context)
        selection = ", ".join(context["chips"])
        meta["title"] = f"{context['facet_label']} in {self.heading.lower()}" + (
            f": {selection}" if selection else ""
        )
        meta["description"] = (
            f"Every {context['facet_label'].lower()} with {self.heading.lower()}, "
            "and how many each has."
        )
        query = urlencode(self.filterset.normalised_params())
        meta["canonical"] = absolute(self.request.path + (f"?{query}" if query else ""))
        meta["noindex"] = True  # a way into the finder, not a page of its own
        return meta


class RoundUpFacetOptionsView(FacetOptionsView):
    filterset_class = RoundUpFilter
    finder = "stories:roundup_list"
    heading = "Digests"


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /preview/"]
    # A custom ADMIN_URL is meant to be hard to find: robots.txt must not publish it.
    if settings.ADMIN_URL == "admin/":
        lines.append(f"Disallow: {reverse('admin:index')}")
    lines += [
        "",
        f"Sitemap: {absolute(reverse('stories:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
