"""The parsed article: the one shape every part of the reader shares.

No `from __future__ import annotations` here: typing.NamedTuple compiles each annotation
that is a string (a ForwardRef), and the first compile() of a process sets up the ast
module's types, ~3 ms (10M instructions) of every command that reads an article.
"""

import datetime as dt
from pathlib import Path
from typing import NamedTuple

WORDS_PER_MINUTE = 180


class Article(NamedTuple):
    """One article file, read as far as it could be.

    Text fields hold display-safe text: control characters and ANSI escapes are
    already removed; Rich markup is kept as literal characters (render with
    `rich.text.Text`, never with markup).
    """

    id: str
    path: Path
    date: dt.date | None
    title: str
    source: str | None
    paragraphs: tuple[str, ...]
    problems: tuple[str, ...] = ()
    whole_words: int | None = None  # paragraphs cut to a beginning (a preview): the count

    @property
    def words(self) -> int:
        if self.whole_words is not None:
            return self.whole_words
        return sum(len(p.split()) for p in self.paragraphs)

    def summary(self) -> "ArticleSummary":
        return ArticleSummary(
            id=self.id,
            date=self.date,
            title=self.title,
            source=self.source,
            paragraphs=len(self.paragraphs),
            words=self.words,
            problems=self.problems,
        )


class ArticleSummary(NamedTuple):
    """What the list and `kz-reader list` need; the paragraphs stay on disk.

    Kept small so an archive of 100,000 articles fits in memory (and so a later
    SQLite index can produce the same rows).
    """

    id: str
    date: dt.date | None
    title: str
    source: str | None
    paragraphs: int
    words: int
    problems: tuple[str, ...] = ()
