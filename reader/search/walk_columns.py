"""The quick walk's compare for a folder whose listing was kept in columns.

Where the kernel's records cannot be had (walk_records.py is the Linux way), or a listing
kept by an earlier version: index_walk lists a changed folder and this lines the listing up
with the one kept (listing_columns.Listing), name by name in C loops. Loaded when a folder
changed: not on the path of a command that finds nothing changed.
"""

from __future__ import annotations

import os
import sqlite3
from itertools import chain, compress, repeat
from operator import itemgetter, ne

from reader.search.index_file import db_id
from reader.search.index_walk import Diff, _articles, _plain_file, _stat_seen, _stats
from reader.search.listing_columns import Listing, Seen, in_order
from reader.search.listing_runs import between, kept_runs, runs_of, split


def compare_columns(conn: sqlite3.Connection, diff: Diff, rel: str, prefix: str,
                     where: str, listing: list[os.DirEntry[str]], stored: Listing,
                     trusted_before: int
                     ) -> tuple[list[str], list[tuple[str, str]], Listing | dict[str, Seen]] | None:
    """index_walk._compare against the files the folder held: a name that has the inode it had
    and is a plain file (readdir says both, no stat), its entry unmarked, is kept as it was,
    not looked at (an article still, as its name says; a folder given the freed inode of a
    file is looked at, and so is a symlink, whose entry has its target's inode). The others
    are sorted by _articles' rules, stat-ed and compared; only names gone are looked up in
    docs. None, with nothing done, when `stored` names a file twice (no listing we wrote
    does) or an inode is past the columns: the caller compares with docs instead.

    A listing is written in readdir's order, which keeps its names' order from one listing
    to the next (a hash's, or the order they were made in): the names are matched as runs of
    equal slices (listing_runs: a few list compares for thousands of names), and only the
    names between runs one by one; a folder whose order moved is matched by a dict. Either
    way in C loops (map, compress): a changed folder of a large archive has thousands of
    names."""
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
