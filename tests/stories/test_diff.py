"""Honest diffs: every word of every field, round-up items by story, history in editors' words."""

import pytest
from django.urls import reverse

from organizations.models import Organization
from stories.diff import compare_fields, compare_items, field_values, word_diff, word_marks
from stories.models import RoundUpItem, Story
from tests.factories import RoundUpFactory, StoryFactory, TopicFactory

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:stories_{obj._meta.model_name}_change", args=[obj.pk])


def save_in_admin(django_app, obj, user="moderator", **changes):
    """Open the change form as rendered, change fields, save it."""
    form = django_app.get(change_url(obj), user=user).forms[f"{obj._meta.model_name}_form"]
    for name, value in changes.items():
        form[name] = value
    response = form.submit("_continue")
    assert response.status_code == 302, response.text
    return response.follow()


# --- The diff itself ---


def test_a_word_diff_marks_words_escapes_html_and_keeps_every_word():
    old = "Police found <b>three</b> victims.\nThe case continues in court " + "word " * 200
    new = "Police found <b>five</b> victims.\nThe case continues in court " + "word " * 200 + "end"
    diff = word_diff(old, new)
    assert "<del>&lt;b&gt;three&lt;/b&gt;</del>" in diff
    assert "<ins>&lt;b&gt;five&lt;/b&gt;</ins>" in diff
    assert "<ins>end</ins>" in diff
    assert diff.count("word") == 200  # nothing cut
    assert "<br>" in diff
    before, after = word_marks(old, new)
    assert "<del>" in before and "<ins>" not in before
    assert "<ins>end</ins>" in after and "<del>" not in after


def test_comparing_fields_names_only_what_changed_and_relations_by_name(editor):
    first, second = TopicFactory(name="Forced labour"), TopicFactory(name="Sexual exploitation")
    org = Organization.objects.create(name="Example Shelter", slug="example-shelter")
    story = StoryFactory(title="Same", topics=[first, second])
    before = field_values(story)
    story.topics.set([second, first])  # the same set in another order: no change
    story.organizations.set([org])
    story.body = story.body + " One more sentence."
    after = field_values(story)
    changes = {change.name: change for change in compare_fields(Story, before, after)}
    assert set(changes) == {"organizations", "body"}
    assert changes["organizations"].old == "(none)"
    assert changes["organizations"].new == "Example Shelter"
    assert changes["body"].diff.endswith("<ins>One more sentence.</ins>")


def test_comparing_items_matches_them_by_story():
    a, b, c, d = (StoryFactory(title=t) for t in "ABCD")
    before = [
        {"story": a.pk, "position": 1, "blurb": ""},
        {"story": b.pk, "position": 2, "blurb": "Old words here"},
        {"story": c.pk, "position": 3, "blurb": ""},
    ]
    after = [
        {"story": b.pk, "position": 1, "blurb": "New words here"},
        {"story": a.pk, "position": 2, "blurb": ""},
        {"story": d.pk, "position": 3, "blurb": ""},
    ]
    changes = [(change.story, change.summary) for change in compare_items(before, after)]
    assert changes == [
        ("B", "Moved from position 2 to 1; blurb changed."),
        ("A", "Moved from position 1 to 2."),
        ("D", "Added at position 3."),
        ("C", "Removed (was at position 3)."),
    ]
    blurb = compare_items(before, after)[0].blurb_diff
    assert blurb == "<del>Old</del><ins>New</ins> words here"


# --- The history screens, as editors use them ---


def test_the_compare_view_shows_a_change_at_the_end_of_a_long_body(django_app, moderator):
    body = "The report describes the case in detail. " * 40
    story = StoryFactory(body=body + "The trial opens in May.")
    save_in_admin(django_app, story, body=body + "The trial opens in June.")
    page = django_app.get(reverse("admin:stories_story_compare", args=[story.pk]), user="moderator")
    row = page.html.select_one("#revision-differences tbody tr")
    assert row.th.get_text() == "Body"
    before, after = row.select("td")
    assert before.select_one("del").get_text() == "May."
    assert after.select_one("ins").get_text() == "June."
    assert after.get_text().count("The report describes the case in detail.") == 40


def test_the_compare_view_shows_a_round_up_item_blurb_change(django_app, moderator):
    a, b = StoryFactory(title="Story A"), StoryFactory(title="Story B")
    roundup = RoundUpFactory(items=[a, b])
    RoundUpItem.objects.filter(story=b).update(blurb="Shelters report more arrivals.")
    save_in_admin(django_app, roundup, title=roundup.title + " (first)")
    page = django_app.get(change_url(roundup), user="moderator")
    form = page.forms["roundup_form"]
    blurb = next(name for name in form.fields if name.endswith("-blurb") and form[name].value)
    form[blurb] = "Shelters report fewer arrivals."
    form.submit("_continue").follow()
    page = django_app.get(
        reverse("admin:stories_roundup_compare", args=[roundup.pk]), user="moderator"
    )
    assert "These revisions do not differ" not in page.text
    rows = page.html.select("#revision-differences-items tbody tr")
    assert [row.th.get_text() for row in rows] == ["Story B"]
    cells = rows[0].select("td")
    assert cells[0].get_text() == "Blurb changed."
    assert cells[1].select_one("del").get_text() == "more"
    assert cells[1].select_one("ins").get_text() == "fewer"


def test_history_entries_say_what_changed_in_editors_words(django_app, moderator):
    story = StoryFactory()
    save_in_admin(django_app, story, title="A new title", summary="A new summary.")
    page = django_app.get(reverse("admin:stories_story_history", args=[story.pk]), user="moderator")
    entries = [td.get_text() for td in page.html.select("#change-history td:last-child")]
    assert "Edited the title and summary." in entries
    assert not any("seen_version" in entry or "Changed Title" in entry for entry in entries)
