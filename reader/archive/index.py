"""The search index: one SQLite database per archive folder, under the cache folder.

It is a cache. Deleting it loses nothing; a corrupt or old-schema file is replaced:
at open when its tables do not answer, by each update after a `PRAGMA quick_check`
(about 12 ms at 10,000 articles), and whenever a query meets a damaged page.
WAL mode lets any number of readers search while one writer updates; the writer is
chosen by a lock file beside the database, so a second session never waits for the
first one's long build: it searches what is there and skips the update.

Schema (PRAGMA user_version = SCHEMA_VERSION):
    meta(key PRIMARY KEY, value)    fts_rows: rows ever added to fts since its last rebuild;
                                    problems: JSON [[path, message]] of the last walk;
                                    summaries: marshal blob of the sorted list rows (or absent)
    docs(rowid AUTOINCREMENT, id UNIQUE, size, mtime_ns, date, title, source,
         paragraphs, words, problems)   id: TEXT, or BLOB (raw bytes) for a non-UTF-8 name;
                                        problems: JSON list, "" when none
    fts(title_stems, title_keys, stems, keys)  FTS5, contentless, rowid = docs.rowid
A changed or deleted file's docs row is deleted; its fts row stays (contentless tables
cannot delete a row without its text), matches nothing through the JOIN on docs, and
goes when dead rows pass a quarter of fts (rebuilt from the files). AUTOINCREMENT keeps
rowids from being reused, so a dead fts row can never point at a new article.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import gc
import hashlib
import json
import marshal
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from reader import paths
from reader.archive.article import ArticleSummary
from reader.archive.index_build import SUMMARIES, UpdateResult, db_id, py_id, run_update
from reader.archive.parser import read_article
from reader.archive.query import first_hit, parse_query
from reader.archive.scan import Catalog
from reader.archive.snippet import make_snippet

__all__ = ["Hit", "Index", "UpdateResult"]

T = TypeVar("T")

SCHEMA_VERSION = 1
BUSY_MS = 2000
# title columns weigh more: a word in the title outranks the same word once in the body
BM25 = "bm25(fts, 6.0, 6.0, 1.0, 1.0)"
# Ranking every match of a word found in nearly all of 100,000 articles takes ~100 ms;
# the newest CANDIDATES matches (by rowid: the order they were indexed) are ranked instead.
# Exact whenever fewer articles match.
CANDIDATES = 2000

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs(
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    id NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    date TEXT,
    title TEXT NOT NULL,
    source TEXT,
    paragraphs INTEGER NOT NULL,
    words INTEGER NOT NULL,
    problems TEXT NOT NULL
);
CREATE INDEX docs_order ON docs(date IS NULL, date DESC, id);
CREATE VIRTUAL TABLE fts USING fts5(
    title_stems, title_keys, stems, keys,
    content='', tokenize='unicode61 remove_diacritics 0'
);
INSERT INTO meta(key, value) VALUES ('fts_rows', '0'), ('problems', '[]');
"""


@dataclass
class Hit:
    id: str
    date: dt.date | None
    title: str
    score: float  # higher is better (minus FTS5 bm25)
    snippet: list[tuple[str, bool]]  # (text, highlighted) pieces of that paragraph's text
    paragraph: int  # the first paragraph with a hit; -1: only the title matched


def db_path(archive: Path, cache_dir: Path | None = None) -> Path:
    """<cache>/<folder name>-<sha1 of its real path>.sqlite: one per archive folder."""
    real = os.fsencode(os.path.realpath(archive))
    name = re.sub(r"[^\w.-]+", "_", os.path.basename(real).decode("utf-8", "replace"))[:40]
    digest = hashlib.sha1(real).hexdigest()[:12]
    return (cache_dir or paths.cache_dir()) / f"{name or 'archive'}-{digest}.sqlite"


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    return conn


@contextlib.contextmanager
def _update_lock(path: Path, wait: bool) -> Iterator[bool]:
    """The one-writer lock (flock on a sidecar file); yields False if busy and not waiting."""
    fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # also releases the lock


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


class Garbled(sqlite3.DatabaseError):
    """Rows that SQLite returned but that no update of ours wrote: a damaged file."""


def is_corrupt(err: BaseException) -> bool:
    """SQLite says the file is damaged or is no database: a cache to throw away, not a bug
    (unlike "database is locked" or a full disk, which a new file would not cure)."""
    if isinstance(err, Garbled):
        return True
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    text = str(err)
    return isinstance(err, sqlite3.DatabaseError) and (
        "malformed" in text or "not a database" in text)


def _usable(conn: sqlite3.Connection) -> bool:
    """Right schema version and the tables answer; False for a blank or old database,
    a DatabaseError for a damaged one."""
    if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        return False
    conn.execute("SELECT count(*) FROM meta").fetchone()
    conn.execute("SELECT rowid FROM fts WHERE fts MATCH 'x' LIMIT 1").fetchall()
    return True


def _intact(conn: sqlite3.Connection) -> None:
    """Garbled unless every b-tree page is sound; a full read of the file, but only ~12 ms at
    10,000 articles, so each update (which stats every article anyway) can afford it."""
    rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    if rows != [("ok",)]:
        raise Garbled(f"quick_check: {rows[:1]}")


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


def _try_open(path: Path) -> tuple[sqlite3.Connection | None, bool]:
    """(the connection if the file is usable, whether it was damaged rather than absent/old)."""
    try:
        conn = _connect(path)
    except sqlite3.DatabaseError:
        return None, True
    try:
        if _usable(conn):
            return conn, False
        damaged = False
    except sqlite3.DatabaseError:
        damaged = True
    conn.close()
    return None, damaged


def _create(path: Path) -> sqlite3.Connection:
    """A new, empty database in place of whatever is at path; the caller holds the lock."""
    _remove(path)
    conn = _connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(f"BEGIN; {_SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
    return conn


def _open_db(path: Path, damaged: int | None = None) -> tuple[sqlite3.Connection, bool]:
    """Open, or (under the update lock) create or replace, the database at path; with
    damaged (the inode of a file found corrupt) that file is replaced unless another process
    already did. Returns (connection, whether a damaged file was thrown away)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if damaged is None:
        conn, broken = _try_open(path)
        if conn is not None:
            return conn, False
    with _update_lock(path, wait=True):
        now = _inode(path)
        if damaged is None or now not in (damaged, None):  # another process may have made it
            conn, broken = _try_open(path)
            if conn is not None:
                return conn, False
        else:
            broken = now is not None
        return _create(path), broken and now is not None


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
        self._inode = _inode(path)
        # how many times a damaged file was thrown away for an empty one: after a repair
        # during a read, the caller updates and asks again (the CLI says so on stderr)
        self.repairs = 0

    @classmethod
    def open(cls, archive: Path, cache_dir: Path | None = None) -> Index:
        archive = Path(archive)
        path = db_path(archive, cache_dir)
        conn, replaced = _open_db(path)
        index = cls(archive, path, conn)
        index.repairs += replaced
        return index

    def close(self) -> None:
        self._conn.close()

    def _repair(self) -> None:
        """Replace the damaged file with an empty index (rebuilt by the next update)."""
        self._conn.close()
        self._conn, _ = _open_db(self.path, damaged=self._inode)
        self._inode = _inode(self.path)
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
        collecting = gc.isenabled()
        gc.disable()  # 100,000 rows of new objects would set off full collections: 2x the time
        try:
            return self._healing(self._summaries)
        finally:
            if collecting:
                gc.enable()

    def _summaries(self) -> list[ArticleSummary]:
        rows = None
        snapshot = self._conn.execute("SELECT value FROM meta WHERE key = 'summaries'").fetchone()
        if snapshot is not None:
            with contextlib.suppress(ValueError, EOFError, TypeError):
                rows = marshal.loads(snapshot[0])
        if rows is None:
            rows = self._conn.execute(SUMMARIES)
        return _rows(rows)

    def head(self, limit: int) -> tuple[list[ArticleSummary], int]:
        """The newest `limit` rows and how many there are in all: enough for a first screen,
        in a few milliseconds however large the archive."""
        def read() -> tuple[list[ArticleSummary], int]:
            rows = self._conn.execute(SUMMARIES + " LIMIT ?", (limit,)).fetchall()
            total = self._conn.execute("SELECT count(*) FROM docs").fetchone()[0]
            return _rows(rows), total

        return self._healing(read)

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
        return Catalog(root=self.archive, summaries=self.summaries(), problems=self.problems())

    def update(
        self,
        progress: Callable[[int, int], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        *,
        wait: bool = False,
    ) -> UpdateResult:
        """Bring the index up to date; if another process is at it, return busy=True at once
        (or, with wait=True, wait for it and then check what is left)."""
        with _update_lock(self.path, wait) as mine:
            if not mine:
                return UpdateResult(busy=True, problems=self.problems())
            for first in (True, False):
                conn = _connect(self.path)
                try:
                    conn.execute("PRAGMA synchronous = OFF")  # a cache: a crash costs a rebuild
                    if first:
                        _intact(conn)
                    return run_update(conn, self.archive, progress, should_stop)
                except sqlite3.DatabaseError as err:
                    if not first or not is_corrupt(err):
                        raise
                finally:
                    conn.close()
                self._conn.close()  # damaged: start again from an empty file (lock held)
                self._conn = _create(self.path)
                self._inode = _inode(self.path)
                self.repairs += 1
            raise AssertionError("unreachable")

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """Best first (bm25, title weighted), each with a snippet from the file as it is now.

        When more than CANDIDATES articles match, the best of the most recently indexed
        CANDIDATES are returned: a word in every article ranks nothing useful anyway.
        """
        parsed = parse_query(query)
        if not parsed.fts or limit <= 0:
            return []
        limit = min(limit, CANDIDATES)  # never more; and SQLite's integers end at 2**63 - 1

        def read() -> list[tuple]:
            return self._conn.execute(
                "SELECT docs.id, docs.date, docs.title, found.score FROM"
                f" (SELECT rowid, {BM25} AS score FROM fts WHERE fts MATCH ?"
                "  ORDER BY rowid DESC LIMIT ?) AS found"
                " JOIN docs ON docs.rowid = found.rowid ORDER BY found.score, docs.id LIMIT ?",
                (parsed.fts, CANDIDATES, limit),
            ).fetchall()

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

    def has(self, article_id: str) -> bool:
        return self._healing(lambda: self._conn.execute(
            "SELECT 1 FROM docs WHERE id = ?", (db_id(article_id),)
        ).fetchone() is not None)


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
    """docs rows (or the snapshot's) as summaries; Garbled when one is not what we wrote."""
    none: tuple[str, ...] = ()
    try:
        return [
            ArticleSummary(py_id(i), _date(d), t, s, p, w, tuple(json.loads(pr)) if pr else none)
            for i, d, t, s, p, w, pr in rows
        ]
    except (ValueError, TypeError, AttributeError) as err:
        raise Garbled(f"a list row: {err}") from None
