"""Faults in the store: killed writers, a full disk, folders that refuse writes, hand edits,
a library from a newer version. Whatever happens, nothing acknowledged is lost and the old
library.toml is never damaged.

Real faults where the machine allows them (a small tmpfs, a read-only bind mount, another
user), else the same errors raised from a monkeypatched call: never a skip.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from support.app import make_app
from support.archive import SAMPLE_ID
from support.other_user import as_other_user, readable_site
from support.terminal import installed_script

import reader.tui.app
from reader.archive.scan import scan_archive
from reader.session import open_session
from reader.tui.app import KzReaderApp
from reader.tui.widgets.article_view import ArticleView
from reader.userdata.library import Library, LibraryNotSaved, LibraryReadOnly, LibrarySaveError

# -- 20 writers, killed at random ------------------------------------------------------------

WORKER = textwrap.dedent("""
    import os, random, sys
    from pathlib import Path
    from reader.userdata.library import Library

    path, log, seed = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    rng = random.Random(seed)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def say(line):  # one write(2) a line: a SIGKILL cannot leave half of it
        os.write(fd, (line + "\\n").encode())

    library = Library(path)
    bookmarks, notes = [], []
    for n in range(10**9):
        roll = rng.random()
        if roll < 0.3 or not (bookmarks or notes):
            say("begin add")
            b = library.add_bookmark(f"w{seed}.txt", f"Жиналыс {seed}", None, n)
            say(f"ack add {b.id}")
            bookmarks.append(b.id)
        elif roll < 0.5 and bookmarks:
            gone = bookmarks.pop(rng.randrange(len(bookmarks)))
            say(f"begin del {gone}")
            library.remove_bookmark(gone)
            say(f"ack del {gone}")
        elif roll < 0.75 or not notes:
            say("begin add")
            note = library.save_note(f"w{seed}.txt", "T", n % 7, f"мәтін {n}")
            say(f"ack add {note.id} мәтін {n}")
            notes.append(note.id)
        elif roll < 0.9:
            edited = rng.choice(notes)
            say(f"begin edit {edited}")
            library.save_note(f"w{seed}.txt", "T", n % 7, f"мәтін {n}", edited)
            say(f"ack edit {edited} мәтін {n}")
        else:
            gone = notes.pop(rng.randrange(len(notes)))
            say(f"begin del {gone}")
            library.delete_note(gone)
            say(f"ack del {gone}")
""")

WORKERS = 20
RUN_SECONDS = 10.0


def _expected(logs: list[Path]) -> tuple[dict[str, str | None], set[str], set[str], int]:
    """From the workers' logs: id -> text (None: a bookmark) that must be on disk, ids that
    must be gone, ids whose last change was cut off (either way is right), acknowledged ops."""
    present: dict[str, str | None] = {}
    gone: set[str] = set()
    unsure: set[str] = set()
    acked = 0
    for log in logs:
        lines = log.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            verb, _, rest = line.partition(" ")
            if verb == "begin":
                if number == len(lines) - 1 and rest.split()[0] != "add":
                    unsure.add(rest.split()[1])  # killed during this change
                continue
            acked += 1
            op, entry_id, *text = rest.split(" ", 2)
            if op == "del":
                present.pop(entry_id, None)
                gone.add(entry_id)
            else:
                present[entry_id] = text[0] if text else None
    for entry_id in unsure:
        present.pop(entry_id, None)
        gone.discard(entry_id)
    return present, gone, unsure, acked


def test_twenty_writers_killed_at_random_lose_nothing_acknowledged(tmp_path: Path) -> None:
    """20 processes add and remove bookmarks and notes for 10 s; every 0.1-0.4 s one of
    them gets SIGKILL (and a fresh one takes its place). Afterwards library.toml parses and
    holds every change whose save returned, and no change that was undone after it."""
    path = tmp_path / "config" / "library.toml"
    logs = tmp_path / "logs"
    logs.mkdir()
    rng = random.Random(4)
    running: dict[int, subprocess.Popen] = {}
    seed = 0

    def spawn() -> None:
        nonlocal seed
        seed += 1
        running[seed] = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), str(logs / f"{seed}.log"), str(seed)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    killed = 0
    try:
        for _ in range(WORKERS):
            spawn()
        deadline = time.monotonic() + RUN_SECONDS
        while time.monotonic() < deadline:
            time.sleep(rng.uniform(0.1, 0.4))
            victim = rng.choice(sorted(running))
            running.pop(victim).kill()
            killed += 1
            spawn()
        for name, process in running.items():
            assert process.poll() is None, f"worker {name} ended: {process.stderr.read()!r}"
    finally:
        for process in running.values():
            process.kill()
        for process in running.values():
            process.wait()
            process.stderr.close()

    data = tomllib.loads(path.read_text(encoding="utf-8"))  # it parses
    assert data["version"] == 1
    on_disk = {e["id"]: e.get("text") for e in data.get("bookmarks", []) + data.get("notes", [])}
    assert len(on_disk) == len(data.get("bookmarks", [])) + len(data.get("notes", []))
    present, gone, unsure, acked = _expected(sorted(logs.iterdir()))
    missing = {i: t for i, t in present.items() if on_disk.get(i, "<absent>") != t}
    assert not missing, f"acknowledged but not on disk as saved: {missing}"
    back = gone & set(on_disk)
    assert not back, f"deleted (acknowledged) but on disk again: {back}"
    stray = set(on_disk) - set(present) - unsure
    assert len(stray) <= killed, stray  # each killed worker may leave one unacknowledged add
    leftovers = list(path.parent.glob(".library.toml.*.tmp"))
    print(f"\n{acked} acknowledged changes by {seed} workers, {killed} killed; "
          f"{len(on_disk)} entries on disk; {len(leftovers)} temp files left by kills")
    assert acked > 200


# -- a full disk -------------------------------------------------------------------------------

class SmallDisk:
    """A folder on a 64 KiB tmpfs (fill() leaves no room), or, where mounting is not
    allowed, a folder whose fsync raises ENOSPC while it is "full"."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder
        self.monkeypatch = monkeypatch
        folder.mkdir()
        self.mounted = _mount("-t", "tmpfs", "-o", "size=64k,mode=0700", "kz-small", str(folder))
        self.real_fsync = os.fsync

    def fill(self) -> None:
        if self.mounted:
            with open(self.folder / "filler", "wb", buffering=0) as filler:
                try:
                    while True:
                        filler.write(b"\0" * 512)
                except OSError as error:
                    assert error.errno == errno.ENOSPC
            return

        def full_fsync(fd: int) -> None:
            if os.readlink(f"/proc/self/fd/{fd}").startswith(str(self.folder)):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            self.real_fsync(fd)

        self.monkeypatch.setattr(os, "fsync", full_fsync)

    def free(self) -> None:
        if self.mounted:
            (self.folder / "filler").unlink()
        else:
            self.monkeypatch.setattr(os, "fsync", self.real_fsync)

    def close(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.folder)], capture_output=True, timeout=30)


def _mount(*args: str) -> bool:
    """mount(8) as root; False where the machine does not allow it (then tests monkeypatch)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", *args], capture_output=True, timeout=30).returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SmallDisk]:
    disk = SmallDisk(tmp_path / "disk", monkeypatch)
    try:
        yield disk
    finally:
        disk.close()


def test_full_disk_keeps_the_old_file_and_the_change(small_disk: SmallDisk) -> None:
    path = small_disk.folder / "library.toml"
    library = Library(path)
    library.keep_pending = True
    first = library.add_bookmark(SAMPLE_ID, "Жиналыс", None, 1)
    before = path.read_bytes()
    small_disk.fill()

    with pytest.raises(LibraryNotSaved) as refused:
        library.add_bookmark(SAMPLE_ID, "Жиналыс", None, 5)
    assert "not saved yet: the disk is full" in str(refused.value)
    assert "will retry" in str(refused.value)
    assert path.read_bytes() == before  # byte for byte
    assert not list(small_disk.folder.glob(".library.toml.*"))  # no half-written temp file
    assert [b.paragraph for b in library.bookmarks] == [1, 5]  # kept, and shown
    with pytest.raises(LibraryNotSaved, match="2 changes kept"):
        library.save_note(SAMPLE_ID, "Жиналыс", 5, "ескерту")
    with pytest.raises(LibraryNotSaved):
        library.save_pending()  # still full
    kept_id = library.bookmarks[1].id

    small_disk.free()
    library.remove_bookmark(first.id)  # the next change writes the kept ones first
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert [(b["id"], b["paragraph"]) for b in data["bookmarks"]] == [(kept_id, 5)]
    assert [n["text"] for n in data["notes"]] == ["ескерту"]
    assert library.pending == []


def test_full_disk_without_keeping_reports_and_leaves_the_file(small_disk: SmallDisk) -> None:
    """The command line (no retry timer) gets the plain error, and nothing is kept."""
    path = small_disk.folder / "library.toml"
    library = Library(path)
    library.add_bookmark(SAMPLE_ID, "Жиналыс", None, 1)
    before = path.read_bytes()
    small_disk.fill()
    with pytest.raises(LibrarySaveError, match="No space left on device") as refused:
        library.add_bookmark(SAMPLE_ID, "Жиналыс", None, 2)
    assert not isinstance(refused.value, LibraryNotSaved)
    assert path.read_bytes() == before
    assert library.pending == [] and len(library.bookmarks) == 1


def _messages(app) -> str:
    return "\n".join(n.message for n in app._notifications)


async def test_full_disk_in_the_app_says_so_and_saves_when_space_returns(
    small_disk: SmallDisk, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader.tui.app, "RETRY_SECONDS", 0.2)
    app = make_app(archive, small_disk.folder, SAMPLE_ID)
    path = small_disk.folder / "library.toml"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        small_disk.fill()
        await pilot.press("j", "b")
        assert "not saved yet: the disk is full" in _messages(app)
        assert "will retry" in _messages(app)
        view = app.screen.query_one(ArticleView)
        assert 1 in view.marks.bookmarks  # the ★ shows: the change is kept
        assert not path.exists()
        await pilot.pause(0.5)
        assert not path.exists()  # the retries still fail

        small_disk.free()
        for _ in range(40):
            await pilot.pause(0.1)
            if path.exists():
                break
        assert "saved now" in _messages(app)
    [bookmark] = tomllib.loads(path.read_text(encoding="utf-8"))["bookmarks"]
    assert (bookmark["article"], bookmark["paragraph"]) == (SAMPLE_ID, 1)


# -- folders that refuse writes ----------------------------------------------------------------

@contextmanager
def read_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The folder read-only: a read-only bind mount as root, chmod 0555 for a user, else
    EROFS from the write calls. Yields how."""
    if _mount("--bind", str(folder), str(folder)):
        try:
            if _mount("-o", "remount,bind,ro", str(folder)):
                yield "bind mount"
                return
        finally:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30)
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield "chmod"
        finally:
            folder.chmod(0o700)
        return

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(folder))

    monkeypatch.setattr("reader.userdata.library.locked", refuse)
    monkeypatch.setattr("reader.userdata.state.atomic_write", refuse)
    yield "monkeypatch"


async def test_read_only_config_folder_reads_and_says_why_it_cannot_save(
    archive: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Library(config_dir / "library.toml").add_bookmark(SAMPLE_ID, "Жиналыс", None, 2)
    before = (config_dir / "library.toml").read_bytes()
    with read_only(config_dir, monkeypatch) as how:
        app = make_app(archive, config_dir, SAMPLE_ID)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            view = app.screen.query_one(ArticleView)
            assert 2 in view.marks.bookmarks  # reading works: the old bookmark shows
            await pilot.press("b")
            assert "Read-only file system" in _messages(app), how
            assert "not saved yet" in _messages(app)
            await pilot.pause(1.3)  # the debounced state.toml save
        assert (config_dir / "library.toml").read_bytes() == before
    assert "Cannot save the reading position: Read-only file system" in _messages(app)


def _unusable_home(tmp_path: Path) -> Path:
    """A home folder that is missing and cannot be made (its parent is a file): even root
    cannot create it."""
    (tmp_path / "not-a-folder").write_text("")
    return tmp_path / "not-a-folder" / "home"


def test_missing_home_folder_the_commands_still_read(tmp_path: Path) -> None:
    home = _unusable_home(tmp_path)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("XDG_", "KZ_READER"))} | {"HOME": str(home)}
    script = str(installed_script())
    listed = subprocess.run([script, "list"], env=env, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert SAMPLE_ID in listed.stdout
    assert "config.toml" in listed.stderr and "Not a directory" in listed.stderr
    shown = subprocess.run([script, "show", SAMPLE_ID, "--plain"], env=env,
                           capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and "Қазақстан Республикасының" in shown.stdout
    marks = subprocess.run([script, "bookmarks"], env=env, capture_output=True, text=True,
                           timeout=60)
    assert marks.returncode == 2  # one line that says why
    assert "library.toml: Not a directory; bookmarks and notes are read-only" in marks.stderr


async def test_missing_home_folder_the_app_reads_and_says_why_it_cannot_save(
    tmp_path: Path, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = _unusable_home(tmp_path)
    for name in ("KZ_READER_CONFIG_DIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    session = open_session(str(archive), None)
    assert session.config_dir == home / ".config" / "kz-reader"
    app = KzReaderApp(session, scan_archive(archive), SAMPLE_ID)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(ArticleView).article is not None
        await pilot.press("b")
        messages = _messages(app)
    assert f"cannot create {home}/.config/kz-reader/config.toml: Not a directory" in messages
    assert (f"cannot read {home}/.config/kz-reader/library.toml: Not a directory; "
            "bookmarks and notes are read-only") in messages


PILOT_AS_OTHER_USER = textwrap.dedent("""
    import asyncio, json, sys
    from reader.tui.app import KzReaderApp
    from reader.archive.scan import scan_archive
    from reader.userdata.paths import bundled_archive
    from reader.session import open_session

    async def main():
        session = open_session(str(bundled_archive()), sys.argv[1])
        app = KzReaderApp(session, scan_archive(session.archive), "000_8da56fbcbfc7ef32.txt")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            marks = sorted(b.paragraph for b in app.library.bookmarks)
            await pilot.press("j", "b")
            messages = [n.message for n in app._notifications]
        print(json.dumps({"marks": marks, "messages": messages}))

    asyncio.run(main())
""")


def test_config_folder_owned_by_another_user(tmp_path: Path) -> None:
    """A config folder made by root (say, after `sudo kz-reader`) and a reader who is not
    root: bookmarks are read and shown, and b says why it cannot save."""
    base = Path(tempfile.mkdtemp(prefix="kz-owner-", dir="/tmp"))
    try:
        base.chmod(0o755)
        config = base / "config"
        config.mkdir(mode=0o755)
        Library(config / "library.toml").add_bookmark(SAMPLE_ID, "Жиналыс", None, 3)
        (config / "library.toml").chmod(0o644)
        before = (config / "library.toml").read_bytes()
        env = {"HOME": str(base), "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8",
               "XDG_CACHE_HOME": str(base / "cache"), "PYTHONPATH": str(readable_site(base))}
        argv = as_other_user([sys.executable, "-S", "-c", PILOT_AS_OTHER_USER, str(config)])
        if os.geteuid() != 0:  # not root: a folder we may not write is the same refusal
            config.chmod(0o555)
        ran = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120,
                             cwd=base)
        assert ran.returncode == 0, ran.stderr
        result = json.loads(ran.stdout.strip().splitlines()[-1])
        assert result["marks"] == [3]
        said = "\n".join(result["messages"])
        assert "Permission denied" in said and "not saved yet" in said, said
        assert (config / "library.toml").read_bytes() == before
    finally:
        (base / "config").chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


# -- hand edits and newer versions -------------------------------------------------------------

HAND_EDIT = """
[[bookmarks]]
id = "b-0000hand"
article = "2026/01/older.txt"
title = "added by hand"
paragraph = 4
label = "by hand"
created = 2026-01-01T00:00:00Z
my_own_key = "kept"
"""


async def test_hand_edit_while_the_app_runs_is_merged(archive: Path, config_dir: Path) -> None:
    path = config_dir / "library.toml"
    app = make_app(archive, config_dir, SAMPLE_ID)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        # The user edits the file in another window: relabels the app's bookmark, adds one.
        text = path.read_text(encoding="utf-8").replace('label = ""', 'label = "relabelled"')
        path.write_text("# my comment\n" + text + HAND_EDIT, encoding="utf-8")
        await pilot.press("j", "b")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    marks = {(b["article"], b["paragraph"], b["label"]) for b in data["bookmarks"]}
    assert marks == {(SAMPLE_ID, 0, "relabelled"), (SAMPLE_ID, 1, ""),
                     ("2026/01/older.txt", 4, "by hand")}
    hand = next(b for b in data["bookmarks"] if b["id"] == "b-0000hand")
    assert hand["my_own_key"] == "kept"


async def test_newer_version_is_read_only_and_never_downgraded(archive: Path,
                                                               config_dir: Path) -> None:
    config_dir.mkdir()
    path = config_dir / "library.toml"
    path.write_text('version = 2\nsync = "on"\n' + HAND_EDIT.replace("b-0000hand", "b-1"),
                    encoding="utf-8")
    before = path.read_bytes()
    app = make_app(archive, config_dir, SAMPLE_ID)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "written by a newer kz-reader (version = 2)" in _messages(app)
        await pilot.press("b")
        await pilot.press("n")
        await pilot.pause()
        messages = _messages(app)
    assert messages.count("read-only") >= 3, messages
    assert path.read_bytes() == before
    with pytest.raises(LibraryReadOnly):
        Library(path).add_bookmark(SAMPLE_ID, "x", None, 0)
    assert path.read_bytes() == before


def test_signal_kill_during_save_leaves_old_or_new(tmp_path: Path) -> None:
    """A writer killed at any moment of a save: library.toml is the old file or the new one,
    never a mix (atomic replace), and it always parses."""
    path = tmp_path / "config" / "library.toml"
    Library(path).add_bookmark(SAMPLE_ID, "Жиналыс", None, 0)
    code = ("import sys; from pathlib import Path; from reader.userdata.library import Library\n"
            "lib = Library(Path(sys.argv[1]))\n"
            "for i in range(10**9): lib.save_note('a.txt', 'T', None, 'x' * 20000 + str(i))\n")
    for delay in (0.05, 0.11, 0.17, 0.23, 0.31):
        writer = subprocess.Popen([sys.executable, "-c", code, str(path)])
        time.sleep(0.3 + delay)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert data["bookmarks"][0]["paragraph"] == 0
