"""A reader subscribes to a finder selection, confirms by the emailed link, manages, leaves."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from newsletters.models import Subscriber, Subscription
from stories.models import Topic
from tests.factories import StoryFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def path_of(link: str) -> str:
    return re.sub(r"^https?://[^/]+", "", link)


def test_a_reader_subscribes_from_the_finder_confirms_manages_and_unsubscribes(page, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    labour = Topic.objects.get(slug="forced-labour")
    StoryFactory(published=True, title="Kiln workers freed", topics=[labour])

    page.goto("/stories/?topic=forced-labour")
    page.click("text=Get emails about this selection")
    page.wait_for_selector("h1:has-text('Get emails about this selection')")
    assert "Forced labour" in page.inner_text("main")
    page.fill("#id_email", "reader@example.net")
    page.check("input[name=frequency][value=daily]")
    page.click("main button[type=submit]:has-text('Subscribe')")
    page.wait_for_selector("h1:has-text('Check your inbox')")
    assert Subscription.objects.get().status == "pending"

    [message] = mail.outbox
    assert message.to == ["reader@example.net"]
    confirm = re.search(r"https?://\S+/subscribe/confirm/\S+/", message.body).group(0)
    page.goto(path_of(confirm))
    assert "Forced labour" in page.inner_text("main") and "Daily" in page.inner_text("main")
    page.click("main button:has-text('Confirm')")
    page.wait_for_selector("h1:has-text('You are subscribed')")
    assert Subscription.objects.get().status == "confirmed"

    page.click("main a:has-text('manage your subscriptions')")
    page.wait_for_selector("h1:has-text('Your subscriptions')")
    page.select_option("main select[name=frequency]", "weekly")
    page.click("main button:has-text('Save')")
    page.wait_for_selector("text=Saved.")
    assert Subscription.objects.get().frequency == "weekly"

    page.click("main button:has-text('Remove “Forced labour”')")
    page.wait_for_selector("h1:has-text('Your address is deleted')")
    assert not Subscription.objects.exists() and not Subscriber.objects.exists()
    assert page.policy_violations == []


def test_a_reader_unsubscribes_with_the_link_in_an_email(page, settings):
    from newsletters.emails import unsubscribe_url
    from tests.factories import SubscriptionFactory

    subscription = SubscriptionFactory(subscriber__email="leaving@example.net")
    page.goto(path_of(unsubscribe_url(subscription)))
    assert "The weekly digest" in page.inner_text("main")
    page.click("main button:has-text('Unsubscribe')")
    page.wait_for_selector("h1:has-text('You are unsubscribed')")
    assert not Subscriber.objects.filter(email="leaving@example.net").exists()
