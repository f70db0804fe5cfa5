"""A folder's listing kept as the kernel's records (dirents.py): read as scandir lists,
lined up with the last listing as bytes, and a quick update through it finds what a fresh
build finds, whatever was added, removed, renamed over or turned into a folder; a damaged
listing or records that cannot be had never give a wrong answer or a traceback."""

from __future__ import annotations

import os
import random
import shutil
import tempfile
import threading
from array import array
from pathlib import Path

import pytest

from reader.search import dirents, index_walk
from reader.search.dirents import RawListing, line_up, parse, read
from reader.search.index import Index
from reader.search.listing_columns import read_listing
from tests.support.archive import before_listing

pytestmark = pytest.mark.skipif(not dirents.supported(),
                                reason="the kernel's records are read on Linux only")

ODD = ["a.txt", "б.txt", "line\nbreak.txt", "x" * 251 + ".txt", "ә" * 125 + ".txt", " .txt"]


def _records(where: Path) -> RawListing:
    records = read(str(where))
    lengths, _, _, types = parse(records)
    return RawListing(records, lengths, [k for k, kind in enumerate(types)
                                         if kind != dirents.DT_REG], [])


def _names(records: bytes) -> list[bytes]:
    return parse(records)[1]


def test_the_records_say_what_scandir_says(tmp_path: Path) -> None:
    for name in ODD:
        (tmp_path / name).write_text("x", encoding="utf-8")
    bad = os.path.join(os.fsencode(tmp_path), b"\xff\xfe.txt")  # not UTF-8
    with open(bad, "w") as file:
        file.write("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    records = read(str(tmp_path))
    _, names, inos, types = parse(records)
    seen = {os.fsdecode(name): (ino, kind) for name, ino, kind in zip(names, inos, types,
                                                                        strict=True)}
    assert {".", ".."} <= set(seen)
    with os.scandir(tmp_path) as entries:
        for entry in entries:
            kind = seen.pop(entry.name)
            assert kind[0] == entry.inode()
            assert kind[1] == (dirents.DT_DIR if entry.is_dir(follow_symlinks=False) else
                               dirents.DT_LNK if entry.is_symlink() else dirents.DT_REG)
    assert set(seen) == {".", ".."}
    assert read(str(tmp_path)) == records  # nothing changed: the same bytes, padding too


def test_a_folder_that_cannot_be_read_raises_as_scandir_does(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read(str(tmp_path / "gone"))
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError):
        read(str(tmp_path / "file"))


def _mutate(rng: random.Random, where: Path, names: list[str], step: int, held: Path
            ) -> None:
    """Add, remove, rename over, or turn a file into a folder, a few times each. A file
    renamed over is kept alive elsewhere: a name given back the inode it had (written twice
    since the last walk) is what only the full walk sees, as index_walk says."""
    held.mkdir(exist_ok=True)
    for k in range(rng.randrange(1, 40)):
        action = rng.random()
        if action < 0.45 or not names:
            name = f"n{step}-{k}-{rng.randrange(10**6)}.txt"
            (where / name).write_text(f"Жаңа {k}.", encoding="utf-8")
            names.append(name)
        elif action < 0.75:
            (where / names.pop(rng.randrange(len(names)))).unlink()
        elif action < 0.95:
            name = rng.choice(names)
            (where / ".part").write_text(f"Ауыстырылды {k}.", encoding="utf-8")
            os.link(where / name, held / f"{step}-{k}-{rng.randrange(10**9)}")
            os.replace(where / ".part", where / name)
        else:
            name = names.pop(rng.randrange(len(names)))
            (where / name).unlink()
            (where / name).mkdir()
            (where / name / "inner.txt").write_text("Ішінде.", encoding="utf-8")


@pytest.fixture(params=["disk", "tmpfs"])
def place(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A folder on the disk's file system, or on tmpfs (which lists the newest name first)."""
    if request.param == "disk":
        yield tmp_path
        return
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        pytest.skip("no writable tmpfs at /dev/shm")
    where = Path(tempfile.mkdtemp(prefix="kzr-dirents-", dir=shm))
    yield where
    shutil.rmtree(where, ignore_errors=True)


@pytest.mark.parametrize("seed", range(25))
def test_two_listings_line_up_as_their_names_do(place: Path, seed: int) -> None:
    """Runs are the same bytes in both; every name of either is in a run or among the
    records apart; moved() finds a kept record where it is now."""
    tmp_path = place
    rng = random.Random(seed)
    names = []
    where = tmp_path / "archive"
    where.mkdir()
    for n in range(rng.choice([3, 40, 600])):
        names.append(f"{n:04d}-{rng.randrange(10**6)}.txt")
        (where / names[-1]).write_text(str(n))
    for step in range(3):
        old = _records(where)
        _mutate(rng, tmp_path / "archive", names, step, tmp_path / "held")
        new = read(str(where))
        lined = line_up(old, new)
        starts_new = [0]
        for length in lined.lengths:
            starts_new.append(starts_new[-1] + length)
        assert starts_new[-1] == len(new)
        kept_old, kept_new = set(), set()
        for i, j, count, at in lined.runs:
            assert starts_new[j] == at
            span = lined.starts[i + count] - lined.starts[i]
            assert old.records[lined.starts[i]:lined.starts[i] + span] == new[at:at + span]
            kept_old.update(range(i, i + count))
            kept_new.update(range(j, j + count))
        if lined.kept is not None:  # lined up by name (the records moved)
            assert not lined.runs
            kept_old, kept_new = set(lined.kept), {j for j, _ in lined.kept.values()}
        assert kept_old.isdisjoint(lined.gone) and kept_new.isdisjoint(lined.new)
        assert sorted(kept_old | set(lined.gone)) == list(range(len(old)))
        assert sorted(kept_new | set(lined.new)) == list(range(len(lined.lengths)))
        assert [starts_new[j] for j in lined.new] == lined.new_at
        some = rng.sample(sorted(kept_old), min(5, len(kept_old)))
        for k, (j, at) in zip(sorted(some), lined.moved(sorted(some)), strict=True):
            assert starts_new[j] == at
            assert dirents.record(new, at) == dirents.record(old.records, lined.starts[k])


def test_records_that_all_moved_are_lined_up_by_name(tmp_path: Path) -> None:
    """A file system that numbers its entries (overlayfs) moves every record's offset field
    when one name is added; tmpfs lists the newest first, so a batch of additions longer
    than a search window sits at the head: lined up by name, not record after record."""
    for n in range(300):
        (tmp_path / f"{n:03d}.txt").write_text("x")
    old = _records(tmp_path)
    moved = bytearray(old.records)
    at = 0
    for length in old.lengths:  # every offset field another
        moved[at + 8:at + 16] = (int.from_bytes(moved[at + 8:at + 16], "little") ^ 1
                                 ).to_bytes(8, "little")
        at += length
    lined = line_up(old, bytes(moved))
    assert lined.kept is not None and not lined.new and not lined.gone
    assert sorted(lined.kept) == list(range(len(old)))
    batch = tmp_path / "batch"  # names added at the head, more than a window's worth
    batch.mkdir()
    for n in range(50):
        (batch / f"{n:03d}.txt").write_text("x")
    before = _records(batch)
    records = read(str(batch))
    extra = bytearray()
    for n in range(2000):  # records of names added, put first as tmpfs would
        name = f"new-{n:05d}.txt".encode()
        length = (19 + len(name) + 1 + 7) // 8 * 8
        record = bytearray(length)
        record[0:8] = (10**7 + n).to_bytes(8, "little")
        record[16:18] = length.to_bytes(2, "little")
        record[18] = dirents.DT_REG
        record[19:19 + len(name)] = name
        extra += record
    lined = line_up(before, bytes(extra) + records)
    assert len(lined.new) == 2000 and not lined.gone
    assert len(lined.moved(list(range(len(before))))) == len(before)


def _docs(index: Index) -> dict[str, tuple[int, int, int]]:
    return {i: (ino, size, mtime) for i, ino, size, mtime in index._conn.execute(
        "SELECT id, ino, size, mtime_ns FROM docs")}


@pytest.mark.parametrize("seed", range(8))
def test_a_quick_update_through_the_records_finds_what_a_fresh_build_finds(
        place: Path, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    tmp_path = place
    rng = random.Random(seed)
    monkeypatch.setattr(index_walk, "RACY_NS", 0)  # folders trusted at once
    root = tmp_path / "archive"
    folders = [root / "2024" / f"{m:02d}" for m in range(1, 4)]
    kept: dict[Path, list[str]] = {}
    for where in folders:
        where.mkdir(parents=True)
        kept[where] = [f"{n:03d}.txt" for n in range(rng.choice([5, 150]))]
        for name in kept[where]:
            (where / name).write_text(f"Отырыс {name}.", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "quick"))
    index = Index.open(root)
    index.update()
    try:
        for step in range(4):
            for where in rng.sample(folders, rng.randrange(1, 4)):
                _mutate(rng, where, kept[where], step, tmp_path / "held")
            index.update()
            blobs = [b for (b,) in index._conn.execute("SELECT files FROM listings")]
            assert any(isinstance(read_listing(blob), RawListing) for blob in blobs)
            monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"fresh{step}"))
            fresh = Index.open(root)
            fresh.update()
            assert _docs(index) == _docs(fresh)
            fresh.close()
            monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "quick"))
    finally:
        index.close()


def _indexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int = 30
             ) -> tuple[Path, Index]:
    monkeypatch.setattr(index_walk, "RACY_NS", 0)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "archive"
    (root / "2024").mkdir(parents=True)
    for n in range(count):
        (root / "2024" / f"{n:02d}.txt").write_text(f"Партия {n}.", encoding="utf-8")
    index = Index.open(root)
    index.update()
    index.update()
    return root, index


def _damaged(blob: bytes, how: str) -> bytes:
    listing = RawListing.from_blob(blob)
    assert listing is not None
    if how == "cut":
        return blob[:-3]
    if how == "lengths":  # a length that is no record's
        listing.lengths[1] += 8
        listing.lengths[2] -= 8
        return listing.blob()
    if how == "names":  # bytes where the names were: no NUL to end one
        return RawListing(b"\xff" * len(listing.records), listing.lengths, listing.special,
                          listing.racy).blob()
    if how == "marks":
        return RawListing(listing.records, listing.lengths, [len(listing) + 5], []).blob()
    return os.urandom(len(blob))


def test_a_listing_damaged_on_disk_is_not_trusted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bytes of a stored listing changed under it (a disk's damage), so that it no longer
    names a subfolder among its special records: its CRC no longer matches, so the folder is
    compared with its docs rows; trusted, the subfolder's articles would be dropped for
    good (its record is in a run, never looked at again)."""
    root, index = _indexed(tmp_path, monkeypatch)
    try:
        (root / "top.txt").write_text("Ауыл.", encoding="utf-8")
        index.update()
        index.update()
        rowid, blob = index._conn.execute(
            "SELECT listings.folder, files FROM listings JOIN folders"
            " ON folders.rowid = listings.folder WHERE folders.path = ''").fetchone()
        listing = RawListing.from_blob(blob)
        names = parse(listing.records)[1]
        sub = names.index(b"2024")
        plain = names.index(b"top.txt")
        special = sorted(set(listing.special) - {sub} | {plain})  # as many, in order
        at = len(dirents.MAGIC) + 40 + len(listing.records) + 2 * len(listing)
        damaged = blob[:at] + array("q", special).tobytes() + blob[at + 8 * len(special):]
        index._conn.execute("UPDATE listings SET files = ? WHERE folder = ?", (damaged, rowid))
        (root / "new.txt").write_text("Салық кодексі.", encoding="utf-8")
        result = index.update()
        assert (result.added, result.removed) == (1, 0)
        assert len([s for s in index.summaries() if s.id.startswith("2024/")]) == 30
    finally:
        index.close()


@pytest.mark.parametrize("how", ["cut", "lengths", "names", "marks", "noise"])
def test_a_damaged_listing_of_records_still_gives_the_archive(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    root, index = _indexed(tmp_path, monkeypatch)
    try:
        (blob,) = index._conn.execute("SELECT files FROM listings").fetchone()
        index._conn.execute("UPDATE listings SET files = ?", (_damaged(blob, how),))
        (root / "2024" / "05.txt").unlink()
        (root / "2024" / "new.txt").write_text("Салық кодексі.", encoding="utf-8")
        result = index.update()
        assert (result.added, result.removed) == (1, 1)
        assert sorted(s.id for s in index.summaries()) == sorted(
            [f"2024/{n:02d}.txt" for n in range(30) if n != 5] + ["2024/new.txt"])
        (blob,) = index._conn.execute("SELECT files FROM listings").fetchone()
        assert isinstance(read_listing(blob), RawListing)  # whole again
    finally:
        index.close()


def test_records_with_types_unknown_are_kept_in_columns() -> None:
    """A file system that does not say each entry's type: every record would be looked at
    each time, so the listing is not kept as records."""
    assert RawListing.of(b"", parse(b"")[0], bytes(40), []) is None


def test_an_index_of_records_on_a_system_without_them_answers_from_docs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, index = _indexed(tmp_path, monkeypatch)
    try:
        monkeypatch.setattr(dirents, "_SYSCALL", None)
        (root / "2024" / "07.txt").unlink()
        (root / "2024" / "new.txt").write_text("Салық кодексі.", encoding="utf-8")
        result = index.update()
        assert (result.added, result.removed) == (1, 1)
        assert [h.id for h in index.search("салық")] == ["2024/new.txt"]
    finally:
        index.close()


def test_a_read_that_fails_ahead_is_said_not_hung(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The read-ahead thread meets an error: the walk raises it (a bug) or says it (a folder
    that cannot be read), and never waits for ever."""
    root, index = _indexed(tmp_path, monkeypatch)
    try:
        for name in ("a", "b"):
            (root / name).mkdir()
            (root / name / "x.txt").write_text("Ауыл.", encoding="utf-8")
        index.update()
        for name in ("a", "b"):
            (root / name / "y.txt").write_text("Ауыл.", encoding="utf-8")

        def broken(path: str) -> None:
            if path.endswith("/b") and threading.current_thread().name == "kz-reader read-ahead":
                raise RuntimeError("broken")

        before_listing(monkeypatch, broken)
        with pytest.raises(RuntimeError):
            index.update()

        def unreadable(path: str) -> None:
            if path.endswith("/b"):
                raise PermissionError(13, "Permission denied", path)

        before_listing(monkeypatch, unreadable)
        result = index.update()
        assert result.added == 1 and ("b", "cannot read folder: permission denied") in \
            result.problems
    finally:
        index.close()


def test_an_entry_answers_as_scandir_does(tmp_path: Path) -> None:
    """What index_walk asks of an entry, for each kind, links broken or not."""
    (tmp_path / "f.txt").write_text("x")
    (tmp_path / "d").mkdir()
    (tmp_path / "to-f").symlink_to(tmp_path / "f.txt")
    (tmp_path / "to-d").symlink_to(tmp_path / "d")
    (tmp_path / "broken").symlink_to(tmp_path / "nowhere")
    _, names, inos, types = parse(read(str(tmp_path)))
    ours = {os.fsdecode(name): dirents.entry(str(tmp_path), name, ino, kind)
            for name, ino, kind in zip(names, inos, types, strict=True)}
    unknown = {name: dirents.Entry(e.name, e.path, e.inode(), dirents.DT_UNKNOWN)
               for name, e in ours.items()}  # (a file system that says no type)
    with os.scandir(tmp_path) as listing:
        for theirs in listing:
            for mine in (ours[theirs.name], unknown[theirs.name]):
                assert mine.inode() == theirs.inode()
                for follow in (True, False):
                    assert mine.is_dir(follow_symlinks=follow) == theirs.is_dir(
                        follow_symlinks=follow), (theirs.name, follow)
                    assert mine.is_file(follow_symlinks=follow) == theirs.is_file(
                        follow_symlinks=follow), (theirs.name, follow)
                assert mine.is_symlink() == theirs.is_symlink()
