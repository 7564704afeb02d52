"""The newsroom's main journeys, in a real browser: write, review and publish, then read."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from stories import services
from stories.models import Region, Status, Story, Topic
from tests.e2e.conftest import sign_in
from tests.factories import RoundUpFactory, StoryFactory

# A real server thread needs committed data. The shared editor and moderator fixtures and
# reference_data (conftest) bring back what the data migrations load, flushed after each test.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def choose_in_autocomplete(page, field: str, text: str) -> None:
    """Pick an option in one of the admin's autocomplete (select2) boxes, as a person does."""
    page.click(f".field-{field} .select2-selection")
    page.keyboard.type(text)
    page.click(f".select2-results__option:has-text('{text}')")


def test_an_editor_writes_a_story_with_an_image_and_submits_it(page, editor, tmp_path):
    photo = tmp_path / "Jane Doe at the shelter.jpg"
    Image.new("RGB", (1200, 800), (40, 90, 140)).save(photo, "JPEG")

    sign_in(page, "editor")
    page.goto(reverse("admin:stories_story_add"))
    page.fill("#id_title", "Kenya opens a shelter for survivors")
    page.fill("#id_summary", "A new shelter in Nairobi has twelve places.")
    page.fill("#id_body", "The shelter opened on **Monday**.")
    # The admin's own script fills the slug in: it runs under the Content-Security-Policy.
    assert page.input_value("#id_slug") == "kenya-opens-a-shelter-for-survivors"
    choose_in_autocomplete(page, "topics", "Forced labour")
    choose_in_autocomplete(page, "regions", "Kenya")
    page.set_input_files("#id_image", str(photo))
    page.fill("#id_image_alt", "The shelter's front door")
    page.click("input[name=_continue]")

    page.wait_for_selector("#workflow")
    story = Story.objects.get(slug="kenya-opens-a-shelter-for-survivors")
    assert list(story.topics.values_list("slug", flat=True)) == ["forced-labour"]
    assert list(story.regions.values_list("slug", flat=True)) == ["kenya"]
    assert "jane" not in story.image.name.lower()

    page.click("button[name=_workflow][value=submit]")

    page.wait_for_selector("#workflow-heading:has-text('In review')")
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW
    assert page.policy_violations == []


def test_a_moderator_approves_a_story_and_its_round_up_then_publishes(page, editor, moderator):
    story = StoryFactory(title="Sweden backs IOM", slug="sweden-backs-iom", author=editor)
    roundup = RoundUpFactory(title="Weekly digest", slug="weekly-digest", lead_story=story)
    services.roundup_submit(roundup=roundup, by=editor)

    sign_in(page, "moderator")
    page.goto(reverse("admin:stories_story_change", args=[story.pk]))
    page.click("button[name=_workflow][value=approve]")
    page.wait_for_selector("#workflow-heading:has-text('Approved')")

    page.goto(reverse("admin:stories_roundup_change", args=[roundup.pk]))
    page.click("button[name=_workflow][value=approve]")
    page.wait_for_selector("#workflow-heading:has-text('Approved')")
    page.click("button[name=_workflow][value=publish]")
    page.wait_for_selector("#workflow-heading:has-text('Published')")

    roundup.refresh_from_db()
    story.refresh_from_db()
    assert roundup.status == Status.PUBLISHED and roundup.is_published()
    assert story.is_published()
    page.goto(roundup.get_absolute_url())
    assert "Sweden backs IOM" in page.inner_text("main")
    assert page.policy_violations == []


def test_a_reader_filters_the_finder_searches_and_reads_a_story(page):
    forced_labour = Topic.objects.get(slug="forced-labour")
    kenya, austria = Region.objects.get(slug="kenya"), Region.objects.get(slug="austria")
    StoryFactory(
        published=True,
        title="Brick kiln workers freed in Kenya",
        slug="brick-kiln-workers-freed",
        summary="Police freed forty workers held in debt bondage at a brick kiln.",
        body="Labour inspectors found the workers after a tip from a union.",
        topics=[forced_labour],
        regions=[kenya],
    )
    StoryFactory(
        published=True,
        title="Farm labour case in Austria",
        summary="A farm owner is charged with exploiting seasonal workers.",
        topics=[forced_labour],
        regions=[austria],
    )
    StoryFactory(published=True, title="Conference on online grooming", regions=[kenya])

    page.goto("/stories/")
    page.check("#f-topic-forced-labour")
    page.check("#f-region-kenya")
    page.click("button:has-text('Apply filters')")
    page.wait_for_url(re.compile(r".*topic=forced-labour.*"))
    results = page.inner_text(".results")
    assert "Brick kiln workers freed in Kenya" in results
    assert "Farm labour case in Austria" not in results
    assert "Conference on online grooming" not in results

    page.fill("input[name=q]", "bondage")
    page.click(".search-row button")
    page.wait_for_url(re.compile(r".*q=bondage.*"))
    page.click("text=Brick kiln workers freed in Kenya")

    page.wait_for_url(re.compile(r".*/stories/brick-kiln-workers-freed/$"))
    assert page.inner_text("h1") == "Brick kiln workers freed in Kenya"
    assert "Labour inspectors found the workers" in page.inner_text("main")
    assert page.policy_violations == []


def test_an_editor_cannot_publish(page, editor, moderator):
    story = StoryFactory(title="Ready to go", slug="ready-to-go", author=editor)
    story.submit(editor)
    story.approve(moderator)

    sign_in(page, "editor")
    page.goto(reverse("admin:stories_story_change", args=[story.pk]))
    page.wait_for_selector("#workflow")
    assert page.locator("button[name=_workflow][value=publish]").count() == 0

    # Not even a hand-made request gets through: the model checks who acts.
    token = page.input_value("#logout-form input[name=csrfmiddlewaretoken]")
    response = page.request.post(
        reverse("admin:stories_story_workflow", args=[story.pk]),
        form={"csrfmiddlewaretoken": token, "action": "publish"},
        headers={"Referer": page.url},
    )
    assert response.status == 403
    assert "CSRF" not in response.text()  # refused for who asked, not for a missing token
    story.refresh_from_db()
    assert story.status == Status.APPROVED

    page.goto(reverse("admin:stories_story_changelist"))
    actions = page.locator("select[name=action] option").all_inner_texts()
    assert not any("Publish" in action for action in actions)


def test_the_admin_runs_under_the_content_security_policy(page, editor):
    """Every admin page the journeys use loads without a single CSP violation."""
    sign_in(page, "editor")
    for url in (
        reverse("admin:index"),
        reverse("admin:stories_story_add"),
        reverse("admin:stories_story_changelist"),
        reverse("admin:stories_roundup_add"),
        reverse("admin:two_factor"),
    ):
        page.goto(url)
        page.wait_for_load_state("load")
    assert page.policy_violations == []


def test_an_uploaded_photo_reaches_the_reader_without_its_metadata(page, editor):
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    Image.new("RGB", (900, 600), (120, 30, 30)).save(buffer, "JPEG", exif=exif)
    story = StoryFactory(published=True, slug="with-photo", image_alt="A street")
    story.image = SimpleUploadedFile("photo.jpg", buffer.getvalue())
    story.save()

    page.goto(story.get_absolute_url())
    source = page.get_attribute("main img", "src")
    response = page.request.get(source)
    assert response.ok
    assert b"PhoneMaker" not in response.body()
