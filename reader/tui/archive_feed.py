"""The app's list and search, fed from the SQLite index: part of KzReaderApp.

The first screen shows the newest rows at once; the whole list follows from a thread; the
index itself is brought up to date by a process of its own (widgets/index_status.py).
"""

from __future__ import annotations

import time
from pathlib import Path

from reader.archive.index import Index
from reader.archive.scan import Catalog, scan_archive
from reader.archive.walk import walk_articles
from reader.i18n import t
from reader.session import Session

FIRST_ROWS = 300  # the newest articles, shown before the whole list is loaded


class IndexedList:
    """Mixed into KzReaderApp; uses its catalog, session, index and main screen."""

    def _tell_problems(self) -> None:
        troubled = sum(1 for s in self.catalog.summaries if s.problems) + len(self.catalog.problems)
        if troubled:
            self.notify(t("{n} article(s) have problems (marked !); `kz-reader check` lists "
                          "them.", n=troubled), severity="warning", timeout=8)

    def _load_rest(self) -> None:
        """In a thread: the whole list, after the first screen showed the newest rows."""
        assert self.open_index is not None
        index = self.open_index()
        try:
            catalog = index.catalog()
        finally:
            index.close()
        self.call_from_thread(self._use_catalog, catalog)
        self.call_from_thread(self._tell_problems)
        self.call_from_thread(self._start_index_update)

    # -- the search index -----------------------------------------------------

    def _start_index_update(self) -> None:
        """After the first frame, so the update never delays the list on screen."""
        from reader.tui.widgets.index_status import IndexStatus

        self.main_screen.mount(IndexStatus(self.session.archive, id="index-status"), before=-1)

    def on_index_status_progress(self) -> None:
        # Reloading 100,000 rows takes a moment: during a long build, at most 1/8 of the time.
        if time.monotonic() - self._reloaded_at > 8 * self._reload_cost:
            self._reload_catalog()

    def on_index_status_updated(self, message) -> None:
        if message.error:
            self.notify(message.error, severity="warning", timeout=8)
        elif message.changed or not self.catalog.summaries:
            self._reload_catalog()

    def _reload_catalog(self) -> None:
        started = time.monotonic()
        try:
            catalog = self._search_index().catalog()
        except Exception as error:  # the cache failed: keep the list we have
            self.notify(t("Cannot read the search index: {error}", error=error),
                        severity="warning")
            return
        self._use_catalog(catalog)
        self._reloaded_at = time.monotonic()
        self._reload_cost = self._reloaded_at - started

    def _use_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.total = len(catalog.summaries)
        self.main_screen.archive_list.set_articles(catalog.summaries)
        self._show_count()
        self.refresh_marks()

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
            index = self._search_index()
            hits = index.search(text, limit)
            last = text.split()[-1] if text.split() else ""
            typing = not text[-1:].isspace() and len(last) >= 3 and last.isalpha()
            if typing and len(hits) < limit:
                seen = {hit.id for hit in hits}
                more = index.search(text + "*", limit)
                hits += [hit for hit in more if hit.id not in seen][: limit - len(hits)]
        except Exception as error:  # a broken cache must not end a reading session
            return [], t(" · search failed: {error}", error=error)
        return hits, ""

    def open_hit(self, article_id: str, paragraph: int, text: str) -> None:
        from reader.archive.query import hits_in, parse_query

        self.jump_to(article_id, max(paragraph, 0))
        view = self.main_screen.article_view
        if view.article is not None and view.article.id == article_id:
            hits = hits_in(view.article, parse_query(text))
            if not hits and not text[-1:].isspace():  # found as a prefix while typing
                hits = hits_in(view.article, parse_query(text + "*"))
            view.show_hits(hits)


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
