"""A folder's listing kept in columns (listing_columns.Listing; where the kernel's records
cannot be had: dirents.py, tested in test_index_dirents.py): what is written is read back,
an old marshal'd listing is read too, a damaged one is unknown (never a traceback), and the
bulk compare finds what the plain one-name-at-a-time compare found, on varied folders."""

from __future__ import annotations

import marshal
import os
import random
import sqlite3
import sys
import time
from array import array
from pathlib import Path

import pytest

from reader.search import dirents, index_file, index_walk, walk_columns
from reader.search.index import Index
from reader.search.index_walk import Diff, _articles, _seen, _stat_seen, _stats
from reader.search.listing_columns import Listing, Seen, listing_blob, read_listing

ODD_NAMES = [
    "a.txt",
    "б.txt",  # Cyrillic: two bytes a letter
    "\udcff\udcfe.txt",  # not UTF-8: its bytes kept by surrogateescape
    "cut\udce2\udc82",  # a character cut short, just before the separator
    "\udce2\udc82",  # the same at the start of the next name
    "line\nbreak.txt",
    "tab\tand\rreturn.TXT",
    "x" * 255,
    "ә" * 127 + ".txt",  # 254 bytes
    " ",
    "😀.txt",
]


def _entries(rng: random.Random, names: list[str]) -> dict[str, Seen]:
    files: dict[str, Seen] = {}
    for name in names:
        seen = (rng.randrange(1 << 40), rng.randrange(1 << 20), rng.randrange(-1, 1 << 62))
        files[name] = seen + (1,) if rng.random() < 0.2 else seen
    return files


@pytest.mark.parametrize("names", [[], ["one.txt"], [""], ODD_NAMES, ODD_NAMES[::-1],
                                   [f"{n:06d}_abc.txt" for n in range(5000)]])
def test_a_listing_reads_back_as_written(names: list[str]) -> None:
    files = _entries(random.Random(len(names)), names)
    blob = listing_blob(files)
    assert blob[:3] == b"KZL"  # in columns, not marshal
    listing = read_listing(blob)
    assert listing is not None
    assert listing.as_dict() == files
    assert list(listing.as_dict()) == list(files)  # in its order too (readdir's)
    assert listing == files and Listing.from_dict(files) == listing
    assert read_listing(listing.blob()).as_dict() == files


def test_values_the_columns_cannot_hold_are_kept_as_marshal() -> None:
    """An inode past 2**63 (some network file systems) or a NUL in a name (none from
    readdir): the listing is written as earlier versions wrote it, and not trusted as
    columns when read (the folder's docs rows answer)."""
    for files in ({"big.txt": (1 << 63, 1, 2)}, {"nul\0.txt": (1, 2, 3)}):
        blob = listing_blob(files)
        assert marshal.loads(blob) == files
        assert read_listing(blob) is None
    files = {"\ud800.txt": (1, 2, 3)}  # a surrogate no file name has: kept all the same
    assert read_listing(listing_blob(files)).as_dict() == files


def test_an_old_marshal_listing_is_read() -> None:
    files = _entries(random.Random(3), ODD_NAMES)
    listing = read_listing(marshal.dumps(files))
    assert listing is not None and listing.as_dict() == files


@pytest.mark.parametrize("blob", [
    b"", b"KZL", b"\x00garbage", marshal.dumps([1, 2, 3]), marshal.dumps({"a": (1, 2)}),
    marshal.dumps({"a": ("x", 2, 3)}), marshal.dumps({b"a": (1, 2, 3)}),
    marshal.dumps({"a": [1, 2, 3]}), marshal.dumps({"a": (1.5, 2, 3)}),
    b"{" + bytes(9), b"\xfb\xff\xff\xff\x7f", b"[\xff\xff\xff\x7f",
    b"KZL" + (b">" if sys.byteorder == "little" else b"<") + bytes(24),  # other byte order
    b"KZL" + (b"<" if sys.byteorder == "little" else b">") + array("q", [-1, 0, 0]).tobytes(),
    b"KZL" + (b"<" if sys.byteorder == "little" else b">") + array("q", [1, 1, 1]).tobytes()
    + b"a" + array("q", [1, 2, 3, 5]).tobytes(),  # a mark past the end
    b"KZL" + (b"<" if sys.byteorder == "little" else b">") + array("q", [2, 1, 0]).tobytes()
    + b"a" + bytes(48),  # two names said, one given
])
def test_a_damaged_listing_is_unknown(blob: bytes) -> None:
    assert read_listing(blob) is None


def test_every_cut_or_flipped_listing_is_unknown_or_a_listing() -> None:
    files = _entries(random.Random(5), ODD_NAMES)
    blob = listing_blob(files)
    for end in range(len(blob)):
        assert read_listing(blob[:end]) is None
    rng = random.Random(6)
    for _ in range(2000):
        damaged = bytearray(blob)
        for _ in range(rng.randrange(1, 4)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        listing = read_listing(bytes(damaged))
        assert listing is None or isinstance(listing, Listing)
    for _ in range(500):  # never raises
        read_listing(bytes(rng.randrange(256) for _ in range(rng.randrange(60))))
        read_listing(b"KZL" + bytes(rng.randrange(256) for _ in range(rng.randrange(60))))


# -- the bulk compare against the plain one, name by name ---------------------------------

def _plain_compare(conn: sqlite3.Connection, diff: Diff, rel: str, where: str,
                   listing: list[os.DirEntry[str]], stored: dict[str, Seen],
                   trusted_before: int) -> tuple[list[str], list[tuple[str, str]],
                                                 dict[str, Seen]]:
    """The compare as it was before the columns: one name at a time (the reference)."""
    prefix = rel + "/" if rel else ""
    files: dict[str, Seen] = {}
    subfolders: list[str] = []
    problems: list[tuple[str, str]] = []
    rest = []
    was: dict[str, Seen] = {}
    for entry in listing:
        old = stored.pop(entry.name, None)
        if old is None:
            rest.append(entry)
            continue
        if len(old) == 3 and old[0] == entry.inode() and entry.is_file(follow_symlinks=False):
            files[entry.name] = old
            continue
        rest.append(entry)
        was[entry.name] = old
    unchanged = len(files)
    looked = _articles(rest, prefix, subfolders, problems)
    for entry, (size, mtime, ino, ctime) in zip(looked, _stats(where, looked, _stat_seen),
                                                strict=True):
        files[entry.name] = _seen(ino, size, mtime, ctime, trusted_before)
        old = was.pop(entry.name, None)
        if old is not None and old[:3] == (ino, size, mtime):
            unchanged += 1
            continue
        job = (entry.path, prefix + entry.name, size, mtime, ino, rel)
        (diff.added if old is None else diff.changed).append(job)
    diff.unchanged += unchanged
    stored.update(was)
    for name in stored:
        row = conn.execute("SELECT rowid FROM docs WHERE id = ?",
                           (index_file.db_id(prefix + name),)).fetchone()
        if row is not None:
            diff.gone.append(row[0])
    return subfolders, problems, files


def _folder(tmp_path: Path, rng: random.Random) -> tuple[Path, dict[str, Seen]]:
    """A folder of articles and what a listing of it kept, then changed as scrapers, editors
    and accidents change one: files added, removed, renamed over, a name made a folder or a
    link, other files beside; the listing in readdir's order, or shuffled, some marked."""
    where = tmp_path / f"f{rng.randrange(1 << 30)}"
    where.mkdir()
    count = rng.choice([0, 1, 5, 40, 300])
    for n in range(count):
        (where / f"{n:04d}_{rng.randrange(1 << 20):x}.txt").write_text(f"{n}\n")
    stored: dict[str, Seen] = {}
    with os.scandir(where) as entries:
        for entry in entries:
            st = entry.stat()
            seen = (st.st_ino, st.st_size, st.st_mtime_ns)
            stored[entry.name] = seen + (1,) if rng.random() < 0.05 else seen
    names = list(stored)
    changes = rng.choice([0, 1, 3, 20, count])
    for _ in range(changes):
        kind = rng.randrange(7)
        if kind == 0 or not names:  # added
            (where / f"new_{rng.randrange(1 << 30)}.txt").write_text("new\n")
            continue
        name = rng.choice(names)
        path = where / name
        if not path.is_file() or path.is_symlink():
            continue
        if kind == 1:  # removed
            path.unlink()
        elif kind == 2:  # renamed over: a new inode
            (where / "part").write_text("other text\n")
            os.replace(where / "part", path)
        elif kind == 3:  # a folder now
            path.unlink()
            path.mkdir()
        elif kind == 4:  # a link to a file now
            path.unlink()
            path.symlink_to(where / rng.choice(names))
        elif kind == 5:  # a file that is not an article beside it
            (where / f"note{rng.randrange(1000)}.md").write_text("note\n")
        else:  # the listing kept a value that is wrong (stat-ed, found unchanged or not)
            ino, size, mtime = stored[name][:3]
            stored[name] = (ino, size + 1, mtime, 1)
    if rng.random() < 0.3:  # stored in another order than readdir's
        items = list(stored.items())
        rng.shuffle(items)
        stored = dict(items)
    elif rng.random() < 0.3 and len(names) > 2:  # a listing that holds names gone long ago
        stored = {"zz_gone_1.txt": (1, 2, 3), **stored, "zz_gone_2.txt": (4, 5, 6, 1)}
    return where, stored


@pytest.mark.parametrize("seed", range(60))
def test_the_bulk_compare_finds_what_the_plain_one_found(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    where, stored = _folder(tmp_path, rng)
    conn = index_file.create(tmp_path / "index.sqlite")
    for name in stored:
        conn.execute("INSERT INTO docs(id, folder, ino, size, mtime_ns, title, paragraphs,"
                     " words, problems, title_key) VALUES (?, 1, 0, 0, 0, '', 0, 0, '', '')",
                     (index_file.db_id(f"{where.name}/{name}"),))
    with os.scandir(where) as entries:
        listing = list(entries)
    trusted_before = time.time_ns() - index_walk.RACY_NS
    want_diff, got_diff = Diff(), Diff()
    want = _plain_compare(conn, want_diff, where.name, str(where), listing, dict(stored),
                          trusted_before)
    got = index_walk._compare(conn, got_diff, where.name, str(where), 1, listing, False,
                              Listing.from_dict(stored), trusted_before)
    assert (sorted(got[0]), sorted(got[1])) == (sorted(want[0]), sorted(want[1]))
    files = got[2].as_dict() if isinstance(got[2], Listing) else got[2]
    assert files == want[2]
    assert sorted(got_diff.added) == sorted(want_diff.added)
    assert sorted(got_diff.changed) == sorted(want_diff.changed)
    assert sorted(got_diff.gone) == sorted(want_diff.gone)
    assert got_diff.unchanged == want_diff.unchanged
    if isinstance(got[2], Listing):  # written back in readdir's order, for the next compare
        order = [entry.name for entry in listing]
        assert list(files) == [name for name in order if name in files]
    conn.close()


@pytest.mark.parametrize("twice", [0, 1, 2])
def test_a_listing_that_names_a_file_twice_is_compared_with_docs(
        tmp_path: Path, twice: int) -> None:
    """No listing written says a name twice: one read so is not trusted (a wrong answer
    would be a present article taken out), and the folder's docs rows answer."""
    where = tmp_path / "f"
    where.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (where / name).write_text(name)
    with os.scandir(where) as entries:
        listing = list(entries)
    st = {entry.name: entry.stat() for entry in listing}
    names = [entry.name for entry in listing]
    names.insert(3 if twice == 2 else 1, names[twice])
    stored = Listing(names, array("q", [st[n].st_ino for n in names]),
                     array("q", [st[n].st_size for n in names]),
                     array("q", [st[n].st_mtime_ns for n in names]), [])
    conn = index_file.create(tmp_path / "index.sqlite")
    diff = Diff()
    assert walk_columns.compare_columns(conn, diff, "f", "f/", str(where), listing, stored,
                                       0) is None
    assert (diff.added, diff.changed, diff.gone, diff.unchanged) == ([], [], [], 0)
    stored.names.reverse()  # out of readdir's order: matched by a dict
    assert walk_columns.compare_columns(conn, diff, "f", "f/", str(where), listing, stored,
                                       0) is None


def _write(root: Path, rel: str, body: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f" date 2024-05-01 Тақырып\n{body}\n", encoding="utf-8")


def _trusted_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                   names: list[str], records: bool = False) -> tuple[Path, Index]:
    """An archive of these files (Партия N.) and its index, folders trusted at once; its
    listings in columns, as where the kernel's records cannot be had (dirents.py), unless
    `records`."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setattr(index_walk, "RACY_NS", 0)
    if not records:
        monkeypatch.setattr(dirents, "_SYSCALL", None)
    root = tmp_path / "archive"
    for n, name in enumerate(names):
        _write(root, name, f"Партия {n}.")
    return root, Index.open(root)


@pytest.mark.parametrize("damage", ["cut", "twice", "other order", "old format"])
def test_an_index_with_a_damaged_or_old_listing_updates_right(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    """Whatever the stored listing: the update's answer is the archive's, no traceback."""
    root, index = _trusted_index(tmp_path, monkeypatch, [f"2024/{n:02d}.txt" for n in range(30)])
    try:
        index.update()
        index.update()
        (blob,) = index._conn.execute("SELECT files FROM listings").fetchone()
        listing = read_listing(blob)
        assert listing is not None and len(listing) == 30
        if damage == "cut":
            blob = blob[:-5]
        elif damage == "twice":
            listing.names[1] = listing.names[0]
            blob = listing.blob()
        elif damage == "other order":
            blob = blob[:3] + (b">" if blob[3:4] == b"<" else b"<") + blob[4:]
        else:
            blob = marshal.dumps(listing.as_dict())
        index._conn.execute("UPDATE listings SET files = ?", (blob,))
        (root / "2024" / "05.txt").unlink()
        _write(root, "2024/new.txt", "Салық кодексі.")
        result = index.update()
        assert (result.added, result.changed, result.removed) == (1, 0, 1)
        ids = sorted(s.id for s in index.summaries())
        assert ids == sorted([f"2024/{n:02d}.txt" for n in range(30) if n != 5]
                             + ["2024/new.txt"])
        assert [h.id for h in index.search("салық")] == ["2024/new.txt"]
        (blob,) = index._conn.execute("SELECT files FROM listings").fetchone()
        assert blob[:3] == b"KZL" and set(read_listing(blob).as_dict()) == {
            os.path.basename(i) for i in ids}
    finally:
        index.close()


@pytest.mark.parametrize("records", [False, True] if dirents.supported() else [False])
def test_a_full_walk_of_an_unchanged_archive_writes_no_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, records: bool) -> None:
    """The app's background full walk lists every folder: one that is as stored is not
    written again (rows and listings counted by triggers); an edit in place, which only the
    full walk sees, writes its folder. Listings in columns, or as the kernel's records."""
    root, index = _trusted_index(tmp_path, monkeypatch,
                                 [f"{2020 + n % 3}/{n:02d}.txt" for n in range(12)], records)
    try:
        index.update()
        index.update(full=True)  # (the first full walk may settle racy marks)
        conn = index._conn
        conn.executescript("""
            CREATE TABLE written(n INTEGER);
            INSERT INTO written VALUES (0);
            CREATE TRIGGER folder_rows AFTER UPDATE ON folders
                BEGIN UPDATE written SET n = n + 1; END;
            CREATE TRIGGER listing_rows AFTER INSERT ON listings
                BEGIN UPDATE written SET n = n + 1; END;
        """)
        result = index.update(full=True)
        assert (result.added, result.changed, result.removed) == (0, 0, 0)
        assert conn.execute("SELECT n FROM written").fetchone() == (0,)
        path = root / "2021" / "01.txt"
        stat = path.stat()
        path.write_text("Партия туралы жаңа мәтін.\n", encoding="utf-8")  # in place
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        result = index.update(full=True)
        assert result.changed == 1
        # its row and listing; the kernel's records do not say a file's size or time
        assert conn.execute("SELECT n FROM written").fetchone() == ((0,) if records else (2,))
    finally:
        index.close()
