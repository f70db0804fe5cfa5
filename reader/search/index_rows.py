"""The archive list read from the index as it is drawn, never held whole.

The layout (which row is a heading, where each month or letter starts) comes from the
per-month and per-letter counts the index keeps, a few hundred rows however large the
archive. An article row is read when drawn, in chunks, by an ordered range query on an
index (docs_by_date, docs_by_title) with an offset inside its month or letter: a jump to
any place costs one short query, and memory holds a few chunks, not a million rows.

A month holds a few thousand articles, but a letter of a million titles a quarter of them,
and SQLite counts or skips rows one by one: placing an article in title order (`s` keeps
the cursor on it) or reading rows deep in a letter would cost tens of milliseconds. So the
title order has marks: every STEP-th (title_key, id), read once in a thread (TitleMarks),
after which any place in a letter is a mark plus fewer than STEP rows.
"""

from __future__ import annotations

import bisect
import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

from reader.archive.article import Article, ArticleSummary
from reader.archive.listing import Block, Row, block_at, layout
from reader.archive.parser import read_article
from reader.archive.scan import ArticleNotFound
from reader.kazakh.collate import key_letter, quick_key
from reader.search.index_file import BUSY_MS, Garbled, db_id, py_id

CHUNK = 128  # article rows read at a time
KEPT = 48  # chunks kept (about 6,000 rows)
COLUMNS = "id, date, title, source, paragraphs, words, problems"
STEP = 1024  # rows between two title marks
MARKS_FROM = 4 * STEP  # a letter this large is counted through marks (smaller: directly)
MARKS_AFTER = 1.0  # seconds after a large list is first read: its marks (after the first frame)

_DATES: dict[str, object] = {}


def summary_rows(rows: Iterable[tuple]) -> list[ArticleSummary]:
    """docs rows as summaries; Garbled when one is not what we wrote."""
    import datetime as dt

    none: tuple[str, ...] = ()
    out = []
    try:
        for i, d, t, s, p, w, pr in rows:
            date = None
            if d is not None:
                date = _DATES.get(d)
                if date is None:
                    date = _DATES[d] = dt.date.fromisoformat(d)
            out.append(ArticleSummary(py_id(i), date, t, s, p, w,  # type: ignore[arg-type]
                                      tuple(json.loads(pr)) if pr else none))
    except (ValueError, TypeError, AttributeError) as err:
        raise Garbled(f"a list row: {err}") from None
    return out


def _month_range(key: str) -> tuple[str, str]:
    return key + "-", key + "."  # every "YYYY-MM-DD" of that month, in text order


def _next_char(key: str) -> str:
    return chr(ord(key) + 1) if key else "\0"


Signature = tuple[int, tuple[tuple[str, int], ...]]  # (docs' last rowid, letter counts)


class TitleMarks:
    """Every STEP-th (title_key, id) of the title order of one index file, and what that
    index held then (its signature: any article added, removed or changed alters it)."""

    _known: dict[str, TitleMarks] = {}  # by database file
    _building: set[str] = set()
    _lock = threading.Lock()

    def __init__(self, signature: Signature, keys: list[tuple[str, str | bytes]]) -> None:
        self.signature = signature
        self.keys = keys  # keys[i] is the row of rank i * STEP in title order

    @classmethod
    def find(cls, conn: sqlite3.Connection, wanted: Signature) -> TitleMarks | None:
        """The marks of the index as a list made when it held `wanted` sees it, or None:
        then they are read in a thread, if the index still holds that (a list older than
        the index is about to be replaced: marks for it would never be used)."""
        path = _db_file(conn)
        if path is None:
            return None
        marks = cls._known.get(path)
        if marks is not None and marks.signature == wanted:
            return marks
        try:
            current = signature(conn, _letters(conn))
        except sqlite3.DatabaseError:
            return None
        if current == wanted:
            cls.build_soon(path, 0.0)
        return None

    @classmethod
    def build_soon(cls, path: str, delay: float) -> None:
        """Reads the marks in a thread of their own (its own connection: SQLite works
        without the GIL, the app's loop goes on)."""
        with cls._lock:
            if path in cls._building:
                return
            cls._building.add(path)
        timer = threading.Timer(delay, cls._build, (path,))
        timer.daemon = True
        timer.start()

    @classmethod
    def _build(cls, path: str) -> None:
        try:
            conn = _read_only(path)
            if conn is None:
                return
            try:
                conn.execute("BEGIN")  # the signature and the marks from one snapshot
                marks = cls(signature(conn, _letters(conn)), read_marks(conn))
                conn.execute("COMMIT")
            finally:
                conn.close()
            cls._known[path] = marks
        except sqlite3.Error:
            pass  # gone or damaged: the list counts directly, as without marks
        finally:
            with cls._lock:
                cls._building.discard(path)


def read_marks(conn: sqlite3.Connection) -> list[tuple[str, str | bytes]]:
    """Every STEP-th row of the title order, each found from the last through the index
    (a quarter of a second at a million, in C)."""
    first = conn.execute("SELECT title_key, id FROM docs ORDER BY title_key, id LIMIT 1"
                         ).fetchone()
    keys: list[tuple[str, str | bytes]] = []
    while first is not None:
        keys.append((str(first[0]), first[1]))
        first = conn.execute(
            "SELECT title_key, id FROM docs WHERE (title_key, id) >= (?, ?)"
            " ORDER BY title_key, id LIMIT 1 OFFSET ?", (*keys[-1], STEP)).fetchone()
    return keys


def signature(conn: sqlite3.Connection, letters: list[tuple[str, int]]) -> Signature:
    """What the index holds, as far as the title order goes: every article added or changed
    takes a new rowid (AUTOINCREMENT: docs' last one grows), every one removed a count."""
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'docs'").fetchone()
    return (int(row[0]) if row else 0, tuple(letters))


def _letters(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    return [(str(k), int(n)) for k, n in conn.execute(
        "SELECT key, n FROM groups WHERE kind = 'l' ORDER BY key")]


def _read_only(path: str) -> sqlite3.Connection | None:
    """A connection of a thread's own to the index file (None if it cannot be opened)."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                               isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        return conn
    except sqlite3.Error:
        return None


def _order(key: tuple[str, str | bytes]) -> tuple[str, bool, str | bytes]:
    """SQLite's order of (title_key, id): an id kept as bytes (not UTF-8) after all text."""
    return key[0], isinstance(key[1], bytes), key[1]


def _db_file(conn: sqlite3.Connection) -> str | None:
    for _, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return str(file) or None  # "" for a database in memory
    return None


class IndexRows:
    """The list's rows, newest first under year and month headings, or by title under
    letter headings; `period` (year, month or None) keeps only that year or month (in date
    order: a period in title order is small, and MemoryRows serves it)."""

    def __init__(self, conn: sqlite3.Connection, by_title: bool = False,
                 period: tuple[int, int | None] | None = None) -> None:
        self._conn = conn
        self.by_title = by_title
        self.period = period
        groups = self._groups()
        self._blocks = layout(groups, by_title)
        self._starts = [block.start for block in self._blocks]
        self._by_key = {block.key: block for block in self._blocks}
        last = self._blocks[-1] if self._blocks else None
        self._length = last.start + len(last.headings) + last.count if last else 0
        self._articles = sum(block.count for block in self._blocks)
        self._chunks: OrderedDict[tuple[str, int], list[ArticleSummary]] = OrderedDict()
        # In title order: how many titles come before each letter, and what the index
        # holds (marks made of another state are not used).
        self._before: dict[str, int] = {}
        self._signature: Signature | None = None
        if self.by_title and any(n >= MARKS_FROM for _, n in groups):
            done = 0
            for key, n in groups:
                self._before[key] = done
                done += n
            self._signature = signature(self._conn, groups)
        elif not self.by_title and self.period is None and self._articles >= MARKS_FROM:
            path = _db_file(self._conn)  # `s` will want them: read once the list is up
            if path is not None and path not in TitleMarks._known:
                TitleMarks.build_soon(path, MARKS_AFTER)

    def _groups(self) -> list[tuple[str, int]]:
        if self.by_title:
            return _letters(self._conn)
        months = [(str(k), int(n)) for k, n in self._conn.execute(
            "SELECT key, n FROM groups WHERE kind = 'm' ORDER BY key DESC")]
        undated = [(k, n) for k, n in months if not k]
        months = [(k, n) for k, n in months if k] + undated  # undated last
        if self.period is not None:
            year, month = self.period
            want = f"{year:04d}-{month:02d}" if month else f"{year:04d}-"
            months = [(k, n) for k, n in months if k.startswith(want) and k]
        return months

    # -- ListRows -----------------------------------------------------------

    def __len__(self) -> int:
        return self._length

    @property
    def articles(self) -> int:
        return self._articles

    def is_article(self, y: int) -> bool:
        block = block_at(self._blocks, self._starts, y)
        return y - block.start >= len(block.headings)

    def row(self, y: int) -> Row:
        block = block_at(self._blocks, self._starts, y)
        offset = y - block.start
        if offset < len(block.headings):
            heading = block.headings[offset]
            return Row("letter", letter=key_letter(block.key)) if self.by_title else heading
        summary = self._summary(block, offset - len(block.headings))
        return Row("article", summary) if summary else Row("gap")

    def position(self, article_id: str) -> int | None:
        try:
            return self._position(article_id)
        except sqlite3.DatabaseError:  # a damaged index: no place, never a crash in a draw
            return None

    def _position(self, article_id: str) -> int | None:
        found = self._conn.execute("SELECT date, title_key FROM docs WHERE id = ?",
                                   (db_id(article_id),)).fetchone()
        if found is None:
            return None
        date, title_key = found
        key = str(title_key)[:1] if self.by_title else (str(date)[:7] if date else "")
        block = self._by_key.get(key)
        if block is None:
            return None
        ident = db_id(article_id)
        marks = self._marks(block)
        if marks is not None:
            at = bisect.bisect_right(marks.keys, _order((str(title_key), ident)), key=_order) - 1
            before = at * STEP + self._conn.execute(
                "SELECT count(*) FROM docs WHERE (title_key, id) >= (?, ?)"
                " AND (title_key, id) < (?, ?)", (*marks.keys[at], title_key, ident)
            ).fetchone()[0] - self._before[key]
        elif self.by_title:
            lo, hi = key, _next_char(key)
            before = self._conn.execute(
                "SELECT count(*) FROM docs WHERE title_key >= ? AND title_key < ?"
                " AND (title_key < ? OR (title_key = ? AND id < ?))",
                (lo, hi, title_key, title_key, ident)).fetchone()[0]
        elif key:
            lo, hi = _month_range(key)
            before = self._conn.execute(
                "SELECT count(*) FROM docs WHERE date >= ? AND date < ?"
                " AND (date > ? OR (date = ? AND id < ?))",
                (lo, hi, date, date, ident)).fetchone()[0]
        else:
            before = self._conn.execute(
                "SELECT count(*) FROM docs WHERE date IS NULL AND id < ?", (ident,)).fetchone()[0]
        if not 0 <= before < block.count:
            return None  # the index changed since the layout was read
        return block.start + len(block.headings) + before

    def period_row(self, year: int, month: int | None) -> int | None:
        if self.by_title:
            return None
        for block in self._blocks:
            if not block.key or int(block.key[:4]) != year:
                continue
            if month is None:
                return block.start  # the first month of that year starts with its heading
            if int(block.key[5:7]) == month:
                return block.start + len(block.headings) - 1
        return None

    # -- reading ------------------------------------------------------------

    def _summary(self, block: Block, k: int) -> ArticleSummary | None:
        number, at = divmod(k, CHUNK)
        chunk = self._chunks.get((block.key, number))
        if chunk is None:
            try:
                chunk = self._read(block, number * CHUNK)
            except sqlite3.DatabaseError:  # damaged: blank rows until the index is rebuilt
                chunk = []
            self._chunks[block.key, number] = chunk
            while len(self._chunks) > KEPT:
                self._chunks.popitem(last=False)
        else:
            self._chunks.move_to_end((block.key, number))
        return chunk[at] if at < len(chunk) else None

    def _marks(self, block: Block) -> TitleMarks | None:
        """The title marks, when this block is large enough to need them and they match."""
        if self._signature is None or block.count < MARKS_FROM:
            return None
        return TitleMarks.find(self._conn, self._signature)

    def _read(self, block: Block, offset: int) -> list[ArticleSummary]:
        """CHUNK rows from `offset` in the block. The rows skipped are counted in the index
        alone (its own pages, in order), then the chunk is read from where they end: an
        OFFSET in the query itself would read every skipped article's row too, a page
        each, scattered over the file in title order (~14 ms a chunk, cold, at a million)."""
        conn = self._conn
        if self.by_title:
            hi = _next_char(block.key)
            marks = self._marks(block)
            if marks is not None:  # from the last mark before: fewer than STEP rows skipped
                rank = self._before[block.key] + offset
                at = min(rank // STEP, len(marks.keys) - 1)
                start = conn.execute(
                    "SELECT title_key, id FROM docs WHERE (title_key, id) >= (?, ?)"
                    " ORDER BY title_key, id LIMIT 1 OFFSET ?",
                    (*marks.keys[at], rank - at * STEP)).fetchone()
            else:
                start = conn.execute(
                    "SELECT title_key, id FROM docs WHERE title_key >= ? AND title_key < ?"
                    " ORDER BY title_key, id LIMIT 1 OFFSET ?", (block.key, hi, offset)
                ).fetchone()
            if start is None:
                return []
            return summary_rows(conn.execute(
                f"SELECT {COLUMNS} FROM docs WHERE (title_key, id) >= (?, ?)"
                " AND title_key < ? ORDER BY title_key, id LIMIT ?", (*start, hi, CHUNK)))
        if block.key:
            lo, end = _month_range(block.key)
            start = conn.execute(
                "SELECT date, id FROM docs WHERE date >= ? AND date < ?"
                " ORDER BY date DESC, id LIMIT 1 OFFSET ?", (lo, end, offset)).fetchone()
            if start is None:
                return []
            date, ident = start  # newest first: that date from that id on, then older ones
            return summary_rows(conn.execute(
                f"SELECT {COLUMNS} FROM docs WHERE date >= ? AND date <= ?"
                " AND (date < ? OR id >= ?) ORDER BY date DESC, id LIMIT ?",
                (lo, date, date, ident, CHUNK)))
        start = conn.execute("SELECT id FROM docs WHERE date IS NULL ORDER BY id LIMIT 1 OFFSET ?",
                             (offset,)).fetchone()
        if start is None:
            return []
        return summary_rows(conn.execute(
            f"SELECT {COLUMNS} FROM docs WHERE date IS NULL AND id >= ? ORDER BY id LIMIT ?",
            (start[0], CHUNK)))


def period_by_title(conn: sqlite3.Connection, year: int, month: int | None
                    ) -> list[ArticleSummary]:
    """A year's or month's articles in title order: few enough to hold (MemoryRows).

    No index keeps this order (a year of a million is 53,000 titles sorted: most of a
    second), so the list asks from a thread; the query runs on a connection of its own,
    never holding the list's while the list reads its rows."""
    key = f"{year:04d}-{month:02d}" if month else f"{year:04d}"
    lo, hi = key + "-", key + "."
    sql = f"SELECT {COLUMNS} FROM docs WHERE date >= ? AND date < ? ORDER BY title_key, id"
    path = _db_file(conn)
    own = _read_only(path) if path is not None else None
    if own is None:
        return summary_rows(conn.execute(sql, (lo, hi)))
    try:
        return summary_rows(own.execute(sql, (lo, hi)))
    except sqlite3.OperationalError:  # (a site's index read as immutable: the list's own)
        return summary_rows(conn.execute(sql, (lo, hi)))
    finally:
        own.close()


class IndexCatalog:
    """The archive as the index lists it, for what the app asks of one article (its summary,
    its text) without a list of all of them in memory."""

    def __init__(self, root: Path, conn: sqlite3.Connection,
                 problems: list[tuple[str, str]]) -> None:
        self.root = root
        self._conn = conn
        self.problems = problems

    def get(self, article_id: str) -> ArticleSummary | None:
        rows = summary_rows(self._conn.execute(f"SELECT {COLUMNS} FROM docs WHERE id = ?",
                                               (db_id(article_id),)))
        return rows[0] if rows else None

    def load(self, article_id: str) -> Article:
        if self.get(article_id) is None:
            raise ArticleNotFound(article_id, self.root)
        return read_article(self.root / article_id, article_id)

    def count(self) -> int:
        return int(self._conn.execute(
            "SELECT coalesce(sum(n), 0) FROM groups WHERE kind = 'm'").fetchone()[0])

    def titled(self, title: str) -> list[str]:
        """Ids of the articles with this very title (through the title order's index)."""
        return [py_id(i) for (i,) in self._conn.execute(
            "SELECT id FROM docs WHERE title_key = ? AND title = ? LIMIT 50",
            (quick_key(title)[0], title))]

    def troubled(self) -> set[str]:
        """Ids of articles with problems (from a partial index of just those: still, call it
        off the main thread)."""
        return {py_id(i) for (i,) in self._conn.execute(
            "SELECT id FROM docs WHERE problems != ''")}
