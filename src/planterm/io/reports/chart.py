"""A small chart of status by theme, as inline SVG for the HTML report.

Stacked horizontal bars, one per theme with actions, scaled to the largest
theme. Colour is never the only signal: a segment wide enough carries its
symbol and count, each bar is followed by all its counts, and a legend names
every symbol. The layout is computed here (no script, no fonts to fetch), so
the same report always gives the same picture.
"""

from html import escape

from planterm.domain.views import PlanSummary, StatusCount, ThemeSummary
from planterm.io.reports.colours import ink_on, status_colour
from planterm.io.reports.text import clean, one_line, status_words

WIDTH = 800
BAR_MAX = 440
BAR_HEIGHT = 22
ROW = 52
LABEL_MIN = 34  # a segment narrower than this is too small to hold its label
CHAR = 7.0  # the average width of a 12px character, to lay out the legend
NAME_CHARS = 110
BLANK = "#ffffff"  # untriaged, or a status without a usable colour


def status_chart(summary: PlanSummary) -> str:
    """The chart as an `<svg>` element, or "" when no theme has an action."""
    themes = [t for t in summary.themes if t.total]
    if not themes:
        return ""
    scale = BAR_MAX / max(t.total for t in themes)
    parts: list[str] = []
    top = 0
    for theme in themes:
        parts += _bar(theme, top, scale)
        top += ROW
    legend, legend_height = _legend(summary.counts, top + 8)
    parts += legend
    height = top + 8 + legend_height
    return (
        f'<svg class="chart" role="img" aria-labelledby="chart-title chart-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-family="system-ui, sans-serif" font-size="12">'
        '<title id="chart-title">Status by theme</title>'
        '<desc id="chart-desc">For each theme, a bar of its actions in each status, '
        "with the symbol and number of each.</desc>" + "".join(parts) + "</svg>"
    )


def _bar(theme: ThemeSummary, top: int, scale: float) -> list[str]:
    name = _clip(one_line(theme.name), NAME_CHARS)
    parts = [f'<text x="0" y="{top + 13}" font-weight="600">{_text(name)}</text>']
    left = 0.0
    bar_top = top + 18
    for count in theme.counts:
        if not count.count:
            continue
        width = count.count * scale
        fill = status_colour(count.status) or BLANK
        words = f"{status_words(count.status)}: {count.count}"
        parts.append(
            f'<rect x="{left:.1f}" y="{bar_top}" width="{width:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{fill}" stroke="#333333" stroke-width="0.75"><title>{_text(words)}</title>'
            "</rect>"
        )
        if width >= LABEL_MIN:
            parts.append(
                f'<text x="{left + width / 2:.1f}" y="{bar_top + 15}" text-anchor="middle" '
                f'fill="{ink_on(fill)}">{_text(_short(count))}</text>'
            )
        left += width
    every = " · ".join(_short(c) for c in theme.counts if c.count)
    noun = "action" if theme.total == 1 else "actions"
    parts.append(
        f'<text x="{left + 8:.1f}" y="{bar_top + 15}">'
        f"{_text(f'{theme.total} {noun}: {every}')}</text>"
    )
    return parts


def _legend(counts: tuple[StatusCount, ...], top: int) -> tuple[list[str], int]:
    """A swatch and the words of every status, wrapped to the chart's width."""
    parts: list[str] = []
    left, line = 0.0, 0
    for count in counts:
        words = status_words(count.status)
        width = 18 + len(words) * CHAR + 18
        if left and left + width > WIDTH:
            left, line = 0.0, line + 1
        y = top + line * 20
        fill = status_colour(count.status) or BLANK
        parts.append(
            f'<rect x="{left:.1f}" y="{y}" width="12" height="12" fill="{fill}" '
            'stroke="#333333" stroke-width="0.75"/>'
            f'<text x="{left + 18:.1f}" y="{y + 11}">{_text(words)}</text>'
        )
        left += width
    return parts, (line + 1) * 20


def _short(count: StatusCount) -> str:
    return f"{status_words(count.status).split(' ', 1)[0]} {count.count}"


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _text(text: str) -> str:
    return escape(clean(text), quote=True)
