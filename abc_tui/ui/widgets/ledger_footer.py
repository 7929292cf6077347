"""The ledger screens' footer: an :class:`AbcFooter` that redraws only when the keys it
shows change.

Textual's ``Footer`` recomposes itself on every focus change (each costs
~15 ms of widget building); the entry row moves the focus four times per
line, while the keys shown stay the same. The app recomposes footers after
F12 (language switch); this footer then asks its screen to relabel itself.
"""

from __future__ import annotations

from textual.dom import NoScreen
from textual.screen import Screen

from abc_tui.ui.app import AbcFooter


class LedgerFooter(AbcFooter):
    """Footer that skips recomposing when the visible bindings are unchanged, and tells
    its screen when it was recomposed (the app recomposes footers after F12)."""

    _shown: tuple | None = None

    @staticmethod
    def _signature(screen: Screen) -> tuple:
        return tuple(
            (binding.key, binding.description, enabled)
            for (_node, binding, enabled, _tip) in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            signature = self._signature(screen)
            if self._bindings_ready and signature == self._shown:
                return
            self._shown = signature
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        if not self.is_attached:
            return  # its screen was closed meanwhile
        await super().recompose()
        try:
            hook = getattr(self.screen, "language_changed", None)
        except NoScreen:
            return
        if hook is not None:
            hook()
