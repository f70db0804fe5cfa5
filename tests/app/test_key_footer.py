"""The footer shows each key hint whole or not at all (widgets/key_footer.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from support.app import kazakh_interface, make_app, screen_line
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


@pytest.mark.parametrize("width", range(10, 131))
async def test_the_palette_hint_is_the_first_to_go_and_keeps_the_gap(width: int) -> None:
    """The palette's hint is shown only when every other hint is too, as far from the last
    one as the hints are from each other."""
    app = FooterApp()
    async with app.run_test(size=(width, 5)) as pilot:
        await pilot.pause()
        line = str(app.query_one(KeyFooter).render())
        assert len(line) <= width
        shown = [h for h in HINTS if h in line]
        if "palette" in line:
            assert shown == HINTS, line
            gap = line[line.index(HINTS[-1]) + len(HINTS[-1]):line.index("^p")]
            assert gap.isspace() and len(gap) >= 2, line
        elif shown == HINTS:  # no room for it beside them
            assert len(line.rstrip()) + 2 + len("^p palette ") > width, line


@pytest.mark.parametrize("language", ["en", "kk"])
@pytest.mark.parametrize("width", [24, 27, 31, 79, 80, 100])
async def test_open_and_page_keep_their_place_over_the_palette(
        archive: Path, config_dir: Path, width: int, language: str) -> None:
    """On the list, ⏎ Open; in an article, pgdn Page: neither gives way to ^p palette."""
    if language == "kk":
        kazakh_interface(config_dir)
    open_key, page_key = ("⏎ Open", "pgdn Page") if language == "en" else ("⏎ Ашу", "pgdn Бет")
    app = make_app(archive, config_dir)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        on_list = screen_line(app, 23)
        assert open_key in on_list, on_list
        await pilot.press("enter")
        await pilot.pause()
        in_article = screen_line(app, 23)
        assert page_key in in_article, in_article
        for line in (on_list, in_article):
            assert cell_len(line) == width
            if "^p" in line:  # two spaces before it, as between the hints
                before = line[: line.index("^p")]
                assert before.endswith("  ") and before.strip(), line
