"""The search index: same list as a folder scan, incremental, a cache that heals itself."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from support.archive import write_sourced as write

from reader.archive.scan import scan_archive
from reader.search import index_build, index_walk
from reader.search.index import Index, db_path
from reader.search.index_file import SCHEMA_VERSION
from reader.userdata.paths import bundled_archive
from tests.support.archive import before_listing

SAMPLE_ID = "000_8da56fbcbfc7ef32.txt"
ROOT = Path(__file__).resolve().parents[2]


def replace(root: Path, rel: str, date: str, title: str, *paragraphs: str) -> Path:
    """Write the way scrapers and sync tools do: a new file renamed over the old one."""
    path = root / rel
    write(root, rel + ".part", date, title, *paragraphs)
    os.replace(f"{path}.part", path)
    return path


def touch_later(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return tmp_path / "xdg-cache" / "kz-reader"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    root.mkdir()
    shutil.copy(bundled_archive() / SAMPLE_ID, root / SAMPLE_ID)
    write(root, "2024/a.txt", "2024-05-01", "Партияның съезі", "Партиясы бағдарлама қабылдады.")
    write(root, "2024/b.txt", "2024-05-01", "Үкімет отырысы", "Отырыста бюджет қаралды.")
    (root / "2023").mkdir()
    (root / "2023" / "undated.txt").write_text("Күнсіз мақала\nЖиналыс болды.\n", "utf-8")
    (root / "kz1048.txt").write_bytes(" date 2020-01-01 Ескі файл\nАуыл шаруашылығы\n"
                                      .encode("kz1048"))
    (root / os.fsdecode(b"bad-\xff-name.txt")).write_text(" date 2021-01-01 Атауы\nЖер\n")
    (root / "linked").symlink_to(root / "2024")
    (root / "notes.md").write_text("not an article")
    return root


def ids(hits) -> list[str]:
    return [h.id for h in hits]


def test_catalog_from_index_equals_a_folder_scan(cache: Path, archive: Path) -> None:
    index = Index.open(archive)
    result = index.update()
    assert (result.added, result.changed, result.removed) == (6, 0, 0)
    scanned = scan_archive(archive)
    catalog = index.catalog()
    assert catalog.summaries == scanned.summaries
    assert catalog.problems == scanned.problems == [("linked", "folder symlink not followed")]
    assert index.path.parent == cache and index.path.name.startswith("archive-")
    assert index.path.name.endswith(".sqlite")


def test_undecodable_file_name_is_listed_and_found(cache: Path, archive: Path) -> None:
    index = Index.open(archive)
    index.update()
    assert ids(index.search("жер")) == [os.fsdecode(b"bad-\xff-name.txt")]
    assert ids(index.search("шаруашылығы")) == ["kz1048.txt"]


def test_second_update_reads_nothing(cache: Path, archive: Path, monkeypatch) -> None:
    Index.open(archive).update()
    calls: list[str] = []
    real = index_build.read_article
    monkeypatch.setattr(index_build, "read_article", lambda p, i: calls.append(i) or real(p, i))
    result = Index.open(archive).update()
    assert (result.added, result.changed, result.removed, result.unchanged) == (0, 0, 0, 6)
    assert calls == []


def test_changed_file_is_reread_alone_and_old_words_are_gone(
    cache: Path, archive: Path, monkeypatch
) -> None:
    index = Index.open(archive)
    index.update()
    assert ids(index.search("бюджет")) == ["2024/b.txt"]
    replace(archive, "2024/b.txt", "2024-05-01", "Үкімет отырысы", "Салық кодексі талқыланды.")
    calls: list[str] = []
    real = index_build.read_article
    monkeypatch.setattr(index_build, "read_article", lambda p, i: calls.append(i) or real(p, i))
    result = index.update()
    assert (result.added, result.changed, result.removed, result.unchanged) == (0, 1, 0, 5)
    assert calls == ["2024/b.txt"]
    assert index.search("бюджет") == []
    assert ids(index.search("салық")) == ["2024/b.txt"]
    assert ids(index.search("отырыс"))[0] == "2024/b.txt"  # still found by its title


def test_an_edit_in_place_is_seen_by_the_full_walk(
        cache: Path, archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing into the same file changes neither its inode nor its folder's times: the
    quick walk does not look at it (it costs what changed); the full one does."""
    _trusting(monkeypatch)
    index = Index.open(archive)
    index.update()
    before = os.stat(archive / "2024").st_mtime_ns
    path = write(archive, "2024/b.txt", "2024-05-01", "Үкімет отырысы", "Салық кодексі талқыланды.")
    touch_later(path)
    assert os.stat(archive / "2024").st_mtime_ns == before
    assert index.update().changed == 0
    result = index.update(full=True)
    assert (result.added, result.changed, result.removed, result.unchanged) == (0, 1, 0, 5)
    assert ids(index.search("салық")) == ["2024/b.txt"] and index.search("бюджет") == []


def test_deleted_file_leaves_results_and_list(cache: Path, archive: Path) -> None:
    index = Index.open(archive)
    index.update()
    (archive / "2024" / "a.txt").unlink()
    result = index.update()
    assert result.removed == 1
    assert "2024/a.txt" not in ids(index.search("партия"))
    assert "2024/a.txt" not in [s.id for s in index.summaries()]
    assert ids(index.search("партия")) == [SAMPLE_ID]


def test_deleting_the_cache_loses_nothing(cache: Path, archive: Path) -> None:
    index = Index.open(archive)
    index.update()
    before = [(h.id, h.snippet) for h in index.search("конституция")]
    index.close()
    for leftover in cache.iterdir():
        leftover.unlink()
    index = Index.open(archive)
    assert index.summaries() == []
    assert index.update().added == 6
    assert [(h.id, h.snippet) for h in index.search("конституция")] == before


@pytest.mark.parametrize("damage", ["garbage", "truncated", "old schema"])
def test_a_broken_cache_file_is_replaced(cache: Path, archive: Path, damage: str) -> None:
    path = db_path(archive)
    Index.open(archive).close()
    if damage == "garbage":
        path.write_bytes(b"this is not a database at all" * 200)
    elif damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[:100])
    else:
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 0")
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    index = Index.open(archive)
    index.update()
    assert ids(index.search("партия")) == ["2024/a.txt", SAMPLE_ID]


def _damage_pages(path: Path, *tables: str) -> None:
    """Junk over the root pages of these tables, in the main file (the WAL checkpointed)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    names = ", ".join("?" * len(tables))
    pages = [r[0] for r in conn.execute(
        f"SELECT rootpage FROM sqlite_master WHERE name IN ({names})", tables)]
    conn.close()
    with open(path, "r+b") as f:
        for page in pages:
            f.seek((page - 1) * 4096)
            f.write(b"\xde\xad" * 2048)


def test_damaged_pages_are_found_and_the_index_rebuilt(cache: Path, archive: Path) -> None:
    """Damage that opening does not notice: the background update's quick_check finds it, and
    a read that meets it empties the index (for the next update) instead of failing each run."""
    index = Index.open(archive)
    index.update()
    index.close()
    _damage_pages(db_path(archive), "docs_by_date")  # an index b-tree no query here reads
    index = Index.open(archive)
    assert index.repairs == 0
    index.update(check=True)  # as the app's update process runs it
    assert index.repairs == 1
    assert ids(index.search("партия")) == ["2024/a.txt", SAMPLE_ID]
    index.close()
    _damage_pages(db_path(archive), "docs")
    index = Index.open(archive)
    assert index.repairs == 0
    assert index.head(10) == ([], 0) and index.repairs == 1
    index.update()
    assert index.head(10)[1] == 6
    index.close()


def test_stop_part_way_then_finish(cache: Path, archive: Path, monkeypatch) -> None:
    monkeypatch.setattr(index_build, "BATCH", 2)
    index = Index.open(archive)
    seen: list[tuple[int, int]] = []
    result = index.update(progress=lambda d, t: seen.append((d, t)), should_stop=lambda: True)
    assert result.stopped and seen == [(0, 6), (2, 6)]
    assert len(index.summaries()) == 2  # what was done is there already
    result = index.update()
    assert not result.stopped and result.added == 4 and len(index.summaries()) == 6


def test_many_changes_rebuild_the_search_table(cache: Path, archive: Path) -> None:
    index = Index.open(archive)
    index.update()
    for name in ("a", "b"):
        replace(archive, f"2024/{name}.txt", "2024-06-01", f"Жаңа {name}", "Ауа райы жылы.")
    result = index.update()
    assert result.rebuilt and result.changed == 2
    assert ids(index.search("ауа райы")) == ["2024/a.txt", "2024/b.txt"]
    assert index.search("бюджет") == []
    assert index.catalog().summaries == scan_archive(archive).summaries


def test_the_list_stays_whole_through_a_rebuild_stopped_half_way(
        cache: Path, archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild of the search table keeps every list row (a reader meanwhile sees the whole
    list); stopped after one batch, the next update reads the rest, and all is found."""
    index = Index.open(archive)
    index.update()
    replace(archive, "2024/a.txt", "2024-06-01", "Жаңа a", "Ауа райы жылы.")
    replace(archive, "2024/b.txt", "2024-06-01", "Жаңа b", "Ауа райы суық.")
    monkeypatch.setattr(index_build, "BATCH", 2)
    result = index.update(should_stop=lambda: True)
    assert result.rebuilt and result.stopped
    listed = sorted(s.id for s in index.catalog().summaries)  # every row, old or new
    assert listed == sorted(s.id for s in scan_archive(archive).summaries)
    assert index.head(10)[1] == 6
    result = index.update()
    assert not result.stopped and result.changed == 4
    assert sorted(ids(index.search("ауа райы"))) == ["2024/a.txt", "2024/b.txt"]
    assert ids(index.search("конституция")) == [SAMPLE_ID]
    assert index.search("бюджет") == []
    assert index.catalog().summaries == scan_archive(archive).summaries
    _groups_agree(index)


def test_readers_keep_reading_while_another_process_rebuilds(
        cache: Path, archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cron job's rebuild and a reader at once: every read answers, the list never shrinks,
    and what the reader finds at the end is the new text."""
    for n in range(30):
        write(archive, f"2011/{n:02d}.txt", "2011-01-01", f"Ескі {n}", "Бюджет.")
    writer = Index.open(archive)
    writer.update()
    for n in range(30):
        replace(archive, f"2011/{n:02d}.txt", "2011-01-01", f"Жаңа {n}", "Салық.")
    monkeypatch.setattr(index_build, "BATCH", 3)
    real = index_build.analyze_file

    def slow(job):  # type: ignore[no-untyped-def]
        time.sleep(0.01)
        return real(job)

    monkeypatch.setattr(index_build, "analyze_file", slow)
    outcome: list[object] = []
    thread = threading.Thread(target=lambda: outcome.append(writer.update()))
    reader = Index.open(archive)
    thread.start()
    totals = []
    while thread.is_alive():
        totals.append(reader.head(5)[1])
        reader.search("салық")
        time.sleep(0.005)
    thread.join()
    assert outcome[0].rebuilt and len(totals) > 3  # type: ignore[attr-defined]
    assert set(totals) == {36}
    assert len(reader.search("салық", 100)) == 30
    assert ids(reader.search("бюджет")) == ["2024/b.txt"]  # the old text is gone


def test_busy_update_returns_at_once(cache: Path, archive: Path) -> None:
    from reader.search.index_file import update_lock

    index = Index.open(archive)
    with update_lock(index.path, wait=False) as mine:
        assert mine
        assert index.update().busy
    assert not index.update().busy


WORKER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from reader.search.index import Index
    index = Index.open(Path(sys.argv[1]))
    result = index.update(wait=sys.argv[2] == "wait")
    print(result.busy, result.added, len(index.summaries()))
""")


@pytest.mark.parametrize("mode", ["wait", "skip"])
def test_two_processes_update_at_once(cache: Path, tmp_path: Path, mode: str) -> None:
    root = tmp_path / "big"
    for i in range(400):
        write(root, f"{i % 7}/{i:04d}.txt", f"20{10 + i % 15}-01-{1 + i % 28:02d}",
              f"Мақала {i}", f"Отырыс {i} бюджет", "Екінші абзац партиясы туралы.")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(root), mode], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert all(err == "" for _, err in outs), outs
    index = Index.open(root)
    assert index.catalog().summaries == scan_archive(root).summaries
    assert len(index.search("бюджет", limit=1000)) == 400
    added = index.update()
    assert (added.added, added.changed, added.removed, added.unchanged) == (0, 0, 0, 400)
    if mode == "wait":
        assert sorted(out.split()[0] for out, _ in outs) == ["False", "False"]


def test_many_matches_rank_the_newest_candidates(cache: Path, tmp_path: Path, monkeypatch) -> None:
    from reader.search import rank

    root = tmp_path / "many"
    for i in range(6):
        write(root, f"{i}.txt", "2024-01-01", f"Мақала {i}", " ".join(["бюджет"] * (i + 1)))
    index = Index.open(root)
    index.update()
    assert ids(index.search("бюджет")) == ["5.txt", "4.txt", "3.txt", "2.txt", "1.txt", "0.txt"]
    monkeypatch.setattr(rank, "CANDIDATES", 3)  # the last three indexed
    assert ids(index.search("бюджет")) == ["5.txt", "4.txt", "3.txt"]


def test_database_on_disk_is_wal_with_a_schema_version(cache: Path, archive: Path) -> None:
    index = Index.open(archive)
    index.update()
    conn = sqlite3.connect(index.path)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert conn.execute("SELECT count(*) FROM docs").fetchone() == (6,)
    assert oct(cache.stat().st_mode & 0o777) == "0o700"


def test_build_in_a_process_pool_equals_a_folder_scan(cache: Path, archive: Path,
                                                     monkeypatch) -> None:
    monkeypatch.setattr(index_build, "POOL_MIN", 1)
    monkeypatch.setattr(index_build, "BATCH", 4)
    index = Index.open(archive)
    assert index.update().added == 6
    assert index.catalog().summaries == scan_archive(archive).summaries
    assert ids(index.search("партия")) == ["2024/a.txt", SAMPLE_ID]


def _age_folders(root: Path, seconds: int = 60) -> None:
    """Folder times in the past, as an archive's are. The walk trusts a folder whose ctime
    is past its racy window (a change within a clock tick of the walk may hide another);
    a ctime cannot be set back, so the tests that need trusted folders shrink that window
    (_trusting)."""
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        st = folder.stat()
        os.utime(folder, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 1_000_000_000))


def _trusting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_walk, "RACY_NS", 0)


def _listing_spy(monkeypatch: pytest.MonkeyPatch, root: Path) -> list[str]:
    listed: list[str] = []
    before_listing(monkeypatch, lambda path: listed.append(os.path.relpath(path, root)))
    return listed


def _groups_agree(index: Index) -> None:
    """The per-month and per-letter counts the update keeps equal a count of the rows."""
    conn = index._conn
    kept = dict(((k, key), n) for k, key, n in conn.execute("SELECT kind, key, n FROM groups"))
    counted = {("m", key): n for key, n in conn.execute(
        "SELECT coalesce(substr(date, 1, 7), ''), count(*) FROM docs GROUP BY 1")}
    counted |= {("l", key): n for key, n in conn.execute(
        "SELECT substr(title_key, 1, 1), count(*) FROM docs GROUP BY 1")}
    assert kept == counted


def test_quick_update_lists_only_the_folders_that_changed(
        cache: Path, archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file added, one replaced (renamed over) and one removed, in different folders:
    only those folders are listed again, and each change is seen."""
    _trusting(monkeypatch)
    for n in range(20):  # enough that two changes do not rebuild the search table
        write(archive, f"2010/{n:02d}.txt", "2010-01-01", "Ескі", "Сөз.")
    index = Index.open(archive)
    index.update()
    _age_folders(archive)
    index.update()  # the aged folder times are trusted from now on
    listed = _listing_spy(monkeypatch, archive)
    version = index._conn.execute("PRAGMA data_version").fetchone()[0]
    assert index.update().unchanged == 26 and listed == []
    assert index._conn.execute("PRAGMA data_version").fetchone()[0] == version  # no write
    write(archive, "2025/03/new.txt", "2025-03-02", "Мәслихат сессиясы", "Депутаттар жиналды.")
    replace(archive, "2024/b.txt", "2024-05-01", "Үкімет отырысы", "Салық кодексі талқыланды.")
    (archive / "2023" / "undated.txt").unlink()
    result = index.update()
    assert (result.added, result.changed, result.removed, result.rebuilt) == (1, 1, 1, False)
    assert sorted(listed) == [".", "2023", "2024", "2025", "2025/03"]  # the root: 2025 is new
    assert ids(index.search("мәслихат")) == ["2025/03/new.txt"]
    assert ids(index.search("салық")) == ["2024/b.txt"] and index.search("бюджет") == []
    assert index.head(100)[1] == 26
    _groups_agree(index)


def test_a_folders_kept_listing_unreadable_or_gone_is_read_from_docs(
        cache: Path, archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a folder held is kept as one blob; a damaged or missing one costs a read of the
    folder's docs rows, never a wrong answer."""
    _trusting(monkeypatch)
    index = Index.open(archive)
    index.update()
    _age_folders(archive)
    index.update()
    for blob in (b"\x00garbage", None):
        if blob is None:
            index._conn.execute("DELETE FROM listings")
        else:
            index._conn.execute("UPDATE listings SET files = ?", (blob,))
        replace(archive, "2024/b.txt", "2024-05-01", "Үкімет", "Салық кодексі.")
        (archive / "2023" / "undated.txt").unlink(missing_ok=True)
        _age_folders(archive)
        result = index.update()
        assert result.changed == 1 and result.added == 0
        assert ids(index.search("салық")) == ["2024/b.txt"]
        assert "2023/undated.txt" not in [s.id for s in index.summaries()]
        _groups_agree(index)


def test_a_folder_removed_or_vanishing_mid_walk(cache: Path, archive: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder deleted takes its articles out; one that goes between its parent's listing
    and its own is a problem line for that folder, never an error, and is looked at
    again next time."""
    index = Index.open(archive)
    index.update()
    shutil.rmtree(archive / "2023")
    assert index.update().removed == 1
    assert "2023/undated.txt" not in [s.id for s in index.summaries()]
    write(archive, "2022/x.txt", "2022-01-01", "Жаңа", "Ауыл.")

    def vanish(path: str) -> None:
        if path.endswith("2022"):
            raise FileNotFoundError(2, "No such file or directory", path)

    before_listing(monkeypatch, vanish)
    result = index.update()
    vanished = ("2022", "cannot read folder: no such file or directory")
    assert result.added == 0 and vanished in result.problems
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache.parent))
    result = index.update()
    assert result.added == 1 and vanished not in result.problems
    assert "2022/x.txt" in ids(index.search("ауыл"))
    _groups_agree(index)


def test_counts_stay_true_through_changes_and_a_rebuild(cache: Path, archive: Path) -> None:
    index = Index.open(archive)
    index.update()
    _groups_agree(index)
    for n in range(8):
        write(archive, f"2019/{n:02d}.txt", f"2019-0{n % 3 + 1}-01", f"«{n} Тақырып»", "Сөз.")
    index.update()
    _groups_agree(index)
    for n in range(4):
        replace(archive, f"2019/{n:02d}.txt", "2018-12-01", "Басқа", "Сөз.")
    (archive / "2019" / "07.txt").unlink()
    result = index.update()
    _groups_agree(index)
    assert index.head(100)[1] == 13
    assert result.changed == 4 and result.removed == 1


def test_a_changed_folder_leaves_a_file_with_its_inode_to_the_full_walk(
        cache: Path, archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file written again in place (or deleted and written again, given its freed inode
    back) keeps its inode: in a folder that changed, the quick walk stats only the names that
    are new or whose inode moved (readdir says, no stat), and leaves it to the full walk."""
    _trusting(monkeypatch)
    index = Index.open(archive)
    index.update()
    index.update()
    path = archive / "2024" / "b.txt"
    ino = path.stat().st_ino
    write(archive, "2024/b.txt", "2024-05-01", "Үкімет отырысы", "Салық кодексі талқыланды.")
    assert path.stat().st_ino == ino  # the same inode, other text
    write(archive, "2024/c.txt", "2024-05-02", "Жаңа", "Ауыл.")  # the folder changed
    result = index.update()
    assert (result.added, result.changed) == (1, 0)
    assert ids(index.search("бюджет")) == ["2024/b.txt"]  # as it was
    result = index.update(full=True)
    assert (result.added, result.changed) == (0, 1)
    assert ids(index.search("салық")) == ["2024/b.txt"] and index.search("бюджет") == []


def test_a_folder_time_put_back_by_rsync_is_not_trusted(
        cache: Path, archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """rsync -a and cp -a rename over a file, then set the folder's mtime back as it was:
    its ctime still moved, and the change is seen."""
    _trusting(monkeypatch)
    index = Index.open(archive)
    index.update()
    index.update()
    folder = archive / "2024"
    st = folder.stat()
    replace(archive, "2024/b.txt", "2024-05-01", "Үкімет отырысы", "Салық кодексі.")
    os.utime(folder, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert folder.stat().st_mtime_ns == st.st_mtime_ns
    assert index.update().changed == 1
    assert ids(index.search("салық")) == ["2024/b.txt"]


def test_folders_swapped_with_equal_times(cache: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Two folders changed in the same clock tick have equal times; swapped by renames,
    each is known by its inode too, and the ids follow the files."""
    _trusting(monkeypatch)
    root = tmp_path / "swap"
    write(root, "a/one.txt", "2024-01-01", "Бірінші", "Мәтін.")
    write(root, "b/two.txt", "2024-01-02", "Екінші", "Мәтін.")
    for name in ("a", "b"):
        os.utime(root / name, ns=(0, 1_700_000_000_000_000_000))
    index = Index.open(root)
    index.update()
    index.update()
    os.rename(root / "a", root / "t")
    os.rename(root / "b", root / "a")
    os.rename(root / "t", root / "b")
    index.update()
    assert index.catalog().summaries == scan_archive(root).summaries
    assert sorted(s.id for s in index.summaries()) == ["a/two.txt", "b/one.txt"]
