"""Parsing a big snapshot on two processors: `tomllib.loads`, in two halves at once.

`tomllib` is pure Python and takes most of a big import (several seconds for
ten thousand actions). A snapshot is mostly its `[[actions]]`, so `loads` cuts
the text at an `[[actions]]` header near the middle, parses the second half in
a forked child while this process parses the first, and joins the two
`actions` arrays: the same dict, in the same order, that one `tomllib.loads`
gives.

The cut is only made where it cannot change the meaning, and the halves are
only joined when both parse and the second holds nothing but `actions`:

- no multi-line string anywhere (no triple quote), so every line that reads
  exactly `[[actions]]` is a header, never text inside a value;
- the cut is at a header that is not the first `[[actions]]`, so the first
  half already holds `actions` as an array of tables, and every header in the
  second half (`[[actions]]`, `[actions.fields]`, `[[actions.updates]]`, ...)
  appends to or fills an element of its own;
- the second half, parsed alone, gives the one key `actions`, a list.

Anything else (a small text, one processor, other threads running, no fork,
either half failing) parses the whole text in this process, so a broken file
gets the very `TOMLDecodeError`, line and column, that `tomllib` gives it.
"""

import os
import pickle
import signal
import threading
import tomllib
from collections.abc import Callable
from typing import Any, NoReturn

# Below this many characters forking costs more than it saves.
SPLIT_FROM = 2_000_000

# The share of the text this process parses: a little more than half, as the
# child also pickles its half (about a sixth of its parse) before this process
# can take it, less what `meanwhile` usually takes (importing SQLAlchemy).
OWN_SHARE = 0.52

_HEADER = "\n[[actions]]\n"


def loads(text: str, *, meanwhile: Callable[[], object] | None = None) -> dict[str, Any]:
    """`tomllib.loads(text)`, on two processors when the text is big enough to gain.

    `meanwhile` (say, importing what the caller needs next) runs here while the
    child parses its half, or first when the text is parsed whole.
    """
    cut = _cut(text)
    if cut is None:
        if meanwhile is not None:
            meanwhile()
        return tomllib.loads(text)
    joined = _parse_halves(text[:cut], text[cut:], meanwhile)
    return joined if joined is not None else tomllib.loads(text)


def _cut(text: str) -> int | None:
    """Where the second half starts (the `[` of an `[[actions]]` line), or None."""
    if len(text) < SPLIT_FROM or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return None
    if threading.active_count() > 1 or '"""' in text or "'''" in text:
        return None
    first = text.find(_HEADER)
    middle = int(len(text) * OWN_SHARE)
    at = text.find(_HEADER, middle)
    if first < 0 or at <= first:
        at = text.rfind(_HEADER, 0, middle)
        if at <= first:
            return None
    return at + 1


def _parse_halves(
    head: str, tail: str, meanwhile: Callable[[], object] | None
) -> dict[str, Any] | None:
    """Both halves parsed and joined, or None when either fails or the tail holds more."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parse the tail, send it back, and leave at once
        os.close(read_end)
        _child(tail, write_end)
    os.close(write_end)
    sent = b""
    with os.fdopen(read_end, "rb") as pipe:
        try:
            if meanwhile is not None:
                meanwhile()
            first: Any = tomllib.loads(head)
            sent = pipe.read()
        except tomllib.TOMLDecodeError:
            first = None  # the caller parses the whole text, for tomllib's own error
        finally:
            if not sent:  # failed or interrupted: the child's half is wanted no more
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    if first is None or not sent:
        return None
    second = pickle.loads(sent)
    if not isinstance(second, dict) or set(second) != {"actions"}:
        return None
    actions = first.get("actions")
    if not isinstance(actions, list) or not isinstance(second["actions"], list):
        return None
    actions.extend(second["actions"])
    return first


def _child(tail: str, write_end: int) -> NoReturn:  # pragma: no cover - the forked child
    code = 1
    try:
        data = pickle.dumps(tomllib.loads(tail), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        code = 0
    except BaseException:  # nothing sent means "parse it whole"
        pass
    finally:
        os._exit(code)
