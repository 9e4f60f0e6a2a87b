"""The status history lists changes in the order they were committed."""

from datetime import timedelta

from planterm.services.changes import set_status
from planterm.services.detail import show_action
from planterm.storage.store import Store
from tests.conftest import NOW, TODAY


def test_a_change_committed_after_another_is_listed_after_it_though_its_clock_read_earlier(
    bundled: Store,
) -> None:
    # The command line read its clock at NOW, then waited for the lock while a
    # colleague's change, stamped a minute later, was committed.
    later = NOW + timedelta(minutes=1)
    set_status(bundled, plan_key="pcc-da-2020", ref="3", status="on-track", author="colleague",
               now=later)  # fmt: skip
    set_status(bundled, plan_key="pcc-da-2020", ref="3", status="complete", author="me", now=NOW)

    detail = show_action(bundled, "pcc-da-2020", "3", today=TODAY)
    assert [(h.from_key, h.to_key, h.by) for h in detail.history] == [
        (None, "on-track", "colleague"),
        ("on-track", "complete", "me"),
    ]
    assert detail.history[1].at == later, "never stamped before the change it follows"
    assert detail.row.status is not None and detail.row.status.key == "complete"
