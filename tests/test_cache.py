from __future__ import annotations

import datetime
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from stories import services
from stories.cache import bump_content_version, content_version, page_cache_key
from stories.models import LIVE_STATUSES, RoundUp, Status, Story, Topic
from tests.admin_pages import change_form, fill, save, save_changes, take_step
from tests.factories import RoundUpFactory, StoryFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

STORIES = "/stories/"


@pytest.fixture
def story():
    return StoryFactory(published=True, title="Kenyans return home")


def test_an_anonymous_reader_gets_a_repeated_page_from_the_cache(client, story):
    first = client.get(STORIES)

    second = client.get(STORIES)

    assert second.status_code == 200
    assert second.content == first.content
    assert "Kenyans return home" in second.text


def test_a_cached_page_costs_no_query(client, story, django_assert_num_queries):
    client.get(STORIES)

    with django_assert_num_queries(0):
        client.get(STORIES)


def test_a_page_stored_in_an_earlier_releases_shape_is_rendered_again(client, story):
    request = RequestFactory().get(story.get_absolute_url())
    cache.set(page_cache_key(request), (content_version(), 200, [], b"earlier shape"), 60)

    response = client.get(story.get_absolute_url())

    assert response.status_code == 200
    assert story.title in response.text


def test_a_published_story_shows_on_the_next_request(client, story):
    client.get(STORIES)

    StoryFactory(published=True, title="Sweden backs IOM")

    assert "Sweden backs IOM" in client.get(STORIES).text


def test_an_unpublished_story_disappears_on_the_next_request(client, story):
    assert "Kenyans return home" in client.get(STORIES).text
    assert client.get(story.get_absolute_url()).status_code == 200

    story.status = Status.UNPUBLISHED
    story.save()

    assert "Kenyans return home" not in client.get(STORIES).text
    assert client.get(story.get_absolute_url()).status_code == 404


def test_an_edited_story_shows_its_new_text_on_the_next_request(client, story):
    client.get(story.get_absolute_url())

    story.title = "Kenyan survivors return home"
    story.save()

    assert "Kenyan survivors return home" in client.get(story.get_absolute_url()).text


def test_a_deleted_story_disappears_on_the_next_request(client, story):
    client.get(STORIES)

    story.delete()

    assert "Kenyans return home" not in client.get(STORIES).text


def test_a_renamed_topic_shows_on_cached_story_cards(client, story):
    topic = TopicFactory(name="Labour rights")
    story.topics.add(topic)
    assert "Labour rights" in client.get(STORIES).text

    topic.name = "Decent work"
    topic.save()

    assert "Decent work" in client.get(STORIES).text


def test_a_topic_added_to_a_story_shows_on_the_next_request(client, story):
    topic = Topic.objects.get(slug="forced-labour")
    assert topic.name not in client.get(story.get_absolute_url()).text

    story.topics.add(topic)

    assert topic.name in client.get(story.get_absolute_url()).text


def test_a_digest_item_added_shows_on_the_next_request(client, story):
    roundup = RoundUpFactory(published=True)
    client.get(roundup.get_absolute_url())

    roundup.items.create(story=StoryFactory(published=True, title="Late addition"), position=9)

    assert "Late addition" in client.get(roundup.get_absolute_url()).text


# --- Writes readers cannot see leave cached pages alone; writes they can see never do ----------

UNSEEN = "Changed without a signal"


def cache_finder(client, story) -> int:
    """Cache the finder for a reader, then change it in a way that shows only on a new version."""
    assert story.title in client.get(STORIES).text
    Story.objects.filter(pk=story.pk).update(title=UNSEEN)
    return content_version()


def cache_kept(client, version: int) -> bool:
    """Whether the reader still gets the cached page, and the facet counts keyed like it."""
    return UNSEEN not in client.get(STORIES).text and content_version() == version


def admin_url(obj, view: str = "change") -> str:
    return reverse(f"admin:stories_{obj._meta.model_name}_{view}", args=[obj.pk])


def test_saving_a_draft_in_the_admin_leaves_cached_pages_alone(client, story, django_app, editor):
    draft = StoryFactory(title="Unfinished draft")
    version = cache_finder(client, story)

    save_changes(django_app, draft, user="editor", title="Still unfinished")

    assert Story.objects.get(pk=draft.pk).title == "Still unfinished"
    assert cache_kept(client, version)


def test_creating_a_draft_in_the_admin_leaves_cached_pages_alone(client, story, django_app, editor):
    add_url = reverse("admin:stories_story_add")
    topic = Topic.objects.get(slug="forced-labour")
    version = cache_finder(client, story)

    form = django_app.get(add_url, user="editor").forms["story_form"]
    fill(form, title="New draft", slug="new-draft", summary="Not ready.", topics=[topic.pk])
    assert save(form, user="editor").status_code == 302

    assert Story.objects.get(slug="new-draft").topics.get() == topic
    assert cache_kept(client, version)


def test_tagging_a_draft_in_the_admin_leaves_cached_pages_alone(client, story, django_app, editor):
    draft = StoryFactory(title="Unfinished draft", topics=[TopicFactory()])
    Tag.objects.create(name="Brick kilns", slug="brick-kilns")
    version = cache_finder(client, story)

    save_changes(django_app, draft, user="editor", tags='"Brick kilns"', topics=[])

    assert list(draft.tags.names()) == ["Brick kilns"]
    assert not draft.topics.exists()
    assert cache_kept(client, version)


def test_deleting_a_draft_leaves_cached_pages_alone(client, story, moderator_client):
    draft = StoryFactory(title="Unfinished draft", tags=["Brick kilns"])
    version = cache_finder(client, story)

    assert moderator_client.post(admin_url(draft, "delete"), {"post": "yes"}).status_code == 302

    assert not Story.objects.filter(pk=draft.pk).exists()
    assert cache_kept(client, version)


def test_editing_a_draft_round_up_and_its_items_leaves_cached_pages_alone(
    client, story, django_app, editor
):
    first, second = StoryFactory(published=True), StoryFactory(published=True)
    roundup = RoundUpFactory(title="Issue in progress", items=[first])
    version = cache_finder(client, story)

    form = change_form(django_app, roundup, user="editor")
    fill(form, title="Issue nearly ready")
    fill(form, **{"items-0-DELETE": True, "items-1-story": second.pk, "items-1-position": 2})
    response = save(form, user="editor")

    assert response.status_code == 302, response.text
    assert [item.story for item in roundup.items.all()] == [second]
    assert cache_kept(client, version)


def test_review_steps_before_publication_leave_cached_pages_alone(
    client, story, django_app, editor, moderator
):
    draft = StoryFactory(title="Unfinished draft")
    version = cache_finder(client, story)

    take_step(django_app, draft, "submit", user="editor")
    take_step(django_app, draft, "request_changes", user="moderator", comment="Cite a source.")
    take_step(django_app, draft, "submit", user="editor")
    take_step(django_app, draft, "approve", user="moderator")

    assert Story.objects.get(pk=draft.pk).status == Status.APPROVED
    assert cache_kept(client, version)


def test_changes_to_a_published_story_show_at_once_when_published_not_when_proposed(
    client, story, django_app, moderator, other_moderator
):
    version = cache_finder(client, story)

    save_changes(django_app, story, user="moderator", title="Kenyan survivors return home")

    assert "Kenyan survivors return home" not in client.get(STORIES).text
    assert cache_kept(client, version)
    services.revision_step(item=story, step="changes_submit", by=moderator)
    services.revision_step(item=story, step="changes_approve", by=other_moderator)
    services.revision_step(
        item=story, step="changes_publish", by=other_moderator, kind="minor", note=""
    )
    assert "Kenyan survivors return home" in client.get(STORIES).text
    assert content_version() != version


def test_a_tag_added_to_a_published_story_shows_on_the_next_request(client, story):
    tag = Tag.objects.create(name="Brick kilns", slug="brick-kilns")
    assert "Brick kilns" not in client.get(story.get_absolute_url()).text

    story.tags.add(tag)

    assert "Brick kilns" in client.get(story.get_absolute_url()).text


def test_a_topic_removed_from_a_published_story_leaves_its_topic_page(client, story):
    topic = TopicFactory(name="Brick kilns")
    story.topics.add(topic)
    assert "Kenyans return home" in client.get(topic.get_absolute_url()).text

    story.topics.remove(topic)

    assert "Kenyans return home" not in client.get(topic.get_absolute_url()).text


def test_publishing_from_the_admin_shows_at_once(client, story, django_app, moderator):
    approved = StoryFactory(title="Approved report", status=Status.APPROVED)
    assert "Approved report" not in client.get(STORIES).text

    take_step(django_app, approved, "publish", user="moderator")

    assert "Approved report" in client.get(STORIES).text


def test_unpublishing_from_the_admin_shows_at_once(client, story, django_app, moderator):
    assert "Kenyans return home" in client.get(STORIES).text

    take_step(django_app, story, "unpublish", user="moderator")

    assert "Kenyans return home" not in client.get(STORIES).text


def test_a_story_scheduled_for_soon_appears_on_time(client, story, django_app, moderator):
    approved = StoryFactory(title="Scheduled report", status=Status.APPROVED)
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False):
        assert "Scheduled report" not in client.get(STORIES).text  # nothing due: looked at later
        at = timezone.localtime(start + datetime.timedelta(minutes=2))
        take_step(
            django_app, approved, "publish", user="moderator", at=at.strftime("%Y-%m-%dT%H:%M:%S")
        )
        assert Story.objects.get(pk=approved.pk).status == Status.SCHEDULED
        assert "Scheduled report" not in client.get(STORIES).text

    with time_machine.travel(start + datetime.timedelta(minutes=3), tick=False):
        assert "Scheduled report" in client.get(STORIES).text


def test_a_scheduled_story_brought_forward_in_the_admin_appears_on_time(
    client, story, django_app, moderator
):
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False):
        scheduled = StoryFactory(
            title="Scheduled report",
            status=Status.SCHEDULED,
            published_at=start + datetime.timedelta(hours=2),
        )
        assert "Scheduled report" not in client.get(STORIES).text  # due in two hours

        sooner = timezone.localtime(start + datetime.timedelta(minutes=2))
        save_changes(
            django_app,
            scheduled,
            user="moderator",
            published_at_0=f"{sooner:%Y-%m-%d}",
            published_at_1=f"{sooner:%H:%M:%S}",
        )
        assert Story.objects.get(pk=scheduled.pk).published_at == sooner

    with time_machine.travel(start + datetime.timedelta(minutes=3), tick=False):
        assert "Scheduled report" in client.get(STORIES).text


def test_deleting_a_published_story_in_the_admin_shows_at_once(client, story, moderator_client):
    assert "Kenyans return home" in client.get(STORIES).text

    assert moderator_client.post(admin_url(story, "delete"), {"post": "yes"}).status_code == 302

    assert "Kenyans return home" not in client.get(STORIES).text


def test_restoring_an_old_version_of_a_live_story_reaches_cached_pages_once_published(
    client, moderator, other_moderator, moderator_client, django_app
):
    draft = StoryFactory(title="Kenyans return home")
    save_changes(
        django_app, draft, user="moderator"
    )  # the revision to go back to: a draft without themes
    draft_version = Version.objects.get_for_object(draft).first()
    for step in ("submit", "approve", "publish"):
        getattr(draft, step)(by=moderator)
    topic = TopicFactory(name="Brick kilns")
    draft.topics.add(topic)
    assert "Kenyans return home" in client.get(topic.get_absolute_url()).text

    revision_url = reverse("admin:stories_story_revision", args=[draft.pk, draft_version.pk])
    django_app.get(revision_url, user="moderator").forms["restore-form"].submit().follow()

    # Proposed changes only: the cached pages keep the live story, themes and all.
    assert Story.objects.get(pk=draft.pk).status == Status.PUBLISHED
    assert "Kenyans return home" in client.get(topic.get_absolute_url()).text
    for step in ("changes_submit", "changes_approve"):
        services.revision_step(item=draft, step=step, by=other_moderator)
    services.revision_step(
        item=draft, step="changes_publish", by=other_moderator, kind="update",
        note="Back to the first version.",
    )  # fmt: skip
    assert "Kenyans return home" not in client.get(topic.get_absolute_url()).text
    assert "Kenyans return home" in client.get(STORIES).text


def test_the_version_moves_on_again_when_the_transaction_commits(
    story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        story.save()
        during = content_version()

    assert callbacks
    assert content_version() > during


def test_a_scheduled_story_appears_when_its_time_comes_without_any_write(client, story):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        StoryFactory(
            title="Scheduled report",
            status=Status.SCHEDULED,
            published_at=start + datetime.timedelta(hours=2),
        )
        assert "Scheduled report" not in client.get(STORIES).text

    with time_machine.travel(start + datetime.timedelta(hours=1), tick=False):
        assert "Scheduled report" not in client.get(STORIES).text

    with time_machine.travel(start + datetime.timedelta(hours=2, seconds=1), tick=False):
        assert "Scheduled report" in client.get(STORIES).text


def test_a_story_is_taken_down_at_its_take_down_time_without_any_write(client, story):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        story.unpublish_at = start + datetime.timedelta(minutes=30)
        story.save()
        assert "Kenyans return home" in client.get(STORIES).text

    with time_machine.travel(start + datetime.timedelta(minutes=31), tick=False):
        assert "Kenyans return home" not in client.get(STORIES).text
        assert client.get(story.get_absolute_url()).status_code == 404


def test_a_lost_version_does_not_bring_back_pages_of_an_old_one(story):
    from django.core.cache import cache

    old = content_version()
    cache.delete("content-version")

    assert content_version() > old
    assert bump_content_version() > old


def test_an_unchanged_page_answers_a_conditional_request_with_304(client, story):
    first = client.get(STORIES)

    again = client.get(STORIES, headers={"if-none-match": first["ETag"]})

    assert first["ETag"]
    assert again.status_code == 304
    assert again.content == b""


def test_a_changed_page_answers_a_conditional_request_in_full(client, story):
    first = client.get(STORIES)
    StoryFactory(published=True, title="Sweden backs IOM")

    again = client.get(STORIES, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert "Sweden backs IOM" in again.text


def test_cached_pages_ask_browsers_to_revalidate(client, story):
    response = client.get(STORIES)

    assert "max-age=0" in response["Cache-Control"]
    assert response["Last-Modified"]


def test_staff_never_get_the_anonymous_copy_of_a_page(client, story):
    client.get(story.get_absolute_url())
    Story.objects.filter(pk=story.pk).update(title="Changed without a signal")
    client.force_login(UserFactory(is_superuser=True))

    assert "Changed without a signal" in client.get(story.get_absolute_url()).text


def test_a_preview_of_a_draft_is_marked_not_to_be_stored(admin_client):
    draft = StoryFactory(title="Unfinished draft")

    response = admin_client.get(draft.get_absolute_url() + "?preview=1")

    assert "Unfinished draft" in response.text
    assert "no-cache" in response["Cache-Control"]


def test_a_preview_is_not_stored_for_anonymous_readers(client):
    editor = Client()
    editor.force_login(UserFactory(is_superuser=True))
    draft = StoryFactory(title="Unfinished draft")
    editor.get(draft.get_absolute_url() + "?preview=1")

    assert client.get(draft.get_absolute_url() + "?preview=1").status_code == 404


def test_the_admin_is_never_cached(admin_client, story):
    url = reverse("admin:stories_story_changelist")
    admin_client.get(url)
    Story.objects.filter(pk=story.pk).update(title="Changed without a signal")

    assert "Changed without a signal" in admin_client.get(url).text


def test_pages_vary_by_query_string(client, story):
    topic = Topic.objects.get(slug="forced-labour")
    other = StoryFactory(published=True, title="Brick kilns", topics=[topic])

    everything = client.get(STORIES).text
    filtered = client.get(STORIES, {"topic": topic.slug}).text

    assert "Kenyans return home" in everything
    assert "Kenyans return home" not in filtered
    assert other.title in filtered


def test_the_page_cache_can_be_turned_off(client, story, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(STORIES)

    with CaptureQueriesContext(connection) as queries:
        assert Client().get(STORIES).status_code == 200

    assert len(queries) > 0  # the view ran: a cached page needs no query


def test_the_baseline_page_is_not_served_unless_benchmarking(client):
    assert client.get("/bench/baseline").status_code == 404


def test_static_files_are_compressed_and_cached_for_a_year(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.templatetags.static import static

    url = static("css/site.css")
    response = Client().get(url, headers={"accept-encoding": "gzip"})

    assert url != "/static/css/site.css"  # a content hash in the name
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]


@pytest.mark.parametrize("published", [True, False], ids=["published story", "draft"])
def test_the_admin_filter_offers_a_theme_as_soon_as_a_story_uses_it(admin_client, published):
    url = reverse("admin:stories_story_changelist")
    story = StoryFactory(title="Brickworks report", published=published)
    topic = TopicFactory(name="Brick kilns")
    assert "Brick kilns" not in admin_client.get(url).text

    story.topics.add(topic)

    assert "Brick kilns" in admin_client.get(url).text


def test_the_admin_filter_drops_a_theme_with_the_last_draft_that_used_it(admin_client):
    url = reverse("admin:stories_story_changelist")
    topic = TopicFactory(name="Brick kilns")
    draft = StoryFactory(title="Unfinished draft", topics=[topic])
    assert "Brick kilns" in admin_client.get(url).text

    draft.delete()

    assert "Brick kilns" not in admin_client.get(url).text


@pytest.mark.parametrize("feed", ["story_feed", "story_atom", "roundup_feed", "roundup_atom"])
def test_an_unchanged_feed_answers_a_feed_reader_with_304(client, story, feed):
    RoundUpFactory(published=True, lead_story=story)
    url = reverse(f"stories:{feed}")
    first = client.get(url)

    by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert first.status_code == 200
    assert by_etag.status_code == 304
    assert by_date.status_code == 304


def test_a_feed_answers_in_full_once_a_story_is_published(client, story):
    url = reverse("stories:story_feed")
    first = client.get(url)
    StoryFactory(published=True, title="Sweden backs IOM")

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert "Sweden backs IOM" in again.text


def test_a_story_published_through_the_workflow_shows_on_cached_pages(client, story, moderator):
    approved = StoryFactory(title="Approved report", status=Status.APPROVED)
    assert "Approved report" not in client.get(STORIES).text

    approved.publish(by=moderator)

    assert "Approved report" in client.get(STORIES).text
    assert client.get(approved.get_absolute_url()).status_code == 200


def test_a_story_unpublished_through_the_workflow_leaves_cached_pages(client, story, moderator):
    assert client.get(story.get_absolute_url()).status_code == 200
    assert "Kenyans return home" in client.get(STORIES).text

    story.unpublish(by=moderator, comment="Wrong figures")

    assert "Kenyans return home" not in client.get(STORIES).text
    assert client.get(story.get_absolute_url()).status_code == 404


class CountingCache:
    """The cache, counting the calls made to it."""

    def __init__(self, real):
        self.real, self.calls = real, []

    def __getattr__(self, name):
        attribute = getattr(self.real, name)
        if not callable(attribute):
            return attribute

        def counted(*args, **kwargs):
            self.calls.append(name)
            return attribute(*args, **kwargs)

        return counted


def test_a_cached_page_and_the_content_version_come_in_one_round_trip(client, story, monkeypatch):
    import stories.cache

    client.get(STORIES)
    counting = CountingCache(stories.cache.cache)
    monkeypatch.setattr(stories.cache, "cache", counting)

    assert "Kenyans return home" in client.get(STORIES).text
    assert counting.calls == ["get_many"]


def test_readers_who_find_a_value_being_computed_wait_for_it_instead_of_computing_it():
    from stories.cache import get_or_compute_once

    cache.add("counts:computing", 1)
    threading.Timer(0.2, cache.set, args=("counts", "counted by the first reader", 60)).start()
    computed = []

    value = get_or_compute_once("counts", lambda: computed.append(1) or "counted again", 60)

    assert value == "counted by the first reader"
    assert computed == []


def test_a_reader_computes_the_value_itself_when_the_first_ones_lock_expires():
    import stories.cache

    cache.add("counts:computing", 1, timeout=1)  # its process died: the lock runs out

    assert stories.cache.get_or_compute_once("counts", lambda: "counted", 60) == "counted"


def test_a_reader_waits_for_a_long_computation_instead_of_starting_it_again(monkeypatch):
    import stories.cache

    monkeypatch.setattr(stories.cache, "COMPUTING_POLL_SECONDS", 0.01)
    cache.add("counts:computing", 1, timeout=60)
    started = time.monotonic()
    real_sleep = time.sleep

    def sleep(seconds):
        # Past the five seconds readers used to wait, the first computation still runs.
        if time.monotonic() - started > 0.3:
            cache.set("counts", "counted by the first reader", 60)
            cache.delete("counts:computing")
        real_sleep(seconds)

    monkeypatch.setattr(stories.cache.time, "sleep", sleep)
    computed = []

    value = stories.cache.get_or_compute_once("counts", lambda: computed.append(1) or "again", 60)

    assert value == "counted by the first reader"
    assert computed == []


def test_readers_arriving_together_compute_a_value_once():
    from stories.cache import get_or_compute_once

    computed = []

    def count():
        computed.append(1)
        time.sleep(0.3)
        return "counted"

    with ThreadPoolExecutor(max_workers=4) as pool:
        values = list(pool.map(lambda _: get_or_compute_once("counts", count, 60), range(4)))

    assert values == ["counted"] * 4
    assert len(computed) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plans")
@pytest.mark.parametrize("model", [Story, RoundUp])
def test_the_next_take_down_is_found_without_reading_every_live_item(model):
    """Asked on the first request after every change: a scan of every live story instead took
    a quarter of a second at a million stories."""
    live = model.objects.filter(status__in=LIVE_STATUSES, unpublish_at__gt=timezone.now())
    sql, params = (
        live.order_by("unpublish_at").values_list("unpublish_at")[:1].query.sql_with_params()
    )

    with connection.cursor() as cursor:
        # The test's tables are tiny: ask whether an index gives the order this query needs
        # (and accepts its condition), as it does on a large table.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert f"{model._meta.model_name}_take_down_due" in plan


def test_a_version_started_again_after_the_cache_lost_it_was_never_given_before(db):
    """Each process keeps values read at a version (stories.facets) and trusts the number alone:
    when the cache loses the version and it starts again from the clock, it must not come back
    to a number changes had already moved it through."""
    content_version()
    given = [bump_content_version() for _ in range(200)]  # a busy moment: faster than the clock

    cache.clear()

    assert content_version() > max(given)
