"""The watcher (`kz-reader index --watch`): what the kernel reports becomes what a walk of
the archive would have found, and a command that asks it gets an index up to date."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from support.archive import write_sourced
from support.watching import Serving

from reader.search import index_watch, inotify, watch_client
from reader.search.index import Index
from reader.search.index_watch import CannotWatch, Watcher, check_local, serve
from reader.search.watch_client import socket_path, synced


def rows(index: Index) -> list[tuple]:
    return sorted((s.id, s.title, s.date, s.words) for s in index.summaries())


def truth(archive: Path, where: Path) -> list[tuple]:
    """What a new index of the archive as it is now holds."""
    fresh = Index.open(archive, where)
    try:
        fresh.update()
        return rows(fresh)
    finally:
        fresh.close()


@pytest.fixture(autouse=True)
def trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Folder and file times trusted at once, as an archive's older than the two-second
    racy window are: a walk lists only the folders whose stamp moved, and what it misses
    (an edit in place) is missed here as in a real archive."""
    monkeypatch.setattr("reader.search.index_walk.RACY_NS", 0)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "a"
    for month in ("01", "02"):
        for n in range(5):
            write_sourced(root, f"2026/{month}/{n}.txt", f"2026-{month}-0{n + 1}",
                          f"Отырыс {month}-{n}", "Мәслихат сессиясы өтті.")
    for n in range(40):  # older reports: a folder renamed takes few enough rows away that
        # the search table is not rebuilt (a rebuild reads every file, an edit in place too)
        write_sourced(root, f"2025/{n}.txt", "2025-01-01", f"Ескі {n}", "Мұрағат.")
    return root


@pytest.fixture
def index(archive: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    built = Index.open(archive, tmp_path / "c")
    built.update()
    yield built
    built.close()


def found(index: Index, word: str) -> list[str]:
    return sorted(hit.id for hit in index.search(word, 50))


def test_named_files_are_taken_in_without_a_walk(archive: Path, index: Index,
                                                 tmp_path: Path) -> None:
    write_sourced(archive, "2026/01/new.txt", "2026-01-20", "Жаңа", "Бюджеттің жобасы.")
    (archive / "2026/01/3.txt").unlink()
    edited = archive / "2026/02/1.txt"
    edited.write_text(" date 2026-02-02 Түзетілген\nАудандық әкімдік.\nДереккөз: a.kz\n",
                      encoding="utf-8")
    (archive / "2026/02/notes.md").write_text("not an article", encoding="utf-8")
    result = index.update(names={"2026/01": {"new.txt", "3.txt"},
                                 "2026/02": {"1.txt", "notes.md"}})
    assert (result.added, result.changed, result.removed) == (1, 1, 1)
    assert rows(index) == truth(archive, tmp_path / "t")
    assert found(index, "бюджет") == ["2026/01/new.txt"]
    assert found(index, "әкімдік") == ["2026/02/1.txt"]


def test_a_folder_among_the_names_is_walked_instead(archive: Path, index: Index,
                                                    tmp_path: Path) -> None:
    write_sourced(archive, "2026/03/x.txt", "2026-03-01", "Наурыз", "Көктем.")
    index.update(names={"2026": {"03"}})
    assert rows(index) == truth(archive, tmp_path / "t")


@pytest.fixture
def watcher(index: Index):  # type: ignore[no-untyped-def]
    watching = Watcher(index)
    watching.start()
    yield watching
    watching.close()


def test_nothing_changed_is_nothing_to_do(watcher: Watcher) -> None:
    assert watcher.sync() is None


def test_files_added_removed_renamed_over_and_edited_in_place(
        archive: Path, index: Index, watcher: Watcher, tmp_path: Path) -> None:
    write_sourced(archive, "2026/01/new.txt", "2026-01-20", "Жаңа", "Бюджеттің жобасы.")
    (archive / "2026/02/4.txt").unlink()
    beside = archive / "2026/02/.0.txt.part"  # written beside, then renamed over
    beside.write_text(" date 2026-02-01 Ауыстырылған\nСайлау комиссиясы.\nДереккөз: a.kz\n",
                      encoding="utf-8")
    os.replace(beside, archive / "2026/02/0.txt")
    result = watcher.sync()
    assert result is not None and (result.added, result.changed, result.removed) == (1, 1, 1)
    assert rows(index) == truth(archive, tmp_path / "t")
    assert found(index, "бюджеттің") == ["2026/01/new.txt"]
    assert found(index, "комиссиясы") == ["2026/02/0.txt"]
    assert watcher.sync() is None


def test_an_edit_in_place_no_walk_would_see(archive: Path, index: Index,
                                            watcher: Watcher) -> None:
    """Writing into a file changes no folder's times: a walk (as a command does without
    the watcher) passes it by; the watcher is told."""
    with (archive / "2026/01/2.txt").open("a", encoding="utf-8") as file:
        file.write("Қосымша: ауылшаруашылығы.\n")
    assert index.update().changed == 0  # the walk: nothing
    assert found(index, "ауылшаруашылығы") == []
    assert watcher.sync().changed == 1
    assert found(index, "ауылшаруашылығы") == ["2026/01/2.txt"]


def test_folders_made_removed_and_renamed(archive: Path, index: Index, watcher: Watcher,
                                         tmp_path: Path) -> None:
    write_sourced(archive, "2026/03/a.txt", "2026-03-01", "Наурыз", "Көктемгі егіс.")
    shutil.rmtree(archive / "2026/01")
    (archive / "2026/02").rename(archive / "2026/12")
    watcher.sync()
    assert rows(index) == truth(archive, tmp_path / "t1")
    # the new and renamed folders are watched now: a file in each is seen
    write_sourced(archive, "2026/03/b.txt", "2026-03-02", "Екінші", "Суармалы жер.")
    write_sourced(archive, "2026/12/c.txt", "2026-12-02", "Желтоқсан", "Жылу маусымы.")
    watcher.sync()
    assert found(index, "суармалы") == ["2026/03/b.txt"]
    assert found(index, "маусымы") == ["2026/12/c.txt"]
    assert rows(index) == truth(archive, tmp_path / "t2")


def test_an_overflowed_queue_walks(archive: Path, index: Index, watcher: Watcher,
                                   tmp_path: Path) -> None:
    write_sourced(archive, "2026/01/lost.txt", "2026-01-09", "Жоғалған", "Тасқын су.")
    watcher.notify.read()  # the kernel dropped these events: it says only that it did
    watcher.take([(-1, inotify.Q_OVERFLOW, "")])
    watcher.sync()
    assert found(index, "тасқын") == ["2026/01/lost.txt"]
    assert rows(index) == truth(archive, tmp_path / "t")


def test_a_failure_is_tried_again_later_not_at_once(archive: Path, index: Index,
                                                    watcher: Watcher,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """An archive gone (an unmounted disk), a full disk: the changes are kept and tried
    again in RETRY seconds, not in a loop that takes a core."""
    write_sourced(archive, "2026/01/new.txt", "2026-01-20", "Жаңа", "Бюджеттің жобасы.")

    def fails(*_: object, **__: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(index, "update", fails)
    with pytest.raises(OSError):
        watcher.sync()
    assert watcher.due is not None and watcher.due > 3
    assert index_watch._reason(OSError(2, "No such file or directory", "/srv/a")) == (
        "no such file or directory: /srv/a")
    monkeypatch.undo()
    watcher.sync()
    assert found(index, "бюджеттің") == ["2026/01/new.txt"]


def test_a_file_gone_and_back_is_found_by_a_walk_after_the_watcher(
        archive: Path, index: Index, watcher: Watcher, tmp_path: Path) -> None:
    """The watcher saw it go; once it stopped, the file came back (its inode with it): the
    folder's listing from before the watcher must not vouch for it."""
    moved = tmp_path / "aside.txt"
    os.rename(archive / "2026/01/3.txt", moved)
    watcher.sync()
    watcher.close()
    os.rename(moved, archive / "2026/01/3.txt")
    index.update()
    assert rows(index) == truth(archive, tmp_path / "t")


def test_a_folder_in_a_batch_loses_none_of_its_other_changes(
        archive: Path, index: Index, watcher: Watcher, tmp_path: Path) -> None:
    with (archive / "2026/01/2.txt").open("a", encoding="utf-8") as file:
        file.write("Қосымша: ауылшаруашылығы.\n")  # in place
    (archive / "2026/01/dirlink").symlink_to(tmp_path)  # a link to a folder: a walk
    (archive / "2026/02").rename(archive / "2026/07")
    write_sourced(archive, "2026/05/x.txt", "2026-05-01", "Мамыр", "Көктемгі егіс.")
    result = watcher.sync()
    assert found(index, "ауылшаруашылығы") == ["2026/01/2.txt"]
    # each file counted once: the walk's and the names' passes read some of them twice
    assert (result.added, result.changed, result.removed) == (6, 1, 5)
    assert rows(index) == truth(archive, tmp_path / "t")


def test_lost_events_make_it_look_at_every_file(archive: Path, index: Index,
                                                watcher: Watcher) -> None:
    with (archive / "2026/02/4.txt").open("a", encoding="utf-8") as file:
        file.write("Қосымша: суармалы жер.\n")  # in place
    watcher.notify.read()  # the kernel dropped these events: it says only that it did
    watcher.take([(-1, inotify.Q_OVERFLOW, "")])
    watcher.sync()
    assert found(index, "суармалы") == ["2026/02/4.txt"]


def test_an_edit_that_put_its_time_back_is_read_all_the_same(
        archive: Path, index: Index, watcher: Watcher) -> None:
    path = archive / "2026/01/1.txt"
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Мәслихат", "Әкімдігі"), encoding="utf-8")  # same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # touch -r
    watcher.sync()
    assert found(index, "әкімдігі") == ["2026/01/1.txt"]


def test_an_archive_given_as_a_symlink_is_watched_at_its_top(archive: Path,
                                                            tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(archive)
    write_sourced(archive, "top.txt", "2026-01-01", "Жоғарғы", "Бас қалта.")
    index = Index.open(link, tmp_path / "c")
    watcher = Watcher(index)
    watcher.start()
    try:
        assert len(watcher.folders) == 5  # the top, 2025, 2026, its two months
        write_sourced(archive, "new-top.txt", "2026-01-02", "Тағы", "Жаңа жол салынды.")
        watcher.sync()
        assert found(index, "салынды") == ["new-top.txt"]
    finally:
        watcher.close()
        index.close()


def test_the_watch_limit_at_the_top_is_said_as_such(index: Index,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    watcher = Watcher(index)

    def full(*_: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(watcher.notify, "add", full)
    with pytest.raises(CannotWatch,
                       match=r"too many folders to watch \(5\): raise fs.inotify.max_user"):
        watcher.start()
    watcher.close()


def test_a_network_file_system_is_refused(tmp_path: Path) -> None:
    info = (f"36 25 0:32 / / rw - ext4 /dev/vda rw\n"
            f"40 36 0:40 / {tmp_path}/net rw - nfs4 server:/export rw\n")
    with pytest.raises(CannotWatch, match=r"network file system \(nfs4\)"):
        check_local(str(tmp_path / "net" / "archive"), info)
    check_local(str(tmp_path / "local"), info)  # ext4: watched


def test_a_command_asks_and_finds_the_change(archive: Path, index: Index,
                                             tmp_path: Path) -> None:
    serving = Serving(index)
    try:
        reader = Index.open(archive, tmp_path / "c")
        write_sourced(archive, "2026/02/new.txt", "2026-02-20", "Жаңа", "Көпір құрылысы.")
        assert synced(reader.path)
        assert found(reader, "құрылысы") == ["2026/02/new.txt"]
        reader.close()
        with pytest.raises(CannotWatch, match="another kz-reader index --watch"):
            serve(index, print, lambda *_: None, lambda: True)
    finally:
        serving.end()
    assert serving.error is None
    assert not os.path.exists(socket_path(index.path))  # gone with the watcher
    assert not synced(index.path)


def test_connections_that_say_nothing_hold_up_no_command(archive: Path, index: Index
                                                         ) -> None:
    serving = Serving(index)
    silent = []
    try:
        for _ in range(5):
            quiet = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            quiet.connect(socket_path(index.path))
            silent.append(quiet)
        started = time.monotonic()
        assert synced(index.path)
        assert time.monotonic() - started < 0.5
    finally:
        for quiet in silent:
            quiet.close()
        serving.end()
    assert serving.error is None


def test_a_deep_cache_folder_is_reached_all_the_same(archive: Path, tmp_path: Path) -> None:
    deep = tmp_path / ("x" * 60) / ("y" * 60)
    index = Index.open(archive, deep)
    assert len(socket_path(index.path)) > watch_client.SOCKET_MAX
    serving = Serving(index)
    try:
        assert synced(index.path)
    finally:
        serving.end()
        index.close()
    assert serving.error is None


def fake_watcher(path: str, answer: bytes | None) -> tuple[socket.socket, threading.Thread]:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)

    def run() -> None:
        client, _ = server.accept()
        client.recv(64)
        if answer is None:
            time.sleep(1.0)  # never answers in time
        else:
            client.sendall(answer)
        client.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return server, thread


@pytest.mark.parametrize("answer", [b"nope\n", b"", b"ok", b"\x1b[31mok\n"])
def test_a_garbled_answer_is_no_answer(tmp_path: Path, answer: bytes) -> None:
    server, thread = fake_watcher(str(tmp_path / "i.sqlite.watch"), answer)
    assert not synced(tmp_path / "i.sqlite")
    thread.join(5)
    server.close()


def test_a_silent_watcher_is_waited_for_then_left(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watch_client, "SAY_AFTER", 0.1)
    monkeypatch.setattr(watch_client, "PATIENCE", 0.4)
    server, thread = fake_watcher(str(tmp_path / "i.sqlite.watch"), None)
    said: list[int] = []
    started = time.monotonic()
    assert not synced(tmp_path / "i.sqlite", lambda: said.append(1))
    assert said == [1] and time.monotonic() - started < 3
    thread.join(5)
    server.close()


def test_no_watcher_or_a_dead_ones_socket(tmp_path: Path) -> None:
    assert not synced(tmp_path / "i.sqlite")  # none
    (tmp_path / "i.sqlite.watch").write_text("a file, not a socket")
    assert not synced(tmp_path / "i.sqlite")
    (tmp_path / "i.sqlite.watch").unlink()
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(tmp_path / "i.sqlite.watch"))
    dead.close()  # its socket file stays, nothing listens: refused at once
    assert not synced(tmp_path / "i.sqlite")
