"""The text a bookmark or note points at, for lists and exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from typing import Protocol

from reader.archive.article import Article, ArticleSummary
from reader.archive.scan import ArticleNotFound

MAX_CANDIDATES = 20  # articles looked at as a moved one's new place
QUOTE_WORDS = 8  # words of a quote searched for, to find an article moved and re-titled


def quote_phrase(quote: str) -> str | None:
    """The search for an article holding a quote: its first words as a phrase; None when
    the quote is too short to tell one article from another."""
    words = quote.split()[:QUOTE_WORDS]
    if len(words) < 3:
        return None
    return '"' + " ".join(w.replace('"', "") for w in words) + '"'


class Listed(Protocol):
    """A catalogue: scan.Catalog (every summary in memory) or index_rows.IndexCatalog."""

    def get(self, article_id: str) -> ArticleSummary | None: ...
    def load(self, article_id: str) -> Article: ...
    def titled(self, title: str) -> list[str]: ...


class ParagraphLookup:
    """Reads each article once, however many bookmarks point into it. holding(quote): ids
    of articles whose text holds the quote (the search index), for a moved article that
    was re-titled too; without it only the title finds one."""

    def __init__(self, catalog: Listed,
                 holding: Callable[[str], list[str]] | None = None) -> None:
        self.catalog = catalog
        self.holding = holding
        self._load = lru_cache(maxsize=64)(self._read)

    def candidates(self, title: str, date: dt.date | None, quote: str) -> list[str]:
        """Articles that may be a moved one (resolve.Articles): the same title (and date,
        when known), then those holding the quote."""
        same = [i for i in self.catalog.titled(title) if date is None or (
            (s := self.catalog.get(i)) is not None and s.date == date)]
        found = self.holding(quote) if self.holding is not None and quote.strip() else []
        return list(dict.fromkeys([*same, *found]))[:MAX_CANDIDATES]

    def _read(self, article_id: str) -> Article | None:
        if self.catalog.get(article_id) is None:
            return None
        try:
            return self.catalog.load(article_id)
        except ArticleNotFound:
            return None

    def article(self, article_id: str) -> Article | None:
        """The article as its file is now; None when it has gone from the archive."""
        return self._load(article_id)

    def missing(self, article_id: str) -> bool:
        return self._load(article_id) is None

    def text(self, article_id: str, paragraph: int | None) -> str | None:
        """The paragraph's text; None when the article or paragraph has gone."""
        article = self._load(article_id)
        if article is None or paragraph is None:
            return None
        if 0 <= paragraph < len(article.paragraphs):
            return article.paragraphs[paragraph]
        return None


def first_words(text: str, count: int = 12) -> str:
    """The first `count` words; cut, it ends "…" right after the last word (a comma or
    colon before the cut dropped), as a snippet does."""
    words = text.split()
    if len(words) <= count:
        return " ".join(words)
    return " ".join(words[:count]).rstrip(",;:—–- ") + "…"
