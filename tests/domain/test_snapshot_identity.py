"""One rule for when two log entries are the same, shared by diff and merge."""

from datetime import UTC, date, datetime, timedelta, timezone

from planterm.domain.snapshot_identity import history_key, update_key
from planterm.io.snapshot import HistoryDoc, UpdateDoc
from planterm.services import diff, merge_rules

AT = datetime(2021, 4, 15, 9, 30, tzinfo=UTC)


def change(**values: object) -> HistoryDoc:
    fields = {"at": AT, "from": None, "to": "on-track", "by": "kd", "reason": "Referrals up"}
    return HistoryDoc.model_validate(fields | values)


def test_a_status_change_is_known_by_when_from_to_and_who() -> None:
    assert history_key(change()) == history_key(change(reason="Referrals are up"))
    assert history_key(change()) == history_key(change(reason=None))
    summer_time = AT.astimezone(timezone(timedelta(hours=1)))
    assert history_key(change()) == history_key(change(at=summer_time))  # the same instant
    for other in ({"at": AT + timedelta(seconds=1)}, {"from": "not-started"},
                  {"to": "complete"}, {"by": "nw"}):  # fmt: skip
        assert history_key(change()) != history_key(change(**other))


def test_an_update_is_known_by_its_date_period_author_and_body() -> None:
    update = UpdateDoc(date=date(2021, 5, 10), period="Q1 2021-22", author="NW", body="Booked.")
    assert update_key(update) == (date(2021, 5, 10), "Q1 2021-22", "NW", "Booked.")
    assert update_key(update) != update_key(update.model_copy(update={"author": None}))


def test_diff_and_merge_use_the_same_rule() -> None:
    assert diff.history_key is merge_rules.history_key is history_key
    assert diff.update_key is merge_rules.update_key is update_key
