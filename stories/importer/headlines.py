"""Sentences, summaries and proposed headlines, all cut from the text's own words."""

from __future__ import annotations

import re

SUMMARY_LENGTH = 600  # Story.summary's max_length
TITLE_TARGET = 80
TITLE_LIMIT = 100
OPENING_READ = 600  # characters: a defined name a headline shortens to its acronym fits in this

# A full stop after these is not the end of a sentence.
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "etc", "eg", "ie",
                  "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                  "oct", "nov", "dec", "inc", "ltd", "co", "corp", "art", "para", "fig", "approx",
                  "gov", "govt", "dept", "u.s", "u.k", "u.n", "e.u"}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\((?:[^)\s]*)\)")


def plain(text: str) -> str:
    """Text as readers see it in a list: Markdown links reduced to their words."""
    text = _MARKDOWN_LINK.sub(r"\1", text)
    return re.sub(r"\s+", " ", re.sub(r"(\*\*|__|^#+\s*|^[-*•]\s+)", "", text, flags=re.M)).strip()


def sentences(text: str) -> list[str]:
    result, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].rsplit(None, 1)
        word = before[-1].lower().rstrip(".") if before else ""
        if word in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", word or "-"):
            continue
        result.append(text[start : match.end()].strip())
        start = match.end()
    if text[start:].strip():
        result.append(text[start:].strip())
    return result


def summary_of(text: str) -> str:
    """The opening sentence, two if the first is short, cut at a word under the field's limit."""
    parts = sentences(plain(text))
    if not parts:
        return ""
    summary = parts[0]
    if len(summary) < 90 and len(parts) > 1 and len(summary) + len(parts[1]) < SUMMARY_LENGTH:
        summary = f"{summary} {parts[1]}"
    if len(summary) > SUMMARY_LENGTH:
        summary = summary[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:–-") + "…"
    return summary


# Chicago-style headline case keeps these lower case inside a headline.
_MINOR_WORDS = {"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by",
                "in", "of", "off", "on", "per", "to", "up", "via", "vs", "from", "into", "onto",
                "with", "over", "than", "upon"}  # fmt: skip


def headline_case(text: str) -> str:
    """Capitalise the major words; acronyms and words with inner capitals stay as written."""
    words = text.split(" ")
    result = []
    for position, word in enumerate(words):
        first_or_last = position == 0 or position == len(words) - 1
        after_colon = position > 0 and words[position - 1].endswith((":", "—", "–"))
        parts = word.split("-")
        cased = []
        for index, part in enumerate(parts):
            match = re.match(r"^([\"“‘'(\[]*)(.*)$", part)
            lead, core = match.group(1), match.group(2)
            if not core or any(char.isupper() for char in core[1:]) or not core[0].isalpha():
                cased.append(part)
            elif (
                core.strip(",.;:!?”’\"')") in _MINOR_WORDS
                and not (first_or_last or after_colon or lead)
                and index == 0
            ):
                cased.append(part)  # "the", "of"; a capital "The" is part of a name
            else:
                cased.append(lead + core[0].upper() + core[1:])
        result.append("-".join(cased))
    return " ".join(result)


# Where a headline may end: before these words the sentence turns to detail (strong), or at
# least to a new phrase (weak).
_STRONG_BREAKS = re.compile(
    r",|;|:| – | — | \(| (?:during|following|after|while|which|who|where|amid|as part of|"
    r"according to|in order to|calling on|including|despite|with the aim|by failing)\b"
)
_WEAK_BREAKS = re.compile(r" (?:and its|and their|and the|and|by|to|for|with|on|in|of|at|from)\b")
# A name of capitalised words, with the small words names are made with: a headline does not end
# inside one ("Committee on the Rights" of the Child).
_NAME = re.compile(
    r"[A-Z][\w’'&.-]*(?:\s+(?:(?:of|for|on|against)\s+)?(?:the\s+)?[A-Z][\w’'&.-]*)+"
)
_TIME_PHRASES = re.compile(
    r"\s+(?:last|this|next) (?:week|month|year|weekend)\b|\s+on (?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\b|\s+(?:yesterday|today|recently)\b",
    re.IGNORECASE,
)
_DEFINED_ACRONYM = re.compile(
    r"\b((?:the )?[A-Z][\w’'&.-]*(?:\s+(?:[A-Z][\w’'&.-]*|of|for|and|on|the|in|to|against|de|la))*)"
    r"\s+\(([A-Z][A-Za-z&./-]*[A-Z][A-Za-z&./-]*)\)"
)
_DANGLING = {"a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with",
             "from", "its", "their", "his", "her", "as", "that", "is", "are", "has", "have",
             "was", "were", "be", "than", "into"}  # fmt: skip


def _cut(sentence: str) -> str:
    """The sentence up to its last strong break before the limit, else its last weak break
    near the target, else its last word before the target; never inside a name, which is kept
    whole where it ends under the limit."""
    names = [match.span() for match in _NAME.finditer(sentence)]

    def outside_names(position: int) -> bool:
        return not any(start < position < end for start, end in names)

    strong = [
        m.start()
        for m in _STRONG_BREAKS.finditer(sentence)
        if 30 <= m.start() <= TITLE_LIMIT and outside_names(m.start())
    ]
    if strong:
        return sentence[: strong[-1]]
    weak = [
        m.start()
        for m in _WEAK_BREAKS.finditer(sentence)
        if 40 <= m.start() <= TITLE_TARGET + 5 and outside_names(m.start())
    ]
    if weak:
        return sentence[: weak[-1]]
    cut = len(sentence[:TITLE_TARGET].rsplit(" ", 1)[0])
    for start, end in names:
        if start < cut < end:
            if end <= TITLE_LIMIT:
                cut = end
            elif start >= 30:
                cut = start  # the words before the name make the headline
    return sentence[:cut]


def propose_title(text: str) -> str:
    """A short headline from the opening sentence, in headline case."""
    parts = sentences(plain(text))
    if not parts:
        return ""
    # A headline comes from the sentence's opening words; a "sentence" running on for pages (text
    # without full stops) is not read to its end.
    sentence = parts[0][:OPENING_READ].rstrip(".!… ")
    # "the International Organization for Migration (IOM)" reads as "IOM" in a headline.
    sentence = _DEFINED_ACRONYM.sub(lambda match: match.group(2), sentence)
    sentence = _TIME_PHRASES.sub("", sentence)
    sentence = re.sub(r"^(?:The|This|A|An)\s+(?=[a-z])", "", sentence)
    sentence = sentence[:1].upper() + sentence[1:]
    title = sentence
    if len(title) > TITLE_TARGET:
        title = _cut(sentence)
    words = title.rstrip(" ,;:–-").split(" ")
    while len(words) > 3 and words[-1].lower().strip(",") in _DANGLING:
        words.pop()
    return headline_case(" ".join(words).strip(" ,;:"))
