"""The quick walk in a folder that changed: readdir gives each name's inode, so only names
that are new or whose inode moved are stat-ed (index_walk); the full walk stats them all.
Each test twice: the listing kept in columns (listing_columns.py), and as the kernel's
records (dirents.py, Linux)."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from reader.search import dirents, index_walk
from reader.search.dirents import RawListing
from reader.search.index import Index
from reader.search.listing_columns import read_listing

FILES = 200


def write(root: Path, rel: str, title: str, body: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f" date 2024-05-01 {title}\n{body}\nДереккөз: test.kz\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True, params=["columns", "records"])
def kept_as(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """How the listings are kept: in columns (as where records cannot be had), or records."""
    if request.param == "columns":
        monkeypatch.setattr(dirents, "_SYSCALL", None)
    elif not dirents.supported():
        pytest.skip("the kernel's records are read on Linux only")
    return request.param


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of 200 articles, indexed (twice: the second update keeps its listing)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setattr(index_walk, "RACY_NS", 0)  # folders trusted at once
    root = tmp_path / "archive"
    for n in range(FILES):
        write(root, f"2024/{n:03d}.txt", f"Отырыс {n}", f"Партия жиналысы {n}.")
    write(root, "2023/old.txt", "Ескі", "Ауыл шаруашылығы.")
    return root


@pytest.fixture
def index(root: Path) -> Index:
    index = Index.open(root)
    index.update()
    index.update()
    yield index
    index.close()


def _file_stats(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of article files os.stat is asked about from now on (folders left out)."""
    asked: list[str] = []
    real = os.stat

    def spy(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        st = real(path, *args, **kwargs)
        name = os.fsdecode(path)
        if name.endswith(".txt") and not stat.S_ISDIR(st.st_mode):
            asked.append(os.path.basename(name))
        return st

    monkeypatch.setattr(os, "stat", spy)
    return asked


def _listing(index: Index, folder: str) -> dict[str, tuple[int, ...]]:
    """name -> (inode, size, mtime[, 1]) in columns; (inode[, 1]) as records."""
    (blob,) = index._conn.execute(
        "SELECT files FROM listings JOIN folders ON folders.rowid = listings.folder"
        " WHERE folders.path = ?", (folder,)).fetchone()
    listing = read_listing(blob)
    if isinstance(listing, RawListing):  # its plain files' records
        _, names, inos, _ = dirents.parse(listing.records)
        return {os.fsdecode(names[k]): (inos[k], 1) if k in listing.racy else (inos[k],)
                for k in range(len(names)) if k not in listing.special}
    return listing.as_dict()


def _marked(seen: tuple[int, ...]) -> bool:
    return len(seen) in (2, 4)


def test_a_file_added_is_the_only_one_stat_ed(
        root: Path, index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    write(root, "2024/new.txt", "Жаңа", "Бенчмарксөз туралы.")
    asked = _file_stats(monkeypatch)
    result = index.update()
    assert (result.added, result.changed, result.removed) == (1, 0, 0)
    assert asked == ["new.txt"]
    assert [h.id for h in index.search("бенчмарксөз")] == ["2024/new.txt"]
    assert "new.txt" in _listing(index, "2024")


def test_a_file_removed_is_dropped_with_no_stat(
        root: Path, index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    (root / "2024" / "007.txt").unlink()
    asked = _file_stats(monkeypatch)
    result = index.update()
    assert (result.added, result.changed, result.removed) == (0, 0, 1)
    assert asked == []
    assert "2024/007.txt" not in [s.id for s in index.summaries()]
    assert "007.txt" not in _listing(index, "2024")


def test_a_file_renamed_over_is_read_again(
        root: Path, index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new file written beside the old one, then renamed over it: a new inode."""
    write(root, "2024/.part", "Ауыстырылды", "Салық кодексі талқыланды.")
    os.replace(root / "2024" / ".part", root / "2024" / "010.txt")
    asked = _file_stats(monkeypatch)
    result = index.update()
    assert (result.added, result.changed, result.removed) == (0, 1, 0)
    assert asked == ["010.txt"]
    assert [h.id for h in index.search("салық")] == ["2024/010.txt"]
    assert _listing(index, "2024")["010.txt"][0] == (root / "2024" / "010.txt").stat().st_ino


def test_an_edit_in_place_in_a_changed_folder_is_left_to_the_full_walk(
        root: Path, index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    path = root / "2024" / "020.txt"
    st = path.stat()
    kept = _listing(index, "2024")["020.txt"]
    with path.open("a", encoding="utf-8") as file:  # the same inode, longer
        file.write("Салық кодексі талқыланды.\n")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    write(root, "2024/new.txt", "Жаңа", "Ауыл.")  # the folder changed
    asked = _file_stats(monkeypatch)
    result = index.update()
    assert (result.added, result.changed) == (1, 0)
    assert asked == ["new.txt"]
    assert index.search("салық") == []
    assert _listing(index, "2024")["020.txt"] == kept  # its old size and time, not looked at
    asked.clear()
    result = index.update(full=True)
    assert (result.added, result.changed, result.removed) == (0, 1, 0)
    assert sorted(asked) == sorted([f"{n:03d}.txt" for n in range(FILES)]
                                   + ["new.txt", "old.txt"])  # the full walk stats every file
    assert [h.id for h in index.search("салық")] == ["2024/020.txt"]
    new = path.stat()
    assert _listing(index, "2024")["020.txt"] in ((new.st_ino, new.st_size, new.st_mtime_ns),
                                                  (new.st_ino,))  # (records: no size, time)


def test_a_file_written_within_the_racy_window_is_stat_ed_again(
        root: Path, index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file looked at while it may still be written (its ctime within RACY_NS of the walk)
    is marked in the listing: the next walk of its folder stats it, though its inode is the
    same, and reads it if it grew meanwhile."""
    since = time.time_ns()
    time.sleep(0.3)
    path = write(root, "2024/new.txt", "Жаңа", "Ауыл.")
    monkeypatch.setattr(index_walk, "RACY_NS", time.time_ns() - since)  # new.txt is racy
    assert index.update().added == 1
    assert _marked(_listing(index, "2024")["new.txt"])
    with path.open("a", encoding="utf-8") as file:  # still being written: the same inode
        file.write("Салық кодексі талқыланды.\n")
    asked = _file_stats(monkeypatch)
    result = index.update()  # the folder was too recent to trust: listed again
    assert (result.added, result.changed, result.removed) == (0, 1, 0)
    assert asked == ["new.txt"]
    assert [h.id for h in index.search("салық")] == ["2024/new.txt"]


def test_a_first_build_marks_files_written_meanwhile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first build's listing comes from its docs rows: a file whose mtime is within
    RACY_NS of the build is marked as the walk would, and stat-ed again next time."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    root = tmp_path / "archive"
    for n in range(10):  # (enough rows that one changed does not rebuild the search table)
        old = write(root, f"2024/old{n}.txt", "Ескі", "Ауыл.")
        os.utime(old, ns=(0, 1_600_000_000_000_000_000))
    path = write(root, "2024/new.txt", "Жаңа", "Ауыл.")
    index = Index.open(root)
    try:
        assert index.update().added == 11
        listing = _listing(index, "2024")
        assert (_marked(listing["old0.txt"]), _marked(listing["new.txt"])) == (False, True)
        with path.open("a", encoding="utf-8") as file:
            file.write("Салық кодексі талқыланды.\n")
        asked = _file_stats(monkeypatch)
        result = index.update()  # the folder is too recent to trust: listed again
        assert (result.added, result.changed, result.removed) == (0, 1, 0)
        assert asked == ["new.txt"]
        assert [h.id for h in index.search("салық")] == ["2024/new.txt"]
    finally:
        index.close()


def test_a_symlinked_file_is_stat_ed(
        root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A link's listing entry has its target's inode, not the link's: it is always stat-ed,
    and a target replaced is seen when the link's folder changed."""
    outside = write(tmp_path / "elsewhere", "t.txt", "Сыртта", "Ауыл.")
    (root / "2024" / "link.txt").symlink_to(outside)
    index = Index.open(root)
    try:
        index.update()
        index.update()
        write(tmp_path / "elsewhere", "t.part", "Сыртта", "Салық кодексі талқыланды.")
        os.replace(tmp_path / "elsewhere" / "t.part", outside)
        write(root, "2024/new.txt", "Жаңа", "Ауыл.")
        asked = _file_stats(monkeypatch)
        result = index.update()
        assert (result.added, result.changed) == (1, 1)
        assert sorted(set(asked)) == ["link.txt", "new.txt"]  # (records: a link's type, too)
        assert [h.id for h in index.search("салық")] == ["2024/link.txt"]
    finally:
        index.close()


def test_a_file_replaced_by_a_folder_of_its_name_is_dropped(
        root: Path, index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    """ext4 often gives the new folder the file's freed inode: readdir says it is a folder."""
    (root / "2024" / "005.txt").unlink()
    write(root, "2024/005.txt/inner.txt", "Ішінде", "Салық кодексі талқыланды.")
    asked = _file_stats(monkeypatch)
    result = index.update()
    assert (result.added, result.changed, result.removed) == (1, 0, 1)
    assert asked == ["inner.txt"]
    ids = {s.id for s in index.summaries()}
    assert "2024/005.txt" not in ids and "2024/005.txt/inner.txt" in ids
    assert "005.txt" not in _listing(index, "2024")
