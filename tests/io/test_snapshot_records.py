"""Export builds plain records; the pydantic models check what comes in. Both are one format.

`io.snapshot_records` writes the keys of each record itself, so these tests
hold it to the models of `io.snapshot`: the same keys in the same order, and
the same bytes as rendering the models, on the bundled plans and on a
generated database.
"""

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from planterm.domain.schemes import Category
from planterm.domain.views import StatusView
from planterm.io import snapshot
from planterm.io import snapshot_records as records
from planterm.services.exporting import export_text
from planterm.services.transfer import export_doc
from planterm.storage.reader import SqliteFile
from planterm.storage.store import Store
from tests.bench.test_generate import gen
from tests.conftest import NOW

AT = datetime(2021, 1, 14, 9, 30, tzinfo=UTC)
DAY = date(2021, 1, 14)
VIEW = StatusView(key="done", label="Done", meaning="m", symbol="✓",
                  category=Category.DONE, colour="green", aliases=("complete",))  # fmt: skip


def _keys(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def test_each_record_has_every_key_of_its_model_in_the_models_order() -> None:
    full: list[tuple[dict[str, Any], type[BaseModel]]] = [
        (records.agency("A", ["a"]), snapshot.AgencyDoc),
        (records.status(VIEW), snapshot.StatusDoc),
        (records.scheme("k", "n", [VIEW]), snapshot.SchemeDoc),
        (records.theme("t", "d"), snapshot.ThemeDoc),
        (records.update(DAY, "Q1", "me", "b"), snapshot.UpdateDoc),
        (records.change(AT, "a", "b", "me", "r"), snapshot.HistoryDoc),
        (records.plan(key="k", title="t", issuing_body="i", source_document="s",
                      period="p", vision="v", mission="m", description="d",
                      created_at=AT, modified_at=AT, scheme={"key": "k"},
                      themes=[{"name": "t"}]), snapshot.PlanDoc),
        (records.action(plan="p", theme="t", ref="1", text="x", leads=["A"], owner="o",
                         status="s", due=DAY, start_after=DAY, created_at=AT, modified_at=AT,
                         fields={"f": "v"}, updates=[{}], history=[{}]), snapshot.ActionDoc),
        (records.document(exported_at=AT, agencies=[{}], plans=[{}], actions=[{}]),
         snapshot.SnapshotDoc),
    ]  # fmt: skip
    for record, model in full:
        assert list(record) == _keys(model), model.__name__


def test_a_record_leaves_out_none_and_empty_values() -> None:
    assert records.update(DAY, None, None, "b") == {"date": DAY, "body": "b"}
    assert records.agency("A", []) == {"name": "A"}
    assert records.change(AT, None, "b", "me", None) == {"at": AT, "to": "b", "by": "me"}


def test_export_is_the_rendering_of_the_models_byte_for_byte(bundled: Store) -> None:
    for keys in ([], ["pcc-da-2020"], ["da-jsna", "pcd-2019-20-t2"]):
        text = export_text(bundled, plan_keys=keys, now=NOW)
        assert text == snapshot.render(export_doc(bundled, plan_keys=keys, now=NOW))
        assert snapshot.render(snapshot.parse(text, source="x.toml")) == text


def test_export_of_a_generated_database_is_the_rendering_of_the_models(tmp_path: Path) -> None:
    path = tmp_path / "gen.db"
    gen.generate(path, actions=120, seed=3, today=date(2026, 11, 23))
    quick = SqliteFile(path)
    text = export_text(quick, now=NOW)
    assert snapshot.render(snapshot.parse(text, source="gen.toml")) == text
    store = Store(f"sqlite:///{path}")
    try:
        assert export_text(store, now=NOW) == text  # sqlite3 alone and SQLAlchemy agree
    finally:
        store.dispose()
