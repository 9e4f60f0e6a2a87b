"""One corpus of hostile user text, shared by every test that shows or stores it.

Each piece is something a plan could hold, pasted from a web page, a
document or a message, that would do harm if planterm treated it as
anything but text: Textual/Rich markup that styles, links or runs an
action; terminal escape sequences that recolour, clear the screen, set the
clipboard (OSC 52) or retitle the window; C1 controls; bidirectional
overrides that reorder what is shown; and text that is merely awkward
(zero-width and combining characters, a 5,000-character word, emoji).

`planterm.display` decides what is shown: controls and bidi characters as
visible escapes (ESC as the four characters `\\x1b`), everything else as it
is. `SHOWN` spells out that promise for each piece and `RAW` lists what must
never reach a terminal or a rendered screen.
"""

import re

MARKUP = "[bold]b[/bold] [link=https://x]l[/link] [/] [@click=app.quit]q[/]"
CSI = "\x1b[31mred\x1b[0m\x1b[2J"
OSC52 = "\x1b]52;c;SGVsbG8=\x07"
TITLE = "\x1b]0;pwned\x07"
C1 = "\x9b31mcsi"
BIDI = "\u202eevil\u202c \u2066iso\u2069"
ZERO_WIDTH = "zero\u200bwidth\u200djoin\ufeffbom"
COMBINING = "cafe\u0301 Z\u0351\u0352\u0353"
LONG_WORD = "w" * 5000
EMOJI = "👩\u200d👩\u200d👧 🇬🇧 🏳\ufe0f\u200d🌈 ✔"

PIECES = {
    "markup": MARKUP,
    "csi": CSI,
    "osc52": OSC52,
    "title": TITLE,
    "c1": C1,
    "bidi": BIDI,
    "zero_width": ZERO_WIDTH,
    "combining": COMBINING,
    "long_word": LONG_WORD,
    "emoji": EMOJI,
}

SHOWN = {
    "markup": MARKUP,
    "csi": "\\x1b[31mred\\x1b[0m\\x1b[2J",
    "osc52": "\\x1b]52;c;SGVsbG8=\\x07",
    "title": "\\x1b]0;pwned\\x07",
    "c1": "\\x9b31mcsi",
    "bidi": "\\u202eevil\\u202c \\u2066iso\\u2069",
    "zero_width": ZERO_WIDTH,  # kept: harmless to a terminal, and U+200D joins emoji
    "combining": COMBINING,
    "long_word": LONG_WORD,
    "emoji": EMOJI,
}
"""How each piece reads once shown (untruncated): what a test looks for."""

SHORT = " ".join(v for k, v in PIECES.items() if k != "long_word")
"""Every piece but the long word, on one line: fits where a field is cut short."""

EVERYTHING = SHORT + " " + LONG_WORD

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Characters that must never reach a terminal or a rendered screen: C0 controls
but new line and tab, DEL, C1 controls, and the bidirectional controls.

Written out here rather than imported from `planterm.display`, so that a
character dropped from there makes these tests fail."""


def leaked(text: str) -> list[str]:
    """The raw control and bidi characters in `text`, as visible escapes (empty: none)."""
    return sorted({repr(c) for c in RAW.findall(text)})


PLAN = "hostile"
AGENCY = f"Agency {SHORT}"
THEME = f"Theme {SHORT}"
TITLE_OF_PLAN = f"Plan {SHORT}"
GREEN = f"Green {MARKUP} {OSC52}"
OWNER = f"Owner {SHORT}"
AUTHOR = f"Author {SHORT}"


def snapshot() -> dict[str, object]:
    """A snapshot of one plan with hostile text in every field a user writes.

    Action N holds piece N (in `PIECES` order) as its text, and its update's
    body; action 1 also holds every piece at once, in its owner, and its
    lead is the hostile agency.
    """
    from datetime import date

    actions: list[dict[str, object]] = []
    for number, (name, piece) in enumerate(PIECES.items(), start=1):
        actions.append({
            "plan": PLAN, "theme": THEME, "ref": str(number), "text": f"{name}: {piece}",
            "status": "green" if number % 2 else "red", "due": date(2021, 3, 31),
            "updates": [{"date": date(2021, 3, number), "period": "Q4", "author": AUTHOR,
                         "body": f"update {name}: {piece}"}],
        })  # fmt: skip
    actions[0].update(leads=[AGENCY], owner=OWNER)
    return {
        "format": "planterm-snapshot",
        "version": 1,
        "agencies": [{"name": AGENCY}],
        "plans": [{
            "key": PLAN, "title": TITLE_OF_PLAN, "issuing_body": f"Body {SHORT}",
            "period": "2021", "themes": [{"name": THEME}],
            "scheme": {"key": "rag", "name": "RAG", "statuses": [
                {"key": "green", "label": GREEN, "meaning": f"Done {TITLE}", "symbol": "G",
                 "category": "done", "colour": "#2E7D32"},
                {"key": "red", "label": "Red", "meaning": f"Stuck {CSI}", "symbol": "R",
                 "category": "at-risk", "colour": "#C62828"},
            ]},
        }],
        "actions": actions,
    }  # fmt: skip


MARKS = {
    "markup": "[bold]b[/bold] [link=https://x]l[/link] [/]",
    "csi": "\\x1b[31mred\\x1b[0m\\x1b[2J",
    "osc52": "\\x1b]52;c;SGVsbG8=\\x07",
    "title": "\\x1b]0;pwned\\x07",
    "c1": "\\x9b31mcsi",
    "bidi": "\\u202eevil\\u202c",
    "zero_width": ZERO_WIDTH,
    "combining": COMBINING,
    "long_word": "w" * 40,
    "emoji": EMOJI,
}
"""A short piece of what each piece shows as, to look for on a screen that cuts text."""
