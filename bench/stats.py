"""Timings and verdicts: the arithmetic of the benchmark, with no I/O."""

import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

PASS = "PASS"
FAIL = "FAIL"


@dataclass(frozen=True)
class Timing:
    """Wall times of repeated runs of one command, in seconds."""

    samples: tuple[float, ...]

    def __post_init__(self) -> None:
        if not self.samples:
            raise ValueError("a timing needs at least one run")

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def min(self) -> float:
        return min(self.samples)

    @property
    def max(self) -> float:
        return max(self.samples)

    def as_json(self) -> dict[str, float | list[float]]:
        return {
            "median_s": round(self.median, 6),
            "min_s": round(self.min, 6),
            "max_s": round(self.max, 6),
            "samples_s": [round(s, 6) for s in self.samples],
        }


def ratio(measured: float, floor: float) -> float:
    """How many times the floor a figure is (infinite over a zero floor)."""
    return measured / floor if floor > 0 else float("inf")


def verdict(value: float, limit: float, *, strict: bool = False) -> str:
    """PASS when `value` is at most `limit` (below it, when `strict`)."""
    ok = value < limit if strict else value <= limit
    return PASS if ok else FAIL


class CommandFailed(RuntimeError):
    """A measured command exited non-zero: the figure would mean nothing."""


def time_command(
    argv: Sequence[str],
    *,
    runs: int,
    env: dict[str, str] | None = None,
    prepare: Callable[[], None] | None = None,
) -> Timing:
    """Whole-process wall time of `argv`, `runs` times; `prepare` runs untimed before each."""
    samples = []
    for _ in range(runs):
        if prepare is not None:
            prepare()
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, check=False)
        samples.append(time.perf_counter() - start)
        if done.returncode != 0:
            message = done.stderr.decode(errors="replace").strip().splitlines()
            raise CommandFailed(f"{' '.join(argv)}: {message[-1] if message else done.returncode}")
    return Timing(tuple(samples))
