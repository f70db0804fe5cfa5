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

A listing is kept in columns (listing_columns.py), in readdir's order, and lined up with
the new one as runs of equal slices (listing_runs.py).

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
from itertools import chain, compress, repeat
from operator import itemgetter, ne
from typing import TYPE_CHECKING

from reader.archive.walk import FOLDER_LINK, is_article_name
from reader.search import dirents
from reader.search.dirents import RawListing
from reader.search.index_file import db_id, py_id
from reader.search.listing_columns import Listing, Seen, in_order, read_listing
from reader.search.listing_runs import between, kept_runs, runs_of, split
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
    """List the folder and compare (_compare, or _compare_raw for a listing kept as the
    kernel's records); None when it cannot be listed. Where the kernel's records can be
    had (dirents.py), they are what is compared, and what is kept for next time: never a
    record this walk did not look at."""
    read = dirents.read if ahead is None else lambda where: ahead.records(rel, where)
    if isinstance(stored, RawListing) and dirents.supported():
        try:
            records = read(where)
        except OSError as err:
            _unreadable(folder, rel, err)
            return None
        try:
            return _compare_raw(conn, diff, rel, where, stored, records, trusted_before)
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
        files = as_raw(records, files) or files
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


def as_raw(records: bytes, files: Listing | dict[str, Seen]) -> RawListing | None:
    """A listing made from these records, as the records (its marks by number); None when
    they cannot stand for it (dirents.RawListing.of)."""
    lengths, names, _, types = dirents.parse(records)
    if isinstance(files, Listing):
        marked = {files.names[k] for k in files.racy}
    else:
        marked = {name for name, seen in files.items() if len(seen) == 4}
    racy = []
    if marked:
        wanted = {os.fsencode(name) for name in marked}
        racy = [k for k, name in enumerate(names) if name in wanted]
    return RawListing.of(records, lengths, types, racy)


def _compare_raw(conn: sqlite3.Connection, diff: Diff, rel: str, where: str,
                 stored: RawListing, records: bytes, trusted_before: int
                 ) -> tuple[list[str], list[tuple[str, str]], RawListing]:
    """_compare for a folder whose last listing was kept as the kernel's records: the new
    records lined up with those (dirents.line_up); a run of records alike is the same
    entries, the same files, and is not looked at; nor is a record that differs only in
    its offset (the one before a name added or gone). The others added, those kept but
    marked, and those not plain files are looked at; each article among them is stat-ed
    and compared with its docs row, and each name gone (or no longer an article) is looked
    up there. ValueError, with nothing done, for records not as the kernel writes them."""
    lined = dirents.line_up(stored, records)
    record = dirents.record
    added = {k: record(records, at) for k, at in zip(lined.new, lined.new_at, strict=True)}
    gone = {}  # (all read before anything is done)
    for k in lined.gone:
        name, ino, kind = record(stored.records, lined.starts[k])
        gone[name] = (ino, kind, k)
    marked = set(stored.racy)
    same = {name for name, ino, kind in added.values() if kind == dirents.DT_REG and gone.get(
        name, (0, 0, 0))[:2] == (ino, dirents.DT_REG) and gone[name][2] not in marked}
    found = {k: seen for k, seen in added.items() if seen[0] not in same}
    for k, at in lined.moved(stored.special) + lined.moved(stored.racy):
        found[k] = record(records, at)
    prefix = rel + "/" if rel else ""
    special = sorted(k for k, (_, _, kind) in found.items() if kind != dirents.DT_REG)
    entries = {}
    for k in sorted(found):
        name, ino, kind = found[k]
        if name not in _DOTS:
            entries[k] = dirents.entry(where, name, ino, kind)
    number = {entry.name: k for k, entry in entries.items()}
    subfolders: list[str] = []
    problems: list[tuple[str, str]] = []
    looked = _articles(list(entries.values()), prefix, subfolders, problems)
    racy = []
    for entry, (size, mtime, ino, ctime) in zip(looked, _stats(where, looked, _stat_seen),
                                                strict=True):
        if ctime >= trusted_before:
            racy.append(number[entry.name])
        article_id = prefix + entry.name
        row = conn.execute("SELECT ino, size, mtime_ns FROM docs WHERE id = ?",
                           (db_id(article_id),)).fetchone()
        job = (entry.path, article_id, size, mtime, ino, rel)
        if row is None:
            diff.added.append(job)
        elif row == (ino, size, mtime):
            diff.unchanged += 1
        else:
            diff.changed.append(job)
    articles = {entry.name for entry in looked}
    for name in gone:
        text = os.fsdecode(name)
        if name in _DOTS or name in same or text in articles:
            continue  # (there still, or an article now: looked at above)
        row = conn.execute("SELECT rowid FROM docs WHERE id = ?",
                           (db_id(prefix + text),)).fetchone()
        if row is not None:  # gone, or no longer an article file (a folder now, say)
            diff.gone.append(row[0])
    return subfolders, problems, RawListing(records, lined.lengths, special, sorted(racy))


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
        compared = _compare_listing(conn, diff, rel, prefix, where, listing, stored,
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


def _compare_listing(conn: sqlite3.Connection, diff: Diff, rel: str, prefix: str,
                     where: str, listing: list[os.DirEntry[str]], stored: Listing,
                     trusted_before: int
                     ) -> tuple[list[str], list[tuple[str, str]], Listing | dict[str, Seen]] | None:
    """_compare against the files the folder held: a name that has the inode it had and is a
    plain file (readdir says both, no stat), its entry unmarked, is kept as it was, not looked
    at (an article still, as its name says; a folder given the freed inode of a file is looked
    at, and so is a symlink, whose entry has its target's inode). The others are sorted by
    _articles' rules, stat-ed and compared; only names gone are looked up in docs. None, with
    nothing done, when `stored` names a file twice (no listing we wrote does) or an inode is
    past the columns: the caller compares with docs instead.

    A listing is written in readdir's order, which keeps its names' order from one listing
    to the next (a hash's, or the order they were made in): the names are matched as runs
    of equal slices (listing_runs: a few list compares for thousands of names), and only the names
    between runs one by one; a folder whose order moved is matched by a dict. Either way in
    C loops (map, compress): a changed folder of a large archive has thousands of names."""
    n, m = len(stored.names), len(listing)
    names = [entry.name for entry in listing]
    kind = type(listing[0]) if listing else os.DirEntry  # (dirents.Entry, or scandir's)
    try:  # (a list: an array parses each int it is given, thrice the cost)
        inos = list(map(kind.inode, listing))
    except OSError:
        return None
    runs = runs_of(stored.names, names)
    if runs is None:  # out of the stored order: each name looked up
        at = dict(zip(stored.names, range(n), strict=True))
        if len(at) != n:
            return None
        places = list(map(at.get, names, repeat(n)))  # each name's place in stored; n: new
        was_ino = stored.inos.tolist()
        was_ino.append(-2)  # (a new name's: unequal to any inode readdir gives)
        look = set(compress(range(m), map(ne, map(was_ino.__getitem__, places), inos)))
        gone: set[int] = set()
        if m - places.count(n) < n:  # some stored names are gone from the folder
            gone = set(range(n)).difference(places)
    else:
        places = [n] * m
        look = set()
        was_ino = stored.inos.tolist()
        for i, j, length in runs:
            places[j:j + length] = range(i, i + length)
            if was_ino[i:i + length] != inos[j:j + length]:  # renamed over
                look.update(compress(range(j, j + length),
                                     map(ne, was_ino[i:i + length], inos[j:j + length])))
        between_old, between_new = between(runs, n, m)
        others = {stored.names[i]: i for i in between_old}  # (few)
        if len(others) != len(between_old):
            return None  # a name stored twice
        for j in between_new:  # a name out of its place, or new
            i = places[j] = others.pop(names[j], n)
            if i == n or was_ino[i] != inos[j]:
                look.add(j)
            else:
                runs.append((i, j, 1))
        runs.sort(key=itemgetter(1))
        gone = set(others.values())
        if len(others) > 8:
            listed = set(names)
            if not listed.isdisjoint(others):
                return None  # a name stored twice
        elif any(name in names for name in others):
            return None
    try:  # a name that is not a plain file now is looked at (is_file: no stat for one that
        # is not a link, and none is; readdir says which, but a file system that does not)
        if any(map(kind.is_symlink, listing)) or not all(map(kind.is_file, listing)):
            look.update(j for j, entry in enumerate(listing) if not _plain_file(entry))
    except OSError:
        look.update(j for j, entry in enumerate(listing) if not _plain_file(entry))
    if stored.racy:  # marked: looked at again
        racy = set(stored.racy)
        look.update(compress(range(m), map(racy.__contains__, places)))
    order = sorted(look)
    rest = [listing[j] for j in order]
    again = {places[j] for j in order} - {n}  # stored, but looked at: written anew
    was = {stored.names[place]: stored.entry(place) for place in again}
    subfolders: list[str] = []
    problems: list[tuple[str, str]] = []
    looked = _articles(rest, prefix, subfolders, problems)
    unchanged = n - len(again) - len(gone)
    where_listed = dict(zip([entry.name for entry in rest], order, strict=True))
    added: list[tuple[int, str, int, int, int, bool]] = []  # at, name, inode, size, mtime, mark
    for entry, (size, mtime, ino, ctime) in zip(looked, _stats(where, looked, _stat_seen),
                                                strict=True):
        name = entry.name
        added.append((where_listed[name], name, ino, size, mtime, ctime >= trusted_before))
        old = was.pop(name, None)
        if old is not None and old[:3] == (ino, size, mtime):
            unchanged += 1
            continue
        job = (entry.path, prefix + name, size, mtime, ino, rel)
        (diff.added if old is None else diff.changed).append(job)
    diff.unchanged += unchanged
    # no longer an article file (a folder now, say), or gone
    for name in chain(was, (stored.names[place] for place in gone)):
        row = conn.execute("SELECT rowid FROM docs WHERE id = ?",
                           (db_id(prefix + name),)).fetchone()
        if row is not None:
            diff.gone.append(row[0])
    if runs is None:
        runs = kept_runs(places, look, n)
    elif look:
        runs = split(runs, order)
    return subfolders, problems, in_order(stored, runs, added)


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
