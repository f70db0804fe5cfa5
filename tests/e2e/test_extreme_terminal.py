"""Bad input in a real terminal (issue 14): the installed kz-reader in tmux, on a 5 MB line
and an article in the Arabic script, with the window resized to 20x8 and 300x80 and back
while an article is open. Keys are answered after each resize, nothing crashes, and the
terminal is given back as it was.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from support.extreme_input import (
    ARABIC_ID,
    ARABIC_PARAGRAPHS,
    LINE_END,
    LINE_ID,
    write_huge,
    write_small,
)
from support.terminal import EXIT_MARK, RESTORED_FLAGS, TmuxPane, app_env, installed_script

SIZES = [(20, 8), (300, 80), (100, 30)]
LAYOUT_LIMIT = 120.0  # seconds for a 5 MB layout on a loaded machine (a few idle)


def peak_memory_mib(pane: TmuxPane) -> float:
    """The kz-reader process's peak resident memory (VmHWM), for the figures printed."""
    shell = pane.flag("pane_pid")
    children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
    status = Path(f"/proc/{children[0]}/status").read_text()
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    assert found is not None, status
    return int(found.group(1)) / 1024


def redrawn(pane: TmuxPane, rows: int) -> None:
    """Until the app has drawn at the new size: its footer on the window's last row (tmux
    shows the old frame, cut or padded, until then)."""
    deadline = time.monotonic() + 30
    while "pgdn" not in (pane.screen().split("\n") + [""] * rows)[rows - 1]:
        assert time.monotonic() < deadline, pane.screen()
        time.sleep(0.05)


def no_traceback(pane: TmuxPane) -> str:
    screen = pane.screen()
    assert "Traceback" not in screen and EXIT_MARK not in screen, screen
    return screen


def test_a_5mb_line_and_arabic_text_through_resizes(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    write_small(root)
    write_huge(root)
    env = app_env(tmp_path)
    pane = TmuxPane(env, 100, 30, socket=f"badinput14-{os.getpid()}")
    figures = []
    try:
        started = time.monotonic()
        pane.start([str(installed_script()), "--archive", str(root), LINE_ID])
        pane.wait_for("Бір жол")
        pane.wait_for("мәслихат", timeout=LAYOUT_LIMIT)  # the text, laid out
        figures.append(f"5 MB line laid out in {time.monotonic() - started:.1f} s, "
                       f"peak {peak_memory_mib(pane):.0f} MiB")
        pane.keys("PageDown", "PageDown", "PageDown")
        for cols, rows in SIZES:
            started = time.monotonic()
            pane.resize(cols, rows)
            assert pane.size() == (cols, rows)
            redrawn(pane, rows)
            pane.keys("G")  # the end: its last word and the source line
            pane.wait_for("x.kz", timeout=LAYOUT_LIMIT)
            pane.wait_for(LINE_END[:8], timeout=LAYOUT_LIMIT)
            pane.keys("g")  # and the top again
            pane.wait_for("Бір жол", timeout=LAYOUT_LIMIT)
            figures.append(f"{cols}x{rows}: {time.monotonic() - started:.1f} s")
            no_traceback(pane)
        pane.keys("b")
        pane.wait_for("Bookmark saved")
        figures.append(f"peak {peak_memory_mib(pane):.0f} MiB")

        pane.keys("q")
        assert pane.wait_exit() == 0

        # The Arabic article, opened by its id.
        pane.start([str(installed_script()), "--archive", str(root), ARABIC_ID])
        pane.wait_for(ARABIC_PARAGRAPHS[0][:20])
        for cols, rows in SIZES:
            pane.resize(cols, rows)
            redrawn(pane, rows)
            pane.keys("j")
            # The cursor's paragraph (the second) shown: its first word, at any width.
            pane.wait_for(ARABIC_PARAGRAPHS[1].split()[0])
            screen = no_traceback(pane)
            assert "\u200f" not in screen and "\u202b" not in screen
            pane.keys("k")
        pane.keys("b")
        pane.wait_for("Bookmark saved (¶ 1)")
        pane.keys("q")
        assert pane.wait_exit() == 0
        assert "Traceback" not in pane.screen()
        assert pane.terminal_modes() == RESTORED_FLAGS
    finally:
        pane.close()
    print("\n" + "; ".join(figures))
