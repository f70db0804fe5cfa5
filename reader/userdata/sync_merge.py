"""The merge behind `kz-reader sync`: pure functions over parsed TOML tables, no files, no git.

Entries (bookmarks, notes, highlights, and any later list of tables with ids) are merged by
`id`, three ways, against the last state both sides agreed on (the base):

- an entry changed on one side only takes that change, field by field;
- a deletion on either side stays deleted, and is recorded with when it was seen
  (deleted.toml in the sync repository, the tombstones), so a side that still has the
  entry (a third machine, an import of an old export) cannot bring it back. A deletion
  wins over an edit made on the other side;
- a text the reader wrote (a note's `text`, a highlight's `note`, a bookmark's `label`)
  changed on both sides keeps both versions, between marker lines, and the entry gets
  `conflict = true` until the markers are gone (see conflict_text);
- tags changed on both sides: both sides' additions and removals;
- where an entry points (article, paragraph, quote...) changed on both sides: the side
  changed last (`updated`), else this machine's;
- any other key changed on both sides (a key a later version writes): this machine's.
  Unknown keys and tables are carried, never dropped.

Reading positions (state.toml) take the newer one per article (by `[seen]`), read marks
are a union: neither needs a base.

Every function returns new tables and leaves its arguments as they were.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Raw = dict[str, Any]
Tombstones = dict[str, dict[str, Any]]  # kind -> id -> when it was deleted (a datetime)

KINDS = ("bookmarks", "notes", "highlights")
TEXTS = {"bookmarks": ("label",), "notes": ("text",), "highlights": ("note",)}
PLACE = ("article", "title", "date", "paragraph", "offset", "end_paragraph", "end_offset",
         "quote", "prefix", "suffix", "text_hash")
CONFLICT = "conflict"

# The lines around the versions of a text changed on two machines. Git's conflict markers,
# which people who have met git know, named for kz-reader so a note that merely holds a
# line of "=======" (a Markdown heading) is never taken for one.
MARK_FIRST = "<<<<<<< kz-reader"
MARK_NEXT = "======= kz-reader"
MARK_END = ">>>>>>> kz-reader"
FIRST_LINE = MARK_FIRST + ": changed on two machines; keep what you want, delete the rest"
NEXT_LINE = MARK_NEXT + ": the other version"
END_LINE = MARK_END

_MISSING: Any = object()
_EPOCH = dt.datetime(1, 1, 1, tzinfo=dt.UTC)


# Conflicting texts --------------------------------------------------------------------------

def is_conflict(text: object) -> bool:
    """A text that holds versions from two machines between the markers."""
    if not isinstance(text, str):
        return False
    lines = text.split("\n")
    return len(lines) >= 2 and lines[0].startswith(MARK_FIRST) and lines[-1].startswith(
        MARK_END)


def versions(text: str) -> list[str]:
    """The versions a text holds: itself, or each version between the markers."""
    if not is_conflict(text):
        return [text]
    found: list[list[str]] = [[]]
    for line in text.split("\n")[1:-1]:
        if line.startswith(MARK_NEXT):
            found.append([])
        else:
            found[-1].append(line)
    return ["\n".join(lines) for lines in found]


def conflict_text(texts: Iterable[str]) -> str:
    """Each distinct non-empty version once, in order; between markers when more than one."""
    kept: list[str] = []
    for text in texts:
        for version in versions(text):
            if version.strip() and version not in kept:
                kept.append(version)
    if not kept:
        return ""
    if len(kept) == 1:
        return kept[0]
    body = f"\n{NEXT_LINE}\n".join(kept)
    return f"{FIRST_LINE}\n{body}\n{END_LINE}"


def _merge_text(base: object, mine: object, theirs: object) -> object:
    if mine == theirs:
        return mine
    if mine == base:
        return theirs
    if theirs == base:
        return mine
    texts = [v for v in (theirs, mine) if isinstance(v, str)]
    if len(texts) < 2:  # one side holds no text at all (removed, or not a string): the other
        return next(iter(texts), mine)
    mine_v, theirs_v = set(versions(mine)), set(versions(theirs))  # type: ignore[arg-type]
    if mine_v <= theirs_v:  # one side already holds every version of the other (a sync
        return theirs        # run again after it was killed, or the other machine's merge)
    if theirs_v <= mine_v:
        return mine
    return conflict_text(texts)


# One entry ------------------------------------------------------------------------------------

def _moment(value: object) -> dt.datetime | None:
    """A TOML datetime as an aware one, to compare (a local one is read as UTC)."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return None


def _later(a: object, b: object) -> bool:
    """a is a later moment than b."""
    ma, mb = _moment(a), _moment(b)
    return ma is not None and (mb is None or ma > mb)


def _merge_tags(base: object, mine: object, theirs: object) -> object:
    if mine == theirs:
        return mine
    if mine == base:
        return theirs
    if theirs == base:
        return mine
    lists = [v if isinstance(v, list) else [] for v in (base, mine, theirs)]
    was, mine_l, theirs_l = lists
    kept = [t for t in mine_l if t in theirs_l or t not in was]  # removed by them: gone
    kept += [t for t in theirs_l if t not in was and t not in kept]  # added by them
    return kept if kept else _MISSING


def merge_entry(kind: str, base: Raw | None, mine: Raw, theirs: Raw) -> Raw:
    """One entry present on both sides (base: as last synced, None when never synced)."""
    if mine == theirs:
        return mine
    if base is not None and mine == base:
        return theirs
    if base is not None and theirs == base:
        return mine
    was = base or {}
    out: Raw = {}
    place = _merge_place(was, mine, theirs)
    texts = TEXTS.get(kind, ())
    for key in [*mine, *(k for k in theirs if k not in mine)]:
        b, m, t = was.get(key, _MISSING), mine.get(key, _MISSING), theirs.get(key, _MISSING)
        if key in PLACE:
            value = place.get(key, _MISSING)
        elif key in texts:
            value = _merge_text(b, m, t)
        elif key == "tags":
            value = _merge_tags(b, m, t)
        elif key == "created":
            value = t if _later(m, t) else m  # the earlier one
        elif key == "updated":
            value = t if _later(t, m) else m  # the later one
        elif key == CONFLICT:
            continue  # set below from the texts
        else:
            value = m if m == t or m != b else t
        if value is not _MISSING:
            out[key] = value
    return settle_conflict(kind, out)


def _merge_place(base: Raw, mine: Raw, theirs: Raw) -> Raw:
    """Where the entry points, as one: never one side's article with the other's paragraph."""
    def part(entry: Raw) -> Raw:
        return {k: entry[k] for k in PLACE if k in entry}

    b, m, t = part(base), part(mine), part(theirs)
    if m == t or t == b:
        return m
    if m == b:
        return t
    return t if _later(theirs.get("updated"), mine.get("updated")) else m


def settle_conflict(kind: str, entry: Raw) -> Raw:
    """`conflict = true` exactly while one of the entry's texts holds the markers."""
    marked = any(is_conflict(entry.get(key)) for key in TEXTS.get(kind, ()))
    if marked and entry.get(CONFLICT) is not True:
        return {**entry, CONFLICT: True}
    if not marked and CONFLICT in entry:
        return {k: v for k, v in entry.items() if k != CONFLICT}
    return entry


# The library ----------------------------------------------------------------------------------

@dataclass
class Side:
    """What changes on one side: (kind, id) of entries added, changed and deleted there;
    reading positions and read marks that change there."""

    added: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)
    deleted: list[tuple[str, str]] = field(default_factory=list)
    positions: int = 0
    read: int = 0

    @property
    def entries(self) -> int:
        return len(self.added) + len(self.changed) + len(self.deleted)

    def __bool__(self) -> bool:
        return bool(self.entries or self.positions or self.read)


@dataclass
class Snapshot:
    """A library as a side of the merge holds it: library.toml's document and the ids known
    to be deleted."""

    library: Raw
    deleted: Tombstones = field(default_factory=dict)


@dataclass
class LibraryMerge:
    local: Raw  # the new library.toml of this machine (its own order, new entries after)
    shared: Raw  # the new library.toml of the repository (oldest entry first)
    deleted: Tombstones  # every id known to be deleted
    here: Side  # the change to this machine's library
    there: Side  # the change to the repository's
    conflicts: list[tuple[str, str]]  # entries whose texts hold both versions after this merge


def _has_id(entry: object) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("id"), str) and bool(entry["id"])


def entry_kinds(*docs: Mapping[str, Any] | None) -> list[str]:
    """bookmarks, notes, highlights, and any other top-level list of tables with ids (a
    later version's), in that order."""
    kinds = list(KINDS)
    for doc in docs:
        for key, value in (doc or {}).items():
            if key not in kinds and isinstance(value, list) and value and all(
                    isinstance(e, dict) for e in value) and any(_has_id(e) for e in value):
                kinds.append(key)
    return kinds


def _index(doc: Mapping[str, Any] | None, kind: str) -> dict[str, Raw]:
    """id -> entry; an entry without a usable id, or a second one with the same id, is not
    synced (it stays where it is)."""
    found: dict[str, Raw] = {}
    items = (doc or {}).get(kind, [])
    for entry in items if isinstance(items, list) else []:
        if _has_id(entry) and entry["id"] not in found:
            found[entry["id"]] = entry
    return found


def _unsynced(doc: Mapping[str, Any] | None, kind: str) -> list[Any]:
    """The items of a list that are no entry to sync, kept in place on their own side."""
    items = (doc or {}).get(kind, [])
    seen: set[str] = set()
    out = []
    for entry in items if isinstance(items, list) else []:
        if _has_id(entry) and entry["id"] not in seen:
            seen.add(entry["id"])
        else:
            out.append(entry)
    return out


def union_tombstones(*tables: Tombstones | None) -> Tombstones:
    """Every deleted id, each with the earliest moment any side gave it."""
    out: Tombstones = {}
    for table in tables:
        for kind, ids in (table or {}).items():
            if not isinstance(ids, dict):
                continue
            mine = out.setdefault(kind, {})
            for entry_id, when in ids.items():
                if entry_id not in mine or _later(mine[entry_id], when):
                    mine[entry_id] = when
    return out


def _sort_key(entry: object) -> tuple[dt.datetime, str]:
    if not isinstance(entry, dict):
        return (_EPOCH, "")
    moment = _moment(entry.get("created"))
    try:
        moment = moment.astimezone(dt.UTC) if moment else _EPOCH
    except (OverflowError, ValueError):
        moment = _EPOCH
    return (moment, str(entry.get("id", "")))


def _merge_other(base: Raw, mine: Raw, theirs: Raw, skip: set[str]) -> Raw:
    """Top-level keys that hold no entries: this machine's change, else the other's."""
    out: Raw = {}
    for key in [*mine, *(k for k in theirs if k not in mine)]:
        if key in skip:
            continue
        b, m, t = base.get(key, _MISSING), mine.get(key, _MISSING), theirs.get(key, _MISSING)
        value = m if m == t or m != b else t
        if value is not _MISSING:
            out[key] = value
    return out


def _compare(before: Raw | None, after: Raw, kinds: list[str]) -> Side:
    side = Side()
    for kind in kinds:
        was, now = _index(before, kind), _index(after, kind)
        side.added += [(kind, i) for i in now if i not in was]
        side.changed += [(kind, i) for i in now if i in was and was[i] != now[i]]
        side.deleted += [(kind, i) for i in was if i not in now]
    return side


def merge_library(base: Snapshot | None, local: Raw, remote: Snapshot | None, *,
                  head: Snapshot | None = None, now: dt.datetime) -> LibraryMerge:
    """This machine's library.toml (local) merged with the repository's (remote; None: an
    empty repository). base: the last state both sides agreed on (None: they never
    synced); head: the repository's state as this machine last synced it, against which a
    deletion here is told (the base when not given). now: when new deletions are recorded.
    """
    head = head if head is not None else base
    was = base.library if base else {}
    theirs_doc = remote.library if remote else {}
    deleted = union_tombstones(head.deleted if head else None, base.deleted if base else None,
                               remote.deleted if remote else None)
    kinds = entry_kinds(local, theirs_doc, was)
    local_out: Raw = {}
    shared_out: Raw = {}
    conflicts: list[tuple[str, str]] = []
    for kind in kinds:
        b, h, m, t = (_index(was, kind), _index(head.library if head else None, kind),
                      _index(local, kind), _index(theirs_doc, kind))
        gone = deleted.setdefault(kind, {})
        for entry_id in h:
            if entry_id not in m and entry_id not in gone:  # deleted here since the last sync
                gone[entry_id] = now
        if remote is not None:
            for entry_id in b:
                if entry_id not in t and entry_id not in gone:  # deleted there, unrecorded
                    gone[entry_id] = now
        merged: dict[str, Raw] = {}
        for entry_id in [*m, *(i for i in t if i not in m)]:
            if entry_id in gone:
                continue
            mine, other = m.get(entry_id), t.get(entry_id)
            if mine is None or other is None:
                entry = mine if mine is not None else other
            else:
                entry = merge_entry(kind, b.get(entry_id), mine, other)
                if _new_conflict(kind, entry, mine, other):
                    conflicts.append((kind, entry_id))
            merged[entry_id] = settle_conflict(kind, entry)  # type: ignore[arg-type]
        if not gone:
            del deleted[kind]
        local_out[kind] = _in_local_order(local, kind, merged)
        shared_out[kind] = sorted(merged.values(), key=_sort_key) + _unsynced(theirs_doc, kind)
    other = _merge_other(was, local, theirs_doc, {"version", *kinds})
    rest = _keep_order(local, other, local_out)
    local_doc = {"version": local.get("version", 1), **rest} if local or rest else {}
    shared_doc = {"version": 1, **other, **{k: v for k, v in shared_out.items() if v}}
    return LibraryMerge(local_doc, shared_doc, deleted, _compare(local, local_doc, kinds),
                        _compare(theirs_doc, shared_doc, kinds), conflicts)


def _new_conflict(kind: str, entry: Raw, mine: Raw, theirs: Raw) -> bool:
    """A text of the entry holds versions from both sides that one side does not hold yet
    (a conflict both sides already have, from an earlier sync, is not told again)."""
    return any(is_conflict(entry.get(key)) and not entry.get(key) == mine.get(key)
               == theirs.get(key) for key in TEXTS.get(kind, ()))


def _in_local_order(local: Raw, kind: str, merged: dict[str, Raw]) -> list[Any]:
    """This machine's list with each entry replaced by its merge (deleted ones left out),
    the items that are not synced where they were, new entries after, oldest first."""
    items = local.get(kind, [])
    out: list[Any] = []
    placed: set[str] = set()
    for entry in items if isinstance(items, list) else []:
        if _has_id(entry) and entry["id"] not in placed:
            placed.add(entry["id"])
            if entry["id"] in merged:
                out.append(merged[entry["id"]])
        else:
            out.append(entry)
    out += sorted((e for i, e in merged.items() if i not in placed), key=_sort_key)
    return out


def _keep_order(local: Raw, other: Raw, lists: Raw) -> Raw:
    """The local document's keys in their order, then new ones; an empty list that was not
    there stays out."""
    out: Raw = {}
    for key in local:
        if key == "version":
            continue
        if key in lists:
            out[key] = lists[key]
        elif key in other:
            out[key] = other[key]
    for key, value in [*other.items(), *lists.items()]:
        if key not in out and (value or not isinstance(value, list)):
            out[key] = value
    return out


# Reading positions and read marks -------------------------------------------------------------

@dataclass
class StateMerge:
    local: Raw  # the new state.toml of this machine (its last article and theme kept)
    shared: Raw  # the repository's: read, positions, seen
    here: tuple[int, int]  # (positions, read marks) changed on this machine
    there: tuple[int, int]  # ... in the repository


def _positions(table: Mapping[str, Any] | None) -> dict[str, tuple[int, Any]]:
    """article id -> (paragraph, when it was set or None), the unusable ones left out."""
    table = table or {}
    positions = table.get("positions")
    seen = table.get("seen")
    seen = seen if isinstance(seen, dict) else {}
    out: dict[str, tuple[int, Any]] = {}
    for article, value in (positions.items() if isinstance(positions, dict) else ()):
        if isinstance(article, str) and type(value) is int and value >= 0:
            out[article] = (value, seen.get(article) if _moment(seen.get(article)) else None)
    return out


def _read(table: Mapping[str, Any] | None) -> list[str]:
    read = (table or {}).get("read")
    return [r for r in read if isinstance(r, str)] if isinstance(read, list) else []


def merge_state(local: Raw, remote: Raw | None) -> StateMerge:
    """Per article the position set last (a position with no time is older than any with
    one; the same moment: this machine's); read marks of both."""
    mine, theirs = _positions(local), _positions(remote)
    merged = dict(mine)
    for article, (value, when) in theirs.items():
        if article not in merged or _later(when, merged[article][1]):
            merged[article] = (value, when)
    read_mine, read_theirs = _read(local), _read(remote)
    read = sorted(set(read_mine) | set(read_theirs))
    positions = {a: v for a, (v, _) in sorted(merged.items())}
    seen = {a: w for a, (_, w) in sorted(merged.items()) if w is not None}
    shared = {"read": read, "positions": positions, "seen": seen}
    local_out = {k: v for k, v in local.items() if k not in shared} | shared

    def changed(before: dict[str, tuple[int, Any]], reads: list[str]) -> tuple[int, int]:
        moved = sum(1 for a, (v, _) in merged.items() if a not in before or before[a][0] != v)
        return moved, len(set(read) - set(reads))

    return StateMerge(local_out, shared, changed(mine, read_mine), changed(theirs, read_theirs))
