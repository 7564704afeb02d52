"""A round-up's newsletter: queued on publication, held, previewed, sent once to each reader."""

from __future__ import annotations

import base64
import datetime
import json
import re
from collections import Counter

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from newsletters import sending, services, tasks
from newsletters.models import Delivery, DeliveryStatus, Newsletter, Subscriber, Suppression
from stories import services as story_services
from stories.models import Transition
from tests.factories import (
    RoundUpFactory,
    StoryFactory,
    SubscriptionFactory,
    TopicFactory,
    region,
)
from tests.newsletters.backends import WorkerCrash, disconnected, failing, refused

pytestmark = pytest.mark.django_db


def recipients(outbox) -> list[str]:
    return sorted(address for message in outbox for address in message.to)


@pytest.fixture
def roundup(editor):
    lead = StoryFactory(
        approved=True, title="Kiln workers freed", summary="Police freed 40 workers.",
        topics=[TopicFactory(name="Forced labour", slug="forced-labour")],
        regions=[region("india")],
    )  # fmt: skip
    call = StoryFactory(
        approved=True, title="Consultation on supply chains",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
    )  # fmt: skip
    draft = StoryFactory(title="A draft nobody may read")
    return RoundUpFactory(
        approved=True, lead_story=lead, items=[lead, call, draft], title="Kilns and calls"
    )


@pytest.fixture
def readers(db):
    confirmed = [SubscriptionFactory(subscriber__email=f"r{n}@example.net") for n in range(5)]
    SubscriptionFactory(pending=True, subscriber__email="pending@example.net")
    SubscriptionFactory(alert=True, query="q=kiln", subscriber__email="alert-only@example.net")
    return confirmed


def publish(roundup, moderator):
    # The draft item would stop the round-up: its story is left out of the issue first.
    roundup.items.filter(story__status="draft").delete()
    return story_services.roundup_publish(roundup=roundup, by=moderator)


def test_publishing_a_round_up_sends_its_newsletter_to_confirmed_digest_readers_once(
    roundup, readers, newsletter_moderator, mailoutbox
):
    publish(roundup, newsletter_moderator)
    newsletters = [m for m in mailoutbox if "digest no." in m.subject]
    assert recipients(newsletters) == [f"r{n}@example.net" for n in range(5)]
    newsletter = Newsletter.objects.get(roundup=roundup)
    assert newsletter.status == Newsletter.Status.SENT
    assert newsletter.recipients == 5
    assert sending.newsletter_stats(newsletter)["sent"] == 5
    history = [t.comment for t in Transition.objects.filter(object_id=roundup.pk)]
    assert any("Newsletter sent: 5 sent, 0 failed" in c for c in history)
    assert any("Newsletter sending to 5 confirmed subscribers" in c for c in history)
    # Published again after a take-down: no second newsletter.
    roundup.refresh_from_db()
    roundup.unpublish(newsletter_moderator)
    count = len(mailoutbox)
    services.newsletter_queue(roundup=roundup, by=newsletter_moderator)
    assert len(mailoutbox) == count


def test_the_newsletter_has_both_parts_one_click_unsubscribe_and_no_tracking(
    roundup, readers, newsletter_moderator, mailoutbox, settings
):
    settings.SITE_URL = "https://news.example.org"
    publish(roundup, newsletter_moderator)
    message = next(m for m in mailoutbox if m.to == ["r0@example.net"])
    other = next(m for m in mailoutbox if m.to == ["r1@example.net"])
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    assert message.subject == f"Newsroom digest no. {roundup.number}: Kilns and calls"
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert re.fullmatch(r"<https://news\.example\.org/unsubscribe/[^>]+/>", unsubscribe)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe != other.extra_headers["List-Unsubscribe"]
    assert unsubscribe.strip("<>") in html and unsubscribe.strip("<>") in message.body
    for part in (html, message.body):
        assert "Kiln workers freed" in part and "Consultation on supply chains" in part
        assert "A draft nobody may read" not in part
        assert "Deadline" in part or "DEADLINE" in part
        assert "Forced labour" in part and "India" in part
    links = re.findall(r'(?:href|src)="([^"]+)"', html)
    assert links and all(link.startswith("https://news.example.org/") for link in links)
    assert "<link" not in html and "<script" not in html
    assert 'name="color-scheme" content="light dark"' in html
    assert "prefers-color-scheme: dark" in html
    assert re.findall(r"<img", html) == []  # the lead story has no image here


def test_the_lead_image_has_alt_text_and_an_absolute_address(
    roundup, readers, newsletter_moderator, mailoutbox, settings
):
    from tests.factories import image_file

    settings.SITE_URL = "https://news.example.org"
    lead = roundup.lead_story
    lead.image = image_file()
    lead.image_alt = "Workers outside a brick kiln"
    lead.save()
    publish(roundup, newsletter_moderator)
    html = next(m for m in mailoutbox if m.to == ["r0@example.net"]).alternatives[0][0]
    image = re.search(r'<img src="([^"]+)" alt="([^"]+)"', html)
    assert image.group(1).startswith("https://news.example.org/media/")
    assert image.group(2) == "Workers outside a brick kiln"


def test_a_held_newsletter_waits_for_its_time(roundup, readers, newsletter_moderator, mailoutbox):
    hold = timezone.now() + datetime.timedelta(hours=3)
    newsletter = Newsletter.objects.create(roundup=roundup, hold_until=hold)
    publish(roundup, newsletter_moderator)
    assert not [m for m in mailoutbox if "digest no." in m.subject]
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.QUEUED
    assert Transition.objects.filter(object_id=roundup.pk, comment__contains="held until").exists()
    tasks.start_due_newsletters()
    assert not [m for m in mailoutbox if "digest no." in m.subject]
    with time_machine.travel(hold + datetime.timedelta(minutes=1)):
        tasks.start_due_newsletters()
    assert len([m for m in mailoutbox if "digest no." in m.subject]) == 5


def test_a_crashed_worker_never_sends_twice_and_never_skips_anyone(
    roundup, newsletter_moderator, settings
):
    from django.core import mail

    for n in range(10):
        SubscriptionFactory(subscriber__email=f"crash{n}@example.net")
    settings.NEWSLETTER_BATCH_SIZE = 4
    newsletter = Newsletter.objects.create(
        roundup=roundup, hold_until=timezone.now() + datetime.timedelta(days=1)
    )
    publish(roundup, newsletter_moderator)
    Newsletter.objects.filter(pk=newsletter.pk).update(hold_until=None)
    batches = sending.start(newsletter.pk)
    assert [len(b) for b in batches] == [4, 4, 2]

    # The worker dies handing the 6th message to the mail server (second batch, second email).
    failing(settings, at_6=WorkerCrash())
    sending.send_newsletter_batch(newsletter.pk, batches[0], final=False)
    with pytest.raises(WorkerCrash):
        sending.send_newsletter_batch(newsletter.pk, batches[1], final=False)
    assert len(mail.outbox) == 5

    # Restarted, the broker hands the unacknowledged batch (and the untouched one) out again.
    for batch in batches[1:]:
        sending.send_newsletter_batch(newsletter.pk, batch, final=False)
    assert len(mail.outbox) == 9
    assert Delivery.objects.filter(status=DeliveryStatus.SENDING).count() == 1
    # The one claimed by the dead worker is taken up after the claim lapses.
    later = timezone.now() + datetime.timedelta(seconds=settings.NEWSLETTER_CLAIM_SECONDS + 1)
    with time_machine.travel(later):
        tasks.resume_stalled()
    counts = Counter(recipients(mail.outbox))
    assert sorted(counts) == [f"crash{n}@example.net" for n in range(10)]
    assert set(counts.values()) == {1}
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.SENT
    assert sending.newsletter_stats(newsletter)["sent"] == 10


def test_a_temporary_smtp_failure_is_retried_and_a_refused_address_fails(
    roundup, newsletter_moderator, settings
):
    from django.core import mail

    for n in range(4):
        SubscriptionFactory(subscriber__email=f"t{n}@example.net")
    newsletter = Newsletter.objects.create(
        roundup=roundup, hold_until=timezone.now() + datetime.timedelta(days=1)
    )
    publish(roundup, newsletter_moderator)
    Newsletter.objects.filter(pk=newsletter.pk).update(hold_until=None)
    [batch] = sending.start(newsletter.pk)
    failing(settings, at_2=disconnected(), at_4=refused("t2@example.net"))
    retry = sending.send_newsletter_batch(newsletter.pk, batch, final=False)
    assert len(retry) == 3 and len(mail.outbox) == 1
    assert not sending.send_newsletter_batch(newsletter.pk, retry, final=False)
    newsletter.refresh_from_db()
    stats = sending.newsletter_stats(newsletter)
    assert (stats["sent"], stats["failed"]) == (3, 1)
    assert newsletter.status == Newsletter.Status.SENT
    assert Counter(recipients(mail.outbox)) == Counter(
        ["t0@example.net", "t1@example.net", "t3@example.net"]
    )


def test_a_reader_who_unsubscribes_during_the_send_is_not_sent_it(
    roundup, readers, newsletter_moderator, mailoutbox
):
    newsletter = Newsletter.objects.create(
        roundup=roundup, hold_until=timezone.now() + datetime.timedelta(days=1)
    )
    publish(roundup, newsletter_moderator)
    Newsletter.objects.filter(pk=newsletter.pk).update(hold_until=None)
    batches = sending.start(newsletter.pk)
    services.subscription_remove(subscription=readers[0])
    for batch in batches:
        sending.send_newsletter_batch(newsletter.pk, batch, final=True)
    assert "r0@example.net" not in recipients(m for m in mailoutbox if "digest" in m.subject)
    assert sending.newsletter_stats(newsletter)["empty"] == 1


def test_nothing_is_sent_to_an_address_the_provider_reported_as_bouncing(
    client, settings, roundup, readers, newsletter_moderator, mailoutbox
):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:secret"}
    credentials = base64.b64encode(b"hook:secret").decode()
    for record in (
        {"RecordType": "Bounce", "Type": "HardBounce", "Email": "r0@example.net", "ID": 1},
        {
            "RecordType": "SpamComplaint",
            "Type": "SpamComplaint",
            "Email": "R1@example.net",
            "ID": 2,
        },
        {"RecordType": "Bounce", "Type": "Transient", "Email": "r2@example.net", "ID": 3},
    ):
        response = client.post(
            "/newsletters/anymail/postmark/tracking/",
            json.dumps({**record, "MessageID": "x", "BouncedAt": "2026-11-30T10:00:00Z"}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Basic {credentials}",
        )
        assert response.status_code == 200
    assert Suppression.objects.count() == 2
    assert not Subscriber.objects.filter(email__in=["r0@example.net", "r1@example.net"]).exists()
    assert Subscriber.objects.filter(email="r2@example.net").exists()  # a soft bounce stays
    publish(roundup, newsletter_moderator)
    sent_to = recipients(m for m in mailoutbox if "digest" in m.subject)
    assert "r0@example.net" not in sent_to and "r1@example.net" not in sent_to
    # And it cannot be subscribed again.
    mailoutbox.clear()
    services.subscription_request(email="r0@example.net", client="10.0.0.9", kind="digest")
    assert not mailoutbox


def test_the_webhook_refuses_a_request_without_the_secret(client, settings, readers):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:secret"}
    response = client.post(
        "/newsletters/anymail/postmark/tracking/",
        json.dumps({"RecordType": "Bounce", "Type": "HardBounce", "Email": "r0@example.net"}),
        content_type="application/json",
    )
    assert response.status_code in (400, 401, 403)
    assert not Suppression.objects.exists()


# --- The admin ------------------------------------------------------------------------------------


def test_a_moderator_prepares_a_held_newsletter_in_the_admin_previews_and_tests_it(
    django_app, roundup, newsletter_moderator, mailoutbox
):
    page = django_app.get(reverse("admin:newsletters_newsletter_add"), user=newsletter_moderator)
    form = page.forms["newsletter_form"]
    form["roundup"].force_value(str(roundup.pk))
    form["hold_until_0"] = "2100-01-01"
    form["hold_until_1"] = "08:00:00"
    response = form.submit("_continue").follow()
    newsletter = Newsletter.objects.get()
    assert newsletter.hold_until.year == 2100 and newsletter.status == Newsletter.Status.DRAFT

    preview = response.click("Preview and test", index=0)
    assert "Kiln workers freed" in preview.text and "A draft nobody may read" not in preview.text
    html = django_app.get(
        reverse("admin:newsletters_newsletter_email", args=[newsletter.pk]),
        user=newsletter_moderator,
    )
    assert "unsafe-inline" in html.headers["Content-Security-Policy"]
    assert "Kiln workers freed" in html.text
    result = preview.forms[1].submit("action", value="test").follow()
    assert "A test email went to moderator@example.org" in result.text
    assert mailoutbox[-1].to == ["moderator@example.org"]
    assert mailoutbox[-1].subject.startswith("[Test]")


def test_the_admin_lists_recipients_sent_and_failed_per_send(
    django_app, roundup, readers, newsletter_moderator
):
    publish(roundup, newsletter_moderator)
    page = django_app.get(
        reverse("admin:newsletters_newsletter_changelist"), user=newsletter_moderator
    )
    row = page.html.select_one("#result_list tbody tr")
    cells = [cell.get_text(strip=True) for cell in row.select("td, th")]
    assert "5" in cells and "0" in cells


def test_editors_cannot_send_or_see_newsletters(django_app, editor, roundup):
    newsletter = Newsletter.objects.create(roundup=roundup)
    for url in (
        reverse("admin:newsletters_newsletter_changelist"),
        reverse("admin:newsletters_newsletter_preview", args=[newsletter.pk]),
    ):
        assert django_app.get(url, user=editor, expect_errors=True).status_code == 403
    with pytest.raises(Exception, match="Only moderators"):
        services.newsletter_send_test(newsletter=newsletter, by=editor)


def test_staff_see_subscriber_counts_by_selection_without_addresses(
    django_app, newsletter_moderator, readers
):
    SubscriptionFactory(
        alert=True, query="topic=forced-labour", name="Forced labour", frequency="immediately"
    )
    page = django_app.get(
        reverse("admin:newsletters_subscription_counts"), user=newsletter_moderator
    )
    assert "Forced labour" in page.text and "The weekly digest" in page.text
    assert "@example.net" not in page.text
    csv = django_app.get(
        reverse("admin:newsletters_subscription_counts") + "?format=csv", user=newsletter_moderator
    )
    assert "digest,The weekly digest,,0,0,5,5" in csv.text
    assert "@" not in csv.text
