"""Organization names a text introduces that the database may not know yet.

Two signals, in order of trust: a name defined with its acronym ("European Labour Authority
(ELA)", or "ELA (European Labour Authority)"), and a run of capitalised words that ends in or
contains a word organizations are named with ("Mekong Club", "Winrock International").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from stories.importer.matching import Document, Spans, is_acronym

CONNECTORS = {"of", "for", "and", "the", "on", "in", "to", "against", "de", "la", "du", "des",
              "del", "y", "et", "&"}  # fmt: skip
ORGANIZATION_WORDS = {
    "International", "Foundation", "Club", "Collaborative", "Network", "Alliance", "Coalition",
    "Army", "Trust", "Fund", "Institute", "Centre", "Center", "Council", "Commission",
    "Committee", "Agency", "Office", "Ministry", "Department", "Directorate", "Organization",
    "Organisation", "Association", "Society", "Federation", "Union", "Initiative", "Project",
    "Programme", "Program", "Watch", "Mission", "Embassy", "Lab", "Partnership", "Forum",
    "Charity", "Service", "Services", "Bureau", "Authority", "Secretariat", "University",
    "Police", "Consortium", "Unit", "Task", "Board", "Inspectorate", "Ombudsman",
}  # fmt: skip
# Documents, events and mechanisms are named like organizations but are not ones.
NOT_ORGANIZATION_WORDS = {
    "Plan", "Act", "Protocol", "Convention", "Directive", "Strategy", "Report", "Index", "Day",
    "Law", "Conference", "Summit", "Mechanism", "Declaration", "Agenda", "Principles",
    "Guidelines", "Framework", "Week", "Month", "Year", "Award", "Addendum", "Bill", "Treaty",
    "Regulation", "Resolution", "Statement", "Manifesto", "Survey", "Study", "Review",
}  # fmt: skip
# Capitalised at the start of a sentence without naming anything.
_SENTENCE_WORDS = {"The", "This", "These", "That", "A", "An", "Its", "Their", "Meanwhile",
                   "In", "On", "At", "As", "But", "And", "While", "After", "Last", "Some",
                   "Many"}  # fmt: skip
_BOUNDARY = re.compile(r"[.,;:!?()\[\]\"“”\n/]")


@dataclass(frozen=True)
class DetectedName:
    name: str
    acronym: str
    start: int  # offsets of the name (and its acronym) in the document's text
    end: int
    confidence: float


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _acronym_letters(acronym: str) -> str:
    return "".join(char for char in acronym if char.isupper())


def _fits(acronym: str, words: list[str]) -> bool:
    """Whether the acronym's capitals can be read, in order, from the words' capitals."""
    letters = _acronym_letters(acronym)
    capitals = "".join(char for word in words for char in word if char.isupper())
    if not letters or not words or words[0][:1].upper() != letters[0]:
        return False
    position = 0
    for char in capitals:
        if position < len(letters) and char == letters[position]:
            position += 1
    return position == len(letters)


def _is_not_organization(words: list[str]) -> bool:
    return any(word in NOT_ORGANIZATION_WORDS for word in words) and not any(
        word in ORGANIZATION_WORDS for word in words
    )


def acronym_definitions(document: Document) -> list[DetectedName]:
    """Names written with their acronym in brackets, either way round."""
    found = []
    tokens = document.tokens
    # Token offsets rise through the text: the tokens around a bracket are found by bisection,
    # so a text full of brackets costs no more than one with a few.
    starts = [token.start for token in tokens]
    ends = [token.end for token in tokens]
    for match in re.finditer(r"\(([^()\n]{2,120})\)", document.plain):
        inside = match.group(1).strip()
        first = bisect_right(starts, match.start())  # the first token inside the bracket
        before = bisect_right(ends, match.start()) - 1  # the last token before it
        if first >= len(tokens) or before < 0:
            continue
        if is_acronym(inside) and " " not in inside and len(inside) <= 16:
            # "the European Labour Authority (ELA)": walk back to where the acronym starts.
            window = before
            while window > 0 and before - window < 14:
                if _BOUNDARY.search(document.between(window)):
                    break
                window -= 1
            for start in range(window, before + 1):
                words = [token.surface for token in tokens[start : before + 1]]
                if _capitalised(words[0]) and _fits(inside, words):
                    if _is_not_organization(words) or words[-1].lower() in CONNECTORS:
                        break
                    name = document.text[tokens[start].start : tokens[before].end]
                    found.append(DetectedName(name, inside, tokens[start].start, match.end(), 0.8))
                    break
        elif is_acronym(tokens[before].surface) and _capitalised(inside):
            # "ELA (European Labour Authority)".
            inner = tokens[first : bisect_left(starts, match.end(), lo=first)]
            words = [token.surface for token in inner]
            acronym = tokens[before].surface
            if 1 < len(words) <= 14 and _fits(acronym, words) and not _is_not_organization(words):
                found.append(DetectedName(inside, acronym, tokens[before].start, match.end(), 0.8))
    return found


def candidate_names(document: Document, taken: list[tuple[int, int]]) -> list[DetectedName]:
    """Runs of capitalised words that read like an organization's name, outside taken spans."""
    tokens = document.tokens
    claimed = Spans(taken)
    found, index = [], 0
    while index < len(tokens):
        if not _capitalised(tokens[index].surface):
            index += 1
            continue
        end = index
        while end + 1 < len(tokens) and not _BOUNDARY.search(document.between(end + 1)):
            following = tokens[end + 1].surface
            if not (_capitalised(following) or following in CONNECTORS):
                break
            if document.text[tokens[end].start : tokens[end].end].endswith(("'s", "’s", "'", "’")):
                break  # "Human Rights’ Committee": a possessive ends a name
            end += 1
        run = list(range(index, end + 1))
        index = end + 1
        while run and tokens[run[-1]].surface in CONNECTORS:
            run.pop()
        while run and (
            tokens[run[0]].surface in CONNECTORS
            or tokens[run[0]].surface in _SENTENCE_WORDS
            or tokens[run[0]].surface in NOT_ORGANIZATION_WORDS
        ):
            run.pop(0)
        words = [tokens[i].surface for i in run]
        if len(words) < 2 or not any(word in ORGANIZATION_WORDS for word in words):
            continue
        if _is_not_organization(words) or words[-1] in NOT_ORGANIZATION_WORDS:
            continue
        start, stop = tokens[run[0]].start, tokens[run[-1]].end
        if claimed.overlap((start, stop)):
            continue
        found.append(DetectedName(document.text[start:stop], "", start, stop, 0.5))
    return found
