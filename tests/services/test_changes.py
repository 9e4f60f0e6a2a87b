from datetime import UTC, date, datetime

import pytest

from planterm.errors import ConflictError, InputError, NotFoundError
from planterm.services.changes import add_update, set_status
from planterm.services.detail import show_action
from planterm.storage.store import Store
from tests.conftest import NOW, TODAY


def test_a_status_change_is_kept_with_who_when_and_why(bundled: Store) -> None:
    result = set_status(
        bundled, plan_key="pcc-da-2020", ref="3", status="on track", author="kd",
        now=NOW, reason="VAWG strategy agreed",
    )  # fmt: skip
    assert (result.changed, result.from_key, result.to_key) == (True, None, "on-track")
    later = datetime(2021, 4, 16, 10, 0, tzinfo=UTC)
    set_status(bundled, plan_key="pcc-da-2020", ref="3", status="✔", author="nw", now=later)
    detail = show_action(bundled, "pcc-da-2020", "3", today=TODAY)
    assert detail.row.status is not None and detail.row.status.key == "complete"
    assert [(h.from_key, h.to_key, h.by, h.reason) for h in detail.history] == [
        (None, "on-track", "kd", "VAWG strategy agreed"),
        ("on-track", "complete", "nw", None),
    ]
    assert detail.history[1].at == later
    assert detail.modified_at == later


def test_setting_the_same_status_changes_nothing(bundled: Store) -> None:
    result = set_status(
        bundled, plan_key="pcd-2019-20-t2", ref="1", status="G", author="x", now=NOW
    )
    assert not result.changed
    assert show_action(bundled, "pcd-2019-20-t2", "1", today=TODAY).history == ()


def test_back_to_untriaged_is_a_change_too(bundled: Store) -> None:
    set_status(bundled, plan_key="pcd-2019-20-t2", ref="1", status="untriaged", author="x", now=NOW)
    detail = show_action(bundled, "pcd-2019-20-t2", "1", today=TODAY)
    assert detail.row.status is None
    assert [(h.from_key, h.to_key) for h in detail.history] == [("green", None)]


def test_a_status_outside_the_scheme_is_refused_with_the_choices(bundled: Store) -> None:
    with pytest.raises(NotFoundError) as caught:
        set_status(bundled, plan_key="pcc-da-2020", ref="1", status="green", author="x", now=NOW)
    assert "complete, on-track, not-started, sequential" in str(caught.value)


def test_a_save_based_on_an_old_read_is_refused_naming_the_other_change(bundled: Store) -> None:
    seen = show_action(bundled, "pcc-da-2020", "4", today=TODAY).row.version
    set_status(
        bundled, plan_key="pcc-da-2020", ref="4", status="on-track", author="colleague",
        now=NOW, expected_version=seen,
    )  # fmt: skip
    with pytest.raises(ConflictError) as caught:
        set_status(
            bundled, plan_key="pcc-da-2020", ref="4", status="complete", author="me",
            now=NOW, expected_version=seen,
        )  # fmt: skip
    message = str(caught.value)
    assert "changed since you read it" in message
    assert "untriaged → on-track by colleague" in message
    detail = show_action(bundled, "pcc-da-2020", "4", today=TODAY)
    assert detail.row.status is not None and detail.row.status.key == "on-track"


def test_an_update_gets_the_quarter_of_its_date_by_default(bundled: Store) -> None:
    update = add_update(
        bundled, plan_key="pcc-da-2020", ref="2", body="Training booked.", day=TODAY,
        author="kd", now=NOW,
    )  # fmt: skip
    assert update.period == "Q1 2021-22"
    named = add_update(
        bundled, plan_key="pcc-da-2020", ref="2", body="More.", day=date(2021, 4, 20),
        author="kd", now=NOW, period="April - June 2021",
    )  # fmt: skip
    detail = show_action(bundled, "pcc-da-2020", "2", today=TODAY)
    assert [u.body for u in detail.updates] == ["More.", "Training booked.", detail.updates[2].body]
    assert detail.updates[0].period == named.period == "April - June 2021"
    assert detail.row.update_count == 3
    assert detail.row.last_update == date(2021, 4, 20)
    assert "stale" not in detail.row.flags


def test_updates_do_not_conflict_with_each_other(bundled: Store) -> None:
    version = show_action(bundled, "pcc-da-2020", "2", today=TODAY).row.version
    for who in ("a", "b"):
        add_update(bundled, plan_key="pcc-da-2020", ref="2", body=f"from {who}", day=TODAY,
                   author=who, now=NOW)  # fmt: skip
    set_status(bundled, plan_key="pcc-da-2020", ref="2", status="on-track", author="c", now=NOW,
               expected_version=version)  # fmt: skip


def test_an_empty_update_is_refused(bundled: Store) -> None:
    with pytest.raises(InputError, match="needs some text"):
        add_update(bundled, plan_key="pcc-da-2020", ref="2", body="  \n", day=TODAY,
                   author="x", now=NOW)  # fmt: skip


def test_user_text_is_stored_exactly(bundled: Store) -> None:
    body = "  [bold]not markup[/]\x1b]52;c;SGk=\x07 ‮rtl‬ 👩‍👩‍👧\n\n"
    add_update(bundled, plan_key="pcc-da-2020", ref="2", body=body, day=TODAY, author="x", now=NOW)
    assert show_action(bundled, "pcc-da-2020", "2", today=TODAY).updates[0].body == body
