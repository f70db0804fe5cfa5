"""The top line: the app's title and what the screen shows (its sub-title).

Textual's Header is four widgets (an icon, a title, a clock space) with their CSS: about
15 ms of the app's start for a line of text. This is one widget that draws the same words.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from reader.terminal_text import terminal_safe


class PlaceCue(Widget, can_focus=False):
    """The cue at the top line's right end: a widget of its own, so that a move of the
    paragraph cursor sends its few cells over SSH, not the whole line (Textual writes a
    widget's row from its left edge)."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""

    def render(self) -> Text:
        return Text(f" {self.text} ", no_wrap=True, end="")


class TitleBar(Widget, can_focus=False):
    """`title — sub_title`, the screen's own when it has them, else the app's; centred. At
    the right end, where the reader is in the article ("¶ 3/12"): the article pane has no
    scroll bar (a column of it cost ~700 bytes a page over SSH)."""

    def __init__(self) -> None:
        super().__init__()
        self.place = ""
        self._cue = PlaceCue()

    def compose(self):  # noqa: ANN201
        yield self._cue

    def show_place(self, place: str) -> None:
        old, self.place = self.place, place
        if place == old:
            return
        self._cue.text = place
        if old and cell_len(place) == cell_len(old):
            self._cue.refresh()  # the title keeps its place: only the cue's cells are sent
            return
        self._fit_cue()
        self.refresh()

    def _fit_cue(self) -> None:
        shown = bool(self.place) and self._room_for_place()
        self._cue.display = shown
        if shown:
            self._cue.refresh(layout=True)

    def _room_for_place(self) -> bool:
        return cell_len(self.place) + 10 <= self.size.width

    def on_resize(self) -> None:
        self._fit_cue()

    def on_mount(self) -> None:
        self._cue.display = False
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
        if not self.place or not self._room_for_place():
            return line
        # Centred in the whole line while it fits beside the place, else cut before it.
        width = self.size.width
        room = width - cell_len(self.place) - 2
        line.truncate(room, overflow="ellipsis")
        left = min((width - line.cell_len) // 2, room - line.cell_len)
        out = Text(" " * max(0, left), no_wrap=True, end="")
        out.append_text(line)
        return out
