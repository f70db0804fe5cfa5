"""The archive list read from the index as it is drawn, never held whole.

The layout (which row is a heading, where each month or letter starts) comes from the
per-month and per-letter counts the index keeps, a few hundred rows however large the
archive. An article row is read when drawn, in chunks, by an ordered range query on an
index (docs_by_date, docs_by_title) with an offset inside its month or letter: a jump to
any place costs one short query, and memory holds a few chunks, not a million rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

from reader.archive.article import Article, ArticleSummary
from reader.archive.listing import Block, Row, block_at, layout
from reader.archive.parser import read_article
from reader.archive.scan import ArticleNotFound
from reader.kazakh.collate import key_letter, quick_key
from reader.search.index_file import Garbled, db_id, py_id

CHUNK = 128  # article rows read at a time
KEPT = 48  # chunks kept (about 6,000 rows)
COLUMNS = "id, date, title, source, paragraphs, words, problems"

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

    def _groups(self) -> list[tuple[str, int]]:
        if self.by_title:
            return [(str(k), int(n)) for k, n in self._conn.execute(
                "SELECT key, n FROM groups WHERE kind = 'l' ORDER BY key")]
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
        if self.by_title:
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
        if before >= block.count:
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

    def _read(self, block: Block, offset: int) -> list[ArticleSummary]:
        if self.by_title:
            sql = (f"SELECT {COLUMNS} FROM docs WHERE title_key >= ? AND title_key < ?"
                   " ORDER BY title_key, id LIMIT ? OFFSET ?")
            values: tuple = (block.key, _next_char(block.key))
        elif block.key:
            sql = (f"SELECT {COLUMNS} FROM docs WHERE date >= ? AND date < ?"
                   " ORDER BY date DESC, id LIMIT ? OFFSET ?")
            values = _month_range(block.key)
        else:
            sql = f"SELECT {COLUMNS} FROM docs WHERE date IS NULL ORDER BY id LIMIT ? OFFSET ?"
            values = ()
        return summary_rows(self._conn.execute(sql, (*values, CHUNK, offset)))


def period_by_title(conn: sqlite3.Connection, year: int, month: int | None
                    ) -> list[ArticleSummary]:
    """A year's or month's articles in title order: few enough to hold (MemoryRows)."""
    key = f"{year:04d}-{month:02d}" if month else f"{year:04d}"
    lo, hi = key + "-", key + "."
    return summary_rows(conn.execute(
        f"SELECT {COLUMNS} FROM docs WHERE date >= ? AND date < ? ORDER BY title_key, id",
        (lo, hi)))


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
