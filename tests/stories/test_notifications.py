"""Every workflow step emails the people concerned, one item per email, nothing else's content."""

import pytest

from stories import services
from tests.factories import RoundUpFactory, StoryFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


@pytest.fixture
def sent(mailoutbox, django_capture_on_commit_callbacks):
    """Run the after-commit email callbacks as the real transaction would."""

    def run(step):
        with django_capture_on_commit_callbacks(execute=True):
            step()
        return list(mailoutbox)

    return run


def test_moderators_hear_of_a_submission_each_in_their_own_email(
    sent, editor, moderator, other_moderator
):
    UserFactory(username="root", is_superuser=True)
    UserFactory(username="no_email", email="", groups=["Moderators"])
    UserFactory(username="gone", is_active=False, groups=["Moderators"])
    story = StoryFactory(author=editor, title="Kiln workers freed")
    mails = sent(lambda: story.submit(editor))
    assert sorted(m.to[0] for m in mails) == [
        "moderator@example.org",
        "other_moderator@example.org",
        "root@example.org",
    ]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mails)
    assert "Kiln workers freed" in mails[0].subject
    assert "submitted for review" in mails[0].body
    assert f"/admin/stories/story/{story.pk}/change/" in mails[0].body


def test_the_author_hears_of_approval_return_with_comment_and_publication(sent, editor, moderator):
    story = StoryFactory(author=editor, in_review=True, title="Kiln workers freed")
    mails = sent(lambda: story.request_changes(moderator, comment="Name the NGO, please."))
    assert [m.to for m in mails] == [[editor.email]]
    assert "sent back" in mails[0].subject
    assert "Name the NGO, please." in mails[0].body
    story.submit(editor)
    mails = sent(lambda: story.approve(moderator))
    assert mails[-1].to == [editor.email] and "approved" in mails[-1].subject
    mails = sent(lambda: story.publish(moderator))
    assert mails[-1].to == [editor.email] and "published" in mails[-1].subject


def test_nobody_is_emailed_about_their_own_step(sent, moderator):
    story = StoryFactory(author=moderator, approved=True)
    assert sent(lambda: story.publish(moderator)) == []


def test_a_round_up_submission_sends_one_email_per_item(sent, editor, moderator):
    first = StoryFactory(title="First story")
    second = StoryFactory(title="Second story")
    roundup = RoundUpFactory(items=[first, second], title="Digest")
    mails = sent(lambda: services.roundup_submit(roundup=roundup, by=editor))
    assert len(mails) == 3
    for mail in mails:
        mentioned = [t for t in ("First story", "Second story", "Digest") if t in mail.body]
        assert len(mentioned) == 1, mail.body


def test_a_rolled_back_step_sends_nothing(sent, moderator):
    good = StoryFactory(approved=True)
    bad = StoryFactory(approved=True, unpublish_at="2000-01-01T00:00:00Z")
    roundup = RoundUpFactory(approved=True, items=[good, bad])

    def step():
        with pytest.raises(Exception):  # noqa: B017 - the publication fails as a whole
            services.roundup_publish(roundup=roundup, by=moderator)

    assert sent(step) == []


def test_a_reviewers_comment_goes_to_that_items_author_only(sent, editor, other_editor, moderator):
    mine = StoryFactory(author=editor, in_review=True, title="Mine")
    StoryFactory(author=other_editor, in_review=True, title="Theirs")
    mails = sent(lambda: mine.request_changes(moderator, comment="Check dates"))
    assert [m.to for m in mails] == [[editor.email]]
    assert "Theirs" not in mails[0].body


def test_every_other_step_reaches_the_author(sent, editor, moderator, other_moderator):
    story = StoryFactory(author=editor, published=True, title="Live story")
    mails = sent(lambda: story.take_down(moderator, comment="Legal request"))
    assert mails[-1].to == [editor.email] and "unpublished" in mails[-1].subject
    assert "Taken down: Legal request" in mails[-1].body
    mails = sent(lambda: story.return_to_draft(moderator))
    assert mails[-1].to == [editor.email] and "returned to draft" in mails[-1].subject


def test_confirming_identity_protection_tells_the_author_not_the_moderators(
    sent, editor, moderator, other_moderator
):
    story = StoryFactory(author=editor, in_review=True, involves_vulnerable_person=True)
    mails = sent(lambda: story.confirm_identity_protection(moderator))
    assert [m.to for m in mails] == [[editor.email]]
    assert "identities are protected" in mails[0].body
