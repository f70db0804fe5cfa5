"""The article pane sends a terminal only the cells that change (issue 14: every byte
over a slow link): a scroll, a moved cursor or a new mark redraws part of a row, never
the whole pane. What the terminal then shows must still be the whole truth.

So: in a real terminal (tmux), after paging, moving, marking and choosing a passage, the
screen must read exactly as it does once everything is drawn again from scratch (the help
screen opened and closed repaints all of it). A cell left over from an earlier frame
would show here. Byte counts belong in bench/bytes_per_key.py, not in tests.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from support.terminal import TmuxPane, app_env, installed_script, tmux_pane

LIST_TITLE = "Қазақстан Респ"  # the list shortens the title to its column
LAST_WORDS = "шынайы көрсетті"  # the sample's last paragraph ends so


def settled(pane: TmuxPane, timeout: float = 30.0) -> str:
    """The screen once two looks in a row agree: the app has drawn what it was asked."""
    deadline = time.monotonic() + timeout
    last = pane.screen()
    while time.monotonic() < deadline:
        time.sleep(0.4)
        now = pane.screen()
        if now == last:
            return now
        last = now
    raise AssertionError(f"the screen kept changing:\n{last}")


def redrawn(pane: TmuxPane) -> str:
    """The screen after the help screen has been over it: drawn again whole."""
    pane.keys("?")
    pane.wait_for("Keys")
    pane.keys("Escape")
    pane.wait_for("Next ¶")
    return settled(pane)


def without_toast(pane: TmuxPane, words: str) -> None:
    """Wait until a notification has gone (it covers part of the pane while shown)."""
    deadline = time.monotonic() + 30
    while words in pane.screen():
        assert time.monotonic() < deadline, pane.screen()
        time.sleep(0.3)


@pytest.mark.parametrize(("size", "keys"), [
    ((80, 24), ["PageDown", "j", "k", "G", "k", "k", "PageUp", "v", "w", "w", "Escape"]),
    ((140, 40), ["j", "j", "PageDown", "G", "g", "PageDown", "Tab", "j", "Tab"]),
], ids=["80x24", "140x40"])
def test_after_paging_and_moving_the_screen_is_what_a_full_redraw_shows(
        tmp_path: Path, size: tuple[int, int], keys: list[str]) -> None:
    with tmux_pane(app_env(tmp_path), *size) as pane:
        pane.start([str(installed_script())])
        pane.wait_for(LIST_TITLE)
        pane.keys("Enter")
        pane.wait_for("Next ¶")
        for key in keys:
            pane.keys(key)
        shown = settled(pane)
        assert shown == redrawn(pane)


def test_a_bookmark_added_and_removed_while_scrolled_leaves_no_trace(tmp_path: Path) -> None:
    """b draws only the ★ (and the toast): after it has gone, and after b again on another
    page, the screen is still what a full redraw shows."""
    with tmux_pane(app_env(tmp_path), 80, 24) as pane:
        pane.start([str(installed_script())])
        pane.wait_for(LIST_TITLE)
        pane.keys("Enter")
        pane.wait_for("Next ¶")
        pane.keys("G")
        pane.wait_for(LAST_WORDS)
        pane.keys("b")
        pane.wait_for("★")
        without_toast(pane, "Bookmark saved")
        shown = settled(pane)
        assert "★" in shown
        assert shown == redrawn(pane)
        pane.keys("g", "b")
        without_toast(pane, "Bookmark saved")
        pane.keys("G", "b")
        without_toast(pane, "Bookmark removed")
        shown = settled(pane)
        assert shown == redrawn(pane)
