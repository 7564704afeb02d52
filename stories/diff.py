"""What changed between two versions of a story or round-up, in full and in editors' words.

The history screens show these; anything else that compares two states of an item (a pending
revision against the live item, say) uses the same three functions:

``word_diff(old, new) -> SafeString``
    The new text with the words taken out in ``<del>`` and the words put in in ``<ins>``, in
    reading order. Both texts are HTML-escaped; line breaks become ``<br>``; nothing is cut.
    ``word_marks(old, new) -> (old_html, new_html)`` gives the same diff side by side: the old
    text with its deletions marked, the new one with its insertions marked.

``compare_fields(model, before, after, fields=None) -> list[FieldChange]``
    ``before`` and ``after`` map field names to values: a saved version's ``field_dict``
    (foreign keys under their ``attname``, many-to-many fields as lists of ids), or
    ``field_values(obj)`` for an item as it is now. Only the fields that differ come back, in
    the model's order, each with its label, both values as an editor reads them (choices by
    their label, times in the site's zone, foreign keys by name) and the word diff. Themes,
    places, organizations and tags are compared as sets of names, so order does not count.
    Fields missing from either side, and fields editors never see (the version counter, the
    search index, rendered HTML), are left out. ``fields`` limits the comparison to these
    model fields.

``compare_items(before_items, after_items) -> list[ItemChange]``
    A round-up's items, each a dict ``{"story": id, "position": n, "blurb": text}`` as
    ``RoundUp.item_values()`` and ``RoundUp.items_saved_in(revision)`` return them, matched by
    story: added, removed, moved from one position to another, blurb changed (with a word
    diff of the blurb). Unchanged items are left out; the order is the new order, then the
    removed items. ``ItemChange.summary`` says what happened in one sentence.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Fields no editor reads: bookkeeping the workflow or the database derives.
HIDDEN_FIELDS = {"lock_version", "body_html", "search_vector", "created_at", "updated_at"}

# Words and the spaces between them, so the diff keeps the text's spacing and line breaks.
TOKEN = re.compile(r"\S+|\s+")


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def _html(tokens: list[str]) -> str:
    return escape("".join(tokens)).replace("\n", "<br>\n")


def _mark(tag: str, tokens: list[str]) -> str:
    if not tokens:
        return ""
    text = "".join(tokens)
    # Keep spaces at either end outside the mark, so a mark does not underline a gap.
    words = text.strip()
    if not words:
        return _html([text])
    start = text.index(words)
    leading, trailing = text[:start], text[start + len(words) :]
    return f"{_html([leading])}<{tag}>{_html([words])}</{tag}>{_html([trailing])}"


def _opcodes(old: str, new: str):
    a, b = _tokens(old or ""), _tokens(new or "")
    # Spaces only extend a match of words, never start one: fewer, longer marks.
    matcher = difflib.SequenceMatcher(str.isspace, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        yield op, a[i1:i2], b[j1:j2]


def word_diff(old: str, new: str) -> SafeString:
    """The new text with removed words in <del> and added words in <ins>, escaped, uncut."""
    parts = []
    for op, removed, added in _opcodes(old, new):
        if op == "equal":
            parts.append(_html(added))
        else:
            parts.append(_mark("del", removed))
            parts.append(_mark("ins", added))
    return mark_safe("".join(parts))


def word_marks(old: str, new: str) -> tuple[SafeString, SafeString]:
    """The old text with removed words in <del>, and the new one with added words in <ins>."""
    before, after = [], []
    for op, removed, added in _opcodes(old, new):
        if op == "equal":
            before.append(_html(removed))
            after.append(_html(added))
        else:
            before.append(_mark("del", removed))
            after.append(_mark("ins", added))
    return mark_safe("".join(before)), mark_safe("".join(after))


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str
    diff: SafeString
    old_html: SafeString
    new_html: SafeString


@dataclass(frozen=True)
class ItemChange:
    story_id: int
    story: str
    old_position: int | None = None
    new_position: int | None = None
    old_blurb: str = ""
    new_blurb: str = ""
    blurb_diff: SafeString = field(default_factory=lambda: mark_safe(""))

    @property
    def added(self) -> bool:
        return self.old_position is None

    @property
    def removed(self) -> bool:
        return self.new_position is None

    @property
    def moved(self) -> bool:
        return not (self.added or self.removed) and self.old_position != self.new_position

    @property
    def blurb_changed(self) -> bool:
        return not (self.added or self.removed) and self.old_blurb != self.new_blurb

    @property
    def summary(self) -> str:
        if self.added:
            return f"Added at position {self.new_position}."
        if self.removed:
            return f"Removed (was at position {self.old_position})."
        parts = []
        if self.moved:
            parts.append(f"Moved from position {self.old_position} to {self.new_position}")
        if self.blurb_changed:
            parts.append("blurb changed" if parts else "Blurb changed")
        return "; ".join(parts) + "."


def label_of(model_field) -> str:
    label = str(model_field.verbose_name)
    return label[:1].upper() + label[1:]


def editable_fields(model) -> list:
    """The model's fields an editor sets, in the model's order (tags included)."""
    fields = []
    for model_field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if model_field.primary_key or model_field.name in HIDDEN_FIELDS:
            continue
        if not model_field.editable and model_field.name != "status":
            continue
        fields.append(model_field)
    return fields


def field_values(obj) -> dict[str, Any]:
    """An item's values as compare_fields reads them (as a saved version stores them)."""
    values: dict[str, Any] = {}
    for model_field in editable_fields(type(obj)):
        if isinstance(model_field, models.ManyToManyField):
            values[model_field.name] = [item.pk for item in getattr(obj, model_field.name).all()]
        elif model_field.many_to_many:  # tags
            values[model_field.name] = [str(tag) for tag in getattr(obj, model_field.name).all()]
        else:
            values[model_field.attname] = model_field.value_from_object(obj)
    return values


def _lookup(values: dict, model_field) -> tuple[bool, Any]:
    for key in (model_field.attname, model_field.name):
        if key in values:
            return True, values[key]
    return False, None


def _names(model_field, value) -> list[str]:
    """A relation's value as the sorted names of what it points at."""
    if hasattr(value, "all"):  # a related manager, as taggit leaves in a version's fields
        value = value.all()
    items = list(value or [])
    ids = [getattr(item, "pk", item) for item in items if not isinstance(item, str)]
    names = [str(item) for item in items if isinstance(item, str)]
    if ids and model_field.related_model is not None:
        related = model_field.related_model._base_manager.filter(pk__in=ids)
        found = {obj.pk: str(obj) for obj in related}
        names += [found.get(pk, f"(deleted, id {pk})") for pk in ids]
    return sorted(set(names), key=str.casefold)


def shown(model_field, value) -> str:
    """A value as an editor reads it: labels for choices, names for relations, local times."""
    if model_field.many_to_many:
        return ", ".join(_names(model_field, value)) or "(none)"
    if isinstance(model_field, models.ForeignKey):
        pk = getattr(value, "pk", value)
        if pk is None:
            return "(none)"
        related = model_field.related_model._base_manager.filter(pk=pk).first()
        return str(related) if related is not None else f"(deleted, id {pk})"
    if isinstance(model_field, models.FileField):
        value = getattr(value, "name", value)
    if value in (None, ""):
        return "(empty)"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%-d %b %Y %H:%M:%S %Z}"
    if isinstance(value, datetime.date):
        return f"{value:%-d %b %Y}"
    return str(value)


def _comparable(model_field, value):
    if model_field.many_to_many:
        return _names(model_field, value)
    if isinstance(model_field, models.ForeignKey):
        return getattr(value, "pk", value)
    if isinstance(model_field, models.FileField):
        return str(getattr(value, "name", value) or "")
    if isinstance(model_field, models.DateTimeField) and isinstance(value, str):
        # Versions stored before a field was a time, or dicts built from JSON.
        parsed = datetime.datetime.fromisoformat(value)
        return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed
    if value is None and isinstance(model_field, (models.CharField, models.TextField)):
        return ""
    return value


def compare_fields(model, before: dict, after: dict, fields=None) -> list[FieldChange]:
    """The fields whose values differ between two states of an item (see the module doc)."""
    wanted = None if fields is None else {getattr(f, "name", f) for f in fields}
    changes = []
    for model_field in editable_fields(model):
        if wanted is not None and model_field.name not in wanted:
            continue
        has_old, old = _lookup(before, model_field)
        has_new, new = _lookup(after, model_field)
        if not (has_old and has_new):
            continue
        if _comparable(model_field, old) == _comparable(model_field, new):
            continue
        old_text, new_text = shown(model_field, old), shown(model_field, new)
        if isinstance(model_field, (models.CharField, models.TextField)) and not (
            model_field.choices
        ):
            diff = word_diff(old or "", new or "")
            old_html, new_html = word_marks(old or "", new or "")
        else:
            diff = mark_safe(f"<del>{escape(old_text)}</del> <ins>{escape(new_text)}</ins>")
            old_html = mark_safe(f"<del>{escape(old_text)}</del>")
            new_html = mark_safe(f"<ins>{escape(new_text)}</ins>")
        changes.append(
            FieldChange(
                name=model_field.name,
                label=label_of(model_field),
                old=old_text,
                new=new_text,
                diff=diff,
                old_html=old_html,
                new_html=new_html,
            )
        )
    return changes


def compare_items(before_items, after_items) -> list[ItemChange]:
    """A round-up's items compared by story: added, removed, moved, blurb changed."""
    from stories.models import Story

    def by_story(items) -> dict[int, dict]:
        return {getattr(i["story"], "pk", i["story"]): i for i in items}

    old, new = by_story(before_items), by_story(after_items)
    titles = {
        story.pk: str(story)
        for story in Story._base_manager.filter(pk__in={*old, *new}).only("pk", "title")
    }
    ordered = sorted(new, key=lambda pk: (new[pk]["position"], pk))
    ordered += sorted((pk for pk in old if pk not in new), key=lambda pk: old[pk]["position"])
    changes = []
    for pk in ordered:
        was, now = old.get(pk), new.get(pk)
        old_blurb = (was or {}).get("blurb") or ""
        new_blurb = (now or {}).get("blurb") or ""
        change = ItemChange(
            story_id=pk,
            story=titles.get(pk, f"(deleted story, id {pk})"),
            old_position=was["position"] if was else None,
            new_position=now["position"] if now else None,
            old_blurb=old_blurb,
            new_blurb=new_blurb,
            blurb_diff=word_diff(old_blurb, new_blurb),
        )
        if change.added or change.removed or change.moved or change.blurb_changed:
            changes.append(change)
    return changes
