"""The meeting view's list of changes, line by line (no app needed)."""

from planterm.ui.widgets.change_list import theme_lines
from tests.cli.test_diff_command import summer_time_move


def test_a_status_change_is_dated_in_utc() -> None:
    ((kind, ref, what),) = theme_lines(summer_time_move().plans[0].themes[0])
    assert (kind, ref) == ("Status", "10")
    assert what.plain.endswith(", by kd on 2021-04-14")
