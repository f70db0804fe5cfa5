"""The footer: the keys that apply where the focus is, each hint whole or not at all.

Textual's Footer lays its keys side by side and lets the last one run off the edge ("B Bo"
at 120 columns, "]▏" at 80). This one draws one line: hints in the order Textual gives
them (the focused widget's first, then its screen's, then the app's: the nearest, most
important first), as many as fit whole, and the command palette's at the right edge when
there is room for it after all of them: it is the first to go when room is short.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from reader.tui.line_prompt import LinePrompt

GAP = 2  # cells between two hints


class KeyFooter(Widget, can_focus=False):
    COMPONENT_CLASSES = {
        "key-footer--key", "key-footer--description", "key-footer--disabled",
        # a question asked on this line (line_prompt.py), in place of the hints:
        "key-footer--question", "key-footer--answer", "key-footer--placeholder",
        "key-footer--hint",
    }
    asking: LinePrompt | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def _component_style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def hints(self) -> tuple[list[tuple[str, str, bool]], tuple[str, str] | None]:
        """([(key, description, enabled)], the command palette's (key, description))."""
        app, seen = self.app, set()
        hints: list[tuple[str, str, bool]] = []
        palette = None
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = (app.get_key_display(binding), binding.description)
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            hints.append((app.get_key_display(binding), binding.description, active.enabled))
        return hints, palette

    def render(self) -> Text:
        width = self.size.width
        if self.asking is not None:
            return self.asking.line(width, self._component_style)
        key_style = self._component_style("key-footer--key")
        text_style = self._component_style("key-footer--description")
        off = self._component_style("key-footer--disabled")
        hints, palette = self.hints()
        line = Text(" ", end="")
        for key, description, enabled in hints:
            hint = Text(" " * GAP if len(line) > 1 else "", end="")
            hint.append(key, key_style if enabled else off)
            hint.append(f" {description}", text_style if enabled else off)
            if line.cell_len + hint.cell_len > width:
                break  # this one and the rest do not fit whole
            line.append_text(hint)
        else:  # every hint is shown: the palette's too, at the right edge, if it fits
            if palette is not None:
                right = Text(end="")
                right.append(palette[0], key_style)
                right.append(f" {palette[1]} ", text_style)
                pad = width - line.cell_len - right.cell_len
                if pad >= (GAP if len(line) > 1 else 0):  # as far from the last as they are
                    line.append(" " * pad)
                    line.append_text(right)
        return line
