"""`toml_halves.loads` gives what `tomllib.loads` gives, errors included, cut or not."""

import tomllib

import pytest

from planterm.io import toml_halves

HEAD = """\
format = "planterm-snapshot"
version = 1
exported_at = 2026-11-23T09:00:00Z

[[plans]]
key = "demo"
title = "Demo"
"""


def action(n: int) -> str:
    return f"""
[[actions]]
plan = "demo"
ref = "{n}"
text = "Action {n} [[actions]] in text"
due = 2026-03-{1 + n % 28:02d}

[actions.fields]
note = "n{n}"

[[actions.updates]]
date = 2026-01-{1 + n % 28:02d}
body = "update {n}"

[[actions.history]]
at = 2026-02-01T10:00:00+01:00
to = "green"
by = "me"
"""


BIG = HEAD + "".join(action(n) for n in range(40))


@pytest.fixture(autouse=True)
def small_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut texts of any size, so small test texts take the two-process way."""
    monkeypatch.setattr(toml_halves, "SPLIT_FROM", 0)
    monkeypatch.setattr(toml_halves.os, "cpu_count", lambda: 2)


def test_a_cut_text_gives_the_same_dict_in_the_same_order() -> None:
    assert toml_halves._cut(BIG) is not None
    got = toml_halves.loads(BIG)
    assert got == tomllib.loads(BIG)
    assert list(got) == list(tomllib.loads(BIG))
    assert [a["ref"] for a in got["actions"]] == [str(n) for n in range(40)]


def test_tables_after_the_actions_are_read_whole() -> None:
    text = BIG + '\n[[agencies]]\nname = "Late"\n'
    assert toml_halves.loads(text) == tomllib.loads(text)


@pytest.mark.parametrize(
    "broken",
    [
        BIG + "\n[[actions]]\nref = \n",  # an error in the second half
        BIG.replace('ref = "1"', "ref = 1 1", 1),  # an error in the first half
        BIG + '\n[actions]\nplan = "x"\n',  # a table that clashes with the array
        BIG + '\n[plans]\nkey = "late"\n',  # a table the first half made an array
    ],
    ids=["second half", "first half", "actions table", "plans table"],
)
def test_a_broken_text_raises_what_tomllib_raises(broken: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as expected:
        tomllib.loads(broken)
    with pytest.raises(tomllib.TOMLDecodeError) as got:
        toml_halves.loads(broken)
    assert str(got.value) == str(expected.value)


def test_multi_line_strings_are_never_cut() -> None:
    text = BIG + '\n[[actions]]\nplan = "demo"\ntext = """\n[[actions]]\nref = 1\n"""\n'
    assert toml_halves._cut(text) is None
    assert toml_halves.loads(text) == tomllib.loads(text)


def test_one_action_is_never_cut() -> None:
    text = HEAD + action(1)
    assert toml_halves._cut(text) is None
    assert toml_halves.loads(text) == tomllib.loads(text)


@pytest.mark.parametrize("text", [BIG, HEAD + action(1)], ids=["cut", "whole"])
def test_meanwhile_runs_once_either_way(text: str) -> None:
    calls: list[int] = []
    assert toml_halves.loads(text, meanwhile=lambda: calls.append(1)) == tomllib.loads(text)
    assert calls == [1]


def test_a_failing_meanwhile_stops_the_child_and_raises() -> None:
    def fail() -> None:
        raise ImportError("no such thing")

    with pytest.raises(ImportError):
        toml_halves.loads(BIG, meanwhile=fail)
