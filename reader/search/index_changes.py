"""What changed, from the names a watcher saw change: no folder is listed.

index_walk.py learns what changed by listing each folder whose stamp moved (a folder of
4,500 files takes ~2 ms of the kernel's time to list, whatever changed in it); the watcher
(index_watch.py) is told by the kernel which names changed, and only those are looked at
here, by the walk's rules (archive/walk.py): a *.txt that is no folder is an article. A name
that is a folder now, or a folder the index does not know, is not for this: Unknown, and
the caller walks as usual.

The folders' stamps and listings are left as they are: a folder that gained or lost a file
has another stamp than the one stored, so a walk without the watcher lists it again (and
reads again only the files its stored listing lacks); a file written in place changes no
folder's stamp, and its row here is already right.
"""

from __future__ import annotations

import os
import sqlite3
import stat

from reader.archive.walk import is_article_name
from reader.search.index_file import db_id, py_id
from reader.search.index_walk import Diff, Folder, _problems, _stat


class Unknown(Exception):
    """A change this cannot take in from names alone (a folder added, removed or renamed)."""


def diff_names(conn: sqlite3.Connection, root: str, changed: dict[str, set[str]]) -> Diff:
    """How the named files (folder -> names in it) differ from the index. Every folder the
    index knows is in the diff as stored (fresh=False: nothing of it is written again)."""
    diff = Diff()
    for rowid, path, stamp, problems in conn.execute(
            "SELECT rowid, path, stamp, problems FROM folders"):
        diff.folders[py_id(path)] = Folder(rowid, -1, _problems(problems), fresh=False,
                                           stamp=stamp)
    base = os.path.join(root, "")
    for rel in sorted(changed):
        if rel not in diff.folders:
            raise Unknown(rel)
        prefix = rel + "/" if rel else ""
        for name in sorted(changed[rel]):
            full = base + prefix + name
            article_id = prefix + name
            try:
                st = os.stat(full)
            except OSError:
                st = None
            if st is not None and stat.S_ISDIR(st.st_mode):
                raise Unknown(article_id)  # a folder (or a link to one): the walk's to say
            row = conn.execute("SELECT rowid, ino, size, mtime_ns FROM docs WHERE id = ?",
                               (db_id(article_id),)).fetchone()
            size, mtime, ino = _stat(full) if is_article_name(name) else (-1, -1, -1)
            there = is_article_name(name) and (st is not None or ino != -1)
            if not there:
                if row is not None:
                    diff.gone.append(row[0])
                continue
            job = (full, article_id, size, mtime, ino, rel)
            if row is None:
                diff.added.append(job)
            elif tuple(row[1:]) == (ino, size, mtime):
                diff.unchanged += 1
            else:
                diff.changed.append(job)
    for jobs in (diff.added, diff.changed):
        jobs.sort(key=lambda job: job[1])
    return diff
