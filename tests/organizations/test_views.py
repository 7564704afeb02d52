from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations.models import Organization
from tests.factories import OrganizationFactory, RoundUpFactory, StoryFactory, image_file, region

# Whole pages are cached for readers too: these tests look at what renders a page.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def iom():
    return OrganizationFactory(
        name="International Organization for Migration",
        slug="iom",
        acronym="IOM",
        kind=Organization.Kind.INTERGOVERNMENTAL,
        website="https://www.iom.int/",
        description="The UN migration agency.",
        aliases="UN Migration\nOIM",
        headquarters=region("switzerland"),
        logo=image_file("logo.png", size=(400, 400), image_format="PNG"),
    )


def test_an_organization_page_shows_kind_website_logo_and_description(client, iom):
    response = client.get("/organizations/iom/")
    text = response.text

    assert response.status_code == 200
    assert "Intergovernmental body" in text
    assert 'href="https://www.iom.int/"' in text
    assert "The UN migration agency." in text
    assert "UN Migration, OIM" in text
    assert 'href="/regions/switzerland/"' in text
    logo = re.search(r'<div class="logo"><img [^>]*>', text).group(0)
    assert 'alt="Logo of International Organization for Migration"' in logo
    assert 'loading="lazy"' in logo and "srcset=" in logo


def test_an_organization_page_lists_its_published_stories_and_digests(client, iom):
    story = StoryFactory(published=True, title="IOM helps returnees", organizations=[iom])
    StoryFactory(title="Draft about IOM", organizations=[iom])
    RoundUpFactory(published=True, number=55, title="Returns week", lead_story=story)
    RoundUpFactory(number=56, title="Draft week", lead_story=story)

    text = client.get("/organizations/iom/").text

    assert "IOM helps returnees" in text
    assert "Draft about IOM" not in text
    assert "No. 55: Returns week" in text
    assert "Draft week" not in text


def test_an_organization_page_looks_up_the_digests_of_its_few_stories_by_key(client, iom):
    story = StoryFactory(published=True, organizations=[iom])
    RoundUpFactory(published=True, number=57, title="Shelters week", items=[story])
    RoundUpFactory(published=True, title="Other week", items=[StoryFactory(published=True)])

    with CaptureQueriesContext(connection) as queries:
        text = client.get("/organizations/iom/").text

    assert "No. 57: Shelters week" in text
    assert "Other week" not in text
    # All its stories are on the page. Given the organization's subquery instead, PostgreSQL
    # would expect hundreds of stories and walk every digest looking for them.
    sql = [query["sql"] for query in queries.captured_queries]
    digests = [statement for statement in sql if '"stories_roundup"."number"' in statement]
    assert len(digests) == 1
    assert "stories_story_organizations" not in digests[0]


def test_an_organization_page_links_into_the_prefiltered_finder_and_feed(client, iom):
    text = client.get("/organizations/iom/").text

    assert 'href="/stories/?organization=iom"' in text
    assert 'href="/stories/?organization=iom&amp;open=1"' in text
    assert 'href="/digests/?organization=iom"' in text
    assert 'href="/feeds/stories/?organization=iom"' in text


def test_an_organization_page_has_its_own_title_and_sharing_tags(client, iom):
    text = client.get("/organizations/iom/").text

    assert "<title>International Organization for Migration (IOM) (Intergovernmental body)" in text
    assert '<link rel="canonical" href="http://127.0.0.1:8000/organizations/iom/">' in text
    assert '<meta property="og:image" content="http://127.0.0.1:8000/media/renditions/' in text


@pytest.mark.parametrize("count", [5, 50])
def test_an_organization_page_runs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, iom, count
):
    for _ in range(count):
        story = StoryFactory(published=True, organizations=[iom], regions=[region("kenya")])
        RoundUpFactory(published=True, lead_story=story)

    with django_assert_max_num_queries(16):
        assert client.get("/organizations/iom/").status_code == 200
