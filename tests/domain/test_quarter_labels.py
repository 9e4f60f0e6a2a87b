from datetime import date

import pytest

from planterm.domain.rules import Quarter, same_period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q3 2019-20", Quarter(2019, 3)),
        ("q3 2019/2020", Quarter(2019, 3)),
        ("Q4 2099-00", Quarter(2099, 4)),
        ("October - December 2019", Quarter(2019, 3)),
        (" january – march 2021 ", Quarter(2020, 4)),
        ("April-June 2021", Quarter(2021, 1)),
    ],
)
def test_a_quarter_is_read_in_either_form_planterm_writes(text: str, expected: Quarter) -> None:
    assert Quarter.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Q3 2019-21", "Q5 2019-20", "February - April 2021", "Octember - December 2019",
     "January 2020", "Update 31.1.20", ""],
)  # fmt: skip
def test_anything_else_is_not_a_quarter(text: str) -> None:
    assert Quarter.parse(text) is None


def test_every_quarter_label_reads_back_as_its_quarter() -> None:
    quarter = Quarter.containing(date(2019, 4, 1))
    for _ in range(12):
        assert Quarter.parse(quarter.label) == quarter
        assert Quarter.parse(quarter.months_label) == quarter
        quarter = quarter.next()


def test_period_labels_compare_without_case_or_spacing() -> None:
    assert same_period("January - March 2021", "january-march  2021")
    assert same_period("October 2019", "OCTOBER 2019")
    assert not same_period("October 2019", "January 2020")
