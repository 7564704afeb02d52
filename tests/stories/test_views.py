import pytest

from organizations.models import Organization
from stories.models import Topic
from tests.factories import OrganizationFactory, RoundUpFactory, StoryFactory, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics():
    return {slug: Topic.objects.get(slug=slug) for slug in ("forced-labour", "child-trafficking")}


def titles(response) -> set[str]:
    return {obj.title for obj in response.context["page_obj"]}


def test_home_shows_the_latest_digest_and_stories(client):
    story = StoryFactory(published=True, title="Kenyans return home")
    RoundUpFactory(published=True, title="This week's digest", lead_story=story)

    response = client.get("/")

    assert response.status_code == 200
    assert "This week&#x27;s digest" in response.text
    assert "Kenyans return home" in response.text


def test_digest_page_shows_lead_story_then_round_up_items(client):
    lead = StoryFactory(published=True, title="OSCE conference", body="The lead body text.")
    item = StoryFactory(published=True, title="Sweden backs IOM", summary="Support for IOM.")
    roundup = RoundUpFactory(published=True, lead_story=lead, items=[item])

    response = client.get(roundup.get_absolute_url())

    text = response.text
    assert "The lead body text." in text
    assert "Round-up of other noteworthy news and initiatives" in text
    assert text.index("OSCE conference") < text.index("Sweden backs IOM")
    assert "Support for IOM." in text


def test_digest_page_hides_items_that_are_not_published(client):
    draft_item = StoryFactory(title="Unfinished item")
    roundup = RoundUpFactory(published=True, items=[draft_item])

    response = client.get(roundup.get_absolute_url())

    assert "Unfinished item" not in response.text


def test_story_page_shows_both_dates_and_the_digests_featuring_it(client):
    story = StoryFactory(published=True, title="A call for input")
    RoundUpFactory(published=True, number=12, items=[story])

    response = client.get(story.get_absolute_url())

    assert response.status_code == 200
    assert "Featured in" in response.text
    assert "round-up no. 12" in response.text
    assert "Event or report" in response.text


@pytest.mark.parametrize("factory", [StoryFactory, RoundUpFactory])
def test_a_draft_is_a_404_for_readers(client, factory):
    draft = factory()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_drafts_are_absent_from_lists(client):
    StoryFactory(title="Draft story")
    StoryFactory(published=True, title="Public story")

    for url in ("/", "/stories/", "/digests/"):
        assert "Draft story" not in client.get(url).text


def test_story_finder_filters_by_region_through_descendants(client):
    StoryFactory(published=True, title="Kenya", regions=[region("kenya")])
    StoryFactory(published=True, title="Germany", regions=[region("germany")])

    assert titles(client.get("/stories/?region=africa")) == {"Kenya"}
    assert titles(client.get("/stories/?region=osce")) == {"Germany"}
    assert titles(client.get("/stories/?region=africa&region=europe")) == {"Kenya", "Germany"}


def test_story_finder_filters_combine(client, topics):
    iom = OrganizationFactory(name="IOM", slug="iom")
    StoryFactory(
        published=True, title="Match", topics=[topics["forced-labour"]],
        regions=[region("kenya")], organizations=[iom], tags=["report"],
    )  # fmt: skip
    StoryFactory(
        published=True, title="Wrong topic", topics=[topics["child-trafficking"]],
        regions=[region("kenya")], organizations=[iom], tags=["report"],
    )  # fmt: skip
    StoryFactory(
        published=True, title="Wrong region", topics=[topics["forced-labour"]],
        regions=[region("germany")], organizations=[iom], tags=["report"],
    )  # fmt: skip

    assert titles(client.get("/stories/?topic=forced-labour")) == {"Match", "Wrong region"}
    assert titles(client.get("/stories/?organization=iom")) == {
        "Match", "Wrong topic", "Wrong region"
    }  # fmt: skip
    assert titles(client.get("/stories/?tag=report&topic=forced-labour&region=africa")) == {"Match"}
    assert titles(client.get("/stories/?topic=forced-labour&region=africa&organization=iom")) == {
        "Match"
    }


def test_digest_finder_matches_a_digest_when_any_of_its_stories_matches(client, topics):
    kenya = StoryFactory(published=True, regions=[region("kenya")])
    germany = StoryFactory(published=True, regions=[region("germany")])
    african = RoundUpFactory(published=True, title="African digest", items=[kenya])
    RoundUpFactory(published=True, title="European digest", lead_story=germany)

    response = client.get("/digests/?region=africa")
    assert {r.title for r in response.context["page_obj"]} == {african.title}
    response = client.get("/digests/?region=european-union")
    assert {r.title for r in response.context["page_obj"]} == {"European digest"}


def test_digest_finder_does_not_match_through_a_draft_story(client):
    draft = StoryFactory(regions=[region("kenya")])
    RoundUpFactory(published=True, items=[draft])

    response = client.get("/digests/?region=kenya")

    assert list(response.context["page_obj"]) == []


def test_topic_region_and_organization_pages(client, topics):
    org = OrganizationFactory(name="Winrock International", slug="winrock")
    StoryFactory(
        published=True, title="Funding cuts", topics=[topics["child-trafficking"]],
        regions=[region("kenya")], organizations=[org],
    )  # fmt: skip

    for url in ("/topics/child-trafficking/", "/regions/africa/", "/organizations/winrock/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Funding cuts" in response.text, url
    assert Organization.objects.get(slug="winrock").get_absolute_url() == "/organizations/winrock/"


def test_unknown_slugs_are_404(client):
    for url in ("/stories/nope/", "/digests/nope/", "/topics/nope/", "/regions/nope/",
                "/organizations/nope/"):  # fmt: skip
        assert client.get(url).status_code == 404
