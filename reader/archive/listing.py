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

    kind: str  # "year", "month" or "article"
    article: int = -1  # index into the summaries, for kind == "article"
    year: int = 0
    month: int = 0


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
