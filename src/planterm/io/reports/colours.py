"""Status colours made safe and legible.

A colour comes from the plan file, so it is user text: only a plain
`#rrggbb` (or `#rgb`) reaches a report, anything else is no colour. Text on a
coloured cell takes black or white ink, whichever contrasts more (WCAG).
"""

import re

from planterm.domain.views import StatusView

_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")


def hex_colour(value: str | None) -> str | None:
    """ "#2e7d32" for a valid hex colour, else None."""
    found = _HEX.fullmatch(value.strip()) if value else None
    if found is None:
        return None
    digits = found[1] if len(found[1]) == 6 else "".join(c * 2 for c in found[1])
    return f"#{digits.lower()}"


def status_colour(status: StatusView | None) -> str | None:
    """The fill of a status cell; None for untriaged or a status without a usable colour."""
    return hex_colour(status.colour) if status else None


def ink_on(colour: str) -> str:
    """ "#000000" or "#ffffff", whichever reads better on `colour` (a `hex_colour`)."""
    red, green, blue = (_linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    on_black = (luminance + 0.05) / 0.05
    on_white = 1.05 / (luminance + 0.05)
    return "#000000" if on_black >= on_white else "#ffffff"


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4
