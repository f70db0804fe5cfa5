"""The walk of a first build: every file is new, so its jobs are handed on as they are found.

diff_folders (index_walk) lists the whole archive before anything is read: at a million
files its jobs and its folders' listings were most of a 630 MB writer, and the pool waited
for the walk. Into an empty index nothing needs comparing, so this walk yields each job as
its folder is listed, in the order diff_folders sorts them (by id, which numbers the docs
rows), holding one folder's listing per level of the tree. Its rules for what is an article,
a folder link or a problem are index_walk's (and so archive/walk.py's), reused from there.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable, Iterator

from reader.search import index_walk
from reader.search.index_walk import Folder, Job, _articles, _entries, _reason, _stats
from reader.terminal_text import printable_id

# a folder's entry: its sort key (a subfolder's name ends in "/", as its files' ids go on),
# and either the subfolder's path or the file's job
_Entry = tuple[str, str, Job | None]


def count_articles(root: str, looking: Callable[[int], None] | None = None) -> int:
    """How many article files the walk will find (names only, nothing stat-ed: a second or
    so at a million), for the progress shown while a first build runs; `looking(n)` after
    each folder listed, as diff_folders says it before any file is read (a slow file system).
    """
    count = 0
    listed = 0
    stack = [""]
    base = os.path.join(root, "")
    while stack:
        rel = stack.pop()
        try:
            with os.scandir(base + rel if rel else root) as entries:
                listing = list(entries)
        except OSError:
            continue  # the walk says why
        subfolders: list[str] = []
        count += len(_articles(listing, rel + "/" if rel else "", subfolders, []))
        stack.extend(subfolders)
        listed += 1
        if looking is not None:
            looking(listed)
    return count


def walk_new(root: str, folders: dict[str, Folder]) -> Iterator[Job]:
    """Every article file below root as a Job, in id order; each folder goes into `folders`
    as diff_folders would record it (files: {} once listed, filled when it is written).
    The archive itself unreadable raises, as there. (No `looking` here: files are being
    read meanwhile, and the progress shown is theirs.)"""
    trusted_before = time.time_ns() - index_walk.RACY_NS  # (read now: tests change it)
    base = os.path.join(root, "")

    def entries(rel: str) -> list[_Entry]:
        where = base + rel if rel else root
        try:
            st = os.stat(where)
        except OSError as err:
            if not rel:
                raise
            if err.errno not in (errno.ENOENT, errno.ENOTDIR):  # not merely gone: say so
                folders[rel] = Folder(None, -1, [(printable_id(rel), _reason(err))])
            return []
        trusted = st.st_ctime_ns < trusted_before  # else it may change again this tick
        folder = Folder(None, st.st_mtime_ns if trusted else -1, [],
                        stamp=f"{st.st_ino}:{st.st_ctime_ns}:{st.st_mtime_ns}" if trusted
                        else None)
        folders[rel] = folder
        listed = _entries(where, rel, folder)
        if listed is None:
            return []
        listing, folder.records = listed  # (the records kept: its listing, once written)
        prefix = rel + "/" if rel else ""
        subfolders: list[str] = []
        articles = _articles(listing, prefix, subfolders, folder.problems)
        found: list[_Entry] = [(sub[len(prefix):] + "/", sub, None) for sub in subfolders]
        found += [(entry.name, "", (entry.path, prefix + entry.name, size, mtime, ino, rel))
                  for entry, (size, mtime, ino) in zip(articles, _stats(where, articles),
                                                       strict=True)]
        found.sort(key=_key)
        folder.files = {}
        return found

    stack = [iter(entries(""))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif entry[2] is not None:
            yield entry[2]
        else:
            stack.append(iter(entries(entry[1])))


def _key(entry: _Entry) -> str:
    return entry[0]
