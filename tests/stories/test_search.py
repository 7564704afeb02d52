from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stories import search
from stories.models import Story, Topic
from tests.factories import OrganizationFactory, StoryFactory, region

# Whole pages are cached for readers too: these tests look at what renders a page.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the fallback search is what SQLite runs"
)


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def titles(response) -> list[str]:
    return [story.title for story in response.context["page_obj"]]


@pytest.fixture
def stories():
    unicef = OrganizationFactory(
        name="United Nations Children's Fund", slug="unicef", acronym="UNICEF",
        aliases="UN Children's Fund\nFonds des Nations Unies pour l'enfance",
    )  # fmt: skip
    StoryFactory(
        published=True, title="Forced labour on fishing boats", published_at=days_ago(30),
        summary="Crews describe debts they cannot repay.", body="Inspections found abuse.",
    )  # fmt: skip
    StoryFactory(
        published=True, title="A report on supply chains", published_at=days_ago(1),
        summary="Companies are asked about due diligence.",
        body="The report finds forced labour in three sectors and labour shortages elsewhere.",
    )  # fmt: skip
    StoryFactory(
        published=True, title="Labour inspectors trained", published_at=days_ago(2),
        summary="Inspectors learn to spot coercion.",
        body="The training covered labour that is forced through threats.",
    )  # fmt: skip
    StoryFactory(
        published=True, title="Children trafficked into orphanages", published_at=days_ago(3),
        summary="Forced labour and orphanage trafficking overlap in this case.",
        body="Residential care centres recruited children.", organizations=[unicef],
    )  # fmt: skip
    StoryFactory(
        published=True, title="Shelter opens", published_at=days_ago(4),
        summary="A new shelter for survivors.", body="It has twenty beds.",
        topics=[Topic.objects.get(slug="survivor-support")], regions=[region("kenya")],
    )  # fmt: skip
    StoryFactory(
        title="Draft about forced labour", summary="Forced labour forced labour.",
    )  # fmt: skip


# --- PostgreSQL ---------------------------------------------------------------------------------


@on_postgresql
def test_search_vectors_are_kept_for_every_saved_story(stories):
    assert not Story.objects.filter(search_vector__isnull=True).exists()


@on_postgresql
def test_a_title_match_ranks_above_a_body_match(client, stories):
    response = client.get("/stories/?q=fishing+debts")
    assert titles(response) == ["Forced labour on fishing boats"]

    ranked = titles(client.get("/stories/?q=forced+labour"))  # relevance is a search's default
    assert ranked[0] == "Forced labour on fishing boats"  # title (A) beats newer summary/body
    assert ranked.index("Children trafficked into orphanages") < ranked.index(
        "A report on supply chains"
    )  # summary (B) beats body (D)


@on_postgresql
def test_newest_first_sorting_ignores_relevance(client, stories):
    newest = titles(client.get("/stories/?q=forced+labour&sort=newest"))

    assert newest == [
        "A report on supply chains",
        "Labour inspectors trained",
        "Children trafficked into orphanages",
        "Forced labour on fishing boats",
    ]


@on_postgresql
def test_search_uses_english_stemming(client, stories):
    assert "Children trafficked into orphanages" in titles(client.get("/stories/?q=trafficking"))
    assert "Labour inspectors trained" in titles(client.get("/stories/?q=inspector+training"))


@on_postgresql
def test_a_quoted_phrase_must_appear_as_a_phrase(client, stories):
    phrase = set(titles(client.get('/stories/?q="forced+labour"')))
    words = set(titles(client.get("/stories/?q=forced+labour")))

    assert "Labour inspectors trained" in words  # "labour that is forced"
    assert "Labour inspectors trained" not in phrase
    assert {"Forced labour on fishing boats", "A report on supply chains"} <= phrase


@on_postgresql
def test_a_minus_excludes_a_word(client, stories):
    found = set(titles(client.get('/stories/?q="forced+labour"+-orphanage')))

    assert "Children trafficked into orphanages" not in found
    assert "Forced labour on fishing boats" in found


@on_postgresql
def test_search_finds_organization_aliases_themes_and_places(client, stories):
    assert titles(client.get("/stories/?q=UNICEF")) == ["Children trafficked into orphanages"]
    assert titles(client.get("/stories/?q=Fonds+Nations+Unies")) == [
        "Children trafficked into orphanages"
    ]
    assert titles(client.get("/stories/?q=kenya")) == ["Shelter opens"]
    assert titles(client.get("/stories/?q=survivor+support")) == ["Shelter opens"]


@on_postgresql
def test_the_vector_follows_changes_to_links_and_organizations(client, stories):
    story = Story.objects.get(title="Shelter opens")
    story.regions.set([region("thailand")])
    assert titles(client.get("/stories/?q=thailand")) == ["Shelter opens"]
    assert titles(client.get("/stories/?q=kenya")) == []

    kenya_story = StoryFactory(published=True, title="Nairobi case", regions=[region("kenya")])
    kenya = region("kenya")
    kenya.name = "Republic of Kenya"
    kenya.save()
    assert titles(client.get("/stories/?q=republic")) == [kenya_story.title]

    unicef = story.organizations.model.objects.get(slug="unicef")
    unicef.aliases = "Kinderhilfswerk"
    unicef.save()
    assert titles(client.get("/stories/?q=Kinderhilfswerk")) == [
        "Children trafficked into orphanages"
    ]


@on_postgresql
def test_matching_snippets_are_highlighted_and_escaped(client, stories):
    StoryFactory(
        published=True, title="Markup", summary="<script>alert(1)</script> shelters for boys",
    )  # fmt: skip

    response = client.get("/stories/?q=shelters")

    assert "<mark>shelters</mark> for boys" in response.text
    # PostgreSQL drops markup from headlines; anything left would be escaped.
    assert "<script>alert(1)" not in response.text


@on_postgresql
def test_snippets_come_from_the_summary_and_the_opening_of_the_body(client, stories):
    filler = "Inspectors visited farms in the valley and spoke to seasonal workers. " * 40
    assert len(filler) > search.SNIPPET_BODY_CHARS
    mention = "Voluntourism in care homes. "
    StoryFactory(published=True, title="Early mention", body=mention + filler)
    StoryFactory(published=True, title="Late mention", body=filler + mention)

    response = client.get("/stories/?q=voluntourism")

    assert "Early mention" in response.text and "Late mention" in response.text
    assert response.text.count("<mark>Voluntourism</mark>") == 1


@on_postgresql
def test_a_very_common_word_is_ranked_among_its_newest_matches_and_counted_about(
    client, stories, monkeypatch
):
    monkeypatch.setattr(search, "RANK_LIMIT", 2)

    response = client.get("/stories/?q=forced+labour")

    assert response.context["ranked"] is True
    assert response.context["result_estimated"] is True
    assert set(titles(response)) == {"A report on supply chains", "Labour inspectors trained"}
    assert "About " in response.text
    assert "the 2 newest are ranked by relevance" in response.text


@on_postgresql
def test_a_selective_search_is_counted_exactly(client, stories):
    response = client.get('/stories/?q="fishing+boats"')

    assert response.context["result_estimated"] is False
    assert "About " not in response.text


@on_postgresql
def test_only_the_listed_stories_get_a_snippet(client, stories):
    """Counting or ranking the matches as listed would make a snippet of every one (up to
    RANK_LIMIT): they are counted and ranked by id, and the page's stories fetched by id."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/stories/?q=forced+labour")

    statements = [q["sql"] for q in queries.captured_queries]
    snippets = [sql for sql in statements if "ts_headline" in sql]
    assert len(snippets) == 1
    assert "ts_rank" not in snippets[0]
    assert response.context["page_obj"].object_list
    assert '"stories_story"."id" IN (' in snippets[0] and "LIMIT" not in snippets[0]


@on_postgresql
def test_a_search_is_ranked_once_for_all_its_pages(client):
    for number in range(25):
        StoryFactory(
            published=True,
            published_at=days_ago(25 - number),  # the newest made last: ties go by date
            title=f"Debt bondage case {number}" if number % 3 == 0 else f"Case {number}",
            summary="Workers owed debts to recruiters." + " Bondage." * (number % 4),
        )
    ranked_in_sql, _ = search.search(Story.objects.published(), "debt bondage", by_relevance=True)
    expected = [story.title for story in ranked_in_sql]

    with CaptureQueriesContext(connection) as first:
        page_one = titles(client.get("/stories/?q=debt+bondage"))
    with CaptureQueriesContext(connection) as second:
        page_two = titles(client.get("/stories/?q=debt+bondage&page=2"))

    assert page_one + page_two == expected
    assert len(page_one) == 20 and page_two
    assert sum("ts_rank" in q["sql"] for q in first.captured_queries) == 1
    assert not any("ts_rank" in q["sql"] for q in second.captured_queries)


@on_postgresql
def test_a_story_taken_down_since_the_ranking_is_not_listed(client, stories):
    assert "Labour inspectors trained" in titles(client.get("/stories/?q=labour"))
    # Readers' content changing without the version moving on: the ranking is not trusted alone.
    Story.objects.filter(title="Labour inspectors trained").update(status="unpublished")

    assert "Labour inspectors trained" not in titles(client.get("/stories/?q=labour"))


@on_postgresql
def test_search_never_finds_unpublished_stories(client, stories):
    assert "Draft about forced labour" not in titles(client.get("/stories/?q=draft"))
    assert "Draft about forced labour" not in titles(client.get('/stories/?q="forced+labour"'))


@on_postgresql
def test_update_search_vectors_rebuilds_given_stories_in_one_statement(
    stories, django_assert_num_queries
):
    Story.objects.update(search_vector=None)
    ids = list(Story.objects.values_list("pk", flat=True))

    with django_assert_num_queries(1):
        search.update_search_vectors(ids)

    assert not Story.objects.filter(search_vector__isnull=True).exists()


# --- SQLite fallback ----------------------------------------------------------------------------


@on_sqlite
def test_the_fallback_finds_stories_containing_every_word(client, stories):
    found = set(titles(client.get("/stories/?q=forced+labour")))

    assert found == {
        "Forced labour on fishing boats",
        "A report on supply chains",
        "Labour inspectors trained",
        "Children trafficked into orphanages",
    }
    assert titles(client.get("/stories/?q=fishing+debts")) == ["Forced labour on fishing boats"]


@on_sqlite
def test_the_fallback_handles_phrases_and_exclusions(client, stories):
    phrase = set(titles(client.get('/stories/?q="forced+labour"')))
    excluded = set(titles(client.get('/stories/?q="forced+labour"+-orphanage')))

    assert "Labour inspectors trained" not in phrase
    assert "Children trafficked into orphanages" in phrase
    assert "Children trafficked into orphanages" not in excluded


@on_sqlite
def test_the_fallback_searches_organizations_themes_and_places(client, stories):
    assert titles(client.get("/stories/?q=unicef")) == ["Children trafficked into orphanages"]
    assert titles(client.get("/stories/?q=Fonds+Nations")) == [
        "Children trafficked into orphanages"
    ]
    assert titles(client.get("/stories/?q=kenya")) == ["Shelter opens"]
    assert titles(client.get("/stories/?q=survivor+support")) == ["Shelter opens"]


@on_sqlite
def test_the_fallback_puts_title_matches_first_when_sorting_by_relevance(client, stories):
    ranked = titles(client.get("/stories/?q=labour"))

    assert set(ranked[:2]) == {"Forced labour on fishing boats", "Labour inspectors trained"}


@on_sqlite
def test_the_fallback_marks_the_words_found(client, stories):
    response = client.get("/stories/?q=shelter")

    assert "A new <mark>shelter</mark> for survivors." in response.text


@on_sqlite
def test_the_fallback_never_finds_unpublished_stories(client, stories):
    assert "Draft about forced labour" not in titles(client.get("/stories/?q=draft"))


def test_search_terms_are_parsed_like_a_web_search():
    assert search.parse_terms('"forced labour" -orphanage kenya OR uganda') == (
        ["forced labour", "kenya", "uganda"],
        ["orphanage"],
    )


def test_highlighting_escapes_html_around_the_marks():
    assert search.highlight("<b>Kenya</b> & more", ["kenya"]) == (
        "&lt;b&gt;<mark>Kenya</mark>&lt;/b&gt; &amp; more"
    )


# --- The finder's form, as a reader submits it ----------------------------------------------


def finder_form(page):
    return next(form for form in page.forms.values() if "sort" in form.fields)


def test_words_typed_into_the_finder_are_ranked_by_relevance(django_app, stories):
    page = django_app.get("/stories/")
    form = finder_form(page)
    assert form["sort"].value == ""  # the default order is not sent as "newest"
    form["q"] = "forced labour"
    results = form.submit()
    # Without JavaScript the form also sends its empty fields; the server shortens the address.
    results = results.follow() if results.status_code == 301 else results
    assert "sort=newest" not in results.request.url
    assert [s.title for s in results.context["page_obj"]][0] == "Forced labour on fishing boats"
    assert "most relevant first" in results.html.select_one("#results-heading").get_text()
    selected = results.html.select_one("#id_sort option[selected]")
    assert selected.get_text() == "Most relevant first"
    # Choosing newest first is kept, and the menu says so.
    form = finder_form(results)
    form["sort"] = "newest"
    newest = form.submit()
    newest = newest.follow() if newest.status_code == 301 else newest
    assert [s.title for s in newest.context["page_obj"]][0] == "A report on supply chains"
    assert newest.html.select_one("#id_sort option[selected]").get_text() == "Newest first"
