"""End to end: the installed `kz-reader` in a real (tmux) terminal, on the bundled archive.

Only this shows that the console script starts, draws, reacts to keys, writes library.toml
and gives the terminal back; the Pilot tests run the app in-process.
"""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest
from support.terminal import (
    EXIT_MARK,
    RESTORED_FLAGS,
    TmuxPane,
    app_env,
    installed_script,
    tmux_pane,
)

SAMPLE_ID = "000_8da56fbcbfc7ef32.txt"
TITLE = "Қазақстан Республикасының"
LIST_TITLE = TITLE[:14]  # the list truncates titles to its column ("Қазақстан Респ…")
META_DATE = "2 February 2026"  # the interface is English under LANG=C.UTF-8
SIZES = [(80, 24), (140, 40)]


def _size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


def _quit(pane: TmuxPane) -> None:
    """Press q; the app must end with status 0 and leave the terminal as it found it."""
    pane.keys("q")
    status = pane.wait_exit()
    screen = pane.screen()
    assert status == 0, screen
    assert "Traceback" not in screen, screen
    assert pane.terminal_modes() == RESTORED_FLAGS


def _open_sample(pane: TmuxPane) -> None:
    """Start kz-reader, wait for the list, open the article with Enter."""
    pane.start([str(installed_script())])
    pane.wait_for(LIST_TITLE)
    if pane.size()[0] < 100:  # one pane at a time: the list shows the date short
        assert META_DATE not in pane.screen()
    else:  # side by side: the article under the cursor comes beside the list by itself
        pane.wait_for(META_DATE)
        assert "Next ¶" not in pane.screen()  # the keys still move the list
    pane.keys("Enter")
    pane.wait_for("Next ¶")  # the article's keys in the footer: it is open
    screen = pane.wait_for(META_DATE)
    assert TITLE in screen  # the article's heading, in full


@pytest.mark.parametrize("size", SIZES, ids=_size_id)
def test_bookmark_from_the_terminal_lands_in_library_toml(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """Title on screen, Enter, b, q: library.toml (mode 0600) holds the bookmark."""
    env = app_env(tmp_path)
    with tmux_pane(env, *size) as pane:
        assert pane.size() == size
        _open_sample(pane)
        pane.keys("b")
        pane.wait_for("Bookmark saved")
        _quit(pane)

    library = Path(env["KZ_READER_CONFIG_DIR"]) / "library.toml"
    data = tomllib.loads(library.read_text(encoding="utf-8"))
    assert data["version"] == 1
    [bookmark] = data["bookmarks"]
    assert bookmark["article"] == SAMPLE_ID
    assert bookmark["paragraph"] == 0
    assert bookmark["title"].startswith(TITLE)
    assert bookmark["id"].startswith("b-")
    assert stat.S_IMODE(library.stat().st_mode) == 0o600


@pytest.mark.parametrize("size", SIZES, ids=_size_id)
def test_restart_reopens_the_last_article(tmp_path: Path, size: tuple[int, int]) -> None:
    """Open the article, quit, start again: the article, not the list, is on screen."""
    env = app_env(tmp_path)
    with tmux_pane(env, *size) as pane:
        _open_sample(pane)
        _quit(pane)

        pane.start([str(installed_script())])
        screen = pane.wait_for(META_DATE)
        assert TITLE in screen
        _quit(pane)
    state = Path(env["KZ_READER_CONFIG_DIR"]) / "state.toml"
    assert tomllib.loads(state.read_text(encoding="utf-8"))["last_article"] == SAMPLE_ID


CRASH = """
import sys
from reader.tui.app import KzReaderApp

def crash(self):
    raise RuntimeError("boom [/] \\x1b]0;PWNED\\x07 [bold]")

KzReaderApp.action_help = crash  # a bug behind a key: the one way to reach a crash on purpose
from reader.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_crash_inside_the_app_ends_with_one_line_and_status_1(tmp_path: Path) -> None:
    """An unexpected exception: the terminal is given back, one line says what happened
    and where the details are, the exit status is 1 (Textual's traceback exited 0)."""
    env = app_env(tmp_path)
    with tmux_pane(env, 100, 30) as pane:
        python = str(Path(installed_script()).parent / "python")
        pane.start([python, "-c", CRASH, SAMPLE_ID])
        pane.wait_for(META_DATE)
        pane.keys("?")
        status = pane.wait_exit()
        screen = pane.screen()
        assert status == 1, screen
        assert pane.terminal_modes() == RESTORED_FLAGS
    said = "".join(screen.split(EXIT_MARK)[0].splitlines())  # one line, wrapped at 100
    crash_log = Path(env["XDG_CACHE_HOME"]) / "kz-reader" / "crash.log"
    assert said.strip() == (f"kz-reader: internal error: RuntimeError: boom [/] [bold] "
                            f"(the details are in {crash_log})"), screen
    assert "Traceback" not in screen and "PWNED" not in screen
    details = crash_log.read_text("utf-8")
    assert "Traceback" in details and "in crash" in details and "\x1b" not in details


def test_keys_typed_at_once_after_colon_go_to_its_question(tmp_path: Path) -> None:
    """`:2099` and Enter arriving in one read (a fast typist, a key macro): the digits and
    Enter answer the question, none of them reaches the list (Enter would open an article)."""
    env = app_env(tmp_path)
    with tmux_pane(env, 100, 24) as pane:
        pane.start([str(installed_script())])
        pane.wait_for(LIST_TITLE)
        pane.keys(":2099", "Enter")
        screen = pane.wait_for("No articles from 2099.")
        assert "Next ¶" not in screen and "f Filter by date" in screen, screen
        pane.keys("f2026", "Enter")
        screen = pane.wait_for("2026: 1 of 1 article")
        assert "Next ¶" not in screen, screen
        pane.keys(":f:")  # while it asks, `f` and `:` are typed, not asked again
        pane.wait_for("Go to a year or month: f: ")
        pane.keys("Escape")
        pane.wait_for("f Filter by date")
        _quit(pane)
