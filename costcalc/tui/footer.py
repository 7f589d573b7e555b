"""The footer of keys: Textual's, laid out again only when the keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

__all__ = ["KeysFooter"]


def shown_keys(screen: Screen) -> tuple:
    """What a footer on ``screen`` shows: each binding shown, with whether it is enabled and its tooltip."""
    return tuple(
        (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
        for _, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show
    )


class KeysFooter(Footer):
    """Textual's Footer, which rebuilds its keys whenever the focus moves; moving from one field to the next
    mostly leaves the same keys (every text field hides the same two), and rebuilding them restyles every key
    and lays the screen out again. This one rebuilds only when what it would show differs."""

    _composed_for: tuple | None = None
    """The keys of the last rebuild asked for, or None before the first."""

    def bindings_changed(self, screen: Screen) -> None:
        keys = shown_keys(screen)
        if keys == self._composed_for:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:  # a rebuild was asked for
            self._composed_for = keys
