import tomllib
from datetime import UTC, date, datetime

import pytest

from planterm.errors import InputError
from planterm.io import snapshot

MINIMAL = """\
format = "planterm-snapshot"
version = 1

[[agencies]]
name = "Nottinghamshire Police"
aliases = ["Force"]

[[plans]]
key = "demo"
title = "Demo plan"
issuing_body = "OPCC"

[plans.scheme]
key = "rag"
name = "RAG"

[[plans.scheme.statuses]]
key = "green"
label = "Green"
meaning = "Fine"
symbol = "G"
category = "done"

[[plans.themes]]
name = "Only theme"

[[actions]]
plan = "demo"
theme = "Only theme"
ref = "1"
text = "Do the thing"
leads = ["Force"]
status = "green"
due = 2021-03-31

[[actions.updates]]
date = 2021-03-31
body = "Done"

[[actions]]
plan = "demo"
theme = "Only theme"
ref = "2"
text = "Do the next thing"
"""


def test_a_minimal_snapshot_reads() -> None:
    doc = snapshot.parse(MINIMAL, source="demo.toml")
    assert [a.ref for a in doc.actions] == ["1", "2"]
    assert doc.actions[0].due == date(2021, 3, 31)
    assert doc.actions[1].status is None  # absent means untriaged


def test_rendering_leaves_out_every_empty_value() -> None:
    doc = snapshot.parse(MINIMAL, source="demo.toml")
    text = snapshot.render(doc)
    assert "None" not in text and "[]" not in text and "{}" not in text
    assert "owner" not in text and "start_after" not in text
    again = snapshot.parse(text, source="again.toml")
    assert snapshot.render(again) == text


def test_rendering_is_stable_and_keeps_text_exactly() -> None:
    tricky = 'Line one\r\nline two\ttab "quoted" \\ back \x1b[31m red ✔ £'
    doc = snapshot.parse(MINIMAL, source="demo.toml")
    doc.actions[0].text = tricky
    doc.exported_at = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    text = snapshot.render(doc)
    assert tomllib.loads(text)["actions"][0]["text"] == tricky
    assert snapshot.parse(text, source="x").actions[0].text == tricky
    assert "exported_at = 2026-11-23 09:30:00+00:00" in text


def test_a_byte_order_mark_is_accepted() -> None:
    assert snapshot.parse("\ufeff" + MINIMAL, source="bom.toml").plans[0].key == "demo"


def test_errors_point_at_the_line_of_the_record() -> None:
    bad = MINIMAL.replace('text = "Do the next thing"', 'text = "Do the next thing"\ncolour = 3')
    with pytest.raises(InputError) as caught:
        snapshot.parse(bad, source="demo.toml")
    line = bad.splitlines().index("colour = 3") + 1
    assert str(caught.value).startswith(f"demo.toml, line {line}: action demo ref 2:")
    assert "unknown key 'colour'" in str(caught.value)


def test_a_wrong_type_names_the_field_and_line() -> None:
    bad = MINIMAL.replace("due = 2021-03-31", 'due = "soon"')
    with pytest.raises(InputError) as caught:
        snapshot.parse(bad, source="demo.toml")
    line = bad.splitlines().index('due = "soon"') + 1
    assert f"line {line}" in str(caught.value)
    assert "action demo ref 1: due" in str(caught.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('ref = "2"', 'ref = "1"'), "ref 1 appears twice in plan demo"),
        (('status = "green"', 'status = "purple"'), "status 'purple' is not in the plan's scheme"),
        (('leads = ["Force"]', 'leads = ["Police Scotland"]'), "'Police Scotland' is not among"),
        (('leads = ["Force"]', 'leads = ["Force", "nottinghamshire police"]'), "named twice"),
        (('theme = "Only theme"\nref = "2"', 'theme = "Other"\nref = "2"'), "theme 'Other'"),
        (('key = "demo"', 'key = "Demo Plan"'), "key: String should match pattern"),
    ],
)
def test_cross_references_are_checked(change: tuple[str, str], message: str) -> None:
    bad = MINIMAL.replace(*change)
    assert bad != MINIMAL
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        snapshot.parse(bad, source="demo.toml")


def test_line_of_follows_nested_array_headers() -> None:
    loc = ("actions", 0, "updates", 0, "body")
    assert snapshot.line_of(MINIMAL, loc) == MINIMAL.splitlines().index('body = "Done"') + 1
    assert snapshot.line_of(MINIMAL, ("plans", 0, "title")) == 10
