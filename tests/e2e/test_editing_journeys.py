"""The admin's no-lost-edits promises in a real browser: two people on one item, a workflow
button pressed with unsaved changes on the page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from PIL import Image

from stories.models import Status, Story
from tests.e2e.conftest import sign_in
from tests.factories import RoundUpFactory, StoryFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def alice_and_bob(editorial_groups):
    return [UserFactory(username=name, groups=["Editors"]) for name in ("alice", "bob")]


def change_url(obj) -> str:
    return reverse(f"admin:stories_{obj._meta.model_name}_change", args=[obj.pk])


def errors(page) -> str:
    return " ".join(page.locator(".errornote, .errorlist").all_inner_texts())


def test_two_people_saving_the_same_story_do_not_overwrite_each_other(
    page, second_page, alice_and_bob
):
    story = StoryFactory(title="Original title", summary="Original summary")
    alice, bob = page, second_page
    sign_in(alice, "alice")
    sign_in(bob, "bob")
    alice.goto(change_url(story))
    bob.goto(change_url(story))

    alice.fill("#id_title", "Alice's title")
    alice.click("input[name=_continue]")
    alice.wait_for_selector(".messagelist")
    bob.fill("#id_summary", "Bob's summary")
    bob.click("input[name=_continue]")

    bob.wait_for_selector(".errornote")
    assert "Someone else saved this story while you were editing (alice" in errors(bob)
    assert "Title: now “Alice's title”" in errors(bob)
    assert bob.input_value("#id_summary") == "Bob's summary"
    story.refresh_from_db()
    assert (story.title, story.summary) == ("Alice's title", "Original summary")


def test_two_people_saving_the_same_round_up_do_not_overwrite_each_other(
    page, second_page, alice_and_bob
):
    roundup = RoundUpFactory(introduction="Old introduction", items=[StoryFactory()])
    alice, bob = page, second_page
    sign_in(alice, "alice")
    sign_in(bob, "bob")
    alice.goto(change_url(roundup))
    bob.goto(change_url(roundup))

    alice.fill("#id_items-0-blurb", "Alice's blurb")
    alice.click("input[name=_continue]")
    alice.wait_for_selector(".messagelist")
    bob.fill("#id_introduction", "Bob's introduction")
    bob.click("input[name=_continue]")

    bob.wait_for_selector(".errornote")
    assert "Someone else saved this round-up while you were editing (alice" in errors(bob)
    assert bob.input_value("#id_introduction") == "Bob's introduction"
    roundup.refresh_from_db()
    assert roundup.introduction == "Old introduction"
    assert roundup.items.get().blurb == "Alice's blurb"


def test_fixing_what_the_moderator_asked_then_pressing_submit_just_works(page, editor, moderator):
    roundup = RoundUpFactory(author=editor, introduction="Too short.", items=[StoryFactory()])
    roundup.submit(editor)
    roundup.request_changes(moderator, comment="Say what the issue covers.")

    sign_in(page, "editor")
    page.goto(change_url(roundup))
    page.fill("#id_introduction", "This week: shelters, courts and a new law in Kenya.")
    page.click("button[name=_workflow][value=submit]")

    page.wait_for_selector("#workflow-heading:has-text('In review')")
    roundup.refresh_from_db()
    assert roundup.status == Status.IN_REVIEW
    assert roundup.introduction == "This week: shelters, courts and a new law in Kenya."
    assert page.policy_violations == []


def test_a_workflow_button_with_invalid_changes_keeps_them_and_does_nothing(page, editor):
    story = StoryFactory(author=editor, title="Kiln workers freed")

    sign_in(page, "editor")
    page.goto(change_url(story))
    page.fill("#id_title", "")
    page.fill("#id_body", "A longer body the editor does not want to lose.")
    page.click("button[name=_workflow][value=submit]")

    page.wait_for_selector(".errornote")
    assert "This field is required." in errors(page)
    assert page.input_value("#id_body") == "A longer body the editor does not want to lose."
    story.refresh_from_db()
    assert story.status == Status.DRAFT and story.title == "Kiln workers freed"
    assert Story.objects.get(pk=story.pk).body != "A longer body the editor does not want to lose."


def test_an_image_chosen_on_a_page_with_errors_is_asked_for_again_never_shown_broken(
    page, editor, tmp_path
):
    photo = tmp_path / "shelter.jpg"
    Image.new("RGB", (900, 600), (40, 90, 140)).save(photo, "JPEG")
    story = StoryFactory(author=editor, title="Kiln workers freed")
    broken = []
    page.on("response", lambda r: broken.append(r.url) if r.status >= 400 else None)

    sign_in(page, "editor")
    page.goto(change_url(story))
    page.set_input_files("#id_image", str(photo))
    page.fill("#id_image_alt", "The shelter's front door")
    page.fill("#id_title", "")
    page.click("input[name=_continue]")

    page.wait_for_selector(".errornote")
    assert "Choose the file again" in page.inner_text(".field-image")
    assert page.locator(".field-image_preview img").count() == 0
    assert "choose the image again" in page.inner_text(".field-image_preview")
    assert page.input_value("#id_image_alt") == "The shelter's front door"
    assert broken == []

    page.fill("#id_title", "Kiln workers freed")
    page.set_input_files("#id_image", str(photo))
    page.click("input[name=_continue]")
    page.wait_for_selector(".field-image_preview img")
    page.wait_for_function("document.querySelector('.field-image_preview img').complete")
    story.refresh_from_db()
    assert story.image
    loaded = page.eval_on_selector(".field-image_preview img", "img => img.naturalWidth")
    assert loaded > 0
    assert broken == []
