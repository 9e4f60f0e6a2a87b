from datetime import date

import pytest
import sqlalchemy as sa

from planterm.errors import NotFoundError
from planterm.services.changes import add_update, set_status
from planterm.services.listing import ListFilters, list_actions
from planterm.storage.store import Store
from tests.conftest import NOW, TODAY


def refs(store: Store, today: date = TODAY, **filters: object) -> list[str]:
    rows = list_actions(store, ListFilters(**filters), today=today)  # type: ignore[arg-type]
    return [f"{r.plan}:{r.ref}" for r in rows]


def test_overdue_on_the_2020_action_plan_is_ref_1(bundled: Store) -> None:
    assert refs(bundled, plan="pcc-da-2020", flags=frozenset({"overdue"})) == ["pcc-da-2020:1"]
    assert (
        refs(bundled, today=date(2021, 3, 31), plan="pcc-da-2020", flags=frozenset({"overdue"}))
        == []
    )
    set_status(bundled, plan_key="pcc-da-2020", ref="1", status="complete", author="x", now=NOW)
    assert refs(bundled, plan="pcc-da-2020", flags=frozenset({"overdue"})) == []


def _dates(store: Store, ref: str, *, start_after: date | None) -> None:
    with store.write() as session:
        session.execute(
            sa.text("UPDATE action SET start_after = :d WHERE ref = :r AND plan_id = "
                    "(SELECT id FROM plan WHERE key = 'pcc-da-2020')"),
            {"d": start_after, "r": ref},
        )  # fmt: skip


def test_sequential_and_due_to_start(bundled: Store) -> None:
    _dates(bundled, "3", start_after=date(2021, 6, 1))
    _dates(bundled, "4", start_after=date(2021, 4, 1))
    set_status(bundled, plan_key="pcc-da-2020", ref="4", status="not started", author="x", now=NOW)
    set_status(bundled, plan_key="pcc-da-2020", ref="5", status="sequential", author="x", now=NOW)
    assert refs(bundled, plan="pcc-da-2020", flags=frozenset({"sequential"})) == [
        "pcc-da-2020:3",
        "pcc-da-2020:5",
    ]
    assert refs(bundled, plan="pcc-da-2020", flags=frozenset({"due-to-start"})) == ["pcc-da-2020:4"]


def test_stale_and_untriaged_combine(bundled: Store) -> None:
    add_update(
        bundled, plan_key="pcc-da-2020", ref="7", body="Reviewed.", day=TODAY, author="x", now=NOW
    )
    set_status(bundled, plan_key="pcc-da-2020", ref="8", status="on-track", author="x", now=NOW)
    stale = refs(bundled, plan="pcc-da-2020", flags=frozenset({"stale"}))
    assert "pcc-da-2020:7" not in stale and "pcc-da-2020:8" in stale and len(stale) == 22
    both = refs(bundled, plan="pcc-da-2020", flags=frozenset({"stale", "untriaged"}))
    assert "pcc-da-2020:8" not in both and len(both) == 21


def test_status_filter_across_plans_and_within_one(bundled: Store) -> None:
    assert len(refs(bundled, status="G")) == 15
    assert len(refs(bundled, plan="pcc-da-2020", status="untriaged")) == 23
    with pytest.raises(NotFoundError, match="not in the scheme of plan pcc-da-2020"):
        refs(bundled, plan="pcc-da-2020", status="green")
    with pytest.raises(NotFoundError, match="no plan has a status 'purple'"):
        refs(bundled, status="purple")


def test_agency_filter_matches_leads_and_owner_by_name_or_alias(bundled: Store) -> None:
    by_alias = refs(bundled, agency="Force")
    by_name = refs(bundled, agency="nottinghamshire police")
    assert by_alias == by_name
    assert "pcc-da-2020:6" in by_alias  # leads
    assert "pcd-2019-20-t2:4" in by_alias  # owner "Force"
    assert "pcd-2019-20-t2:1" not in by_alias
    with pytest.raises(NotFoundError, match="did you mean"):
        refs(bundled, agency="Nottinghamshire Polic")


def test_theme_filter(bundled: Store) -> None:
    assert refs(bundled, plan="da-jsna", theme="prevention") == [
        f"da-jsna:{n}" for n in range(7, 11)
    ]
    assert len(refs(bundled, theme="Prevention")) == 4 + 2  # da-jsna and pcc-da-2020
    with pytest.raises(NotFoundError, match="did you mean 'Provision'"):
        refs(bundled, plan="da-jsna", theme="Provisio")


@pytest.mark.parametrize("words", ['"Claire\'s law"', "[Claire's]", "claire", "CLAIRE's law)"])
def test_search_handles_brackets_and_quotes(bundled: Store, words: str) -> None:
    assert refs(bundled, search=words) == ["pcc-da-2020:10"]


def test_search_finds_words_in_updates_and_combines_with_filters(bundled: Store) -> None:
    found = refs(bundled, search="Stalking Advocacy")
    assert "pcd-2019-20-t2:5" in found
    assert refs(bundled, search="stalking", plan="pcd-2019-20-t2", status="G") == [
        "pcd-2019-20-t2:5"
    ]
    assert refs(bundled, search="xyzzy") == []
    assert refs(bundled, search="[]") == []


def test_rows_carry_what_the_list_shows(bundled: Store) -> None:
    row = list_actions(bundled, ListFilters(plan="pcc-da-2020"), today=TODAY)[0]
    assert row.leads == ("PCC", "City Council", "County Council", "Violence Reduction Unit", "CCGs")
    assert row.theme == "Policy context"
    assert row.last_update == date(2021, 3, 31) and row.update_count == 1
    assert row.flags == ("overdue", "stale", "untriaged")
