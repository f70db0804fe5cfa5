"""A sync stopped from another thread (the app quitting): sync_repo.Cancel ends the git
running, starts none after, gives up waiting for another sync's lock, and leaves every file
here as it was; the next sync finds the same base and loses and doubles nothing. And the
remote used when none is given (configured_remote), shared by the command and the app.

With real git; a git "hanging" is a wrapper waiting for a file, so nothing here is timed.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
import tomllib
from pathlib import Path

import pytest
from support.git_remote import bare_remote, gated_git
from support.git_remote import git as _git

from reader.userdata.library import Library
from reader.userdata.sync_repo import (
    Cancel,
    SyncError,
    SyncStopped,
    configured_remote,
    has_remote,
    sync,
)

ART = "2026/000_8da56fbcbfc7ef32.txt"


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    return bare_remote(tmp_path)


@pytest.fixture
def here(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    return folder


@pytest.fixture
def gate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """git on PATH that says it started and waits for the gate file: (started, gate)."""
    started, gate, path = gated_git(tmp_path)
    monkeypatch.setenv("PATH", path)
    return started, gate


def in_thread(here: Path, remote: Path, cancel: Cancel, **kwargs) -> tuple[threading.Thread,
                                                                           dict]:
    out: dict = {}

    def run() -> None:
        try:
            out["report"] = sync(here, Library(here / "library.toml"), here / "state.toml",
                                 str(remote), batch=True, cancel=cancel, **kwargs)
        except SyncError as error:
            out["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out


def wait_for(path: Path) -> None:
    while not path.exists():
        time.sleep(0.01)


def snapshot(here: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in here.iterdir() if p.is_file()
            and not p.name.endswith(".lock")}


def test_a_stopped_first_sync_changes_nothing_and_the_next_one_works(
        here: Path, remote: Path, gate: tuple[Path, Path]) -> None:
    started, opened = gate
    made = Library(here / "library.toml").add_bookmark(ART, "T", None, 1, "мұнда")
    before = snapshot(here)
    cancel = Cancel()
    thread, out = in_thread(here, remote, cancel)
    wait_for(started)  # a git waits
    cancel.stop()
    thread.join(60)
    assert not thread.is_alive()
    assert isinstance(out["error"], SyncStopped) and "quitting" in str(out["error"])
    assert snapshot(here) == before
    assert _git("--git-dir", str(remote), "for-each-ref") == ""
    opened.touch()
    report = sync(here, Library(here / "library.toml"), here / "state.toml", str(remote))
    assert report.pushed
    shown = tomllib.loads(_git("--git-dir", str(remote), "show", "main:library.toml"))
    assert [b["id"] for b in shown["bookmarks"]] == [made.id]


def test_a_stopped_sync_leaves_the_clone_and_its_base(
        here: Path, remote: Path, gate: tuple[Path, Path]) -> None:
    started, opened = gate
    library = Library(here / "library.toml")
    library.add_bookmark(ART, "T", None, 1, "бірінші")
    opened.touch()
    sync(here, library, here / "state.toml", str(remote))
    base = _git("-C", str(here / "sync"), "rev-parse", "main")
    opened.unlink()
    started.unlink()
    second = library.add_bookmark(ART, "T", None, 2, "екінші")
    cancel = Cancel()
    thread, out = in_thread(here, remote, cancel)
    wait_for(started)
    cancel.stop()
    thread.join(60)
    assert isinstance(out["error"], SyncStopped)
    assert (here / "sync" / ".git").is_dir()  # never taken for a broken clone and removed
    assert _git("-C", str(here / "sync"), "rev-parse", "main") == base
    opened.touch()
    sync(here, Library(here / "library.toml"), here / "state.toml", str(remote))
    shown = tomllib.loads(_git("--git-dir", str(remote), "show", "main:library.toml"))
    assert sorted(b["label"] for b in shown["bookmarks"]) == ["бірінші", "екінші"]  # once
    assert second.id in {b["id"] for b in shown["bookmarks"]}


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its reaper is dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def test_stop_ends_the_whole_git_session_ssh_and_all(
        here: Path, remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In batch mode (the app's) git has a session of its own: what it started (ssh) goes
    with it, not only git."""
    folder = tmp_path / "slow-bin"
    folder.mkdir()
    child = tmp_path / "child"
    wrapper = folder / "git"
    wrapper.write_text(f'#!/bin/sh\nsleep 3600 &\necho $! > "{child}.tmp"\n'
                       f'mv "{child}.tmp" "{child}"\nwait\n', "utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    cancel = Cancel()
    thread, out = in_thread(here, remote, cancel)
    wait_for(child)
    pid = int(child.read_text())
    assert _alive(pid)
    cancel.stop()
    thread.join(60)
    assert isinstance(out["error"], SyncStopped)
    for _ in range(3000):  # SIGKILL takes effect at once; the kernel may take a moment
        if not _alive(pid):
            break
        time.sleep(0.01)
    assert not _alive(pid), "git's child outlived the stop"


def test_a_sync_waiting_for_another_gives_up_when_stopped(here: Path, remote: Path) -> None:
    waited = threading.Event()
    fd = os.open(here / "sync.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another sync of this config folder runs
        cancel = Cancel()
        thread, out = in_thread(here, remote, cancel, on_wait=waited.set)
        assert waited.wait(60)
        cancel.stop()
        thread.join(60)
        assert not thread.is_alive() and isinstance(out["error"], SyncStopped)
    finally:
        os.close(fd)
    assert not (here / "sync").exists()


def test_stopped_before_it_starts_runs_no_git(here: Path, remote: Path,
                                              gate: tuple[Path, Path]) -> None:
    started, _ = gate
    cancel = Cancel()
    cancel.stop()
    with pytest.raises(SyncStopped):
        sync(here, Library(here / "library.toml"), here / "state.toml", str(remote),
             cancel=cancel)
    assert not started.exists()


def test_the_remote_when_none_is_given(here: Path, remote: Path) -> None:
    assert configured_remote(here, None) is None and not has_remote(here, None)
    assert configured_remote(here, "host:notes.git") == "host:notes.git"
    assert configured_remote(here, "notes.git") == str(here / "notes.git")  # as `archive`
    assert configured_remote(here, "~/notes.git") == "~/notes.git"  # check_remote expands it
    assert has_remote(here, "host:notes.git")
    sync(here, Library(here / "library.toml"), here / "state.toml", str(remote))
    assert configured_remote(here, None) == str(remote) and has_remote(here, None)
    assert configured_remote(here, "host:other.git") == "host:other.git"  # config.toml first
