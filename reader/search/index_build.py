"""Bring the index up to date with the folder: re-read only what changed.

Runs with the update lock held (one writer per index). Each batch of articles is
committed with its search rows, so a crash or a stop leaves a consistent index
that the next update finishes. Large batches of new files are parsed and
analyzed in a small process pool: reading and stemming, not SQLite, dominate.
"""

from __future__ import annotations

import json
import marshal
import multiprocessing
import os
import sqlite3
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.archive.parser import read_article
from reader.archive.scan import printable_id
from reader.archive.walk import walk_articles
from reader.search.analyze import index_forms, index_terms

POOL_MIN = 1500  # below this many files to read, a pool costs more than it saves
BATCH = 1000  # articles per transaction
AHEAD = 3  # batches analyzed ahead of the writer
REBUILD_DEAD = 0.25  # rebuild the search table when this share of its rows is dead
OPTIMIZE_MIN = 5000  # merge the search table's segments after adding this many rows

Row = tuple  # one docs row + its five search columns, as the workers return it


@dataclass
class UpdateResult:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)  # folder problems
    busy: bool = False  # another process was updating; nothing was done
    stopped: bool = False  # should_stop asked to stop before the end
    rebuilt: bool = False  # the search table was rebuilt from the files


def db_id(article_id: str) -> str | bytes:
    """A name that is not UTF-8 is stored as its bytes: SQLite text cannot hold surrogates."""
    try:
        article_id.encode("utf-8")
    except UnicodeEncodeError:
        return article_id.encode("utf-8", "surrogateescape")
    return article_id


def py_id(value: str | bytes) -> str:
    return value if isinstance(value, str) else value.decode("utf-8", "surrogateescape")


def analyze_file(job: tuple[str, str, int, int]) -> Row:
    """Read one file into its docs row and search terms (runs in the pool too)."""
    full, article_id, size, mtime_ns = job
    article = read_article(Path(full), article_id)
    title_stems, title_keys = index_terms(article.title)
    body = "\n".join(article.paragraphs)
    stems, keys = index_terms(body)
    problems = json.dumps(list(article.problems)) if article.problems else ""
    date = article.date.isoformat() if article.date else None
    return (db_id(article_id), size, mtime_ns, date, article.title, article.source,
            len(article.paragraphs), article.words, problems,
            title_stems, title_keys, stems, keys, index_forms(article.title, body))


def _stat(full: str) -> tuple[int, int]:
    try:
        st = os.stat(full)
    except OSError:
        try:
            st = os.lstat(full)  # a broken link: still listed, as the scan does
        except OSError:
            return -1, -1
    return st.st_size, st.st_mtime_ns


def _analyzed(jobs: list[tuple[str, str, int, int]], size: int) -> Iterator[list[Row]]:
    """Rows in batches of `size`; in a pool, the next batch is analyzed while one is written.

    At most AHEAD batches wait in memory: an unbounded imap would queue the whole archive's
    terms when the writer is slower than the workers.
    """
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    if len(jobs) < POOL_MIN or (os.cpu_count() or 1) < 2:
        for chunk in chunks:
            yield [analyze_file(job) for job in chunk]
        return
    # spawn, not fork: the app calls this from a thread, and fork copies other threads' locks
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pending = deque(pool.map_async(analyze_file, c, chunksize=32) for c in chunks[:AHEAD])
        for following in chunks[AHEAD:]:
            rows = pending.popleft().get()
            pending.append(pool.map_async(analyze_file, following, chunksize=32))
            yield rows
        while pending:
            yield pending.popleft().get()


SUMMARIES = (
    "SELECT id, date, title, source, paragraphs, words, problems FROM docs"
    " ORDER BY date IS NULL, date DESC, id"
)


def write_snapshot(conn: sqlite3.Connection) -> None:
    """The sorted list rows as one marshal blob: the app starts from it, 2x faster than rows.

    Any change to docs deletes it in the same transaction, so a snapshot is never stale.
    """
    conn.execute("BEGIN IMMEDIATE")
    rows = conn.execute(SUMMARIES).fetchall()
    _meta(conn, "summaries", marshal.dumps(rows))
    conn.execute("COMMIT")


def _meta(conn: sqlite3.Connection, key: str, value: str | bytes) -> None:
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


def run_update(
    conn: sqlite3.Connection,
    root: Path,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> UpdateResult:
    """Walk, diff by (size, mtime_ns), then delete, re-read and add. The caller holds the lock."""
    result = UpdateResult()
    problems: list[tuple[str, str]] = []
    known = {py_id(i): (rowid, size, mtime) for rowid, i, size, mtime in
             conn.execute("SELECT rowid, id, size, mtime_ns FROM docs")}
    jobs: list[tuple[str, str, int, int]] = []
    listed: list[tuple[str, str, int, int]] = []
    seen: set[str] = set()
    for full, article_id in walk_articles(
        os.fspath(root), lambda where, message: problems.append((printable_id(where), message))
    ):
        seen.add(article_id)
        size, mtime = _stat(full)
        listed.append((full, article_id, size, mtime))
        old = known.get(article_id)
        if old is not None and old[1:] == (size, mtime):
            result.unchanged += 1
        else:
            jobs.append((full, article_id, size, mtime))
            if old is None:
                result.added += 1
            else:
                result.changed += 1
    gone = [rowid for article_id, (rowid, _, _) in known.items() if article_id not in seen]
    result.removed = len(gone)
    result.problems = sorted(problems)

    fts_rows = int(conn.execute("SELECT value FROM meta WHERE key='fts_rows'").fetchone()[0])
    dead = fts_rows - len(known) + len(gone) + result.changed
    if dead and dead > REBUILD_DEAD * (fts_rows + result.added):
        # contentless: dead rows cannot be deleted one by one, only all at once
        result.rebuilt = True
        jobs = listed
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM docs")
        conn.execute("INSERT INTO fts(fts) VALUES ('delete-all')")
        fts_rows = 0
    else:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("DELETE FROM docs WHERE rowid = ?", ((r,) for r in gone))
    _meta(conn, "problems", json.dumps(result.problems))
    _meta(conn, "fts_rows", str(fts_rows))
    if jobs or gone:
        conn.execute("DELETE FROM meta WHERE key = 'summaries'")
    conn.execute("COMMIT")

    done = 0
    if progress is not None:
        progress(0, len(jobs))
    rows = _analyzed(jobs, BATCH)
    try:
        for batch in rows:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("DELETE FROM docs WHERE id = ?", ((row[0],) for row in batch))
            for row in batch:
                rowid = conn.execute(
                    "INSERT INTO docs(id, size, mtime_ns, date, title, source, paragraphs, words,"
                    " problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row[:9]).lastrowid
                conn.execute("INSERT INTO fts(rowid, title_stems, title_keys, stems, keys,"
                             " forms) VALUES (?, ?, ?, ?, ?, ?)", (rowid, *row[9:]))
            fts_rows += len(batch)
            _meta(conn, "fts_rows", str(fts_rows))
            conn.execute("COMMIT")
            done += len(batch)
            if progress is not None:
                progress(done, len(jobs))
            if should_stop is not None and should_stop() and done < len(jobs):
                result.stopped = True
                break
    finally:
        rows.close()  # ends the pool now, not when the generator is collected
    if done >= OPTIMIZE_MIN:
        conn.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    if conn.execute("SELECT 1 FROM meta WHERE key = 'summaries'").fetchone() is None:
        write_snapshot(conn)
    return result
