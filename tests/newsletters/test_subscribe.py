"""Subscribing without an account: double opt-in, signed links, one-click unsubscribe, limits."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsletters import services
from newsletters.models import SubscribeAttempt, Subscriber, Subscription
from newsletters.tokens import confirm_token, manage_token, unsubscribe_token
from tests.factories import SubscriptionFactory, TopicFactory, region

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/subscribe/"


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def post_form(client, url, data, **extra):
    """Submit the subscribe form as the page renders it, CSRF token included."""
    page = client.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    return client.post(url, {"csrfmiddlewaretoken": token.group(1), **data}, **extra)


def link_in(message, name: str) -> str:
    match = re.search(rf"https?://[^/\s]+(/{name}/[^\s\"<]+)", message.body)
    assert match, message.body
    return match.group(1)


def test_the_subscribe_page_offers_the_weekly_digest_with_one_field(client):
    page = client.get(SUBSCRIBE)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Get the weekly digest by email" in html
    assert 'name="email"' in html and 'name="frequency"' not in html
    assert reverse("newsletters:privacy") in html


def test_finder_parameters_make_an_alert_named_as_the_finder_names_it(client):
    TopicFactory(name="Forced labour", slug="forced-labour")
    region("asia")
    page = client.get(f"{SUBSCRIBE}?topic=forced-labour&region=asia&page=3&sort=newest")
    html = page.content.decode()
    assert "Forced labour, Asia" in html
    assert 'name="frequency"' in html and 'value="immediately"' in html


def test_nothing_is_sent_but_the_confirmation_until_the_address_confirms(
    csrf_client, mailoutbox, reader_email
):
    TopicFactory(name="Forced labour", slug="forced-labour")
    url = f"{SUBSCRIBE}?topic=forced-labour"
    response = post_form(csrf_client, url, {"email": reader_email, "frequency": "daily"})
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.status == Subscription.Status.PENDING
    assert (subscription.kind, subscription.query, subscription.name, subscription.frequency) == (
        "alert",
        "topic=forced-labour",
        "Forced labour",
        "daily",
    )
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [reader_email]
    assert "Forced labour" in message.body and "Daily" in message.body
    assert "List-Unsubscribe" not in message.extra_headers

    confirm = link_in(message, "subscribe/confirm")
    page = csrf_client.get(confirm)
    assert "Forced labour" in page.content.decode() and "Daily" in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    assert (
        Subscription.objects.get().status == Subscription.Status.PENDING
    )  # a GET confirms nothing
    done = post_form(csrf_client, confirm, {})
    assert "You are subscribed" in done.content.decode()
    assert Subscription.objects.get().status == Subscription.Status.CONFIRMED
    assert len(mailoutbox) == 1


def test_an_unconfirmed_subscription_expires_after_seven_days(client, mailoutbox, reader_email):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=8)):
        services.subscription_request(email=reader_email, client="10.0.0.1", kind="digest")
    subscription = Subscription.objects.get()
    assert subscription.is_expired()
    confirm = link_in(mailoutbox[0], "subscribe/confirm")
    assert client.get(confirm).status_code == 400
    assert client.post(confirm).status_code == 400
    call_command("purge_subscriptions")
    assert not Subscription.objects.exists() and not Subscriber.objects.exists()


def test_a_subscription_inside_its_week_can_be_confirmed_and_is_not_purged(client, reader_email):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=6)):
        services.subscription_request(email=reader_email, client="10.0.0.1", kind="digest")
    services.purge_expired()
    subscription = Subscription.objects.get()
    response = client.post(reverse("newsletters:confirm", args=[confirm_token(subscription)]))
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == "confirmed"


def test_asking_again_for_a_confirmed_subscription_mails_its_management_link(
    csrf_client, mailoutbox
):
    subscription = SubscriptionFactory(subscriber__email="reader@example.net")
    response = post_form(csrf_client, SUBSCRIBE, {"email": "reader@example.net"})
    assert "Check your inbox" in response.content.decode()  # the page says the same either way
    assert Subscription.objects.get().status == "confirmed"
    assert "already receive" in mailoutbox[0].body
    assert manage_token(subscription.subscriber) in mailoutbox[0].body


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("not-an-address", "Enter a valid email address"),
        ("two@@example.org", "Enter a valid email address"),
        ("a" * 250 + "@example.org", "too long"),
        ("zoë@example.org", "plain letters"),
        ("reader@exämple.org", "plain letters"),
        ("", "Enter your email address"),
    ],
)
def test_bad_addresses_get_a_clear_form_error(csrf_client, mailoutbox, address, message):
    response = post_form(csrf_client, SUBSCRIBE, {"email": address})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Subscription.objects.exists() and not mailoutbox


def test_a_bad_frequency_is_a_form_error(csrf_client):
    response = post_form(
        csrf_client, f"{SUBSCRIBE}?alerts=1", {"email": "a@example.org", "frequency": "hourly"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Subscription.objects.exists()


def test_a_post_without_a_csrf_token_only_fills_the_form_in(mailoutbox):
    client = Client(enforce_csrf_checks=True)
    response = client.post(SUBSCRIBE, {"email": "reader@example.net"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="reader@example.net"' in html and "press “Subscribe”" in html
    assert not Subscription.objects.exists() and not mailoutbox


def test_confirmation_emails_to_one_address_are_limited_per_hour(csrf_client, mailoutbox):
    for n in range(3):
        response = post_form(
            csrf_client, SUBSCRIBE, {"email": "victim@example.net"}, REMOTE_ADDR=f"10.0.0.{n}"
        )
        assert response.status_code == 200
    response = post_form(
        csrf_client, SUBSCRIBE, {"email": "victim@example.net"}, REMOTE_ADDR="10.0.1.1"
    )
    assert response.status_code == 429
    assert "too many subscription requests" in response.content.decode()
    assert len(mailoutbox) == 3
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61)):
        assert post_form(csrf_client, SUBSCRIBE, {"email": "victim@example.net"}).status_code == 200
    assert len(mailoutbox) == 4


def test_one_client_cannot_mail_many_addresses(csrf_client, settings, mailoutbox):
    settings.NEWSLETTER_REQUESTS_PER_HOUR = 5
    codes = [
        post_form(csrf_client, SUBSCRIBE, {"email": f"person{n}@example.net"}).status_code
        for n in range(7)
    ]
    assert codes == [200] * 5 + [429] * 2
    assert len(mailoutbox) == 5
    # Stored as hashes only.
    assert not SubscribeAttempt.objects.filter(key_hash__contains="example").exists()


def test_a_request_with_no_client_address_is_refused(mailoutbox):
    with pytest.raises(services.RateLimited):
        services.subscription_request(email="a@example.org", client=None, kind="digest")
    assert not mailoutbox


# --- Signed links ---------------------------------------------------------------------------------


def test_the_management_page_lists_only_that_addresses_subscriptions(client):
    mine = SubscriptionFactory(subscriber__email="me@example.net")
    SubscriptionFactory(alert=True, subscriber=mine.subscriber, query="topic=x", name="Theme X")
    SubscriptionFactory(subscriber__email="someone-else@example.net")
    page = client.get(reverse("newsletters:manage", args=[manage_token(mine.subscriber)]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "me@example.net" in html and "Theme X" in html
    assert "someone-else" not in html
    assert "noindex" in page["X-Robots-Tag"]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature altered
        lambda token: "x" + token,  # key altered
        lambda token: token.split(":")[0],  # signature removed
        lambda token: "guess",
        lambda token: "a" * 5000,
    ],
)
def test_an_altered_or_guessed_token_gets_a_clear_refusal(client, tamper):
    subscription = SubscriptionFactory()
    for name, token in (
        ("manage", manage_token(subscription.subscriber)),
        ("unsubscribe", unsubscribe_token(subscription)),
        ("confirm", confirm_token(subscription)),
    ):
        url = reverse(f"newsletters:{name}", args=[tamper(token)])
        response = client.get(url)
        assert response.status_code == 400, name
        assert "is not valid" in response.content.decode()
        assert subscription.subscriber.email not in response.content.decode()
        assert client.post(url).status_code == 400
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_a_token_for_one_purpose_opens_nothing_else(client):
    subscription = SubscriptionFactory()
    subscription.subscriber.key = subscription.key  # even with the same key behind them
    subscription.subscriber.save()
    assert (
        client.get(
            reverse("newsletters:manage", args=[unsubscribe_token(subscription)])
        ).status_code
        == 400
    )
    assert (
        client.post(
            reverse("newsletters:unsubscribe", args=[manage_token(subscription.subscriber)])
        ).status_code
        == 400
    )
    assert (
        client.get(reverse("newsletters:manage", args=[confirm_token(subscription)])).status_code
        == 400
    )


def test_the_management_page_cannot_touch_another_addresses_subscription(csrf_client):
    mine = SubscriptionFactory(subscriber__email="me@example.net")
    theirs = SubscriptionFactory(subscriber__email="them@example.net")
    url = reverse("newsletters:manage", args=[manage_token(mine.subscriber)])
    post_form(csrf_client, url, {"action": "remove", "subscription": theirs.pk})
    post_form(csrf_client, url, {"action": "remove", "subscription": "nonsense"})
    assert Subscription.objects.filter(pk=theirs.pk).exists()
    assert Subscription.objects.filter(pk=mine.pk).exists()


def test_a_reader_changes_the_frequency_removes_one_and_deletes_everything(csrf_client):
    digest = SubscriptionFactory(subscriber__email="me@example.net")
    alert = SubscriptionFactory(
        alert=True, subscriber=digest.subscriber, query="q=kiln", name="“kiln”"
    )
    url = reverse("newsletters:manage", args=[manage_token(digest.subscriber)])
    response = post_form(
        csrf_client, url, {"action": "change", "subscription": alert.pk, "frequency": "weekly"}
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.frequency == "weekly"
    post_form(
        csrf_client, url, {"action": "change", "subscription": alert.pk, "frequency": "hourly"}
    )
    alert.refresh_from_db()
    assert alert.frequency == "weekly"
    post_form(csrf_client, url, {"action": "remove", "subscription": digest.pk})
    assert list(Subscription.objects.all()) == [alert]
    response = post_form(csrf_client, url, {"action": "delete_all"})
    assert "Your address is deleted" in response.content.decode()
    assert not Subscriber.objects.filter(email="me@example.net").exists()
    assert not Subscription.objects.exists()
    assert csrf_client.get(url).status_code == 400


def test_management_forms_need_a_csrf_token(csrf_client):
    subscription = SubscriptionFactory()
    url = reverse("newsletters:manage", args=[manage_token(subscription.subscriber)])
    assert csrf_client.post(url, {"action": "delete_all"}).status_code == 403
    assert Subscriber.objects.exists()


def test_one_click_unsubscribe_works_with_a_bare_post_and_no_cookies():
    subscription = SubscriptionFactory(alert=True, query="q=kiln", name="“kiln”")
    SubscriptionFactory(subscriber=subscription.subscriber)
    client = Client(enforce_csrf_checks=True)
    url = reverse("newsletters:unsubscribe", args=[unsubscribe_token(subscription)])
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not client.cookies
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    assert Subscription.objects.filter(subscriber=subscription.subscriber).count() == 1
    # Mail clients may send it again: still a clear answer, nothing else removed.
    assert client.post(url).status_code == 400
    assert Subscription.objects.count() == 1


def test_unsubscribing_from_the_last_subscription_removes_the_address(client):
    subscription = SubscriptionFactory()
    page = client.get(reverse("newsletters:unsubscribe", args=[unsubscribe_token(subscription)]))
    assert "The weekly digest" in page.content.decode()
    assert Subscription.objects.exists()  # a GET (a link scanner) removes nothing
    client.post(reverse("newsletters:unsubscribe", args=[unsubscribe_token(subscription)]))
    assert not Subscriber.objects.exists()


def test_the_privacy_notice_says_what_is_stored_and_for_how_long(client):
    html = client.get(reverse("newsletters:privacy")).content.decode()
    for words in ("What we store", "7 days", "No tracking pixels", "one-way hash"):
        assert words in html


def test_finder_and_theme_pages_offer_emails_about_their_selection(client):
    TopicFactory(name="Forced labour", slug="forced-labour")
    html = client.get("/stories/?topic=forced-labour&page=1").content.decode()
    assert 'href="/subscribe/?topic=forced-labour"' in html
    assert "Get emails about this selection" in html
    html = client.get("/topics/forced-labour/").content.decode()
    assert 'href="/subscribe/?topic=forced-labour"' in html
    html = client.get("/").content.decode()
    assert 'action="/subscribe/"' in html and "weekly digest by email" in html
