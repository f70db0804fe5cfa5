"""Bookmarks, notes and highlights as the commands print them: each resolved against the
archive now (userdata/resolve.py), and what was found again written back to library.toml.

Only the articles the entries point at are read; the search index is opened only when one
of them has gone from its place (to find where it moved), so `bookmarks` stays quick on a
million-article archive.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.archive.article import Article
from reader.archive.excerpt import MAX_CANDIDATES, quote_phrase
from reader.archive.parser import read_article
from reader.cli.commands import _exists
from reader.cli.parser import PROG
from reader.i18n import plural, t
from reader.session import Session
from reader.userdata.entries import Entry, clean_tag
from reader.userdata.library import Library, LibraryError
from reader.userdata.resolve import Resolved, Resolver, status_text

if TYPE_CHECKING:
    from reader.search.index import Index



class ArchiveArticles:
    """resolve.Articles over the archive folder: a file read when asked for, the index
    opened (and brought up to date) only to look for a moved one."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._index: Index | None = None
        self._no_index = False
        self.article = lru_cache(maxsize=256)(self._article)  # type: ignore[method-assign]

    def _article(self, article_id: str) -> Article | None:
        if not _exists(self.session, article_id):
            return None
        return read_article(self.session.archive / article_id, article_id)

    def _opened(self) -> Index | None:
        if self._index is None and not self._no_index:
            import sqlite3

            from reader.cli.commands import _indexed
            from reader.search.index import Index

            try:
                self._index = Index.open(self.session.archive)
                _indexed(self._index)
            except (OSError, sqlite3.Error):
                self._no_index = True  # no index (a cache folder we cannot write): not found
        return self._index

    def candidates(self, title: str, date: dt.date | None, quote: str) -> list[str]:
        index = self._opened()
        if index is None:
            return []
        catalog = index.list_catalog()
        same = [i for i in catalog.titled(title) if date is None or (
            (s := catalog.get(i)) is not None and s.date == date)]
        phrase = quote_phrase(quote)  # the quote's first words: its article, moved
        found = [h.id for h in index.search(phrase, MAX_CANDIDATES)] if phrase else []
        return list(dict.fromkeys([*same, *found]))[:MAX_CANDIDATES]

    def close(self) -> None:
        if self._index is not None:
            self._index.close()


def with_tag(entries: Iterable[Entry], tag: str | None) -> list[Entry]:
    """The entries carrying this tag (as stored: cleaned, compared without case)."""
    if tag is None:
        return list(entries)
    wanted = clean_tag(tag).casefold()
    if not wanted:
        from reader.cli.parser import UsageError

        raise UsageError(t("--tag {tag}: no tag there (a tag has letters or digits)",
                           tag=repr(tag)))
    return [e for e in entries if any(clean_tag(s).casefold() == wanted for s in e.tags)]


def resolve_all(session: Session, library: Library, entries: list[Entry],
                articles: ArchiveArticles | None = None) -> list[Resolved]:
    """Each entry resolved, in the same order (not by id: a hand-edited file may give two
    entries one id); re-found places written back (one change), a refusal said on stderr
    without stopping the listing."""
    own = articles is None
    articles = articles or ArchiveArticles(session)
    try:
        resolver = Resolver(articles)
        resolved = [resolver.resolve(e) for e in entries]
    finally:
        if own:
            articles.close()
    fixes = [r.fix for r in resolved if r.fix is not None]
    if fixes:
        try:
            library.reanchor(fixes)
        except LibraryError as error:
            print(f"{PROG}: {error}", file=sys.stderr)
    moved = sum(r.status in ("edited", "moved") for r in resolved)
    if moved and sys.stderr.isatty():
        print(f"{PROG}: " + plural(moved, "{n} entry found again after its article changed",
                                   "{n} entries found again after their articles changed"),
              file=sys.stderr)
    return resolved


def status_word(status: str) -> str:
    """The status as the text listings show it after an entry ("" for ok)."""
    return "" if status == "ok" else "  " + t("({status})", status=status_text(status))
