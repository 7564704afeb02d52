"""Find known phrases in a text on word boundaries, leftmost and longest first.

A text is read once into tokens; each phrase list (organization names, place aliases, theme
keywords) is a dictionary of token tuples, so a look-up costs the same for ten phrases or ten
thousand. Case is respected where it carries meaning: a token written with two capitals or more
in the phrase ("ILO", "UK", "CoE") must appear exactly so, and a phrase that starts with a
capital must start with one in the text ("Walk Free", not "walk free").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import accumulate

# Dashes and curly apostrophes read as their plain forms; both keep the text's length, so that
# offsets found in the normalised text are offsets in the original.
_PLAIN = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
                        "’": "'", "‘": "'", "ʼ": "'"})  # fmt: skip
# Web addresses and Markdown link targets are not prose: their words never match.
_URLS = re.compile(r"\]\([^)\s]*\)|https?://\S+|www\.\S+")
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:'\w+)*'?")
_POSSESSIVE = re.compile(r"'s?$")

_IRREGULAR = {"children": "child", "women": "woman", "men": "man", "lives": "life"}
_VOWELS = set("aeiouy")


def same_name_key(name: str) -> str:
    """A name as compared with the names a record knows: dashes, quotes, case and spacing aside."""
    return " ".join(name.translate(_PLAIN).casefold().split())


def lemma(word: str) -> str:
    """A light lemma for matching: plural, possessive, -ing and -ed endings removed."""
    word = _POSSESSIVE.sub("", word.lower())
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "shes", "ches", "xes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5 and _VOWELS & set(word[:-3]):
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4 and _VOWELS & set(word[:-2]):
        word = word[:-2]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    if len(word) > 3 and word.endswith("e") and not word.endswith("ee"):
        word = word[:-1]
    return word


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    surface: str  # as written, without a possessive ending and without the dots of "U.S."

    @property
    def lower(self) -> str:
        return self.surface.lower()


def _surface(text: str) -> str:
    return _POSSESSIVE.sub("", text).replace(".", "") if "." in text or "'" in text else text


def is_acronym(word: str) -> bool:
    return sum(1 for char in word if char.isupper()) >= 2


class Document:
    """A text read into tokens, with what lies between them (to tell "A, B" from "A B")."""

    def __init__(self, text: str):
        self.text = text
        plain = text.translate(_PLAIN)
        plain = _URLS.sub(lambda match: " " * len(match.group()), plain)
        self.plain = plain
        self.tokens = [
            Token(match.start(), match.end(), _surface(match.group()))
            for match in _TOKEN.finditer(plain)
        ]
        self._lemmas: list[str] | None = None

    @property
    def lemmas(self) -> list[str]:
        if self._lemmas is None:
            self._lemmas = [lemma(token.surface) for token in self.tokens]
        return self._lemmas

    def between(self, index: int) -> str:
        """The characters between token index-1 and token index."""
        start = self.tokens[index - 1].end if index else 0
        return self.plain[start : self.tokens[index].start]


@dataclass
class Match:
    start: int  # character offsets in the document's text
    end: int
    first: int  # token indexes, end exclusive
    last: int
    payloads: list = field(default_factory=list)

    def text(self, document: Document) -> str:
        return document.text[self.start : self.end]


@dataclass(frozen=True)
class _Entry:
    pattern: tuple[str, ...]  # the phrase's own tokens, for the case rules
    payload: object


class PhraseIndex:
    """Phrases with a payload each, found in documents by their tokens."""

    def __init__(self, *, lemmatise: bool = False):
        self.lemmatise = lemmatise
        self.entries: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        self.longest = 0

    def add(self, phrase: str, payload) -> None:
        tokens = [_surface(match.group()) for match in _TOKEN.finditer(phrase.translate(_PLAIN))]
        if not tokens:
            return
        key = tuple(self._key(token) for token in tokens)
        entry = _Entry(tuple(tokens), payload)
        if entry not in self.entries[key]:
            self.entries[key].append(entry)
        self.longest = max(self.longest, len(key))

    def _key(self, surface: str) -> str:
        return lemma(surface) if self.lemmatise else surface.lower()

    def find(self, document: Document) -> list[Match]:
        """Every non-overlapping occurrence, the longest phrase winning at each position."""
        keys = document.lemmas if self.lemmatise else [token.lower for token in document.tokens]
        matches, index = [], 0
        while index < len(keys):
            found = None
            for length in range(min(self.longest, len(keys) - index), 0, -1):
                entries = self.entries.get(tuple(keys[index : index + length]))
                if not entries:
                    continue
                tokens = document.tokens[index : index + length]
                payloads = [entry.payload for entry in entries if _case_fits(entry, tokens)]
                if payloads and _joined_alike(document, index, length):
                    found = Match(tokens[0].start, tokens[-1].end, index, index + length, payloads)
                    break
            if found:
                matches.append(found)
                index = found.last
            else:
                index += 1
        return matches


def _case_fits(entry: _Entry, tokens: list[Token]) -> bool:
    for position, (expected, token) in enumerate(zip(entry.pattern, tokens, strict=True)):
        if is_acronym(expected):
            if token.surface != expected:
                return False
        elif position == 0 and expected[:1].isupper() and not token.surface[:1].isupper():
            return False
    return True


def _joined_alike(document: Document, index: int, length: int) -> bool:
    """A phrase does not run across a sentence or a clause: "Kenya. Thailand" is two places."""
    return all(
        not re.search(r"[.,;:!?()\[\]\"“”\n]", document.between(position))
        for position in range(index + 1, index + length)
    )


class Spans:
    """Character spans already claimed, asked whether another lies inside or across one: by
    bisection, so that a text with thousands of names is not checked name against name."""

    def __init__(self, spans: list[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(accumulate((end for _, end in ordered), max))  # furthest end so far

    def contain(self, span: tuple[int, int]) -> bool:
        index = bisect_right(self.starts, span[0])  # the spans starting at or before it
        return index > 0 and self.reach[index - 1] >= span[1]

    def overlap(self, span: tuple[int, int]) -> bool:
        index = bisect_left(self.starts, span[1])  # the spans starting before it ends
        return index > 0 and self.reach[index - 1] > span[0]
