from dataclasses import replace
from datetime import date

import pytest

from planterm.errors import NotFoundError
from planterm.services.changes import add_update, set_status
from planterm.services.detail import show_action
from planterm.services.editing import action_fields, edit_action
from planterm.services.meeting import MeetingReport, meeting_report
from planterm.services.summary import plan_summaries
from planterm.storage.store import Store
from tests.conftest import NOW, TODAY

RAG_PLAN = "pcd-2019-20-t2"
PCC_PLAN = "pcc-da-2020"
HEADINGS = [
    ("overdue", "Overdue"),
    ("due-to-start", "Due to start"),
    ("at-risk", "At risk"),
    ("stale", "No update this quarter"),
    ("untriaged", "Untriaged"),
]


def groups(report: MeetingReport) -> list[tuple[str, str, list[str]]]:
    return [(kind, heading, [r.ref for r in rows]) for kind, heading, rows in report.exceptions]


def set_dates(
    store: Store, plan: str, ref: str, *, due: date | None = None, start: date | None = None
) -> None:
    ident = show_action(store, plan, ref, today=TODAY).row.id
    values, version = action_fields(store, ident)
    edit_action(store, action_id=ident, values=replace(values, due=due, start_after=start),
                expected_version=version, now=NOW)  # fmt: skip


def status(store: Store, plan: str, ref: str, word: str) -> None:
    set_status(store, plan_key=plan, ref=ref, status=word, author="kd", now=NOW)


def test_a_plan_on_track_has_no_exceptions(bundled: Store) -> None:
    report = meeting_report(bundled, RAG_PLAN, today=TODAY)
    assert groups(report) == [(kind, heading, []) for kind, heading in HEADINGS]
    assert report.summary == plan_summaries(bundled, RAG_PLAN)[0]
    assert report.summary.total == 15


def test_exceptions_come_in_meeting_order_with_their_rows(bundled: Store) -> None:
    status(bundled, RAG_PLAN, "2", "amber")
    status(bundled, RAG_PLAN, "4", "R")
    set_dates(bundled, RAG_PLAN, "4", due=date(2021, 3, 1))
    status(bundled, RAG_PLAN, "5", "untriaged")
    status(bundled, RAG_PLAN, "6", "white")
    set_dates(bundled, RAG_PLAN, "6", start=date(2021, 4, 1))
    status(bundled, RAG_PLAN, "7", "amber")
    add_update(bundled, plan_key=RAG_PLAN, ref="7", body="Slipping.", day=TODAY, author="kd",
               now=NOW)  # fmt: skip
    set_dates(bundled, RAG_PLAN, "8", due=date(2021, 1, 31))  # green is done: never overdue
    status(bundled, RAG_PLAN, "9", "white")
    set_dates(bundled, RAG_PLAN, "9", start=date(2021, 7, 1))  # not yet due to start

    report = meeting_report(bundled, RAG_PLAN, today=TODAY)
    assert groups(report) == [
        ("overdue", "Overdue", ["4"]),
        ("due-to-start", "Due to start", ["6"]),
        ("at-risk", "At risk", ["2", "4", "7"]),
        ("stale", "No update this quarter", ["2", "4", "5", "6", "9"]),
        ("untriaged", "Untriaged", ["5"]),
    ]
    rows = {r.ref: r for _, _, found in report.exceptions for r in found}
    assert rows["4"].status is not None and rows["4"].status.key == "red"
    assert rows["4"].due == date(2021, 3, 1)
    assert rows["7"].last_update == TODAY
    summary = report.summary
    assert summary == plan_summaries(bundled, RAG_PLAN)[0]
    assert [(c.status.key if c.status else None, c.count) for c in summary.counts] == [
        ("green", 9),
        ("amber", 2),
        ("red", 1),
        ("white", 2),
        (None, 1),
    ]


def test_a_not_started_action_past_its_start_date_is_due_to_start(bundled: Store) -> None:
    set_dates(bundled, PCC_PLAN, "4", start=date(2021, 4, 15))
    status(bundled, PCC_PLAN, "4", "not started")
    set_dates(bundled, PCC_PLAN, "5", start=date(2021, 4, 1))
    status(bundled, PCC_PLAN, "5", "on-track")  # started: nothing to chase
    set_dates(bundled, PCC_PLAN, "6", start=date(2021, 4, 16))
    status(bundled, PCC_PLAN, "6", "not-started")  # tomorrow: not yet
    status(bundled, PCC_PLAN, "2", "complete")
    report = meeting_report(bundled, PCC_PLAN, today=TODAY)
    every = [str(n) for n in range(1, 24)]
    assert groups(report) == [
        ("overdue", "Overdue", ["1"]),
        ("due-to-start", "Due to start", ["4"]),
        ("at-risk", "At risk", []),
        ("stale", "No update this quarter", [r for r in every if r != "2"]),
        ("untriaged", "Untriaged", [r for r in every if r not in ("2", "4", "5", "6")]),
    ]
    assert report.summary == plan_summaries(bundled, PCC_PLAN)[0]
    assert meeting_report(bundled, PCC_PLAN, today=date(2021, 3, 31)).exceptions[0][2] == ()


def test_a_meeting_report_for_an_unknown_plan_suggests_one(bundled: Store) -> None:
    with pytest.raises(NotFoundError, match="did you mean 'pcc-da-2020'"):
        meeting_report(bundled, "pcc-da-202", today=TODAY)
