"""Previews of a live item's proposed changes: staff see them with ?preview=1&proposed=1, share
links show them to someone without an account, and readers never see them before publication."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from stories import preview, services
from stories.models import PendingRevision, PreviewLink, Story
from tests.admin_pages import change_url, messages_on
from tests.factories import RoundUpFactory, StoryFactory, TopicFactory, image_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

BANNER = "Proposed changes — not live."
NOINDEX = '<meta name="robots" content="noindex, nofollow">'


def propose(item, by, **values):
    return services.revision_save(item=item, values=values, by=by, seen="none")


def step(item, name, by, **kwargs):
    return services.revision_step(item=item, step=name, by=by, **kwargs)


def end_changes(item, ending: str, *, editor, moderator, **publication) -> None:
    """Publish the proposed changes through review, or have them discarded (by the editor unless
    `discarded_by` says otherwise)."""
    discarded_by = publication.pop("discarded_by", editor)
    if ending == "published":
        step(item, "changes_submit", editor)
        step(item, "changes_approve", moderator)
        step(item, "changes_publish", moderator, **publication)
    else:
        step(item, "changes_discard", discarded_by)


def proposed_url(item) -> str:
    return f"{item.get_absolute_url()}?preview=1&proposed=1"


def share_proposed(client, item) -> str:
    url = reverse(f"admin:stories_{item._meta.model_name}_share", args=[item.pk])
    assert client.post(url, {"proposed": "1"}).status_code == 302
    link = PreviewLink.objects.latest("pk")
    return preview.link_url(link).removeprefix("http://127.0.0.1:8000")


def assert_private(response):
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    assert "public" not in cache_control


@pytest.fixture
def themes():
    return TopicFactory(name="Live theme"), TopicFactory(name="Proposed theme")


@pytest.fixture
def live(themes):
    return StoryFactory(
        published=True, title="Kenyans return home", summary="Live summary.",
        body="Officials said **40** people were on board.", topics=[themes[0]], tags=["kept"],
    )  # fmt: skip


@pytest.fixture
def proposal(live, themes, editor):
    return propose(
        live, editor, title="Kenyans return home from scam compounds",
        body="Officials said **46** people were on board.", topics=[themes[1]],
        tags=["kept", "brand-new tag"],
    )  # fmt: skip


# --- Staff preview ------------------------------------------------------------------------------


def test_staff_preview_a_live_storys_proposed_version_marked_and_not_indexed(
    editor_client, live, proposal
):
    public = Client().get(live.get_absolute_url()).content

    response = editor_client.get(proposed_url(live))

    assert response.status_code == 200
    page = response.text
    assert BANNER in page
    assert NOINDEX in page
    assert_private(response)
    assert "Kenyans return home from scam compounds" in page
    assert "Officials said <strong>46</strong> people" in page
    assert "Proposed theme" in page and "Live theme" not in page
    assert "brand-new tag" in page and "?tag=brand-new-tag" in page
    # Shown, never written: the live row, its links and readers' page are as they were.
    story = Story.objects.get(pk=live.pk)
    assert story.title == "Kenyans return home" and "40" in story.body_html
    assert [t.name for t in story.topics.all()] == ["Live theme"]
    assert list(story.tags.names()) == ["kept"]
    assert Client().get(live.get_absolute_url()).content == public


def test_without_proposed_the_staff_preview_of_a_live_story_is_the_live_version(
    editor_client, live, proposal
):
    page = editor_client.get(f"{live.get_absolute_url()}?preview=1").text
    assert "Kenyans return home from scam compounds" not in page
    assert BANNER not in page


def test_staff_preview_a_round_ups_proposed_items_added_removed_reordered_and_reworded(
    editor_client, editor
):
    first, second, third, added = (
        StoryFactory(published=True, title=f"{name} story", summary=f"{name} summary.")
        for name in ("First", "Second", "Third", "Added")
    )
    lead, new_lead = (
        StoryFactory(published=True, title=f"{name} lead") for name in ("Live", "New")
    )
    roundup = RoundUpFactory(
        published=True, title="Live digest", lead_story=lead, items=[first, second, third]
    )
    propose(
        roundup, editor, title="Proposed digest", introduction="A fuller introduction.",
        lead_story=new_lead,
        items=[
            {"story": third, "position": 1, "blurb": "Third, now first, with a new line."},
            {"story": added, "position": 2, "blurb": ""},
            {"story": first, "position": 3, "blurb": ""},
        ],
    )  # fmt: skip

    response = editor_client.get(proposed_url(roundup))

    assert response.status_code == 200
    page = response.text
    assert BANNER in page and NOINDEX in page
    assert "Proposed digest" in page and "A fuller introduction." in page
    listed = [item.story.title for item in response.context["items"]]
    assert listed == ["Third story", "Added story", "First story"]
    listing = page[page.index('id="roundup-heading"') :]
    assert listing.index("Third, now first") < listing.index("Added summary.")
    assert listing.index("Added summary.") < listing.index("First story")
    assert "Second story" not in page
    assert "New lead" in page and "Live lead" not in page
    roundup.refresh_from_db()
    assert roundup.lead_story == lead
    assert [item.story for item in roundup.items.all()] == [first, second, third]
    live_page = Client().get(roundup.get_absolute_url()).text
    assert "Live digest" in live_page and "Second story" in live_page
    assert "Added story" not in live_page


@pytest.mark.parametrize("ending", ["published", "discarded"])
def test_the_proposed_preview_ends_when_the_changes_are_published_or_discarded(
    editor_client, live, proposal, editor, moderator, ending
):
    end_changes(
        live, ending, editor=editor, moderator=moderator, kind="update", note="More detail."
    )

    assert editor_client.get(proposed_url(live)).status_code == 404


def test_readers_asking_for_the_proposed_version_get_the_live_page_as_it_is(client, live, proposal):
    public = client.get(live.get_absolute_url()).content

    response = client.get(proposed_url(live))

    assert response.status_code == 200
    assert response.content == public
    assert "scam compounds" not in response.text


def test_staff_without_the_second_sign_in_step_never_see_the_proposed_version(
    client, settings, live, proposal, moderator
):
    settings.REQUIRE_2FA = True
    TOTPDevice.objects.create(user=moderator, name="phone", confirmed=True)
    client.force_login(moderator)

    response = client.get(proposed_url(live))

    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("admin:two_factor"))
    assert "scam compounds" not in client.get(proposed_url(live), follow=True).text


def test_a_preview_of_proposed_changes_cannot_be_saved(live, proposal):
    shown = proposal.applied_to(live)
    assert shown.title == "Kenyans return home from scam compounds"
    with pytest.raises(RuntimeError):
        shown.save()
    live.refresh_from_db()
    assert live.title == "Kenyans return home"


# --- Share links --------------------------------------------------------------------------------


def test_a_share_link_shows_the_proposed_version_to_someone_without_an_account(
    editor_client, live, proposal
):
    url = share_proposed(editor_client, live)
    assert PreviewLink.objects.get().content_object == proposal

    response = Client().get(url)

    assert response.status_code == 200
    page = response.text
    assert BANNER in page and NOINDEX in page
    assert_private(response)
    assert "Kenyans return home from scam compounds" in page
    assert "Officials said <strong>46</strong> people" in page
    public = Client().get(live.get_absolute_url()).text
    assert "Kenyans return home from scam compounds" not in public


def test_a_share_link_of_proposed_changes_shows_the_storys_image_as_the_staff_preview_does(
    editor_client, editor
):
    live = StoryFactory(
        published=True, image=image_file(size=(1200, 800)), image_alt="The shelter's front door"
    )
    propose(live, editor, title="A shelter reopens")
    staff_preview = editor_client.get(proposed_url(live))
    shared = Client().get(share_proposed(editor_client, live))

    for page in (staff_preview, shared):
        figure = re.search(r'<figure class="story-image">.*?</figure>', page.text, re.DOTALL)
        assert figure is not None
        assert "The shelter&#x27;s front door" in figure[0]


def test_previews_of_scheduled_changes_show_the_correction_readers_will_be_told_of(
    editor_client, live, proposal, editor, moderator
):
    when = timezone.now() + datetime.timedelta(days=2)
    step(live, "changes_submit", editor)
    step(live, "changes_approve", moderator)
    step(
        live, "changes_publish", moderator, at=when, kind="correction",
        note="An earlier version gave the wrong number of people on board.",
    )  # fmt: skip
    note = "<strong>Correction</strong>"

    for page in (
        editor_client.get(proposed_url(live)).text,
        Client().get(share_proposed(editor_client, live)).text,
    ):
        notes = re.search(r'<section class="change-notes".*?</section>', page, re.DOTALL)
        assert notes is not None and note in notes[0]
        assert "wrong number of people on board" in notes[0]
        assert f'Updated <time datetime="{timezone.localtime(when):%Y-%m-%dT%H:%M:%S}' in page
    public = Client().get(live.get_absolute_url()).text
    assert "wrong number of people" not in public and "change-notes" not in public


def test_a_share_link_of_a_round_ups_proposed_version_lists_its_proposed_items(
    editor_client, editor
):
    kept, added = StoryFactory(published=True, title="Kept"), StoryFactory(title="Added draft")
    roundup = RoundUpFactory(published=True, items=[kept])
    propose(roundup, editor, items=[{"story": added, "position": 1, "blurb": "New line."},
                                    {"story": kept, "position": 2, "blurb": ""}])  # fmt: skip

    page = Client().get(share_proposed(editor_client, roundup)).text

    listing = page[page.index('id="roundup-heading"') :]
    assert listing.index("Added draft") < listing.index("New line.") < listing.index("Kept")


def test_a_share_link_of_the_live_item_still_shows_the_live_version(editor_client, live, proposal):
    url = reverse("admin:stories_story_share", args=[live.pk])
    editor_client.post(url)
    page = Client().get(preview.link_url(PreviewLink.objects.get())).text
    assert "Kenyans return home" in page and "scam compounds" not in page


@pytest.mark.parametrize("ending", ["published", "discarded"])
def test_a_share_link_of_proposed_changes_stops_once_they_are_published_or_discarded(
    editor_client, live, proposal, editor, moderator, ending
):
    url = share_proposed(editor_client, live)
    assert Client().get(url).status_code == 200
    end_changes(
        live, ending, editor=editor, moderator=moderator, discarded_by=moderator,
        kind="correction", note="The number was wrong.",
    )  # fmt: skip
    # Changes proposed again later are not what the link was sent for.
    propose(Story.objects.get(pk=live.pk), editor, title="A later proposal")

    response = Client().get(url)

    assert response.status_code == 410
    assert "were published or withdrawn" in response.text
    assert "A later proposal" not in response.text and "scam compounds" not in response.text
    assert_private(response)


def test_taking_the_item_down_stops_a_share_link_of_its_proposed_changes(
    editor_client, live, proposal, moderator
):
    url = share_proposed(editor_client, live)
    live.take_down(moderator, comment="It names a survivor.")

    response = Client().get(url)

    assert response.status_code == 410
    assert "scam compounds" not in response.text


def test_a_revoked_share_link_of_proposed_changes_no_longer_opens(editor_client, live, proposal):
    url = share_proposed(editor_client, live)
    link = PreviewLink.objects.get()
    editor_client.post(reverse("admin:stories_story_share", args=[live.pk]), {"revoke": link.pk})

    response = Client().get(url)

    assert response.status_code == 410
    assert "expired or was withdrawn" in response.text


def test_no_share_link_of_proposed_changes_when_there_are_none(editor_client, live):
    url = reverse("admin:stories_story_share", args=[live.pk])
    response = editor_client.post(url, {"proposed": "1"}, follow=True)
    assert "no proposed changes to share" in response.text
    assert not PreviewLink.objects.exists()


def test_readers_without_the_permission_cannot_make_share_links(client, live, proposal):
    response = client.post(reverse("admin:stories_story_share", args=[live.pk]), {"proposed": "1"})
    assert response.status_code == 302 and "/login/" in response.url
    assert not PreviewLink.objects.exists()


# --- The admin page, as rendered ----------------------------------------------------------------


def test_the_banner_opens_the_proposed_version_and_shares_it(django_app, live, proposal, moderator):
    page = django_app.get(change_url(live), user="moderator")
    banner = page.html.select_one("#pending-changes")
    assert "Preview the proposed version" in banner.get_text()

    shown = page.click(description="Preview the proposed version")

    assert shown.status_code == 200
    assert BANNER in shown.text
    assert "Kenyans return home from scam compounds" in shown.text

    share_form = next(
        form for form in page.forms.values() if "proposed" in form.fields and form.action
    )
    after = share_form.submit(user="moderator").follow()
    [message] = [m for m in messages_on(after) if "proposed changes" in m]
    url = message.rsplit(": ", 1)[1].removeprefix("http://127.0.0.1:8000")
    assert "Preview link of the proposed changes" in after.html.select_one("#share-links").text
    shared = Client().get(url)
    assert shared.status_code == 200
    assert "Kenyans return home from scam compounds" in shared.text
    assert PendingRevision.objects.get() == proposal
