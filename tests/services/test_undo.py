from dataclasses import replace
from pathlib import Path

import pytest

from planterm.errors import InputError
from planterm.services.changes import set_status
from planterm.services.detail import show_action
from planterm.services.editing import ActionFields, action_fields, add_action, edit_action
from planterm.services.transfer import export_to_file
from planterm.services.undo import AddedActionUndo, EditUndo, StatusUndo, UndoLog
from planterm.storage.store import Store
from tests.conftest import NOW, TODAY


def test_several_changes_to_one_action_undo_in_turn(bundled: Store) -> None:
    log = UndoLog()
    action_id = show_action(bundled, "da-jsna", "1", today=TODAY).row.id
    for word in ("white", "green"):
        result = set_status(bundled, plan_key="da-jsna", ref="1", status=word, author="me", now=NOW)
        log.push(
            StatusUndo(f"to {word}", "da-jsna", "1", result.from_key, result.version, action_id)
        )
    assert log.undo_last(bundled, by="me", now=NOW) == "to green"
    assert log.undo_last(bundled, by="me", now=NOW) == "to white"
    detail = show_action(bundled, "da-jsna", "1", today=TODAY)
    assert detail.row.status is None
    assert [(h.from_key, h.to_key) for h in detail.history] == [
        (None, "white"), ("white", "green"), ("green", "white"), ("white", None),
    ]  # fmt: skip


def test_adding_then_editing_an_action_undoes_both(bundled: Store) -> None:
    log = UndoLog()
    action_id, _ = add_action(bundled, plan_key="da-jsna", theme="Prevention",
                              values=ActionFields(text="New."), now=NOW)  # fmt: skip
    log.push(AddedActionUndo("the new action", action_id, 1))
    values, version = action_fields(bundled, action_id)
    result = edit_action(bundled, action_id=action_id, values=replace(values, owner="NW"),
                         expected_version=version, now=NOW)  # fmt: skip
    log.push(EditUndo("the edit", action_id, result.before, result.version))
    log.undo_last(bundled, by="me", now=NOW)
    log.undo_last(bundled, by="me", now=NOW)
    assert not log
    with pytest.raises(Exception, match="no ref"):
        show_action(bundled, "da-jsna", "20", today=TODAY)


@pytest.mark.sqlite_only  # the bytes of the SQLite file
def test_an_export_never_lands_on_the_database(bundled: Store) -> None:
    path = bundled.sqlite_path
    assert path is not None
    before = path.read_bytes()
    for target in (path, Path(f"{path}-wal")):
        with pytest.raises(InputError, match="the database itself"):
            export_to_file(bundled, target, now=NOW)
    assert path.read_bytes() == before


def test_a_correction_over_another_correction_is_refused(bundled: Store) -> None:
    from planterm.errors import ConflictError
    from planterm.services.updates import correct_update

    seen = show_action(bundled, "da-jsna", "2", today=TODAY).updates[0]
    correct_update(bundled, update_id=seen.id, body="Theirs.", day=seen.date, period=seen.period,
                   author=seen.author, by="colleague", now=NOW)  # fmt: skip
    with pytest.raises(ConflictError, match="corrected by colleague"):
        correct_update(bundled, update_id=seen.id, body="Mine.", day=seen.date,
                       period=seen.period, author=seen.author, by="me", now=NOW,
                       expected=seen)  # fmt: skip
    assert show_action(bundled, "da-jsna", "2", today=TODAY).updates[0].body == "Theirs."
