from datetime import date
from pathlib import Path

import pytest

from planterm.domain.report import Report
from planterm.errors import InputError, NotFoundError
from planterm.services.changes import set_status
from planterm.services.meeting import meeting_report
from planterm.services.report import build_report, report_format
from planterm.services.summary import plan_summaries
from planterm.storage.store import Store
from tests.conftest import NOW, TODAY

RAG_PLAN = "pcd-2019-20-t2"
PCC_PLAN = "pcc-da-2020"


def refs(report: Report) -> list[str]:
    return [row.action.ref for row in report.rows()]


def shown(report: Report, ref: str) -> list[tuple[str, str | None, str | None]]:
    row = next(r for r in report.rows() if r.action.ref == ref)
    return [(u.date.isoformat(), u.period, u.author) for u in row.updates]


def test_a_whole_plan_counts_as_the_summary_command_does(bundled: Store) -> None:
    set_status(bundled, plan_key=RAG_PLAN, ref="3", status="amber", author="kd", now=NOW)
    report = build_report(bundled, RAG_PLAN, today=TODAY)
    assert report.summary == plan_summaries(bundled, RAG_PLAN)[0]
    assert report.today == TODAY and report.agency is None and report.exceptions is None
    assert refs(report) == [str(n) for n in range(1, 16)]


def test_every_theme_is_listed_in_order_even_when_empty(bundled: Store) -> None:
    report = build_report(bundled, "dsv-strategy-2015", today=TODAY)
    assert [(s.name, len(s.rows)) for s in report.sections] == [
        ("Key objectives", 6),
        ("Building on the previous strategy", 12),
        ("Prevention", 0),
        ("Provision", 0),
        ("Protection", 0),
    ]
    assert report.summary == plan_summaries(bundled, "dsv-strategy-2015")[0]


def test_without_a_period_each_action_shows_its_latest_update(bundled: Store) -> None:
    report = build_report(bundled, RAG_PLAN, today=TODAY)
    assert shown(report, "1") == [("2020-01-31", "January 2020", None)]
    assert shown(report, "5") == [("2020-01-31", None, "Force")]  # the newest of three
    assert report.period is None


def test_a_period_label_picks_the_updates_labelled_so(bundled: Store) -> None:
    report = build_report(bundled, RAG_PLAN, today=TODAY, period="january 2020")
    assert shown(report, "1") == [("2020-01-31", "January 2020", None)]
    assert shown(report, "4") == []  # dated in January 2020 but not labelled so
    assert shown(report, "5") == [("2020-01-31", "January 2020", "NW")]


def test_a_quarter_picks_the_updates_dated_inside_it(bundled: Store) -> None:
    report = build_report(bundled, RAG_PLAN, today=TODAY, period="Q4 2019-20")
    assert shown(report, "1") == [("2020-01-31", "January 2020", None)]
    assert shown(report, "5") == [
        ("2020-01-31", None, "Force"),
        ("2020-01-31", "January 2020", "NW"),
    ]
    assert shown(report, "15") == [("2020-03-03", None, None)]
    october = build_report(bundled, RAG_PLAN, today=TODAY, period="October - December 2019")
    assert shown(october, "5") == [("2019-10-31", "October 2019", "CG")]


def test_a_quarter_nobody_reported_on_is_an_empty_return_pack(bundled: Store) -> None:
    report = build_report(bundled, PCC_PLAN, today=TODAY, period="Q1 2021-22")
    assert all(row.updates == () for row in report.rows())
    assert len(refs(report)) == 23


def test_a_period_no_update_has_is_refused_with_a_suggestion(bundled: Store) -> None:
    with pytest.raises(NotFoundError, match="did you mean 'January 2020'") as caught:
        build_report(bundled, RAG_PLAN, today=TODAY, period="Janury 2020")
    assert "Q1 2021-22" in str(caught.value)


def test_an_agency_return_pack_holds_the_actions_it_leads(bundled: Store) -> None:
    report = build_report(bundled, PCC_PLAN, today=TODAY, agency="vru")
    assert report.agency == "Violence Reduction Unit"
    assert all("Violence Reduction Unit" in row.action.leads for row in report.rows())
    assert refs(report) == ["1", "3", "5", "15"]
    assert [s.name for s in report.sections] == [
        "Policy context", "Nature and prevalence of domestic abuse", "Prevention",
        "Rehabilitation and behaviour change",
    ]  # fmt: skip
    assert report.summary.total == 4
    assert [t.total for t in report.summary.themes] == [1, 1, 1, 1]
    assert report.summary.counts[-1].count == 4  # all untriaged


def test_an_agency_named_as_owner_gets_its_actions_too(bundled: Store) -> None:
    report = build_report(bundled, RAG_PLAN, today=TODAY, agency="Force")
    assert report.agency == "Nottinghamshire Police"
    assert refs(report) == ["4", "5", "7"]


def test_an_unknown_agency_is_refused_with_a_suggestion(bundled: Store) -> None:
    with pytest.raises(NotFoundError, match="did you mean"):
        build_report(bundled, PCC_PLAN, today=TODAY, agency="Violence Reduction Unti")


def test_an_unknown_plan_is_refused_with_a_suggestion(bundled: Store) -> None:
    with pytest.raises(NotFoundError, match="did you mean 'pcc-da-2020'"):
        build_report(bundled, "pcc-da-202", today=TODAY)


def test_exceptions_are_the_meeting_views(bundled: Store) -> None:
    set_status(bundled, plan_key=PCC_PLAN, ref="2", status="complete", author="kd", now=NOW)
    report = build_report(bundled, PCC_PLAN, today=TODAY, exceptions_first=True)
    meeting = meeting_report(bundled, PCC_PLAN, today=TODAY)
    assert report.exceptions is not None
    assert [(g.kind, [r.ref for r in g.rows]) for g in report.exceptions] == [
        (kind, [r.ref for r in rows]) for kind, _, rows in meeting.exceptions
    ]
    headings = [g.heading for g in report.exceptions]
    assert headings[3] == "No update this quarter, Q1 2021-22"


def test_an_agency_pack_has_only_its_own_exceptions(bundled: Store) -> None:
    report = build_report(bundled, PCC_PLAN, today=TODAY, agency="VRU", exceptions_first=True)
    assert report.exceptions is not None
    overdue = report.exceptions[0]
    assert overdue.kind == "overdue" and [r.ref for r in overdue.rows] == ["1"]
    assert [r.ref for r in report.exceptions[-1].rows] == ["1", "3", "5", "15"]
    fresh = build_report(bundled, PCC_PLAN, today=date(2021, 3, 31), agency="VRU",
                         exceptions_first=True)  # fmt: skip
    assert fresh.exceptions is not None and fresh.exceptions[0].rows == ()


@pytest.mark.parametrize(
    ("fmt", "output", "expected"),
    [
        (None, None, "md"),
        ("HTML", None, "html"),
        (None, "board.html", "html"),
        (None, "board.XLSX", "xlsx"),
        (None, "board.csv", "csv"),
        (None, "board.txt", "md"),
        ("csv", "board.html", "csv"),
        (None, "board", "md"),
        ("md", "board.pdf", "md"),
    ],
)
def test_the_format_comes_from_the_option_or_the_file_name(
    fmt: str | None, output: str | None, expected: str
) -> None:
    assert report_format(fmt, Path(output) if output else None) == expected


def test_a_file_name_naming_no_format_is_refused_without_format() -> None:
    with pytest.raises(InputError, match=r"a report cannot be written as \.pdf") as raised:
        report_format(None, Path("board.pdf"))
    assert raised.value.where == "board.pdf"


def test_a_workbook_is_never_printed_to_the_terminal() -> None:
    with pytest.raises(InputError, match=r"add -o FILE\.xlsx"):
        report_format("xlsx", None)
