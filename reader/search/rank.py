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

from __future__ import annotations

import sqlite3

BM25 = "bm25(fts, 6.0, 6.0, 1.0, 1.0, 1.0)"  # title columns weigh more
CANDIDATES = 2000
TITLE = "{title_stems title_keys} : "
TITLE_SCORE, BODY_SCORE = 2.0, 1.0
_CHUNK = 200  # docs rows read at a time for a common query's best


def ranked(conn: sqlite3.Connection, fts: str, join: str, where: str, values: list[object],
           limit: int) -> list[tuple]:
    """(id, date, title, score) rows, best first, score lower is better (as bm25's);
    join/where: the filters' SQL on docs AS d (index._filter_sql), narrowing the matches."""
    newest = [rowid for rowid, in conn.execute(
        f"SELECT fts.rowid FROM fts{join} WHERE fts MATCH ?{where}"
        " ORDER BY fts.rowid DESC LIMIT ?", (fts, *values, CANDIDATES))]
    if len(newest) < CANDIDATES:
        return conn.execute(
            "SELECT docs.id, docs.date, docs.title, found.score FROM"
            f" (SELECT fts.rowid AS rowid, {BM25} AS score FROM fts{join}"
            f"  WHERE fts MATCH ?{where}) AS found"
            " JOIN docs ON docs.rowid = found.rowid ORDER BY found.score, docs.id LIMIT ?",
            (fts, *values, limit)).fetchall()
    titled = {rowid for rowid, in conn.execute(  # only as far back as the candidates go
        "SELECT rowid FROM fts WHERE fts MATCH ? AND rowid >= ?",
        (f"{TITLE}({fts})", newest[-1]))}
    order = [r for r in newest if r in titled] + [r for r in newest if r not in titled]
    rows: list[tuple] = []
    for start in range(0, len(order), _CHUNK):  # a deleted article's search row has no docs
        chunk = order[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        found = {row[0]: row[1:] for row in conn.execute(
            f"SELECT rowid, id, date, title FROM docs WHERE rowid IN ({marks})", chunk)}
        for rowid in chunk:
            if rowid in found:
                score = TITLE_SCORE if rowid in titled else BODY_SCORE
                rows.append((*found[rowid], -score))
                if len(rows) == limit:
                    return rows
    return rows
