from __future__ import annotations

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stories.facets import facets_for
from stories.filters import StoryFilter
from stories.models import Story, Topic
from tests.factories import (
    OrganizationFactory,
    RoundUpFactory,
    StoryFactory,
    TopicFactory,
    region,
)

# Whole pages are cached for readers too: these tests look at what renders a page.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def topic(slug: str) -> Topic:
    return Topic.objects.get(slug=slug)


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def titles(response) -> set[str]:
    return {obj.title for obj in response.context["page_obj"]}


@pytest.fixture
def archive():
    """A small archive spread over themes, places, organizations, tags and dates."""
    iom = OrganizationFactory(name="IOM", slug="iom", acronym="IOM")
    osce = OrganizationFactory(name="OSCE", slug="osce-org", acronym="OSCE")
    today = timezone.localdate()
    StoryFactory(
        published=True, title="Kenya labour", published_at=days_ago(2),
        topics=[topic("forced-labour")], regions=[region("kenya")], organizations=[iom],
        tags=["report"], deadline=today + datetime.timedelta(days=10),
    )  # fmt: skip
    StoryFactory(
        published=True, title="Kenya orphanages", published_at=days_ago(40),
        topics=[topic("orphanage-trafficking")], regions=[region("kenya")],
        organizations=[osce], deadline=today - datetime.timedelta(days=1),
    )  # fmt: skip
    StoryFactory(
        published=True, title="Germany children", published_at=days_ago(5),
        topics=[topic("child-trafficking")], regions=[region("germany")],
        organizations=[osce, iom], tags=["report", "court"],
    )  # fmt: skip
    StoryFactory(
        published=True, title="Thailand compounds", published_at=days_ago(90),
        topics=[topic("scam-compounds"), topic("forced-labour")], regions=[region("thailand")],
        tags=["court"],
    )  # fmt: skip
    StoryFactory(
        published=True, title="Eastern Africa survey", published_at=days_ago(3),
        topics=[topic("research-and-data")], regions=[region("eastern-africa")],
    )  # fmt: skip
    # Never to be seen or counted.
    StoryFactory(
        title="Draft Kenya labour", topics=[topic("forced-labour")], regions=[region("kenya")],
        organizations=[iom], tags=["report"],
    )  # fmt: skip
    StoryFactory(
        title="Scheduled Kenya labour", status="scheduled",
        published_at=timezone.now() + datetime.timedelta(days=1),
        topics=[topic("forced-labour")], regions=[region("kenya")],
    )  # fmt: skip


# --- Each filter alone -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=forced-labour", {"Kenya labour", "Thailand compounds"}),
        # A parent theme includes its sub-themes.
        ("topic=child-trafficking", {"Kenya orphanages", "Germany children"}),
        ("topic=forced-criminality", {"Thailand compounds"}),
        ("topic=forced-labour&topic=research-and-data",
         {"Kenya labour", "Thailand compounds", "Eastern Africa survey"}),
        ("region=kenya", {"Kenya labour", "Kenya orphanages"}),
        ("organization=iom", {"Kenya labour", "Germany children"}),
        ("organization=iom&organization=osce-org",
         {"Kenya labour", "Germany children", "Kenya orphanages"}),
        ("tag=court", {"Germany children", "Thailand compounds"}),
        ("open=1", {"Kenya labour"}),
        ("open=on", {"Kenya labour"}),
        ("q=orphanages", {"Kenya orphanages"}),
    ],
)  # fmt: skip
def test_each_filter_narrows_the_stories_on_its_own(client, archive, query, expected):
    response = client.get(f"/stories/?{query}")

    assert response.status_code == 200
    assert titles(response) == expected


def test_the_date_range_uses_the_publication_day(client, archive):
    since = (timezone.localdate() - datetime.timedelta(days=4)).isoformat()
    until = (timezone.localdate() - datetime.timedelta(days=4)).isoformat()
    week_ago = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()

    assert titles(client.get(f"/stories/?from={since}")) == {"Kenya labour",
                                                             "Eastern Africa survey"}  # fmt: skip
    assert titles(client.get(f"/stories/?to={until}")) == {
        "Kenya orphanages", "Germany children", "Thailand compounds"
    }  # fmt: skip
    assert titles(client.get(f"/stories/?from={week_ago}&to={until}")) == {"Germany children"}


@pytest.mark.parametrize(
    "query",
    ["region=africa", "region=eastern-africa", "region=world", "region=african-union"],
)
def test_a_region_includes_its_sub_regions_countries_and_grouping_members(client, archive, query):
    expected = {"Kenya labour", "Kenya orphanages", "Eastern Africa survey"}
    if query == "region=world":
        expected |= {"Germany children", "Thailand compounds"}
    if query == "region=african-union":
        expected -= {"Eastern Africa survey"}  # a grouping covers its member countries only

    assert titles(client.get(f"/stories/?{query}")) == expected


def test_groupings_match_their_member_countries(client, archive):
    assert titles(client.get("/stories/?region=asean")) == {"Thailand compounds"}
    assert titles(client.get("/stories/?region=osce")) == {"Germany children"}
    assert titles(client.get("/stories/?region=european-union")) == {"Germany children"}


# --- Combined ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=forced-labour&region=africa", {"Kenya labour"}),
        ("topic=child-trafficking&organization=osce-org", {"Kenya orphanages", "Germany children"}),
        ("topic=child-trafficking&organization=osce-org&region=europe", {"Germany children"}),
        ("tag=report&organization=iom&open=1", {"Kenya labour"}),
        ("tag=court&region=asia&topic=forced-labour", {"Thailand compounds"}),
        ("region=kenya&q=orphanages", {"Kenya orphanages"}),
        ("region=kenya&topic=research-and-data", set()),
    ],
)
def test_filters_combine(client, archive, query, expected):
    assert titles(client.get(f"/stories/?{query}")) == expected


def test_the_digest_finder_applies_every_story_filter_to_one_story(client, archive):
    kenya = Story.objects.get(title="Kenya labour")
    germany = Story.objects.get(title="Germany children")
    RoundUpFactory(published=True, title="African digest", lead_story=kenya)
    RoundUpFactory(published=True, title="Mixed digest", items=[germany, kenya])
    RoundUpFactory(published=True, title="European digest", items=[germany])

    assert titles(client.get("/digests/?region=africa")) == {"African digest", "Mixed digest"}
    # Germany's story is in Europe but not on forced labour: only a digest with one story
    # matching both counts.
    assert titles(client.get("/digests/?region=europe&topic=forced-labour")) == set()
    assert titles(client.get("/digests/?organization=osce-org&tag=court")) == {
        "Mixed digest", "European digest"
    }  # fmt: skip


def test_the_digest_finder_filters_by_the_digests_publication_date(client, archive):
    RoundUpFactory(published=True, title="Old digest", published_at=days_ago(30))
    RoundUpFactory(published=True, title="New digest", published_at=days_ago(1))
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()

    assert titles(client.get(f"/digests/?from={since}")) == {"New digest"}


# --- Invalid input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "from=2025-13-45",
        "to=yesterday",
        "from=0001-01-01",
        "to=9999-12-31",
        "from=2025-99-01&topic=forced-labour",
    ],
)
def test_a_malformed_date_is_reported_on_the_page_not_a_server_error(client, archive, query):
    response = client.get(f"/stories/?{query}")

    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert "Some filters could not be used" in response.text
    assert response.context["page_obj"].paginator.count >= 1


def test_an_end_date_before_the_start_date_is_explained(client, archive):
    response = client.get("/stories/?from=2025-05-02&to=2025-05-01")

    assert response.status_code == 200
    assert "The end date is before the start date." in response.text


def test_an_unknown_option_is_reported_and_left_out(client, archive):
    response = client.get("/stories/?topic=no-such-theme&region=kenya")

    assert response.status_code == 200
    assert "Some filters could not be used" in response.text
    assert titles(response) == {"Kenya labour", "Kenya orphanages"}


def test_digests_have_no_open_calls_or_sort_filter(client, archive):
    response = client.get("/digests/?open=1&sort=relevance")

    assert response.status_code == 200
    assert 'name="open"' not in response.text
    assert 'name="sort"' not in response.text


# --- Facets ------------------------------------------------------------------------------------


def facet_options(response) -> dict[str, dict[str, int]]:
    return {
        facet.name: {option.slug: option.count for option in facet.options}
        for facet in response.context["facets"]
    }


@pytest.mark.parametrize("state", ["", "region=africa", "topic=forced-labour&tag=report",
                                   "organization=osce-org", "q=kenya"])  # fmt: skip
def test_each_facet_count_is_the_number_of_results_choosing_that_option_gives(
    client, archive, state
):
    response = client.get(f"/stories/?{state}")
    params = [pair.split("=") for pair in state.split("&") if pair]

    checked = 0
    for facet, options in facet_options(response).items():
        others = "&".join(f"{k}={v}" for k, v in params if k != facet)
        for slug, count in options.items():
            chosen = client.get(f"/stories/?{others}&{facet}={slug}")
            assert chosen.context["page_obj"].paginator.count == count, (facet, slug, state)
            checked += 1
    assert checked > 0


def test_digest_facet_counts_match_the_digest_results(client, archive):
    kenya = Story.objects.get(title="Kenya labour")
    germany = Story.objects.get(title="Germany children")
    thailand = Story.objects.get(title="Thailand compounds")
    RoundUpFactory(published=True, title="One", lead_story=kenya, items=[germany])
    RoundUpFactory(published=True, title="Two", items=[germany, thailand])
    RoundUpFactory(published=True, title="Three", items=[kenya])

    response = client.get("/digests/?tag=report")
    options = facet_options(response)

    assert options["region"]["africa"] == 2
    for facet, counts in options.items():
        for slug, count in counts.items():
            if facet == "tag":
                chosen = client.get(f"/digests/?tag={slug}")
            else:
                chosen = client.get(f"/digests/?tag=report&{facet}={slug}")
            assert chosen.context["page_obj"].paginator.count == count, (facet, slug)


def test_facet_counts_roll_up_the_hierarchies(client, archive):
    options = facet_options(client.get("/stories/"))

    assert options["topic"]["child-trafficking"] == 2  # itself and orphanage trafficking
    assert options["topic"]["orphanage-trafficking"] == 1
    assert options["region"]["africa"] == 3
    assert options["region"]["eastern-africa"] == 3
    assert options["region"]["kenya"] == 2
    assert options["region"]["african-union"] == 2
    assert options["region"]["osce"] == 1
    assert "world" not in options["region"]


def test_a_story_in_several_places_of_one_region_counts_once_for_it(client):
    # Réunion, between them in the tree's order, is not in the African Union.
    StoryFactory(published=True, regions=[region("kenya"), region("reunion"), region("uganda")])
    StoryFactory(published=True, regions=[region("germany"), region("france"), region("kenya")])
    StoryFactory(published=True, regions=[region("eastern-africa"), region("tanzania")])

    options = facet_options(client.get("/stories/"))

    assert options["region"]["africa"] == 3
    assert options["region"]["eastern-africa"] == 3
    assert options["region"]["kenya"] == 2
    assert options["region"]["europe"] == 1
    assert options["region"]["western-europe"] == 1
    # Kenya, Uganda and Tanzania all belong to the African Union.
    assert options["region"]["african-union"] == 3


def test_a_story_on_a_theme_and_its_sub_themes_counts_once_for_the_theme(client):
    orphanages = topic("orphanage-trafficking")
    volunteering = TopicFactory(name="Orphanage volunteering", parent=orphanages)
    begging = TopicFactory(name="Child begging", parent=topic("child-trafficking"))
    StoryFactory(published=True, topics=[topic("child-trafficking"), orphanages])
    StoryFactory(published=True, topics=[orphanages, topic("online-child-sexual-exploitation")])
    # A sub-theme with a sub-theme of its own, and a sibling in between.
    StoryFactory(published=True, topics=[orphanages, begging, volunteering])

    options = facet_options(client.get("/stories/"))

    assert options["topic"]["child-trafficking"] == 3
    assert options["topic"]["orphanage-trafficking"] == 3
    assert options["topic"]["orphanage-volunteering"] == 1
    assert options["topic"]["child-begging"] == 1


def test_a_digest_with_several_stories_in_one_place_counts_once_for_it(client):
    kenya = StoryFactory(published=True, regions=[region("kenya")])
    also_kenya = StoryFactory(published=True, regions=[region("kenya")])
    uganda = StoryFactory(published=True, regions=[region("uganda")])
    RoundUpFactory(published=True, lead_story=kenya, items=[also_kenya, uganda])
    RoundUpFactory(published=True, items=[also_kenya])

    options = facet_options(client.get("/digests/"))

    assert options["region"]["kenya"] == 2
    assert options["region"]["uganda"] == 1
    assert options["region"]["eastern-africa"] == 2
    assert options["region"]["africa"] == 2
    assert options["region"]["african-union"] == 2


def test_facets_never_count_unpublished_stories(archive):
    filterset = StoryFilter(data={}, queryset=Story.objects.published())
    counts = {f.name: {o.slug: o.count for o in f.options} for f in facets_for(filterset)}

    assert counts["topic"]["forced-labour"] == 2
    assert counts["region"]["kenya"] == 2
    assert counts["organization"]["iom"] == 2
    assert counts["tag"]["report"] == 2


def is_bookkeeping(sql: str) -> bool:
    """Savepoints and the per-statement memory setting around the facet query."""
    return sql.upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "SET LOCAL"))


def test_facets_are_counted_in_one_statement_and_then_cached(archive, django_assert_num_queries):
    data = {"topic": ["forced-labour"], "region": ["africa"]}
    with CaptureQueriesContext(connection) as queries:
        filterset = StoryFilter(data=data, queryset=Story.objects.published())
        facets_for(filterset)
    grouped = [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    # One statement. The chosen facets are each counted without their own choice; organization
    # and tag share the fully filtered results: three sets of filtered stories.
    assert len(grouped) == 1
    assert len(re.findall(r"\bp[0-9]+ AS \(SELECT", grouped[0])) == 3
    statements = [q for q in queries.captured_queries if not is_bookkeeping(q["sql"])]
    assert len(statements) <= 16

    with CaptureQueriesContext(connection) as queries:
        facets_for(StoryFilter(data={}, queryset=Story.objects.published()))
    assert len([q for q in queries.captured_queries if "GROUP BY" in q["sql"]]) == 1

    filterset = StoryFilter(data=data, queryset=Story.objects.published())
    filterset.form.is_valid()
    with django_assert_num_queries(0):
        facets_for(filterset)


def test_facet_counts_change_when_content_changes(archive):
    def kenya_count():
        filterset = StoryFilter(data={}, queryset=Story.objects.published())
        facets = {f.name: {o.slug: o.count for o in f.options} for f in facets_for(filterset)}
        return facets["region"]["kenya"]

    assert kenya_count() == 2
    StoryFactory(published=True, regions=[region("kenya")])
    assert kenya_count() == 3


def test_facets_are_checkbox_lists_with_counts_not_selects(client, archive):
    for index in range(30):
        OrganizationFactory(name=f"Body {index}", slug=f"body-{index}")
    response = client.get("/stories/?topic=forced-labour")
    text = response.text

    assert '<select name="organization"' not in text
    assert '<select name="topic"' not in text
    assert 'type="checkbox" name="topic" value="forced-labour"' in text
    assert re.search(r'value="forced-labour"[^>]*checked', text)
    assert "Kenya" in text and "(2<span" in text


def test_a_chosen_option_is_listed_even_beyond_the_top_of_its_facet(client, archive):
    for index in range(15):
        org = OrganizationFactory(name=f"Busy body {index}", slug=f"busy-{index}")
        for _ in range(2):
            StoryFactory(published=True, organizations=[org])
    quiet = OrganizationFactory(name="Quiet body", slug="quiet")
    StoryFactory(published=True, title="Quiet story", organizations=[quiet])

    unchosen = client.get("/stories/")
    chosen = client.get("/stories/?organization=quiet")

    assert "Quiet body" not in {o.name for f in unchosen.context["facets"] for o in f.options}
    facet = next(f for f in chosen.context["facets"] if f.name == "organization")
    assert any(o.slug == "quiet" and o.selected for o in facet.options)
    assert facet.hidden > 0


# --- Chips, clearing, pagination, indexing ----------------------------------------------------


def test_active_filters_are_removable_chips_with_a_clear_all_link(client, archive):
    response = client.get("/stories/?region=africa&topic=forced-labour")
    chips = {chip["label"]: chip["remove_url"] for chip in response.context["chips"]}

    assert chips == {
        "Forced labour": "/stories/?region=africa",
        "Africa": "/stories/?topic=forced-labour",
    }
    assert 'href="/stories/">Clear all</a>' in response.text
    assert "Remove filter: </span>Africa" in response.text


def test_an_empty_result_says_so_and_offers_to_widen_the_search(client, archive):
    response = client.get("/stories/?region=kenya&topic=research-and-data")

    assert "No stories match these filters." in response.text
    assert 'href="/stories/?topic=research-and-data">Without “Kenya”' in response.text
    assert 'href="/stories/?region=kenya">Without “Research and data”' in response.text


def test_pagination_links_keep_the_filters(client):
    for index in range(25):
        StoryFactory(published=True, title=f"Kenya {index}", regions=[region("kenya")])

    response = client.get("/stories/?region=kenya&topic=", follow=True)

    assert response.redirect_chain == [("/stories/?region=kenya", 301)]
    assert 'href="?region=kenya&amp;page=2"' in response.text
    second = client.get("/stories/?region=kenya&page=2")
    assert len(second.context["page_obj"]) == 5


def test_a_page_past_the_end_shows_the_last_page_with_a_note(client):
    for _ in range(3):
        StoryFactory(published=True)

    response = client.get("/stories/?page=7")

    assert response.status_code == 200
    assert "There is no page 7" in response.text
    assert response.context["page_obj"].number == 1


@pytest.mark.parametrize("page", ["x", "0", "-1", "101", "99999999999999999999"])
def test_unusable_page_numbers_are_not_found_never_a_server_error(client, page):
    StoryFactory(published=True)

    assert client.get(f"/stories/?page={page}").status_code == 404


def test_the_result_count_is_cached_per_state_and_content_version(client, archive):
    client.get("/stories/?region=africa")

    with CaptureQueriesContext(connection) as queries:
        client.get("/stories/?region=africa")

    assert not [q for q in queries.captured_queries if "COUNT(*)" in q["sql"].upper()]


def canonical(response) -> str:
    return html.unescape(re.search(r'<link rel="canonical" href="([^"]+)"', response.text).group(1))


def test_a_state_with_up_to_two_filter_values_has_its_own_canonical_url(client, archive):
    response = client.get("/stories/?topic=forced-labour&region=africa&page=1")

    assert canonical(response) == "http://127.0.0.1:8000/stories/?region=africa&topic=forced-labour"
    assert 'name="robots"' not in response.text
    # The order of parameters does not make another page.
    other = client.get("/stories/?region=africa&topic=forced-labour")
    assert canonical(other) == canonical(response)


@pytest.mark.parametrize(
    "query",
    [
        "topic=forced-labour&region=africa&tag=report",
        "topic=forced-labour&topic=child-trafficking&region=africa",
        "q=labour",
        "sort=relevance",
        "from=bad",
    ],
)
def test_deeper_states_are_not_indexed(client, archive, query):
    response = client.get(f"/stories/?{query}")

    assert '<meta name="robots" content="noindex, follow">' in response.text


def test_pages_beyond_the_first_are_not_indexed(client):
    for _ in range(21):
        StoryFactory(published=True)

    first, second = client.get("/stories/"), client.get("/stories/?page=2")

    assert 'name="robots"' not in first.text
    assert '<meta name="robots" content="noindex, follow">' in second.text
    assert canonical(second) == "http://127.0.0.1:8000/stories/?page=2"


def test_the_finder_links_its_filtered_feeds(client, archive):
    response = client.get("/stories/?topic=forced-labour&region=africa")

    feed = "/feeds/stories/?region=africa&amp;topic=forced-labour"
    title = "Stories: Forced labour, Africa (RSS)"
    link = f'<link rel="alternate" type="application/rss+xml" title="{title}" href="{feed}">'
    assert link in response.text
    assert f'href="{feed}">RSS feed</a>' in response.text
    assert 'href="/feeds/stories/atom/?region=africa&amp;topic=forced-labour"' in response.text


def test_the_finder_works_as_a_plain_get_form(client, archive):
    response = client.get("/stories/")

    assert '<form method="get" action="/stories/"' in response.text
    # The one script in the page is a file that improves the form (the facet picker, short
    # URLs); the form and every link work without it (tests/e2e/test_facet_picker.py).
    body = response.text.split("</head>")[1]
    assert re.findall(r"<script[^>]*>", body) == ['<script src="/static/stories/finder.js" defer>']
