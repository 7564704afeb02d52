"""Every reader page costs a fixed number of SQL queries, however large the archive grows."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from stories.cache import content_version
from stories.models import Topic
from tests.factories import (
    OrganizationFactory,
    RoundUpFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
    region,
)

pytestmark = pytest.mark.django_db

# A generous ceiling; what matters most is that the count does not grow with the archive. A
# finder page counting its state does so in a savepoint (stories.counts.count_within): inside
# the test's transaction that is two statements more, SAVEPOINT and RELEASE.
MOST_QUERIES = 18


class Archive:
    def __init__(self):
        self.author = UserFactory(username="reporter")
        self.topics = [Topic.objects.get(slug="child-trafficking"), TopicFactory(name="Ports")]
        self.regions = [region("kenya"), region("india"), region("south-eastern-asia")]
        self.organizations = [OrganizationFactory(name=f"Agency {n}") for n in range(3)]
        self.stories = []
        self.grow(25)
        self.story = self.stories[3]
        self.roundup = RoundUpFactory(
            published=True, lead_story=self.stories[0], items=self.stories[1:6]
        )

    def grow(self, count: int) -> None:
        for n in range(count):
            k = len(self.stories)
            self.stories.append(
                StoryFactory(
                    published=True,
                    author=self.author,
                    topics=self.topics[: 1 + k % 2],
                    regions=self.regions[: 1 + k % 3],
                    organizations=self.organizations[: 1 + n % 3],
                    tags=[f"tag-{k % 4}", "report"],
                    deadline=timezone.localdate() + datetime.timedelta(days=k) if k % 2 else None,
                )
            )
        newest = self.stories[-5:]
        if hasattr(self, "roundup"):  # the digest measured gains items too
            for position, story in enumerate(newest, start=len(self.stories)):
                self.roundup.items.create(story=story, position=position)
        RoundUpFactory(published=True, lead_story=newest[0], items=newest[1:])

    def pages(self) -> dict[str, str]:
        finder = reverse("stories:story_list")
        digests = reverse("stories:roundup_list")
        agency = self.organizations[0].slug
        return {
            "home": reverse("home"),
            "digest archive": digests,
            "digests: topic + region": f"{digests}?topic=child-trafficking&region=asia",
            "digests: organization": f"{digests}?organization={agency}",
            "a digest": self.roundup.get_absolute_url(),
            "finder": finder,
            "finder: topic + region": f"{finder}?topic=child-trafficking&region=asia",
            "finder: organization, tag, dates, open calls": (
                f"{finder}?organization={agency}&tag=report&from=2020-01-01&to=2099-12-31&open=1"
            ),
            "finder: search": f"{finder}?q=story",
            "finder: page 2": f"{finder}?page=2",
            "a story": self.story.get_absolute_url(),
            "topic": self.topics[0].get_absolute_url(),
            "topic: a leaf": self.topics[1].get_absolute_url(),
            "region": reverse("stories:region_detail", kwargs={"slug": "asia"}),
            "region: a country": region("kenya").get_absolute_url(),
            "region: a grouping": region("african-union").get_absolute_url(),
            "organization": self.organizations[0].get_absolute_url(),
            "organization: rarely mentioned": self.organizations[2].get_absolute_url(),
            "deadlines": reverse("stories:deadline_list"),
            "story feed": reverse("stories:story_feed"),
            "story feed: topic": f"{reverse('stories:story_feed')}?topic=child-trafficking",
            "story feed: region": f"{reverse('stories:story_feed')}?region=asia",
            "digest feed": reverse("stories:roundup_feed"),
            "sitemap": reverse("stories:sitemap"),
        }


def queries_on_a_cold_cache(client, url: str) -> int:
    cache.clear()
    content_version()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def archive():
    return Archive()


def test_reader_pages_need_a_bounded_number_of_queries(client, archive):
    counts = {name: queries_on_a_cold_cache(client, url) for name, url in archive.pages().items()}

    assert {name: n for name, n in counts.items() if n > MOST_QUERIES} == {}


def test_reader_pages_need_no_more_queries_when_the_archive_grows(client, archive):
    small = {name: queries_on_a_cold_cache(client, url) for name, url in archive.pages().items()}

    archive.grow(30)
    large = {name: queries_on_a_cold_cache(client, url) for name, url in archive.pages().items()}

    assert large == small


def test_a_cached_reader_page_needs_no_query(client, archive, django_assert_num_queries):
    for url in archive.pages().values():
        client.get(url)
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200


def test_the_admin_story_list_needs_no_more_queries_when_the_archive_grows(admin_client, archive):
    url = reverse("admin:stories_story_changelist")
    small = queries_on_a_cold_cache(admin_client, url)

    archive.grow(30)

    assert queries_on_a_cold_cache(admin_client, url) == small
    assert small <= MOST_QUERIES


# A column in a SELECT list (not inside an expression such as a search headline).
HEAVY_COLUMN = re.compile(r'(SELECT |, )"stories_story"\."(body|body_html|search_vector)"(,|$)')


def selects_heavy_columns(sql: str) -> bool:
    return bool(HEAVY_COLUMN.search(sql.split(" FROM ", 1)[0]))


def test_list_pages_and_feeds_never_fetch_story_bodies(client, archive):
    pages = archive.pages()
    lists = ["home", "finder", "finder: search", "finder: page 2", "topic", "region",
             "organization", "deadlines", "story feed"]  # fmt: skip

    fetching_bodies = {}
    for name in lists:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(pages[name]).status_code == 200
        sql = [query["sql"] for query in queries.captured_queries]
        fetching_bodies[name] = [statement for statement in sql if selects_heavy_columns(statement)]

    assert {name: sql for name, sql in fetching_bodies.items() if sql} == {}
