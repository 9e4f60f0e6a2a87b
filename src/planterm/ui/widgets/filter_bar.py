"""One line above the table saying what is shown and which filters hold."""

from rich.text import Text
from textual.widgets import Static

from planterm.display import safe_line


class FilterBar(Static):
    DEFAULT_CSS = """
    FilterBar { height: 1; padding: 0 1; background: $boost; color: $text-muted; }
    FilterBar.-filtered { color: $text; background: $warning 20%; }
    """

    def show(self, place: str, filters: list[str], shown: int, total: int | None) -> None:
        text = Text(safe_line(place), style="bold")
        if filters:
            text.append("  │  filters: ")
            text.append(" · ".join(safe_line(f) for f in filters))
            text.append("  (esc clears)")
        count = f"{shown} actions" if total is None or total == shown else f"{shown} of {total}"
        text.append(f"  │  {count}")
        self.set_class(bool(filters), "-filtered")
        self.update(text)
