"""What changed in the archive since the index last looked, at the cost of what changed.

As mlocate's updatedb and git's untracked cache do, the index keeps each folder's stamp:
its inode, ctime and mtime. A file added, removed or renamed over (how scrapers and sync
tools write) changes its folder's times; `rsync -a` or `cp -a` may put the mtime back, but
the ctime moves with every change and no one can set it; a folder swapped for another has
another inode. A folder whose stamp is what it was is not listed again, and its files are
not looked at. A folder that changed is listed, and its listing compared with the one kept
last time (name -> inode, size, mtime; one blob with the folder: reading thousands of docs
rows for a folder of thousands of files costs more than listing it). The listing gives each
name's inode with no stat (readdir's d_ino), and a file added or renamed over (written
beside, then renamed) has an inode the name did not have: only names that are new, or whose
inode moved, are stat-ed and read if their size or mtime moved too. A name with its inode
is taken as it was: a changed folder of 4,500 files costs a stat for each new one, not 4,500
(9 us each). So an edit in place is not seen by this walk, in a changed folder or not, nor
is a file deleted and written again that got its freed inode back: the full walk
(`full=True`: every folder listed, every file stat-ed) sees them, and the app runs one in
the background; so does a symlink whose target became a folder. A file whose ctime is
within RACY_NS of the walk (it may still be being written) is kept marked: the next walk
that lists its folder stats it (and reads it if it changed meanwhile).

On Linux a listing is kept as the kernel's own records (dirents.py: getdents64, inode and
type with each name), and a new one is lined up with it as bytes: a record that did not
change is the same bytes, so only the records that differ are read one by one
(walk_records.py), and a thread reads the changed folders' records ahead of the walk
(read_ahead.py).
Elsewhere, or on a file system that does not say each entry's type, a listing is kept in
columns (listing_columns.py), in readdir's order, and lined up with the new one as runs of
equal slices (listing_runs.py, walk_columns.py). Either way what is kept is what this
walk looked at.

The rules for what is an article are archive/walk.py's: both must list the same files
under the same ids.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.archive.walk import FOLDER_LINK, is_article_name
from reader.search import dirents
from reader.search.dirents import RawListing
from reader.search.index_file import db_id, py_id
from reader.search.listing_columns import Listing, Seen, read_listing
from reader.terminal_text import printable_id

if TYPE_CHECKING:
    from reader.search.read_ahead import ReadAhead

# A folder whose mtime is this close to the walk may change again within the same tick of
# a coarse clock (or a network file system's): its mtime is not trusted until the next walk.
# So for a file whose ctime is this close: its listing entry says so (see Seen).
RACY_NS = 2_000_000_000

Job = tuple[str, str, int, int, int, str]  # full path, id, size, mtime_ns, inode, folder
Files = Listing | RawListing | dict[str, Seen]  # a folder's listing, as kept

class Folder:
    """One folder as this walk found it (plain classes here and in Diff: dataclasses would
    load inspect, 10 ms, on every command's path)."""

    _FIELDS = ("rowid", "mtime_ns", "problems", "files", "stamp", "fresh")

    def __init__(self, rowid: int | None, mtime_ns: int, problems: list[tuple[str, str]],
                 files: dict[str, Seen] | Listing | None = None,
                 stamp: str | None = None, fresh: bool = True) -> None:
        self.rowid = rowid
        self.mtime_ns = mtime_ns
        self.problems = problems
        self.files = files  # name -> (inode, size, mtime[, 1]): Seen (or those in columns)
        self.stamp = stamp  # inode:ctime:mtime of the folder, None until it can be trusted
        self.fresh = fresh  # looked at by this walk (else as stored: nothing of it to write)
        self.records: bytes | None = None  # a first build's listing, as the kernel's records

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Folder):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self._FIELDS)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass was

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"Folder({inner})"


class Diff:
    """How the archive differs from the index."""

    def __init__(self) -> None:
        self.added: list[Job] = []
        self.changed: list[Job] = []
        self.gone: list[int] = []  # docs rowids
        self.unchanged = 0  # of the files looked at (an unchanged folder's are not)
        self.listed: list[Job] = []  # every file seen (full walks only)
        self.folders: dict[str, Folder] = {}  # every folder there now
        self.gone_folders: list[int] = []  # folders rowids
        self.same = 0  # of `changed`, those read again whose size, time and inode were as stored

    @property
    def problems(self) -> list[tuple[str, str]]:
        return sorted(p for folder in self.folders.values() for p in folder.problems)


def _parent(path: str) -> str:
    return path.rpartition("/")[0]


def _listing(where: str, rel: str, folder: Folder) -> list[os.DirEntry[str]] | None:
    """The folder's entries; None, with the reason among its problems and its stamp
    dropped (so it is listed again next time), when it cannot be read."""
    try:
        with os.scandir(where) as entries:
            return list(entries)
    except OSError as err:
        _unreadable(folder, rel, err)
        return None


def _unreadable(folder: Folder, rel: str, err: OSError) -> None:
    folder.mtime_ns, folder.stamp = -1, None
    folder.problems.append((printable_id(rel or "."), _reason(err)))


def _reason(err: OSError) -> str:
    return f"cannot read folder: {(err.strerror or str(err)).lower()}"


def _stat(full: str, dir_fd: int | None = None) -> tuple[int, int, int]:
    try:
        st = os.stat(full, dir_fd=dir_fd)
    except OSError:
        try:
            st = os.lstat(full, dir_fd=dir_fd)  # a broken link: still listed, as the scan does
        except OSError:
            return -1, -1, -1
    return st.st_size, st.st_mtime_ns, st.st_ino


def _stat_seen(full: str, dir_fd: int | None = None) -> tuple[int, int, int, int]:
    """_stat and the ctime (-1 when neither stat answers)."""
    try:
        st = os.stat(full, dir_fd=dir_fd)
    except OSError:
        try:
            st = os.lstat(full, dir_fd=dir_fd)
        except OSError:
            return -1, -1, -1, -1
    return st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns


def _stats(where: str, entries: list[os.DirEntry[str]], stat: Callable = _stat) -> list:
    """(size, mtime, inode) of each listed file, as _stat (or `stat`) says, asked by name
    relative to the folder opened once: a path looked up from the root for each file costs a
    sixth more, and a changed folder of a large archive has thousands (a folder that cannot
    be opened so is asked by full paths)."""
    if not entries:
        return []
    try:
        fd = os.open(where, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return [stat(entry.path) for entry in entries]
    try:
        return [stat(entry.name, fd) for entry in entries]
    finally:
        os.close(fd)


def _seen(ino: int, size: int, mtime: int, ctime: int, trusted_before: int) -> Seen:
    """A file's listing entry (Seen): marked when its ctime is too recent to trust."""
    return (ino, size, mtime) if ctime < trusted_before else (ino, size, mtime, 1)


def diff_folders(conn: sqlite3.Connection, root: str, full: bool = False,
                 looking: Callable[[int], None] | None = None) -> Diff:
    """Walk what may have changed (everything, when full) and say how it differs;
    `looking(n)` after each folder listed (a slow or network file system: say so)."""
    known: dict[str, tuple[int, str | None, str]] = {
        py_id(path): (rowid, stamp, problems) for rowid, path, stamp, problems in
        conn.execute("SELECT rowid, path, stamp, problems FROM folders")}
    children: dict[str, list[str]] = {}
    for path in known:
        if path:
            children.setdefault(_parent(path), []).append(path)
    trusted_before = time.time_ns() - RACY_NS
    ahead = None
    if not full and dirents.supported():
        from reader.search.read_ahead import read_ahead

        ahead = read_ahead(root, known, children)
    try:
        return _walk(conn, root, full, looking, known, children, trusted_before, ahead)
    finally:
        if ahead is not None:
            ahead.close()


def _walk(conn: sqlite3.Connection, root: str, full: bool,
          looking: Callable[[int], None] | None,
          known: dict[str, tuple[int, str | None, str]], children: dict[str, list[str]],
          trusted_before: int, ahead: ReadAhead | None) -> Diff:
    diff = Diff()
    listed = 0
    stack = [""]
    base = os.path.join(root, "")  # the root and one "/": a folder's rel is joined to it
    while stack:
        rel = stack.pop()
        where = base + rel if rel else root
        old = known.get(rel)
        try:
            st = os.stat(where) if ahead is None else ahead.stat(rel, where)
        except OSError as err:
            if not rel:
                raise  # the archive itself: change nothing (a network mount may come back)
            if err.errno not in (errno.ENOENT, errno.ENOTDIR):  # not merely gone: say so
                diff.folders[rel] = Folder(old[0] if old else None, -1,
                                           [(printable_id(rel), _reason(err))])
                if old is not None:
                    diff.gone += _rows_in(conn, old[0])
            continue  # its files are not listed now, as the scan would not list them
        mtime = st.st_mtime_ns
        stamp = f"{st.st_ino}:{st.st_ctime_ns}:{mtime}"
        if not full and old is not None and old[1] == stamp:
            diff.folders[rel] = Folder(old[0], mtime, _problems(old[2]), fresh=False,
                                       stamp=stamp)
            stack.extend(sorted(children.get(rel, ()), reverse=True))
            continue
        trusted = st.st_ctime_ns < trusted_before  # else it may change again this tick
        folder = Folder(old[0] if old else None, mtime if trusted else -1, [],
                        stamp=stamp if trusted else None)
        diff.folders[rel] = folder
        stored = None
        if not full and old is not None:  # what it held when last listed to the end
            stored = _stored_files(conn, old[0])
        looked = _look(conn, diff, rel, where, folder, old[0] if old else None, full, stored,
                       trusted_before, ahead)
        if looked is None:  # it cannot be read
            if old is not None:
                diff.gone += _rows_in(conn, old[0])
            continue
        subfolders, problems, folder.files = looked
        listed += 1
        if looking is not None:
            looking(listed)
        folder.problems.extend(problems)
        stack.extend(sorted(subfolders, reverse=True))  # walked in name order
    for jobs in (diff.added, diff.changed, diff.listed):
        jobs.sort(key=lambda job: job[1])  # read (and numbered) in name order, as listed
    for path, (rowid, _, _) in known.items():
        if path not in diff.folders:
            diff.gone_folders.append(rowid)
            diff.gone += _rows_in(conn, rowid)
    return diff


def _look(conn: sqlite3.Connection, diff: Diff, rel: str, where: str, folder: Folder,
          rowid: int | None, full: bool, stored: Listing | RawListing | None,
          trusted_before: int, ahead: ReadAhead | None = None
          ) -> tuple[list[str], list[tuple[str, str]], Files] | None:
    """List the folder and compare (_compare, or walk_records.compare_records for a listing
    kept as the kernel's records); None when it cannot be listed. Where the kernel's records
    can be had (dirents.py), they are what is compared, and what is kept for next time:
    never a record this walk did not look at."""
    read = dirents.read if ahead is None else lambda where: ahead.records(rel, where)
    if isinstance(stored, RawListing) and dirents.supported():
        try:
            records = read(where)
        except OSError as err:
            _unreadable(folder, rel, err)
            return None
        from reader.search.walk_records import compare_records  # (a folder changed)

        try:
            return compare_records(conn, diff, rel, where, stored, records, trusted_before)
        except ValueError:
            pass  # records not as the kernel writes them: each looked at, below
    listed = _entries(where, rel, folder, read)
    if listed is None:
        return None
    listing, records = listed
    if isinstance(stored, RawListing):
        stored = None  # (records cannot be had here, or not read): its docs rows answer
    subfolders, problems, files = _compare(conn, diff, rel, where, rowid, listing, full,
                                           stored, trusted_before)
    if records is not None:
        from reader.search.walk_records import as_records

        files = as_records(records, files) or files
    return subfolders, problems, files


_DOTS = (b".", b"..")


def _entries(where: str, rel: str, folder: Folder,
             read: Callable[[str], bytes] | None = None) -> tuple[list, bytes | None] | None:
    """The folder's entries, from the kernel's records (dirents.Entry; `read` them, else
    dirents.read), and those records; else os.scandir's and None. None when it cannot be
    read (_listing)."""
    if dirents.supported():
        try:
            records = (read or dirents.read)(where)
        except OSError as err:
            _unreadable(folder, rel, err)
            return None
        try:
            _, names, inos, types = dirents.parse(records)
        except ValueError:
            pass  # not as the kernel writes them: scandir's, below
        else:
            return [dirents.entry(where, name, ino, kind) for name, ino, kind in
                    zip(names, inos, types, strict=True) if name not in _DOTS], records
    listing = _listing(where, rel, folder)
    return None if listing is None else (listing, None)


def _stored_files(conn: sqlite3.Connection, rowid: int) -> Listing | RawListing | None:
    row = conn.execute("SELECT files FROM listings WHERE folder = ?", (rowid,)).fetchone()
    return read_listing(row[0]) if row else None  # None: the folder's docs rows answer


def _compare(conn: sqlite3.Connection, diff: Diff, rel: str, where: str, rowid: int | None,
             listing: list[os.DirEntry[str]], full: bool, stored: Listing | None,
             trusted_before: int
             ) -> tuple[list[str], list[tuple[str, str]], Listing | dict[str, Seen]]:
    """Files of one listed folder against what it held (`stored` names and inodes, else its
    docs rows, every file stat-ed); returns its subfolders, its problems and its listing."""
    prefix = rel + "/" if rel else ""
    if stored is not None:
        from reader.search.walk_columns import compare_columns  # (a folder changed)

        compared = compare_columns(conn, diff, rel, prefix, where, listing, stored,
                                    trusted_before)
        if compared is not None:
            return compared
    files: dict[str, Seen] = {}
    before: dict[str, tuple[int, int, int, int]] = {}
    if rowid is not None:
        before = {py_id(i): (r, ino, size, mtime) for r, i, ino, size, mtime in conn.execute(
            "SELECT rowid, id, ino, size, mtime_ns FROM docs WHERE folder = ?", (rowid,))}
    subfolders: list[str] = []
    problems: list[tuple[str, str]] = []
    articles = _articles(listing, prefix, subfolders, problems)
    for entry, (size, mtime, ino, ctime) in zip(articles, _stats(where, articles, _stat_seen),
                                                strict=True):
        article_id = prefix + entry.name
        old = before.pop(article_id, None)
        files[entry.name] = _seen(ino, size, mtime, ctime, trusted_before)
        job = (entry.path, article_id, size, mtime, ino, rel)
        if full:
            diff.listed.append(job)
        if old is None:
            diff.added.append(job)
        elif old[1:] == (ino, size, mtime):
            diff.unchanged += 1
        else:
            diff.changed.append(job)
    diff.gone += [r for r, _, _, _ in before.values()]
    return subfolders, problems, files


def _articles(listing: list[os.DirEntry[str]], prefix: str, subfolders: list[str],
              problems: list[tuple[str, str]]) -> list[os.DirEntry[str]]:
    """The article files of a listing, by walk.py's rules, in its order; a folder goes to
    `subfolders` to be walked, a folder symlink to `problems` (never followed)."""
    articles = []
    for entry in listing:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            path = prefix + entry.name
            if entry.is_symlink():
                problems.append((printable_id(path), FOLDER_LINK))
            else:
                subfolders.append(path)
        elif is_article_name(entry.name):
            articles.append(entry)
    return articles


def _plain_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def _rows_in(conn: sqlite3.Connection, folder: int) -> list[int]:
    return [r for (r,) in conn.execute("SELECT rowid FROM docs WHERE folder = ?", (folder,))]


def _problems(stored: str) -> list[tuple[str, str]]:
    if stored == "[]":  # most folders: no JSON to decode (every command reads them all)
        return []
    try:
        return [(str(where), str(message)) for where, message in json.loads(stored)]
    except (ValueError, TypeError):
        return []


def folder_key(path: str) -> str | bytes:
    return db_id(path)
