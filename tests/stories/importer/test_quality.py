"""Precision and recall of the suggestions the review screen ticks, against the hand-labelled
answers in labels.py: the seed digest and four more in other shapes."""

from __future__ import annotations

import pytest

from stories.importer.analysis import analyse
from tests.stories.importer.conftest import DIGESTS
from tests.stories.importer.labels import LABELS

pytestmark = pytest.mark.django_db
KINDS = ("organizations", "places", "themes")


def score(found: set, expected: set) -> tuple[int, int, int]:
    """True positives, false positives, false negatives."""
    return len(found & expected), len(found - expected), len(expected - found)


def measure(name: str, text: str) -> dict[str, tuple[int, int, int]]:
    analysis = analyse(text)
    labels = LABELS[name]
    assert len(analysis.stories) == len(labels), f"{name}: stories read"
    totals = {kind: (0, 0, 0) for kind in KINDS}
    for story, expected in zip(analysis.stories, labels, strict=True):
        for kind, wanted in zip(KINDS, expected, strict=True):
            found = {s.slug or s.name for s in getattr(story, kind) if s.accepted}
            totals[kind] = tuple(
                a + b for a, b in zip(totals[kind], score(found, wanted), strict=True)
            )
    return totals


def ratios(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return tp / ((tp + fp) or 1), tp / ((tp + fn) or 1)


def test_suggestions_are_precise_and_complete_on_the_labelled_digests(
    newsroom_organizations, field_vocabulary, seed_text, capsys
):
    texts = {"seed": seed_text} | {
        name: (DIGESTS / name).read_text(encoding="utf-8") for name in LABELS if name != "seed"
    }
    overall = {kind: (0, 0, 0) for kind in KINDS}
    rows = []
    for name, text in texts.items():
        totals = measure(name, text)
        for kind in KINDS:
            overall[kind] = tuple(a + b for a, b in zip(overall[kind], totals[kind], strict=True))
            rows.append((name, kind, *ratios(*totals[kind]), *totals[kind]))
    with capsys.disabled():
        print("\n\nSuggestion quality (accepted suggestions against labels.py)")
        print(f"{'digest':14} {'kind':14} {'precision':>9} {'recall':>7}   tp  fp  fn")
        for name, kind, precision, recall, tp, fp, fn in rows:
            print(f"{name:14} {kind:14} {precision:9.2f} {recall:7.2f}  {tp:3} {fp:3} {fn:3}")
        for kind in KINDS:
            precision, recall = ratios(*overall[kind])
            print(f"{'all':14} {kind:14} {precision:9.2f} {recall:7.2f}  "
                  f"{overall[kind][0]:3} {overall[kind][1]:3} {overall[kind][2]:3}")  # fmt: skip

    for kind in KINDS:
        precision, recall = ratios(*overall[kind])
        assert precision > 0.8, f"{kind}: precision {precision:.2f}"
        assert recall > 0.8, f"{kind}: recall {recall:.2f}"
    for name, kind, precision, recall, *_ in rows:
        assert precision > 0.8 or name != "seed", f"seed {kind}: precision {precision:.2f}"
        assert recall > 0.8 or name != "seed", f"seed {kind}: recall {recall:.2f}"
