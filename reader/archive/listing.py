"""The archive list as rows: year and month headings between the articles.

Rows are plain tuples of indexes so a list of 100,000 articles costs a few
megabytes, and the widget draws only the rows on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.archive.article import ArticleSummary


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the list: a heading (`article` is -1) or an article."""

    kind: str  # "year", "month", "undated", "letter" or "article"
    article: int = -1  # index into the summaries, for kind == "article"
    year: int = 0
    month: int = 0
    letter: str = ""


def build_rows(summaries: list[ArticleSummary]) -> list[Row]:
    """Headings for each year and month, in the order of `summaries` (newest first)."""
    rows: list[Row] = []
    year = month = None
    undated_seen = False
    for index, summary in enumerate(summaries):
        if summary.date is None:
            if not undated_seen:
                rows.append(Row("undated"))
                undated_seen = True
        else:
            if summary.date.year != year:
                year, month = summary.date.year, None
                rows.append(Row("year", year=year))
            if summary.date.month != month:
                month = summary.date.month
                rows.append(Row("month", year=year, month=month))
        rows.append(Row("article", article=index))
    return rows


def by_title(summaries: list[ArticleSummary]) -> list[ArticleSummary]:
    """Titles in Kazakh alphabet order (ә after а, қ after к), not code-point order."""
    from reader.kazakh.collate import quick_key

    return sorted(summaries, key=lambda s: (quick_key(s.title), s.id))


def build_title_rows(summaries: list[ArticleSummary]) -> list[Row]:
    """A heading for each first letter, for a list sorted by title."""
    rows: list[Row] = []
    letter = None
    for index, summary in enumerate(summaries):
        first = summary.title[:1].upper() or "…"
        if first != letter:
            letter = first
            rows.append(Row("letter", letter=first))
        rows.append(Row("article", article=index))
    return rows


def parse_period(text: str) -> tuple[int, int | None] | None:
    """ "2024", "2024-05", "2024.5", "05.2024" -> (year, month or None); None when unreadable."""
    parts = [p for p in text.replace(".", "-").replace("/", "-").replace(" ", "-").split("-") if p]
    if not parts or len(parts) > 2 or not all(p.isdigit() for p in parts):
        return None
    numbers = [int(p) for p in parts]
    if len(numbers) == 2 and numbers[0] <= 12 < numbers[1]:
        numbers.reverse()  # month first, as in 05.2024
    year = numbers[0]
    month = numbers[1] if len(numbers) == 2 else None
    if not 1000 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        return None
    return year, month


def in_period(summary: ArticleSummary, year: int, month: int | None) -> bool:
    date = summary.date
    return date is not None and date.year == year and (month is None or date.month == month)


def first_row_in_period(rows: list[Row], year: int, month: int | None) -> int | None:
    """The heading row where that year (and month) starts, for jumping there."""
    for y, row in enumerate(rows):
        if row.kind == "year" and row.year == year and month is None:
            return y
        if row.kind == "month" and row.year == year and row.month == month:
            return y
    return None
