"""Known XSS payloads typed into every field that reaches a reader never run on a public page."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.validators import URLValidator
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from organizations.models import Organization
from stories.models import Region, RoundUp, RoundUpItem, Status, Story, Topic
from tests.admin_pages import errors_on, fill

pytestmark = pytest.mark.django_db

# From the OWASP XSS filter evasion cheat sheet, PortSwigger's list and Markdown-specific ones.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=//evil.example/x.js></script>",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</script><svg onload=alert(1)>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)">',
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<img src=`javascript:alert(1)`>",
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;"
    "&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JAVASCRIPT:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<a href="java&#09;script:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="https://example.org" onclick="alert(1)">ok</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html,<script>alert(1)</script>)",
    "![x](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    '[a](https://example.org "title" onmouseover=alert(1))',
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<textarea autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    '<div style="background:url(javascript:alert(1))">',
    '<div style="width: expression(alert(1))">',
    "<style>@import 'javascript:alert(1)';</style>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<form action="javascript:alert(1)"><input type=submit>',
    "<button formaction=javascript:alert(1)>x</button>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<x onclick=alert(1)>click",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<p onmouseover=alert(1)>text</p>",
    '<table background="javascript:alert(1)">',
    "<isindex action=javascript:alert(1) type=submit>",
    "{{ request }}{% debug %}<script>alert(1)</script>",
    "\u003cscript\u003ealert(1)\u003c/script\u003e",
    "<<script>alert(1);//<</script>",
]

URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "poster", "background", "xlink:href",
    "srcdoc", "lowsrc", "dynsrc", "codebase",
}  # fmt: skip
# Browsers ignore these characters inside a URL scheme: "java\tscript:" is "javascript:".
IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]")


def is_our_script(src: str) -> bool:
    return src.startswith(settings.STATIC_URL) or src == reverse("admin:jsi18n")


class UnsafeMarkupFinder(HTMLParser):
    """Record every element or attribute through which markup could run script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            if attributes.get("type") == "application/ld+json" and "src" not in attributes:
                self._in_json_ld = True
                self.json_ld.append("")
            elif attributes.get("type") == "application/json" and "src" not in attributes:
                pass  # data for a script file (the admin's), never executed itself
            elif not is_our_script(attributes.get("src") or ""):
                self.problems.append(f"<script {attrs}>")
        if tag in {"iframe", "object", "embed", "applet", "base", "frame", "frameset", "style"}:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            refresh = tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh"
            if name in URL_ATTRIBUTES or (name == "content" and refresh):
                scheme = IGNORED_IN_SCHEME.sub("", value).lower()
                if name == "content":
                    scheme = scheme.partition("url=")[2]
                if scheme.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and re.search(r"javascript:|expression\(", value, re.I):
                self.problems.append(f"<{tag} style={value!r}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def unsafe_markup(html: str) -> list[str]:
    finder = UnsafeMarkupFinder()
    finder.feed(html)
    finder.close()
    for block in finder.json_ld:
        json.loads(block)  # a payload that broke out of the data block would break the JSON
    return finder.problems


def test_the_checker_finds_what_it_looks_for():
    assert len(PAYLOADS) >= 50
    raw = "".join(PAYLOADS)
    problems = unsafe_markup(raw)
    assert any("<script" in p for p in problems)
    assert any("onerror" in p for p in problems)
    assert any("javascript" in p.lower() for p in problems)
    assert any(p == "<iframe>" for p in problems)
    assert unsafe_markup('<script type="application/ld+json">{"a": 1}</script><p>ok</p>') == []


def safe_url(payload: str, index: int) -> str:
    """The payload inside a URL the form accepts (no spaces), to test escaping in href."""
    url = f"https://example.org/{index}?q={payload.replace(' ', '%20')}"
    try:
        URLValidator()(url)
    except Exception:  # noqa: BLE001 - some payloads cannot live in a URL at all
        url = f"https://example.org/{index}?q={quote(payload)}"
    return url


@pytest.fixture
def vocabulary():
    """A topic, region grouping and organization whose every text field carries a payload."""
    objects = []
    for index, payload in enumerate(PAYLOADS):
        topic = Topic.objects.create(
            name=f"{payload} {index}"[:120], slug=f"xss-topic-{index}", description=payload
        )
        region = Region.objects.create(
            name=f"{payload} {index}"[:120],
            slug=f"xss-region-{index}",
            kind=Region.Kind.GROUPING,
            description=payload,
        )
        organization = Organization.objects.create(
            name=f"{payload} {index}",
            acronym=payload[:40],
            slug=f"xss-org-{index}",
            description=payload,
            website=safe_url(payload, index),
            aliases=f"{payload}\nAlso {payload}",
            approved=True,
        )
        objects.append((topic, region, organization))
    return objects


@pytest.fixture
def stories(django_app, admin_user, vocabulary):
    """One story per payload, typed into every text field of the admin's add form as rendered."""
    for index, payload in enumerate(PAYLOADS):
        topic, region, organization = vocabulary[index]
        page = django_app.get(reverse("admin:stories_story_add"), user=admin_user.username)
        form = fill(
            page.forms["story_form"],
            title=f"{payload} {index}",
            slug=f"xss-story-{index}",
            summary=payload,
            body=f"{payload}\n\n{payload}\n\n- {payload}\n\n> {payload}",
            source_name=payload,
            source_url=safe_url(payload, index),
            content_note=payload,
            kind="news",
            # Tags are at most 100 characters; the form refuses longer ones.
            tags=f'"{payload[:100]}"',
            topics=[topic.pk],
            regions=[region.pk],
            organizations=[organization.pk],
            deadline=timezone.localdate() + timezone.timedelta(days=10),
        )
        response = form.submit("_save", user=admin_user.username)
        assert response.status_code == 302, (payload, errors_on(response))
    # Alt text and credit need an image; set them like the form would, then publish.
    Story.objects.update(
        image_alt="<img src=x onerror=alert(1)>",
        image_credit='"><script>alert(1)</script>',
        status=Status.PUBLISHED,
        published_at=timezone.now() - timezone.timedelta(hours=1),
    )
    return list(Story.objects.order_by("pk"))


@pytest.fixture
def roundups(stories):
    for index, payload in enumerate(PAYLOADS):
        roundup = RoundUp.objects.create(
            number=index + 1,
            title=f"{payload} {index}",
            slug=f"xss-digest-{index}",
            introduction=payload,
            lead_story=stories[index],
            status=Status.PUBLISHED,
            published_at=timezone.now() - timezone.timedelta(hours=1),
        )
        RoundUpItem.objects.create(
            roundup=roundup, story=stories[(index + 1) % len(stories)], blurb=payload
        )
    return list(RoundUp.objects.all())


def test_no_payload_runs_on_any_public_page_in_feeds_or_in_the_admin(
    client, admin_client, stories, roundups, vocabulary
):
    urls = ["/", "/deadlines/", reverse("stories:sitemap")]
    for path in ("/stories/", "/digests/"):
        urls += [f"{path}?page={page}" for page in range(1, len(PAYLOADS) // 20 + 2)]
    urls += [f"/stories/?q={quote(payload)}" for payload in PAYLOADS[:10]]
    urls += [story.get_absolute_url() for story in stories]
    urls += [roundup.get_absolute_url() for roundup in roundups]
    for topic, region, organization in vocabulary:
        urls += [topic.get_absolute_url(), region.get_absolute_url()]
        urls.append(organization.get_absolute_url())
    for topic, region, organization in vocabulary[:10]:
        urls.append(
            f"/stories/?topic={topic.slug}&region={region.slug}&organization={organization.slug}"
        )
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert unsafe_markup(response.text) == [], url
    for story in stories:  # the payloads did reach the pages, as text
        assert escape(story.title) in client.get(story.get_absolute_url()).text

    for name in FEEDS:
        root = ET.fromstring(client.get(reverse(name)).content)
        html_fields = [el.text or "" for el in root.iter() if el.tag in FEED_HTML_ELEMENTS]
        assert len(html_fields) > 1, name
        for html in html_fields:
            # Feed readers render these fields as HTML once the XML is decoded.
            assert unsafe_markup(html) == [], (name, html)

    for url in (reverse("admin:stories_story_changelist"), stories[0].get_absolute_url()):
        response = admin_client.get(url, {"all": ""} if "admin" in url else {})
        assert unsafe_markup(response.text) == [], url


FEEDS = ["stories:story_feed", "stories:story_atom", "stories:roundup_feed", "stories:roundup_atom"]
FEED_HTML_ELEMENTS = {
    "description",
    "{http://www.w3.org/2005/Atom}summary",
    "{http://www.w3.org/2005/Atom}content",
    "{http://purl.org/rss/1.0/modules/content/}encoded",
}
