"""Every workflow step emails the people concerned: one email per step and person, each alone.

A mail server that fails never fails the step: the emails are logged as not sent.
"""

import datetime
import smtplib
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from stories import services
from stories.models import Status, Story
from tests.factories import RoundUpFactory, StoryFactory, UserFactory
from tests.resilience.servers import BlackHole

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


def test_a_round_up_submitted_with_its_stories_is_one_email_to_each_moderator(
    sent, editor, moderator, other_moderator
):
    first = StoryFactory(title="First story", author=editor)
    second = StoryFactory(title="Second story", author=editor)
    roundup = RoundUpFactory(items=[first, second], title="Digest", author=editor)

    mails = sent(lambda: services.roundup_submit(roundup=roundup, by=editor))

    assert sorted(m.to[0] for m in mails) == [
        "moderator@example.org",
        "other_moderator@example.org",
    ]
    for message in mails:
        assert "Round-up submitted for review" in message.subject and "Digest" in message.subject
        assert "With it, 2 stories:" in message.body
        assert "“First story”, submitted for review" in message.body
        assert "“Second story”, submitted for review" in message.body
        assert f"/admin/stories/story/{first.pk}/change/" in message.body
        assert f"/admin/stories/roundup/{roundup.pk}/change/" in message.body


def test_a_round_up_published_with_its_stories_is_one_email_to_each_author(
    sent, editor, other_editor, moderator
):
    mine = StoryFactory(title="Mine", author=editor, approved=True)
    theirs = StoryFactory(title="Theirs", author=other_editor, approved=True)
    roundup = RoundUpFactory(items=[mine, theirs], title="Digest", author=editor, approved=True)

    mails = sent(lambda: services.roundup_publish(roundup=roundup, by=moderator))

    assert sorted(m.to[0] for m in mails) == ["editor@example.org", "other_editor@example.org"]
    for message in mails:
        assert "Round-up published: " in message.subject
        assert "“Mine”, published" in message.body and "“Theirs”, published" in message.body


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


# --- A line break in a title ----------------------------------------------------------------


def test_a_line_break_in_a_title_neither_fails_the_step_nor_adds_a_header(sent, editor, moderator):
    story = StoryFactory(author=editor, title="Kiln workers freed\r\nBcc: someone@example.org")

    mails = sent(lambda: story.submit(editor))

    assert [m.to for m in mails] == [["moderator@example.org"]]
    assert mails[0].subject == (
        "[Newsroom] Story submitted for review: Kiln workers freed Bcc: someone@example.org"
    )
    headers = mails[0].message().as_string().split("\n\n")[0]
    assert "\nBcc:" not in headers
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW


# --- A failing mail server --------------------------------------------------------------------


class MailServerDown(EmailBackend):
    """A mail server that refuses every connection."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, messages):
        self.open()


class MailServerDropsAfterOne(EmailBackend):
    """A mail server that takes one email per connection, then hangs up."""

    def open(self):
        self.taken = 0
        return True

    def send_messages(self, messages):
        if self.taken:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        self.taken += 1
        return super().send_messages(messages)


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "tests.stories.test_notifications.MailServerDown"


def test_a_mail_server_that_is_down_never_fails_the_step_and_is_logged(
    sent, editor, moderator, mail_server_down, caplog
):
    story = StoryFactory(author=editor, title="Kiln workers freed")

    assert sent(lambda: story.submit(editor)) == []

    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW
    assert "were not sent to everyone: [Errno 111] Connection refused" in caplog.text


def test_a_step_in_the_admin_during_a_mail_outage_is_done_not_a_server_error(
    django_app, moderator, editor, mail_server_down, django_capture_on_commit_callbacks
):
    story = StoryFactory(author=editor, in_review=True, title="Kiln workers freed")
    page = django_app.get(reverse("admin:stories_story_change", args=[story.pk]), user=moderator)
    form = page.forms["story_form"]

    with django_capture_on_commit_callbacks(execute=True):
        response = form.submit("_workflow", value="approve")

    assert response.status_code == 302
    assert response.follow().status_code == 200
    story.refresh_from_db()
    assert story.status == Status.APPROVED


def test_without_a_worker_a_hung_mail_server_costs_a_step_one_timeout(
    sent, editor, moderator, settings
):
    with BlackHole() as hung:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", hung.port
        settings.EMAIL_TIMEOUT = 0.5
        story = StoryFactory(author=editor)

        began = time.monotonic()
        sent(lambda: story.submit(editor))

        assert time.monotonic() - began < 0.5 + 2
        assert hung.accepted == 1  # no retries in the request


def test_a_worker_tries_again_later_only_for_those_the_mail_server_missed(
    editor, moderator, other_moderator, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from stories.tasks import send_step_emails

    story = StoryFactory(author=editor)
    with django_capture_on_commit_callbacks(execute=False):
        transition = story.submit(editor)
    settings.EMAIL_BACKEND = "tests.stories.test_notifications.MailServerDropsAfterOne"
    retried = {}

    def retry(**options):
        retried.update(options)
        return RuntimeError("retry")

    monkeypatch.setattr(send_step_emails, "retry", retry)

    with pytest.raises(RuntimeError):
        send_step_emails([transition.pk])  # as a worker runs it: not eagerly

    assert [m.to for m in mail.outbox] == [["moderator@example.org"]]
    assert retried["kwargs"] == {"transition_pks": [transition.pk], "only_to": [other_moderator.pk]}
    assert 45 <= retried["countdown"] <= 75
    assert isinstance(retried["exc"], smtplib.SMTPServerDisconnected)


@pytest.fixture
def hung_broker():
    """A task queue whose broker accepts connections and never answers."""
    from newsroom.celery import app

    def forget_connections():
        app._pool = None
        app.amqp._producer_pool = None

    with BlackHole() as hung:
        saved = (app.conf.task_always_eager, app.conf.broker_url)
        app.conf.task_always_eager, app.conf.broker_url = False, f"redis://127.0.0.1:{hung.port}/0"
        forget_connections()
        try:
            yield hung
        finally:
            app.conf.task_always_eager, app.conf.broker_url = saved
            forget_connections()


def test_a_step_taken_while_the_queue_is_hung_stands_and_the_lost_emails_are_logged(
    sent, editor, moderator, hung_broker, caplog
):
    story = StoryFactory(author=editor, title="Kiln workers freed")

    began = time.monotonic()
    assert sent(lambda: story.submit(editor)) == []

    assert time.monotonic() - began < 4  # a second per try, two tries, and slack
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW
    assert "could not be queued" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_publish_scheduled_moves_every_due_item_while_mail_is_down(
    editor, mail_server_down, caplog
):
    due = timezone.now() - datetime.timedelta(minutes=5)
    stories = [
        StoryFactory(author=editor, status=Status.SCHEDULED, published_at=due) for _ in range(3)
    ]

    call_command("publish_scheduled")

    assert (
        Story.objects.filter(pk__in=[s.pk for s in stories], status=Status.PUBLISHED).count() == 3
    )
    assert caplog.text.count("were not sent") == 3
