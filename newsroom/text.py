"""Control characters out of stored text: one helper for every text field and every importer.

Text pasted from a word processor carries manual line breaks (a vertical tab), page breaks
(a form feed) and now and then other control characters. None means anything to a reader, and
XML cannot carry them at all: one of them in a title made every RSS and Atom feed fail. Each
text field of the project's models is cleaned before it is saved (a `pre_save` receiver, like
the cache's: the writes come from forms, services, the importer, reverts and taggit alike), and
the feeds clean what was stored before this rule existed.
"""

from __future__ import annotations

import re

from django.db import models

# Word's manual line break, form feeds, and the Unicode line and paragraph separators: new lines.
LINE_BREAKS = str.maketrans(
    {"\r": "\n", "\x0b": "\n", "\x0c": "\n\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"}
)
# What is left of C0 and C1 once line breaks are translated, lone surrogates and the two
# non-characters XML forbids; tab and newline are kept where text has lines.
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
LINE_SPACE = re.compile(r"[ \t]*[\n\t][ \t\n]*")

# Apps whose models' text is cleaned on save (a newsletters app included once it exists).
CLEANED_APPS = {"stories", "organizations", "newsletters", "taggit"}


def clean_control_characters(text: str, *, multiline: bool = True) -> str:
    """Text without control characters: line breaks made newlines, or spaces on one line."""
    if text.isprintable():  # most text: nothing to do
        return text
    text = CONTROL.sub("", text.replace("\r\n", "\n").translate(LINE_BREAKS))
    if not multiline:
        text = LINE_SPACE.sub(" ", text)
    return text


def clean_text_fields(sender, instance, **kwargs) -> None:
    """pre_save: clean every CharField (one line) and TextField (lines) of the project's models."""
    if sender._meta.app_label not in CLEANED_APPS:
        return
    for field in sender._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)):
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            multiline = isinstance(field, models.TextField)
            setattr(instance, field.attname, clean_control_characters(value, multiline=multiline))


def clean_feed_value(value):
    """A value for a feed with any control character stored before they were cleaned on save."""
    if isinstance(value, str):
        return clean_control_characters(value)
    if isinstance(value, (list, tuple)):
        return type(value)(clean_feed_value(item) for item in value)
    return value
