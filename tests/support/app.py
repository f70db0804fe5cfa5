"""Reading the screen the way a user sees it, inside Pilot tests."""

from __future__ import annotations

from pathlib import Path

from reader.archive.scan import scan_archive
from reader.search.index import Index
from reader.session import open_session
from reader.tui.app import KzReaderApp, first_screen


def make_app(archive: Path | None, config_dir: Path, article: str | None = None,
             *, indexed: bool = False, build: bool = True) -> KzReaderApp:
    """The app as `kz-reader` starts it; `indexed` gives it a search index (built first
    unless `build` is False: then the app builds it in the background, as on a first run),
    which the list is read from as it is drawn, as in run_app."""
    session = open_session(str(archive) if archive else None, str(config_dir))
    if not indexed:
        return KzReaderApp(session, scan_archive(session.archive), article)

    def open_index() -> Index:
        return Index.open(session.archive)

    if build:
        index = open_index()
        index.update()
        index.close()
    catalog, total, list_index = first_screen(session)
    return KzReaderApp(session, catalog, article, open_index, total, list_index)


def widget_text(widget) -> str:
    """The lines a widget draws right now, as plain text."""
    lines = []
    for y in range(widget.scrollable_content_region.height):
        lines.append("".join(segment.text for segment in widget.render_line(y)).rstrip())
    return "\n".join(lines)


def screen_line(app, y: int) -> str:  # noqa: ANN001
    """Row y of the whole screen as the terminal shows it, every widget on it included."""
    strip = app.screen._compositor.render_strips()[y]
    return "".join(segment.text for segment in strip)


async def preview_settled(pilot) -> None:  # noqa: ANN001
    """Until the wide layout's preview of the article under the list cursor is on screen
    (it waits for the cursor to rest, then reads in a thread): a snapshot of a still screen."""
    from reader.tui.screens.main import MainScreen

    for _ in range(200):
        await pilot.pause(0.02)
        main = next(s for s in pilot.app.screen_stack if isinstance(s, MainScreen))
        if main.preview_wanted() is None:
            await pilot.pause()
            return
    raise AssertionError("the preview never came")


async def index_looks_again(app, pilot, done) -> None:  # noqa: ANN001
    """Wait until done() holds, asking the index watcher for its next look once the first
    update has ended (the app's own timer is 30 s): the archive changed under the app."""
    from reader.tui.widgets.index_status import IndexStatus

    asked = False
    for _ in range(300):
        status = app.screen.query(IndexStatus)
        if not asked and status and status.first().quick:
            status.first().start()
            asked = True
        await pilot.pause(0.05)
        if done():
            return


def flat(text: str) -> str:
    """Text as read, whatever the width it was wrapped at: one space between words."""
    return " ".join(text.split())


def kazakh_interface(config_dir: Path) -> None:
    """A config.toml that asks for the Kazakh interface."""
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "config.toml").write_text('language = "kk"\n', encoding="utf-8")


async def first_update_over(app, pilot) -> None:  # noqa: ANN001
    """Wait until the app's first index update has ended: what follows is its 30-second
    look (quick), the one that sees files added or gone while the app is open."""
    for _ in range(100):
        status = app.screen.query("#index-status")
        if status and status.first().quick:
            return
        await pilot.pause(0.05)
    raise AssertionError("the app's first index update did not end")


async def until(pilot, done, tries: int = 100) -> None:  # noqa: ANN001
    """Let the app run until done() holds (or `tries` tenths of a second have passed)."""
    for _ in range(tries):
        if done():
            return
        await pilot.pause(0.1)
