"""Pictures of highlights in an article, a passage being chosen, and a note whose text has
gone from the article, at the smallest and a wide terminal size.

Baselines live in tests/app/__snapshots__/; after a deliberate change, look at the
difference, then run `pytest tests/app/test_snapshots_highlights.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.app import make_app
from support.archive import SAMPLE_ID
from textual.widgets import Input

from reader.archive.parser import read_article
from reader.userdata.anchors import Anchor, Span, passage_anchor
from reader.userdata.library import Library

SIZES = [(80, 24), (140, 40)]


async def settled(pilot) -> None:
    """The marks found in the text, and nothing blinking."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()


def highlight_across_two_paragraphs(archive: Path, config_dir: Path) -> None:
    """From "Орталық аппаратында" in ¶ 1 to "саралады." in ¶ 2, with a note on it."""
    article = read_article(archive / SAMPLE_ID, SAMPLE_ID)
    paragraphs = article.paragraphs
    span = Span(0, paragraphs[0].index("Орталық"), 1, paragraphs[1].index("саралады.") + 9)
    anchor = passage_anchor(paragraphs, span)
    assert anchor is not None
    library = Library(config_dir / "library.toml")
    highlight = library.add_highlight(SAMPLE_ID, article.title, article.date, span, anchor)
    library.note_highlight(highlight.id, "Өзгерістер туралы негізгі ой.")


class TestHighlights:
    """A saved passage reads as one underlined band over a background across the paragraph
    end, its note under the paragraph it begins in."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_highlight_across_two_paragraphs(self, snap_compare, archive: Path,
                                             config_dir: Path, size) -> None:
        highlight_across_two_paragraphs(archive, config_dir)

        async def open_it(pilot) -> None:
            await pilot.press("enter")
            await settled(pilot)

        assert snap_compare(make_app(archive, config_dir), run_before=open_it,
                            terminal_size=size)


class TestSelection:
    """After v, j and w the passage being chosen is in reverse video, the footer shows the
    keys that move it and save it."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_selection_in_progress(self, snap_compare, archive: Path, config_dir: Path,
                                   size) -> None:
        async def choose(pilot) -> None:
            await pilot.press("enter")
            await settled(pilot)
            await pilot.press("v", "j", "w")
            await settled(pilot)

        assert snap_compare(make_app(archive, config_dir), run_before=choose,
                            terminal_size=size)


class TestOrphans:
    """A note whose paragraph was removed from the article is listed after its end under
    "Not found in the text any more", with the text it quoted (the toast that says so is
    cleared first: it would cover the block at 80 columns)."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_orphaned_note_at_the_end(self, snap_compare, archive: Path, config_dir: Path,
                                      size) -> None:
        article = read_article(archive / SAMPLE_ID, SAMPLE_ID)
        gone = Anchor("Бұл абзац мақаладан алынып тасталды, енді жоқ", "", "", "0" * 16)
        Library(config_dir / "library.toml").save_note(
            SAMPLE_ID, article.title, 4, "Маңызды ескерту", anchor=gone)

        async def to_the_end(pilot) -> None:
            await pilot.press("enter")
            await settled(pilot)
            pilot.app.clear_notifications()
            await pilot.press("G")
            await settled(pilot)

        assert snap_compare(make_app(archive, config_dir), run_before=to_the_end,
                            terminal_size=size)
