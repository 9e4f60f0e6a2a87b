import os
import stat
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from planterm.errors import InputError
from planterm.services.changes import add_update, set_status
from planterm.services.detail import show_action
from planterm.services.editing import (
    ActionFields,
    action_fields,
    add_action,
    add_plan,
    add_theme,
    delete_action,
    edit_action,
    restore_action,
)
from planterm.services.listing import ListFilters, list_actions
from planterm.services.meeting import meeting_report
from planterm.services.overview import agencies, fingerprint
from planterm.services.summary import plan_summaries
from planterm.services.transfer import export_text, export_to_file
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


def ident(store: Store, ref: str) -> int:
    return show_action(store, PLAN, ref, today=TODAY).row.id


# ------------------------------------------------------------- fingerprint


def _set_status(s: Store) -> None:
    set_status(s, plan_key=PLAN, ref="3", status="on-track", author="kd", now=NOW)


def _add_update(s: Store) -> None:
    add_update(s, plan_key=PLAN, ref="3", body="Noted.", day=TODAY, author="kd", now=NOW)


def _correct_update(s: Store) -> None:
    update = show_action(s, PLAN, "3", today=TODAY).updates[0]
    correct_update(s, update_id=update.id, body="Reworded.", day=update.date,
                   period=update.period, author=update.author, by="kd", now=NOW)  # fmt: skip


def _remove_update(s: Store) -> None:
    update = show_action(s, PLAN, "3", today=TODAY).updates[0]
    remove_update(s, update_id=update.id, by="kd", now=NOW)


def _edit_text(s: Store) -> None:
    values, version = action_fields(s, ident(s, "3"))
    edit_action(s, action_id=ident(s, "3"), values=replace(values, text="New text."),
                expected_version=version, now=NOW)  # fmt: skip


def _edit_leads_only(s: Store) -> None:
    values, version = action_fields(s, ident(s, "3"))
    edit_action(s, action_id=ident(s, "3"), values=replace(values, leads=("PCC",)),
                expected_version=version, now=LATER)  # fmt: skip


def _add_action(s: Store) -> None:
    add_action(s, plan_key=PLAN, theme="Prevention", values=ActionFields(text="New."), now=NOW)


def _delete_action(s: Store) -> None:
    delete_action(s, action_id=ident(s, "3"), expected_version=1)


def _add_theme(s: Store) -> None:
    add_theme(s, plan_key=PLAN, name="Recovery")


def _add_plan(s: Store) -> None:
    add_plan(s, key="vawg-2025", title="T", issuing_body="B", scheme="rag", now=NOW)


@pytest.mark.parametrize(
    "change",
    [
        _set_status,
        _add_update,
        _correct_update,
        _remove_update,
        _edit_text,
        _edit_leads_only,
        _add_action,
        _delete_action,
        _add_theme,
        _add_plan,
    ],
)
def test_the_fingerprint_changes_with_every_change(
    bundled: Store, change: Callable[[Store], None]
) -> None:
    before = fingerprint(bundled)
    change(bundled)
    assert fingerprint(bundled) != before


def test_the_fingerprint_changes_when_an_update_comes_back(bundled: Store) -> None:
    update = show_action(bundled, PLAN, "3", today=TODAY).updates[0]
    remove_update(bundled, update_id=update.id, by="kd", now=NOW)
    before = fingerprint(bundled)
    restore_update(bundled, update_id=update.id, by="kd", now=NOW)
    assert fingerprint(bundled) != before


def test_the_fingerprint_changes_when_a_deleted_action_comes_back(bundled: Store) -> None:
    deleted = delete_action(bundled, action_id=ident(bundled, "3"), expected_version=1)
    before = fingerprint(bundled)
    restore_action(bundled, deleted)
    assert fingerprint(bundled) != before


def test_reading_leaves_the_fingerprint_alone(bundled: Store, tmp_path: Path) -> None:
    _add_update(bundled)
    before = fingerprint(bundled)
    update = show_action(bundled, PLAN, "3", today=TODAY).updates[0]
    list_actions(bundled, ListFilters(search="domestic abuse"), today=TODAY)
    action_fields(bundled, ident(bundled, "3"))
    update_revisions(bundled, update.id)
    meeting_report(bundled, PLAN, today=TODAY)
    plan_summaries(bundled)
    agencies(bundled)
    export_text(bundled, now=NOW)
    export_to_file(bundled, tmp_path / "out.toml", now=NOW)
    assert fingerprint(bundled) == before == fingerprint(bundled)


def test_an_empty_database_has_a_fingerprint_too(store: Store) -> None:
    assert fingerprint(store) == (0,) * 10
    _add_plan(store)
    assert fingerprint(store) != (0,) * 10


def test_a_delete_and_an_add_between_two_polls_change_the_fingerprint(bundled: Store) -> None:
    mine, _ = add_action(bundled, plan_key=PLAN, theme="Prevention",
                         values=ActionFields(text="Mine."), now=NOW)  # fmt: skip
    before = fingerprint(bundled)
    delete_action(bundled, action_id=mine, expected_version=1)
    add_action(bundled, plan_key="da-jsna", theme="Prevention",
               values=ActionFields(text="Someone else's."), now=NOW)  # fmt: skip
    assert fingerprint(bundled) != before


# ---------------------------------------------------------------- agencies


def test_agencies_are_listed_by_name_with_the_actions_they_lead(bundled: Store) -> None:
    listed = agencies(bundled)
    names = [a.name for a in listed]
    assert names == sorted(names, key=str.casefold)
    assert names[:3] == ["All public sector agencies", "CCGs", "City Council"]
    led = Counter(
        lead for row in list_actions(bundled, ListFilters(), today=TODAY) for lead in row.leads
    )
    assert {a.name: a.actions for a in listed} == dict(led)
    police = next(a for a in listed if a.name == "Nottinghamshire Police")
    assert police.aliases == ("Force", "Notts Police", "Police")
    assert police.actions == 12


def test_an_agency_leading_nothing_is_still_listed_with_zero(bundled: Store) -> None:
    action = ident(bundled, "16")
    values, version = action_fields(bundled, action)
    result = edit_action(bundled, action_id=action, expected_version=version, now=NOW,
                         values=replace(values, leads=("Juno Women's Aid",)))  # fmt: skip
    counts = {a.name: a.actions for a in agencies(bundled)}
    assert counts["Juno Women's Aid"] == 1
    edit_action(bundled, action_id=action, values=result.before,
                expected_version=result.version, now=LATER)  # fmt: skip
    listed = agencies(bundled)
    assert [(a.name, a.actions) for a in listed if a.name == "Juno Women's Aid"] == [
        ("Juno Women's Aid", 0)
    ]
    names = [a.name for a in listed]
    assert names == sorted(names, key=str.casefold)


def test_export_to_file_writes_the_snapshot_for_its_owner_alone(
    bundled: Store, tmp_path: Path
) -> None:
    target = tmp_path / "plans.toml"
    target.write_text("old contents")
    target.chmod(0o644)
    written = export_to_file(bundled, target, plan_keys=[PLAN], now=NOW)
    assert written == target
    assert target.read_text(encoding="utf-8") == export_text(bundled, plan_keys=[PLAN], now=NOW)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".plans.toml")] == []


def test_export_to_file_expands_the_home_folder(
    bundled: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    written = export_to_file(bundled, Path("~/all.toml"), now=NOW)
    assert written == tmp_path / "all.toml"
    assert written.read_text(encoding="utf-8") == export_text(bundled, now=NOW)


def test_export_to_a_missing_folder_is_an_input_error(bundled: Store, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "plans.toml"
    with pytest.raises(InputError) as caught:
        export_to_file(bundled, target, now=NOW)
    assert caught.value.where == str(target)
    assert "cannot write the file" in str(caught.value)
    assert "check the folder exists" in str(caught.value)
    assert not target.parent.exists()


def test_export_onto_a_folder_is_an_input_error_and_leaves_no_litter(
    bundled: Store, tmp_path: Path
) -> None:
    target = tmp_path / "out"
    target.mkdir()
    with pytest.raises(InputError, match="cannot write the file"):
        export_to_file(bundled, target, now=NOW)
    assert target.is_dir() and list(target.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_failed_export_keeps_the_old_file_whole(
    bundled: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planterm.files

    target = tmp_path / "plans.toml"
    target.write_text("the previous export")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(planterm.files.os, "replace", refuse)
    with pytest.raises(InputError, match="No space left on device"):
        export_to_file(bundled, target, now=NOW)
    monkeypatch.undo()
    assert target.read_text() == "the previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
