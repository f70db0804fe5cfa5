"""The footer shows each key hint whole or not at all (widgets/key_footer.py)."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from reader.tui.widgets.key_footer import KeyFooter

HINTS = ["j Next ¶", "b Bookmark", "n Note", "/ Search", "B Bookmarks", "] Next article",
         "q Quit", "? Keys"]


class FooterApp(App):
    CSS = "KeyFooter { dock: bottom; height: 1; }"
    BINDINGS = [Binding(h.split(" ", 1)[0] if h[0] != "/" else "slash", f"noop({i})",
                        h.split(" ", 1)[1]) for i, h in enumerate(HINTS)]

    def compose(self) -> ComposeResult:
        yield Static("text")
        yield KeyFooter()

    def action_noop(self, i: int) -> None:
        pass


@pytest.mark.parametrize("width", [12, 20, 33, 47, 80, 120, 200])
async def test_every_hint_shown_is_whole_and_the_first_ones_come_first(width: int) -> None:
    app = FooterApp()
    async with app.run_test(size=(width, 5)) as pilot:
        await pilot.pause()
        line = str(app.query_one(KeyFooter).render())
        assert len(line) <= width
        shown = [h for h in HINTS if h in line]
        assert shown == HINTS[: len(shown)]  # the nearest first, none skipped
        for hint in HINTS[len(shown):]:  # no piece of the first one left out
            key, word = hint.split(" ", 1)
            assert f"{key} {word[:2]}" not in line
        if width >= 120:
            assert shown == HINTS and "palette" in line
