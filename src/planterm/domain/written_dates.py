"""Dates as plans write them: "by March 2021", "31.1.20", "January - March 2021".

Plans copied out of Word state their dates in prose, British day-first. A
month or a period stands for its last day, because that is when a thing
"by March 2021" falls due and when a "January - March 2021" update was
written. Nothing here reads the clock.
"""

import calendar
import re
from datetime import date

from planterm.domain.rules import MONTHS, Quarter

_MONTH_NUMBER = {name[:3].casefold(): i for i, name in enumerate(MONTHS, start=1)}

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?"
)
_YEAR = r"(?:\d{4}|\d{2})"

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})")
_DAY_MONTH_YEAR = re.compile(
    rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\s*,?\s*(\d{{4}})", re.IGNORECASE
)
_MONTH_RANGE = re.compile(
    rf"({_MONTH})(?:\s+{_YEAR})?\s*(?:-|–|—|to)\s*({_MONTH})[\s-]*('?{_YEAR})", re.IGNORECASE
)
_MONTH_YEAR = re.compile(rf"({_MONTH})[\s-]*('?{_YEAR})\b", re.IGNORECASE)
_QUARTER = re.compile(r"Q[1-4]\s*\d{4}\s*[-/]\s*(?:\d{4}|\d{2})\b", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"(?:19|20)\d{2}")

_BY = re.compile(
    r"\b(?:by|before|no later than|by the end of|by end of|deadline(?: of)?:?)\s+(?:the\s+)?"
    r"(?:end\s+of\s+)?",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"^(?:due|target|by|before|no later than|deadline|end of|the end of|by the end of)"
    r"\s*:?\s*(?:the\s+)?(?:end\s+of\s+)?",
    re.IGNORECASE,
)


def _year(text: str) -> int:
    digits = text.lstrip("'")
    number = int(digits)
    return 2000 + number if len(digits) == 2 else number


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month(word: str) -> int:
    return _MONTH_NUMBER[word.casefold()[:3]]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date_at_start(text: str) -> tuple[date, int] | None:
    """A date written at the start of `text`, and how many characters it took."""
    found = _ISO.match(text)
    if found:
        day = _safe_date(int(found[1]), int(found[2]), int(found[3]))
        return (day, found.end()) if day else None
    found = _NUMERIC.match(text)
    if found:
        day = _safe_date(_year(found[3]), int(found[2]), int(found[1]))
        return (day, found.end()) if day else None
    found = _DAY_MONTH_YEAR.match(text)
    if found:
        day = _safe_date(int(found[3]), _month(found[2]), int(found[1]))
        return (day, found.end()) if day else None
    found = _MONTH_RANGE.match(text)
    if found:
        return _month_end(_year(found[3]), _month(found[2])), found.end()
    found = _QUARTER.match(text)
    if found:
        quarter = Quarter.parse(found.group())
        return (quarter.end, found.end()) if quarter else None
    found = _MONTH_YEAR.match(text)
    if found:
        return _month_end(_year(found[2]), _month(found[1])), found.end()
    return None


def parse_written_date(text: str) -> date | None:
    """The date a whole cell states ("31.1.20", "March 2021", "by end of Q4 2020-21").

    A bare year means its last day. None when the cell is not just a date.
    """
    cleaned = _LEAD_IN.sub("", text.strip()).strip().rstrip(".")
    if not cleaned:
        return None
    if _YEAR_ONLY.fullmatch(cleaned):
        return date(int(cleaned), 12, 31)
    found = _date_at_start(cleaned)
    if found is None or cleaned[found[1] :].strip():
        return None
    return found[0]


def names_no_day(text: str) -> bool:
    """A whole cell written as a date in figures that no calendar holds ("2021-02-30",
    "31/4/21"): a mistake to correct, not a timescale such as "ongoing" to keep as text."""
    cleaned = _LEAD_IN.sub("", text.strip()).strip().rstrip(".")
    for pattern in (_ISO, _NUMERIC):
        if pattern.fullmatch(cleaned):
            return parse_written_date(cleaned) is None
    return False


def due_in_text(text: str) -> date | None:
    """The date of the first "by <date>" in prose ("... action plan by March 2021.")."""
    for lead_in in _BY.finditer(text):
        found = _date_at_start(text[lead_in.end() :])
        if found is not None:
            return found[0]
    return None


def period_date(label: str) -> tuple[date, str | None] | None:
    """The date an update labelled `label` speaks for, and its period label.

    "January - March 2021" is dated 2021-03-31 with that label as its period;
    "31.1.20" is that day, with no period (a day is not a period).
    """
    cleaned = label.strip().strip(":").strip()
    found = _date_at_start(cleaned)
    if found is None or cleaned[found[1] :].strip():
        return None
    day, _ = found
    exact = _ISO.fullmatch(cleaned) or _NUMERIC.fullmatch(cleaned)
    exact = exact or _DAY_MONTH_YEAR.fullmatch(cleaned)
    return day, None if exact else cleaned
