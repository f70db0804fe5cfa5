"""What changed, from the names a watcher saw change: no folder is listed.

index_walk.py learns what changed by listing each folder whose stamp moved (a folder of
4,500 files takes ~2 ms of the kernel's time to list, whatever changed in it); the watcher
(index_watch.py) is told by the kernel which names changed, and only those are looked at
here, by the walk's rules (archive/walk.py): a *.txt that is no folder is an article. A name
that is a folder now, or a folder the index does not know, is not for this: a walk says
what it holds first.

The folders taken in so lose their stored stamp and listing: the next walk without the
watcher lists them and stats each of their files once (a listing kept from before would no
longer say what the index holds).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

from reader.archive.walk import is_article_name
from reader.search.index_file import UpdateResult, db_id, py_id
from reader.search.index_walk import Diff, Folder, _problems, _stat


def update_names(conn: sqlite3.Connection, root: str, changed: dict[str, set[str]],
                 progress: Callable[[int, int], None] | None = None,
                 should_stop: Callable[[], bool] | None = None) -> UpdateResult:
    """Take in the named files (folder -> names in it); with the lock held. What names
    cannot say (a folder added, gone or renamed among them) is walked for first, as a
    command would, and the names are taken in after it all the same: an edit in place
    among them shows in no folder's stamp."""
    from reader.search.index_build import run_update

    diff, unknown = diff_names(conn, root, changed)
    walked = None
    if unknown:
        walked = run_update(conn, Path(root), progress, should_stop)
        diff, _ = diff_names(conn, root, changed)
    _forget_listings(conn, diff, changed)
    result = run_update(conn, Path(root), progress, should_stop, found=diff)
    result.changed -= diff.same  # read again, but as the row said (or as the walk just read)
    if walked is not None:
        add_counts(result, walked)
    return result


def add_counts(result: UpdateResult, more: UpdateResult) -> None:
    """`more`'s files added, changed and removed, counted into `result`."""
    result.added += more.added
    result.changed += more.changed
    result.removed += more.removed


def _forget_listings(conn: sqlite3.Connection, diff: Diff, changed: dict[str, set[str]]
                     ) -> None:
    """The folders whose files are taken in lose their stored listing and stamp before any
    row is written: a walk without the watcher lists them again and compares every file
    with its row (a stat each), instead of a stale listing (a file the watcher saw go and
    come back with its inode was skipped by the listing's compare, and never read again)."""
    rowids = [(diff.folders[rel].rowid,) for rel in changed if rel in diff.folders]
    if not rowids:
        return
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("UPDATE folders SET mtime_ns = -1, stamp = NULL WHERE rowid = ?", rowids)
    conn.executemany("DELETE FROM listings WHERE folder = ?", rowids)
    conn.execute("COMMIT")


def diff_names(conn: sqlite3.Connection, root: str, changed: dict[str, set[str]]
               ) -> tuple[Diff, bool]:
    """How the named files (folder -> names in it) differ from the index, and whether some
    of it names alone cannot say (a folder the index does not know or that is no longer
    there, a name that is a folder): those are left out, for a walk. Every folder the index
    knows is in the diff as stored (fresh=False: nothing of it is written again). A named
    file that is there is read again, whatever its size and time say: the kernel said it
    was written (an edit that put its mtime back, a rewrite within one clock tick)."""
    diff = Diff()
    unknown = False
    for rowid, path, stamp, problems in conn.execute(
            "SELECT rowid, path, stamp, problems FROM folders"):
        diff.folders[py_id(path)] = Folder(rowid, -1, _problems(problems), fresh=False,
                                           stamp=stamp)
    base = os.path.join(root, "")
    for rel in sorted(changed):
        where = base + rel if rel else root
        if rel not in diff.folders or not os.path.isdir(where):
            unknown = True  # (a folder moved away: its files are not gone, they are elsewhere)
            continue
        prefix = rel + "/" if rel else ""
        for name in sorted(changed[rel]):
            if not name:
                unknown = True  # the folder itself (its permissions, its times)
                continue
            full = base + prefix + name
            article_id = prefix + name
            try:
                st = os.stat(full)
            except OSError:
                st = None
            if st is not None and stat.S_ISDIR(st.st_mode):
                unknown = True  # a folder (or a link to one): the walk's to say
                continue
            row = conn.execute("SELECT rowid, ino, size, mtime_ns FROM docs WHERE id = ?",
                               (db_id(article_id),)).fetchone()
            size, mtime, ino = _stat(full) if is_article_name(name) else (-1, -1, -1)
            if not (is_article_name(name) and (st is not None or ino != -1)):
                if row is not None:
                    diff.gone.append(row[0])
                continue
            job = (full, article_id, size, mtime, ino, rel)
            (diff.added if row is None else diff.changed).append(job)
            if row is not None and tuple(row[1:]) == (ino, size, mtime):
                diff.same += 1
    for jobs in (diff.added, diff.changed):
        jobs.sort(key=lambda job: job[1])
    return diff, unknown
