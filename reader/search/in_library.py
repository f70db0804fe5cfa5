"""Search in what the reader wrote: bookmark labels and note texts, not the archive.

The same matcher as the archive search (reader.search.query), so a note found by the app's
filter box is the one `kz-reader search --in library` prints, with the same word endings,
Latin spellings and Russian-keyboard typing understood. No index: a library holds hundreds
or thousands of short texts, and each is read straight from library.toml.

The dates of --from/--to are the day an entry was made (its `created`, in local time): a
note has no date of its own, and what the reader asks here is "what did I write then".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reader.search.filters import Filters
from reader.search.hints import Hint, hint_for
from reader.search.query import Query, hits_in_text, parse_query
from reader.search.snippet import window
from reader.userdata.entries import Bookmark, Note

Entry = Bookmark | Note
Span = tuple[int, int]


@dataclass(frozen=True)
class LibraryHit:
    """One entry whose label or text matched, with where."""

    entry: Entry
    spans: list[Span]  # offsets into searched_text(entry)

    @property
    def kind(self) -> str:
        return kind_of(self.entry)

    def snippet(self) -> list[tuple[str, bool]]:
        """(text, highlighted) pieces around the first hit, as the archive search shows."""
        return window(searched_text(self.entry), self.spans)


def kind_of(entry: Entry) -> str:
    return "bookmark" if isinstance(entry, Bookmark) else "note"


def searched_text(entry: Entry) -> str:
    """What of an entry is searched: what the reader wrote (a label, a note), never the
    title copied from the article, which the archive search already finds."""
    return entry.label if isinstance(entry, Bookmark) else entry.text


def entry_hits(entry: Entry, query: Query) -> list[Span]:
    """The hits in one entry; [] when it does not match. As in the archive search, every
    word or phrase of the query must be there: hits_in_text marks any of them."""
    text = searched_text(entry)
    spans = hits_in_text(text, query) if text else []
    groups = query.groups()
    if len(groups) > 1 and spans:
        for group in groups:
            if not hits_in_text(text, query.with_terms(group)):
                return []
    return spans


def made_on(entry: Entry) -> dt.date:
    """The day the entry was made, in the reader's local time."""
    return entry.created.astimezone().date()


def _kept(entry: Entry, filters: Filters, source_of: Callable[[str], str | None] | None
          ) -> bool:
    day = made_on(entry)
    if (filters.since and day < filters.since) or (filters.until and day > filters.until):
        return False
    if filters.source is None:
        return True
    source = source_of(entry.article) if source_of is not None else None
    return source is not None and filters.source in source.casefold()


def search_library(entries: Iterable[Entry], text: str, filters: Filters | None = None,
                   source_of: Callable[[str], str | None] | None = None, *,
                   typing: bool = False) -> list[LibraryHit]:
    """The entries whose label or note text matches `text`, newest first.

    `source_of(article_id)` gives an article's source line (None: unknown or gone); it is
    asked only with a source filter, after the cheap tests, since it may read a file.
    typing=True: the last word is still being typed, so it also matches as a prefix (the
    app's filter box, as its search box). Text with no searchable word finds nothing, as in
    the archive search."""
    query = parse_query(text)
    if not query.terms:
        return []
    started = parse_query(text + "*") if typing else None
    filters = filters or Filters()
    found = []
    for entry in entries:
        spans = entry_hits(entry, query)
        if not spans and started is not None:
            spans = entry_hits(entry, started)
        if spans and _kept(entry, filters, source_of):
            found.append(LibraryHit(entry, spans))
    found.sort(key=lambda hit: hit.entry.created, reverse=True)
    return found


@dataclass(frozen=True)
class _Library:
    """The library as hint_for asks a searcher: the same search, without an archive."""

    entries: tuple[Entry, ...]
    source_of: Callable[[str], str | None] | None
    archive: None = None

    def search(self, query: str, limit: int = 20, filters: Filters | None = None
               ) -> list[LibraryHit]:
        return search_library(self.entries, query, filters, self.source_of)[:limit]


def library_hint(entries: Iterable[Entry], text: str, filters: Filters | None = None,
                 source_of: Callable[[str], str | None] | None = None) -> Hint | None:
    """What to tell a reader whose library search found nothing, as the archive search
    does (reader/search/hints.py): the count without the date and source filters, the
    Kazakh spelling of a word typed half in Russian letters, a phrase found as words, or
    that there is nothing to search for; not which word is missing (that hint names
    articles)."""
    library = _Library(tuple(entries), source_of)
    return hint_for(library, text, filters,
                    texts_of=lambda hit: (searched_text(hit.entry),), words=False)
