"""Editor fields: user text shown safe, given back exactly unless changed."""

from planterm.ui.field_text import kept, pasted, shown
from tests import hostile


def test_a_field_left_as_it_opened_gives_back_the_stored_text() -> None:
    for raw in (hostile.EVERYTHING, "Owner\nsecond line", ""):
        for one_line in (False, True):
            field = shown(raw, one_line=one_line)
            assert not hostile.leaked(field)
            assert kept(field, raw, one_line=one_line) == raw
    assert shown(hostile.OSC52) == "\\x1b]52;c;SGVsbG8=\\x07"
    assert shown("a\nb", one_line=True) == "a / b"
    assert shown("one\r\ntwo") == "one\ntwo", "a Windows line end is not shown as \\x0d"
    assert kept("one\ntwo", "one\r\ntwo") == "one\r\ntwo"


def test_a_changed_field_gives_what_it_shows() -> None:
    field = shown(hostile.CSI) + " and more"
    assert kept(field, hostile.CSI) == "\\x1b[31mred\\x1b[0m\\x1b[2J and more"


def test_a_paste_keeps_its_lines_and_shows_its_controls() -> None:
    assert pasted("one\r\ntwo\rthree\n\tfour") == "one\ntwo\nthree\n\tfour"
    assert pasted(hostile.TITLE + hostile.C1 + hostile.BIDI) == (
        "\\x1b]0;pwned\\x07\\x9b31mcsi\\u202eevil\\u202c \\u2066iso\\u2069"
    )
    assert pasted(hostile.EMOJI + hostile.ZERO_WIDTH) == hostile.EMOJI + hostile.ZERO_WIDTH
