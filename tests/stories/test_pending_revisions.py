"""Changes to live items: a pending revision is reviewed while readers keep the live version."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from stories import services
from stories.models import ChangeNote, PendingRevision, Status, Story, Transition
from tests.factories import RoundUpFactory, StoryFactory, TopicFactory

pytestmark = pytest.mark.django_db


def download(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def propose(story, by, **values):
    return services.revision_save(item=story, values=values, by=by, seen="none")


def step(item, name, by, **kwargs):
    return services.revision_step(item=item, step=name, by=by, **kwargs)


def review(item, editor, moderator, **values):
    """An editor proposes and submits; a moderator approves."""
    propose(item, editor, **values)
    step(item, "changes_submit", editor)
    step(item, "changes_approve", moderator)


class TestProposing:
    def test_an_edit_of_a_live_story_leaves_the_live_row_alone(self, editor):
        story = StoryFactory(published=True, title="Live title", body="Live body.")
        revision = propose(story, editor, title="Proposed title", body="Proposed body.")
        story.refresh_from_db()
        assert (story.title, story.body) == ("Live title", "Live body.")
        assert revision.content["title"] == "Proposed title"
        assert revision.proposed_by == editor
        assert story.pending_revision() == revision

    def test_an_edit_that_changes_nothing_makes_no_revision(self, editor):
        story = StoryFactory(published=True, title="Same")
        assert propose(story, editor, title="Same") is None
        assert not PendingRevision.objects.exists()

    def test_a_draft_is_not_edited_through_a_revision(self, editor):
        story = StoryFactory(author=editor)
        with pytest.raises(ValidationError):
            propose(story, editor, title="Anything")

    def test_a_save_over_someone_elses_newer_proposal_is_refused(self, editor, other_editor):
        story = StoryFactory(published=True)
        revision = propose(story, editor, title="First")
        seen = str(revision.lock_version)
        services.revision_save(item=story, values={"title": "Second"}, by=other_editor, seen=seen)
        with pytest.raises(ValidationError) as refused:
            services.revision_save(item=story, values={"title": "Third"}, by=editor, seen=seen)
        assert refused.value.code == "stale"
        with pytest.raises(ValidationError):
            services.revision_save(item=story, values={"title": "Fourth"}, by=editor, seen=None)
        assert PendingRevision.objects.get().content["title"] == "Second"

    def test_editors_cannot_change_proposed_changes_under_review(self, editor, moderator):
        story = StoryFactory(published=True)
        revision = propose(story, editor, title="Proposed")
        step(story, "changes_submit", editor)
        revision.refresh_from_db()
        with pytest.raises(PermissionDenied):
            services.revision_save(
                item=story, values={"title": "Sneaky"}, by=editor, seen=str(revision.lock_version)
            )
        services.revision_save(
            item=story, values={"title": "Tidied"}, by=moderator, seen=str(revision.lock_version)
        )


class TestReviewSteps:
    def test_the_steps_of_a_new_item(self, editor, moderator):
        story = StoryFactory(published=True, title="Old")
        propose(story, editor, title="New")
        with pytest.raises(PermissionDenied):
            step(story, "changes_approve", editor)
        step(story, "changes_submit", editor)
        with pytest.raises(ValidationError) as no_comment:
            step(story, "changes_request", moderator)
        assert no_comment.value.code == "comment_required"
        step(story, "changes_request", moderator, comment="Cite the report.")
        assert PendingRevision.objects.get().status == Status.CHANGES_REQUESTED
        step(story, "changes_submit", editor)
        step(story, "changes_approve", moderator)
        with pytest.raises(PermissionDenied):
            step(story, "changes_publish", editor, kind="update", note="More detail.")
        step(story, "changes_publish", moderator, kind="update", note="Added the report's figures.")
        story.refresh_from_db()
        assert story.title == "New"
        assert story.status == Status.PUBLISHED
        assert not PendingRevision.objects.exists()
        steps = [str(t) for t in Transition.objects.filter(pending_changes=True).order_by("pk")]
        assert steps[0] == "Proposed changes: Draft → In review"
        assert steps[-1] == "Proposed changes: Approved → Published"

    def test_publishing_moves_the_content_version_and_the_updated_date(self, editor, moderator):
        from stories.cache import content_version

        story = StoryFactory(published=True)
        review(story, editor, moderator, summary="A better summary.")
        before = content_version()
        step(story, "changes_publish", moderator, kind="update", note="Clearer summary.")
        story.refresh_from_db()
        assert content_version() != before
        assert story.revised_at is not None
        note = ChangeNote.objects.get()
        assert (note.kind, note.note, note.content_object) == ("update", "Clearer summary.", story)

    def test_a_change_note_is_required_unless_the_change_is_minor(self, editor, moderator):
        story = StoryFactory(published=True)
        review(story, editor, moderator, title="Changed")
        for kind, note in (("", "A note"), ("correction", " "), ("bogus", "A note")):
            with pytest.raises(ValidationError):
                step(story, "changes_publish", moderator, kind=kind, note=note)
        step(story, "changes_publish", moderator, kind="minor", note="")
        story.refresh_from_db()
        assert story.title == "Changed"
        assert story.revised_at is None
        assert not ChangeNote.objects.exists()
        assert Transition.objects.filter(comment="Minor change published.").exists()

    def test_changes_scheduled_for_later_go_live_when_their_time_comes(self, editor, moderator):
        story = StoryFactory(published=True, title="Old")
        review(story, editor, moderator, title="New")
        at = timezone.now() + datetime.timedelta(hours=2)
        step(story, "changes_publish", moderator, at=at, kind="correction", note="Fixed a date.")
        call_command("publish_scheduled", stdout=io.StringIO())
        story.refresh_from_db()
        assert story.title == "Old"
        PendingRevision.objects.update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
        call_command("publish_scheduled", stdout=io.StringIO())
        story.refresh_from_db()
        assert story.title == "New"
        assert ChangeNote.objects.get().kind == "correction"

    def test_the_proposer_may_discard_before_review_and_nobody_else_but_moderators(
        self, editor, other_editor, moderator
    ):
        story = StoryFactory(published=True)
        propose(story, editor, title="Withdrawn")
        with pytest.raises(PermissionDenied):
            step(story, "changes_discard", other_editor)
        step(story, "changes_discard", editor)
        assert not PendingRevision.objects.exists()
        propose(story, editor, title="Again")
        step(story, "changes_discard", moderator)
        assert not PendingRevision.objects.exists()

    def test_a_minor_change_is_published_at_once_by_a_moderator_only(self, editor, moderator):
        story = StoryFactory(published=True, title="Typo hree")
        with pytest.raises(PermissionDenied):
            services.revision_publish_minor(item=story, by=editor, values={"title": "Typo"})
        services.revision_publish_minor(
            item=story, by=moderator, values={"title": "Typo here"}, seen="none"
        )
        story.refresh_from_db()
        assert story.title == "Typo here"
        assert Transition.objects.get(pending_changes=True).comment == "Minor change published."


class TestLeavingTheSite:
    def test_taking_down_keeps_the_proposed_changes_as_the_draft(self, editor, moderator):
        story = StoryFactory(published=True, title="Live")
        propose(story, editor, title="Proposed")
        story.take_down(moderator, comment="Legal request.")
        story.refresh_from_db()
        assert story.status == Status.UNPUBLISHED
        assert story.title == "Proposed"
        assert not PendingRevision.objects.exists()
        assert not Story.objects.published().exists()


class TestIdentityProtection:
    @pytest.fixture
    def flagged(self, moderator, other_moderator):
        story = StoryFactory(published=True, involves_vulnerable_person=True, body="Safe.")
        Story.objects.filter(pk=story.pk).update(
            identity_protection_confirmed_by=other_moderator,
            identity_protection_confirmed_at=timezone.now(),
        )
        story.refresh_from_db()
        return story

    def test_changes_need_a_confirmation_by_someone_who_did_not_write_them(
        self, flagged, editor, moderator, other_moderator
    ):
        propose(flagged, moderator, body="Names the child's town.")
        step(flagged, "changes_submit", moderator)
        with pytest.raises(ValidationError) as unconfirmed:
            step(flagged, "changes_approve", other_moderator)
        assert unconfirmed.value.code == "identity_protection_unconfirmed"
        with pytest.raises(ValidationError) as own:
            step(flagged, "changes_confirm_identity", moderator)
        assert own.value.code == "own_changes"
        step(flagged, "changes_confirm_identity", other_moderator)
        step(flagged, "changes_approve", other_moderator)
        step(flagged, "changes_publish", other_moderator, kind="update", note="Clarified.")
        flagged.refresh_from_db()
        assert flagged.body == "Names the child's town."
        assert flagged.identity_protection_confirmed_by == other_moderator

    def test_an_edit_after_the_confirmation_voids_it(self, flagged, editor, moderator):
        revision = propose(flagged, editor, body="First wording.")
        step(flagged, "changes_confirm_identity", moderator)
        revision.refresh_from_db()
        services.revision_save(
            item=flagged, values={"body": "Adds a name."}, by=editor,
            seen=str(revision.lock_version),
        )  # fmt: skip
        revision.refresh_from_db()
        assert not revision.identity_confirmed()
        step(flagged, "changes_submit", editor)
        with pytest.raises(ValidationError):
            step(flagged, "changes_approve", moderator)

    def test_no_minor_change_on_a_flagged_story(self, flagged, moderator):
        with pytest.raises(ValidationError) as refused:
            services.revision_publish_minor(
                item=flagged, by=moderator, values={"body": "Typo"}, seen="none"
            )
        assert refused.value.code == "sensitive_minor"
        flagged.refresh_from_db()
        assert flagged.body == "Safe."

    def test_a_scheduled_change_whose_confirmation_was_voided_does_not_go_live(
        self, flagged, editor, moderator, other_moderator
    ):
        propose(flagged, editor, body="Reviewed text.")
        step(flagged, "changes_submit", editor)
        step(flagged, "changes_confirm_identity", moderator)
        step(flagged, "changes_approve", moderator)
        at = timezone.now() + datetime.timedelta(hours=1)
        step(flagged, "changes_publish", moderator, at=at, kind="update", note="Later.")
        revision = PendingRevision.objects.get()
        services.revision_save(
            item=flagged, values={"body": "Unreviewed text."}, by=other_moderator,
            seen=str(revision.lock_version),
        )  # fmt: skip
        PendingRevision.objects.update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
        call_command("publish_scheduled", stdout=io.StringIO())
        flagged.refresh_from_db()
        assert flagged.body == "Safe."


class TestRoundUps:
    def test_publishing_a_round_up_revision_replaces_its_items_at_once(self, editor, moderator):
        first, second, third = (StoryFactory(published=True) for _ in range(3))
        roundup = RoundUpFactory(published=True, items=[first, second])
        review(
            roundup, editor, moderator,
            items=[
                {"story": third.pk, "position": 0, "blurb": "New first item."},
                {"story": first.pk, "position": 1, "blurb": ""},
            ],
        )  # fmt: skip
        assert [i.story for i in roundup.items.all()] == [first, second]
        step(roundup, "changes_publish", moderator, kind="update", note="Added a story.")
        items = list(roundup.items.all())
        assert [(i.story, i.blurb) for i in items] == [(third, "New first item."), (first, "")]

    def test_a_round_up_revision_listing_a_draft_story_cannot_be_approved(self, editor, moderator):
        draft = StoryFactory()
        roundup = RoundUpFactory(published=True, items=[StoryFactory(published=True)])
        propose(roundup, editor, items=[{"story": draft.pk, "position": 0, "blurb": ""}])
        step(roundup, "changes_submit", editor)
        with pytest.raises(ValidationError) as refused:
            step(roundup, "changes_approve", moderator)
        assert refused.value.code == "stories_not_approved"

    def test_a_failure_while_publishing_leaves_the_live_round_up_whole(
        self, editor, moderator, monkeypatch
    ):
        first, second = StoryFactory(published=True), StoryFactory(published=True)
        roundup = RoundUpFactory(published=True, title="Live", items=[first])
        review(
            roundup, editor, moderator, title="Proposed",
            items=[{"story": second.pk, "position": 0, "blurb": ""}],
        )  # fmt: skip

        def fail(*args, **kwargs):
            raise RuntimeError("disk full")

        monkeypatch.setattr(ChangeNote.objects, "create", fail)
        with pytest.raises(RuntimeError):
            step(roundup, "changes_publish", moderator, kind="update", note="Swap.")
        roundup.refresh_from_db()
        assert roundup.title == "Live"
        assert [i.story for i in roundup.items.all()] == [first]
        assert PendingRevision.objects.get().status == Status.APPROVED


def test_links_are_proposed_too(editor, moderator):
    old, new = TopicFactory(), TopicFactory()
    story = StoryFactory(published=True, topics=[old], tags=["kept"])
    review(story, editor, moderator, topics=[new], tags=["kept", "added"])
    assert list(story.topics.all()) == [old]
    step(story, "changes_publish", moderator, kind="update", note="New theme.")
    assert list(story.topics.all()) == [new]
    assert sorted(story.tags.names()) == ["added", "kept"]


class TestWhatReadersSee:
    """Readers see the live version, byte for byte, until the changes are published."""

    @pytest.fixture
    def live(self, no_page_cache):
        return StoryFactory(
            published=True, title="Kenyans return home", summary="Live summary.",
            body="Live body, last sentence as published.",
        )  # fmt: skip

    def outputs(self, client, story):
        """What readers get of the story: page, feed, search, the API and its CSV export."""
        cache.clear()  # every answer rendered from the rows now, none from a cache
        return (
            client.get(story.get_absolute_url()).content,
            client.get("/feeds/stories/atom/").content,
            client.get("/stories/?q=Kenyans").content,
            client.get(f"/api/v1/stories/{story.slug}/").content,
            client.get("/api/v1/stories/").content,
            client.get("/api/v1/stories/?q=Kenyans").content,
            download(client, "/api/v1/stories/export.csv"),
        )

    def test_pages_feeds_search_and_api_are_unchanged_while_changes_are_pending(
        self, client, live, editor, moderator
    ):
        before = self.outputs(client, live)
        review(live, editor, moderator, title="Kenyans return home from scam compounds",
               summary="Corrected summary.",
               body="Live body, last sentence corrected.")  # fmt: skip
        assert self.outputs(client, live) == before
        step(live, "changes_publish", moderator, kind="correction",
             note="An earlier version gave the wrong number of people.")  # fmt: skip
        after = self.outputs(client, live)
        assert all(now != then for now, then in zip(after, before, strict=True))
        page, atom, search, api_story, api_list, api_search, export = after
        assert b"Kenyans return home from scam compounds" in page
        assert b"last sentence corrected" in page
        assert b"An earlier version gave the wrong number of people." in page
        assert b"Updated" in page
        assert b"An earlier version gave the wrong number of people." in atom
        assert b"scam compounds" in search
        for answer in (api_story, api_list, api_search, export):
            assert b"Kenyans return home from scam compounds" in answer
            assert b"Corrected summary." in answer

    def test_a_digests_page_feed_api_and_export_are_unchanged_while_changes_are_pending(
        self, client, no_page_cache, editor, moderator
    ):
        kept, dropped, added = (
            StoryFactory(published=True, title=f"{name} story")
            for name in ("Kept", "Dropped", "Added")
        )
        roundup = RoundUpFactory(published=True, title="Live digest", items=[kept, dropped])

        def outputs():
            cache.clear()
            return (
                client.get(roundup.get_absolute_url()).content,
                client.get("/feeds/digests/").content,
                client.get(f"/api/v1/digests/{roundup.slug}/").content,
                client.get("/api/v1/digests/").content,
                download(client, "/api/v1/digests/export.csv"),
            )

        before = outputs()
        review(roundup, editor, moderator, title="Proposed digest", items=[
            {"story": added, "position": 1, "blurb": "New."},
            {"story": kept, "position": 2, "blurb": ""},
        ])  # fmt: skip
        assert outputs() == before
        step(roundup, "changes_publish", moderator, kind="update", note="Added a story.")
        after = outputs()
        assert all(now != then for now, then in zip(after, before, strict=True))
        page, feed, api_digest, api_list, export = after
        for answer in after:
            assert b"Proposed digest" in answer
        assert added.slug.encode() in api_digest and dropped.slug.encode() not in api_digest
        assert added.slug.encode() in export

    def test_a_correction_is_on_the_corrections_page_its_feed_and_in_json_ld(
        self, client, live, editor, moderator
    ):
        import json
        import re

        review(live, editor, moderator, summary="Fixed summary.")
        step(live, "changes_publish", moderator, kind="correction", note="The date was wrong.")
        listing = client.get("/corrections/")
        assert listing.status_code == 200
        assert "The date was wrong." in listing.text
        assert live.title in listing.text
        feed = client.get("/feeds/corrections/")
        assert "The date was wrong." in feed.text
        page = client.get(live.get_absolute_url()).text
        assert 'class="change-note is-correction"' in page
        data = json.loads(
            re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
        )
        assert data["correction"][0]["@type"] == "CorrectionComment"
        assert data["correction"][0]["text"] == "The date was wrong."
        live.refresh_from_db()
        assert data["dateModified"] == live.revised_at.isoformat()

    def test_an_update_is_not_a_correction_and_a_taken_down_storys_notes_leave_the_page(
        self, client, live, editor, moderator
    ):
        review(live, editor, moderator, summary="More.")
        step(live, "changes_publish", moderator, kind="update", note="Added the ministry's reply.")
        assert "Added the ministry" not in client.get("/corrections/").text
        assert 'class="change-note"' in client.get(live.get_absolute_url()).text
        review(live, editor, moderator, summary="Wrong again.")
        step(live, "changes_publish", moderator, kind="correction", note="Fixed the summary.")
        assert "Fixed the summary." in client.get("/corrections/").text
        live.take_down(moderator, comment="Legal request.")
        assert "Fixed the summary." not in client.get("/corrections/").text
        assert "Fixed the summary." not in client.get("/feeds/corrections/").text

    def test_a_digest_shows_its_updates(self, client, no_page_cache, editor, moderator):
        story = StoryFactory(published=True)
        roundup = RoundUpFactory(published=True, items=[story])
        review(roundup, editor, moderator, introduction="A fuller introduction.")
        step(roundup, "changes_publish", moderator, kind="update", note="Added context.")
        page = client.get(roundup.get_absolute_url()).text
        assert "A fuller introduction." in page
        assert "Added context." in page
