"""--json is exactly what json.dumps(indent=2) writes, control characters escaped."""

import json
import random
from typing import Any

import pytest

from planterm.cli.output import dumps_json

LEAVES: list[Any] = ["", "a\nb", "é ‮\x1b[31m", 0, -3, 2.5, 1e100, True, False, None,
                     '"q\\', "😀", "[bold]x[/]", 10**30]  # fmt: skip


def _value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 4 or roll < 0.4:
        return rng.choice(LEAVES)
    if roll < 0.7:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {f"k{i}é": _value(rng, depth + 1) for i in range(rng.randint(0, 4))}


def test_it_writes_what_the_standard_library_writes_indented() -> None:
    rng = random.Random(5)
    for _ in range(2000):
        value = _value(rng)
        expected = json.dumps(value, ensure_ascii=False, indent=2)
        for char in ("\u202e", "\x85"):
            expected = expected.replace(char, f"\\u{ord(char):04x}")
        assert dumps_json(value) == expected
        assert json.loads(dumps_json(value)) == json.loads(expected)


def test_control_characters_never_reach_the_terminal() -> None:
    text = dumps_json({"t": "\x1b]52;c;aGk=\x07 \u202e \x9b"})
    assert not any(
        ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in text if c != "\n"
    )


def test_a_key_that_is_not_text_is_a_bug_not_a_guess() -> None:
    with pytest.raises(TypeError):
        dumps_json({1: "a"})
