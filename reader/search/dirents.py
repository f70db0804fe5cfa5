"""A folder's entries as the kernel hands them over (getdents64), kept and compared as bytes.

Listing a changed folder of 4,500 files with os.scandir and matching it name by name with
what was kept cost some 3.5 ms, most of it Python objects for entries that had not changed.
The kernel's own records (linux_dirent64: inode, offset, length, type, name) come in the
same order from one listing to the next (a hash's, or the order the names were made in),
and an entry that did not change is the same bytes (the buffer is zeroed, so the padding
after a name is too): the last listing is kept as those bytes, and a new one is lined up
with it by comparing slices (memcmp), not entries. Only the records that differ are read
one by one: names added, names gone, and the record before each (its offset field points
at the next entry). Linux only (the syscall, through ctypes); elsewhere, or on a file
system that does not say each entry's type, index_walk keeps the listing in columns
(listing_columns.py).
"""

from __future__ import annotations

import os
import stat
import sys
from itertools import accumulate
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (array and bisect load when a folder changed: not on every command's path)
    from array import array

# getdents64's number where the kernel's records are little-endian and it has one
_SYSCALL = {"x86_64": 217, "aarch64": 61, "riscv64": 61}.get(os.uname().machine) \
    if sys.platform.startswith("linux") and sys.byteorder == "little" else None
_BUFFER = 1 << 18
DT_UNKNOWN, DT_DIR, DT_REG, DT_LNK = 0, 4, 8, 10
_HEAD = 19  # inode (8), offset (8), length (2), type (1); the name follows, NUL-ended
_AHEAD = 1 << 14  # how far on a record is looked for where two listings differ
_MISSES = 16  # records in a row standing in place of others: then lined up by name
# A blob of records starts with this, then 4 int64s: records, their bytes, special, racy
MAGIC = b"KZD<"
_syscall = None
_EIGHTS = bytes(range(0, 256, 8))  # a record length's low byte


def supported() -> bool:
    return _SYSCALL is not None


def read(where: str) -> bytes:
    """The folder's records, all of them, as the kernel wrote them into zeroed buffers;
    OSError as os.scandir would raise it."""
    global _syscall
    import ctypes

    if _syscall is None:
        _syscall = ctypes.CDLL(None, use_errno=True).syscall
    fd = os.open(where, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        buffer = ctypes.create_string_buffer(_BUFFER)
        parts = []
        while True:
            got = _syscall(_SYSCALL, fd, buffer, _BUFFER)
            if got < 0:
                number = ctypes.get_errno()
                raise OSError(number, os.strerror(number), where)
            if got == 0:
                return b"".join(parts)
            parts.append(ctypes.string_at(buffer, got))
            ctypes.memset(buffer, 0, got)
    finally:
        os.close(fd)


def _length(records: bytes, at: int) -> int:
    """The record's length at `at`; ValueError for one the kernel would not write."""
    length = int.from_bytes(records[at + 16:at + 18], "little")
    if length < 24 or length % 8 or at + length > len(records):
        raise ValueError("not a listing")
    return length


def record(records: bytes, at: int) -> tuple[bytes, int, int]:
    """(name, inode, type) of the record at `at`."""
    end = records.index(0, at + _HEAD)
    return (records[at + _HEAD:end], int.from_bytes(records[at:at + 8], "little"),
            records[at + 18])


def parse(records: bytes) -> tuple[array, list[bytes], list[int], bytes]:
    """Every record: lengths, names, inodes, types (a full read, for a folder met anew)."""
    from array import array

    lengths = array("H")
    names: list[bytes] = []
    inos: list[int] = []
    types = bytearray()
    at = 0
    while at < len(records):
        length = _length(records, at)
        name, ino, kind = record(records, at)
        lengths.append(length)
        names.append(name)
        inos.append(ino)
        types.append(kind)
        at += length
    return lengths, names, inos, bytes(types)


class Entry:
    """A record as os.DirEntry answers for it (what index_walk asks of an entry)."""

    __slots__ = ("name", "path", "_ino", "_type")

    def __init__(self, name: str, path: str, ino: int, kind: int) -> None:
        self.name = name
        self.path = path
        self._ino = ino
        self._type = kind

    def inode(self) -> int:
        return self._ino

    def _mode(self, follow: bool) -> int:
        """The entry's mode; 0 when it is gone (a broken link), as DirEntry answers False."""
        try:
            return (os.stat if follow else os.lstat)(self.path).st_mode
        except FileNotFoundError:
            return 0

    def is_dir(self, *, follow_symlinks: bool = True) -> bool:
        if self._type in (DT_LNK, DT_UNKNOWN) and (follow_symlinks or self._type == DT_UNKNOWN):
            return stat.S_ISDIR(self._mode(follow_symlinks))
        return self._type == DT_DIR

    def is_file(self, *, follow_symlinks: bool = True) -> bool:
        if self._type in (DT_LNK, DT_UNKNOWN) and (follow_symlinks or self._type == DT_UNKNOWN):
            return stat.S_ISREG(self._mode(follow_symlinks))
        return self._type == DT_REG

    def is_symlink(self) -> bool:
        if self._type == DT_UNKNOWN:
            return stat.S_ISLNK(self._mode(False))
        return self._type == DT_LNK


def entry(where: str, name: bytes, ino: int, kind: int) -> Entry:
    text = os.fsdecode(name)
    return Entry(text, os.path.join(where, text), ino, kind)


class RawListing:
    """A folder's listing as its records: `special` are those not a plain file (".", "..",
    folders, links; always looked at), `racy` those to look at again (listing_columns.Seen's
    mark), both as record numbers."""

    __slots__ = ("records", "lengths", "special", "racy")

    def __init__(self, records: bytes, lengths: array, special: list[int],
                 racy: list[int]) -> None:
        self.records = records
        self.lengths = lengths
        self.special = special
        self.racy = racy

    def __len__(self) -> int:
        return len(self.lengths)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RawListing):
            return NotImplemented
        return self.blob() == other.blob()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"RawListing({len(self)} records, special={self.special}, racy={self.racy})"

    def blob(self) -> bytes:
        """MAGIC, 5 int64s (records, their bytes, special, racy, a CRC-32 of what follows:
        a listing damaged on disk is unknown, not trusted), the records, their lengths
        (uint16), the special and the racy record numbers (int64)."""
        from array import array
        from binascii import crc32

        body = b"".join((self.records, self.lengths.tobytes(),
                         array("q", self.special).tobytes(), array("q", self.racy).tobytes()))
        head = array("q", (len(self.lengths), len(self.records), len(self.special),
                           len(self.racy), crc32(body)))
        return b"".join((MAGIC, head.tobytes(), body))

    @classmethod
    def from_blob(cls, blob: bytes) -> RawListing | None:
        """The listing blob() wrote; None for one that is not whole or not consistent."""
        from array import array
        from binascii import crc32

        size = len(MAGIC) + 40
        if len(blob) < size or blob[:len(MAGIC)] != MAGIC:
            return None
        head = array("q")
        head.frombytes(blob[len(MAGIC):size])
        n, length, special, racy, check = head
        if min(head) < 0 or len(blob) != size + length + 2 * n + 8 * (special + racy) or \
                crc32(memoryview(blob)[size:]) != check:
            return None
        records = blob[size:size + length]
        lengths = array("H")
        lengths.frombytes(blob[size + length:size + length + 2 * n])
        marks = array("q")
        marks.frombytes(blob[size + length + 2 * n:])
        if sum(lengths) != length or (n and (min(lengths) < 24 or lengths.tobytes()[
                0::2].translate(None, _EIGHTS))):  # (each a multiple of 8, in C)
            return None
        special_at, racy_at = marks[:special].tolist(), marks[special:].tolist()
        for marked in (special_at, racy_at):
            if marked and (marked != sorted(set(marked)) or marked[0] < 0 or marked[-1] >= n):
                return None
        return cls(records, lengths, special_at, racy_at)

    @classmethod
    def of(cls, records: bytes, lengths: array, types: bytes,
           racy: list[int]) -> RawListing | None:
        """A listing of parsed records; None where types are mostly unknown (a file system
        that does not say them: every record would be looked at each time)."""
        special = [k for k, kind in enumerate(types) if kind != DT_REG]
        if len(special) > 2 + len(types) // 2:
            return None
        return cls(records, lengths, special, racy)


class LinedUp:
    """A new listing's records against a stored one's: `runs` (old, new, count, new's
    offset) alike; `gone` old record numbers and `new` new ones (with their offsets,
    `new_at`) in no run; `starts` the old records' offsets."""

    __slots__ = ("runs", "gone", "new", "new_at", "lengths", "starts", "kept")

    def __init__(self, starts: list[int]) -> None:
        from array import array

        self.runs: list[tuple[int, int, int, int]] = []
        self.gone: list[int] = []
        self.new: list[int] = []
        self.new_at: list[int] = []
        self.lengths = array("H")
        self.starts = starts
        self.kept: dict[int, tuple[int, int]] | None = None  # lined up by name: old -> new

    def moved(self, old: list[int]) -> list[tuple[int, int]]:
        """(number, offset) in the new listing of these old records, where a run kept them."""
        from bisect import bisect_right

        if self.kept is not None:
            return [self.kept[k] for k in old if k in self.kept]
        firsts = [run[0] for run in self.runs]
        kept = []
        for k in old:
            at = bisect_right(firsts, k) - 1
            if at >= 0:
                i, j, count, offset = self.runs[at]
                if k < i + count:
                    kept.append((j + k - i, offset + self.starts[k] - self.starts[i]))
        return kept


def line_up(old: RawListing, records: bytes) -> LinedUp:
    """Line the new records up with the old: runs of equal bytes, found by comparing
    slices. Where they differ, the old record is looked for a little further on among the
    new (those before it were added), else the new one among the old (those before it are
    gone), else one stands in place of the other (the same name with another offset or
    inode, or another name). ValueError for records the kernel would not write."""
    from bisect import bisect_right

    from reader.search.listing_runs import common

    before = old.records
    starts = list(accumulate(old.lengths, initial=0))
    lined = LinedUp(starts)
    n = len(old.lengths)
    i = j = at = misses = 0
    while i < n and at < len(records):
        start = starts[i]
        same = common(before, start, records, at, 512)
        end = bisect_right(starts, start + same, i) - 1  # records i..end-1 are alike
        if end > i:
            lined.runs.append((i, j, end - i, at))
            lined.lengths.extend(old.lengths[i:end])
            at += starts[end] - start
            j += end - i
            i = end
            misses = 0
            continue
        if misses > _MISSES or len(lined.new) + len(lined.gone) > n // 2 + 64:
            return _by_name(old, records, starts)  # the records moved, not a few names
        found = records.find(before[start:starts[i + 1]], at + 1, at + _AHEAD)
        if found > 0 and _ends_at(records, at, found):
            while at < found:  # added
                j, at = _add(lined, records, j, at)
            misses = 0
            continue
        length = _length(records, at)
        found = before.find(records[at:at + length], start + 1, start + _AHEAD)
        k = bisect_right(starts, found, i) - 1 if found > 0 else -1
        if k > i and starts[k] == found:
            lined.gone.extend(range(i, k))
            i = k
            misses = 0
            continue
        lined.gone.append(i)  # one in place of the other
        i += 1
        j, at = _add(lined, records, j, at)
        misses += 1
    lined.gone.extend(range(i, n))
    while at < len(records):
        j, at = _add(lined, records, j, at)
    return lined


def _by_name(old: RawListing, records: bytes, starts: list[int]) -> LinedUp:
    """The records lined up name by name: a record kept is one whose name, inode and type
    are as they were. For a folder whose records all moved: a file system that numbers its
    entries (overlayfs: each offset field then moves), or one that lists the newest first
    (tmpfs) after more names were added than _AHEAD spans; as dear as a full read."""
    lined = LinedUp(starts)
    lined.kept = {}
    was: dict[bytes, tuple[int, int, int]] = {}
    for k, at in enumerate(starts[:-1]):
        name, ino, kind = record(old.records, at)
        was[name] = (k, ino, kind)
    lined.lengths, names, inos, types = parse(records)
    at = 0
    for j, (name, ino, kind) in enumerate(zip(names, inos, types, strict=True)):
        seen = was.pop(name, None)
        if seen is not None and seen[1:] == (ino, kind):
            lined.kept[seen[0]] = (j, at)
        else:
            lined.new.append(j)
            lined.new_at.append(at)
            if seen is not None:
                lined.gone.append(seen[0])
        at += lined.lengths[j]
    lined.gone = sorted(lined.gone + [k for k, _, _ in was.values()])
    return lined


def _add(lined: LinedUp, records: bytes, j: int, at: int) -> tuple[int, int]:
    """The new record at `at` is in no run; the next one's number and offset."""
    length = _length(records, at)
    lined.new.append(j)
    lined.new_at.append(at)
    lined.lengths.append(length)
    return j + 1, at + length


def _ends_at(records: bytes, at: int, end: int) -> bool:
    """Whether the records from `at` on end exactly at `end` (a record starts there)."""
    while at < end:
        at += _length(records, at)
    return at == end
