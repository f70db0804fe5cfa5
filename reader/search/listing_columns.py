"""A folder's listing as the index keeps it: in columns (Listing), and the blob stored.

The names joined, and arrays of their inodes, sizes and mtimes, in readdir's order: a
changed folder's listing loads in a few C calls (as marshal's dict of tuples it cost four
times as much) and is written back from slices of the stored columns (in_order), so the
4,500 names of a folder are not handled one at a time. A listing that cannot be kept so
(an inode past 2**63, a NUL in a name) is kept as the marshal'd dict earlier versions wrote,
which is read too. index_walk.py compares listings; listing_runs.py lines two of them up.
"""

from __future__ import annotations

import marshal
import sys
from array import array
from itertools import chain

from reader.search.dirents import MAGIC as RAW_MAGIC
from reader.search.dirents import RawListing

# A listing's entry for a file: (inode, size, mtime), or (inode, size, mtime, 1) when its
# ctime was within RACY_NS of the walk (it may change again without a new inode or a change
# to its folder): the next walk that lists the folder stats it even when its inode is the same.
Seen = tuple[int, ...]

# A listing blob in columns starts with this; its last byte is the byte order of the arrays
# (an index carried to a machine of the other order reads its listings as unknown).
_MAGIC = b"KZL" + (b"<" if sys.byteorder == "little" else b">")
_HEAD = 4 + 3 * 8  # the magic, then how many names, the names' bytes, marked entries


class Listing:
    """A folder's listing in columns: names[i] has inos[i], sizes[i], mtimes[i], and is
    marked (Seen's 1) when i is in racy. What the walk compares and writes back in bulk;
    seen by anything else as the dict it stands for (as_dict)."""

    __slots__ = ("names", "inos", "sizes", "mtimes", "racy")

    def __init__(self, names: list[str], inos: array, sizes: array, mtimes: array,
                 racy: list[int]) -> None:
        self.names = names
        self.inos = inos
        self.sizes = sizes
        self.mtimes = mtimes
        self.racy = racy  # positions, ascending

    @classmethod
    def from_dict(cls, files: dict[str, Seen]) -> Listing:
        """The columns of a dict listing (an old blob's, a full walk's); OverflowError for
        a number an int64 cannot hold, TypeError or ValueError for what is not a listing."""
        names = list(files)
        values = list(files.values())
        if not all(type(name) is str for name in names) or "\0" in "".join(names) or not all(
                type(value) is tuple and len(value) in (3, 4) for value in values):
            raise ValueError("not a listing")  # (a NUL would split a name in two: blob)
        inos, sizes, mtimes = array("q"), array("q"), array("q")
        if values:
            inos, sizes, mtimes = (array("q", column) for column in
                                   zip(*[value[:3] for value in values], strict=True))
        return cls(names, inos, sizes, mtimes,
                   [i for i, value in enumerate(values) if len(value) == 4])

    def entry(self, i: int) -> Seen:
        seen = (self.inos[i], self.sizes[i], self.mtimes[i])
        return seen + (1,) if self.racy and i in self.racy else seen

    def as_dict(self) -> dict[str, Seen]:
        files: dict[str, Seen] = dict(zip(self.names, zip(self.inos, self.sizes, self.mtimes,
                                                          strict=True), strict=True))
        for i in self.racy:
            files[self.names[i]] += (1,)
        return files

    def __len__(self) -> int:
        return len(self.names)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Listing):
            other = other.as_dict()
        return self.as_dict() == other if isinstance(other, dict) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Listing({self.as_dict()!r})"

    def blob(self) -> bytes:
        """The listing as stored: _MAGIC, the head (three int64), the names joined by NUL
        (no name from readdir holds one; from_dict checks) in UTF-8 with surrogateescape,
        then the three columns and the marked positions as int64. UnicodeError for a name
        that is not a file name (a surrogate not from surrogateescape)."""
        names = "\0".join(self.names).encode("utf-8", "surrogateescape")
        head = array("q", (len(self.names), len(names), len(self.racy)))
        return b"".join((_MAGIC, head.tobytes(), names, self.inos.tobytes(),
                         self.sizes.tobytes(), self.mtimes.tobytes(),
                         array("q", self.racy).tobytes()))

    @classmethod
    def from_blob(cls, blob: bytes) -> Listing | None:
        """The listing blob() wrote; None for one that is not whole (cut, or of the other
        byte order) or has a mark out of range. (Names said twice, which no blob() says, are
        found by the walk, which makes a dict of them anyway: _compare_listing.)"""
        if len(blob) < _HEAD or blob[:4] != _MAGIC:
            return None
        view = memoryview(blob)
        head = array("q")
        head.frombytes(view[4:_HEAD])
        n, size, marked = head
        if min(head) < 0 or len(blob) != _HEAD + size + 8 * (3 * n + marked):
            return None
        names = str(view[_HEAD:_HEAD + size], "utf-8", "surrogateescape").split("\0") if n \
            else []
        if len(names) != n:
            return None
        columns = []
        at = _HEAD + size
        for count in (n, n, n, marked):
            column = array("q")
            column.frombytes(view[at:at + 8 * count])
            columns.append(column)
            at += 8 * count
        racy = columns[3].tolist()
        if racy and (racy != sorted(set(racy)) or racy[0] < 0 or racy[-1] >= n):
            return None
        return cls(names, columns[0], columns[1], columns[2], racy)


def listing_blob(files: Listing | RawListing | dict[str, Seen]) -> bytes:
    """What to store for a folder's listing (index_build writes it): its columns, or the
    marshal'd dict (as earlier versions wrote) for one that cannot be kept in columns."""
    if isinstance(files, RawListing):
        return files.blob()
    try:
        return (files if isinstance(files, Listing) else Listing.from_dict(files)).blob()
    except (OverflowError, TypeError, ValueError, UnicodeError):
        return marshal.dumps(files.as_dict() if isinstance(files, Listing) else files)


def read_listing(blob: object) -> Listing | RawListing | None:
    """A stored listing, in columns whichever way it was written; None for one unreadable
    (the folder's docs rows answer instead)."""
    if not isinstance(blob, bytes):
        return None
    if blob[:3] == _MAGIC[:3]:
        return Listing.from_blob(blob)
    if blob[:3] == RAW_MAGIC[:3]:
        return RawListing.from_blob(blob)
    if blob[:1] not in (b"{", b"\xfb"):  # not a marshal'd dict (damaged): garbage given to
        return None  # marshal may ask for gigabytes before it finds the end
    try:
        files = marshal.loads(blob)
        if not isinstance(files, dict):
            return None
        return Listing.from_dict(files)
    except (ValueError, EOFError, TypeError, OverflowError, MemoryError):
        return None


def in_order(stored: Listing, runs: list[tuple[int, int, int]],
              added: list[tuple[int, str, int, int, int, bool]]) -> Listing | dict[str, Seen]:
    """The new listing in readdir's order: the runs kept from `stored` (none marked: a marked
    entry is always looked at) and the names looked at, by their place in the listing; as a
    dict if a number of those is past what the columns hold."""
    if len(runs) == 1 and not added and runs[0][:2] == (0, 0) and runs[0][2] == len(stored):
        return stored
    pieces = sorted(chain([(j, i, length) for i, j, length in runs],
                          [(entry[0], -1, k) for k, entry in enumerate(added)]))
    names: list[str] = []
    inos, sizes, mtimes = array("q"), array("q"), array("q")
    racy: list[int] = []
    try:
        for _, i, length in pieces:
            if i >= 0:
                names += stored.names[i:i + length]
                inos += stored.inos[i:i + length]
                sizes += stored.sizes[i:i + length]
                mtimes += stored.mtimes[i:i + length]
                continue
            _, name, ino, size, mtime, mark = added[length]
            if mark:
                racy.append(len(names))
            names.append(name)
            inos.append(ino)
            sizes.append(size)
            mtimes.append(mtime)
    except OverflowError:
        files: dict[str, Seen] = {}
        for _, i, length in pieces:
            if i >= 0:
                files.update((name, stored.entry(i + k))
                             for k, name in enumerate(stored.names[i:i + length]))
            else:
                _, name, ino, size, mtime, mark = added[length]
                files[name] = (ino, size, mtime, 1) if mark else (ino, size, mtime)
        return files
    return Listing(names, inos, sizes, mtimes, racy)
