"""Index pages of themes, places and organizations, and the full list of a facet's options that
the finder's panel links to (and its filter-as-you-type box reads)."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories.models import Region, Topic
from tests.factories import OrganizationFactory, RoundUpFactory, StoryFactory, region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def topic(slug: str) -> Topic:
    return Topic.objects.get(slug=slug)


def count_after(text: str, name: str) -> int:
    match = re.search(rf">{re.escape(name)}</a>(?: \([^)]*\))? <span class=\"count\">(\d+) ", text)
    assert match, name
    return int(match.group(1))


@pytest.fixture
def archive():
    iom = OrganizationFactory(name="International Organization for Migration", acronym="IOM",
                              slug="iom")  # fmt: skip
    StoryFactory(published=True, topics=[topic("child-labour")], regions=[region("kenya")],
                 organizations=[iom])  # fmt: skip
    StoryFactory(published=True, topics=[topic("forced-labour"), topic("child-labour")],
                 regions=[region("ghana")])  # fmt: skip
    StoryFactory(
        topics=[topic("forced-labour")],
        regions=[region("kenya")],
        organizations=[iom, OrganizationFactory(name="Draft only", slug="draft-only")],
    )
    return iom


def test_the_themes_index_lists_every_theme_under_its_parent_with_published_counts(client, archive):
    response = client.get("/topics/")

    assert response.status_code == 200
    text = response.text
    # Two published stories: one on child labour only, one on both; the draft does not count.
    assert count_after(text, "Forced labour") == 2
    assert count_after(text, "Child labour") == 2
    assert count_after(text, "Organ removal") == 0
    forced = text.index(">Forced labour</a>")
    assert forced < text.index(">Child labour</a>") < text.index("</ul>", forced)


def test_the_places_index_is_the_m49_tree_with_groupings_and_counts(client, archive):
    text = client.get("/regions/").text

    assert count_after(text, "Africa") == 2
    assert count_after(text, "Sub-Saharan Africa") == 2
    assert count_after(text, "Eastern Africa") == 1
    assert count_after(text, "Kenya") == 1
    assert count_after(text, "ECOWAS") == 1
    assert count_after(text, "Europe") == 0
    # Nested: Kenya inside Eastern Africa inside Sub-Saharan Africa inside Africa.
    africa = text.index(">Africa</a>")
    assert africa < text.index(">Sub-Saharan Africa</a>") < text.index(">Eastern Africa</a>")
    assert text.index(">Eastern Africa</a>") < text.index(">Kenya</a>")
    # Every area and grouping, and the countries with stories: not a page ten screens long.
    linked = set(re.findall(r'href="/regions/([a-z-]+)/"', text))
    areas = Region.objects.exclude(kind__in=["world", "country"])
    areas = set(areas.values_list("slug", flat=True))
    assert linked == areas | {"kenya", "ghana"}


def test_the_organizations_index_lists_those_published_stories_mention(client, archive):
    text = client.get("/organizations/").text

    assert count_after(text, "International Organization for Migration") == 1
    assert "Draft only" not in text
    assert '<a href="#letter-1">I</a>' in text


@pytest.mark.parametrize("url", ["/topics/", "/regions/", "/organizations/"])
def test_index_pages_run_the_same_few_queries_however_large_the_archive(client, url):
    kenya, iom = region("kenya"), OrganizationFactory(slug="iom")

    def add_stories(count):
        for _ in range(count):
            StoryFactory(
                published=True,
                topics=[topic("forced-labour")],
                regions=[kenya],
                organizations=[iom, OrganizationFactory()],
            )

    queries = []
    for count in (3, 30):
        add_stories(count)  # a new story changes the content version: counted afresh
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        queries.append(len(captured))
    assert queries[0] == queries[1] <= 16


def test_the_main_navigation_leads_to_the_indexes(client):
    text = client.get("/").text
    for url in ("/topics/", "/regions/", "/organizations/"):
        assert f'<a href="{url}">' in text


# --- The facet's full list and picker -----------------------------------------------------------


@pytest.fixture
def many_countries():
    countries = Region.objects.countries().order_by("name")[:20]
    for index, country in enumerate(countries):
        StoryFactory(published=True, regions=[country], topics=[topic("forced-labour")],
                     title=f"Story {index}")  # fmt: skip
    return countries


def test_a_facet_with_more_options_than_it_shows_links_to_its_full_list(client, many_countries):
    text = client.get("/stories/", {"topic": "forced-labour"}).text

    link = re.search(r'data-facet-picker="region"[^>]*><a href="([^"]+)">All places', text)
    assert link, "the places facet links to its full list"
    assert link.group(1) == "/stories/options/region/?topic=forced-labour"
    assert "use the search box" not in text
    assert re.search(r'<script src="/static/stories/finder[^"]*\.js" defer>', text)
    assert finders.find("stories/finder.js")


def test_the_full_list_has_every_option_with_results_and_links_that_add_it(client, many_countries):
    response = client.get("/stories/options/region/", {"topic": "forced-labour"})

    assert response.status_code == 200
    text = response.text
    for country in many_countries:
        url = f"/stories/?region={country.slug}&amp;topic=forced-labour"
        assert f'<a href="{url}" data-option data-slug="{country.slug}"' in text
    assert 'data-slug="europe"' not in text or count_after(text, "Europe") > 0
    assert '<meta name="robots" content="noindex' in text


def test_a_chosen_option_in_the_full_list_links_to_the_search_without_it(client, many_countries):
    chosen = many_countries[0]
    text = client.get("/stories/options/region/", {"region": chosen.slug}).text

    assert f'<a href="/stories/" data-option data-slug="{chosen.slug}"' in text
    assert "data-selected" in text


def test_digests_have_their_own_full_lists(client, many_countries):
    RoundUpFactory(published=True, items=list(many_countries[0].stories.all()))
    response = client.get("/digests/options/region/")
    assert response.status_code == 200
    assert f'href="/digests/?region={many_countries[0].slug}"' in response.text


@pytest.mark.parametrize(
    "url", ["/stories/options/nothing/", "/stories/options/region/?region=nowhere&from=x"]
)
def test_the_full_list_answers_bad_input_without_an_error(client, url):
    assert client.get(url).status_code in (200, 404)
