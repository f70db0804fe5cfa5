"""Bring the index up to date with the folder: re-read only what changed.

Runs with the update lock held (one writer per index). Each batch of articles is
committed with its search rows (a first build's, ten thousand at a time), so a crash or a
stop leaves a consistent index that the next update finishes. Large batches of new files
are parsed and analyzed in a small process pool while this process writes: SQLite's FTS5
inserts are now the larger part, so the writer is kept light (its rows arrive ready to
bind) and the workers yield the CPU to it. Into an empty index, the walk itself is
streamed (index_first).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator
from itertools import islice
from pathlib import Path

from reader.archive.parser import read_article
from reader.kazakh.collate import quick_key
from reader.search import index_walk
from reader.search.analyze import forget_reported, index_columns
from reader.search.index_file import (
    DOCS_INDEXES,
    UpdateResult,
    db_id,
    has_vocab,
    live_count,
    py_id,
)
from reader.search.index_first import count_articles, walk_new
from reader.search.index_walk import Diff, Folder, Job, diff_folders, folder_key
from reader.search.listing_columns import listing_blob

POOL_MIN = 1500  # below this many files to read, a pool costs more than it saves
BATCH = 1000  # articles per transaction
BULK = 5000  # files to read into an empty index: docs' indexes are made at the end
AHEAD = 3  # batches analyzed ahead of the writer
REBUILD_DEAD = 0.25  # rebuild the search table when this share of its rows is dead
OPTIMIZE_MIN = 5000  # merge the search table's segments after adding this many rows
# A bulk write (a first build) fills the search table in transactions of BULK_COMMIT rows,
# each held in memory (hashsize, bytes) and written as one segment, which is not merged with
# the others as it goes (automerge; FTS5 still merges 16 of a size at once): the 'optimize'
# at the end merges them all once. With FTS5's defaults (a segment a megabyte, merged four at
# a time) each posting was written and rewritten four times or more before that: 90,000
# articles wrote 3.2 GB for a 300 MB file, now 1.3 GB, and the writer's CPU fell by a third.
BULK_COMMIT = 10_000
BULK_FTS = {"hashsize": 64 << 20, "automerge": 0}
FTS_DEFAULTS = {"hashsize": 1 << 20, "automerge": 4}  # put back after a bulk write
SEEN_MAX = 1 << 20  # terms remembered as already in vocab during one update
# The pool's workers yield to the writer (the slower end) a little: on a quiet machine the
# writer then keeps a core to itself; 5 starved the workers when other work ran too.
WORKER_NICE = 2
_PIECES = re.compile(r"[^\W_]+")  # how FTS5's unicode61 would split a term with a mark in it

Row = tuple  # one docs row, its five search columns (UTF-8), and the terms new to its worker
# The columns cross from the pool as UTF-8 bytes, bound as text by a CAST: a str would be
# decoded from the pickle and encoded again for SQLite, in the writer, the slower end
# (a tenth of its time).
_FTS_INSERT = ("INSERT INTO fts(rowid, title_stems, title_keys, stems, keys, forms) VALUES (?, "
               + ", ".join(["CAST(? AS TEXT)"] * 5) + ")")


def analyze_file(job: Job) -> Row:
    """Read one file into its docs row and search terms (runs in the pool too)."""
    full, article_id, size, mtime_ns, ino, folder = job
    article = read_article(Path(full), article_id)
    new_terms: list[str] = []
    body = "\n".join(article.paragraphs)
    chunks = body.split()  # counted as Article.words counts, and the words are found in them
    columns = index_columns(article.title, body, new_terms, chunks)
    problems = json.dumps(list(article.problems)) if article.problems else ""
    date = article.date.isoformat() if article.date else None
    return (folder, db_id(article_id), ino, size, mtime_ns, date, article.title, article.source,
            len(article.paragraphs), len(chunks), problems, quick_key(article.title)[0],
            *[column.encode("utf-8") for column in columns], new_terms)


def _lower_priority(by: int) -> None:
    """A pool worker's start: the writer (SQLite's FTS5 inserts, one process) is the slower
    end, and with two cores and two workers at its priority it got two thirds of one."""
    with contextlib.suppress(OSError):  # not allowed here: the same work, a little slower
        os.nice(by)


def _analyzed(jobs: Iterable[Job], size: int, expected: int
              ) -> Generator[list[Row], None, None]:
    """Rows in batches of `size`, jobs taken from `jobs` (a list, or a walk still going) as
    they are needed; in a pool (`expected` jobs make one worth starting), the next batches
    are analyzed while one is written.

    At most AHEAD batches wait in memory: an unbounded imap would queue the whole archive's
    terms when the writer is slower than the workers.
    """
    forget_reported()  # (a pool's workers start afresh anyway)
    left = iter(jobs)
    chunks = iter(lambda: list(islice(left, size)), [])
    if expected < POOL_MIN or (os.cpu_count() or 1) < 2:
        try:
            for chunk in chunks:
                yield [analyze_file(job) for job in chunk]
        finally:
            forget_reported()  # what this run looked up is not held on to in the app
        return
    # spawn, not fork: the app calls this from a thread, and fork copies other threads' locks
    import multiprocessing  # only for a large build: not on every command's path

    with multiprocessing.get_context("spawn").Pool(2, _lower_priority, (WORKER_NICE,)) as pool:
        pending = deque(pool.map_async(analyze_file, c, chunksize=32)
                        for c in islice(chunks, AHEAD))
        while pending:
            rows = pending.popleft().get()
            following = next(chunks, None)
            if following is not None:
                pending.append(pool.map_async(analyze_file, following, chunksize=32))
            yield rows


def _meta(conn: sqlite3.Connection, key: str, value: str | bytes) -> None:
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


class Groups:
    """Articles per month ('m', "YYYY-MM", "" undated) and per first letter of the title
    order ('l'), counted here and written once a batch: triggers doing it row by row made
    a first build a third slower."""

    def __init__(self) -> None:
        self.delta: Counter[tuple[str, str]] = Counter()

    def count(self, date: str | None, title_key: str, by: int) -> None:
        self.delta["m", (date or "")[:7]] += by
        self.delta["l", (title_key or "")[:1]] += by

    def delete(self, conn: sqlite3.Connection, sql: str, values: tuple) -> None:
        """Run a DELETE on docs, counting out the rows it removed."""
        for date, title_key in conn.execute(sql + " RETURNING date, title_key", values):
            self.count(date if isinstance(date, str) else None,
                       title_key if isinstance(title_key, str) else "", -1)

    def write(self, conn: sqlite3.Connection) -> None:
        conn.executemany(
            "INSERT INTO groups(kind, key, n) VALUES (?, ?, ?)"
            " ON CONFLICT DO UPDATE SET n = n + excluded.n",
            ((kind, key, n) for (kind, key), n in self.delta.items() if n))
        conn.execute("DELETE FROM groups WHERE n <= 0")
        self.delta.clear()


def make_docs_indexes(conn: sqlite3.Connection) -> None:
    """docs' indexes where they are missing: after a bulk build, or one that was killed;
    and what an index made by an earlier version lacks (the folders' listings, the terms)."""
    for name, on in DOCS_INDEXES.items():
        conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {on}")
    if conn.execute("SELECT 1 FROM fts_config WHERE k = 'automerge' AND v = ?",
                    (BULK_FTS["automerge"],)).fetchone():
        _fts_config(conn, FTS_DEFAULTS)  # a bulk write's: merging as it goes again
    columns = {row[1] for row in conn.execute("PRAGMA table_info(folders)")}
    if "stamp" not in columns:
        conn.execute("ALTER TABLE folders ADD COLUMN stamp TEXT")
    if "files" in columns:  # an earlier build kept the listings here: they move out
        conn.execute("UPDATE folders SET files = NULL, stamp = NULL WHERE files IS NOT NULL")
    # apart from folders: a blob before a column makes every read of that column walk it
    conn.execute("CREATE TABLE IF NOT EXISTS listings("
                 "folder INTEGER PRIMARY KEY, files BLOB NOT NULL)")
    if not has_vocab(conn):  # an index made before the term list: one read of its terms
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("CREATE TABLE vocab(term TEXT PRIMARY KEY) WITHOUT ROWID")
        conn.execute("CREATE VIRTUAL TABLE temp.fts_terms USING fts5vocab(main, fts, row)")
        conn.execute("INSERT OR IGNORE INTO vocab(term) SELECT term FROM temp.fts_terms")
        conn.execute("DROP TABLE temp.fts_terms")
        conn.execute("COMMIT")


class Vocab:
    """Keeps the vocab table (every term the search table has, for index.Index._holds and
    prefix queries) as batches are written: a term already written this update is not
    asked for again. A term of a deleted article stays: it matches nothing, costs nothing."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def add(self, conn: sqlite3.Connection, rows: list[Row]) -> None:
        terms: set[str] = set()
        for row in rows:
            terms.update(row[17])  # what its worker had not reported yet
        terms -= self.seen
        for term in [t for t in terms if not t.isalnum()]:
            terms.update(_PIECES.findall(term))
        if len(self.seen) > SEEN_MAX:
            self.seen.clear()
        self.seen |= terms
        conn.executemany("INSERT OR IGNORE INTO vocab(term) VALUES (?)",
                         ((t,) for t in terms))


def run_update(
    conn: sqlite3.Connection,
    root: Path,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    full: bool = False,
    looking: Callable[[int], None] | None = None,
    found: Diff | None = None,
) -> UpdateResult:
    """Find what changed (index_walk; or `found`, what a watcher saw: index_changes), then
    delete, re-read and add. The caller holds the lock.

    Each folder's mtime is written last, once its files are in: an update stopped or
    killed half-way leaves those folders to be listed again by the next one.
    """
    make_docs_indexes(conn)
    if not conn.execute("SELECT 1 FROM folders LIMIT 1").fetchone() and not conn.execute(
            "SELECT 1 FROM docs LIMIT 1").fetchone():
        return _first_build(conn, os.fspath(root), progress, should_stop, looking)
    diff = found if found is not None else diff_folders(conn, os.fspath(root), full, looking)
    live = live_count(conn)
    result = UpdateResult(added=len(diff.added), changed=len(diff.changed),
                          removed=len(diff.gone), problems=diff.problems)
    result.unchanged = live - result.changed - result.removed
    jobs = diff.added + diff.changed
    fts_rows = int(conn.execute("SELECT value FROM meta WHERE key='fts_rows'").fetchone()[0])
    dead = fts_rows - live + len(diff.gone) + len(diff.changed)
    groups = Groups()
    changed = {db_id(job[1]) for job in diff.changed}  # their old rows go as they are read
    rebuild = dead and dead > REBUILD_DEAD * (fts_rows + len(diff.added))
    problems = json.dumps(result.problems)
    stored = conn.execute("SELECT value FROM meta WHERE key = 'problems'").fetchone()
    new_folders = any(folder.rowid is None for folder in diff.folders.values())
    folder_ids = {p: f.rowid for p, f in diff.folders.items() if f.rowid is not None}
    # Nothing is written when nothing changed: a write would cost a checkpoint at close.
    if rebuild or diff.gone or diff.gone_folders or new_folders or (stored or [""])[0] != problems:
        conn.execute("BEGIN IMMEDIATE")
        if rebuild:
            # contentless: dead rows cannot be deleted one by one, only all at once
            if not full:
                conn.execute("ROLLBACK")
                diff = diff_folders(conn, os.fspath(root), True, looking)  # every file, again
                conn.execute("BEGIN IMMEDIATE")
            # The list rows stay while the search table is rebuilt (a reader meanwhile sees
            # the whole list, and finds less); each is marked unread (inode -1, no listing
            # kept), so an update stopped half-way reads the rest next time.
            result.rebuilt = True
            jobs = diff.listed
            changed = {db_id(job[1]) for job in jobs} - {db_id(job[1]) for job in diff.added}
            conn.execute("UPDATE docs SET ino = -1")
            conn.execute("UPDATE folders SET mtime_ns = -1, stamp = NULL")
            conn.execute("DELETE FROM listings")
            conn.execute("INSERT INTO fts(fts) VALUES ('delete-all')")
            conn.execute("DELETE FROM vocab")
            fts_rows = 0
        for gone in diff.gone:
            groups.delete(conn, "DELETE FROM docs WHERE rowid = ?", (gone,))
        groups.write(conn)
        conn.executemany("DELETE FROM folders WHERE rowid = ?",
                         ((r,) for r in diff.gone_folders))
        conn.executemany("DELETE FROM listings WHERE folder = ?",
                         ((r,) for r in diff.gone_folders))
        for path, folder in diff.folders.items():
            if folder.rowid is None:
                folder_ids[path] = conn.execute(
                    "INSERT INTO folders(path, mtime_ns, problems) VALUES (?, -1, '[]')",
                    (folder_key(path),)).lastrowid
        _meta(conn, "problems", problems)
        _meta(conn, "fts_rows", str(fts_rows))
        conn.execute("COMMIT")

    bulk = len(jobs) >= BULK and not conn.execute("SELECT 1 FROM docs LIMIT 1").fetchone()
    done, result.stopped = _write(conn, _analyzed(jobs, BATCH, len(jobs)), len(jobs), bulk,
                                  folder_ids, changed, fts_rows, progress, should_stop)
    fresh = [(folder_ids[p], f) for p, f in diff.folders.items() if f.fresh]
    if fresh and not result.stopped:  # what each folder looked at holds, now all is in
        _stamp_folders(conn, fresh)
    return result


def _write(conn: sqlite3.Connection, rows: Generator[list[Row], None, None], total: int,
           bulk: bool, folder_ids: dict[str, int], changed: set[str | bytes], fts_rows: int,
           progress: Callable[[int, int], None] | None,
           should_stop: Callable[[], bool] | None) -> tuple[int, bool]:
    """Write the analyzed rows, a transaction a batch (a bulk write's: see below); (rows
    written, stopped part-way).
    bulk: docs was empty, so no row is looked for, and its indexes are made at the end; the
    search table is filled as BULK_FTS says, committed every BULK_COMMIT rows (and after the
    first batch, for a reader waiting to see something)."""
    done = 0
    committed = 0
    stopped = False
    if progress is not None:
        progress(0, total)
    if bulk:
        for name in DOCS_INDEXES:
            conn.execute(f"DROP INDEX IF EXISTS {name}")
        _fts_config(conn, BULK_FTS)
        # Debian's SQLite is built to overwrite deleted content with zeros: the segments
        # merged away were written again (30,000 articles: 437 MB written, 360 without).
        conn.execute("PRAGMA secure_delete = OFF")  # (the update's own connection)
    groups = Groups()
    vocab = Vocab()
    try:
        for batch in rows:
            if not conn.in_transaction:
                conn.execute("BEGIN IMMEDIATE")
            for row in batch:
                if row[1] in changed or not bulk:  # bulk: docs was empty; else it may hold it
                    groups.delete(conn, "DELETE FROM docs WHERE id = ?", (row[1],))
                groups.count(row[5], row[11], 1)
                rowid = conn.execute(
                    "INSERT INTO docs(folder, id, ino, size, mtime_ns, date, title, source,"
                    " paragraphs, words, problems, title_key)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (folder_ids[row[0]], *row[1:12])).lastrowid
                conn.execute(_FTS_INSERT, (rowid, *row[12:17]))
            groups.write(conn)
            vocab.add(conn, batch)
            fts_rows += len(batch)
            done += len(batch)
            stopped = should_stop is not None and should_stop() and done < total
            if not bulk or committed == 0 or done - committed >= BULK_COMMIT:
                _meta(conn, "fts_rows", str(fts_rows))
                conn.execute("COMMIT")
                committed = done
            if progress is not None:
                progress(done, max(total, done))  # (a first build's total was counted before)
            if stopped:
                break
        if conn.in_transaction:  # a bulk write's last rows, or those before a stop
            _meta(conn, "fts_rows", str(fts_rows))
            conn.execute("COMMIT")
    finally:
        rows.close()  # ends the pool now, not when the generator is collected
        if bulk:  # (after an error its transaction is rolled back as the connection closes:
            make_docs_indexes(conn)  # the next update's make_docs_indexes does it then)
    if done >= OPTIMIZE_MIN:
        conn.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    return done, stopped


def _fts_config(conn: sqlite3.Connection, settings: dict[str, int]) -> None:
    """Set the search table's persistent options (kept in its fts_config table)."""
    for key, value in settings.items():
        conn.execute("INSERT INTO fts(fts, rank) VALUES (?, ?)", (key, value))


def _stamp_folders(conn: sqlite3.Connection, fresh: Iterable[tuple[int, Folder]]) -> None:
    """What each folder looked at holds, written once all its files are in (with its listing;
    `fresh` may be a generator filling each listing as it goes). A folder whose stamp,
    problems and listing are what is stored is not written again: the app's full walk lists
    every folder, and rewriting them all was some 11 MB at 100,000 articles (~50 MB at a
    million) on every start, for nothing."""
    conn.execute("BEGIN IMMEDIATE")
    for rowid, f in fresh:
        problems = json.dumps(f.problems)
        blob = None if f.files is None else listing_blob(f.files)
        if _stored_as(conn, rowid, (f.mtime_ns, f.stamp, problems), blob):
            continue
        conn.execute("UPDATE folders SET mtime_ns = ?, stamp = ?, problems = ? WHERE rowid = ?",
                     (f.mtime_ns, f.stamp, problems, rowid))
        if blob is None:
            conn.execute("DELETE FROM listings WHERE folder = ?", (rowid,))
        else:
            conn.execute("INSERT OR REPLACE INTO listings(folder, files) VALUES (?, ?)",
                         (rowid, blob))
    conn.execute("COMMIT")


def _stored_as(conn: sqlite3.Connection, rowid: int, row: tuple[int, str | None, str],
               blob: bytes | None) -> bool:
    """Whether the folder's row and listing already say this (the listing is read only when
    the row does: a folder that changed has another stamp)."""
    stored = conn.execute("SELECT mtime_ns, stamp, problems FROM folders WHERE rowid = ?",
                          (rowid,)).fetchone()
    if stored != row or row[1] is None:
        return False
    listed = conn.execute("SELECT files FROM listings WHERE folder = ?", (rowid,)).fetchone()
    return (listed[0] if listed else None) == blob


class _FolderRows(dict[str, int]):
    """Folder path -> its folders rowid, for a first build: a folder met for the first time
    gets its row then (unstamped, so an update stopped before the end lists it again)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__()
        self.conn = conn

    def __missing__(self, path: str) -> int:
        rowid = self[path] = self.conn.execute(
            "INSERT INTO folders(path, mtime_ns, problems) VALUES (?, -1, '[]')",
            (folder_key(path),)).lastrowid
        return rowid

    def ensure(self, path: str) -> None:
        """The folder's row, made now if no article of it made it (in a transaction)."""
        self[path]  # noqa: B018  (__missing__ makes it)


def _first_build(conn: sqlite3.Connection, root: str,
                 progress: Callable[[int, int], None] | None,
                 should_stop: Callable[[], bool] | None,
                 looking: Callable[[int], None] | None) -> UpdateResult:
    """An empty index: the walk's jobs go to the readers as each folder is listed (index_first)
    instead of being listed, held and sorted first. Nothing is compared or deleted."""
    folders: dict[str, Folder] = {}
    trusted_before = time.time_ns() - index_walk.RACY_NS  # files newer: marked (index_walk)
    total = count_articles(root, looking)
    walked = 0

    def jobs() -> Iterator[Job]:
        nonlocal walked
        for job in walk_new(root, folders):
            walked += 1
            yield job

    folder_ids = _FolderRows(conn)
    done, stopped = _write(conn, _analyzed(jobs(), BATCH, total), total, total >= BULK,
                           folder_ids, set(), 0, progress, should_stop)
    problems = sorted(p for folder in folders.values() for p in folder.problems)
    result = UpdateResult(added=total if stopped else walked, problems=problems,
                          stopped=stopped)
    if not stopped:
        conn.execute("BEGIN IMMEDIATE")
        for path in folders:
            folder_ids.ensure(path)  # a folder with no article in it has none yet
        _meta(conn, "problems", json.dumps(problems))
        conn.execute("COMMIT")
        _stamp_folders(conn, ((folder_ids[p], _listed(conn, folder_ids[p], f, trusted_before))
                              for p, f in folders.items()))
    return result


def _listed(conn: sqlite3.Connection, rowid: int, folder: Folder,
            trusted_before: int) -> Folder:
    """A copy of the folder with its listing (name -> inode, size, mtime) read back from its
    docs rows, dropped once written: a million files' listings held at once cost 250 MB.
    A file whose mtime is not before `trusted_before` may have been written meanwhile: its
    entry is marked, to be stat-ed by the next walk that lists the folder (listing_columns.Seen)."""
    if folder.files is None:
        return folder  # not listed: no listing to keep
    files = {py_id(article_id).rpartition("/")[2]:
             (ino, size, mtime) if mtime < trusted_before else (ino, size, mtime, 1)
             for article_id, ino, size, mtime in conn.execute(
                 "SELECT id, ino, size, mtime_ns FROM docs WHERE folder = ?", (rowid,))}
    if folder.records is not None:  # (the docs rows were written from those records)
        from reader.search.walk_records import as_records

        files = as_records(folder.records, files) or files
    return Folder(folder.rowid, folder.mtime_ns, folder.problems, files, folder.stamp)
