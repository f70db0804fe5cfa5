"""Reading the screen the way a user sees it, inside Pilot tests."""

from __future__ import annotations

from pathlib import Path

from reader.app import KzReaderApp
from reader.archive.scan import scan_archive
from reader.session import open_session


def make_app(archive: Path | None, config_dir: Path, article: str | None = None) -> KzReaderApp:
    session = open_session(str(archive) if archive else None, str(config_dir))
    return KzReaderApp(session, scan_archive(session.archive), article)


def widget_text(widget) -> str:
    """The lines a widget draws right now, as plain text."""
    lines = []
    for y in range(widget.scrollable_content_region.height):
        lines.append("".join(segment.text for segment in widget.render_line(y)).rstrip())
    return "\n".join(lines)
