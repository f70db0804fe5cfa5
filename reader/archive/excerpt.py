"""The text a bookmark or note points at, for lists and exports."""

from __future__ import annotations

from functools import lru_cache

from reader.archive.article import Article
from reader.archive.scan import ArticleNotFound, Catalog


class ParagraphLookup:
    """Reads each article once, however many bookmarks point into it."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._load = lru_cache(maxsize=64)(self._read)

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
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")
