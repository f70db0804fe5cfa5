"""The rows of the bookmarks, notes and highlights screens as the reader sees them (issue
14): a bookmark's date is never broken across lines, a title's later lines stand under its
first letter and a quote's under the quote; Enter's hint is in the footer, first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rich.cells import cell_len
from support.app import flat, kazakh_interface, make_app, widget_text
from support.archive import SAMPLE_ID

from reader.archive.parser import read_article
from reader.tui.screens.bookmarks import BookmarksScreen
from reader.tui.screens.highlights import HighlightsScreen
from reader.tui.screens.notes import NotesScreen
from reader.tui.widgets.key_footer import KeyFooter
from reader.userdata.anchors import paragraph_anchor, passage_anchor
from reader.userdata.library import Library
from reader.userdata.selectors import Span

LONG = ("ЖСДП-ның саяси жүйенің қоғам арасындағы келісімнің жоғарылығы туралы мәлімдемесі және "
        "Қазақстан Республикасының Конституциясының жаңа жобасын талқылауға арналған "
        "отырыстың қорытындысы")
# The reviewer's: at 80 columns its date was broken, "… туралы  29" / "August 2026".
REVIEWED = "ЖСДП-ның саяси жүйенің қоғам арасындағы келісімнің жоғарылығы туралы"
MIDDLE = "Аудандық мәслихаттың кезектен тыс сессиясында бюджетті нақтылау мәселелері қаралды"
SHORT = "Жиын"
NOTE = ("Бұл абзацты баяндамада келтіру керек: ЖСДП ұстанымы өте нақты айтылған, оны басқа "
        "партиялардың мәлімдемелерімен салыстыру керек")
DATES = {"en": ["29 August 2026", "29 August 2026", "12 August 2026", "3 July 2026"],
         "kk": ["2026 жылғы 29 тамыз", "2026 жылғы 29 тамыз", "2026 жылғы 12 тамыз",
                "2026 жылғы 3 шілде"]}
OPEN = {"en": "⏎ Open", "kk": "⏎ Ашу"}
MARKS = "★✎❝"


def write_library(archive: Path, config_dir: Path) -> None:
    """Four bookmarks (long titles, a middling one with a label, a short one), two notes
    and a highlight with a note, all on the sample article."""
    paragraphs = read_article(archive / SAMPLE_ID, SAMPLE_ID).paragraphs
    library = Library(config_dir / "library.toml")
    for title, date, paragraph, label in ((REVIEWED, dt.date(2026, 8, 29), 4, ""),
                                          (SHORT, dt.date(2026, 7, 3), 3, ""),
                                          (MIDDLE, dt.date(2026, 8, 12), 2, "маңызды сессия"),
                                          (LONG, dt.date(2026, 8, 29), 1, "")):
        library.add_bookmark(SAMPLE_ID, title, date, paragraph, label,
                             paragraph_anchor(paragraphs, paragraph))
    library.save_note(SAMPLE_ID, LONG, 1, NOTE, anchor=paragraph_anchor(paragraphs, 1))
    library.save_note(SAMPLE_ID, MIDDLE, 2, "Қысқа ескертпе",
                      anchor=paragraph_anchor(paragraphs, 2))
    span = Span(1, 0, 1, 150)
    library.add_highlight(SAMPLE_ID, LONG, dt.date(2026, 8, 29), span,
                          passage_anchor(paragraphs, span), note=NOTE)


def entries(text: str) -> list[list[str]]:
    """The list's rows, an entry each: a row with a mark begins one."""
    found: list[list[str]] = []
    for row in text.split("\n"):
        if row.strip()[:1] and row.strip()[0] in MARKS:
            found.append([row])
        elif found and row.strip():
            found[-1].append(row)
    return found


def under(rows: list[str], column: int) -> None:
    """Each row begins at `column`: blank before it, a letter there."""
    for row in rows:
        assert row[:column] == " " * column and not row[column].isspace(), (column, row)


def check_entry(rows: list[str], width: int) -> None:
    """The title's (or note's, or passage's) later lines stand under its first letter, the
    lines after "¶ 3: " under the text that follows it."""
    assert all(cell_len(row) <= width for row in rows), rows
    head = rows[0]
    first = len(head) - len(head.lstrip()) + 2  # after the mark and its space
    place = next(n for n, row in enumerate(rows) if "¶" in row)
    under(rows[1:place], first)
    quote = rows[place].index(": ") + 2
    under([row for row in rows[place + 1:] if "#" not in row], quote)


async def shown(app, pilot, key: str, width: int) -> str:  # noqa: ANN001
    await pilot.press(key)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    return widget_text(app.screen.query_one("#entries"))


@pytest.mark.parametrize("language", ["en", "kk"])
@pytest.mark.parametrize("width", [60, 80, 140])
async def test_a_bookmarks_date_is_whole_and_its_title_wraps_under_itself(
        archive: Path, config_dir: Path, width: int, language: str) -> None:
    if language == "kk":
        kazakh_interface(config_dir)
    write_library(archive, config_dir)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(width, 60)) as pilot:
        text = await shown(app, pilot, "B", width)
        assert isinstance(app.screen, BookmarksScreen)
        rows = entries(text)
        assert len(rows) == 4, text
        for title, date, where in zip([REVIEWED, LONG, MIDDLE, SHORT], DATES[language],
                                      ["¶ 5:", "¶ 2:", "¶ 3:", "¶ 4:"], strict=True):
            [entry] = [e for e in rows if any(where in row for row in e)]
            assert title in flat(" ".join(entry).replace(date, " ")), entry
            assert any(date in row for row in entry), (date, entry)  # never broken
            head = entry[0].rstrip()
            # Whole: at the right end of the first line, or on a line of its own.
            assert head.endswith(f"  {date}") or any(row.strip() == date for row in entry), (
                date, entry)
            check_entry(entry, width)
            if title == MIDDLE:
                assert "[маңызды сессия]" in flat(" ".join(entry))
            if title == LONG and width < 140:  # the long title takes more than a line
                assert len([row for row in entry if "¶" not in row]) > 1


@pytest.mark.parametrize("language", ["en", "kk"])
@pytest.mark.parametrize("width", [60, 80, 140])
async def test_notes_and_highlights_wrap_under_their_first_letter(
        archive: Path, config_dir: Path, width: int, language: str) -> None:
    if language == "kk":
        kazakh_interface(config_dir)
    write_library(archive, config_dir)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(width, 60)) as pilot:
        text = await shown(app, pilot, "ctrl+n", width)
        assert isinstance(app.screen, NotesScreen)
        rows = entries(text)
        assert len(rows) == 2, text
        for entry in rows:
            check_entry(entry, width)
        assert any(NOTE in flat(" ".join(entry)) for entry in rows)
        await pilot.press("escape")
        text = await shown(app, pilot, "H", width)
        assert isinstance(app.screen, HighlightsScreen)
        [entry] = entries(text)
        check_entry(entry, width)
        if width < 140:
            assert len([row for row in entry if "¶" not in row]) > 1, entry


@pytest.mark.parametrize("language", ["en", "kk"])
@pytest.mark.parametrize("width", [40, 80, 200])
async def test_the_footer_says_enter_opens_first(archive: Path, config_dir: Path, width: int,
                                                 language: str) -> None:
    if language == "kk":
        kazakh_interface(config_dir)
    write_library(archive, config_dir)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(width, 30)) as pilot:
        for key in ("B", "ctrl+n", "H"):
            await shown(app, pilot, key, width)
            footer = widget_text(app.screen.query_one(KeyFooter))
            assert footer.startswith(f" {OPEN[language]}  "), footer
            if width == 200:
                bookmarks = "B Bookmarks" if language == "en" else "B Бетбелгілер"
                assert footer.index(OPEN[language]) < footer.index(bookmarks), footer
            await pilot.press("escape")
