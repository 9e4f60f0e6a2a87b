"""A Footer that rebuilds its keys only when the keys it would show have changed."""

from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[str, str, str, bool, str], ...]


class KeyFooter(Footer):
    """Textual's Footer, without the rebuild when nothing it shows has changed.

    Textual 8's Footer recomposes on every bindings signal: each focus change,
    and each time its screen comes back from a dialog. A recompose makes a
    widget per key and styles each one (about 25 ms with our twenty keys),
    which put a search, submitted from its dialog, past its 100 ms. Here the
    keys the Footer would show are compared first, in the form it shows them.
    (Relies on `Footer.bindings_changed` and `compose` reading
    `screen.active_bindings`; check both on a Textual upgrade.)
    """

    _shown: Shown | None = None

    def _keys_to_show(self, screen: Screen[object]) -> Shown:
        return tuple(
            (key, binding.action, binding.description, enabled, tooltip or "")
            for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            shown = self._keys_to_show(screen)
            if shown == self._shown and self._bindings_ready:
                return
            self._shown = shown
        super().bindings_changed(screen)
