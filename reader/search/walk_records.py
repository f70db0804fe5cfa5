"""The quick walk's compare for a folder whose listing was kept as the kernel's records.

index_walk lists a changed folder and compares the listing with the one kept; on Linux
that one is the folder's getdents64 records (dirents.py), and the new records are lined up
with it as bytes: only those that differ are read one by one, and only the articles among
them are stat-ed and compared with their docs rows. Loaded when a folder changed: not on
the path of a command that finds nothing changed.
"""

from __future__ import annotations

import os
import sqlite3

from reader.search import dirents
from reader.search.dirents import RawListing
from reader.search.index_file import db_id
from reader.search.index_walk import _DOTS, Diff, _articles, _stat_seen, _stats
from reader.search.listing_columns import Listing, Seen


def as_records(records: bytes, files: Listing | dict[str, Seen]) -> RawListing | None:
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


def compare_records(conn: sqlite3.Connection, diff: Diff, rel: str, where: str,
                    stored: RawListing, records: bytes, trusted_before: int
                    ) -> tuple[list[str], list[tuple[str, str]], RawListing]:
    """index_walk._compare for a folder whose last listing was kept as the kernel's records: the
    new records lined up with those (dirents.line_up); a run of records alike is the same
    entries, the same files, and is not looked at; nor is a record that differs only in its
    offset (the one before a name added or gone). The others added, those kept but marked,
    and those not plain files are looked at; each article among them is stat-ed and compared
    with its docs row, and each name gone (or no longer an article) is looked up there.
    ValueError, with nothing done, for records not as the kernel writes them."""
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
