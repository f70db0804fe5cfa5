"""The top line: the app's title and what the screen shows (its sub-title).

Textual's Header is four widgets (an icon, a title, a clock space) with their CSS: about
15 ms of the app's start for a line of text. This is one widget that draws the same words.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from reader.terminal_text import terminal_safe


class TitleBar(Widget, can_focus=False):
    """`title — sub_title`, the screen's own when it has them, else the app's; centred. At
    the right end, where the reader is in the article ("¶ 3/12"): the article pane has no
    scroll bar (a column of it cost ~700 bytes a page over SSH)."""

    def __init__(self) -> None:
        super().__init__()
        self.place = ""

    def show_place(self, place: str) -> None:
        if place != self.place:
            self.place = place
            self.refresh()

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._changed, init=False)
            self.watch(node, "sub_title", self._changed, init=False)

    def _changed(self, _value: object = None) -> None:
        self.refresh()

    def render(self) -> Text:
        screen, app = self.screen, self.app
        title = terminal_safe(screen.title or app.title)
        sub = terminal_safe(screen.sub_title or app.sub_title)
        line = Text(title, justify="center", no_wrap=True, overflow="ellipsis")
        if sub:
            line.append(" — ", "dim")
            line.append(sub, "dim")
        width, place = self.size.width, f" {self.place} " if self.place else ""
        if not place or cell_len(place) + 8 > width:
            return line
        # Centred in the whole line while it fits beside the place, else cut before it.
        room = width - cell_len(place)
        line.truncate(room, overflow="ellipsis")
        left = min((width - line.cell_len) // 2, room - line.cell_len)
        out = Text(" " * max(0, left), no_wrap=True, end="")
        out.append_text(line)
        out.append(" " * max(0, room - left - line.cell_len))
        out.append(place, "dim")
        return out
