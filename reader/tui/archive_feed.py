"""The app's list and search, fed from the SQLite index.

The first screen shows the newest rows at once; the whole list follows from a thread; the
index itself is brought up to date by a process of its own (widgets/index_status.py).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.archive.article import Article
from reader.archive.scan import Catalog, scan_archive
from reader.archive.walk import walk_articles
from reader.i18n import t
from reader.search.filters import FilterError, split_filters
from reader.search.index import Index
from reader.session import Session
from reader.terminal_text import printable_id

if TYPE_CHECKING:
    from reader.tui.app import KzReaderApp

FIRST_ROWS = 300  # the newest articles, shown before the whole list is loaded


class ArchiveFeed:
    """The catalogue the list shows and the index it comes from; owned by the app."""

    def __init__(self, app: KzReaderApp, catalog: Catalog, total: int,
                 open_index: Callable[[], Index] | None) -> None:
        """`catalog` may hold only the newest rows (`total` says how many there are in all):
        the rest is loaded from the index after the first frame."""
        self.app = app
        self.catalog = catalog
        self.total = total
        self.open_index = open_index
        self.index: Index | None = None
        self._reloaded_at = 0.0
        self._reload_cost = 0.0

    def start(self) -> None:
        """Once the panes exist: the rest of the list, then the index brought up to date."""
        if self.open_index is not None and self.total > len(self.catalog.summaries):
            self.app.call_after_refresh(self.app.run_worker, self._load_rest, thread=True,
                                        group="catalog", name="load the list")
        elif self.open_index is not None:
            self.app.call_after_refresh(self._start_index_update)
        if self.total == len(self.catalog.summaries):
            self.tell_problems()

    def tell_problems(self) -> None:
        troubled = len({printable_id(s.id) for s in self.catalog.summaries if s.problems}
                       | {where for where, _ in self.catalog.problems})  # each place once
        if troubled:
            self.app.notify(t("{n} article(s) have problems (marked !); `kz-reader check` "
                              "lists them.", n=troubled), severity="warning", timeout=8)

    def _load_rest(self) -> None:
        """In a thread: the whole list, after the first screen showed the newest rows."""
        assert self.open_index is not None
        index = self.open_index()
        try:
            catalog = index.catalog()
        finally:
            index.close()
        self.app.call_from_thread(self._use, catalog)
        self.app.call_from_thread(self.tell_problems)
        self.app.call_from_thread(self._start_index_update)

    # -- the search index -----------------------------------------------------

    def _start_index_update(self) -> None:
        """After the first frame, so the update never delays the list on screen."""
        from reader.search.index_file import db_path, may_write
        from reader.tui.widgets.index_status import IndexStatus

        if not may_write(db_path(self.app.session.archive)):
            return  # a site's shared index, read as it is: its owner's cron job updates it
        self.app.main_screen.mount(IndexStatus(self.app.session.archive, id="index-status"),
                                   before=-1)

    def progress(self) -> None:
        """The index build moved on: during a long one, reloading 100,000 rows takes a
        moment, so at most 1/8 of the time."""
        if time.monotonic() - self._reloaded_at > 8 * self._reload_cost:
            self._reload()

    def updated(self, error: str | None, changed: bool) -> None:
        if error:
            self.app.notify(error, severity="warning", timeout=8)
        elif changed or not self.catalog.summaries:
            self._reload()

    def _reload(self) -> None:
        started = time.monotonic()
        try:
            catalog = self._search_index().catalog()
        except Exception as error:  # the cache failed: keep the list we have
            self.app.notify(t("Cannot read the search index: {error}", error=error),
                            severity="warning")
            return
        self._use(catalog)
        self._reloaded_at = time.monotonic()
        self._reload_cost = self._reloaded_at - started

    def _use(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.total = len(catalog.summaries)
        self.app.show_catalog()

    def _search_index(self) -> Index:
        if self.index is None:
            if self.open_index is None:
                raise RuntimeError("no search index")
            self.index = self.open_index()
        return self.index

    def search(self, text: str, limit: int) -> tuple[list, str]:
        """Hits for the search screen, and a note to show beside the count.

        As the reader types, the word being typed also counts as a prefix (`конст` finds
        Конституция); whole-word hits come first.
        """
        try:
            text, filters = split_filters(text)
        except FilterError as error:
            return [], " · " + str(error)
        try:
            index = self._search_index()
            hits = index.search(text, limit, filters)
            if _typing(text) and len(hits) < limit:
                seen = {hit.id for hit in hits}
                more = index.search(text + "*", limit, filters)
                hits += [hit for hit in more if hit.id not in seen][: limit - len(hits)]
            note = ""
            if not hits:
                from reader.search.hints import hint_for, hint_message

                hint = hint_for(index, text, filters)
                note = "" if hint is None else " · " + hint_message(hint)
        except Exception as error:  # a broken cache must not end a reading session
            return [], t(" · search failed: {error}", error=error)
        return hits, note

    def close(self) -> None:
        if self.index is not None:
            self.index.close()


def hits_for(article: Article, text: str) -> list[tuple[int, int, int]]:
    """Where the search lights up in an article, by the rule the search used: the word
    being typed also as a prefix."""
    from reader.search.query import hits_in, parse_query

    with contextlib.suppress(FilterError):
        text = split_filters(text)[0]
    hits = hits_in(article, parse_query(text))
    if not hits and _typing(text):
        hits = hits_in(article, parse_query(text + "*"))
    return hits


def _typing(text: str) -> bool:
    """The last word is still being typed: 3 letters or more, no space after it."""
    last = text.split()[-1] if text.split() else ""
    return not text[-1:].isspace() and len(last) >= 3 and last.isalpha()


def first_screen(session: Session, rows: int = FIRST_ROWS) -> tuple[Catalog, int]:
    """The newest rows from the index and how many articles there are in all.

    An archive never indexed yet that turns out small (the bundled sample, a folder of a
    few reports) is read directly, so a first start shows it at once; the index is built
    in the background all the same.
    """
    index = Index.open(session.archive)
    try:
        newest, total = index.head(rows)
        if total:
            return Catalog(session.archive, newest, index.problems()), total
    finally:
        index.close()
    if _at_most(session.archive, SMALL_ARCHIVE):
        catalog = scan_archive(session.archive)
        return catalog, len(catalog.summaries)
    return Catalog(session.archive, [], []), 0


SMALL_ARCHIVE = 200  # files: read directly on a first start


def _at_most(root: Path, count: int) -> bool:
    """Stops walking as soon as the answer is no."""
    files = walk_articles(str(root), lambda *_: None)
    return all(seen <= count for seen, _ in enumerate(files, 1))
