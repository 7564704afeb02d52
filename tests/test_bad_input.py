"""Whatever a reader or a bot puts in the address, a public page answers without a server error."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stories.sitemaps import SITEMAPS
from tests.factories import OrganizationFactory, RoundUpFactory, StoryFactory, TopicFactory

pytestmark = pytest.mark.django_db

ACCEPTABLE = {200, 301, 302, 400, 404}

# Every public list, feed and search address; detail pages get generated slugs below.
LIST_URLS = [
    "/",
    "/stories/",
    "/digests/",
    "/deadlines/",
    "/topics/",
    "/stories/options/region/",
    "/digests/options/organization/",
    "/feeds/stories/",
    "/feeds/stories/atom/",
    "/feeds/digests/",
    "/feeds/digests/atom/",
    "/sitemap.xml",
    *[f"/sitemap-{section}.xml" for section in SITEMAPS],
    "/robots.txt",
    "/healthz",
]
DETAIL_PREFIXES = [
    "/stories/",
    "/digests/",
    "/topics/",
    "/regions/",
    "/organizations/",
    "/preview/",
]
KNOWN_PARAMETERS = ["q", "topic", "region", "organization", "tag", "from", "to", "open", "sort",
                    "page", "preview", "format"]  # fmt: skip

printable = st.characters(exclude_categories=("Cs",))  # anything UTF-8 can carry, NUL included
values = st.one_of(
    st.from_regex(r"[a-z0-9-]{0,40}", fullmatch=True),  # unknown slugs
    st.sampled_from(
        [
            "2025-13-45",
            "0000-00-00",
            "99999-01-01",
            "2025/01/01",
            "-1-01-01",
            "yesterday",
            "1e309",
            "NaN",
            "true",
            "on",
            "relevance",
            "newest",
            "last",
            "0",
            "-1",
            "1.5",
        ]
    ),  # fmt: skip
    st.integers(min_value=-(10**30), max_value=10**30).map(str),  # negative and huge pages
    st.sampled_from(
        [
            "' OR 1=1 --",
            "1; DROP TABLE stories_story; --",
            "%' AND '%'='",
            "\\",
            "%",
            "_",
            "&",
            "!",
            "|",
            ":*",
            "(",
            '"unterminated',
            "a & !b | (c",
            "<->",
            "<script>",
        ]
    ),  # fmt: skip  (SQL and full-text query syntax)
    st.text(printable, max_size=60),  # unicode and control characters, NUL bytes
    st.binary(max_size=60).map(lambda raw: raw.decode("latin-1")),  # binary-looking
    st.integers(min_value=1_000, max_value=20_000).map(lambda n: "overlong " * (n // 9)),
    st.just("\x00"),
)
keys = st.one_of(st.sampled_from(KNOWN_PARAMETERS), st.text(printable, max_size=12))
query_strings = st.lists(st.tuples(keys, values), max_size=6).map(
    lambda pairs: urlencode(pairs)  # repeated keys stay repeated
)

bad_input_settings = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def content(db):
    topic = TopicFactory(name="Forced labour research", slug="forced-labour-research")
    organization = OrganizationFactory(name="Example agency", slug="example-agency")
    story = StoryFactory(
        published=True, slug="known-story", topics=[topic], organizations=[organization]
    )
    RoundUpFactory(published=True, slug="known-digest", lead_story=story, items=[story])


@pytest.fixture
def lenient_client(client):
    client.raise_request_exception = False  # see a 500 as a response, not an exception
    return client


@pytest.mark.parametrize("url", LIST_URLS)
@bad_input_settings
@given(query=query_strings)
def test_list_feed_and_search_pages_never_answer_500(lenient_client, content, url, query):
    response = lenient_client.get(f"{url}?{query}")

    assert response.status_code in ACCEPTABLE, (url, query, response.status_code)


@pytest.mark.parametrize("prefix", DETAIL_PREFIXES)
@bad_input_settings
@given(
    slug=st.one_of(
        st.sampled_from(["known-story", "known-digest", "forced-labour-research", "europe"]),
        st.text(printable, min_size=1, max_size=80),
    ),
    query=query_strings,
)
def test_detail_pages_never_answer_500(lenient_client, content, prefix, slug, query):
    response = lenient_client.get(f"{prefix}{quote(slug, safe='')}/?{query}")

    assert response.status_code in ACCEPTABLE, (prefix, slug, query, response.status_code)


@bad_input_settings
@given(section=st.text(printable, min_size=1, max_size=40), query=query_strings)
def test_unknown_sitemap_sections_never_answer_500(lenient_client, content, section, query):
    response = lenient_client.get(f"/sitemap-{quote(section, safe='')}.xml?{query}")

    assert response.status_code in ACCEPTABLE, (section, query, response.status_code)


@pytest.mark.parametrize(
    "url",
    ["/stories/?q=%00", "/stories/?q=a%00b", "/stories/?topic=%00", "/digests/?region=x%00",
     "/feeds/stories/?organization=%00", "/stories/?tag=%00&q=%00", "/preview/%00/",
     "/stories/?page=%00", "/stories/?from=%00", "/feeds/stories/?q=%08",
     "/feeds/stories/atom/?q=0%1F0", "/feeds/digests/atom/?q=%1B"],
)  # fmt: skip
def test_nul_and_control_characters_are_not_a_server_error(lenient_client, content, url):
    assert lenient_client.get(url).status_code in {200, 400, 404}
