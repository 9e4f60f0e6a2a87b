from datetime import date

import pytest

from planterm.domain import rules
from planterm.domain.rules import Flag, Quarter
from planterm.domain.schemes import Category

TODAY = date(2021, 4, 15)


@pytest.mark.parametrize(
    ("day", "label", "months", "start", "end"),
    [
        ("2021-04-01", "Q1 2021-22", "April - June 2021", "2021-04-01", "2021-06-30"),
        ("2019-12-31", "Q3 2019-20", "October - December 2019", "2019-10-01", "2019-12-31"),
        ("2021-03-31", "Q4 2020-21", "January - March 2021", "2021-01-01", "2021-03-31"),
        ("2020-02-29", "Q4 2019-20", "January - March 2020", "2020-01-01", "2020-03-31"),
        ("2099-09-30", "Q2 2099-00", "July - September 2099", "2099-07-01", "2099-09-30"),
    ],
)
def test_financial_quarters(day: str, label: str, months: str, start: str, end: str) -> None:
    quarter = Quarter.containing(date.fromisoformat(day))
    assert quarter.label == label
    assert quarter.months_label == months
    assert (quarter.start.isoformat(), quarter.end.isoformat()) == (start, end)
    assert date.fromisoformat(day) in quarter
    assert quarter.next().start.toordinal() == quarter.end.toordinal() + 1


def test_overdue_needs_a_past_due_date_and_not_done() -> None:
    past = date(2021, 3, 31)
    assert rules.is_overdue(due=past, category=None, today=TODAY)
    assert rules.is_overdue(due=past, category=Category.ACTIVE, today=TODAY)
    assert rules.is_overdue(due=past, category=Category.AT_RISK, today=TODAY)
    assert not rules.is_overdue(due=past, category=Category.DONE, today=TODAY)
    assert not rules.is_overdue(due=TODAY, category=None, today=TODAY)
    assert not rules.is_overdue(due=None, category=None, today=TODAY)


def test_sequential_by_status_or_by_a_start_date_to_come() -> None:
    assert rules.is_sequential(start_after=None, category=Category.DEFERRED, today=TODAY)
    assert rules.is_sequential(start_after=date(2021, 6, 1), category=None, today=TODAY)
    assert not rules.is_sequential(start_after=TODAY, category=None, today=TODAY)
    assert not rules.is_sequential(start_after=None, category=Category.ACTIVE, today=TODAY)


def test_due_to_start_when_the_start_date_has_come_but_not_started() -> None:
    came = date(2021, 4, 1)
    assert rules.is_due_to_start(start_after=came, category=Category.NOT_STARTED, today=TODAY)
    assert rules.is_due_to_start(start_after=came, category=Category.DEFERRED, today=TODAY)
    assert not rules.is_due_to_start(start_after=came, category=Category.ACTIVE, today=TODAY)
    assert not rules.is_due_to_start(
        start_after=date(2021, 5, 1), category=Category.DEFERRED, today=TODAY
    )
    assert not rules.is_due_to_start(start_after=None, category=Category.DEFERRED, today=TODAY)


def test_stale_means_no_update_this_quarter_unless_done() -> None:
    last_quarter = [date(2021, 3, 31)]
    this_quarter = [date(2021, 3, 31), date(2021, 4, 2)]
    assert not rules.updated_in_quarter(last_quarter, TODAY)
    assert rules.updated_in_quarter(this_quarter, TODAY)
    assert rules.is_stale(updated_this_quarter=False, category=None)
    assert rules.is_stale(updated_this_quarter=False, category=Category.ACTIVE)
    assert not rules.is_stale(updated_this_quarter=True, category=Category.ACTIVE)
    assert not rules.is_stale(updated_this_quarter=False, category=Category.DONE)


def test_flags_come_in_a_fixed_order() -> None:
    flags = rules.flags_for(
        due=date(2021, 1, 1),
        start_after=date(2021, 4, 1),
        category=None,
        updated_this_quarter=False,
        today=TODAY,
    )
    assert flags == (Flag.OVERDUE, Flag.STALE, Flag.UNTRIAGED)
    flags = rules.flags_for(
        due=None,
        start_after=date(2021, 4, 1),
        category=Category.NOT_STARTED,
        updated_this_quarter=True,
        today=TODAY,
    )
    assert flags == (Flag.DUE_TO_START,)


def test_the_rules_follow_today_not_the_clock() -> None:
    due = date(2021, 3, 31)
    assert not rules.is_overdue(due=due, category=None, today=date(2021, 3, 31))
    assert rules.is_overdue(due=due, category=None, today=date(2021, 4, 1))


@pytest.mark.parametrize(
    ("count", "total", "text"),
    [(14, 15, "14/15 (93%)"), (15, 15, "15/15 (100%)"), (0, 15, "0/15 (0%)"), (0, 0, "0/0 (0%)")],
)
def test_share_is_written_as_the_delivery_plan_writes_it(count: int, total: int, text: str) -> None:
    assert rules.share(count, total) == text
