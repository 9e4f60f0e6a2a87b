from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from planterm.domain.schemes import BUILT_IN
from planterm.errors import ConflictError, InputError, NotFoundError
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
    next_ref,
    restore_action,
)
from planterm.services.listing import ListFilters, list_actions
from planterm.services.overview import agencies
from planterm.services.summary import plan_summaries
from planterm.services.transfer import export_text
from planterm.services.updates import (
    correct_update,
    remove_update,
    restore_update,
    update_revisions,
)
from planterm.storage import queries
from planterm.storage.store import Store
from tests.conftest import NOW, TODAY

PLAN = "pcc-da-2020"
LATER = datetime(2021, 4, 16, 11, 0, tzinfo=UTC)


def action_exists(store: Store, action_id: int) -> bool:
    with store.reading() as db:
        return queries.action_times(db, action_id) is not None


def action_id(store: Store, ref: str, plan: str = PLAN) -> int:
    return show_action(store, plan, ref, today=TODAY).row.id


def refs(store: Store, **filters: object) -> list[str]:
    rows = list_actions(store, ListFilters(**filters), today=TODAY)  # type: ignore[arg-type]
    return [r.ref for r in rows]


def search(store: Store, words: str) -> list[str]:
    return refs(store, plan=PLAN, search=words)


# ------------------------------------------------------------------ edit_action


def test_reading_fields_gives_the_values_and_version(bundled: Store) -> None:
    values, version = action_fields(bundled, action_id(bundled, "6"))
    assert values.leads == ("Nottinghamshire Police",)
    assert values.text.startswith("Nottinghamshire Police to drive further improvements")
    assert (values.owner, values.due, values.start_after, values.fields) == (None, None, None, {})
    assert version == 1


def test_an_edit_changes_every_field_and_returns_the_old_values(bundled: Store) -> None:
    ident = action_id(bundled, "3")
    old, version = action_fields(bundled, ident)
    new = ActionFields(
        text="Agree a joint VAWG strategy.",
        leads=("County Council", "PCC"),
        owner="  KD  ",
        due=date(2021, 9, 30),
        start_after=date(2021, 5, 1),
        fields={"Funding": "£60,000", " Partner ": "VRU", "  ": "dropped"},
    )
    result = edit_action(bundled, action_id=ident, values=new, expected_version=version, now=LATER)
    assert result.before == old
    assert result.action_id == ident
    assert result.version == version + 1
    assert result.new_agencies == ()
    detail = show_action(bundled, PLAN, "3", today=TODAY)
    row = detail.row
    assert row.text == "Agree a joint VAWG strategy."
    assert row.leads == ("County Council", "PCC")
    assert row.owner == "KD"
    assert (row.due, row.start_after) == (date(2021, 9, 30), date(2021, 5, 1))
    assert row.fields == {"Funding": "£60,000", "Partner": "VRU"}
    assert row.version == result.version
    assert detail.modified_at == LATER
    assert "sequential" in row.flags  # starts after today


def test_a_lead_by_alias_maps_to_its_agency_and_a_new_name_makes_an_agency(
    bundled: Store,
) -> None:
    ident = action_id(bundled, "16")
    old, version = action_fields(bundled, ident)
    before = {a.name: a.actions for a in agencies(bundled)}
    values = replace(old, leads=("Force", "pcc", "Juno Women's Aid", "Nottinghamshire Police"))
    result = edit_action(bundled, action_id=ident, values=values, expected_version=version, now=NOW)
    assert result.new_agencies == ("Juno Women's Aid",)
    assert show_action(bundled, PLAN, "16", today=TODAY).row.leads == (
        "Nottinghamshire Police",
        "PCC",
        "Juno Women's Aid",
    )
    after = {a.name: a.actions for a in agencies(bundled)}
    assert after["Juno Women's Aid"] == 1
    assert after["Nottinghamshire Police"] == before["Nottinghamshire Police"] + 1
    assert after["PCC"] == before["PCC"]
    assert set(after) - set(before) == {"Juno Women's Aid"}
    assert "pcc-da-2020:16" in [
        f"{r.plan}:{r.ref}" for r in list_actions(bundled, ListFilters(agency="Force"), today=TODAY)
    ]


def test_an_edit_based_on_an_old_read_is_refused_and_changes_nothing(bundled: Store) -> None:
    ident = action_id(bundled, "4")
    seen, version = action_fields(bundled, ident)
    set_status(bundled, plan_key=PLAN, ref="4", status="on-track", author="colleague",
               now=NOW, expected_version=version)  # fmt: skip
    agencies_before = agencies(bundled)
    detail_before = show_action(bundled, PLAN, "4", today=TODAY)
    mine = replace(seen, text="My rewording.", leads=("A brand new agency",), owner="me")
    with pytest.raises(ConflictError) as caught:
        edit_action(bundled, action_id=ident, values=mine, expected_version=version, now=LATER)
    message = str(caught.value)
    assert "changed since you read it" in message
    assert "untriaged → on-track by colleague" in message
    assert show_action(bundled, PLAN, "4", today=TODAY) == detail_before
    assert agencies(bundled) == agencies_before


def test_a_conflict_with_another_edit_names_when_it_was_made(bundled: Store) -> None:
    ident = action_id(bundled, "7")
    seen, version = action_fields(bundled, ident)
    edit_action(bundled, action_id=ident, values=replace(seen, owner="colleague"),
                expected_version=version, now=LATER)  # fmt: skip
    with pytest.raises(ConflictError, match="edited at 2021-04-16 11:00 UTC"):
        edit_action(bundled, action_id=ident, values=replace(seen, owner="me"),
                    expected_version=version, now=LATER)  # fmt: skip
    assert action_fields(bundled, ident)[0].owner == "colleague"


def test_a_conflict_with_an_edit_after_a_status_change_names_the_edit(bundled: Store) -> None:
    ident = action_id(bundled, "8")
    seen, version = action_fields(bundled, ident)
    set_status(bundled, plan_key=PLAN, ref="8", status="on-track", author="colleague", now=NOW)
    fields, newer = action_fields(bundled, ident)
    edit_action(bundled, action_id=ident, values=replace(fields, owner="colleague"),
                expected_version=newer, now=LATER)  # fmt: skip
    with pytest.raises(ConflictError, match="edited at 2021-04-16 11:00 UTC"):
        edit_action(bundled, action_id=ident, values=replace(seen, owner="me"),
                    expected_version=version, now=LATER)  # fmt: skip


def test_an_action_cannot_start_after_it_is_due(bundled: Store) -> None:
    ident = action_id(bundled, "2")
    old, version = action_fields(bundled, ident)
    bad = replace(old, due=date(2021, 6, 30), start_after=date(2021, 7, 1))
    with pytest.raises(InputError, match="cannot start after 2021-07-01"):
        edit_action(bundled, action_id=ident, values=bad, expected_version=version, now=NOW)
    same_day = replace(old, due=date(2021, 6, 30), start_after=date(2021, 6, 30))
    edit_action(bundled, action_id=ident, values=same_day, expected_version=version, now=NOW)
    assert action_fields(bundled, ident)[0].start_after == date(2021, 6, 30)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_action_needs_its_text(bundled: Store, text: str) -> None:
    ident = action_id(bundled, "2")
    old, version = action_fields(bundled, ident)
    with pytest.raises(InputError, match="needs its text"):
        edit_action(bundled, action_id=ident, values=replace(old, text=text),
                    expected_version=version, now=NOW)  # fmt: skip
    assert action_fields(bundled, ident) == (old, version)


def test_applying_before_again_undoes_the_edit_exactly(bundled: Store) -> None:
    ident = action_id(bundled, "15")
    edit_action(bundled, action_id=ident,
                values=replace(action_fields(bundled, ident)[0], fields={"Note": "kept"}),
                expected_version=1, now=NOW)  # fmt: skip
    original, version = action_fields(bundled, ident)
    row_before = show_action(bundled, PLAN, "15", today=TODAY).row
    changed = ActionFields(
        text="Something else", leads=("Probation", "New Partner"), owner="NW",
        due=date(2021, 12, 31), start_after=date(2021, 4, 1), fields={"Other": "x"},
    )  # fmt: skip
    result = edit_action(bundled, action_id=ident, values=changed, expected_version=version,
                         now=NOW)  # fmt: skip
    assert action_fields(bundled, ident)[0] == changed
    undo = edit_action(bundled, action_id=ident, values=result.before,
                       expected_version=result.version, now=LATER)  # fmt: skip
    assert undo.before == changed
    assert action_fields(bundled, ident) == (original, result.version + 1)
    row_after = show_action(bundled, PLAN, "15", today=TODAY).row
    assert row_after._replace(version=row_before.version) == row_before
    assert row_after.leads == (
        "PCC",
        "Nottinghamshire Police",
        "Probation",
        "Violence Reduction Unit",
        "Local authorities",
        "CCGs",
    )


def test_editing_a_deleted_action_says_it_is_gone(bundled: Store) -> None:
    ident = action_id(bundled, "2")
    old, version = action_fields(bundled, ident)
    delete_action(bundled, action_id=ident, expected_version=version)
    with pytest.raises(NotFoundError, match="no longer exists"):
        edit_action(bundled, action_id=ident, values=old, expected_version=version, now=NOW)
    with pytest.raises(NotFoundError):
        action_fields(bundled, ident)


# ------------------------------------------------------------------ add_action


def test_a_new_action_takes_the_next_number_and_goes_last_in_its_theme(bundled: Store) -> None:
    assert next_ref(bundled, PLAN) == "24"
    assert next_ref(bundled, "dsv-strategy-2015") == "7"  # 12.1 ... are not whole numbers
    assert next_ref(bundled, "sfh-review-2014") == "8"  # EI1 ... are not numbers
    before = refs(bundled, plan=PLAN)
    values = ActionFields(text="Commission a kangarooscheme programme.", leads=("VRU",), owner="KD")
    ident, ref = add_action(bundled, plan_key=PLAN, theme="prevention", values=values, now=LATER)
    assert ref == "24"
    assert refs(bundled, plan=PLAN, theme="Prevention") == ["4", "5", "24"]
    position = before.index("5") + 1
    assert refs(bundled, plan=PLAN) == [*before[:position], "24", *before[position:]]
    detail = show_action(bundled, PLAN, "24", today=TODAY)
    assert detail.row.id == ident
    assert detail.row.theme == "Prevention"
    assert detail.row.leads == ("Violence Reduction Unit",)
    assert (detail.row.owner, detail.row.status, detail.row.version) == ("KD", None, 1)
    assert (detail.created_at, detail.modified_at) == (LATER, LATER)
    assert (detail.updates, detail.history) == ((), ())
    assert next_ref(bundled, PLAN) == "25"
    assert search(bundled, "kangarooscheme") == ["24"]


def test_a_new_action_can_have_its_own_ref(bundled: Store) -> None:
    values = ActionFields(text="Recovery plan.")
    _, ref = add_action(
        bundled, plan_key=PLAN, theme="Covid 19", values=values, now=NOW, ref=" C1 "
    )
    assert ref == "C1"
    assert refs(bundled, plan=PLAN)[-3:] == ["22", "23", "C1"]
    assert next_ref(bundled, PLAN) == "24"


def test_a_ref_already_taken_is_refused(bundled: Store) -> None:
    before = export_text(bundled, now=NOW)
    with pytest.raises(ConflictError, match="already has a ref 5"):
        add_action(bundled, plan_key=PLAN, theme="Prevention",
                   values=ActionFields(text="Dup."), now=NOW, ref="5")  # fmt: skip
    assert export_text(bundled, now=NOW) == before


def test_an_unknown_theme_is_refused_with_a_suggestion(bundled: Store) -> None:
    with pytest.raises(NotFoundError) as caught:
        add_action(bundled, plan_key=PLAN, theme="Preventon",
                   values=ActionFields(text="x"), now=NOW)  # fmt: skip
    assert "has no theme 'Preventon'" in str(caught.value)
    assert "did you mean 'Prevention'?" in str(caught.value)
    assert len(refs(bundled, plan=PLAN)) == 23


def test_a_new_action_is_checked_like_an_edit(bundled: Store) -> None:
    with pytest.raises(InputError, match="needs its text"):
        add_action(bundled, plan_key=PLAN, theme="Prevention",
                   values=ActionFields(text=" "), now=NOW)  # fmt: skip
    with pytest.raises(InputError, match="cannot start after"):
        add_action(bundled, plan_key=PLAN, theme="Prevention",
                   values=ActionFields(text="x", due=date(2021, 1, 1),
                                       start_after=date(2021, 2, 1)), now=NOW)  # fmt: skip
    assert len(refs(bundled, plan=PLAN)) == 23


# ------------------------------------------------------- delete and restore


def _everything(store: Store, ref: str) -> tuple[object, ...]:
    """All a user can see of the plan and of one action."""
    return (
        show_action(store, PLAN, ref, today=TODAY),
        list_actions(store, ListFilters(plan=PLAN), today=TODAY),
        export_text(store, now=NOW),
        plan_summaries(store, PLAN),
        agencies(store),
    )


def test_delete_then_restore_puts_the_action_back_exactly(bundled: Store) -> None:
    ident = action_id(bundled, "5")
    old, version = action_fields(bundled, ident)
    edit_action(bundled, action_id=ident,
                values=replace(old, text=old.text + " Including the quokkaproject.",
                               owner="NW", fields={"Budget": "£60,000"}),
                expected_version=version, now=NOW)  # fmt: skip
    set_status(bundled, plan_key=PLAN, ref="5", status="on-track", author="kd", now=NOW,
               reason="funded")  # fmt: skip
    set_status(bundled, plan_key=PLAN, ref="5", status="complete", author="nw", now=LATER)
    kept = add_update(bundled, plan_key=PLAN, ref="5", body="Wombatscheme evaluated.",
                      day=TODAY, author="kd", now=NOW)  # fmt: skip
    gone = add_update(bundled, plan_key=PLAN, ref="5", body="Posted in error numbat.",
                      day=TODAY, author="kd", now=NOW)  # fmt: skip
    correct_update(bundled, update_id=gone.id, body="Posted in error numbat, twice.",
                   day=TODAY, period=None, author="kd", by="kd", now=NOW)  # fmt: skip
    remove_update(bundled, update_id=gone.id, by="kd", now=LATER)
    revisions = update_revisions(bundled, gone.id)
    assert [r[2] for r in revisions] == ["corrected", "removed"]
    seen = _everything(bundled, "5")
    version = show_action(bundled, PLAN, "5", today=TODAY).row.version
    order = refs(bundled, plan=PLAN)

    deleted = delete_action(bundled, action_id=ident, expected_version=version)
    assert (deleted.plan, deleted.ref) == (PLAN, "5")
    assert not action_exists(bundled, ident)
    assert "5" not in refs(bundled, plan=PLAN)
    assert refs(bundled, plan=PLAN, theme="Prevention") == ["4"]
    assert search(bundled, "quokkaproject") == []
    assert search(bundled, "wombatscheme") == []
    exported = export_text(bundled, plan_keys=[PLAN], now=NOW)
    assert 'ref = "5"' not in exported and "quokkaproject" not in exported
    assert plan_summaries(bundled, PLAN)[0].total == 22
    with pytest.raises(NotFoundError):
        show_action(bundled, PLAN, "5", today=TODAY)
    assert update_revisions(bundled, gone.id) == []

    assert restore_action(bundled, deleted) == ident
    assert action_exists(bundled, ident)
    assert _everything(bundled, "5") == seen
    assert refs(bundled, plan=PLAN) == order
    assert action_fields(bundled, ident)[1] == version
    assert search(bundled, "quokkaproject") == ["5"]
    assert search(bundled, "wombatscheme") == ["5"]
    assert search(bundled, "numbat") == []  # the removed update stays removed
    assert update_revisions(bundled, gone.id) == revisions
    detail = show_action(bundled, PLAN, "5", today=TODAY)
    assert detail.updates[0].id == kept.id
    assert [(h.from_key, h.to_key, h.by) for h in detail.history] == [
        (None, "on-track", "kd"),
        ("on-track", "complete", "nw"),
    ]

    restore_update(bundled, update_id=gone.id, by="kd", now=LATER)
    assert search(bundled, "numbat twice") == ["5"]
    assert gone.id in [u.id for u in show_action(bundled, PLAN, "5", today=TODAY).updates]


def test_a_restored_action_can_be_edited_with_its_old_version(bundled: Store) -> None:
    ident = action_id(bundled, "9")
    old, version = action_fields(bundled, ident)
    restore_action(bundled, delete_action(bundled, action_id=ident, expected_version=version))
    edit_action(bundled, action_id=ident, values=replace(old, owner="HK"),
                expected_version=version, now=NOW)  # fmt: skip
    assert action_fields(bundled, ident) == (replace(old, owner="HK"), version + 1)


def test_a_delete_based_on_an_old_read_is_refused(bundled: Store) -> None:
    ident = action_id(bundled, "8")
    version = action_fields(bundled, ident)[1]
    set_status(bundled, plan_key=PLAN, ref="8", status="on-track", author="colleague", now=NOW)
    with pytest.raises(ConflictError, match="untriaged → on-track by colleague"):
        delete_action(bundled, action_id=ident, expected_version=version)
    assert action_exists(bundled, ident)
    assert "8" in refs(bundled, plan=PLAN)


def test_restoring_when_someone_took_the_ref_is_a_conflict(bundled: Store) -> None:
    ident = action_id(bundled, "5")
    deleted = delete_action(bundled, action_id=ident, expected_version=1)
    new_id, _ = add_action(bundled, plan_key=PLAN, theme="Covid 19",
                           values=ActionFields(text="Took the ref."), now=NOW, ref="5")  # fmt: skip
    before = export_text(bundled, now=NOW)
    with pytest.raises(ConflictError, match="ref 5 of plan pcc-da-2020 cannot come back"):
        restore_action(bundled, deleted)
    assert export_text(bundled, now=NOW) == before
    assert show_action(bundled, PLAN, "5", today=TODAY).row.id == new_id
    assert not action_exists(bundled, ident)


def test_restore_survives_an_unrelated_update_added_meanwhile(bundled: Store) -> None:
    add_update(bundled, plan_key=PLAN, ref="5", body="Newest update.", day=TODAY,
               author="kd", now=NOW)  # fmt: skip
    ident = action_id(bundled, "5")
    deleted = delete_action(bundled, action_id=ident, expected_version=1)
    add_update(bundled, plan_key=PLAN, ref="6", body="Unrelated.", day=TODAY,
               author="nw", now=NOW)  # fmt: skip
    restore_action(bundled, deleted)
    assert show_action(bundled, PLAN, "5", today=TODAY).updates[0].body == "Newest update."


def test_restore_survives_an_unrelated_action_added_meanwhile(bundled: Store) -> None:
    ident, _ = add_action(bundled, plan_key=PLAN, theme="Prevention",
                          values=ActionFields(text="Added then deleted."), now=NOW)  # fmt: skip
    deleted = delete_action(bundled, action_id=ident, expected_version=1)
    add_action(bundled, plan_key="da-jsna", theme="Prevention",
               values=ActionFields(text="Someone else's new action."), now=NOW)  # fmt: skip
    assert restore_action(bundled, deleted) == ident
    assert show_action(bundled, PLAN, "24", today=TODAY).row.text == "Added then deleted."


# ------------------------------------------------------------------ themes


def test_a_new_theme_goes_last(bundled: Store) -> None:
    add_theme(bundled, plan_key=PLAN, name="  Recovery  ", description=" After Covid ")
    themes = [t.name for t in plan_summaries(bundled, PLAN)[0].themes]
    assert themes[-2:] == ["Covid 19", "Recovery"]
    assert len(themes) == 10
    add_action(bundled, plan_key=PLAN, theme="recovery", values=ActionFields(text="x"), now=NOW)
    assert refs(bundled, plan=PLAN)[-1] == "24"
    assert refs(bundled, plan=PLAN, theme="Recovery") == ["24"]
    assert 'description = "After Covid"' in export_text(bundled, plan_keys=[PLAN], now=NOW)


def test_a_theme_name_is_unique_whatever_its_case(bundled: Store) -> None:
    with pytest.raises(ConflictError, match="already has a theme 'PREVENTION'"):
        add_theme(bundled, plan_key=PLAN, name="PREVENTION")
    with pytest.raises(InputError, match="needs a name"):
        add_theme(bundled, plan_key=PLAN, name="  ")
    assert len(plan_summaries(bundled, PLAN)[0].themes) == 9
    add_theme(bundled, plan_key="da-jsna", name="Covid 19")  # another plan may have it


# ------------------------------------------------------------------- plans


@pytest.mark.parametrize("scheme", ["pcc-2020", "rag"])
def test_a_new_plan_copies_a_built_in_scheme(store: Store, scheme: str) -> None:
    key = add_plan(store, key=" VAWG-2025 ", title="VAWG strategy", issuing_body="PCC",
                   scheme=scheme, now=NOW, period=" 2025-28 ")  # fmt: skip
    assert key == "vawg-2025"
    (summary,) = plan_summaries(store)
    template = BUILT_IN[scheme]
    assert (summary.key, summary.title, summary.issuing_body, summary.period) == (
        "vawg-2025", "VAWG strategy", "PCC", "2025-28",
    )  # fmt: skip
    assert summary.scheme_name == template.name
    assert [
        (s.key, s.label, s.meaning, s.symbol, s.category, s.colour, s.aliases)
        for s in summary.statuses
    ] == [
        (s.key, s.label, s.meaning, s.symbol, s.category, s.colour, s.aliases)
        for s in template.statuses
    ]
    assert [t.name for t in summary.themes] == ["General"]
    assert summary.total == 0
    _, ref = add_action(store, plan_key=key, theme="General",
                        values=ActionFields(text="First."), now=NOW)  # fmt: skip
    assert ref == "1"
    word = template.statuses[0].symbol
    set_status(store, plan_key=key, ref="1", status=word, author="x", now=NOW)
    assert show_action(store, key, "1", today=TODAY).row.status.key == template.statuses[0].key  # type: ignore[union-attr]


def test_a_new_plan_can_name_its_first_theme(store: Store) -> None:
    add_plan(store, key="p1", title="T", issuing_body="B", scheme="rag", now=NOW,
             first_theme="Prevention")  # fmt: skip
    assert [t.name for t in plan_summaries(store, "p1")[0].themes] == ["Prevention"]


@pytest.mark.parametrize("key", ["", "vawg 2025", "-vawg", "vawg/2025", "vawg_2025!"])
def test_a_bad_plan_key_is_refused(store: Store, key: str) -> None:
    with pytest.raises(InputError, match="cannot be a plan key"):
        add_plan(store, key=key, title="T", issuing_body="B", scheme="rag", now=NOW)
    assert plan_summaries(store) == []


def test_a_plan_needs_a_title_and_issuing_body(store: Store) -> None:
    with pytest.raises(InputError, match="title and an issuing body"):
        add_plan(store, key="p", title=" ", issuing_body="B", scheme="rag", now=NOW)
    with pytest.raises(InputError, match="title and an issuing body"):
        add_plan(store, key="p", title="T", issuing_body="", scheme="rag", now=NOW)
    assert plan_summaries(store) == []


def test_a_plan_key_already_used_is_refused(bundled: Store) -> None:
    with pytest.raises(ConflictError, match="already a plan pcc-da-2020"):
        add_plan(bundled, key="PCC-DA-2020", title="T", issuing_body="B", scheme="rag", now=NOW)
    assert plan_summaries(bundled, PLAN)[0].title != "T"
    assert len(plan_summaries(bundled)) == 5


def test_an_unknown_scheme_is_refused(store: Store) -> None:
    with pytest.raises(NotFoundError) as caught:
        add_plan(store, key="p", title="T", issuing_body="B", scheme="traffic-lights", now=NOW)
    assert "no built-in scheme 'traffic-lights'" in str(caught.value)
    assert "pcc-2020, rag" in str(caught.value)
    assert plan_summaries(store) == []
