"""Full-text search over stories.

On PostgreSQL each story keeps a weighted `tsvector` in `Story.search_vector` (GIN-indexed):
title A; summary and the names, acronyms and aliases of the organizations it mentions B; its
themes and places C; body D. Queries use `websearch_to_tsquery`, so `"forced labour" -orphanage`
means the phrase and not the word. Elsewhere (SQLite in development) a fallback ANDs the words
with `icontains` over the same fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat, Left
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newsroom.planner import estimated_rows
from organizations.models import Organization
from stories.models import Region, Story, Topic

CONFIG = "english"
# A search reads at most this many matches, the newest, whatever the archive holds: they are
# ranked by relevance, and the result and facet counts are counted over them. A search matching
# more shows "about" the planner's estimate of its matches (from the statistics ANALYZE keeps on
# the search vectors' lexemes), says its facet counts are among these newest matches, and ranks
# within them: a cheap first pass (newest first, through the publication-order index or the GIN
# index, whichever the planner finds cheaper) and relevance within it.
RANK_LIMIT = 2000
# Snippets come from the summary and the opening of the body: PostgreSQL parses all the text it
# is given to pick one, and whole bodies made snippets a third of a search's time.
SNIPPET_BODY_CHARS = 1500
# Characters that cannot occur in stored text, used to mark highlights before HTML escaping.
MARK_START, MARK_STOP = "\x02", "\x03"


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


# --- Index maintenance ------------------------------------------------------------------------

UPDATE_SQL = """
UPDATE {story} AS s SET search_vector =
    setweight(to_tsvector(%(config)s, coalesce(s.title, '')), 'A')
    || setweight(to_tsvector(%(config)s, coalesce(s.summary, '') || ' ' || coalesce((
        SELECT string_agg(o.name || ' ' || o.acronym || ' ' || o.aliases, ' ')
        FROM {organization} o JOIN {story_organizations} so ON so.organization_id = o.id
        WHERE so.story_id = s.id AND o.approved), '')), 'B')
    || setweight(to_tsvector(%(config)s, coalesce((
        SELECT string_agg(t.name, ' ')
        FROM {topic} t JOIN {story_topics} st ON st.topic_id = t.id
        WHERE st.story_id = s.id), '') || ' ' || coalesce((
        SELECT string_agg(r.name, ' ')
        FROM {region} r JOIN {story_regions} sr ON sr.region_id = r.id
        WHERE sr.story_id = s.id), '')), 'C')
    || setweight(to_tsvector(%(config)s, coalesce(s.body, '')), 'D')
"""


def _update_sql() -> str:
    qn = connection.ops.quote_name
    return UPDATE_SQL.format(
        story=qn(Story._meta.db_table),
        organization=qn(Organization._meta.db_table),
        story_organizations=qn(Story.organizations.through._meta.db_table),
        topic=qn(Topic._meta.db_table),
        story_topics=qn(Story.topics.through._meta.db_table),
        region=qn(Region._meta.db_table),
        story_regions=qn(Story.regions.through._meta.db_table),
    )


def update_search_vectors(story_ids: Iterable[int] | None = None) -> None:
    """Recompute the search vector of the given stories (all when None) in one UPDATE."""
    if not is_postgresql():
        return
    sql, params = _update_sql(), {"config": CONFIG}
    if story_ids is not None:
        params["ids"] = list(story_ids)
        if not params["ids"]:
            return
        sql += " WHERE s.id = ANY(%(ids)s)"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


# The vector is a derived index column, like a database trigger would keep: it must follow every
# write to a story, its many-to-many links and the organizations it mentions, wherever they come
# from (admin forms and inlines, services, the demo loader, a shell). Signals are the one place
# that sees all of those; no domain rule lives here.


@receiver(post_save, sender=Story, dispatch_uid="search_story_saved")
def _story_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        update_search_vectors([instance.pk])


@receiver(post_save, sender=Organization, dispatch_uid="search_organization_saved")
def _organization_saved(sender, instance, created=False, raw=False, **kwargs):
    if not raw and not created:
        update_search_vectors(
            Story.organizations.through.objects.filter(organization=instance).values_list(
                "story_id", flat=True
            )
        )


@receiver(post_save, sender=Topic, dispatch_uid="search_topic_saved")
@receiver(post_save, sender=Region, dispatch_uid="search_region_saved")
def _vocabulary_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:
        return
    field = "topic" if sender is Topic else "region"
    through = getattr(Story, f"{field}s").through
    update_search_vectors(
        through.objects.filter(**{field: instance}).values_list("story_id", flat=True)
    )


def _links_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        update_search_vectors([instance.pk])
    elif pk_set:
        update_search_vectors(pk_set)
    elif action == "post_clear":  # a topic, region or organization lost all its stories
        update_search_vectors(None)


for _field in ("topics", "regions", "organizations"):
    m2m_changed.connect(
        _links_changed,
        sender=getattr(Story, _field).through,
        dispatch_uid=f"search_story_{_field}_changed",
    )


# --- Querying ---------------------------------------------------------------------------------


def parse_terms(text: str) -> tuple[list[str], list[str]]:
    """Split a websearch-style query into required and excluded terms ("phrases" kept whole)."""
    required, excluded = [], []
    for match in re.finditer(r'(-?)"([^"]+)"|(-?)(\S+)', text):
        negated = match.group(1) or match.group(3)
        term = (match.group(2) or match.group(4) or "").strip().strip('"')
        if not term or term.lower() == "or":
            continue
        (excluded if negated else required).append(term)
    return required, excluded


def _fallback_condition(term: str) -> Q:
    linked = Story.objects.filter(
        Q(organizations__name__icontains=term)
        | Q(organizations__acronym__icontains=term)
        | Q(organizations__aliases__icontains=term)
        | Q(topics__name__icontains=term)
        | Q(regions__name__icontains=term)
    ).values("pk")
    return (
        Q(title__icontains=term)
        | Q(summary__icontains=term)
        | Q(body__icontains=term)
        | Q(pk__in=linked)
    )


def search_query(text: str) -> SearchQuery:
    return SearchQuery(text, search_type="websearch", config=CONFIG)


def search(queryset: QuerySet, text: str, *, by_relevance: bool) -> tuple[QuerySet, bool]:
    """Stories of the queryset matching the text, and whether they are ordered by relevance.

    They are when asked: all of them when they are at most RANK_LIMIT, otherwise the newest
    RANK_LIMIT (see RANK_LIMIT). Newest first otherwise.
    """
    text = text.strip()
    if not text:
        return queryset, False
    if is_postgresql():
        query = search_query(text)
        matches = queryset.filter(search_vector=query)
        ranked = by_relevance
        if ranked:
            matches = (
                queryset.filter(pk__in=newest_matches(matches))
                .annotate(rank=SearchRank(F("search_vector"), query))
                .order_by("-rank", "-published_at", "-pk")
            )
        matches = matches.annotate(
            headline=SearchHeadline(
                Concat(
                    "summary",
                    Value(" "),
                    Left("body", SNIPPET_BODY_CHARS),
                    output_field=TextField(),
                ),
                query,
                config=CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=40,
                min_words=20,
            )
        )
    else:
        required, excluded = parse_terms(text)
        matches = queryset
        for term in required:
            matches = matches.filter(_fallback_condition(term))
        for term in excluded:
            matches = matches.exclude(_fallback_condition(term))
        ranked = by_relevance and bool(required)
        if ranked:
            # A cheap stand-in for relevance: stories with the words in the title come first.
            title_hits = sum(
                (
                    Case(When(title__icontains=term, then=Value(1)), default=Value(0))
                    for term in required
                ),
                Value(0),
            )
            matches = matches.annotate(rank=title_hits).order_by("-rank", "-published_at", "-pk")
    return matches, ranked


@dataclass(frozen=True)
class Ranking:
    """A search's matches best first: the newest RANK_LIMIT of them, ranked by relevance."""

    ids: tuple[int, ...]
    more: bool  # more than RANK_LIMIT matched: the older ones are left out


def rank(within: QuerySet, text: str) -> Ranking:
    """Rank the search's newest RANK_LIMIT matches among `within`.

    The newest RANK_LIMIT + 1 matches are found first by id (through the GIN index or the
    publication-order one), and only they are ranked: ranking every match as it is read would
    unpack the search data of thousands of stories a top-N sort then drops. The extra match only
    tells that there are more.
    """
    query = search_query(text)
    newest = within.filter(search_vector=query).order_by("-published_at", "-pk")
    rows = list(
        within.model.objects.filter(pk__in=newest.values("pk")[: RANK_LIMIT + 1])
        .annotate(rank=SearchRank(F("search_vector"), query))
        .values_list("pk", "published_at", "rank")
    )
    rows.sort(key=lambda row: (row[1], row[0]), reverse=True)  # newest first
    more = len(rows) > RANK_LIMIT
    # A stable sort: stories of equal rank stay newest first.
    best_first = sorted(rows[:RANK_LIMIT], key=lambda row: -row[2])
    return Ranking(tuple(pk for pk, _, _ in best_first), more)


class RankedResults(Sequence):
    """A ranked search's results for a paginator: the ranking is read once (see rank), and a page
    fetches only its own stories, with their snippets."""

    def __init__(self, ranking: Ranking, within: QuerySet, text: str):
        self.ranking, self.within, self.text = ranking, within, text

    def __len__(self) -> int:
        return len(self.ranking.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.ranking.ids[index]
        # Still among `within`: a story taken down since the ranking drops out.
        found = search(self.within.filter(pk__in=ids), self.text, by_relevance=False)[0]
        by_pk = {story.pk: story for story in found}
        return [by_pk[pk] for pk in ids if pk in by_pk]


def newest_matches(matches: QuerySet) -> QuerySet:
    """The ids of the newest RANK_LIMIT matches: the bounded set a search ranks and counts over."""
    return matches.order_by("-published_at", "-pk").values("pk")[:RANK_LIMIT]


def bounded(matches: QuerySet) -> QuerySet:
    """The matches a search counts its facets over: the newest RANK_LIMIT of them."""
    if not is_postgresql():
        return matches
    return matches.model.objects.filter(pk__in=newest_matches(matches))


def count_matches(matches: QuerySet) -> tuple[int, bool]:
    """How many match, and whether that is the planner's estimate (beyond RANK_LIMIT).

    Counting stops past the cap: a selective search reads its matches through the GIN index, a
    common word is not counted one match at a time.
    """
    # Only the ids: counting the matches as they are would build each one's snippet.
    exact = matches.order_by().values("pk")[: RANK_LIMIT + 1].count()
    return _exact_or_estimated(exact, matches)


def count_ranked(ranking: Ranking, matches: QuerySet) -> tuple[int, bool]:
    """count_matches for a search already ranked: its ranking holds the matches up to the cap."""
    return _exact_or_estimated(len(ranking.ids) + ranking.more, matches)


def _exact_or_estimated(exact: int, matches: QuerySet) -> tuple[int, bool]:
    estimate = None if exact <= RANK_LIMIT else estimated_rows(matches.order_by().values("pk"))
    if estimate is None:
        return exact, False
    estimate = max(estimate, RANK_LIMIT + 1)
    # Two significant figures: "about 120,000", not a precision the estimate does not have.
    step = 10 ** max(len(str(estimate)) - 2, 0)
    return round(estimate / step) * step, True


def highlight(text: str, terms: Iterable[str] = ()) -> SafeString:
    """Escape text and wrap matches in <mark>: marked by PostgreSQL, or found by the terms."""
    text = text or ""
    if MARK_START not in text:
        words = [re.escape(term) for term in terms if term]
        if words:
            pattern = re.compile("(" + "|".join(words) + ")", re.IGNORECASE)
            text = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_STOP}", text)
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped just above; only our markers become tags
