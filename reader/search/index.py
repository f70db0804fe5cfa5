"""The search index: one SQLite database per archive folder, under the cache folder.

It is a cache. Deleting it loses nothing; a corrupt or old-schema file is replaced:
at open when its tables do not answer, by the app's background update after a
`PRAGMA quick_check` (about 13 ms at 10,000 articles, growing with the file: too dear for
every command), and whenever a query or an update meets a damaged page.
WAL mode lets any number of readers search while one writer updates; the writer is
chosen by a lock file beside the database, so a second session never waits for the
first one's long build: it searches what is there and skips the update.

Schema (PRAGMA user_version = SCHEMA_VERSION):
    meta(key PRIMARY KEY, value)    fts_rows: rows ever added to fts since its last rebuild;
                                    problems: JSON [[path, message]] of the last walk
    folders(rowid, path UNIQUE, mtime_ns, problems, stamp)   every folder of the archive
                                    ("" is its root); stamp "inode:ctime:mtime", NULL until
                                    its files are all in
    listings(folder PRIMARY KEY, files)   a folder's {name: (inode, size, mtime[, 1])},
                                    in columns (index_walk.Listing; an index of an earlier
                                    version's: marshal, read too; the 1: written within 2 s
                                    of the walk, looked at again); apart, so reading folders
                                    skips the blobs
    docs(rowid AUTOINCREMENT, id UNIQUE, folder, ino, size, mtime_ns, date, title, source,
         paragraphs, words, problems, title_key)   id: TEXT, or BLOB (raw bytes) for a
                                    non-UTF-8 name; problems: JSON list, "" when none;
                                    title_key: collate.quick_key, for the title order
    groups(kind, key, n)            articles per month ('m', "YYYY-MM", "" undated) and per
                                    first letter of title_key ('l'), kept by each update
                                    (index_build.Groups): headings and counts without
                                    reading docs
    vocab(term PRIMARY KEY)         every term fts has (and those of deleted articles, until
                                    a rebuild): whether a word is in the index, and which
                                    words a prefix stands for, in one b-tree lookup
    fts(title_stems, title_keys, stems, keys, forms)  FTS5, contentless, rowid = docs.rowid
A changed or deleted file's docs row is deleted; its fts row stays (contentless tables
cannot delete a row without its text), matches nothing through the JOIN on docs, and
goes when dead rows pass a quarter of fts (rebuilt from the files). AUTOINCREMENT keeps
rowids from being reused, so a dead fts row can never point at a new article.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.search.index_file import (
    SUMMARIES,
    Garbled,
    ReadOnlyIndex,
    UpdateResult,
    check_intact,
    connect,
    create,
    db_path,
    has_vocab,
    inode,
    is_corrupt,
    live_count,
    may_write,
    open_db,
    open_read_only,
    py_id,
    update_lock,
)
from reader.search.rank import CANDIDATES, Hit, ranked

if TYPE_CHECKING:  # the list's types load with the list (index_rows), not with a search
    from reader.archive.article import ArticleSummary
    from reader.archive.listing import ListRows
    from reader.archive.scan import Catalog
    from reader.search.filters import Filters
    from reader.search.index_rows import IndexCatalog

__all__ = ["Hit", "Index", "UpdateResult"]

T = TypeVar("T")
MAX_PREFIX_WORDS = 128  # a prefix standing for more is left to FTS5's prefix query
_LOOKUP_CHUNK = 500  # terms looked up in the vocab table at a time (SQLite's limit: 32,766)


_DATES: dict[str, dt.date] = {}


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    date = _DATES.get(value)
    if date is None:
        date = _DATES[value] = dt.date.fromisoformat(value)
    return date


class Index:
    """Open with Index.open(archive); update() in a worker thread; search() anywhere."""

    def __init__(self, archive: Path, path: Path, conn: sqlite3.Connection) -> None:
        self.archive = archive
        self.path = path
        self._conn = conn
        self._inode = inode(path)
        # how many times a damaged file was thrown away for an empty one: after a repair
        # during a read, the caller updates and asks again (the CLI says so on stderr)
        self.repairs = 0
        self._held: dict[str, bool] = {}  # term -> in the index, while data_version holds
        self._version: int | None = None
        self._vocab = False  # the index has its term list (checked with data_version)
        self.readonly = False  # a site's shared index this user may not write

    @classmethod
    def open(cls, archive: Path, cache_dir: Path | None = None) -> Index:
        archive = Path(archive)
        path = db_path(archive, cache_dir)
        if not may_write(path):
            index = cls(archive, path, open_read_only(path))
            index.readonly = True
            return index
        conn, replaced = open_db(path)
        index = cls(archive, path, conn)
        index.repairs += replaced
        return index

    def close(self) -> None:
        self._conn.close()

    def _repair(self) -> None:
        """Replace the damaged file with an empty index (rebuilt by the next update)."""
        if self.readonly:
            from reader.i18n import t

            raise ReadOnlyIndex(t("the search index in {folder} is damaged, and only its "
                                  "owner can rebuild it (kz-reader index)",
                                  folder=str(self.path.parent)))
        self._conn.close()
        self._conn, _ = open_db(self.path, damaged=self._inode)
        self._inode = inode(self.path)
        self._held.clear()
        self._version = None
        self.repairs += 1

    def _healing(self, read: Callable[[], T]) -> T:
        """read(), or, when it meets a damaged page, read() again on a new, empty index."""
        try:
            return read()
        except sqlite3.DatabaseError as err:
            if not is_corrupt(err):
                raise
        self._repair()
        return read()

    def summaries(self) -> list[ArticleSummary]:
        """Newest first, undated last, ties by id: the list's rows, without reading files."""
        import gc

        collecting = gc.isenabled()
        gc.disable()  # 100,000 rows of new objects would set off full collections: 2x the time
        try:
            return self._healing(self._summaries)
        finally:
            if collecting:
                gc.enable()

    def _summaries(self) -> list[ArticleSummary]:
        return _rows(self._conn.execute(SUMMARIES))

    def head(self, limit: int) -> tuple[list[ArticleSummary], int]:
        """The newest `limit` rows and how many there are in all: enough for a first screen,
        in a few milliseconds however large the archive."""
        def read() -> tuple[list[ArticleSummary], int]:
            rows = self._conn.execute(SUMMARIES + " LIMIT ?", (limit,)).fetchall()
            total = live_count(self._conn)
            return _rows(rows), total

        return self._healing(read)

    def count(self) -> int:
        """How many articles the index holds (from the per-month counts, not a scan)."""
        return self._healing(lambda: live_count(self._conn))

    def version(self) -> int:
        """Moves when another connection (an update process, the watcher, a cron job)
        committed a change since this one last asked (SQLite's data_version)."""
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def folder_paths(self) -> list[tuple[str | bytes]]:
        """Every folder the index knows, relative to the archive (as stored: py_id)."""
        return self._healing(
            lambda: self._conn.execute("SELECT path FROM folders").fetchall())

    def problems(self) -> list[tuple[str, str]]:
        def read() -> list[tuple[str, str]]:
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'problems'").fetchone()
            try:
                return [(str(where), str(message)) for where, message in json.loads(row[0])
                        ] if row else []
            except (ValueError, TypeError) as err:
                raise Garbled(f"problems: {err}") from None

        return self._healing(read)

    def catalog(self) -> Catalog:
        from reader.archive.scan import Catalog

        return Catalog(root=self.archive, summaries=self.summaries(), problems=self.problems())

    def list_catalog(self) -> IndexCatalog:
        """One article at a time, for a list too large to hold (the app's)."""
        from reader.search.index_rows import IndexCatalog

        return IndexCatalog(self.archive, self._conn, self.problems())

    def list_rows(self, by_title: bool = False,
                  period: tuple[int, int | None] | None = None) -> ListRows:
        """The list's rows, read as they are drawn (a year or month by title is held)."""
        from reader.archive.listing import MemoryRows
        from reader.search.index_rows import IndexRows, period_by_title

        if by_title and period is not None:
            return MemoryRows(period_by_title(self._conn, *period), by_title=True)
        return IndexRows(self._conn, by_title, period)

    def update(
        self,
        progress: Callable[[int, int], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        *,
        wait: bool = False,
        check: bool = False,
        full: bool = False,
        looking: Callable[[int], None] | None = None,
        names: dict[str, set[str]] | None = None,
    ) -> UpdateResult:
        """Bring the index up to date; if another process is at it, return busy=True at once
        (or, with wait=True, wait for it and then check what is left). check=True first reads
        every page (quick_check, ~13 ms at 10,000 articles, growing with the file): the app's
        background update does it; a command finds damage when it meets a bad page.
        full=True also looks at every file, not only at folders that changed (index_walk):
        it sees a file edited in place. names: only these files changed (folder -> names, as
        a watcher saw them), so no folder is listed (index_changes; a folder added or gone
        among them: a walk first)."""
        if self.readonly:  # a site's index: its owner's cron job keeps it up to date
            return UpdateResult(readonly=True, problems=self.problems())
        with update_lock(self.path, wait) as mine:
            if not mine:
                return UpdateResult(busy=True, problems=self.problems())
            for first in (True, False):
                conn = connect(self.path)
                try:
                    conn.execute("PRAGMA synchronous = OFF")  # a cache: a crash costs a rebuild
                    conn.execute("PRAGMA cache_size = -65536")  # a batch never spills early
                    if first and check:
                        check_intact(conn)
                    from reader.search.index_build import run_update  # updates only

                    if names is not None and not full:
                        from reader.search.index_changes import update_names

                        return update_names(conn, str(self.archive), names, progress,
                                            should_stop)
                    return run_update(conn, self.archive, progress, should_stop, full, looking)
                except sqlite3.DatabaseError as err:
                    if not first or not is_corrupt(err):
                        raise
                finally:
                    conn.close()
                self._conn.close()  # damaged: start again from an empty file (lock held)
                self._conn = create(self.path)
                self._inode = inode(self.path)
                self._held.clear()
                self._version = None
                self.repairs += 1
            raise AssertionError("unreachable")

    def _fresh_terms(self) -> None:
        """Forget what _holds remembered once the index changed (PRAGMA data_version moves
        when another connection commits): asked once a search, not once a term."""
        version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version or len(self._held) > 100_000:
            self._held.clear()
            self._version = version
            self._vocab = has_vocab(self._conn)

    def _holds(self, term: str) -> bool:
        """Whether any article has this term (a few µs from vocab; remembered until the
        index changes). A term FTS5 would split (a mark in it) asks the search table."""
        held = self._held.get(term)
        if held is None:
            if self._vocab and term.isalnum():
                held = self._conn.execute(
                    "SELECT 1 FROM vocab WHERE term = ?", (term,)).fetchone() is not None
            else:
                held = _first_row(self._conn, term)
            self._held[term] = held
        return held

    def _look_up(self, terms: list[str]) -> None:
        """Remember for _holds, in one statement, whether the index has each of these terms:
        a query word asks about dozens of its forms (hundreds, typed in Russian or Latin
        letters), one b-tree lookup each, and a statement apiece costs more than the lookup.
        Terms _holds would ask the search table about are left to it."""
        if not self._vocab:
            return
        held = self._held
        new = list(dict.fromkeys(t for t in terms if t not in held and t.isalnum()))
        for start in range(0, len(new), _LOOKUP_CHUNK):
            chunk = new[start:start + _LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            found = {term for term, in self._conn.execute(
                f"SELECT term FROM vocab WHERE term IN ({marks})", chunk)}
            for term in chunk:
                held[term] = term in found

    def _starting(self, prefix: str) -> tuple[str, ...] | None:
        """The index's words that begin with prefix, or None when there are too many (or the
        index has no term list): then FTS5's own prefix query is asked. A prefix query reads
        and merges every matching word's postings in full before it returns a row (30 ms
        for саяс* at 100,000 articles); the same words OR-ed are read only as far as the
        newest CANDIDATES (2 ms)."""
        if not self._vocab or not prefix.isalnum() or ord(prefix[-1]) >= 0x10FFFF:
            return None
        end = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # UTF-8 text sorts by code point
        words = self._conn.execute(
            "SELECT term FROM vocab WHERE term >= ? AND term < ? LIMIT ?",
            (prefix, end, MAX_PREFIX_WORDS + 1)).fetchall()
        return None if len(words) > MAX_PREFIX_WORDS else tuple(w for w, in words)

    def search(self, query: str, limit: int = 20, filters: Filters | None = None) -> list[Hit]:
        """Best first (search/rank.py), each with a snippet from the file as it is now.

        When more than CANDIDATES articles match, the most recently indexed CANDIDATES are
        ranked, title matches first. Filters (dates, source) narrow the candidates
        themselves, not the results.
        """
        # the query language, the analyzer and snippets load with the first search, not on
        # the path to the app's first frame
        from reader.archive.parser import read_article
        from reader.search.filters import Filters
        from reader.search.query import first_hit, parse_query
        from reader.search.snippet import make_snippet

        parsed = parse_query(query)
        if not parsed.fts or limit <= 0:
            return []
        limit = min(limit, CANDIDATES)  # never more; and SQLite's integers end at 2**63 - 1

        where, values = _filter_sql(filters or Filters())
        join = " JOIN docs AS d ON d.rowid = fts.rowid" if where else ""  # only when filtered

        def read() -> list[tuple]:
            self._fresh_terms()
            self._look_up(parsed.asks())
            fts = parsed.fts_with(self._holds, self._starting)
            return ranked(self._conn, fts, join, where, values, limit)

        hits = []
        for raw_id, date, title, score in self._healing(read):
            try:
                article_id, day, rank = _hit_row(raw_id, date, title, score)
            except (ValueError, TypeError):
                continue  # a damaged row (never read as a path): the next update rewrites it
            article = read_article(self.archive / article_id, article_id)
            paragraph, spans = first_hit(article, parsed)
            snippet = make_snippet(article, paragraph, spans)
            hits.append(Hit(article_id, day, title, rank, snippet, paragraph))
        return hits


def _first_row(conn: sqlite3.Connection, term: str) -> bool:
    return conn.execute("SELECT 1 FROM fts WHERE fts MATCH ? LIMIT 1",
                        ('"' + term.replace('"', '""') + '"',)).fetchone() is not None


def _filter_sql(filters: Filters) -> tuple[str, list[object]]:
    """The filters as SQL on the docs row `d`: dates as ISO text compare in order."""
    where, values = "", []
    if filters.since is not None:
        where += " AND d.date >= ?"
        values.append(filters.since.isoformat())
    if filters.until is not None:
        where += " AND d.date <= ?"
        values.append(filters.until.isoformat())
    if filters.source is not None:
        where += " AND instr(lower(d.source), ?) > 0"
        values.append(filters.source)
    return where, values


def _hit_row(raw_id: object, date: object, title: object, score: object
             ) -> tuple[str, dt.date | None, float]:
    """(id, date, score) of a search row, or ValueError/TypeError for one we never wrote:
    an id that is not a relative path inside the archive is never opened."""
    if not isinstance(raw_id, (str, bytes)) or not isinstance(title, str):
        raise TypeError("not a docs row")
    article_id = py_id(raw_id)
    parts = article_id.split("/")
    if "\0" in article_id or article_id.startswith("/") or {"", ".", ".."} & set(parts):
        raise ValueError("not an article id")
    return article_id, _date(date), -float(score)  # type: ignore[arg-type]


def _rows(rows: Iterator[tuple] | list[tuple]) -> list[ArticleSummary]:
    """docs rows as summaries; Garbled when one is not what we wrote."""
    from reader.search.index_rows import summary_rows

    return summary_rows(rows)
