"""`kz-reader sync` in the app (issue 13): the palette's Sync, sync on start and on quit,
and conflicts shown, with real git and a bare repository in a folder as the remote.

A sync made slow or hanging is made so by a git wrapper on PATH that waits for a file (the
"gate") before running the real git: what happens meanwhile is tested without any timing.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest
from support.app import make_app, widget_text
from support.archive import SAMPLE_ID
from support.git_remote import bare_remote
from support.git_remote import gated_git as shared_gated_git
from support.git_remote import git as _git
from textual.command import CommandList

import reader.tui.sync_action as sync_action
from reader.cli.main import main
from reader.tui.screens.bookmarks import BookmarksScreen
from reader.tui.screens.notes import NotesScreen
from reader.tui.widgets.article_view import ArticleView
from reader.userdata.library import Library
from reader.userdata.state import ReadingState, load_state, save_state
from reader.userdata.sync_merge import conflict_text
from reader.userdata.sync_repo import sync

OLDER = "2026/01/older.txt"
TITLE = "Конституция"


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    return bare_remote(tmp_path)


def remote_library(remote: Path) -> dict:
    return tomllib.loads(_git("--git-dir", str(remote), "show", "main:library.toml"))


def remote_state(remote: Path) -> dict:
    return tomllib.loads(_git("--git-dir", str(remote), "show", "main:state.toml"))


def ids(doc: dict, kind: str = "bookmarks") -> set[str]:
    return {entry["id"] for entry in doc.get(kind, [])}


def configure(config_dir: Path, remote: Path | str | None, *, on_start_quit: bool = False
              ) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    lines = [f'sync = "{remote}"'] if remote is not None else []
    lines += ["sync_on_start_quit = true"] if on_start_quit else []
    (config_dir / "config.toml").write_text("\n".join(lines) + "\n", "utf-8")


class OtherMachine:
    """Another config folder that syncs with the same remote, in this process."""

    def __init__(self, folder: Path, remote: Path) -> None:
        self.folder, self.remote = folder, remote
        folder.mkdir(parents=True, exist_ok=True)

    @property
    def library(self) -> Library:
        return Library(self.folder / "library.toml")

    def sync(self) -> None:
        sync(self.folder, self.library, self.folder / "state.toml", str(self.remote))


def gated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """git that, each time, says it started (a file) and waits for the gate file; the two
    paths (started, gate)."""
    started, gate, path = shared_gated_git(tmp_path)
    monkeypatch.setenv("PATH", path)
    return started, gate


def messages(app) -> str:
    return "\n".join(n.message for n in app._notifications)


def palette_sync(app) -> None:
    """The palette's Sync command, as choosing it there runs it."""
    [command] = [c for c in app.get_system_commands(app.screen) if c.title == "Sync"]
    command.callback()


async def settle(pilot) -> None:
    """Until every worker (the sync's among them) is done and its result shown."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot, done) -> None:
    """Until done() is true; the app keeps running meanwhile."""
    while not done():
        await pilot.pause(0.02)


async def exited(app) -> None:
    """Until the app has left by itself (after q)."""
    await app._task


def files(config_dir: Path) -> dict[str, bytes]:
    """library.toml and the sync clone's files: what a failed sync must leave as they were."""
    return {str(p.relative_to(config_dir)): p.read_bytes()
            for p in sorted(config_dir.rglob("*")) if p.is_file()
            and p.name not in ("config.toml", "state.toml") and not p.name.endswith(".lock")}


# The palette's Sync ---------------------------------------------------------------------------

async def test_the_palette_sync_brings_and_sends_entries_and_positions(
        archive: Path, config_dir: Path, tmp_path: Path, remote: Path) -> None:
    other = OtherMachine(tmp_path / "other", remote)
    theirs = other.library.add_bookmark(SAMPLE_ID, TITLE, None, 3, "екінші машинадан")
    save_state(other.folder / "state.toml",
               ReadingState(positions={OLDER: 2}, read={OLDER}))
    other.sync()
    configure(config_dir, remote)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "b")  # a bookmark here, on ¶ 2
        await pilot.pause()
        [mine] = app.library.bookmarks
        palette_sync(app)
        await settle(pilot)
        assert "synced with" in messages(app) and "1 new from remote" in messages(app)
        assert {b.id for b in app.library.bookmarks} == {mine.id, theirs.id}
        assert app.state.positions[OLDER] == 2 and OLDER in app.state.read
        assert app.state.positions[SAMPLE_ID] == 1  # this machine's own, kept
        view = app.screen.query_one(ArticleView)
        await pilot.press("j")  # reading goes on: the position moves on from there
        assert view.paragraph == 2
        await pilot.press("B")
        assert isinstance(app.screen, BookmarksScreen)
        assert "екінші машинадан" in widget_text(app.screen.query_one("#entries"))
    assert ids(remote_library(remote)) == {mine.id, theirs.id}
    assert remote_state(remote)["positions"][SAMPLE_ID] == 1
    on_disk = load_state(config_dir / "state.toml")
    assert on_disk.positions[OLDER] == 2 and on_disk.positions[SAMPLE_ID] == 2
    other.sync()
    assert {b.id for b in other.library.bookmarks} == {mine.id, theirs.id}


async def test_a_list_screen_open_shows_what_the_sync_brought(
        archive: Path, config_dir: Path, tmp_path: Path, remote: Path) -> None:
    other = OtherMachine(tmp_path / "other", remote)
    other.library.save_note(SAMPLE_ID, TITLE, 1, "Басқа машинада жазылды")
    other.sync()
    configure(config_dir, remote)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NotesScreen)
        assert "Басқа машинада" not in widget_text(app.screen.query_one("#entries"))
        palette_sync(app)  # the palette works on every screen
        await settle(pilot)
        assert "Басқа машинада жазылды" in widget_text(app.screen.query_one("#entries"))


async def test_keys_are_answered_while_a_sync_runs(
        archive: Path, config_dir: Path, tmp_path: Path, remote: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    configure(config_dir, remote)
    started, gate = gated_git(tmp_path, monkeypatch)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter")
        view = app.screen.query_one(ArticleView)
        palette_sync(app)
        await until(pilot, started.exists)  # git runs, and waits
        await pilot.press("j", "j")
        assert view.paragraph == 2 and app.syncing.running
        await pilot.press("b")
        await pilot.pause()
        assert len(app.library.bookmarks) == 1
        palette_sync(app)  # a second one while the first runs: said, not started
        await pilot.pause()
        assert "already running" in messages(app)
        gate.touch()
        await settle(pilot)
        assert not app.syncing.running and "synced with" in messages(app)
    # Made while git waited, before the library was read: it went too.
    assert ids(remote_library(remote)) == {b.id for b in app.library.bookmarks}
    assert app.state.positions[SAMPLE_ID] == 2


async def test_an_unreachable_remote_is_a_toast_and_nothing_here_changes(
        archive: Path, config_dir: Path, tmp_path: Path) -> None:
    configure(config_dir, f"file://{tmp_path}/nowhere/remote.git")
    config_dir.mkdir(parents=True, exist_ok=True)
    Library(config_dir / "library.toml").add_bookmark(SAMPLE_ID, TITLE, None, 1, "мұнда")
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j")
        await settle(pilot)  # the bookmark's anchor, written when its article opens
        before = files(config_dir)
        palette_sync(app)
        await settle(pilot)
        [toast] = [n for n in app._notifications if "cannot reach" in n.message]
        assert toast.severity == "warning" and "\n" not in toast.message
        assert [b.label for b in app.library.bookmarks] == ["мұнда"]
        await pilot.press("j")
        assert app.screen.query_one(ArticleView).paragraph == 2
    assert files(config_dir) == before
    assert not (config_dir / "sync").exists()


async def test_a_broken_library_is_refused_with_its_line(
        archive: Path, config_dir: Path, remote: Path) -> None:
    configure(config_dir, remote)
    (config_dir / "library.toml").write_text("version = 1\n[[bookmarks]\n", "utf-8")
    before = files(config_dir)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        palette_sync(app)
        await settle(pilot)
        assert any("library.toml" in n.message and n.title == "Sync"
                   for n in app._notifications)
    assert files(config_dir) == before
    assert _git("--git-dir", str(remote), "for-each-ref") == ""


async def test_no_remote_says_how_to_set_one(archive: Path, config_dir: Path) -> None:
    configure(config_dir, None)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        palette_sync(app)
        await settle(pilot)
        said = messages(app)
        assert "kz-reader sync REMOTE" in said and 'sync = "…"' in said
    assert not (config_dir / "sync").exists()


async def test_the_palette_lists_sync_and_runs_it_when_chosen(
        archive: Path, config_dir: Path, remote: Path) -> None:
    configure(config_dir, remote)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Sync")
        found = app.screen.query_one(CommandList)
        await until(pilot, lambda: found.option_count and "Sync" in str(
            found.get_option_at_index(0).prompt))
        await pilot.press("enter")
        await settle(pilot)
        assert "synced with" in messages(app)
    assert remote_library(remote) is not None


# On start and on quit -------------------------------------------------------------------------

async def test_sync_on_start_brings_the_other_machines_entries(
        archive: Path, config_dir: Path, tmp_path: Path, remote: Path) -> None:
    other = OtherMachine(tmp_path / "other", remote)
    theirs = other.library.add_bookmark(SAMPLE_ID, TITLE, None, 2, "таңертең")
    other.sync()
    configure(config_dir, remote, on_start_quit=True)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: "synced with" in messages(app))
        assert [b.id for b in app.library.bookmarks] == [theirs.id]


async def test_without_the_setting_nothing_syncs_on_start_or_quit(
        archive: Path, config_dir: Path, tmp_path: Path, remote: Path) -> None:
    other = OtherMachine(tmp_path / "other", remote)
    other.library.add_bookmark(SAMPLE_ID, TITLE, None, 2, "таңертең")
    other.sync()
    before = _git("--git-dir", str(remote), "for-each-ref")
    configure(config_dir, remote)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert app.library.bookmarks == [] and not app.syncing.running
        await pilot.press("enter", "b", "q")
        await exited(app)
    assert _git("--git-dir", str(remote), "for-each-ref") == before
    assert not (config_dir / "sync").exists()


async def test_sync_on_quit_sends_what_was_made_here(
        archive: Path, config_dir: Path, tmp_path: Path, remote: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    configure(config_dir, remote, on_start_quit=True)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: "synced with" in messages(app))  # the one on start
        await pilot.press("enter", "j", "j", "b")
        await pilot.pause()
        [mine] = app.library.bookmarks
        await pilot.press("q")
        await exited(app)
    assert ids(remote_library(remote)) == {mine.id}
    assert remote_state(remote)["positions"][SAMPLE_ID] == 2
    assert "kz-reader: synced with" in " ".join(capsys.readouterr().err.split())


async def test_a_hanging_remote_does_not_keep_the_app_from_quitting(
        archive: Path, config_dir: Path, tmp_path: Path, remote: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    configure(config_dir, remote, on_start_quit=True)
    config_dir.mkdir(parents=True, exist_ok=True)
    kept = Library(config_dir / "library.toml").add_bookmark(SAMPLE_ID, TITLE, None, 1,
                                                             "мұнда")
    started, _gate = gated_git(tmp_path, monkeypatch)  # the gate never opens
    monkeypatch.setattr(sync_action, "QUIT_LIMIT", 0.5)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, started.exists)  # the sync on start hangs
        await pilot.press("enter", "j", "q")
        await exited(app)
    err = " ".join(capsys.readouterr().err.split())  # printed at the terminal's width
    assert "did not finish" in err and "nothing is lost" in err
    assert [(b.id, b.label) for b in Library(config_dir / "library.toml").bookmarks] == [
        (kept.id, "мұнда")]
    assert load_state(config_dir / "state.toml").positions[SAMPLE_ID] == 1
    assert _git("--git-dir", str(remote), "for-each-ref") == ""


async def test_q_again_quits_at_once_while_the_sync_on_quit_runs(
        archive: Path, config_dir: Path, tmp_path: Path, remote: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    configure(config_dir, remote, on_start_quit=True)
    config_dir.mkdir(parents=True, exist_ok=True)
    started, _gate = gated_git(tmp_path, monkeypatch)
    monkeypatch.setattr(sync_action, "QUIT_LIMIT", 3600.0)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, started.exists)
        await pilot.press("q")
        await pilot.pause()
        assert "Syncing before quitting" in messages(app)
        await pilot.press("q")
        await exited(app)


# Conflicts --------------------------------------------------------------------------------------

def conflicted_library(config_dir: Path) -> str:
    """A note a sync kept both versions of (as sync_merge writes it), and a plain one."""
    config_dir.mkdir(parents=True, exist_ok=True)
    library = Library(config_dir / "library.toml")
    both = library.save_note(SAMPLE_ID, TITLE, 1, "бір")
    library.save_note(SAMPLE_ID, TITLE, 2, "Жай жазба")
    text = conflict_text(["Ноутбукта жазылған нұсқа", "Кеңседе жазылған нұсқа"])
    raw = tomllib.loads((config_dir / "library.toml").read_text("utf-8"))
    for note in raw["notes"]:
        if note["id"] == both.id:
            note.update(text=text, conflict=True)
    library.apply_sync(lambda _: raw)
    return both.id


async def test_a_conflicted_note_is_marked_in_the_notes_screen_until_edited(
        archive: Path, config_dir: Path) -> None:
    conflicted = conflicted_library(config_dir)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("ctrl+n")
        await settle(pilot)
        entries = app.screen.query_one("#entries")
        shown = [str(entries.get_option_at_index(i).prompt) for i in range(2)]
        [marked] = [row for row in shown if "conflict: changed on two machines" in row]
        assert "resolve by editing" in marked
        assert sum("conflict:" in row for row in shown) == 1
        assert next(n for n in app.library.notes if n.id == conflicted).conflict
        # Resolved by editing: keep one version, the marker lines go, and so does conflict.
        app.library.save_note(SAMPLE_ID, TITLE, 1, "Кеңседе жазылған нұсқа", conflicted)
        app.screen.reload()
        await pilot.pause()
        assert "conflict:" not in widget_text(app.screen.query_one("#entries"))
    stored = tomllib.loads((config_dir / "library.toml").read_text("utf-8"))
    assert all("conflict" not in note for note in stored["notes"])


def test_kz_reader_notes_shows_the_conflict(archive: Path, config_dir: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    conflicted = conflicted_library(config_dir)
    common = ["--archive", str(archive), "--config-dir", str(config_dir)]
    assert main(["notes", *common]) == 0
    out = capsys.readouterr().out
    [head] = [line for line in out.splitlines() if line.startswith(conflicted)]
    assert head.endswith("(conflict: changed on two machines, both versions kept; "
                         "resolve by editing)")
    assert out.count("(conflict:") == 1 and "<<<<<<< kz-reader" in out
    assert main(["notes", "--json", *common]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["id"]: row["conflict"] for row in rows}[conflicted] is True
    assert sorted(row["conflict"] for row in rows) == [False, True]


async def test_a_real_conflict_from_two_machines_shows_in_the_app(
        archive: Path, config_dir: Path, tmp_path: Path, remote: Path) -> None:
    """The same note edited on both machines between syncs: the app's sync makes the
    conflict, says so, and the notes screen marks it."""
    configure(config_dir, remote)
    here = Library(config_dir / "library.toml")
    note = here.save_note(SAMPLE_ID, TITLE, 1, "Бастапқы")
    sync(config_dir, here, config_dir / "state.toml", str(remote))
    other = OtherMachine(tmp_path / "other", remote)
    other.sync()
    other.library.save_note(SAMPLE_ID, TITLE, 1, "Ноутбукта", note.id)
    other.sync()
    here.save_note(SAMPLE_ID, TITLE, 1, "Кеңседе", note.id)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        palette_sync(app)
        await settle(pilot)
        [toast] = [n for n in app._notifications if "synced with" in n.message]
        assert "1 conflict" in toast.message and toast.severity == "warning"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "conflict: changed on two machines" in widget_text(
            app.screen.query_one("#entries"))
    [stored] = app.library.notes
    assert stored.conflict and "Ноутбукта" in stored.text and "Кеңседе" in stored.text
    assert stored.updated <= dt.datetime.now(dt.UTC)
