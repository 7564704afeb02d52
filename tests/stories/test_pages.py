from __future__ import annotations

import datetime
import html
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stories.models import RoundUpItem, Status, Topic
from stories.views import StoryDetailView
from tests.factories import (
    OrganizationFactory,
    RoundUpFactory,
    StoryFactory,
    image_file,
    region,
)

# Whole pages are cached for readers too: these tests look at what renders a page.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

SITE = "http://127.0.0.1:8000"


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def meta(response, attribute: str, name: str) -> str | None:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', response.text)
    return html.unescape(match.group(1)) if match else None


def json_ld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.text, re.DOTALL
    )
    return json.loads(match.group(1))


@pytest.fixture
def topic():
    return Topic.objects.get(slug="child-trafficking")


@pytest.fixture
def illustrated(topic):
    iom = OrganizationFactory(name="International Organization for Migration", slug="iom",
                              acronym="IOM")  # fmt: skip
    return StoryFactory(
        published=True, title="Children return home", summary="Forty children came home.",
        body="The first paragraph.\n\nThe second paragraph.", topics=[topic],
        regions=[region("kenya")], organizations=[iom], tags=["repatriation"],
        image=image_file(size=(800, 600)), image_alt="Children at an airport",
        image_credit="Photo: IOM", content_note="Describes the abuse of children.",
        deadline=timezone.localdate() + datetime.timedelta(days=5),
        event_date=datetime.date(2025, 5, 20),
    )  # fmt: skip


# --- Story page ---------------------------------------------------------------------------------


def test_a_story_page_shows_everything_a_reader_needs(client, illustrated):
    response = client.get(illustrated.get_absolute_url())
    text = response.text

    assert response.status_code == 200
    assert text.count("<h1") == 1
    for expected in ("Children return home", "Forty children came home.", "The second paragraph.",
                     "20 May 2025", "Photo: IOM", "Kenya",
                     "International Organization for Migration (IOM)", "repatriation",
                     "Child trafficking", "still open"):  # fmt: skip
        assert expected in text, expected
    assert text.index("Content note:") < text.index("The first paragraph.")
    assert text.index("Deadline:") < text.index("The first paragraph.")


def test_a_story_image_is_responsive_lazy_and_sized(client, illustrated):
    text = client.get(illustrated.get_absolute_url()).text
    img = re.search(r"<img [^>]*>", text.split('class="story-image"')[1]).group(0)

    srcset = re.search(r'srcset="([^"]+)"', img).group(1)
    widths = [int(w) for w in re.findall(r" (\d+)w", srcset)]
    assert widths == [320, 640, 800]  # never upscaled past the original's 800 pixels
    assert 'loading="lazy"' in img
    assert 'width="800"' in img and 'height="600"' in img
    assert 'alt="Children at an airport"' in img
    assert ".webp" in img


def test_a_story_page_carries_canonical_sharing_tags_and_news_article_data(client, illustrated):
    response = client.get(illustrated.get_absolute_url())
    url = SITE + illustrated.get_absolute_url()

    assert f'<link rel="canonical" href="{url}">' in response.text
    assert meta(response, "property", "og:title") == "Children return home"
    assert meta(response, "property", "og:type") == "article"
    assert meta(response, "property", "og:url") == url
    assert meta(response, "property", "og:image").startswith(SITE + "/media/renditions/")
    assert meta(response, "name", "twitter:card") == "summary_large_image"
    assert meta(response, "name", "description") == "Forty children came home."
    data = json_ld(response)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Children return home"
    assert data["url"] == url
    assert data["image"][0].startswith(SITE)
    assert data["datePublished"].startswith(str(illustrated.published_at.year))


def test_json_ld_cannot_break_out_of_its_script_element(client):
    story = StoryFactory(published=True, title="</script><script>alert(1)</script> & more")

    response = client.get(story.get_absolute_url())

    assert "<script>alert(1)" not in response.text
    assert json_ld(response)["headline"] == "</script><script>alert(1)</script> & more"


def test_a_story_without_an_image_has_a_small_card_and_no_og_image(client):
    story = StoryFactory(published=True)

    response = client.get(story.get_absolute_url())

    assert meta(response, "property", "og:image") is None
    assert meta(response, "name", "twitter:card") == "summary"


def test_a_story_page_lists_its_digests_and_related_published_stories(client, topic):
    story = StoryFactory(published=True, topics=[topic], regions=[region("kenya")])
    RoundUpFactory(published=True, number=31, items=[story])
    RoundUpFactory(number=32, items=[story])  # a draft digest
    same_topic = StoryFactory(published=True, title="Same theme", topics=[topic])
    same_place = StoryFactory(published=True, title="Same place", regions=[region("kenya")])
    StoryFactory(title="Draft on the same theme", topics=[topic])
    StoryFactory(published=True, title="Unrelated", regions=[region("germany")])

    response = client.get(story.get_absolute_url())

    assert "Featured in <a" in response.text and "round-up no. 31" in response.text
    assert "round-up no. 32" not in response.text
    assert [s.title for s in response.context["related"]] == [same_topic.title, same_place.title]


def test_related_stories_are_ranked_once_per_content_version(client, topic):
    story = StoryFactory(published=True, topics=[topic], regions=[region("kenya")])
    StoryFactory(published=True, title="Same theme", topics=[topic])
    client.get(story.get_absolute_url())
    ranking = f"LIMIT {StoryDetailView.related_candidates}"

    with CaptureQueriesContext(connection) as again:
        client.get(story.get_absolute_url())
    ranked_again = [q for q in again.captured_queries if ranking in q["sql"]]
    closer = StoryFactory(
        published=True, title="Same theme and place", topics=[topic], regions=[region("kenya")]
    )
    response = client.get(story.get_absolute_url())

    assert ranked_again == []
    assert [s.title for s in response.context["related"]] == [closer.title, "Same theme"]


@pytest.mark.parametrize("count", [5, 50])
def test_a_story_page_runs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, topic, count
):
    story = StoryFactory(published=True, topics=[topic], regions=[region("kenya")])
    for _ in range(count):
        related = StoryFactory(published=True, topics=[topic], regions=[region("kenya")])
        RoundUpFactory(published=True, items=[story, related])

    with django_assert_max_num_queries(20):
        assert client.get(story.get_absolute_url()).status_code == 200


# --- Digest page --------------------------------------------------------------------------------


def test_a_digest_is_laid_out_like_the_newsletter(client, illustrated):
    iom = illustrated.organizations.get()
    item = StoryFactory(
        published=True, title="Sweden backs IOM", summary="Support.", organizations=[iom],
        topics=[Topic.objects.get(slug="funding")], source_name="Government of Sweden",
        source_url="https://example.org/sweden",
    )  # fmt: skip
    roundup = RoundUpFactory(
        published=True, number=107, title="OSCE Alliance", lead_story=illustrated,
        introduction="Child trafficking dominates the agenda.",
    )  # fmt: skip
    RoundUpItem.objects.create(roundup=roundup, story=item, position=1, blurb="Sweden's blurb.")

    response = client.get(roundup.get_absolute_url())
    text = response.text

    order = ["Digest no. 107", "OSCE Alliance", "Child trafficking dominates the agenda.",
             "Children return home", "The second paragraph.",
             "Round-up of other noteworthy news and initiatives", "Sweden backs IOM",
             "Sweden&#x27;s blurb.", "Government of Sweden", "Funding"]  # fmt: skip
    page = text[text.index("<main") :]  # the head's structured data names the stories too
    positions = [page.index(piece) for piece in order]
    assert positions == sorted(positions)
    assert text.count("<h1") == 1
    assert 'href="https://example.org/sweden"' in text
    assert '/organizations/iom/"' in text.split("Round-up of other")[1]
    assert meta(response, "property", "og:title") == "Digest no. 107: OSCE Alliance"
    assert meta(response, "property", "og:image").startswith(SITE + "/media/renditions/")


def test_a_digest_hides_an_unpublished_lead_story(client):
    roundup = RoundUpFactory(
        published=True, lead_story=StoryFactory(title="Secret lead", body="Secret body")
    )

    text = client.get(roundup.get_absolute_url()).text

    assert "Secret lead" not in text
    assert "Secret body" not in text


# --- Topic, region and deadline pages -----------------------------------------------------------


def test_topic_and_region_pages_link_into_the_prefiltered_finder(client, topic):
    StoryFactory(published=True, title="Kenyan case", topics=[topic], regions=[region("kenya")])

    topic_page = client.get("/topics/child-trafficking/")
    region_page = client.get("/regions/africa/")

    assert 'href="/stories/?topic=child-trafficking"' in topic_page.text
    assert 'href="/digests/?topic=child-trafficking"' in topic_page.text
    assert 'href="/stories/?region=africa"' in region_page.text
    assert 'href="/feeds/stories/?region=africa"' in region_page.text
    assert "Kenyan case" in topic_page.text and "Kenyan case" in region_page.text
    assert topic.description in topic_page.text
    assert "Sub-Saharan Africa" in region_page.text  # places within


def test_the_deadlines_page_lists_open_calls_soonest_first(client):
    today = timezone.localdate()
    StoryFactory(published=True, title="Later call", deadline=today + datetime.timedelta(days=20))
    StoryFactory(published=True, title="Sooner call", deadline=today + datetime.timedelta(days=2))
    StoryFactory(published=True, title="Closes today", deadline=today)
    StoryFactory(published=True, title="Closed call", deadline=today - datetime.timedelta(days=1))
    StoryFactory(title="Draft call", deadline=today + datetime.timedelta(days=1))
    StoryFactory(published=True, title="No deadline")

    response = client.get("/deadlines/")

    assert [s.title for s in response.context["page_obj"]] == [
        "Closes today", "Sooner call", "Later call"
    ]  # fmt: skip


# --- Every page ---------------------------------------------------------------------------------


@pytest.fixture
def site(illustrated, topic):
    roundup = RoundUpFactory(published=True, lead_story=illustrated)
    return [
        "/",
        "/stories/",
        "/stories/?topic=child-trafficking",
        "/stories/?topic=child-trafficking&region=africa",
        "/digests/",
        "/digests/?region=africa",
        "/deadlines/",
        illustrated.get_absolute_url(),
        roundup.get_absolute_url(),
        "/topics/child-trafficking/",
        "/regions/kenya/",
        "/regions/osce/",
        "/organizations/iom/",
        "/staying-safe/",
        "/topics/",
        "/regions/",
        "/organizations/",
        "/stories/options/region/?topic=child-trafficking",
        "/digests/options/topic/",
    ]


def test_every_page_has_a_unique_title_a_description_and_one_h1(client, site):
    titles = set()
    for url in site:
        response = client.get(url)
        assert response.status_code == 200, url
        title = re.search(r"<title>(.*?)</title>", response.text, re.DOTALL).group(1)
        titles.add(title)
        assert meta(response, "name", "description"), url
        assert meta(response, "property", "og:title"), url
        assert meta(response, "name", "twitter:card"), url
        assert re.search(r'<link rel="canonical" href="http://127\.0\.0\.1:8000/', response.text)
        assert response.text.count("<h1") == 1, url
    assert len(titles) == len(site)


def test_no_page_has_inline_scripts_or_style_attributes(client, site):
    for url in site:
        text = client.get(url).text
        assert " style=" not in text, url
        assert "<style" not in text, url
        # Data, or a static file of our own: never code in the page.
        for tag, body in re.findall(r"(<script[^>]*>)(.*?)</script>", text, re.DOTALL):
            if tag == '<script type="application/ld+json">':
                continue
            assert re.fullmatch(r'<script src="/static/[\w./-]+\.js" defer>', tag), (url, tag)
            assert body == "", url


def test_every_form_control_has_a_label(client, site):
    for url in site:
        text = client.get(url).text
        labels = set(re.findall(r'<label for="([^"]+)"', text))
        for control in re.findall(r"<(?:input|select)[^>]*>", text):
            if 'type="hidden"' in control:
                continue
            control_id = re.search(r'id="([^"]+)"', control)
            assert control_id and control_id.group(1) in labels, (url, control)


def test_pages_have_a_skip_link_and_landmarks(client):
    text = client.get("/").text

    assert '<a class="skip-link" href="#main">' in text
    assert '<main id="main"' in text
    assert '<nav aria-label="Main">' in text


def test_no_unpublished_item_appears_anywhere(client, topic):
    iom = OrganizationFactory(name="IOM", slug="iom")
    links = {"topics": [topic], "regions": [region("kenya")], "organizations": [iom],
             "tags": ["report"]}  # fmt: skip
    public = StoryFactory(published=True, title="Public story", **links)
    hidden = [
        StoryFactory(title="Hidden draft", **links),
        StoryFactory(title="Hidden review", status=Status.IN_REVIEW, **links),
        StoryFactory(
            title="Hidden future", status=Status.SCHEDULED,
            published_at=timezone.now() + datetime.timedelta(days=2), **links,
        ),
        StoryFactory(
            title="Hidden expired", published=True,
            unpublish_at=timezone.now() - datetime.timedelta(minutes=1), **links,
        ),
        StoryFactory(title="Hidden unpublished", status=Status.UNPUBLISHED,
                     published_at=days_ago(3), **links),
    ]  # fmt: skip
    for story in hidden:
        story.deadline = timezone.localdate() + datetime.timedelta(days=3)
        story.save()
    RoundUpFactory(title="Hidden digest", lead_story=public, items=hidden)
    digest = RoundUpFactory(
        published=True, title="Public digest", lead_story=hidden[0], items=[public]
    )

    urls = [
        "/", "/stories/", "/stories/?topic=child-trafficking", "/stories/?region=africa",
        "/stories/?organization=iom", "/stories/?tag=report", "/stories/?open=1",
        "/stories/?q=hidden", "/digests/", "/digests/?region=kenya", "/deadlines/",
        "/topics/child-trafficking/", "/regions/africa/", "/organizations/iom/",
        "/feeds/stories/", "/feeds/stories/atom/", "/feeds/stories/?region=kenya",
        "/feeds/digests/", "/sitemap.xml", public.get_absolute_url(), digest.get_absolute_url(),
    ]  # fmt: skip
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "Hidden" not in text, url
    for story in hidden:
        assert client.get(story.get_absolute_url()).status_code == 404

    response = client.get("/stories/")
    for facet in response.context["facets"]:
        for option in facet.options:
            assert option.count <= 1, (facet.name, option.slug)


LIST_PAGES = [
    "/",
    "/stories/",
    "/stories/?topic=child-trafficking&region=africa",
    "/stories/?organization=iom&tag=report&open=1",
    "/stories/?q=story",
    "/stories/?page=2",
    "/digests/",
    "/digests/?region=africa&topic=child-trafficking",
    "/deadlines/",
    "/topics/child-trafficking/",
    "/regions/africa/",
    "/regions/osce/",
    "/organizations/iom/",
    "/topics/",
    "/regions/",
    "/organizations/",
    "/stories/options/organization/?topic=child-trafficking",
]
LIST_PAGE_QUERIES = 30


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("url", LIST_PAGES)
def test_each_list_page_runs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, topic, url, count
):
    iom = OrganizationFactory(name="IOM", slug="iom")
    deadline = timezone.localdate() + datetime.timedelta(days=9)
    stories = [
        StoryFactory(
            published=True,
            topics=[topic],
            regions=[region("kenya")],
            organizations=[iom],
            tags=["report", f"tag-{index}"],
            deadline=deadline,
        )  # fmt: skip
        for index in range(count)
    ]
    for start in range(0, count, 5):
        RoundUpFactory(published=True, lead_story=stories[start], items=stories[start + 1 :][:4])

    with django_assert_max_num_queries(LIST_PAGE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


# What the HTML standard allows in a `datetime` attribute, as the Nu HTML Checker reads it:
# a month, a date, or a date and time, seconds optional and at most three digits of a
# second's fraction, with an optional offset (Z, +hh:mm or +hhmm).
DATETIME_VALUE = re.compile(
    r"\d{4}-\d\d(-\d\d)?"
    r"|\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:?\d\d)?"
)


def invalid_datetime_values(text: str) -> list[str]:
    values = re.findall(r'datetime="([^"]*)"', text)
    return [value for value in values if not DATETIME_VALUE.fullmatch(value)]


def test_items_published_through_the_workflow_leave_every_datetime_valid(
    client, django_app, moderator, site
):
    story = StoryFactory(approved=True, title="Published in the admin")
    roundup = RoundUpFactory(approved=True, lead_story=story)
    for item in (story, roundup):
        url = f"/admin/stories/{item._meta.model_name}/{item.pk}/change/"
        page = django_app.get(url, user="moderator")
        page.forms[f"{item._meta.model_name}_form"].submit("_workflow", value="publish").follow()
        item.refresh_from_db()
        assert item.status == Status.PUBLISHED
        assert item.published_at.microsecond == 0
        admin_page = django_app.get(url, user="moderator")
        assert invalid_datetime_values(admin_page.text) == [], url
    for url in ["/", "/stories/", story.get_absolute_url()]:
        assert "Published in the admin" in client.get(url).text, url
    for url in ["/digests/", roundup.get_absolute_url()]:
        assert roundup.title in client.get(url).text, url
    for url in [*site, story.get_absolute_url(), roundup.get_absolute_url()]:
        assert invalid_datetime_values(client.get(url).text) == [], url
