from datetime import date

import pytest

from planterm.domain.written_dates import (
    due_in_text,
    names_no_day,
    parse_written_date,
    period_date,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("31.1.20", date(2020, 1, 31)),
        ("3/2/2020", date(2020, 2, 3)),
        ("2021-03-31", date(2021, 3, 31)),
        ("31st March, 2021", date(2021, 3, 31)),
        ("March 2021", date(2021, 3, 31)),
        ("Feb 2024", date(2024, 2, 29)),
        ("Mar-21", date(2021, 3, 31)),
        ("by March 2021", date(2021, 3, 31)),
        ("End of June 2021", date(2021, 6, 30)),
        ("Q4 2020-21", date(2021, 3, 31)),
        ("Q1 2021/22", date(2021, 6, 30)),
        ("Q4 2020-2021", date(2021, 3, 31)),
        ("January - March 2021", date(2021, 3, 31)),
        ("2022", date(2022, 12, 31)),
    ],
)
def test_a_cell_that_is_a_date_reads_as_its_day_or_the_last_day_of_its_period(
    cell: str, expected: date
) -> None:
    assert parse_written_date(cell) == expected


@pytest.mark.parametrize(
    "cell", ["Ongoing", "TBC", "31.2.21", "from April", "March 2021 onwards", "Q4 2020-23"]
)
def test_a_cell_that_is_not_only_a_date_reads_as_none(cell: str) -> None:
    assert parse_written_date(cell) is None


def test_a_due_date_is_found_after_by_in_prose() -> None:
    text = "develop a Strategy and Action plan for 2020-2025 by March 2021. This should include"
    assert due_in_text(text) == date(2021, 3, 31)
    assert due_in_text("to be reviewed by 31.1.22 at the latest") == date(2022, 1, 31)
    assert due_in_text("mandatory from September 2020") is None
    assert due_in_text("agreed by the board") is None


def test_an_update_label_gives_its_date_and_period() -> None:
    assert period_date("January - March 2021") == (date(2021, 3, 31), "January - March 2021")
    assert period_date("October 2019") == (date(2019, 10, 31), "October 2019")
    assert period_date("31.1.20") == (date(2020, 1, 31), None)
    assert period_date("from the lead") is None


@pytest.mark.parametrize(
    "cell", ["2021-02-30", "2021-13-01", "31/4/21", "30.02.2021", "Due 2021-02-30"]
)
def test_a_date_in_figures_that_no_calendar_holds_names_no_day(cell: str) -> None:
    assert parse_written_date(cell) is None
    assert names_no_day(cell)


@pytest.mark.parametrize(
    "cell", ["2021-02-28", "31/3/21", "Ongoing", "Q4 2025-26", "March 2026", "2021-02-30 or so", ""]
)
def test_a_real_date_or_a_timescale_in_words_is_not_flagged(cell: str) -> None:
    assert not names_no_day(cell)
