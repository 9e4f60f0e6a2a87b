"""Every report format, held to golden files made from the bundled plans.

The expected outputs live in tests/io/reports/golden/. When a change to a
report is meant, regenerate them and review the diff:

    PLANTERM_UPDATE_GOLDEN=1 .venv/bin/pytest tests/io/reports/test_golden.py

A workbook is compared as a normalised dump (cell values and types, fills,
ink, number formats, frozen panes, autofilter, widths, sheet names and the
document properties; see workbook_dump.py), not as zip bytes.
"""

import os
from pathlib import Path
from typing import Any

import pytest

from planterm.services.changes import set_status
from planterm.services.report import build_report, render_report
from planterm.storage.store import Store
from tests.conftest import NOW, TODAY
from tests.io.reports.workbook_dump import dump_workbook

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PLANTERM_UPDATE_GOLDEN") == "1"
FORMATS = ("md", "html", "csv", "xlsx")

# A few statuses set on the 2020 action plan (whose document gave none), so
# that its reports show every status of its key.
PCC_STATUSES = {"1": "complete", "2": "on-track", "3": "on-track", "4": "not-started",
                "5": "sequential", "6": "on-track", "7": "complete", "9": "on-track"}  # fmt: skip

CASES: dict[str, dict[str, Any]] = {
    "pcd-2019-20-t2": {"plan": "pcd-2019-20-t2"},
    "pcc-da-2020-q4-exceptions": {
        "plan": "pcc-da-2020", "period": "Q4 2020-21", "exceptions_first": True,
        "statuses": PCC_STATUSES,
    },
    "pcc-da-2020-vru": {"plan": "pcc-da-2020", "agency": "VRU", "statuses": PCC_STATUSES},
    "da-jsna": {"plan": "da-jsna"},
    "dsv-strategy-2015": {"plan": "dsv-strategy-2015"},
    "sfh-review-2014": {"plan": "sfh-review-2014"},
}  # fmt: skip
EVERY_FORMAT = ("pcd-2019-20-t2", "pcc-da-2020-q4-exceptions", "pcc-da-2020-vru")


def rendered(store: Store, case: str, fmt: str) -> bytes:
    options = dict(CASES[case])
    plan = options.pop("plan")
    for ref, status in options.pop("statuses", {}).items():
        set_status(store, plan_key=plan, ref=ref, status=status, author="kd", now=NOW)
    content = render_report(build_report(store, plan, today=TODAY, **options), fmt)
    return content if isinstance(content, bytes) else content.encode("utf-8")


def as_golden(content: bytes, fmt: str) -> bytes:
    return dump_workbook(content).encode("utf-8") if fmt == "xlsx" else content


def golden_path(case: str, fmt: str) -> Path:
    return GOLDEN / (f"{case}.xlsx.txt" if fmt == "xlsx" else f"{case}.{fmt}")


@pytest.mark.parametrize(
    ("case", "fmt"),
    [(case, fmt) for case in EVERY_FORMAT for fmt in FORMATS]
    + [(case, "md") for case in CASES if case not in EVERY_FORMAT],
)
def test_report_matches_its_golden_file(bundled: Store, case: str, fmt: str) -> None:
    actual = as_golden(rendered(bundled, case, fmt), fmt)
    path = golden_path(case, fmt)
    if UPDATE:
        path.write_bytes(actual)
    assert path.exists(), f"no golden file {path.name}: run with PLANTERM_UPDATE_GOLDEN=1"
    assert actual == path.read_bytes(), f"{path.name} differs; if meant, regenerate it"


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_report_gives_the_same_bytes(bundled: Store, fmt: str) -> None:
    first = rendered(bundled, "pcd-2019-20-t2", fmt)
    assert rendered(bundled, "pcd-2019-20-t2", fmt) == first
