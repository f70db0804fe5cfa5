"""What the start-up's shortcuts must not cost: collections come back on once the first
frame is drawn (the command line turns them off for the start), and a screen other than
the main one always has its style sheet, however early it is opened."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from support.app import make_app

from reader.session import open_session
from reader.tui import app as app_module
from reader.tui.app import LATER_STYLESHEETS, KzReaderApp, run_app
from reader.tui.screens.help import HelpScreen
from reader.userdata.paths import styles_dir


@pytest.fixture
def collections_restored():
    """Whatever a test does to the collector, the next one finds it as it was."""
    yield
    gc.unfreeze()
    gc.enable()


def test_collections_are_back_on_once_the_first_frame_is_drawn(
        archive: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch,
        collections_restored) -> None:
    """The path of `kz-reader` itself (cli/main.py turns collections off, then run_app):
    after the first frame they run again, and stay on once the app has ended."""
    seen: list[bool] = []

    async def look(pilot) -> None:  # noqa: ANN001
        for _ in range(100):  # the first frame, then the callbacks queued after it
            await pilot.pause(0.01)
            if gc.isenabled():
                break
        seen.append(gc.isenabled())
        pilot.app.exit()

    def headless(app: KzReaderApp) -> int:
        app.run(headless=True, size=(100, 30), auto_pilot=look)
        return 0

    monkeypatch.setattr(app_module, "run_with_signals", headless)
    session = open_session(str(archive), str(config_dir))
    gc.disable()
    assert run_app(session, None) == 0
    assert seen == [True]
    assert gc.isenabled()


def test_collections_are_back_on_when_the_app_ends_before_its_first_frame(
        archive: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch,
        collections_restored) -> None:
    def fails(app: KzReaderApp) -> int:
        raise RuntimeError("no terminal")

    monkeypatch.setattr(app_module, "run_with_signals", fails)
    session = open_session(str(archive), str(config_dir))
    gc.disable()
    with pytest.raises(RuntimeError):
        run_app(session, None)
    assert gc.isenabled()


async def test_the_other_screens_style_sheets_are_read_after_the_first_frame(
        archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for name in LATER_STYLESHEETS:
            assert app.stylesheet.has_source(os.path.abspath(styles_dir() / name)), name


async def test_a_screen_opened_before_that_has_its_style_sheet(
        archive: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A key typed while the app starts can open a screen before the sheets are read."""
    monkeypatch.setattr(KzReaderApp, "_first_frame_drawn", lambda self: None)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.stylesheet.has_source(os.path.abspath(styles_dir() / "help.tcss"))
        app.action_help()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        width = app.screen.query_one("#help-body").styles.width
        assert width is not None and width.value == 76  # help.tcss


async def test_the_index_update_is_not_started_on_a_closing_screen(tmp_path: Path,
                                                                   monkeypatch) -> None:
    """q right after the first frame: the update's status line is not mounted on a screen
    whose children are going (Textual raises MountError there), and a progress report that
    arrives after the status line has gone is dropped, not an error that ends the app with 1."""
    from textual.widget import MountError

    from reader.tui.widgets.index_status import IndexStatus

    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text(" date 2026-02-02 Отырыс\nМәтін.\n", encoding="utf-8")
    app = make_app(archive, tmp_path / "config", indexed=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        status = IndexStatus(archive, id="status-for-the-test")
        monkeypatch.setattr(IndexStatus, "start", lambda self: None)  # no real update
        await app.main_screen.mount(status)
        await status.remove()
        status._progress(5, 10)  # a report from the update's thread, after it went

        def going(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            raise MountError("the screen's children are being removed")

        monkeypatch.setattr(app.main_screen, "mount", going)
        app.feed._start_index_update()  # said nothing, raised nothing
        await pilot.pause()
        assert app.is_running
