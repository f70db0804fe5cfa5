"""The app's list and search, fed from the SQLite index.

The list reads its rows from the index as it draws them (search/index_rows.py), so the
first screen costs one short query at any size and nothing is held whole; the index itself
is brought up to date by a process of its own (widgets/index_status.py). A folder read
without an index (a small archive's first start, a cache that cannot be used) is listed
from memory until the index is there.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.archive.article import Article
from reader.archive.listing import ListRows, MemorySource
from reader.archive.scan import Catalog, scan_archive
from reader.archive.walk import walk_articles
from reader.i18n import format_count, t
from reader.search.index import Index
from reader.search.index_rows import IndexCatalog
from reader.session import Session
from reader.terminal_text import printable_id

if TYPE_CHECKING:
    from reader.tui.app import KzReaderApp

AnyCatalog = Catalog | IndexCatalog


class ArchiveFeed:
    """The catalogue the list shows and the index it comes from; owned by the app."""

    def __init__(self, app: KzReaderApp, catalog: AnyCatalog, total: int,
                 open_index: Callable[[], Index] | None, list_index: Index | None = None
                 ) -> None:
        """With `list_index` the list is read from it as drawn (`catalog` is its
        IndexCatalog); otherwise `catalog` holds the summaries in memory."""
        self.app = app
        self.catalog = catalog
        self.total = total
        self.open_index = open_index
        self.list_index = list_index
        self.index: Index | None = None
        self._reloaded_at = 0.0
        self._reload_cost = 0.0
        self._version: int | None = None  # the list index's data_version when it was read
        self.generation = 0  # one more each time the list is read again (the index changed)

    def source(self) -> Callable[[bool, tuple[int, int | None] | None], ListRows]:
        """What makes the list's rows: the index, read as they are drawn, or memory."""
        if self.list_index is not None:
            return self.list_index.list_rows
        assert isinstance(self.catalog, Catalog)
        return MemorySource(self.catalog.summaries)

    def start(self) -> None:
        """Once the panes exist: the index brought up to date; problems told."""
        if self.open_index is not None:
            self.app.call_after_refresh(self._start_index_update)
        self._tell_problems_soon()

    def _tell_problems_soon(self) -> None:
        catalog = self.catalog
        if isinstance(catalog, Catalog):
            self.tell_problems({printable_id(s.id) for s in catalog.summaries if s.problems},
                               catalog.problems)
            return
        assert self.open_index is not None
        open_index = self.open_index

        def troubled() -> None:  # in a thread, after the first frame
            index = open_index()
            try:
                ids = {printable_id(i) for i in index.list_catalog().troubled()}
            finally:
                index.close()
            self.app.call_from_thread(self.tell_problems, ids, catalog.problems)

        self.app.call_after_refresh(self.app.run_worker, troubled, thread=True,
                                    group="catalog", name="articles with problems")

    def tell_problems(self, troubled: set[str], problems: list[tuple[str, str]]) -> None:
        count = len(troubled | {where for where, _ in problems})  # each place once
        if count:
            self.app.notify(t("{n} article(s) have problems (marked !): "
                              "kz-reader check lists them.", n=format_count(count)),
                            severity="warning", timeout=8)

    # -- the search index -----------------------------------------------------

    def _start_index_update(self) -> None:
        """After the first frame, so the update never delays the list on screen."""
        from reader.search.index_file import db_path, may_write
        from reader.tui.widgets.index_status import IndexStatus

        if not may_write(db_path(self.app.session.archive)):
            # a site's shared index, read as it is: its owner's cron job or watcher updates
            # it, and the list follows what they write (data_version), as often as the app
            # would look itself
            from reader.tui.widgets.index_status import WATCH_EVERY

            if self.list_index is not None:
                self.app.set_interval(WATCH_EVERY, lambda: self.updated(None, False))
            return
        from textual.widget import MountError

        screen = self.app.main_screen
        if not screen.is_mounted or not screen.is_attached:
            return  # the app is ending already (a signal during its first frame)
        try:
            screen.mount(IndexStatus(self.app.session.archive, id="index-status"), before=-1)
        except MountError:  # q right after the first frame: the screen's children are going
            return

    def progress(self) -> None:
        """The index build moved on: the list shows what is in it, at most 1/8 of the time."""
        if time.monotonic() - self._reloaded_at > 8 * self._reload_cost:
            self._reload()

    def updated(self, error: str | None, changed: bool) -> None:
        if error:
            self.app.notify(error, severity="warning", timeout=8)
        elif changed or self.list_index is None or self._moved():
            self._reload()

    def _moved(self) -> bool:
        """Whether another process wrote the index since the list was read: the watcher
        (kz-reader index --watch) takes changes in before the app's own look finds them."""
        assert self.list_index is not None
        try:
            return self.list_index.version() != self._version
        except Exception:  # noqa: BLE001  (the cache failed: _reload says so)
            return True

    def _reload(self) -> None:
        """The list from the index as it is now (a new layout; rows are read as drawn)."""
        started = time.monotonic()
        try:
            if self.list_index is None:
                assert self.open_index is not None
                self.list_index = self.open_index()
            version = self.list_index.version()
            catalog = self.list_index.list_catalog()
            total = catalog.count()
        except Exception as error:  # the cache failed: keep the list we have
            self.app.notify(t("Cannot read the search index: {error}", error=error),
                            severity="warning")
            return
        self.catalog, self.total, self._version = catalog, total, version
        self.generation += 1
        self.app.show_catalog()
        self._reloaded_at = time.monotonic()
        self._reload_cost = self._reloaded_at - started

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
        from reader.search.filters import FilterError, split_filters  # with the first search

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
        for index in (self.index, self.list_index):
            if index is not None:
                index.close()


def hits_for(article: Article, text: str) -> list[tuple[int, int, int]]:
    """Where the search lights up in an article, by the rule the search used: the word
    being typed also as a prefix."""
    from reader.search.filters import FilterError, split_filters
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


def first_screen(session: Session) -> tuple[AnyCatalog, int, Index | None]:
    """The catalogue to start with, how many articles there are, and the index the list is
    read from (None: the catalogue is in memory).

    An archive never indexed yet that turns out small (the bundled sample, a folder of a
    few reports) is read directly, so a first start shows it at once; the index is built
    in the background all the same.
    """
    index = Index.open(session.archive)
    catalog = index.list_catalog()
    total = catalog.count()
    if total:
        return catalog, total, index
    index.close()
    if _at_most(session.archive, SMALL_ARCHIVE):
        scanned = scan_archive(session.archive)
        return scanned, len(scanned.summaries), None
    return Catalog(session.archive, [], []), 0, None


SMALL_ARCHIVE = 200  # files: read directly on a first start


def _at_most(root: Path, count: int) -> bool:
    """Stops walking as soon as the answer is no."""
    files = walk_articles(str(root), lambda *_: None)
    return all(seen <= count for seen, _ in enumerate(files, 1))
