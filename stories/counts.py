"""Result and facet counts of the finders, counted off readers' request path.

Counting a finder state reads every link of the stories it matches: about a second for the
unfiltered story finder at 100,000 stories, ten at a million. So counts are stored per state
with the content version they were counted at, and:

- when a change readers can see commits, the unfiltered story finder and digest archive are
  recounted by a task (`stories.tasks.recount_finder_state`: on a Celery worker, or with no broker
  in the same process once its response has gone);
- a reader who asks for a state whose counts are not current yet gets the counts of the previous
  version, and has that state recounted the same way, for at most STALE_SECONDS after the first
  change since those counts. Pages shown with such counts are not stored in the page cache;
- after a removal (a story or digest taken down, unpublished or deleted, anything deleted, a
  scheduled take-down falling due: `stories.cache.REMOVAL_KEY`) counts from before it are never
  served, so nothing readers can no longer see is counted anywhere;
- a state with no servable counts (never counted, or only before a removal) is counted on a
  finder page's request if that takes less than WAIT_SECONDS a statement (PostgreSQL's statement
  timeout cuts it off). Past that, or while another process counts it, the page lists its
  results with their number counted alone (exactly up to search.RANK_LIMIT, the planner's
  estimate beyond) and says its filters are being counted; the whole count runs off the request.
  So no reader waits for a recount, and none is shown what was removed. The API's facets do the
  same (null counts, `facets_pending`); other callers (the sitemap, the facet's full list) wait
  for the one count (`wait_for`) rather than run the statement beside it.

Recounting rather than keeping per-value counts up to date in each write: every write path
(workflow steps, the admin's inlines, revisions, imports, scheduled items falling due, a shell)
already moves the content version on, and a recount from the one definition of the counts
(`stories.facets`) cannot drift from it.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, connections, transaction
from django.dispatch import receiver
from django.http import QueryDict

from newsroom.replicas import read_aliases
from newsroom.resilience import longer_statement_limit, statement_limit
from stories.cache import (
    COMPUTING_LOCK_SECONDS,
    REMOVAL_KEY,
    cache_is_available,
    content_committed,
    content_version,
    get_or_compute_once,
    version_began_at,
    wait_for,
)
from stories.filters import DeadlineFilter, RoundUpFilter, StoryFilter
from stories.models import RoundUp, Story

# How long after a change readers may be shown the counts from before it.
STALE_SECONDS = 60
CACHE_SECONDS = 60 * 60
# The last counts of a state, served while it is recounted after a change.
LATEST_SECONDS = 24 * 60 * 60
# Recounted as soon as a change commits: the finder and the digest archive as they open.
HOT_STATES = (("story", ""), ("roundup", ""))
# How long a finder page may spend counting a state on its request (each statement; PostgreSQL).
WAIT_SECONDS = 0.1
# A search matching more stories has its facets counted off the request straight away: counting
# them takes longer than WAIT_SECONDS (about 0.3 s for 2,000 matches at 100,000 stories), so
# trying would only add the wait to the page.
SEARCH_MATCHES_COUNTED_ON_REQUEST = 500
# The lock's value while a reader tries to count a state within WAIT_SECONDS (a whole count holds
# it with the version it counts).
TRYING_WITHIN_WAIT = "trying"


@dataclass(frozen=True)
class Counts:
    version: int  # the content version counted
    count: int  # results
    facets: dict  # facet name -> (groups, hidden, counts by pk), see stories.facets
    # A search matching more than search.RANK_LIMIT stories: the count is the planner's
    # estimate, and the facets count the newest RANK_LIMIT matches.
    estimated: bool = False
    # Only the results are counted (no facets): their full count is being made elsewhere.
    pending: bool = False
    # How long counting took: a state whose last count took longer than WAIT_SECONDS is not
    # tried on a request again.
    seconds: float = 0.0


FILTERS = {cls.cache_name: cls for cls in (StoryFilter, RoundUpFilter, DeadlineFilter)}


def state_of(filterset: StoryFilter) -> tuple[str, str]:
    """(kind, normalised query): what the counts depend on. The sort order is not part of it."""
    return filterset.cache_name, urlencode(
        [p for p in filterset.normalised_params() if p[0] != "sort"]
    )


def filterset_for(kind: str, query: str) -> StoryFilter:
    model = RoundUp if kind == "roundup" else Story
    return FILTERS[kind](data=QueryDict(query), queryset=model.objects.published())


def keys(kind: str, query: str, version: int) -> tuple[str, str, str]:
    state = hashlib.md5(query.encode(), usedforsecurity=False).hexdigest()
    base = f"counts:{kind}"
    return f"{base}:{version}:{state}", f"{base}:latest:{state}", f"{base}:computing:{state}"


def counts_key(filterset: StoryFilter, version: int) -> str:
    """Where the state's counts of that version are stored once made."""
    return keys(*state_of(filterset), version)[0]


def count(filterset: StoryFilter, version: int, results: Counts | None = None) -> Counts:
    """Count from scratch: the results (a search's may be given, counted by
    count_results_only), and every facet's options (stories.facets)."""
    from stories import search
    from stories.facets import labelled_counts

    began = time.monotonic()
    if searches_stories(filterset):
        if results is not None:
            found, estimated = results.count, results.estimated
        else:
            found, estimated = search.count_matches(_matches(filterset))
    else:
        found, estimated = _results(filterset).count(), False
    facets = labelled_counts(filterset)
    return Counts(version, found, facets, estimated, seconds=time.monotonic() - began)


def searches_stories(filterset: StoryFilter) -> bool:
    """Whether the state's results are the stories its search words match (the digest finder
    lists the digests of such stories, counted as digests)."""
    return bool(filterset.search_text) and not isinstance(filterset, RoundUpFilter)


def _results(filterset: StoryFilter):
    model = RoundUp if isinstance(filterset, RoundUpFilter) else Story
    return filterset.filter_queryset(model.objects.published(), for_counting=True)


def _search_space(filterset: StoryFilter, stories=None):
    """The stories the state's words are searched among: every other filter applied."""
    stories = Story.objects.published() if stories is None else stories
    return filterset.filter_queryset(stories, exclude=("q",))


def _matches(filterset: StoryFilter):
    from stories import search

    return search.search(_search_space(filterset), filterset.search_text, by_relevance=False)[0]


def count_results_only(filterset: StoryFilter, version: int) -> Counts:
    """The results counted without the facets: exactly up to search.RANK_LIMIT (a probe of that
    many rows), the planner's estimate beyond it on PostgreSQL."""
    from stories import search

    searched = searches_stories(filterset)
    results = _matches(filterset) if searched else _results(filterset)
    if searched and search.is_postgresql():
        # Ranking reads the same matches as counting them would: one pass does both.
        found, estimated = search.count_ranked(ranking_of(filterset, version), results)
    else:
        found, estimated = search.count_matches(results)
    if found > search.RANK_LIMIT and not estimated and not searched:
        found = _results(filterset).count()  # SQLite has no estimate: small archives count
    counts = Counts(version, found, {}, estimated, pending=True)
    if searched:
        # Counted as the whole count counts a search's matches: made off the request next, it
        # need not count them again. (Other states' whole counts are exact beyond RANK_LIMIT.)
        cache.set(results_key(*state_of(filterset), version), counts, COMPUTING_LOCK_SECONDS)
    return counts


def ranking_of(filterset: StoryFilter, version: int):
    """The search's matches by relevance (search.rank), ranked once per state and content version
    and shared by every reader of it: its pages then fetch only their own stories."""
    from stories import search

    def ranked() -> search.Ranking:
        return search.rank(_search_space(filterset), filterset.search_text)

    key = f"{keys(*state_of(filterset), version)[0]}:ranking"
    return get_or_compute_once(key, ranked, CACHE_SECONDS)


def ranked_results(filterset: StoryFilter, queryset):
    """A ranked search's results among the queryset, for a paginator (search.RankedResults)."""
    from stories import search

    return search.RankedResults(
        ranking_of(filterset, content_version()),
        _search_space(filterset, queryset),
        filterset.search_text,
    )


def results_key(kind: str, query: str, version: int) -> str:
    return f"{keys(kind, query, version)[0]}:results"


def count_within(
    filterset: StoryFilter, version: int, seconds: float, results: Counts | None = None
) -> Counts | None:
    """The state's counts if each statement takes less than `seconds`; None if one took longer."""
    limit = statement_limit.set(seconds)
    try:
        with transaction.atomic():  # a cancelled statement takes only its savepoint with it
            return count(filterset, version, results)
    except OperationalError:
        return None
    finally:
        statement_limit.reset(limit)


def _store(kind: str, query: str, counts: Counts) -> None:
    key, latest_key, _ = keys(kind, query, counts.version)
    cache.set(key, counts, CACHE_SECONDS)
    latest = cache.get(latest_key)
    if latest is None or latest.version <= counts.version:
        cache.set(latest_key, counts, LATEST_SECONDS)


def _count_and_store(
    kind: str, query: str, version: int, filterset: StoryFilter | None = None
) -> Counts:
    """Count the state (its lock held) and store the counts. Whoever waits for this count shares
    it: it gets the admin's statement time, not a reader page's (a recount of a million stories
    takes longer than the latter)."""
    with longer_statement_limit(
        settings.DATABASE_ADMIN_STATEMENT_TIMEOUT,
        [connections[alias] for alias in read_aliases()],
    ):
        results = cache.get(results_key(kind, query, version))
        counts = count(filterset or filterset_for(kind, query), version, results)
    _store(kind, query, counts)
    return counts


def count_once(kind: str, query: str, version: int, filterset: StoryFilter | None = None) -> Counts:
    """The state's counts at the version, counted by one process while the others wait."""
    key, _, lock = keys(kind, query, version)
    for _attempt in range(3):
        if cache.add(lock, version, timeout=COMPUTING_LOCK_SECONDS):
            try:
                return _count_and_store(kind, query, version, filterset)
            finally:
                cache.delete(lock)
        # Someone counts this state (maybe for an older version): wait for them to finish.
        found = wait_for(key, lock)
        if found is not None:
            return found
    return count(filterset or filterset_for(kind, query), version)


def servable(latest: Counts, removal: int | None, now: float | None = None) -> bool:
    """Whether counts of an older version may stand in while the state is recounted."""
    if removal is not None and latest.version < removal:
        return False
    changed = version_began_at(latest.version + 1)
    return changed is not None and (now or time.time()) - changed <= STALE_SECONDS


def counts_for(filterset: StoryFilter, *, results_only_meanwhile: bool = False) -> Counts:
    """The state's counts: current, or from just before a change while it is recounted.

    With `results_only_meanwhile` (the finder pages), a state with no counts to serve that
    cannot be counted within WAIT_SECONDS gets its results counted alone (`Counts.pending`)
    while the whole count is made off the request.
    """
    kind, query = state_of(filterset)
    version = content_version()
    key, latest_key, _ = keys(kind, query, version)
    values = cache.get_many([key, latest_key, REMOVAL_KEY])
    if key in values:
        return values[key]
    if not cache_is_available():
        return count(filterset, version)
    latest = values.get(latest_key)
    if (
        latest is not None
        and servable(latest, values.get(REMOVAL_KEY))
        and recount_later(kind, query, version)
    ):
        return latest
    if results_only_meanwhile and statement_limit.get() is not None:
        return count_or_results_only(kind, query, version, filterset, latest)
    return count_once(kind, query, version, filterset)


def count_or_results_only(
    kind: str, query: str, version: int, filterset: StoryFilter, latest: Counts | None = None
) -> Counts:
    """The state's counts if they can be had within WAIT_SECONDS; else its results counted alone,
    with the whole count queued to run off the request. A state whose `latest` counts took
    longer than that (a removal made them unservable) is not tried."""
    # A search's matches are counted first (a probe of at most search.RANK_LIMIT + 1 rows): its
    # facets read the links of every match counted, so only a selective search tries them here.
    results = count_results_only(filterset, version) if searches_stories(filterset) else None
    slow_before = latest is not None and latest.seconds > WAIT_SECONDS
    if not slow_before and (results is None or results.count <= SEARCH_MATCHES_COUNTED_ON_REQUEST):
        counts = _counted_within_wait(kind, query, version, filterset, results)
        if counts is not None:
            return counts
    if not recount_later(kind, query, version):
        return count_once(kind, query, version, filterset)
    return results or count_results_only(filterset, version)


def _counted_within_wait(
    kind: str, query: str, version: int, filterset: StoryFilter, results: Counts | None
) -> Counts | None:
    """The state's counts, made here or by another process, if that takes under WAIT_SECONDS."""
    key, _, lock = keys(kind, query, version)
    too_slow = f"{key}:too-slow"
    found = cache.get_many([too_slow, lock])
    if too_slow in found:
        return None
    if lock in found:
        # Another reader's try is over within the wait; a whole count (seconds, at a million
        # stories) is not worth waiting for.
        return (
            wait_for(key, lock, seconds=WAIT_SECONDS) if found[lock] == TRYING_WITHIN_WAIT else None
        )
    if cache.add(lock, TRYING_WITHIN_WAIT, timeout=COMPUTING_LOCK_SECONDS):
        try:
            counts = count_within(filterset, version, WAIT_SECONDS, results)
            if counts is not None:
                _store(kind, query, counts)
                return counts
            # The next readers of this version go straight to the results-only count.
            cache.set(too_slow, 1, timeout=COMPUTING_LOCK_SECONDS)
        finally:
            cache.delete(lock)
        return None
    return wait_for(key, lock, seconds=WAIT_SECONDS)  # just taken: most likely a reader's try


def recount_later(kind: str, query: str, version: int) -> bool:
    """Have the state recounted off this request, once per version; False if that cannot be."""
    from stories import tasks

    if not tasks.can_run_elsewhere():
        return False
    key, _, _ = keys(kind, query, version)
    if cache.add(f"{key}:queued", 1, timeout=COMPUTING_LOCK_SECONDS):
        tasks.run_elsewhere(tasks.recount_finder_state, kind, query)
    return True


def recount(kind: str, query: str) -> Counts | None:
    """Count the state for the current version unless that is done already (the task's body).

    While the state is being counted (for an older version, after changes in quick succession)
    this returns at once instead of waiting for that count in a worker: the process counting it
    counts again when it is done if the version moved on meanwhile. So one count of a state runs
    at a time, and no worker or web thread is held waiting for another's.
    """
    while True:
        version = content_version()
        key, _, lock = keys(kind, query, version)
        counted = cache.get(key)
        if counted is not None:
            return counted
        if not cache.add(lock, version, timeout=COMPUTING_LOCK_SECONDS):
            return None  # its holder looks at the version again once it has counted
        try:
            counts = _count_and_store(kind, query, version)
        finally:
            cache.delete(lock)
        if content_version() == version:
            return counts


@receiver(content_committed, dispatch_uid="counts_recount_hot_states")
def recount_hot_states(sender, **kwargs) -> None:
    """Have the unfiltered finders recounted, and their pages rendered, off the request after
    every change (stories.warming).

    Only where that is off the request: in a command or shell with no broker a recount would run
    at once, twice per saved row (a data load of 300 places ran 600), and the first reader can
    count for itself there.
    """
    from stories import tasks

    if not tasks.can_run_elsewhere():
        return
    for kind, query in HOT_STATES:
        tasks.run_elsewhere(tasks.recount_finder_state, kind, query, True)
