"""Pictures of the screens a reader sees, at the smallest terminal size and three wide ones.

Baselines live in tests/__snapshots__/; after a deliberate change to a screen,
look at the difference, then run `pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support.app import kazakh_interface, make_app, preview_settled
from support.archive import SAMPLE_ID
from textual.widgets import Input

from reader.userdata.library import Library

SIZES = [(80, 24), (120, 36), (140, 40), (200, 50)]


def with_marks(config_dir: Path) -> None:
    """A bookmark with a label and a note, made as the app would make them."""
    library = Library(config_dir / "library.toml")
    title = ("Қазақстан Республикасының Конституциясының жаңа жобасын талқылауға "
             "арналған отырыс өтті")
    library.add_bookmark(SAMPLE_ID, title, dt.date(2026, 2, 2), 1, "реформа")
    library.save_note(SAMPLE_ID, title, 1, "Конституцияға өзгерістер туралы.")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_archive_list(snap_compare, archive: Path, config_dir: Path, size) -> None:
    with_marks(config_dir)
    assert snap_compare(make_app(archive, config_dir), run_before=preview_settled,
                        terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_article_with_bookmark_and_note(snap_compare, archive: Path, config_dir: Path,
                                        size) -> None:
    with_marks(config_dir)
    assert snap_compare(make_app(archive, config_dir), press=["enter", "j"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_bookmarks_screen(snap_compare, archive: Path, config_dir: Path, size) -> None:
    with_marks(config_dir)
    assert snap_compare(make_app(archive, config_dir), run_before=preview_settled, press=["B"],
                        terminal_size=size)


def test_notes_screen_narrowed_by_the_filter_box(snap_compare, archive: Path,
                                                 config_dir: Path) -> None:
    """`/` and a word: the box with "1 of 2", the one note left with its hit in reverse."""
    with_marks(config_dir)
    Library(config_dir / "library.toml").save_note(SAMPLE_ID, "Отырыс", 2, "Бюджет туралы ой")

    async def narrow(pilot) -> None:
        await pilot.press("ctrl+n", "slash", *"өзгерісі")
        await pilot.pause(0.3)
        await pilot.app.workers.wait_for_complete()
        for box in pilot.app.screen.query(Input):  # the cursor shown, not caught mid-blink
            box.cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app(archive, config_dir), run_before=narrow,
                        terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(snap_compare, archive: Path, config_dir: Path, size) -> None:
    assert snap_compare(make_app(archive, config_dir), run_before=preview_settled,
                        press=["question_mark"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_kazakh_interface(snap_compare, archive: Path, config_dir: Path, size) -> None:
    kazakh_interface(config_dir)
    with_marks(config_dir)
    assert snap_compare(make_app(archive, config_dir), press=["enter", "j"], terminal_size=size)


def test_kazakh_help(snap_compare, archive: Path, config_dir: Path) -> None:
    kazakh_interface(config_dir)
    assert snap_compare(make_app(archive, config_dir), run_before=preview_settled,
                        press=["question_mark"], terminal_size=(140, 40))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_latin_view(snap_compare, archive: Path, config_dir: Path, size) -> None:
    kazakh_interface(config_dir)
    assert snap_compare(make_app(archive, config_dir), press=["enter", "t"], terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (140, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_date_question_on_the_bottom_line(snap_compare, archive: Path, config_dir: Path,
                                          size) -> None:
    """`:` and a half-typed month: the question where the key hints were, the answer with
    its cursor (no blink to catch), the hint at the right; the list as it was, focused."""

    async def ask(pilot) -> None:
        await preview_settled(pilot)
        await pilot.press("colon", *"2026-0")
        await pilot.pause()

    assert snap_compare(make_app(archive, config_dir), run_before=ask, terminal_size=size)


def test_date_question_in_kazakh_on_a_narrow_terminal(snap_compare, archive: Path,
                                                      config_dir: Path) -> None:
    """`f` in the Kazakh interface at 60 columns: the hint gives way to the answer."""
    kazakh_interface(config_dir)

    async def ask(pilot) -> None:
        await pilot.press("f", *"2026")
        await pilot.pause()

    assert snap_compare(make_app(archive, config_dir), run_before=ask, terminal_size=(60, 20))
