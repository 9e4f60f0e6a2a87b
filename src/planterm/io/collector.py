"""Pausing Python's cycle collector for work that makes many objects and no cycles.

Checking and importing a snapshot of ten thousand actions makes hundreds of
thousands of small objects (models, rows) on top of the parsed file. The
allocations set the collector off again and again, and each full pass walks
every live object, the parsed file included: a third of the check's time and
a tenth of the write's. None of that work makes a cycle, so pausing the
collector for it loses nothing; it runs again as soon as the block ends.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off inside the block (and back as it was after)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
