from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from stories.filters import RoundUpFilter, StoryFilter
from stories.models import Region, RoundUp, Story, Topic


class PublishedMixin:
    """Readers see published items only; staff may preview anything with ?preview=1."""

    def is_preview(self) -> bool:
        return self.request.user.is_staff and "preview" in self.request.GET

    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(queryset, "published") and not self.is_preview():
            queryset = queryset.published()
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = context.get("object")
        context["is_preview"] = bool(
            obj is not None and hasattr(obj, "is_published") and not obj.is_published()
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("is_preview"):
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_roundup"] = RoundUp.objects.published().with_cards().first()
        context["latest_stories"] = Story.objects.published().with_cards()[:8]
        return context


class StoryListView(PublishedMixin, FilterView):
    model = Story
    filterset_class = StoryFilter
    paginate_by = 20
    template_name = "stories/story_list.html"

    def get_queryset(self):
        return super().get_queryset().with_cards()


class StoryDetailView(PublishedMixin, DetailView):
    model = Story

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["roundups"] = RoundUp.objects.published().featuring([self.object])
        return context


class RoundUpListView(PublishedMixin, FilterView):
    model = RoundUp
    filterset_class = RoundUpFilter
    paginate_by = 20
    template_name = "stories/roundup_list.html"

    def get_queryset(self):
        return super().get_queryset().with_cards()


class RoundUpDetailView(PublishedMixin, DetailView):
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = self.object.items.select_related("story").prefetch_related(
            "story__topics", "story__organizations"
        )
        if not context["is_preview"]:
            items = items.filter(story__in=Story.objects.published())
        context["items"] = items
        return context


class VocabularyDetailView(DetailView):
    """A topic or region page: its description and latest published stories and digests."""

    def stories(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stories = self.stories().published()
        context["stories"] = stories.with_cards()[:10]
        context["roundups"] = RoundUp.objects.published().featuring(stories)[:5]
        return context


class TopicDetailView(VocabularyDetailView):
    model = Topic

    def stories(self):
        return Story.objects.for_topics([self.object])


class RegionDetailView(VocabularyDetailView):
    model = Region

    def stories(self):
        return Story.objects.in_regions([self.object])


def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
