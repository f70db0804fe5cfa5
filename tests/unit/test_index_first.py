"""A first build streams its walk (index_first): what it writes must be what an update's
listed walk (index_walk.diff_folders) would have made of the same archive."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.archive.scan import scan_archive
from reader.search import index_build, index_file, index_walk
from reader.search.index import Index, db_path
from reader.search.index_first import count_articles, walk_new
from reader.search.listing_columns import read_listing
from tests.support.archive import before_listing

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
    stored = {path: (mtime, stamp, files and read_listing(files))
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
    before_listing(monkeypatch, listed.append)
    result = index.update()
    assert (result.added, result.changed, result.removed, result.unchanged) == (0, 0, 0, 7)
    assert listed == []
    write(tricky, "a/b/new.txt", "2024-06-01", "Жаңа", "Бюджет қаралды.")
    result = index.update()
    assert (result.added, result.unchanged) == (1, 7)
    assert [r.id for r in index.search("бюджет")] == ["a/b/new.txt"]
    index.close()


def _content(index: Index) -> tuple[list[tuple], list[tuple], dict[str, int]]:
    """What a build wrote: every term at every place (fts5vocab 'instance'), the term list,
    and the search table's options that differ from FTS5's defaults."""
    conn = index._conn
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.places"
                 " USING fts5vocab(main, fts, instance)")
    places = conn.execute("SELECT d.id, term, col, offset FROM temp.places"
                          " JOIN docs d ON d.rowid = doc ORDER BY 1, 2, 3, 4").fetchall()
    vocab = conn.execute("SELECT term FROM vocab ORDER BY 1").fetchall()
    options = {k: v for k, v in conn.execute("SELECT k, v FROM fts_config")
               if k != "version" and index_build.FTS_DEFAULTS.get(k) != v}
    return places, vocab, options


def _build(root: Path) -> tuple[list[tuple], list[tuple], dict[str, int]]:
    index = Index.open(root)
    index.update()
    try:
        return _content(index)
    finally:
        index.close()
        index_file.remove_files(db_path(root))


def test_a_bulk_build_writes_the_search_table_a_batch_by_batch_build_would(
        tricky: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Large transactions, no merging as it goes, one optimize: the same terms at the same
    places, and the table's options put back to FTS5's defaults."""
    monkeypatch.setattr(index_build, "BATCH", 2)
    monkeypatch.setattr(index_build, "OPTIMIZE_MIN", 1)
    batch_by_batch = _build(tricky)
    monkeypatch.setattr(index_build, "BULK", 1)
    monkeypatch.setattr(index_build, "BULK_COMMIT", 3)
    bulk = _build(tricky)
    assert bulk == batch_by_batch
    assert len(bulk[0]) > 7 * 5 and bulk[2] == {}


def test_a_bulk_build_stopped_keeps_what_it_wrote(
        tricky: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stop commits the rows written since the last commit, and the next update reads
    only the rest."""
    monkeypatch.setattr(index_build, "BULK", 1)
    monkeypatch.setattr(index_build, "BATCH", 2)
    monkeypatch.setattr(index_build, "BULK_COMMIT", 100)
    asked: list[int] = []
    index = Index.open(tricky)
    result = index.update(should_stop=lambda: asked.append(1) or len(asked) == 2)
    assert result.stopped and len(index.summaries()) == 4  # the first batch, then the second
    assert _content(index)[2] == {}
    read: list[str] = []
    real = index_build.analyze_file
    monkeypatch.setattr(index_build, "analyze_file", lambda job: read.append(job[1]) or real(job))
    result = index.update()
    assert (result.added, len(read), len(index.summaries())) == (3, 3, 7)
    index.close()


def test_a_bulk_build_killed_part_way_is_finished_by_the_next_update(
        tricky: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Killed between commits: what was committed stays, the rest is rolled back, and the
    next update finishes the index and puts the search table's options back."""
    monkeypatch.setattr(index_build, "BATCH", 2)
    monkeypatch.setattr(index_build, "OPTIMIZE_MIN", 1)
    whole = _build(tricky)
    monkeypatch.setattr(index_build, "BULK", 1)
    monkeypatch.setattr(index_build, "BULK_COMMIT", 5)
    real = index_build.analyze_file
    calls: list[str] = []

    def dies(job: index_walk.Job) -> index_build.Row:
        calls.append(job[1])
        if len(calls) == 7:
            raise KeyboardInterrupt
        return real(job)

    monkeypatch.setattr(index_build, "analyze_file", dies)
    index = Index.open(tricky)
    with pytest.raises(KeyboardInterrupt):
        index.update()
    assert len(index.summaries()) == 2  # the first batch's commit; the next two's were not
    assert _content(index)[2] == {"automerge": 0, "hashsize": 64 << 20}
    monkeypatch.setattr(index_build, "analyze_file", real)
    result = index.update()
    assert result.added == 5 and len(index.summaries()) == 7
    assert _content(index) == whole
    index.close()
