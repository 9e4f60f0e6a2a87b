"""Views turned into Rich text for widgets; user text never parsed as markup.

Every string from the database goes through `planterm.display` (control
characters made visible) and into a `Text` object, which Textual shows as
it is: "[bold]" stays "[bold]".
"""

from datetime import date

from rich.style import Style
from rich.text import Text

from planterm.display import first_line, safe_line
from planterm.domain.schemes import Category
from planterm.domain.views import StatusView, status_words


def no_files(what: str) -> str:
    """Why `what` ("Export", "Report") does nothing in a browser tab."""
    return (
        f"{what}: the browser view reads and writes no files on the machine that serves it "
        "(run planterm there to export, report or compare with a snapshot)."
    )


CATEGORY_STYLE = {
    Category.DONE: "green",
    Category.ACTIVE: "cyan",
    Category.AT_RISK: "bold red",
    Category.NOT_STARTED: "",
    Category.DEFERRED: "magenta",
}


def status_style(status: StatusView | None) -> Style:
    """A colour for the status, always beside its symbol and word."""
    if status is None:
        return Style(dim=True)
    if status.colour and _readable(status.colour):
        return Style(color=status.colour, bold=status.category == Category.AT_RISK)
    return Style.parse(CATEGORY_STYLE.get(status.category, "") or "none")


def _readable(colour: str) -> bool:
    """Not so pale that it vanishes on a light background."""
    try:
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return False
    return (0.299 * red + 0.587 * green + 0.114 * blue) / 255 < 0.8


def status_text(status: StatusView | None) -> Text:
    """Symbol and word; a plan's scheme is user text, so its label is made safe too."""
    return Text(safe_line(status_words(status)), style=status_style(status))


def first(text: str) -> Text:
    return Text(first_line(text))


def day(value: date | None) -> str:
    return value.isoformat() if value else ""
