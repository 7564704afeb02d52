"""End to end over SMTP: a real server in the test process receives the digest newsletter."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from newsletters.smtp_sink import Sink
from stories import services as story_services
from tests.factories import RoundUpFactory, StoryFactory, SubscriptionFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_a_real_smtp_server_receives_the_digest_with_both_parts_and_no_tracking(
    settings, newsletter_moderator
):
    settings.SITE_URL = "https://news.example.org"
    with Sink() as collector:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", collector.port
        for n in range(3):
            SubscriptionFactory(subscriber__email=f"smtp{n}@example.net")
        lead = StoryFactory(
            approved=True, title="Kiln workers freed", topics=[TopicFactory(name="Forced labour")]
        )
        item = StoryFactory(approved=True, title="Fishing fleets")
        roundup = RoundUpFactory(approved=True, lead_story=lead, items=[lead, item], title="Kilns")
        story_services.roundup_publish(roundup=roundup, by=newsletter_moderator)
        assert collector.wait_for(3, timeout=30)

    digests = [m for m in collector.messages if "digest no." in m["Subject"]]
    assert sorted(m["To"] for m in digests) == [f"smtp{n}@example.net" for n in range(3)]
    message = digests[0]
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Kiln workers freed" in text and "Fishing fleets" in text
    assert "Kiln workers freed" in html and "Fishing fleets" in html
    assert message["From"] == settings.NEWSLETTER_FROM_EMAIL
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Folded onto its own line (the header is long): the value is the URL in angle brackets.
    unsubscribe = re.fullmatch(r"<(.+)>", message["List-Unsubscribe"].strip()).group(1)
    assert unsubscribe.startswith("https://news.example.org/unsubscribe/")
    assert message["List-Id"].endswith("<digest.news.example.org>")
    assert re.fullmatch(r"<newsletter-\d+-\d+@news\.example\.org>", message["Message-ID"])
    # Every link absolute, straight to the site: no redirects, no pixels, no external CSS.
    links = re.findall(r'(?:href|src)="([^"]+)"', html) + re.findall(r"https?://\S+", text)
    assert links
    assert {urlsplit(link).netloc for link in links} == {"news.example.org"}
    assert "<img" not in html and "<link" not in html
    assert unsubscribe in html and unsubscribe in text
    # Each reader's own links.
    assert len({m["List-Unsubscribe"] for m in digests}) == 3
