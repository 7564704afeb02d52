"""Finder counts are recounted off the request path, equal counts from scratch, and never show
what was removed (stories.counts)."""

from __future__ import annotations

import datetime
import re
import time
from contextlib import contextmanager

import pytest
import time_machine
from django.core.cache import cache
from django.core.signals import request_finished
from django.db import OperationalError, close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from taggit.models import Tag

from newsroom.resilience import statement_limit
from organizations.models import Organization
from stories import counts
from stories.cache import PROVISIONAL_PAGE_SECONDS, content_version
from stories.counts import counts_for, filterset_for
from stories.filters import FACETS, KIND_OPTIONS
from stories.models import Region, RoundUp, RoundUpItem, Status, Story, Topic
from tests.factories import OrganizationFactory, RoundUpFactory, StoryFactory, region

pytestmark = pytest.mark.django_db

FINDER = "/stories/"
STATES = [
    ("story", ""),
    ("roundup", ""),
    ("story", "region=africa"),
    ("roundup", "topic=forced-labour"),
]


@contextmanager
def in_a_request():
    """As in a web request: with no broker, recounts wait until the response has gone."""
    token = statement_limit.set(3.0)
    try:
        yield
    finally:
        statement_limit.reset(token)


def after_the_response():
    # As Django's test client does: closing connections would end the test's transaction.
    request_finished.disconnect(close_old_connections)
    try:
        request_finished.send(sender=None)
    finally:
        request_finished.connect(close_old_connections)


def served(kind: str, query: str) -> counts.Counts:
    return counts_for(filterset_for(kind, query))


def from_scratch(kind: str, query: str) -> counts.Counts:
    return counts.count(filterset_for(kind, query), 0)


def same(a: counts.Counts, b: counts.Counts) -> bool:
    return a.count == b.count and a.facets == b.facets


def options_by_filtering(kind: str, counted: dict) -> dict[str, dict[int, int]]:
    """What each option would give, found by applying its filter: every value counted, the
    values the changes link to, and the places above them."""
    models = {"topic": Topic, "region": Region, "organization": Organization}
    around = Region.objects.filter(slug__in=CHECKED_REGIONS).values_list("pk", flat=True)
    expected: dict[str, dict[int, int]] = {}
    for facet in FACETS:
        expected[facet] = {}
        if facet == "tag":
            values = Tag.objects.all()
        elif facet == "type":
            values = KIND_OPTIONS.values()  # every type: a handful
        else:
            pks = {*counted[facet], *(around if facet == "region" else [])}
            values = models[facet].objects.filter(pk__in=pks) | models[facet].objects.filter(
                slug__in=[*VOCABULARY_SLUGS, *CHECKED_REGIONS]
            )
        for value in values.distinct() if hasattr(values, "distinct") else values:
            filterset = filterset_for(kind, f"{facet}={value.slug}")
            # A value the filter does not offer (a tag of drafts only) gives nothing.
            n = filterset.qs.count() if filterset.form.is_valid() else 0
            if n:
                expected[facet][value.pk] = n
    return expected


VOCABULARY_SLUGS = ["forced-labour", "child-trafficking", "org-0", "org-1"]
CHECKED_REGIONS = [
    "kenya",
    "uganda",
    "germany",
    "eastern-africa",
    "africa",
    "europe",
    "african-union",
]


@pytest.fixture
def vocabulary():
    return {
        "topics": list(Topic.objects.filter(slug__in=["forced-labour", "child-trafficking"])),
        "regions": [region(slug) for slug in ("kenya", "uganda", "germany")],
        "organizations": [OrganizationFactory(slug=f"org-{n}") for n in range(2)],
        "tags": ["report", "court"],
    }


def links(draw_bits: int, vocabulary: dict) -> dict:
    """A subset of each vocabulary, chosen by bits."""
    chosen, bit = {}, 0
    for name, values in vocabulary.items():
        chosen[name] = [v for i, v in enumerate(values) if draw_bits >> (bit + i) & 1]
        bit += len(values)
    return chosen


OPERATIONS = ["create", "publish", "unpublish", "take_down", "relink", "delete", "expire", "digest"]
REMOVALS = {"unpublish", "take_down", "delete", "expire"}


def apply(operation: str, pick: int, bits: int, vocabulary: dict, moderator) -> bool:
    """Apply one change; whether it did anything."""
    stories = list(Story.objects.order_by("pk"))
    published = [s for s in stories if s.status == Status.PUBLISHED and s.is_published()]
    if operation == "create":
        kind = ("news", "report", "event")[pick % 3]
        StoryFactory(approved=True, kind=kind, **links(bits, vocabulary))
        return True
    if operation == "digest":
        if not published:
            return False
        chosen = [s for i, s in enumerate(published) if bits >> i & 1][:4] or published[:1]
        RoundUpFactory(published=True, items=chosen, lead_story=chosen[0])
        return True
    in_digests = set(RoundUpItem.objects.values_list("story_id", flat=True))
    in_digests |= set(RoundUp.objects.values_list("lead_story_id", flat=True))
    candidates = {
        "publish": [s for s in stories if s.status == Status.APPROVED],
        "relink": stories,
        "delete": [s for s in stories if s.pk not in in_digests],  # digests protect theirs
    }.get(operation, published)
    if not candidates:
        return False
    story = candidates[pick % len(candidates)]
    if operation == "publish":
        story.publish(by=moderator)
    elif operation == "unpublish":
        story.unpublish(by=moderator)
    elif operation == "take_down":
        story.take_down(by=moderator, comment="Asked by the source")
    elif operation == "expire":
        story.unpublish_at = timezone.now() - datetime.timedelta(minutes=1)
        story.save()
    elif operation == "delete":
        story.delete()
    else:
        chosen = links(bits, vocabulary)
        story.topics.set(chosen["topics"])
        story.regions.set(chosen["regions"])
        story.organizations.set(chosen["organizations"])
        story.tags.set(chosen["tags"])
    return True


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(OPERATIONS),
            st.integers(min_value=0, max_value=50),
            st.integers(min_value=0, max_value=2**9 - 1),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_served_counts_equal_counts_from_scratch_after_any_changes(
    steps, vocabulary, moderator, django_capture_on_commit_callbacks
):
    for state in STATES:
        served(*state)
    for operation, pick, bits in steps:
        before = {state: served(*state) for state in STATES}
        with in_a_request():
            with django_capture_on_commit_callbacks(execute=True):
                changed = apply(operation, pick, bits, vocabulary, moderator)
            if not changed:
                continue
            for state in STATES:
                now, fresh = served(*state), from_scratch(*state)
                if operation in REMOVALS:
                    # Never stale: whatever left the site is counted nowhere at once.
                    assert same(now, fresh), (operation, state)
                else:
                    # The counts from just before the change, while it is recounted.
                    assert same(now, fresh) or same(now, before[state]), (operation, state)
        after_the_response()  # the recount that was waiting for the response to go
        for state in STATES:
            assert same(served(*state), from_scratch(*state)), (operation, state)
    for kind in ("story", "roundup"):
        facets = served(kind, "").facets
        counted = {facet: facets[facet][2] for facet in FACETS}
        assert counted == options_by_filtering(kind, counted), kind
        assert served(kind, "").count == filterset_for(kind, "").qs.count()


@pytest.fixture
def archive(vocabulary):
    kenya = region("kenya")
    stories = [
        StoryFactory(published=True, regions=[kenya], topics=vocabulary["topics"][:1])
        for _ in range(3)
    ]
    RoundUpFactory(published=True, items=stories[:2], lead_story=stories[0])
    return stories


def kenya(kind: str = "story") -> int:
    return served(kind, "").facets["region"][2].get(region("kenya").pk, 0)


def test_a_place_added_inside_a_region_counts_for_it_once_recounted(archive):
    eastern_africa = region("eastern-africa")
    assert served("story", "").facets["region"][2][eastern_africa.pk] == 3
    place = Region.objects.create(
        name="A place added by an editor",
        slug="added-place",
        kind=Region.Kind.COUNTRY,
        m49_code="990",
        parent=eastern_africa,
    )
    StoryFactory(published=True, regions=[place])
    served("story", "")  # the previous counts, while they are recounted

    counted = served("story", "").facets["region"][2]

    assert counted[eastern_africa.pk] == 4
    assert counted[place.pk] == 1
    assert same(served("story", ""), from_scratch("story", ""))


def test_a_site_with_no_themes_yet_counts_its_places(archive):
    Topic.objects.exclude(parent=None).delete()
    Topic.objects.all().delete()

    counted = from_scratch("story", "")

    assert counted.facets["topic"][2] == {}
    assert counted.facets["region"][2][region("kenya").pk] == 3


def test_readers_get_the_previous_counts_until_the_recount_after_the_response(
    archive, moderator, django_capture_on_commit_callbacks
):
    assert kenya() == 3
    new = StoryFactory(approved=True, regions=[region("kenya")])
    with in_a_request():
        with django_capture_on_commit_callbacks(execute=True):
            new.publish(by=moderator)
        with CaptureQueriesContext(connection) as queries:
            assert kenya() == 3  # the previous counts, for a moment
        assert not [q for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    after_the_response()

    assert kenya() == 4


@pytest.mark.parametrize("remove", ["unpublish", "take_down", "delete", "expire"])
def test_a_removed_story_is_never_counted_once_its_removal_has_committed(
    archive, moderator, django_capture_on_commit_callbacks, remove
):
    assert kenya() == 3 and kenya("roundup") == 1
    with in_a_request(), django_capture_on_commit_callbacks(execute=True):
        if remove == "delete":
            archive[2].delete()  # in no digest: digests protect their stories
        else:
            apply(remove, 0, 0, {}, moderator)  # the first published story
    with in_a_request():
        assert kenya() == 2
        assert kenya("roundup") == 1  # still through its second story
        assert served("story", "").count == 2


def test_a_scheduled_take_down_falling_due_is_never_counted_stale(archive):
    story = archive[0]
    story.unpublish_at = timezone.now() + datetime.timedelta(hours=1)
    story.save()
    assert kenya() == 3
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(hours=2), tick=True),
        in_a_request(),
    ):
        assert kenya() == 2


def test_counts_older_than_the_bound_are_not_served(archive, monkeypatch):
    assert kenya() == 3
    StoryFactory(published=True, regions=[region("kenya")])
    monkeypatch.setattr(counts, "STALE_SECONDS", -1)
    with in_a_request():
        assert kenya() == 4


def test_a_page_with_the_previous_counts_is_not_kept_once_they_are_recounted(
    client, archive, moderator, django_capture_on_commit_callbacks
):
    client.get(FINDER)
    new = StoryFactory(approved=True, regions=[region("kenya")])
    with in_a_request(), django_capture_on_commit_callbacks(execute=True):
        new.publish(by=moderator)

    stale = client.get(FINDER)  # the recount runs once this response has gone
    fresh = client.get(FINDER)

    assert "no-cache" in stale["Cache-Control"]
    assert "4 stories" in fresh.text
    assert "no-cache" not in fresh.get("Cache-Control", "")


# --- No reader waits for a recount ---------------------------------------------------------------

PENDING_NOTE = 'class="note facets-pending"'
KENYA_COUNTED = re.compile(r'Kenya <span class="count">\((\d+)')


@pytest.fixture
def slow_counts(monkeypatch):
    """From now on, counting on a reader's request takes longer than the wait: PostgreSQL would
    cancel it."""
    count = counts.count

    def cancelled_on_requests(filterset, version, results=None):
        if statement_limit.get() == counts.WAIT_SECONDS:
            raise OperationalError("canceling statement due to statement timeout")
        return count(filterset, version, results)

    return lambda: monkeypatch.setattr(counts, "count", cancelled_on_requests)


@pytest.fixture
def queued(monkeypatch):
    """Recounts queued for a worker, not run after the response."""
    calls = []
    monkeypatch.setattr(counts, "recount_later", lambda *state: calls.append(state) or True)
    return calls


def take_down_first(archive, moderator, django_capture_on_commit_callbacks):
    with in_a_request(), django_capture_on_commit_callbacks(execute=True):
        archive[0].take_down(by=moderator, comment="Asked by the source")


def test_after_a_removal_a_state_too_slow_to_count_lists_its_results_at_once(
    client, archive, moderator, slow_counts, django_capture_on_commit_callbacks
):
    assert KENYA_COUNTED.search(client.get(f"{FINDER}?region=kenya").text)[1] == "3"
    take_down_first(archive, moderator, django_capture_on_commit_callbacks)
    slow_counts()

    # The recount the first reader queued runs once this response has gone.
    meanwhile = client.get(f"{FINDER}?region=kenya")
    then = client.get(f"{FINDER}?region=kenya")

    page = meanwhile.text
    assert meanwhile.status_code == 200
    assert "2 stories" in page and archive[0].title not in page
    assert archive[1].title in page and archive[2].title in page
    assert PENDING_NOTE in page
    # The chosen place stays, to be unticked, with no number until it is counted.
    assert 'value="kenya" id="f-region-kenya" checked' in page
    assert KENYA_COUNTED.search(page) is None
    assert "no-cache" in meanwhile["Cache-Control"]

    assert PENDING_NOTE not in then.text
    assert KENYA_COUNTED.search(then.text)[1] == "2"
    assert "no-cache" not in then.get("Cache-Control", "")


def test_a_page_waiting_for_its_counts_is_served_from_the_page_cache_until_they_are_made(
    client,
    archive,
    moderator,
    slow_counts,
    queued,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    url = f"{FINDER}?region=kenya"
    client.get(url)
    take_down_first(archive, moderator, django_capture_on_commit_callbacks)
    slow_counts()
    first = client.get(url)

    with django_assert_num_queries(0):
        again = client.get(url)
    [state] = queued
    counts.recount(*state[:2])
    counted = client.get(url)

    assert PENDING_NOTE in first.text and archive[0].title not in first.text
    assert again.content == first.content
    assert "no-cache" in again["Cache-Control"]  # for the page cache only: browsers ask again
    assert PENDING_NOTE not in counted.text
    assert KENYA_COUNTED.search(counted.text)[1] == "2"


def test_a_page_waiting_for_its_counts_is_rendered_again_after_a_few_seconds(
    client, archive, moderator, slow_counts, queued, django_capture_on_commit_callbacks
):
    url = f"{FINDER}?region=kenya"
    client.get(url)
    take_down_first(archive, moderator, django_capture_on_commit_callbacks)
    slow_counts()
    client.get(url)

    with CaptureQueriesContext(connection) as within:
        client.get(url)
    with (
        time_machine.travel(time.time() + PROVISIONAL_PAGE_SECONDS + 1),
        CaptureQueriesContext(connection) as later,
    ):
        page = client.get(url).text

    assert len(within) == 0
    assert len(later) > 0 and PENDING_NOTE in page


def test_a_state_counted_quickly_enough_is_counted_whole_on_the_request(
    client, archive, moderator, django_capture_on_commit_callbacks, monkeypatch
):
    # A wait no count of this small archive outlasts, even on a busy machine: the count before
    # the removal must not be found slow (it would not be tried again on the request).
    monkeypatch.setattr(counts, "WAIT_SECONDS", 5.0)
    client.get(f"{FINDER}?region=kenya")
    take_down_first(archive, moderator, django_capture_on_commit_callbacks)

    page = client.get(f"{FINDER}?region=kenya").text

    assert PENDING_NOTE not in page
    assert KENYA_COUNTED.search(page)[1] == "2"


def test_a_reader_arriving_while_the_state_is_counted_elsewhere_waits_no_longer_than_the_wait(
    client, archive, queued
):
    _, _, lock = counts.keys("story", "", content_version())
    cache.add(lock, content_version(), timeout=60)  # a worker is counting it

    began = time.monotonic()
    response = client.get(FINDER)
    took = time.monotonic() - began

    assert PENDING_NOTE in response.text and "3 stories" in response.text
    assert took < counts.WAIT_SECONDS + 2, took  # rendering on a busy machine included
    assert "no-cache" in response["Cache-Control"]
    assert queued == [("story", "", content_version())]


def test_after_a_removal_the_api_answers_at_once_with_its_facets_pending(
    client, archive, moderator, slow_counts, django_capture_on_commit_callbacks
):
    url = "/api/v1/stories/?region=kenya&facets=region&fields=title"
    assert client.get(url).json()["facets_pending"] is False
    take_down_first(archive, moderator, django_capture_on_commit_callbacks)
    slow_counts()

    meanwhile = client.get(url)  # the recount it queued runs once this response has gone
    then = client.get(url)

    answer = meanwhile.json()
    assert [story["title"] for story in answer["results"]] == [s.title for s in archive[:0:-1]]
    assert answer["facets_pending"] is True
    kenya_option = answer["facets"]["region"]["options"]
    assert [(o["slug"], o["count"], o["selected"]) for o in kenya_option] == [("kenya", None, True)]
    assert "no-cache" in meanwhile["Cache-Control"]

    answer = then.json()
    assert answer["facets_pending"] is False
    assert {o["slug"]: o["count"] for o in answer["facets"]["region"]["options"]}["kenya"] == 2
    assert "no-cache" not in then["Cache-Control"]


def test_other_callers_still_wait_for_the_whole_count(archive, slow_counts):
    # The sitemap and a facet's full list need every option's count.
    slow_counts()
    with in_a_request():
        served_counts = served("story", "")
    assert not served_counts.pending
    assert served_counts.facets["region"][2][region("kenya").pk] == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement timeouts: PostgreSQL")
def test_a_count_the_database_cancels_at_the_wait_leaves_the_request_working(
    client, archive, monkeypatch, queued
):
    count = counts.count

    def slow(filterset, version, results=None):
        if statement_limit.get() == counts.WAIT_SECONDS:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_sleep(0.5)")  # cancelled by the statement timeout
        return count(filterset, version, results)

    monkeypatch.setattr(counts, "count", slow)

    response = client.get(FINDER)

    assert response.status_code == 200
    assert PENDING_NOTE in response.text and "3 stories" in response.text


def test_a_search_of_the_digest_finder_counts_digests_not_their_stories(archive):
    more = [StoryFactory(published=True, title=f"Scam compounds report {n}") for n in range(2)]
    RoundUpFactory(published=True, items=more, lead_story=more[0])
    StoryFactory(published=True, title="Scam compounds in no digest")
    filterset = filterset_for("roundup", "q=scam+compounds")

    assert counts.count(filterset, 0).count == 1
    assert counts.count_results_only(filterset, 0).count == 1
    assert counts.count_results_only(filterset_for("roundup", ""), 0).count == 2


def test_a_search_matching_many_stories_leaves_its_facets_to_be_counted_off_the_request(
    client, archive, monkeypatch, queued
):
    monkeypatch.setattr(counts, "SEARCH_MATCHES_COUNTED_ON_REQUEST", 2)
    counted = []
    count = counts.count

    def counting(filterset, version, results=None):
        counted.append(filterset.data.urlencode())
        return count(filterset, version, results)

    monkeypatch.setattr(counts, "count", counting)
    for place in ("Myanmar", "Myanmar", "Cambodia"):
        StoryFactory(published=True, title=f"Scam compounds in {place}")

    many = client.get(f"{FINDER}?q=scam+compounds")
    few = client.get(f"{FINDER}?q=cambodia")

    assert "3 stories" in many.text
    assert PENDING_NOTE in many.text and "being counted for this search" in many.text
    assert "no-cache" in many["Cache-Control"]
    assert queued == [("story", "q=scam+compounds", content_version())]
    # The selective search was counted whole on its request, and only it.
    assert counted == ["q=cambodia"]
    assert PENDING_NOTE not in few.text and "1 story" in few.text


def test_the_whole_count_after_a_search_does_not_count_its_matches_again(
    client, archive, monkeypatch
):
    from stories import search

    monkeypatch.setattr(counts, "SEARCH_MATCHES_COUNTED_ON_REQUEST", 0)
    probes = []
    count_matches, rank = search.count_matches, search.rank
    monkeypatch.setattr(search, "count_matches", lambda m: probes.append(m) or count_matches(m))
    # On PostgreSQL the matches are counted as they are ranked.
    monkeypatch.setattr(search, "rank", lambda m, text: probes.append(m) or rank(m, text))
    StoryFactory(published=True, title="Scam compounds in Myanmar")

    first = client.get(f"{FINDER}?q=scam+compounds")  # counted whole once the response has gone
    then = client.get(f"{FINDER}?q=scam+compounds")

    assert PENDING_NOTE in first.text
    assert PENDING_NOTE not in then.text and "1 story" in then.text
    assert len(probes) == 1


def test_a_list_too_long_to_count_on_the_request_is_counted_exactly_off_it(
    client, archive, moderator, slow_counts, monkeypatch, django_capture_on_commit_callbacks
):
    from stories import search

    monkeypatch.setattr(search, "RANK_LIMIT", 1)  # past it, PostgreSQL gives an estimate
    StoryFactory(published=True)
    take_down_first(archive, moderator, django_capture_on_commit_callbacks)
    slow_counts()

    client.get(FINDER)  # its results counted alone; the whole count runs after the response
    counted = served("story", "")

    assert (counted.count, counted.estimated, counted.pending) == (3, False, False)
    assert "3 stories" in client.get(FINDER).text


def waits(monkeypatch) -> list[float]:
    """The waits for another process's count, by their length."""
    calls = []
    wait_for = counts.wait_for

    def recorded(key, lock, *, seconds=120):
        calls.append(seconds)
        return wait_for(key, lock, seconds=seconds)

    monkeypatch.setattr(counts, "wait_for", recorded)
    return calls


@pytest.mark.parametrize(
    ("holder", "waited"),
    [("a whole count", []), ("a reader trying within the wait", [counts.WAIT_SECONDS])],
)
def test_a_reader_waits_for_another_readers_try_but_not_for_a_whole_count(
    client, archive, queued, monkeypatch, holder, waited
):
    _, _, lock = counts.keys("story", "", content_version())
    value = content_version() if holder == "a whole count" else counts.TRYING_WITHIN_WAIT
    cache.add(lock, value, timeout=60)
    calls = waits(monkeypatch)

    response = client.get(FINDER)

    assert PENDING_NOTE in response.text and "3 stories" in response.text
    assert calls == waited


def test_a_recount_asked_while_one_runs_leaves_it_to_count_again_for_the_newer_version(
    archive, monkeypatch
):
    from stories.cache import bump_content_version

    counted_versions = []
    count = counts.count

    def counting(filterset, version, results=None):
        counted_versions.append(version)
        if len(counted_versions) == 1:
            # A change commits while the first count runs; its recount finds the lock held.
            bump_content_version()
            began = time.monotonic()
            assert counts.recount("story", "") is None
            assert time.monotonic() - began < 1  # it did not wait for this count
        return count(filterset, version, results)

    monkeypatch.setattr(counts, "count", counting)
    first = content_version()

    latest = counts.recount("story", "")

    assert counted_versions == [first, content_version()]
    assert latest.version == content_version()
    assert same(served("story", ""), from_scratch("story", ""))


@pytest.mark.parametrize(("last_count_took", "tried"), [(5.0, False), (0.01, True)])
def test_after_a_removal_a_state_slow_to_count_last_time_is_not_tried_on_the_request(
    client,
    archive,
    moderator,
    queued,
    monkeypatch,
    django_capture_on_commit_callbacks,
    last_count_took,
    tried,
):
    import dataclasses

    client.get(FINDER)  # counted
    _, latest_key, _ = counts.keys("story", "", content_version())
    cache.set(latest_key, dataclasses.replace(cache.get(latest_key), seconds=last_count_took))
    take_down_first(archive, moderator, django_capture_on_commit_callbacks)
    tries = []
    count_within = counts.count_within
    monkeypatch.setattr(
        counts, "count_within", lambda *args: tries.append(args) or count_within(*args)
    )

    page = client.get(FINDER).text

    assert "2 stories" in page and archive[0].title not in page
    assert bool(tries) is tried
    assert (PENDING_NOTE in page) is not tried
