"""The list draws an article row the same whether it is made directly (list_row.py, the
common case) or through Rich Text (the general one): same characters, same styles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.cells import get_character_cell_size
from support.app import make_app
from textual.strip import Strip

from reader.archive.article import ArticleSummary
from reader.tui.widgets import list_row
from reader.tui.widgets.archive_list import ArchiveList
from reader.tui.widgets.line_render import text_segments

TITLES = ["Қазақстан Республикасының Конституциясының жаңа жобасын талқылауға арналған "
          "отырыс өтті", "Ауыл", "«Ақ жол» — партия… № 5", "Съезд (2024) – итоги; \"X\"",
          "漢字の見出し", "Cafe\u0301 combining", "A" * 300, "Тab\there", ""]


def _rich_row(archive_list: ArchiveList, summary: ArticleSummary, width: int,
              cursor: bool) -> Strip:
    """The row as the list draws it through Rich Text."""
    from reader.archive.listing import Row

    base = archive_list.rich_style
    text = archive_list._row_text(Row("article", summary), width)
    if cursor:
        text.stylize(archive_list._style("cursor"))
    return Strip(text_segments(text, archive_list.app.console, base)).adjust_cell_length(
        width, base)


async def test_direct_rows_match_rich_rows(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        archive_list = app.screen.query_one(ArchiveList)
        direct = 0
        for n, title in enumerate(TITLES):
            summary = ArticleSummary(f"a{n}.txt", dt.date(2024, 5, 3) if n % 3 else None,
                                     title, "egemen.kz" if n % 2 else None, 10, 100,
                                     ("no date",) if n % 4 == 1 else ())
            archive_list._bookmarked = {summary.id} if n % 2 else set()
            archive_list._noted = {summary.id} if n % 3 == 1 else set()
            archive_list._read = {summary.id} if n % 3 == 2 else set()
            for by_title in (False, True):
                archive_list.sort_by_title = by_title
                for width in (8, 20, 43, 44, 60, 87, 139):
                    for cursor in (False, True):
                        base = archive_list.rich_style
                        made = list_row.article_segments(
                            width, ("★" if n % 2 else " ") + ("✎" if n % 3 == 1 else " "),
                            archive_list._progress(summary), archive_list._date(summary),
                            summary.title,
                            f" {summary.source[:16]}" if summary.source and width >= 44
                            else "", bool(summary.problems), archive_list._style, base,
                            archive_list._style("cursor") if cursor else None)
                        if made is None:
                            continue
                        direct += 1
                        want = list(_rich_row(archive_list, summary, width, cursor))
                        got = list(Strip(made).adjust_cell_length(width, base))
                        assert got == want, (title, width, cursor, by_title)
        assert direct > 100  # most rows are made directly


def test_one_cell_characters_are_one_cell_for_rich() -> None:
    assert all(get_character_cell_size(c) == 1 for c in list_row.ONE_CELL)
