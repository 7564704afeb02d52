"""Read-only endpoints: the finders' QuerySets and FilterSets, answered as JSON.

Each list is the finder's: `/api/v1/stories/?topic=forced-labour&region=asia` runs
stories.filters.StoryFilter over `Story.objects.published()` exactly as `/stories/?…` does, in the
same order. Where the finder leaves a bad value out and says so on the page, the API refuses the
request with a 400 naming the parameter (stories.api.errors): a client must never receive a
wider selection than it asked for without noticing.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse

from organizations.models import Organization
from stories import counts as finder_counts
from stories.api import exports, serializers
from stories.api.errors import ParameterError
from stories.api.pagination import KeysetCursorPagination
from stories.cache import content_version, content_version_and, content_version_keys
from stories.facets import counts_for, facets_for
from stories.filters import FACETS, DeadlineFilter, RoundUpFilter, StoryFilter
from stories.models import Region, RoundUp, RoundUpItem, Story, Topic
from stories.search import RANK_LIMIT, is_postgresql
from stories.views import absolute

# Parameters with several values (`?topic=a&topic=b`); any other given twice is refused.
MULTI_VALUED = {"type", "topic", "region", "organization", "tag"}
PAGINATION_PARAMETERS = {"cursor", "page_size"}
TRUE_VALUES, FALSE_VALUES = {"1", "true", "on"}, {"0", "false", "off", ""}
STORY_BODIES = ("body", "body_html")
EXPORTS = ("export",)


class FinderFilterBackend(DjangoFilterBackend):
    """The finder's FilterSet, refusing a value the finder would report and leave out."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise ParameterError(filterset.errors)
        view.filterset = filterset
        return filterset.qs


def _error_responses() -> dict:
    return {
        400: OpenApiResponse(OpenApiTypes.OBJECT, description="A parameter was refused."),
        401: OpenApiResponse(OpenApiTypes.OBJECT, description="The API key is unknown."),
        404: OpenApiResponse(OpenApiTypes.OBJECT, description="Nothing published is there."),
        429: OpenApiResponse(
            OpenApiTypes.OBJECT, description="Too many requests: see Retry-After."
        ),
    }


FIELDS_PARAMETER = OpenApiParameter(
    "fields",
    str,
    description="Comma-separated fields to answer with instead of the compact default.",
)
FACETS_PARAMETER = OpenApiParameter(
    "facets",
    str,
    description=("Comma-separated facets to count, as the finder does: " + ", ".join(FACETS) + "."),
)


def response_cache_key(request) -> str:
    address = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"api:{address}"


class PublicViewSet(viewsets.GenericViewSet):
    """What every endpoint shares: published items, strict parameters, slugs, cursors."""

    pagination_class = KeysetCursorPagination
    filter_backends = [FinderFilterBackend]
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    # (field, descending) pairs: the finder's order, for the cursor (stories.api.pagination).
    ordering: tuple[tuple[str, bool], ...] = ()
    offers_facets = False
    # Set by an answer whose facet counts are being made or are from before a change: such an
    # answer is not kept in the cache.
    provisional = False
    # The furthest an offset cursor may point (lists without a key to page by).
    max_offset = RANK_LIMIT
    filterset_class = None
    filterset = None
    # What the cache held under cache_keys(), fetched by the rate throttle in its round trip.
    fetched = None

    def cache_keys(self, request) -> list[str]:
        """The keys the answer is read from (see cached())."""
        return [] if self.action in EXPORTS else content_version_keys(response_cache_key(request))

    def perform_content_negotiation(self, request, force=False):
        # Always JSON: another `?format=` is refused below with a 400, not a 404.
        return super().perform_content_negotiation(request, force=True)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # throttling first
        self.check_parameters(request)

    # --- Parameters ---

    def accepted_parameters(self) -> set[str]:
        if self.action in EXPORTS:
            return set(self.filterset_class.base_filters)
        names = {"fields", "format"}
        if self.action == "list":
            names |= PAGINATION_PARAMETERS
            if self.filterset_class is not None:
                names |= set(self.filterset_class.base_filters)
            if self.offers_facets:
                names.add("facets")
        return names

    def check_parameters(self, request) -> None:
        accepted, errors = self.accepted_parameters(), {}
        for name, values in request.query_params.lists():
            shown = name[:60]
            if name not in accepted:
                errors[shown] = (
                    f"Unknown parameter. This endpoint accepts: {', '.join(sorted(accepted))}."
                )
            elif len(values) > 1 and name not in MULTI_VALUED:
                errors[shown] = "Give this parameter once."
            elif name == "format" and values[0] != "json":
                errors[name] = "Only JSON is served here: format=json."
            elif name == "open" and values[0].lower() not in TRUE_VALUES | FALSE_VALUES:
                errors[name] = "Give open=1 for open calls only, or leave it out."
        # Every refusal at once, so that a client can mend its request in one go.
        for check in (self.chosen_fields, self.chosen_facets, self.chosen_page_size):
            try:
                check()
            except ParameterError as error:
                errors.update({name: msgs for name, msgs in error.detail.items()})
        if errors:
            raise ParameterError(errors)

    def chosen_page_size(self) -> int | None:
        if self.action != "list" or self.paginator is None:
            return None
        return self.paginator.get_page_size(self.request)

    def _names(self, parameter: str, choices) -> tuple[str, ...]:
        raw = self.request.query_params.get(parameter)
        if raw is None:
            return ()
        names = tuple(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
        unknown = [name for name in names if name not in choices]
        if unknown or not names:
            named = ", ".join(f"“{name[:40]}”" for name in unknown[:5]) or "none"
            raise ParameterError(
                {parameter: f"Unknown: {named}. Choose from: {', '.join(choices)}."}
            )
        return names

    def chosen_fields(self) -> tuple[str, ...]:
        if self.action in EXPORTS:
            return self.export_fields
        serializer_class = self.get_serializer_class()
        chosen = self._names("fields", serializer_class.field_names())
        return chosen or serializer_class.default_fields

    def chosen_facets(self) -> tuple[str, ...]:
        return self._names("facets", FACETS) if self.offers_facets else ()

    # --- Querying ---

    def filter_queryset(self, queryset):
        if self.action == "retrieve":
            return queryset  # a detail address is a slug, not a selection
        return super().filter_queryset(queryset)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["fields"] = self.chosen_fields()
        return context

    def pagination_kind(self) -> str:
        return f"{self.basename}:{'keyset' if self.pagination_ordering() else 'offset'}"

    def pagination_ordering(self):
        return None if self.is_ranked() else self.ordering

    def is_ranked(self) -> bool:
        return bool(self.filterset is not None and self.filterset.ranked)

    # --- Answering ---

    def answer_list(self) -> HttpResponse:
        return self.cached(self.list_data)

    def answer_detail(self) -> HttpResponse:
        return self.cached(lambda: self.get_serializer(self.get_object()).data)

    def list_data(self) -> dict:
        queryset = self.filter_queryset(self.get_queryset())
        if self.is_ranked() and is_postgresql():
            queryset = finder_counts.ranked_results(self.filterset, self.get_queryset())
        page = self.paginate_queryset(queryset)
        data = self.get_serializer(page, many=True).data
        extra = {}
        if self.chosen_facets():
            extra["facets"], extra["facets_pending"] = self.facets(self.chosen_facets())
        return self.paginator.get_paginated_response(data, **extra).data

    def stream(self, export_format: str) -> StreamingHttpResponse:
        """The whole selection, streamed, in the list's order (see stories.api.exports)."""
        queryset = self.filter_queryset(self.get_queryset())
        if self.pagination_ordering() is not None:
            if self.filterset is not None and self.filterset.search_text:
                # Without the search snippets the finder computes for the rows it shows.
                queryset = self.get_queryset().filter(pk__in=queryset.order_by().values("pk"))
            queryset = queryset.order_by(*[("-" if d else "") + f for f, d in self.ordering])
        params = self.filterset.normalised_params() if self.filterset is not None else []
        finder = self.finder_view + (f"?{urlencode(params)}" if params else "")
        return exports.export_response(
            queryset.iterator(chunk_size=exports.CHUNK_SIZE),
            self.export_columns,
            export_format=export_format,
            name=self.export_name,
            finder=finder,
            prepare=self.prepare_export_chunk,
        )

    def cached(self, compute) -> HttpResponse:
        """The JSON answer for this address under the content version, computed once.

        After throttling and the parameter checks (DRF's initial()), so every request counts
        and a refusal is never stored. Shared caches may keep it API_MAX_AGE seconds; the ETag
        (and ConditionalGetMiddleware) answers a revalidation with a 304.
        """
        key = response_cache_key(self.request)
        version, stored = content_version_and(key, self.fetched)
        # Stored with the version and the day it was made from (a call's deadline passes at
        # midnight): the answer and the current version come back in one round trip.
        made_from = (version, timezone.localdate().isoformat())
        provisional = False
        if stored is None or stored[:2] != made_from:
            content = JSONRenderer().render(compute())
            etag = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
            stored = (*made_from, etag, content)
            provisional = self.provisional
            if settings.API_CACHE_SECONDS > 0 and not provisional:
                cache.set(key, stored, settings.API_CACHE_SECONDS)
        _, _, etag, content = stored
        response = HttpResponse(content, content_type="application/json")
        response["ETag"] = etag
        if provisional:
            patch_cache_control(response, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=settings.API_MAX_AGE)
        return response

    def facets(self, names: tuple[str, ...]) -> tuple[dict, bool]:
        """The finder's facet panel as data: the same options, counts and selection; and whether
        the counts are still being made (then every count is null, as the finder shows none)."""
        counts = finder_counts.counts_for(self.filterset, results_only_meanwhile=True)
        self.provisional = counts.pending or counts.version != content_version()
        answer = {}
        for facet in facets_for(self.filterset, counts):
            if facet.name not in names:
                continue
            answer[facet.name] = {
                "label": str(facet.label),
                "options": [
                    {
                        "slug": option.slug,
                        "name": option.name,
                        "count": option.count,
                        "selected": option.selected,
                        "group": group,
                    }
                    for group, options in facet.groups
                    for option in options
                ],
                "more": facet.hidden,
            }
        return answer, counts.pending


class ListMixin:
    def list(self, request, *args, **kwargs):
        return self.answer_list()


class DetailMixin:
    def retrieve(self, request, *args, **kwargs):
        return self.answer_detail()


class ExportMixin:
    """`export.csv` and `export.jsonl` beside the list: the whole selection, streamed."""

    export_fields = ()  # links are read a chunk at a time (prepare_export_chunk), not prefetched

    @staticmethod
    def prepare_export_chunk(chunk: list) -> None:
        """Read what the export's columns need beside a chunk of rows (nothing by default)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("export_format", str, OpenApiParameter.PATH, enum=["csv", "jsonl"])
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="Two lines starting with #, then the CSV."
            ),
            (200, "application/jsonl"): OpenApiResponse(
                OpenApiTypes.STR, description="A citation object, then one object a line."
            ),
            **{code: r for code, r in _error_responses().items() if code != 404},
        },
    )
    def export(self, request, export_format: str):
        return self.stream(export_format)


def story_queryset(fields: tuple[str, ...]):
    """Published stories with what the chosen fields show, and without what they do not."""
    deferred = [name for name in STORY_BODIES if name not in fields]
    queryset = Story.objects.published().defer("search_vector", *deferred)
    # Into lists (to_attr): filling each story's related manager instead builds a queryset per
    # story and relation, which cost more than the queries themselves.
    links = {
        "topics": Topic.objects.all(),
        "regions": Region.objects.all(),
        "organizations": Organization.objects.approved(),
        "tags": None,
    }
    related = [
        Prefetch(name, queryset=queryset, to_attr=f"listed_{name}")
        for name, queryset in links.items()
        if name in fields
    ]
    if "digests" in fields:
        public = RoundUp.objects.published().defer("introduction")
        related += [
            Prefetch("led_roundups", queryset=public, to_attr="public_led_digests"),
            Prefetch("roundups", queryset=public, to_attr="public_listed_digests"),
        ]
    return queryset.prefetch_related(*related)


class StoryViewSet(ListMixin, DetailMixin, ExportMixin, PublicViewSet):
    """Published stories, filtered and ordered as the story finder (/stories/) lists them."""

    serializer_class = serializers.StorySerializer
    filterset_class = StoryFilter
    ordering = (("published_at", True), ("pk", True))
    offers_facets = True
    export_columns = exports.STORY_COLUMNS
    prepare_export_chunk = staticmethod(exports.attach_story_links)
    finder_view, export_name = "stories:story_list", "stories"

    def get_queryset(self):
        return story_queryset(self.chosen_fields())

    @extend_schema(
        parameters=[FIELDS_PARAMETER, FACETS_PARAMETER],
        responses={200: serializers.StorySerializer(many=True), **_error_responses()},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: serializers.StorySerializer, **_error_responses()})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class DigestViewSet(ListMixin, DetailMixin, ExportMixin, PublicViewSet):
    """Published digests, filtered and ordered as the digest finder (/digests/) lists them."""

    serializer_class = serializers.DigestSerializer
    filterset_class = RoundUpFilter
    ordering = (("published_at", True), ("number", True))
    offers_facets = True
    export_columns = exports.DIGEST_COLUMNS
    finder_view, export_name = "stories:roundup_list", "digests"

    def get_queryset(self):
        public_items = (
            RoundUpItem.objects.filter(story__in=Story.objects.published())
            .select_related("story")
            .defer("story__body", "story__body_html", "story__search_vector")
        )
        return (
            RoundUp.objects.published()
            .select_related("lead_story")
            .defer("lead_story__body", "lead_story__body_html", "lead_story__search_vector")
            .prefetch_related(Prefetch("items", queryset=public_items, to_attr="public_items"))
        )

    @extend_schema(
        parameters=[FIELDS_PARAMETER, FACETS_PARAMETER],
        responses={200: serializers.DigestSerializer(many=True), **_error_responses()},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[FIELDS_PARAMETER],
        responses={200: serializers.DigestSerializer, **_error_responses()},
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class DeadlineViewSet(ListMixin, ExportMixin, PublicViewSet):
    """Calls with a deadline as /deadlines/ lists them: open ones soonest first, or with
    closed=1 the archive, latest first. The FilterSet orders them (by deadline and time of day),
    so the cursor is a position in that order."""

    serializer_class = serializers.StorySerializer
    filterset_class = DeadlineFilter
    offers_facets = True
    max_offset = 1_000_000
    export_columns = exports.STORY_COLUMNS
    prepare_export_chunk = staticmethod(exports.attach_story_links)
    finder_view, export_name = "stories:deadline_list", "deadlines"

    def get_queryset(self):
        return story_queryset(self.chosen_fields())

    def pagination_ordering(self):
        return None

    @extend_schema(
        parameters=[FIELDS_PARAMETER, FACETS_PARAMETER],
        responses={200: serializers.StorySerializer(many=True), **_error_responses()},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class VocabularyViewSet(ListMixin, DetailMixin, PublicViewSet):
    """Themes, places or organizations by name, with their published stories counted."""

    filter_backends = []
    ordering = (("name", False), ("pk", False))
    facet = ""

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if "story_count" in context["fields"]:
            # The unfiltered finder's facet counts: subtrees and groupings included.
            context["story_counts"] = counts_for(StoryFilter(data={}))[self.facet]
        return context


class TopicViewSet(VocabularyViewSet):
    """Themes (two levels: a theme and its sub-themes)."""

    serializer_class = serializers.TopicSerializer
    queryset = Topic.objects.select_related("parent").prefetch_related("children")
    facet = "topic"

    @extend_schema(
        parameters=[FIELDS_PARAMETER],
        responses={200: serializers.TopicSerializer(many=True), **_error_responses()},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[FIELDS_PARAMETER],
        responses={200: serializers.TopicSerializer, **_error_responses()},
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class RegionViewSet(VocabularyViewSet):
    """Places (the UN M49 tree: world, regions, sub-regions, countries) and groupings."""

    serializer_class = serializers.RegionSerializer
    queryset = Region.objects.select_related("parent").prefetch_related(
        "children", "members", "groupings"
    )
    facet = "region"

    @extend_schema(
        parameters=[FIELDS_PARAMETER],
        responses={200: serializers.RegionSerializer(many=True), **_error_responses()},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[FIELDS_PARAMETER],
        responses={200: serializers.RegionSerializer, **_error_responses()},
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class OrganizationViewSet(VocabularyViewSet):
    """Organizations that stories mention."""

    serializer_class = serializers.OrganizationSerializer
    # Readers see only organizations a moderator approved (organizations.models).
    queryset = Organization.objects.approved().select_related("headquarters", "parent")
    facet = "organization"

    @extend_schema(
        parameters=[FIELDS_PARAMETER],
        responses={200: serializers.OrganizationSerializer(many=True), **_error_responses()},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[FIELDS_PARAMETER],
        responses={200: serializers.OrganizationSerializer, **_error_responses()},
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


@extend_schema(exclude=True)
@api_view(["GET"])
def api_root(request, format=None):
    """Where everything is."""
    names = {
        "stories": "story", "digests": "digest", "deadlines": "deadline",
        "topics": "topic", "regions": "region", "organizations": "organization",
    }  # fmt: skip
    links = {key: absolute(reverse(f"api:{name}-list")) for key, name in names.items()}
    links["schema"] = absolute(reverse("api:schema")) + "?format=json"
    links["documentation"] = absolute(reverse("api:docs"))
    return Response(links)
