"""Deadlines of calls for input: "The deadline for inputs is 30 June 2025", "must be submitted
by 31 October 2025", "applications close on 1 March 2026"."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from stories.models.workflow import EARLIEST_YEAR, LATEST_YEAR

MONTHS = {name: number for number, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1)
    for name in names}  # fmt: skip

_MONTHS = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = (
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTHS})\.?,?\s+"
    rf"(?P<year>\d{{4}})"
    rf"|(?P<month2>{_MONTHS})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))"
)
# What announces a deadline, within the same sentence as the date.
_CUE = (
    r"(?:deadline|closing date|due date|submitted|submissions?|received|sent|apply|applications?"
    r"|register|registration|contributions?|inputs?|responses?|comments?|nominations?"
    r"|proposals?|abstracts?|entries|closes?|open|accepted|respond)"
)
_DEADLINE = re.compile(
    rf"\b{_CUE}\b[^.;!?\n]{{0,80}}?\b(?:is|are|by|until|before|on|of|:|no later than|"
    rf"not later than|through)\s+(?:\w+day,?\s+)?{_DATE}",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Deadline:
    date: datetime.date
    start: int  # the announcing words and the date, as character offsets
    end: int


def find_deadline(text: str) -> Deadline | None:
    """The last announced deadline in the text (a call's closing date comes after its opening)."""
    found = None
    for match in _DEADLINE.finditer(text):
        date = _date(match)
        if date is not None:
            found = Deadline(date, match.start(), match.end())
    return found


def _date(match: re.Match) -> datetime.date | None:
    parts = match.groupdict()
    try:
        if parts["iso"]:
            date = datetime.date.fromisoformat(parts["iso"])
        else:
            if parts["day"]:
                day, month, year = parts["day"], parts["month"], parts["year"]
            else:
                day, month, year = parts["day2"], parts["month2"], parts["year2"]
            date = datetime.date(int(year), MONTHS[month.lower().rstrip(".")], int(day))
    except (ValueError, KeyError):
        return None  # "31 June": not a date, so not a deadline
    # A year no story may carry is a typo or history, not a closing date.
    return date if EARLIEST_YEAR <= date.year <= LATEST_YEAR else None
