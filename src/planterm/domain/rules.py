"""The date rules of a coordinator's plan, in one place.

Every rule takes `today`; nothing here reads the clock. Reporting quarters
are UK financial-year quarters: Q1 April-June, Q2 July-September,
Q3 October-December, Q4 January-March.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from planterm.domain.schemes import Category

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


_QUARTER_LABEL = re.compile(r"q([1-4]) ?(\d{4})[-/](\d{4}|\d{2})")
_MONTHS_LABEL = re.compile(r"([a-z]+)-([a-z]+) (\d{4})")


def _label_words(text: str) -> str:
    """A label compared case-blind, whatever its spaces and dashes."""
    spaced = " ".join(text.replace("–", "-").split())
    return re.sub(r" ?([-/]) ?", r"\1", spaced).casefold()


def same_period(label: str, other: str) -> bool:
    """Whether two period labels say the same, ignoring case, spaces and dash style."""
    return _label_words(label) == _label_words(other)


class Flag:
    OVERDUE = "overdue"
    SEQUENTIAL = "sequential"
    DUE_TO_START = "due-to-start"
    STALE = "stale"
    UNTRIAGED = "untriaged"

    ALL = (OVERDUE, SEQUENTIAL, DUE_TO_START, STALE, UNTRIAGED)


@dataclass(frozen=True)
class Quarter:
    """A UK financial-year quarter: `number` 1-4 of the year starting in April."""

    fy_start: int
    number: int

    @classmethod
    def containing(cls, day: date) -> "Quarter":
        fy_start = day.year if day.month >= 4 else day.year - 1
        number = ((day.month - 4) % 12) // 3 + 1
        return cls(fy_start, number)

    @classmethod
    def parse(cls, text: str) -> "Quarter | None":
        """The quarter `text` names in either form planterm writes, else None.

        Accepts "Q3 2019-20" (also "q3 2019/2020") and "October - December 2019",
        case-blind; a range of months that is not a financial quarter is None.
        """
        words = _label_words(text)
        if found := _QUARTER_LABEL.fullmatch(words):
            number, first, second = int(found[1]), int(found[2]), int(found[3])
            follows = second == (first + 1 if len(found[3]) == 4 else (first + 1) % 100)
            return cls(first, number) if follows else None
        if found := _MONTHS_LABEL.fullmatch(words):
            months = [m.casefold() for m in MONTHS]
            if found[2] not in months:
                return None
            quarter = cls.containing(date(int(found[3]), months.index(found[2]) + 1, 1))
            return quarter if _label_words(quarter.months_label) == words else None
        return None

    @property
    def start(self) -> date:
        month = 4 + (self.number - 1) * 3
        year = self.fy_start + (month - 1) // 12
        return date(year, (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> date:
        nxt = self.next().start
        return date.fromordinal(nxt.toordinal() - 1)

    def next(self) -> "Quarter":
        if self.number == 4:
            return Quarter(self.fy_start + 1, 1)
        return Quarter(self.fy_start, self.number + 1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def label(self) -> str:
        """As the delivery plan writes it: "Q3 2019-20"."""
        return f"Q{self.number} {self.fy_start}-{(self.fy_start + 1) % 100:02d}"

    @property
    def months_label(self) -> str:
        """As the 2020 action plan writes it: "January - March 2021"."""
        first, last = self.start, self.end
        return f"{MONTHS[first.month - 1]} - {MONTHS[last.month - 1]} {last.year}"


def is_overdue(*, due: date | None, category: Category | None, today: date) -> bool:
    """Due before today and not done (an untriaged action is not done)."""
    return due is not None and due < today and category != Category.DONE


def is_sequential(*, start_after: date | None, category: Category | None, today: date) -> bool:
    """Deferred by its status, or not to start before a date still to come."""
    return category == Category.DEFERRED or (start_after is not None and start_after > today)


def is_due_to_start(*, start_after: date | None, category: Category | None, today: date) -> bool:
    """Its start date has come but its status still says not started or deferred."""
    return (
        start_after is not None
        and start_after <= today
        and category in (Category.NOT_STARTED, Category.DEFERRED)
    )


def updated_in_quarter(update_dates: Iterable[date], today: date) -> bool:
    """Whether any of the dates falls in the reporting quarter of `today`."""
    quarter = Quarter.containing(today)
    return any(d in quarter for d in update_dates)


def is_stale(*, updated_this_quarter: bool, category: Category | None) -> bool:
    """No update dated in the current reporting quarter.

    A done action owes no more updates, so it is never stale.
    """
    return category != Category.DONE and not updated_this_quarter


def is_untriaged(*, category: Category | None) -> bool:
    return category is None


def flags_for(
    *,
    due: date | None,
    start_after: date | None,
    category: Category | None,
    updated_this_quarter: bool,
    today: date,
) -> tuple[str, ...]:
    """The flags that hold for one action, in `Flag.ALL` order."""
    found = []
    if is_overdue(due=due, category=category, today=today):
        found.append(Flag.OVERDUE)
    if is_sequential(start_after=start_after, category=category, today=today):
        found.append(Flag.SEQUENTIAL)
    if is_due_to_start(start_after=start_after, category=category, today=today):
        found.append(Flag.DUE_TO_START)
    if is_stale(updated_this_quarter=updated_this_quarter, category=category):
        found.append(Flag.STALE)
    if is_untriaged(category=category):
        found.append(Flag.UNTRIAGED)
    return tuple(found)


def share(count: int, total: int) -> str:
    """A count as the delivery plan writes it: "14/15 (93%)"."""
    percent = round(100 * count / total) if total else 0
    return f"{count}/{total} ({percent}%)"
