"""The detail pane's word wrap: every line fits, nothing is lost, ordinary text wraps as Rich's."""

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from planterm.ui.wrapping import wrap_offsets

WORDS = ["partnership", "the", "a", "board", "domestic", "abuse", "review", "x" * 70,
         "émigré", "日本語の文章", "👩\u200d👩\u200d👧", "e\u0301te\u0301", "  ", "\n"]  # fmt: skip


def lines(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in wrap_offsets(text, width)]


@given(st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join), st.integers(2, 90))
def test_every_line_fits_and_no_character_is_lost(text: str, width: int) -> None:
    wrapped = lines(text, width)
    assert all(cell_len(line) <= width for line in wrapped)
    assert "".join(wrapped).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert all(line == line.rstrip() for line in wrapped)
    assert len(wrapped) >= text.count("\n") + 1


@given(st.lists(st.sampled_from(WORDS[:7]), max_size=80).map(" ".join), st.integers(12, 90))
def test_ordinary_words_wrap_as_rich_wraps_them(text: str, width: int) -> None:
    console = Console(width=200)
    rich = [line.plain.rstrip() for line in Text(text).wrap(console, width, overflow="fold")]
    assert lines(text, width) == rich


def test_a_word_wider_than_the_line_is_folded_and_wide_characters_count_two() -> None:
    assert lines("ab " + "x" * 12, 5) == ["ab", "xxxxx", "xxxxx", "xx"]
    assert lines("日本語の文章", 5) == ["日本", "語の", "文章"]
    assert lines("one\n\ntwo", 10) == ["one", "", "two"]
    assert lines("  indented text", 40) == ["  indented text"]
