"""What was pasted, made into plain text the parser can trust: HTML turned into Markdown-like
text, line breaks made uniform, control characters removed, the size bounded."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from newsroom.text import clean_control_characters

# About 30,000 words: several times the longest weekly digest, and still a quick review page.
MAX_CHARACTERS = 200_000
MAX_STORIES = 40


class DigestTextError(ValueError):
    """Text that cannot be imported, with a sentence saying why and what to do."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


# Control characters go as in every saved text field (newsroom.text: Word's manual line break
# and form feeds become new lines); in a pasted digest invisible formatting characters (bidi
# overrides, zero-width spaces, soft hyphens, the byte-order mark) carry nothing either.
SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def strip_control_characters(text: str) -> str:
    return SPACES.sub(" ", INVISIBLE.sub("", clean_control_characters(text)))


HTML_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|a|strong|b|em|i|span|html|body|table|td)\b",
                      re.IGNORECASE)  # fmt: skip


def looks_like_html(text: str) -> bool:
    return len(HTML_TAG.findall(text[:20_000])) >= 2


class _HtmlToText(HTMLParser):
    """Headings become "# " lines, list items "- " lines, links Markdown links and blocks
    paragraphs."""

    BLOCKS = {"p", "div", "section", "article", "header", "footer", "blockquote", "table", "tr",
              "ul", "ol", "figure", "main", "aside", "hr"}  # fmt: skip
    HIDDEN = {"script", "style", "head", "title", "template", "noscript", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.link: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif re.fullmatch(r"h[1-6]", tag):
            self.parts.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith(("http://", "https://")):
                self.link = href
                self.parts.append("[")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS or re.fullmatch(r"h[1-6]", tag):
            self.parts.append("\n\n")
        elif tag == "a" and self.link:
            self.parts.append(f"]({self.link})")
            self.link = None

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        text = "".join(self.parts).replace("[]", "")
        text = re.sub(r"\[\]\([^)]*\)", "", text)
        lines = [line.strip() for line in text.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_to_text(html: str) -> str:
    parser = _HtmlToText()
    parser.feed(html)
    parser.close()
    return parser.text()


def clean_text(raw: str) -> str:
    """The pasted text as clean plain text, or a DigestTextError saying what is wrong."""
    if len(raw) > MAX_CHARACTERS:
        raise DigestTextError(
            f"The text has {len(raw):,} characters; an import takes at most "
            f"{MAX_CHARACTERS:,} (about 30,000 words). Import the digest in parts.",
            code="too_long",
        )
    text = strip_control_characters(raw)
    if looks_like_html(text):
        text = html_to_text(text)
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    if not re.search(r"\w", text):
        raise DigestTextError(
            "There is no text to import: paste the digest, from its headline to its last item.",
            code="empty",
        )
    return text
