"""A scroll view drawn a line at a time, which keeps its own style between repaints."""

from rich.style import Style

from planterm.ui.widgets.steady import SteadyScrollView


class LineView(SteadyScrollView):
    """A base for views that implement `render_line` (the Line API).

    Every line they draw starts from the widget's own style, and
    `Widget.rich_style` works it out again on each call by walking every
    ancestor's styles: about 0.1 ms, for each line of each repaint. Here it
    is worked out once and kept until the styles change, as Textual keeps a
    widget's component styles.
    """

    _base_style: Style | None = None

    @property
    def base_style(self) -> Style:
        """The widget's `rich_style` (its colour and background over its ancestors')."""
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def notify_style_update(self) -> None:
        self._base_style = None
        super().notify_style_update()
