"""Which matches a search shows first, in time that does not grow with the archive.

FTS5's bm25 weighs each query word by how rare it is, and to know that it reads every
posting of the word once per query: 5 ms for a common word at 100,000 articles, 40 ms for
a phrase or a prefix, ten times that at a million. So the matches are first fetched without
it, newest first, at most CANDIDATES of them (only as many postings as that takes):

- fewer than CANDIDATES: they are all the matches, few enough for bm25 (title weighted)
  to rank them exactly;
- CANDIDATES of them: the query is common (a word in most articles, where bm25's weight is
  near zero and ranks by little but length). The newest CANDIDATES are shown with the ones
  that match in their title first, each part newest first; score 2 for a title match, 1
  otherwise.
"""

import datetime as dt
import sqlite3
from typing import NamedTuple

BM25 = "bm25(fts, 6.0, 6.0, 1.0, 1.0, 1.0)"  # title columns weigh more
CANDIDATES = 2000
TITLE = "{title_stems title_keys} : "
TITLE_SCORE, BODY_SCORE = 2.0, 1.0
_CHUNK = 200  # docs rows read at a time for a common query's best


class Hit(NamedTuple):
    """One result of Index.search (a NamedTuple: a dataclass would load dataclasses and
    inspect, 10 ms of a `kz-reader search`). Here, in a module without `from __future__
    import annotations`: typing.NamedTuple compiles an annotation that is a string, and
    the first compile() of a process sets up the ast module's types, ~3 ms."""

    id: str
    date: dt.date | None
    title: str
    score: float  # higher is better (minus FTS5 bm25)
    snippet: list[tuple[str, bool]]  # (text, highlighted) pieces of that paragraph's text
    paragraph: int  # the first paragraph with a hit; -1: only the title matched


def ranked(conn: sqlite3.Connection, fts: str, join: str, where: str, values: list[object],
           limit: int) -> list[tuple]:
    """(id, date, title, score) rows, best first, score lower is better (as bm25's);
    join/where: the filters' SQL on docs AS d (index._filter_sql), narrowing the matches.

    A common query's rows are read only as far as they are shown: the CANDIDATES-th
    newest match is found inside SQLite (2000 rows handed to Python one by one cost three
    times as much), then the title matches from it on, newest first, and when they run
    out the other matches, newest first, only as far as `limit` rows with an article take.
    The same rows as ordering all CANDIDATES of them: a title match is a match."""
    last = conn.execute(
        f"SELECT fts.rowid FROM fts{join} WHERE fts MATCH ?{where}"
        " ORDER BY fts.rowid DESC LIMIT 1 OFFSET ?", (fts, *values, CANDIDATES - 1)).fetchone()
    if last is None:  # fewer than CANDIDATES: all of them, by bm25
        return conn.execute(
            "SELECT docs.id, docs.date, docs.title, found.score FROM"
            f" (SELECT fts.rowid AS rowid, {BM25} AS score FROM fts{join}"
            f"  WHERE fts MATCH ?{where}) AS found"
            " JOIN docs ON docs.rowid = found.rowid ORDER BY found.score, docs.id LIMIT ?",
            (fts, *values, limit)).fetchall()
    size = min(_CHUNK, limit + 8)  # a few more for deleted articles' rows
    newer = f"SELECT fts.rowid FROM fts{join} WHERE fts MATCH ? AND fts.rowid >= ?{where}"
    # the title matches all at once, in rowid order: FTS5 walking a column filter newest
    # first reads on past the lower rowid bound when nothing matches (0.6 s at 1,000,000)
    titled = sorted((rowid for rowid, in conn.execute(
        newer, (f"{TITLE}({fts})", last[0], *values))), reverse=True)
    rows: list[tuple] = []
    for start in range(0, len(titled), size):
        _add_rows(conn, titled[start:start + size], -TITLE_SCORE, rows, limit)
        if len(rows) == limit:
            return rows
    shown = set(titled)
    # LIMIT: the CANDIDATES rows from `last` on are all there are, and FTS5 is not asked
    # to look past the last of them
    cursor = conn.execute(newer + " ORDER BY fts.rowid DESC LIMIT ?",
                          (fts, last[0], *values, CANDIDATES))
    try:
        while len(rows) < limit:
            chunk = cursor.fetchmany(size)
            if not chunk:
                break
            _add_rows(conn, [rowid for rowid, in chunk if rowid not in shown], -BODY_SCORE,
                      rows, limit)
    finally:
        cursor.close()  # an open statement would hold its read transaction
    return rows


def _add_rows(conn: sqlite3.Connection, chunk: list[int], score: float, rows: list[tuple],
              limit: int) -> None:
    """The chunk's articles in its order onto rows, up to limit: a deleted article's search
    row has no docs row and is passed over."""
    if not chunk:
        return
    marks = ",".join("?" * len(chunk))
    found = {row[0]: row[1:] for row in conn.execute(
        f"SELECT rowid, id, date, title FROM docs WHERE rowid IN ({marks})", chunk)}
    for rowid in chunk:
        if rowid in found:
            rows.append((*found[rowid], score))
            if len(rows) == limit:
                return
