"""Scroll views that leave their scroll bars alone when a layout pass changes nothing for them."""

from textual.geometry import Size
from textual.scroll_view import ScrollView


class SteadyScrollView(ScrollView):
    """A base after `Tree` (its CSS comes first), or in place of ScrollView.

    In Textual 8 every layout pass calls `_size_updated` on each scroll view
    it touches, and ScrollView's version refreshes its scroll bars whenever
    the size the layout offers differs from its own virtual size, which is
    always. Those repaints arrive after the frame was painted and cost a frame
    of their own (16-35 ms later). Here a call with the same sizes as the last
    one, the view's own virtual size unchanged, is a no-op.
    """

    _size_args: tuple[Size | None, ...] | None = None

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        args = (size, virtual_size, container_size, self.virtual_size)
        if args == self._size_args:
            return False
        self._size_args = args
        return super()._size_updated(size, virtual_size, container_size, layout)
