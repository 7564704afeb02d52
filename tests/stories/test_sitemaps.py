from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.contrib.sitemaps.views import sitemap as django_sitemap

from stories.models import Topic
from stories.sitemaps import SITEMAPS, StorySitemap
from tests.factories import OrganizationFactory, RoundUpFactory, StoryFactory, region

# Whole pages are cached for readers too: these tests look at what renders a page.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "http://127.0.0.1:8000"


def sitemap(client) -> dict[str, str | None]:
    """Every URL of every section the index lists, with its lastmod."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    root = ET.fromstring(index.content)
    assert root.tag == f"{NS}sitemapindex"
    urls = {}
    for location in root.iter(f"{NS}loc"):
        assert location.text.startswith(SITE + "/sitemap-")
        section = client.get(location.text.removeprefix(SITE))
        assert section.status_code == 200
        urlset = ET.fromstring(section.content)
        assert urlset.tag == f"{NS}urlset"
        urls |= {url.findtext(f"{NS}loc"): url.findtext(f"{NS}lastmod") for url in urlset}
    return urls


def test_the_sitemap_lists_published_content_and_the_pages_that_lead_to_it(client):
    iom = OrganizationFactory(name="IOM", slug="iom")
    OrganizationFactory(name="Silent body", slug="silent")
    story = StoryFactory(
        published=True, topics=[Topic.objects.get(slug="orphanage-trafficking")],
        regions=[region("kenya")], organizations=[iom],
    )  # fmt: skip
    roundup = RoundUpFactory(published=True, lead_story=story)

    urls = sitemap(client)

    assert urls[SITE + story.get_absolute_url()]
    assert urls[SITE + roundup.get_absolute_url()]
    assert SITE + "/organizations/iom/" in urls
    for path in ("/", "/stories/", "/digests/", "/deadlines/",
                 "/topics/orphanage-trafficking/", "/topics/child-trafficking/",
                 "/regions/kenya/", "/regions/eastern-africa/", "/regions/africa/",
                 "/regions/african-union/"):  # fmt: skip
        assert SITE + path in urls, path
    for path in ("/organizations/silent/", "/regions/germany/", "/topics/forced-labour/"):
        assert SITE + path not in urls, path


def test_the_sitemap_never_lists_unpublished_items(client):
    org = OrganizationFactory(name="Only in drafts", slug="drafts-only")
    draft = StoryFactory(
        title="Draft", topics=[Topic.objects.get(slug="forced-labour")],
        regions=[region("germany")], organizations=[org],
    )  # fmt: skip
    draft_roundup = RoundUpFactory(lead_story=draft)

    urls = sitemap(client)

    assert SITE + draft.get_absolute_url() not in urls
    assert SITE + draft_roundup.get_absolute_url() not in urls
    assert SITE + "/organizations/drafts-only/" not in urls
    assert SITE + "/regions/germany/" not in urls
    assert SITE + "/topics/forced-labour/" not in urls


@pytest.mark.parametrize("count", [5, 50])
def test_the_sitemap_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries, count):
    org = OrganizationFactory(name="IOM", slug="iom")
    for _ in range(count):
        StoryFactory(published=True, regions=[region("kenya")], organizations=[org])

    for path in ["/sitemap.xml"] + [f"/sitemap-{section}.xml" for section in SITEMAPS]:
        # The first vocabulary section counts the finder's facets once per content version,
        # reading the themes' and places' expansion pairs first (stories.facets). PostgreSQL's
        # first facet count of a content version also sets its statement timeout and takes the
        # count's lock: three more statements, the same at any archive size.
        with django_assert_max_num_queries(14):
            assert client.get(path).status_code == 200


def test_the_index_splits_a_large_section_into_pages(client, settings, monkeypatch):
    monkeypatch.setattr(StorySitemap, "limit", 2)
    for _ in range(5):
        StoryFactory(published=True)

    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in root.iter(f"{NS}loc")]

    assert f"{SITE}/sitemap-stories.xml?p=3" in locations
    assert len(sitemap(client)) >= 5 + 4


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_pages(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /preview/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


def test_robots_txt_does_not_reveal_a_custom_admin_address(client, settings):
    settings.ADMIN_URL = "back-office-7f3a/"

    lines = client.get("/robots.txt").content.decode().splitlines()

    assert not any("admin" in line or "back-office" in line for line in lines)
    assert "Disallow: /preview/" in lines


def entries(content: bytes) -> list[tuple]:
    return [
        tuple(url.findtext(f"{NS}{name}") for name in ("loc", "lastmod", "changefreq", "priority"))
        for url in ET.fromstring(content)
    ]


def test_each_section_says_what_djangos_sitemap_view_would(client, rf):
    links = {
        "regions": [region("kenya")],
        "topics": [Topic.objects.get(slug="forced-labour")],
        "organizations": [OrganizationFactory()],
    }
    stories = [StoryFactory(published=True, **links) for _ in range(3)]
    RoundUpFactory(published=True, items=stories[1:], lead_story=stories[0])
    index = ET.fromstring(client.get("/sitemap.xml").content)
    listed: dict[str, list] = {section: [] for section in SITEMAPS}

    # Every page the index lists, as a crawler reads them: stories and digests are split by
    # ranges of their ids, and PostgreSQL's ids keep growing from test to test.
    for location in index.iter(f"{NS}loc"):
        path = location.text.removeprefix(SITE)
        section = path.removeprefix("/sitemap-").partition(".xml")[0]
        # Django's view first: outside a request it counts the finder's facets afresh, where a
        # request may be given the counts from before this test's stories for a moment.
        theirs = django_sitemap(rf.get(path), SITEMAPS, section=section)
        theirs.render()
        ours = client.get(path)

        assert ours["Content-Type"] == theirs["Content-Type"]
        assert entries(ours.content) == entries(theirs.content), path
        assert ours.get("Last-Modified") == theirs.get("Last-Modified"), path
        assert ours["X-Robots-Tag"] == theirs["X-Robots-Tag"]
        listed[section] += entries(ours.content)

    assert all(listed.values()), listed


@pytest.mark.parametrize(
    "url", ["/sitemap-stories.xml?p=x", "/sitemap-stories.xml?p=99", "/sitemap-nothing.xml"]
)
def test_a_page_or_section_that_does_not_exist_is_not_found(client, url):
    StoryFactory(published=True)
    assert client.get(url).status_code == 404
