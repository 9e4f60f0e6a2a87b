"""Scroll views that leave their scroll bars alone when a layout pass changes nothing for them."""

from typing import ClassVar

from textual.geometry import Size
from textual.scroll_view import ScrollView


class SteadyScrollView(ScrollView):
    """A base after `Tree` or `OptionList` (theirs come first for CSS), or in place of ScrollView.

    In Textual 8 every layout pass calls `_size_updated` on each scroll view
    it touches, and ScrollView's version refreshes its scroll bars whenever
    the size the layout offers differs from its own virtual size, which is
    always. Those repaints arrive after the frame was painted and cost a frame
    of their own (16-35 ms later). Here a call with the same sizes as the last
    one, the view's own virtual size unchanged, is a no-op.
    """

    _size_args: tuple[Size | None, ...] | None = None
    sets_own_scroll_bars: ClassVar[bool] = False
    """True for a view that sets its scroll bars itself whenever its virtual size changes
    (OptionList does): then a new virtual size alone is no reason to set them again."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        own = None if self.sets_own_scroll_bars else self.virtual_size
        args = (size, virtual_size, container_size, own)
        if args == self._size_args:
            return False
        self._size_args = args
        return super()._size_updated(size, virtual_size, container_size, layout)
