"""Suggested organizations, places and themes for a story, each with the words that triggered
it and a confidence; the ones at or above ACCEPTED are ticked on the review screen."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from organizations.models import Organization
from stories.importer.matching import Document, PhraseIndex, Spans, same_name_key
from stories.importer.names import DetectedName, acronym_definitions, candidate_names
from stories.models import Region, Topic

ACCEPTED = 0.6
PLACE_ALIASES = Path(__file__).resolve().parents[1] / "data" / "place_aliases.json"
# How sure a kind of mention makes us of a place.
PLACE_CONFIDENCE = {"name": 0.9, "code": 0.85, "region": 0.85, "city": 0.8, "demonym": 0.75}


@dataclass
class Suggestion:
    kind: str  # "organization", "place" or "theme"
    name: str
    slug: str | None  # the existing record's; None for an organization to create
    confidence: float
    spans: list[tuple[int, int]] = field(default_factory=list)
    acronym: str = ""  # for an organization to create
    alias: str = ""  # a name the text gives an existing organization that its record lacks
    label: str = ""  # how the review screen names it, when not by its name

    @property
    def new(self) -> bool:
        return self.slug is None

    @property
    def accepted(self) -> bool:
        return self.confidence >= ACCEPTED

    @property
    def key(self) -> str:
        """What the review form posts for this suggestion."""
        return self.slug if self.slug else f"new:{self.name}"

    def seen_again(self, span: tuple[int, int], step: float = 0.03) -> None:
        if span not in self.spans:
            self.spans.append(span)
            if len(self.spans) > 1:
                self.confidence = min(0.98, round(self.confidence + step, 2))


@lru_cache(maxsize=1)
def place_aliases() -> list[dict]:
    return json.loads(PLACE_ALIASES.read_text(encoding="utf-8"))["aliases"]


class Vocabulary:
    """The organizations, places and themes a digest's stories are matched against: read from
    the database once per import."""

    def __init__(self):
        self.organizations = PhraseIndex()
        self.by_acronym: dict[str, Organization] = {}
        self.known_names: dict[int, set[str]] = defaultdict(set)
        for organization in Organization.objects.only("pk", "name", "acronym", "slug", "aliases"):
            names = [organization.name, *organization.alias_list]
            for name in names:
                self.organizations.add(name, (organization, "name"))
                self.known_names[organization.pk].add(same_name_key(name))
            if organization.acronym:
                self.organizations.add(organization.acronym, (organization, "acronym"))
                self.by_acronym.setdefault(organization.acronym, organization)

        regions = {region.slug: region for region in Region.objects.only("pk", "name", "slug")}
        self.places = PhraseIndex()
        for entry in place_aliases():
            region = next((regions[slug] for slug in entry["regions"] if slug in regions), None)
            if region is not None:
                self.places.add(entry["alias"], (region, entry["kind"]))
        for region in regions.values():  # regions added after the alias data was generated
            self.places.add(region.name, (region, "name"))

        self.themes = PhraseIndex(lemmatise=True)
        for topic in Topic.objects.only("pk", "name", "slug", "keywords"):
            for phrase in [topic.name, *topic.keyword_list]:
                self.themes.add(phrase, (topic, phrase))

        # Organizations the digest itself introduces, shared by all its stories.
        self.introduced = PhraseIndex()
        self._introduced_keys: set[tuple[str, str]] = set()

    def introduce(self, detected: DetectedName) -> None:
        """Once per name and acronym: the first definition stands for the others, and a text
        that repeats one a thousand times is not matched against a thousand copies."""
        key = (same_name_key(detected.name), detected.acronym)
        if key in self._introduced_keys:
            return
        self._introduced_keys.add(key)
        self.introduced.add(detected.name, detected)
        self.introduced.add(detected.acronym, detected)


def suggest_organizations(document: Document, vocabulary: Vocabulary) -> list[Suggestion]:
    suggestions: dict[str, Suggestion] = {}

    def existing(organization: Organization, span, confidence: float) -> Suggestion:
        suggestion = suggestions.get(organization.slug)
        if suggestion is None:
            suggestion = suggestions[organization.slug] = Suggestion(
                "organization", organization.name, organization.slug, confidence, [span],
                label=str(organization),
            )  # fmt: skip
        else:
            suggestion.confidence = max(suggestion.confidence, confidence)
            suggestion.seen_again(span)
        return suggestion

    for match in vocabulary.organizations.find(document):
        span = (match.start, match.end)
        found = {organization.pk: (organization, how) for organization, how in match.payloads}
        for organization, how in found.values():
            # One name shared by several organizations is a question for the editor; a one-word
            # name ("Hestia") is a little less sure than an acronym or a longer name.
            if len(found) > 1:
                confidence = 0.55
            elif how == "name" and match.last - match.first == 1:
                confidence = 0.9
            else:
                confidence = 0.95
            existing(organization, span, confidence)

    taken = [span for suggestion in suggestions.values() for span in suggestion.spans]
    for detected in acronym_definitions(document):
        span = (detected.start, detected.end)
        organization = vocabulary.by_acronym.get(detected.acronym)
        if organization is None:
            inner = vocabulary.organizations.find(Document(detected.name))
            if len(inner) == 1 and len(inner[0].payloads) == 1:
                organization = inner[0].payloads[0][0]
        if organization is not None:
            suggestion = existing(organization, span, 0.95)
            if same_name_key(detected.name) not in vocabulary.known_names[organization.pk]:
                suggestion.alias = detected.name
        else:
            suggestions.setdefault(
                f"new:{detected.name}",
                Suggestion("organization", detected.name, None, detected.confidence, [span],
                           acronym=detected.acronym),
            )  # fmt: skip
        taken.append(span)

    # The introduced names found below never overlap one another: only what was found before
    # can hold one.
    claimed = Spans(taken)
    for match in vocabulary.introduced.find(document):
        span = (match.start, match.end)
        if claimed.contain(span):
            continue
        detected = match.payloads[0]
        key = f"new:{detected.name}"
        if key in suggestions:
            suggestions[key].seen_again(span)
        else:
            suggestions[key] = Suggestion(
                "organization", detected.name, None, detected.confidence, [span],
                acronym=detected.acronym,
            )  # fmt: skip
        taken.append(span)

    for detected in candidate_names(document, taken):
        span = (detected.start, detected.end)
        key = f"new:{detected.name}"
        if key in suggestions:
            suggestions[key].seen_again(span)
        else:
            suggestions[key] = Suggestion("organization", detected.name, None, 0.5, [span])
    return sorted(suggestions.values(), key=lambda s: min(start for start, _ in s.spans))


def suggest_places(
    document: Document, vocabulary: Vocabulary, organization_spans: list[tuple[int, int]]
) -> list[Suggestion]:
    suggestions: dict[str, Suggestion] = {}
    organizations = Spans(organization_spans)
    for match in vocabulary.places.find(document):
        span = (match.start, match.end)
        # "ASEAN-Australia Counter Trafficking" names a programme, not a place; but "the
        # Kenyan Embassy in Thailand" does say where the story happens.
        if organizations.contain(span) and (
            match.first == 0 or document.tokens[match.first - 1].lower != "in"
        ):
            continue
        region, kind = match.payloads[0]
        suggestion = suggestions.get(region.slug)
        if suggestion is None:
            suggestions[region.slug] = Suggestion(
                "place", region.name, region.slug, PLACE_CONFIDENCE[kind], [span]
            )
        else:
            suggestion.confidence = max(suggestion.confidence, PLACE_CONFIDENCE[kind])
            suggestion.seen_again(span)
    return sorted(suggestions.values(), key=lambda s: min(start for start, _ in s.spans))


def suggest_themes(document: Document, vocabulary: Vocabulary, lede_end: int) -> list[Suggestion]:
    """A theme is as likely as the keywords found for it: a phrase counts twice a word, a
    keyword found again a quarter, one in the headline or first sentence (the lede, which says
    what the story is about) double; a long story needs more of them than a short one."""
    scale = max(1.0, (len(document.tokens) / 250) ** 0.5)
    points: dict[int, float] = defaultdict(float)
    seen: dict[int, set[str]] = defaultdict(set)
    suggestions: dict[int, Suggestion] = {}
    for match in vocabulary.themes.find(document):
        # Two keywords with one lemma ("scam compound", "scamming compound") are one finding.
        for topic, phrase in {
            topic.pk: (topic, phrase) for topic, phrase in match.payloads
        }.values():
            weight = 2.0 if match.last - match.first > 1 else 1.0
            if match.start < lede_end:
                weight *= 2
            points[topic.pk] += weight if phrase not in seen[topic.pk] else weight / 4
            seen[topic.pk].add(phrase)
            suggestion = suggestions.setdefault(
                topic.pk, Suggestion("theme", topic.name, topic.slug, 0.0, [])
            )
            suggestion.spans.append((match.start, match.end))
    for pk, suggestion in suggestions.items():
        suggestion.confidence = round(min(0.97, 1 - 0.5 ** (points[pk] / scale)), 2)
    return sorted(suggestions.values(), key=lambda s: (-s.confidence, s.name))
