from datetime import UTC, date, datetime

import pytest

from planterm.errors import InputError, NotFoundError
from planterm.services.changes import add_update
from planterm.services.detail import show_action
from planterm.services.listing import ListFilters, list_actions
from planterm.services.transfer import export_text
from planterm.services.updates import (
    correct_update,
    remove_update,
    restore_update,
    update_revisions,
)
from planterm.storage.store import Store
from tests.conftest import NOW, TODAY

PLAN = "pcc-da-2020"
LATER = datetime(2021, 4, 16, 11, 0, tzinfo=UTC)
LATEST = datetime(2021, 4, 17, 8, 15, tzinfo=UTC)


def found(store: Store, words: str) -> list[str]:
    rows = list_actions(store, ListFilters(plan=PLAN, search=words), today=TODAY)
    return [r.ref for r in rows]


def exported(store: Store) -> str:
    return export_text(store, plan_keys=[PLAN], now=NOW)


@pytest.fixture
def noted(bundled: Store) -> int:
    """Ref 2 gets a second update, dated this quarter: the one the tests change."""
    update = add_update(bundled, plan_key=PLAN, ref="2", body="Training booked with aardvarks.",
                        day=TODAY, author="kd", now=NOW, period="April - June 2021")  # fmt: skip
    return update.id


def test_a_correction_keeps_the_earlier_wording(bundled: Store, noted: int) -> None:
    view = correct_update(
        bundled, update_id=noted, body="Training delivered by pangolins.",
        day=date(2021, 4, 14), period=" Q1 2021-22 ", author=" nw ", by="editor", now=LATER,
    )  # fmt: skip
    assert (view.id, view.body, view.date, view.period, view.author) == (
        noted, "Training delivered by pangolins.", date(2021, 4, 14), "Q1 2021-22", "nw",
    )  # fmt: skip
    detail = show_action(bundled, PLAN, "2", today=TODAY)
    assert detail.updates[0] == view
    assert len(detail.updates) == 2
    assert detail.row.last_update == date(2021, 4, 14)
    assert update_revisions(bundled, noted) == [
        (LATER, "editor", "corrected", "Training booked with aardvarks.")
    ]
    assert found(bundled, "pangolins") == ["2"]
    assert found(bundled, "aardvarks") == []
    assert "pangolins" in exported(bundled) and "aardvarks" not in exported(bundled)


def test_every_correction_is_kept_oldest_first(bundled: Store, noted: int) -> None:
    for at, body in ((LATER, "Second wording."), (LATEST, "Third wording.")):
        correct_update(bundled, update_id=noted, body=body, day=TODAY, period=None,
                       author="kd", by="kd", now=at)  # fmt: skip
    assert [(r[0], r[2], r[3]) for r in update_revisions(bundled, noted)] == [
        (LATER, "corrected", "Training booked with aardvarks."),
        (LATEST, "corrected", "Second wording."),
    ]
    assert show_action(bundled, PLAN, "2", today=TODAY).updates[0].body == "Third wording."


@pytest.mark.parametrize("body", ["", "  ", "\n"])
def test_an_empty_correction_is_refused(bundled: Store, noted: int, body: str) -> None:
    with pytest.raises(InputError, match="needs some text"):
        correct_update(bundled, update_id=noted, body=body, day=TODAY, period=None,
                       author="kd", by="kd", now=LATER)  # fmt: skip
    assert show_action(bundled, PLAN, "2", today=TODAY).updates[0].body == (
        "Training booked with aardvarks."
    )
    assert update_revisions(bundled, noted) == []


def test_a_removed_update_is_hidden_everywhere_but_its_revisions(
    bundled: Store, noted: int
) -> None:
    before = show_action(bundled, PLAN, "2", today=TODAY)
    assert before.row.update_count == 2 and before.row.last_update == TODAY
    assert "stale" not in before.row.flags
    assert found(bundled, "aardvarks") == ["2"]
    assert "aardvarks" in exported(bundled)

    view = remove_update(bundled, update_id=noted, by="editor", now=LATER)
    assert view.body == "Training booked with aardvarks."
    after = show_action(bundled, PLAN, "2", today=TODAY)
    assert noted not in [u.id for u in after.updates]
    assert len(after.updates) == 1
    assert after.row.update_count == 1
    assert after.row.last_update == date(2021, 3, 31)
    assert "stale" in after.row.flags  # no update left this quarter
    (row,) = [r for r in list_actions(bundled, ListFilters(plan=PLAN), today=TODAY) if r.ref == "2"]
    assert (row.update_count, row.last_update) == (1, date(2021, 3, 31))
    assert found(bundled, "aardvarks") == []
    assert "aardvarks" not in exported(bundled)
    assert update_revisions(bundled, noted) == [
        (LATER, "editor", "removed", "Training booked with aardvarks.")
    ]


def test_removing_twice_keeps_one_revision(bundled: Store, noted: int) -> None:
    remove_update(bundled, update_id=noted, by="a", now=LATER)
    remove_update(bundled, update_id=noted, by="b", now=LATEST)
    assert [r[1:3] for r in update_revisions(bundled, noted)] == [("a", "removed")]


def test_a_removed_update_can_be_restored(bundled: Store, noted: int) -> None:
    seen = show_action(bundled, PLAN, "2", today=TODAY)
    text = exported(bundled)
    remove_update(bundled, update_id=noted, by="editor", now=LATER)
    restored = restore_update(bundled, update_id=noted, by="editor", now=LATEST)
    assert restored.id == noted
    assert show_action(bundled, PLAN, "2", today=TODAY) == seen
    assert found(bundled, "aardvarks") == ["2"]
    assert exported(bundled) == text
    assert [r[2] for r in update_revisions(bundled, noted)] == ["removed", "restored"]
    restore_update(bundled, update_id=noted, by="editor", now=LATEST)  # already back: no-op
    assert len(update_revisions(bundled, noted)) == 2


def test_a_removed_update_can_still_be_corrected(bundled: Store, noted: int) -> None:
    remove_update(bundled, update_id=noted, by="editor", now=LATER)
    correct_update(bundled, update_id=noted, body="Reworded while hidden.", day=TODAY,
                   period=None, author="kd", by="editor", now=LATEST)  # fmt: skip
    assert noted not in [u.id for u in show_action(bundled, PLAN, "2", today=TODAY).updates]
    restore_update(bundled, update_id=noted, by="editor", now=LATEST)
    assert show_action(bundled, PLAN, "2", today=TODAY).updates[0].body == (
        "Reworded while hidden."
    )


def test_an_update_that_is_gone_says_so(bundled: Store) -> None:
    for change in (remove_update, restore_update):
        with pytest.raises(NotFoundError, match="no longer exists"):
            change(bundled, update_id=99_999, by="x", now=NOW)
    with pytest.raises(NotFoundError, match="no longer exists"):
        correct_update(bundled, update_id=99_999, body="x", day=TODAY, period=None,
                       author=None, by="x", now=NOW)  # fmt: skip
    assert update_revisions(bundled, 99_999) == []
