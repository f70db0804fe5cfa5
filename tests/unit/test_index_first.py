"""A first build streams its walk (index_first): what it writes must be what an update's
listed walk (index_walk.diff_folders) would have made of the same archive."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

import pytest

from reader.archive.scan import scan_archive
from reader.search import index_build, index_file, index_walk
from reader.search.index import Index, db_path
from reader.search.index_first import count_articles, walk_new

# names whose id order differs from a walk taking folders before files, or one by one:
# "a-b/" sorts before "a/", "a.txt" before "a/", "a/b/" between "a/a.txt" and "a/c.txt"
NAMES = ["a.txt", "a/a.txt", "a/c.txt", "a/b/z.txt", "a-b/y.txt", "b.TXT", "c/d/e/f.txt",
         "notes.md"]


def write(root: Path, rel: str, date: str, title: str, body: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f" date {date} {title}\n{body}\nДереккөз: test.kz\n", encoding="utf-8")


@pytest.fixture
def tricky(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setattr(index_walk, "RACY_NS", 0)  # folders trusted: their stamps are written
    root = tmp_path / "archive"
    for n, name in enumerate(NAMES):
        write(root, name, f"2024-05-{n + 1:02d}", f"Отырыс {n}", f"Партия жиналысы {n}.")
    (root / "empty").mkdir()
    (root / "linked").symlink_to(root / "a", target_is_directory=True)
    return root


def _listed_walk(root: Path) -> index_walk.Diff:
    """What an update's walk makes of the archive, into an empty index of its own."""
    path = root.parent / "listed.sqlite"
    conn = index_file.create(path)
    try:
        return index_walk.diff_folders(conn, os.fspath(root))
    finally:
        conn.close()
        index_file.remove_files(path)


def test_the_streamed_walk_yields_the_listed_walks_jobs_in_its_order(tricky: Path) -> None:
    diff = _listed_walk(tricky)
    folders: dict[str, index_walk.Folder] = {}
    jobs = list(walk_new(os.fspath(tricky), folders))
    assert jobs == diff.added
    assert count_articles(os.fspath(tricky)) == len(jobs) == 7
    assert set(folders) == set(diff.folders)
    for path, folder in folders.items():
        want = diff.folders[path]
        assert (folder.mtime_ns, folder.stamp, folder.problems) == (
            want.mtime_ns, want.stamp, want.problems)


@pytest.mark.parametrize("pool", [False, True])
def test_a_first_build_writes_what_an_update_would(
        tricky: Path, monkeypatch: pytest.MonkeyPatch, pool: bool) -> None:
    monkeypatch.setattr(index_build, "BULK", 1)  # docs' indexes made at the end
    monkeypatch.setattr(index_build, "BATCH", 2)
    if pool:
        monkeypatch.setattr(index_build, "POOL_MIN", 1)
    diff = _listed_walk(tricky)
    index = Index.open(tricky)
    result = index.update()
    assert (result.added, result.problems) == (7, diff.problems)
    conn = index._conn
    numbered = [i for (i,) in conn.execute("SELECT id FROM docs ORDER BY rowid")]
    assert numbered == [job[1] for job in diff.added]  # numbered in id order
    stored = {path: (mtime, stamp, files and marshal.loads(files))
              for path, mtime, stamp, files in conn.execute(
                  "SELECT path, mtime_ns, stamp, files FROM folders"
                  " LEFT JOIN listings ON listings.folder = folders.rowid")}
    assert stored == {path: (f.mtime_ns, f.stamp, f.files) for path, f in diff.folders.items()}
    assert index.catalog().summaries == scan_archive(tricky).summaries
    assert len(index.search("партия")) == 7
    assert {name for (name,) in conn.execute("SELECT name FROM sqlite_schema"
                                             " WHERE type = 'index' AND name LIKE 'docs_%'")
            } == set(index_file.DOCS_INDEXES)
    index.close()
    assert db_path(tricky).exists()


def test_after_a_first_build_a_quick_update_lists_nothing(
        tricky: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = Index.open(tricky)
    index.update()
    listed: list[str] = []
    real = os.scandir
    monkeypatch.setattr("reader.search.index_walk.os.scandir",
                        lambda path: listed.append(os.fspath(path)) or real(path))
    result = index.update()
    assert (result.added, result.changed, result.removed, result.unchanged) == (0, 0, 0, 7)
    assert listed == []
    write(tricky, "a/b/new.txt", "2024-06-01", "Жаңа", "Бюджет қаралды.")
    result = index.update()
    assert (result.added, result.unchanged) == (1, 7)
    assert [r.id for r in index.search("бюджет")] == ["a/b/new.txt"]
    index.close()
