"""A story's type (news, analysis, report, call for input, funding, event): set by editors, a
filter and a facet of the finders, a category in the feeds, a label in digests, the schema.org
type of the story page."""

from __future__ import annotations

import datetime
import importlib
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stories.facets import facets_for
from stories.filters import StoryFilter
from stories.models import PendingRevision, Story
from tests.admin_pages import change_form, changelist_url, errors_on, press, save
from tests.factories import RoundUpFactory, StoryFactory, region
from tests.stories.test_filters import days_ago, titles, topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def type_counts(response) -> dict[str, int]:
    facet = next(f for f in response.context["facets"] if f.name == "type")
    return {option.slug: option.count for option in facet.options}


@pytest.fixture
def archive():
    later = timezone.localdate() + datetime.timedelta(days=20)
    StoryFactory(
        published=True, title="Asia call", kind="call-for-input", published_at=days_ago(1),
        regions=[region("thailand")], topics=[topic("forced-labour")], deadline=later,
    )  # fmt: skip
    StoryFactory(
        published=True, title="Kenya call", kind="call-for-input", published_at=days_ago(2),
        regions=[region("kenya")], deadline=later,
    )  # fmt: skip
    StoryFactory(
        published=True, title="Asia report", kind="report", published_at=days_ago(3),
        regions=[region("thailand")], topics=[topic("forced-labour")],
    )  # fmt: skip
    StoryFactory(
        published=True, title="Asia news", published_at=days_ago(4), regions=[region("thailand")]
    )
    StoryFactory(published=True, title="Grant round", kind="funding", published_at=days_ago(5))
    # Never listed or counted.
    StoryFactory(title="Draft event", kind="event", regions=[region("thailand")])
    StoryFactory(title="Draft call", kind="call-for-input", regions=[region("thailand")])


# --- The finder ---------------------------------------------------------------------------------


def test_a_new_story_is_news():
    assert StoryFactory().kind == Story.Kind.NEWS == "news"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=call-for-input", {"Asia call", "Kenya call"}),
        ("type=call-for-input&type=funding", {"Asia call", "Kenya call", "Grant round"}),
        ("type=call-for-input&region=asia", {"Asia call"}),
        ("type=report&topic=forced-labour", {"Asia report"}),
        ("type=news", {"Asia news"}),
        ("type=event", set()),  # only a draft is an event
    ],
)
def test_the_type_filter_narrows_the_finder_and_combines_with_the_others(
    client, archive, query, expected
):
    response = client.get(f"/stories/?{query}")

    assert response.status_code == 200
    assert titles(response) == expected


def test_the_type_facet_counts_published_stories_without_its_own_choice(client, archive):
    response = client.get("/stories/?type=call-for-input&region=asia")

    # Counted over Asia with every type: the reader sees what choosing another would give.
    assert type_counts(response) == {"news": 1, "report": 1, "call-for-input": 1}
    facet = next(f for f in response.context["facets"] if f.name == "type")
    assert facet.label == "Type"
    assert [o.name for o in facet.options] == ["News", "Reports", "Calls for input"]
    assert [o.slug for o in facet.options if o.selected] == ["call-for-input"]
    # The other facets count calls for input only.
    topic_counts = {
        option.slug: option.count
        for facet in response.context["facets"]
        if facet.name == "topic"
        for option in facet.options
    }
    assert topic_counts == {"forced-labour": 1}
    assert 'name="type" value="call-for-input"' in response.text


def test_the_unfiltered_finder_lists_only_types_with_published_stories(client, archive):
    counts = type_counts(client.get("/stories/"))

    assert counts == {"news": 1, "report": 1, "call-for-input": 2, "funding": 1}


def test_the_type_is_counted_in_the_facets_one_statement(archive):
    data = {"type": ["call-for-input"], "region": ["asia"]}
    with CaptureQueriesContext(connection) as queries:
        facets_for(StoryFilter(data=data, queryset=Story.objects.published()))

    grouped = [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    assert len(grouped) == 1
    # Without the type, without the place, and everything chosen (themes, organizations, tags).
    assert len(re.findall(r"\bp[0-9]+ AS \(SELECT", grouped[0])) == 3


def test_the_heading_names_the_types_and_places_chosen(client, archive):
    response = client.get("/stories/?region=asia&type=call-for-input")

    assert "<h1>Stories: Calls for input, Asia</h1>" in response.text
    chips = [chip["label"] for chip in response.context["chips"]]
    assert chips == ["Calls for input", "Asia"]


def test_a_type_that_does_not_exist_is_reported_and_left_out(client, archive):
    response = client.get("/stories/?type=opinion")

    assert response.status_code == 200
    assert "There is no story type “opinion”." in response.text
    assert len(titles(response)) == 5


def test_the_deadlines_finder_filters_and_counts_by_type(client, archive):
    response = client.get("/deadlines/?type=call-for-input&region=asia")

    assert titles(response) == {"Asia call"}
    assert type_counts(response) == {"call-for-input": 1}


def test_the_digest_finder_finds_digests_through_their_stories_types(client, archive):
    call, report = Story.objects.get(title="Kenya call"), Story.objects.get(title="Asia report")
    RoundUpFactory(published=True, number=1, title="With a call", items=[call])
    RoundUpFactory(published=True, number=2, title="With a report", items=[report])

    response = client.get("/digests/?type=call-for-input")

    assert titles(response) == {"With a call"}
    assert type_counts(response) == {"call-for-input": 1, "report": 1}


def test_the_full_list_of_types_with_results(client, archive):
    response = client.get("/stories/options/type/?region=asia")

    assert response.status_code == 200
    options = [o.name for _, group in response.context["groups"] for o in group]
    assert options == ["News", "Reports", "Calls for input"]


# --- Feeds and API -----------------------------------------------------------------------------


def test_the_feed_takes_the_type_filter_and_gives_each_entry_its_type(client, archive):
    response = client.get("/feeds/stories/?type=call-for-input&type=report")

    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title").endswith("latest stories: Calls for input, Reports")
    items = {item.findtext("title"): item for item in channel.findall("item")}
    assert set(items) == {"Asia call", "Kenya call", "Asia report"}
    categories = [c.text for c in items["Asia report"].findall("category")]
    assert categories[0] == "Report" and "Forced labour" in categories


def test_the_atom_feed_takes_the_type_filter_too(client, archive):
    response = client.get("/feeds/stories/atom/?type=funding")

    assert response.status_code == 200
    text = response.content.decode()
    assert "Grant round" in text and "Asia call" not in text
    assert 'term="Funding"' in text


def test_the_api_filters_by_type_and_names_each_storys_type(client, archive):
    body = client.get("/api/v1/stories/?type=call-for-input&fields=title,type").json()

    assert body["results"] == [
        {"title": "Asia call", "type": "call-for-input"},
        {"title": "Kenya call", "type": "call-for-input"},
    ]


def test_the_api_refuses_a_type_that_does_not_exist(client, archive):
    response = client.get("/api/v1/stories/?type=opinion")

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"parameter": "type", "message": "There is no story type “opinion”."}
    ]


def test_the_api_counts_types_on_request(client, archive):
    body = client.get("/api/v1/stories/?region=asia&facets=type").json()

    options = body["facets"]["type"]["options"]
    assert [(o["slug"], o["name"], o["count"]) for o in options] == [
        ("news", "News", 1), ("report", "Reports", 1), ("call-for-input", "Calls for input", 1),
    ]  # fmt: skip


def test_the_csv_export_has_a_type_column(client, archive):
    response = client.get("/api/v1/stories/export.csv?type=funding")
    text = b"".join(response.streaming_content).decode()

    header, row, *rest = [line for line in text.splitlines() if not line.startswith("#")]
    assert rest == []
    columns = header.split(",")
    assert "type" in columns
    assert row.split(",")[columns.index("type")] == "funding"


# --- The digest page -----------------------------------------------------------------------------


def test_a_digest_labels_the_stories_that_are_not_news_with_their_type(client):
    lead = StoryFactory(published=True, title="Lead report", kind="report")
    call = StoryFactory(published=True, title="A call", kind="call-for-input")
    news = StoryFactory(published=True, title="Plain news", summary="A shelter opened.")
    roundup = RoundUpFactory(published=True, number=9, lead_story=lead, items=[call, news])
    roundup.items.update(blurb="")  # the item shows its story's summary

    text = client.get(roundup.get_absolute_url()).text

    assert 'Lead story · <span class="story-type">Report</span>' in text
    items = re.findall(r'<article class="roundup-item">(.*?)</article>', text, re.DOTALL)
    assert '<p class="kicker story-type">Call for input</p>' in items[0]
    # News is what most items are: left unlabelled.
    assert "story-type" not in items[1] and ">News<" not in items[1]


def test_story_cards_and_pages_name_the_type_of_what_is_not_news_and_link_to_its_selection(client):
    report = StoryFactory(
        published=True, title="Supply chain report", kind="report", topics=[topic("forced-labour")]
    )
    StoryFactory(published=True, title="Plain news", summary="A shelter opened.")
    type_link = '<a class="story-type" href="/stories/?type=report">Report</a>'

    cards = re.findall(
        r'<article class="card[^"]*">(.*?)</article>', client.get("/stories/").text, re.DOTALL
    )
    by_title = {re.search(r'<h3 class="card-title"><a [^>]*>(.*?)</a>', c)[1]: c for c in cards}
    assert type_link in by_title["Supply chain report"]
    assert "story-type" not in by_title["Plain news"]

    kicker = re.search(r'<p class="kicker">(.*?)</p>', client.get(report.get_absolute_url()).text)
    assert kicker[1].startswith(type_link + " · ")
    assert "Forced labour" in kicker[1]
    assert client.get("/stories/?type=report").context["page_obj"].object_list[0] == report


# --- schema.org ---------------------------------------------------------------------------------


def json_ld(client, story) -> dict:
    text = client.get(story.get_absolute_url()).text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.DOTALL)
    return json.loads(block.group(1))


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [
        ("news", "NewsArticle"),
        ("analysis", "AnalysisNewsArticle"),
        ("report", "Report"),
        ("call-for-input", "NewsArticle"),
        ("funding", "NewsArticle"),
    ],
)
def test_a_story_pages_schema_type_follows_its_type(client, kind, schema_type):
    story = StoryFactory(published=True, kind=kind, title="Piece")

    data = json_ld(client, story)

    assert data["@type"] == schema_type
    assert data["headline"] == "Piece"
    assert data["publisher"]["name"]


def test_an_event_with_a_date_is_a_schema_event_on_that_day_where_its_places_are(client):
    story = StoryFactory(
        published=True, kind="event", title="Regional dialogue on recruitment",
        event_date=datetime.date(2026, 3, 12), regions=[region("thailand")],
    )  # fmt: skip

    data = json_ld(client, story)

    assert data["@type"] == "Event"
    assert data["name"] == "Regional dialogue on recruitment"
    assert data["startDate"] == "2026-03-12"
    assert data["location"] == [{"@type": "Place", "name": "Thailand"}]
    assert data["url"].endswith(story.get_absolute_url())
    assert "endDate" not in data  # the story gives none, and none is made up


def test_an_event_without_a_date_is_news_about_it(client):
    story = StoryFactory(published=True, kind="event", event_date=None)

    assert json_ld(client, story)["@type"] == "NewsArticle"


# --- Existing calls for input (migration 0017) ---------------------------------------------------


def test_the_migration_makes_stories_tagged_call_for_input_calls_for_input():
    migration = importlib.import_module("stories.migrations.0017_story_kind")
    tagged = StoryFactory(tags=["call for input", "consultation"])
    capitalised = StoryFactory(tags=["Call for Input"])
    other = StoryFactory(tags=["consultation"])
    report = StoryFactory(kind="report", tags=["call for input"])

    migration.calls_for_input_from_tag(apps, connection.schema_editor())

    kinds = {s.pk: s.kind for s in Story.objects.all()}
    assert kinds[tagged.pk] == kinds[capitalised.pk] == "call-for-input"
    assert kinds[other.pk] == "news"
    assert kinds[report.pk] == "report"  # a type an editor chose is kept
    assert list(tagged.tags.names()).count("call for input") == 1  # the tag stays


# --- The admin ------------------------------------------------------------------------------------


def test_an_editor_sets_the_type_on_the_change_form(django_app, editor):
    story = StoryFactory(author=editor, title="A grant for shelters")

    form = change_form(django_app, story, user="editor")
    assert form["kind"].value == "news"
    form["kind"] = "funding"
    response = save(form, user="editor")

    assert response.status_code == 302, errors_on(response)
    story.refresh_from_db()
    assert story.kind == "funding"


def test_the_story_list_filters_by_type(django_app, editor):
    StoryFactory(author=editor, title="An analysis piece", kind="analysis")
    StoryFactory(author=editor, title="A news piece")

    page = django_app.get(changelist_url(), user="editor")
    page = page.click("Analysis", href="kind__exact=analysis")

    assert "An analysis piece" in page.text and "A news piece" not in page.text


def test_a_live_storys_new_type_waits_in_its_proposed_changes(
    django_app, client, editor, moderator
):
    story = StoryFactory(published=True, author=editor, title="Survey of shelters", kind="news")
    before = json_ld(client, story)

    form = change_form(django_app, story, user="editor")
    form["kind"] = "report"
    page = form.submit("_save").follow()

    assert "saved as proposed changes" in page.text
    story.refresh_from_db()
    assert story.kind == "news"
    assert PendingRevision.objects.get().content["kind"] == "report"
    assert json_ld(client, story)["@type"] == before["@type"] == "NewsArticle"
    assert client.get("/stories/?type=report").context["page_obj"].object_list == []
    # The proposal's diff names the field as editors know it.
    assert "Type" in page.text and "<del>News</del> <ins>Report</ins>" in page.text

    press(change_form(django_app, story, user="editor"), "changes_submit", user="editor")
    press(change_form(django_app, story, user="moderator"), "changes_approve", user="moderator")
    form = change_form(django_app, story, user="moderator")
    form["_change_kind"] = "minor"
    press(form, "changes_publish", user="moderator")

    story.refresh_from_db()
    assert story.kind == "report"
    assert json_ld(client, story)["@type"] == "Report"
