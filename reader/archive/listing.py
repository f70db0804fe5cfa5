"""The archive list as rows: year and month (or letter) headings between the articles.

The list widget asks a ListRows for the row at a position, never for all of them: an
index-backed one (search/index_rows.py) reads only the rows being drawn, so a million
articles cost no more memory than a screenful. MemoryRows is the same list made from
summaries in memory, for a folder read without an index and for small views.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple, Protocol

from reader.archive.article import ArticleSummary


class Row(NamedTuple):
    """One line of the list: a heading (no summary) or an article. (NamedTuples, not
    dataclasses, for the types the first screen loads: a sixth of the cost to define.)"""

    kind: str  # "year", "month", "undated", "letter" or "article"
    summary: ArticleSummary | None = None
    year: int = 0
    month: int = 0
    letter: str = ""


class ListRows(Protocol):
    """What the list widget needs, at any size."""

    def __len__(self) -> int: ...

    @property
    def articles(self) -> int:
        """How many article rows (headings not counted)."""
        ...

    def row(self, y: int) -> Row: ...

    def is_article(self, y: int) -> bool:
        """Without reading the article: the cursor moves over headings by this."""
        ...

    def position(self, article_id: str) -> int | None: ...

    def period_row(self, year: int, month: int | None) -> int | None:
        """The heading row where that year (and month) starts, for jumping there."""
        ...


def title_letter(title: str) -> str:
    """The letter a title is listed under when sorted by title: its first letter, past any
    quote or dash it opens with («Ақ жол» is under А)."""
    from reader.kazakh.collate import key_letter, quick_key

    return key_letter(quick_key(title)[0])


def by_title(summaries: list[ArticleSummary]) -> list[ArticleSummary]:
    """Titles in Kazakh alphabet order (ә after а, қ after к), not code-point order."""
    from reader.kazakh.collate import quick_key

    return sorted(summaries, key=lambda s: (quick_key(s.title)[0], s.id))  # as the index


class MemoryRows:
    """The rows of summaries held in memory, in the order given (newest first, or by title
    with `by_title`), under their headings."""

    def __init__(self, summaries: list[ArticleSummary], by_title: bool = False) -> None:
        self._rows: list[Row] = _title_rows(summaries) if by_title else _date_rows(summaries)
        self._position = {row.summary.id: y for y, row in enumerate(self._rows) if row.summary}
        self._articles = len(summaries)

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def articles(self) -> int:
        return self._articles

    def row(self, y: int) -> Row:
        return self._rows[y]

    def is_article(self, y: int) -> bool:
        return self._rows[y].summary is not None

    def position(self, article_id: str) -> int | None:
        return self._position.get(article_id)

    def period_row(self, year: int, month: int | None) -> int | None:
        for y, row in enumerate(self._rows):
            if row.kind == "year" and row.year == year and month is None:
                return y
            if row.kind == "month" and row.year == year and row.month == month:
                return y
        return None


class MemorySource:
    """(by title, period) -> the rows of summaries held in memory (a folder read without an
    index); the title order is sorted once. Index.list_rows is the same for an index."""

    def __init__(self, summaries: list[ArticleSummary]) -> None:
        self.summaries = summaries
        self._titled: list[ArticleSummary] | None = None

    def __len__(self) -> int:
        return len(self.summaries)

    def __call__(self, title_order: bool, period: tuple[int, int | None] | None) -> MemoryRows:
        items = self.summaries
        if title_order:
            if self._titled is None:
                self._titled = by_title(self.summaries)
            items = self._titled
        if period is not None:
            items = [s for s in items if in_period(s, *period)]
        return MemoryRows(items, by_title=title_order)


def _date_rows(summaries: list[ArticleSummary]) -> list[Row]:
    """Headings for each year and month, in the order of `summaries` (newest first)."""
    rows: list[Row] = []
    year = month = None
    undated_seen = False
    for summary in summaries:
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
        rows.append(Row("article", summary))
    return rows


def _title_rows(summaries: list[ArticleSummary]) -> list[Row]:
    """A heading for each first letter, for a list sorted by title."""
    rows: list[Row] = []
    letter = None
    for summary in summaries:
        first = title_letter(summary.title)
        if first != letter:
            letter = first
            rows.append(Row("letter", letter=first))
        rows.append(Row("article", summary))
    return rows


class Block(NamedTuple):
    """A run of rows: `headings` heading rows, then `count` articles of one month or letter.
    Index-backed lists are laid out from these counts alone."""

    start: int
    headings: tuple[Row, ...]
    count: int
    key: str  # "YYYY-MM", "" for undated, or the title order's first character


def layout(groups: list[tuple[str, int]], by_title: bool) -> list[Block]:
    """Blocks for (key, count) groups already in list order: per month (newest first, undated
    last) with a year heading where the year changes, or per first letter."""
    blocks: list[Block] = []
    start = 0
    year = None
    for key, count in groups:
        if count <= 0:
            continue
        if by_title:
            headings: tuple[Row, ...] = (Row("letter", letter=key),)
        elif not key:
            headings = (Row("undated"),)
        else:
            y, m = int(key[:4]), int(key[5:7])
            headings = ((Row("year", year=y),) if y != year else ()) + (
                Row("month", year=y, month=m),)
            year = y
        blocks.append(Block(start, headings, count, key))
        start += len(headings) + count
    return blocks


def block_at(blocks: list[Block], starts: list[int], y: int) -> Block:
    return blocks[bisect.bisect_right(starts, y) - 1]


def parse_period(text: str) -> tuple[int, int | None] | None:
    """ "2024", "2024-05", "2024.5", "05.2024" -> (year, month or None); None when unreadable."""
    parts = [p for p in text.replace(".", "-").replace("/", "-").replace(" ", "-").split("-") if p]
    # isdecimal, not isdigit: "²" is a digit int() refuses; four digits at most: int() of
    # thousands refuses too (and a year has four)
    if not parts or len(parts) > 2 or not all(p.isdecimal() and len(p) <= 4 for p in parts):
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
