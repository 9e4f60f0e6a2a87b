"""The run's settings: which day it is, and the time stamped on what a run writes."""

from datetime import UTC, date, datetime, timedelta, timezone

from planterm.config import Settings

CLOCK = datetime(2030, 1, 1, 12, 34, 56, tzinfo=UTC)


def test_without_a_given_day_the_clock_stamps_what_a_run_writes() -> None:
    settings = Settings.resolve(environ={})
    assert not settings.today_given
    assert settings.moment(CLOCK) == CLOCK


def test_a_rehearsed_day_stamps_that_day_at_the_clocks_time_of_day() -> None:
    for settings in (
        Settings.resolve(today="2021-04-15", environ={}),
        Settings.resolve(environ={"PLANTERM_TODAY": "2021-04-15"}),
    ):
        assert settings.today_given
        assert settings.moment(CLOCK) == datetime(2021, 4, 15, 12, 34, 56, tzinfo=UTC)
    # The clock's time of day is taken in UTC, whatever offset the clock carries.
    paris = CLOCK.astimezone(timezone(timedelta(hours=1)))
    assert Settings.resolve(today="2021-04-15", environ={}).moment(paris) == datetime(
        2021, 4, 15, 12, 34, 56, tzinfo=UTC
    )


def test_a_given_day_that_is_the_clocks_own_date_keeps_the_clock() -> None:
    clock = datetime.now(UTC).replace(microsecond=0)
    local_today = clock.astimezone().date()
    settings = Settings.resolve(today=local_today.isoformat(), environ={})
    assert settings.moment(clock) == clock
    assert Settings.resolve(today=date(2021, 4, 15).isoformat(), environ={}).moment(clock) != clock
