"""Hostile text is stored exactly: through the store, and through export and import."""

import tomllib
from pathlib import Path

import tomli_w

from planterm.io import snapshot
from planterm.services.changes import add_update, set_status
from planterm.services.detail import show_action
from planterm.services.transfer import export_text, import_docs
from planterm.storage.store import Store
from tests import hostile
from tests.conftest import NOW, TODAY, new_store


def load_hostile(store: Store) -> None:
    doc = snapshot.parse(tomli_w.dumps(hostile.snapshot()), source="hostile.toml")
    import_docs(store, [("hostile.toml", doc)], replace=False, now=NOW)


def test_hostile_text_comes_back_exactly_from_the_store_and_a_snapshot(
    store: Store, tmp_path: Path
) -> None:
    load_hostile(store)
    set_status(store, plan_key=hostile.PLAN, ref="2", status="green", author=hostile.AUTHOR,
               now=NOW, reason=hostile.EVERYTHING)  # fmt: skip
    add_update(store, plan_key=hostile.PLAN, ref="2", body=hostile.EVERYTHING, day=TODAY,
               author=hostile.AUTHOR, now=NOW)  # fmt: skip

    for number, (name, piece) in enumerate(hostile.PIECES.items(), start=1):
        detail = show_action(store, hostile.PLAN, str(number), today=TODAY)
        assert detail.row.text == f"{name}: {piece}", name
        assert detail.updates[-1].body == f"update {name}: {piece}", name
    second = show_action(store, hostile.PLAN, "2", today=TODAY)
    assert second.updates[0].body == hostile.EVERYTHING
    assert second.history[-1].reason == hostile.EVERYTHING

    first = export_text(store, now=NOW)
    data = tomllib.loads(first)
    assert data["plans"][0]["title"] == hostile.TITLE_OF_PLAN
    assert data["plans"][0]["themes"][0]["name"] == hostile.THEME
    assert data["plans"][0]["scheme"]["statuses"][0]["label"] == hostile.GREEN
    assert data["agencies"] == [{"name": hostile.AGENCY}]
    assert data["actions"][0]["owner"] == hostile.OWNER
    assert data["actions"][0]["leads"] == [hostile.AGENCY]
    assert [a["text"] for a in data["actions"]] == [
        f"{name}: {piece}" for name, piece in hostile.PIECES.items()
    ]
    assert "\x1b" not in first and "\x07" not in first, "the file escapes them (\\u001b)"

    (tmp_path / "hostile.toml").write_text(first, encoding="utf-8")
    other = new_store(tmp_path / "other.db")
    doc = snapshot.parse((tmp_path / "hostile.toml").read_text("utf-8"), source="hostile.toml")
    import_docs(other, [("hostile.toml", doc)], replace=False, now=NOW)
    assert export_text(other, now=NOW) == first
    other.dispose()
