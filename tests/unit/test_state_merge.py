"""state.toml shared by two sessions (two SSH logins): a save merges, it does not overwrite.

Per article the position set last wins, read marks add up, the saver's own last article and
theme win only if it chose them; ids from the file are untrusted.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

import reader
from reader.userdata.state import ReadingState, load_state, save_state

REPO = Path(reader.__file__).resolve().parent.parent


class Clock:
    """reader.userdata.state's idea of now, stepped by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def tick(self, seconds: float = 1.0) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    clock = Clock()
    monkeypatch.setattr("reader.userdata.state._now", clock)
    yield clock


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "cfg" / "state.toml"


def test_two_sessions_keep_each_others_positions_and_read_marks(path: Path) -> None:
    save_state(path, ReadingState("old.txt", {"old.txt": 4}, {"old.txt"}))
    a, b = load_state(path), load_state(path)
    a.positions["a.txt"] = 3
    a.read.add("a.txt")
    b.positions["b.txt"] = 5
    b.read.add("b.txt")
    save_state(path, a)
    save_state(path, b)  # b quits last, knowing nothing of a.txt
    both = ReadingState("old.txt", {"old.txt": 4, "a.txt": 3, "b.txt": 5},
                        {"old.txt", "a.txt", "b.txt"})
    assert load_state(path) == both
    assert b == both  # the session sees the other's marks after its save
    save_state(path, a)  # and a long-running a, saving again, keeps b's
    assert load_state(path) == both == a


def test_the_position_set_last_wins_not_the_session_saving_last(path: Path,
                                                               clock: Clock) -> None:
    a, b = load_state(path), load_state(path)
    a.positions["x.txt"] = 5
    clock.tick()
    b.positions["x.txt"] = 9
    save_state(path, b)
    save_state(path, a)  # a saves last, but its position is the older one
    assert load_state(path).positions == {"x.txt": 9} == a.positions
    clock.tick()
    a.positions["x.txt"] = 6  # now a moves on: newer than b's
    save_state(path, a)
    save_state(path, b)
    assert load_state(path).positions == {"x.txt": 6} == b.positions
    seen = tomllib.loads(path.read_text("utf-8"))["seen"]
    assert seen == {"x.txt": clock.now}


def test_entries_the_saver_never_touched_come_from_disk(path: Path, clock: Clock) -> None:
    save_state(path, ReadingState(positions={"c.txt": 1}))
    a = load_state(path)  # holds c.txt = 1 from the file, does not move in it
    clock.tick()
    b = load_state(path)
    b.positions["c.txt"] = 4
    save_state(path, b)
    a.positions["a.txt"] = 2
    save_state(path, a)
    assert load_state(path).positions == {"c.txt": 4, "a.txt": 2}


def test_last_article_and_theme_are_the_savers_only_if_it_chose_them(path: Path) -> None:
    save_state(path, ReadingState(last_article="first.txt", theme="nord"))
    a, b = load_state(path), load_state(path)
    b.last_article, b.theme = "b.txt", "gruvbox"
    save_state(path, b)
    save_state(path, a)  # a chose nothing: what b chose stays
    assert (load_state(path).last_article, load_state(path).theme) == ("b.txt", "gruvbox")
    assert (a.last_article, a.theme) == ("b.txt", "gruvbox")
    a.last_article = "a.txt"
    save_state(path, a)  # a chose an article, not a theme
    assert (load_state(path).last_article, load_state(path).theme) == ("a.txt", "gruvbox")
    b.theme = "monokai"
    save_state(path, b)
    save_state(path, a)  # a's choice is on disk already; b's later one is not undone
    assert (load_state(path).last_article, load_state(path).theme) == ("a.txt", "monokai")


def test_a_session_without_a_last_article_does_not_clear_it(path: Path) -> None:
    save_state(path, ReadingState(last_article="b.txt", theme="nord"))
    save_state(path, ReadingState(positions={"a.txt": 1}))
    assert load_state(path) == ReadingState("b.txt", {"a.txt": 1}, set(), "nord")


def test_the_apps_dict_and_set_are_updated_in_place(path: Path) -> None:
    """The archive list holds state.positions and state.read themselves, to draw progress."""
    save_state(path, ReadingState(positions={"other.txt": 8}, read={"other.txt"}))
    mine = ReadingState()
    positions, read = mine.positions, mine.read
    positions["mine.txt"] = 1  # as app.on_article_view_moved does
    read.add("mine.txt")  # as app.open_article does
    save_state(path, mine)
    assert mine.positions is positions and mine.read is read
    assert positions == {"other.txt": 8, "mine.txt": 1}
    assert read == {"other.txt", "mine.txt"}


def test_a_plain_dict_put_in_later_still_counts_as_set_now(path: Path, clock: Clock) -> None:
    save_state(path, ReadingState(positions={"x.txt": 1}))
    clock.tick()
    a = load_state(path)
    a.positions = {"x.txt": 2}
    save_state(path, a)
    assert load_state(path).positions == {"x.txt": 2}


def test_a_failed_save_keeps_the_sessions_choices_for_the_retry(
    path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = load_state(path), load_state(path)
    a.last_article = "a.txt"
    a.positions["x.txt"] = 3

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr("reader.userdata.state.atomic_write", full)
        with pytest.raises(OSError):
            save_state(path, a)
    b.last_article = "b.txt"
    save_state(path, b)
    save_state(path, a)  # the retry: a's choice and position are still a's own
    assert load_state(path) == ReadingState("a.txt", {"x.txt": 3})


def test_an_old_file_without_times_loads_and_merges(path: Path) -> None:
    path.parent.mkdir()
    path.write_text('last_article = "2026/a.txt"\nread = ["2026/a.txt"]\n'
                    '[positions]\n"2026/a.txt" = 7\n"2026/b.txt" = 2\n', "utf-8")
    a = load_state(path)
    assert a == ReadingState("2026/a.txt", {"2026/a.txt": 7, "2026/b.txt": 2}, {"2026/a.txt"})
    b = load_state(path)
    b.positions["2026/b.txt"] = 9  # set now: newer than the file's untimed 2
    b.read.add("2026/b.txt")
    save_state(path, b)
    a.positions["2026/c.txt"] = 1
    save_state(path, a)  # a's untimed b.txt = 2 does not beat b's 9
    assert load_state(path) == ReadingState(
        "2026/a.txt", {"2026/a.txt": 7, "2026/b.txt": 9, "2026/c.txt": 1},
        {"2026/a.txt", "2026/b.txt"})
    assert set(tomllib.loads(path.read_text("utf-8"))["seen"]) == {"2026/b.txt", "2026/c.txt"}


def test_between_two_untimed_positions_the_file_wins(path: Path) -> None:
    path.parent.mkdir()
    path.write_text('[positions]\n"x.txt" = 1\n', "utf-8")
    a = load_state(path)
    path.write_text('[positions]\n"x.txt" = 5\n', "utf-8")  # an older kz-reader saved
    save_state(path, a)
    assert load_state(path).positions == {"x.txt": 5}


@pytest.mark.parametrize("when", [
    "9999-01-01T00:00:00Z",  # a hand-edited time in the future would pin the position
    "2026-11-25T10:00:00",  # a local time: no zone, cannot be compared
    '"2026-11-25"',
])
def test_times_that_cannot_be_believed_count_as_unknown(path: Path, clock: Clock,
                                                        when: str) -> None:
    path.parent.mkdir()
    path.write_text(f'[positions]\n"x.txt" = 1\n[seen]\n"x.txt" = {when}\n', "utf-8")
    a = ReadingState()
    a.positions["x.txt"] = 2
    save_state(path, a)
    assert load_state(path).positions == {"x.txt": 2}


def test_other_zones_are_compared_in_utc(path: Path, clock: Clock) -> None:
    path.parent.mkdir()  # 10:00:30 UTC, later than the session's 10:00:00 UTC
    path.write_text('[positions]\n"x.txt" = 1\n[seen]\n"x.txt" = 2026-11-25T15:00:30+05:00\n',
                    "utf-8")
    a = ReadingState()
    a.positions["x.txt"] = 2
    clock.tick(60)
    save_state(path, a)
    assert load_state(path).positions == {"x.txt": 1}


@pytest.mark.parametrize("bad", [
    "/etc/passwd", "/tmp/x.txt", "../x.txt", "2026/../../x.txt", "2026/..", "a//b.txt",
    "a/b.txt/", "./x.txt", "", "x\u0000.txt", "notes.md", "2026",
])
def test_ids_that_are_no_archive_article_are_not_loaded(path: Path, bad: str) -> None:
    path.parent.mkdir()
    key = json.dumps(bad)  # a TOML basic string too
    path.write_text(f'last_article = {key}\nread = [{key}, "ok.txt"]\n'
                    f'[positions]\n{key} = 3\n"ok.txt" = 1\n', "utf-8")
    assert load_state(path) == ReadingState(None, {"ok.txt": 1}, {"ok.txt"})


def test_an_escaped_id_is_checked_after_decoding(path: Path) -> None:
    path.parent.mkdir()  # stored_id's form of "/etc/caf\udce9.txt"
    path.write_text('last_article = "\\u0000/etc/caf\\\\xe9.txt"\n', "utf-8")
    assert load_state(path) == ReadingState()


def test_unsafe_ids_in_memory_are_not_written_either(path: Path) -> None:
    save_state(path, ReadingState("ok.txt"))
    save_state(path, ReadingState("../x.txt", {"/etc/passwd": 1, "ok.txt": 2}, {"../x.txt"}))
    assert load_state(path) == ReadingState("ok.txt", {"ok.txt": 2})


def test_deep_nesting_loads_as_empty_and_is_saved_over(path: Path) -> None:
    path.parent.mkdir()
    path.write_text("positions = " + "[" * 5000 + "]" * 5000 + "\n", "utf-8")
    assert load_state(path) == ReadingState()
    path.write_text('last_article = "a.txt"\nx = ' + "[" * 100 + "]" * 100 + "\n", "utf-8")
    assert load_state(path) == ReadingState()  # deeper than storage.MAX_TOML_DEPTH
    save_state(path, ReadingState(positions={"a.txt": 1}))
    assert load_state(path) == ReadingState(positions={"a.txt": 1})


WORKER = """
import json, sys, time
from pathlib import Path
from reader.userdata.state import load_state, save_state

path, me, rounds, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
while not go.exists():
    time.sleep(0.001)
state = load_state(path)  # one long session, as the app keeps it
for n in range(rounds):
    state.positions[f"{me}/{n}.txt"] = n
    state.positions[f"{me}/moving.txt"] = n
    state.positions["shared.txt"] = rounds * int(me[1:]) + n
    mine = state.positions.set_at["shared.txt"]  # when this session set it, before merging
    state.read.add(f"{me}/{n}.txt")
    state.last_article = f"{me}/{n}.txt"
    save_state(path, state)
    if n % 10 == 0:  # and now and then a short one: load, change one thing, quit
        short = load_state(path)
        short.positions[f"{me}/short{n}.txt"] = n
        short.read.add(f"{me}/short{n}.txt")
        save_state(path, short)
print(json.dumps({"at": mine.isoformat(), "shared": rounds * int(me[1:]) + rounds - 1}))
"""


def test_concurrent_processes_lose_none_of_each_others_marks(tmp_path: Path) -> None:
    path, go, rounds, names = tmp_path / "state.toml", tmp_path / "go", 120, ["p0", "p1", "p2"]
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(path), me, str(rounds), str(go)],
                         cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for me in names
    ]
    go.touch()
    reads = 0
    while any(w.poll() is None for w in workers):  # every version on disk is whole
        if path.exists():
            tomllib.loads(path.read_text("utf-8"))
            reads += 1
        time.sleep(0.002)
    finals = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        finals.append(json.loads(out))
    state = load_state(path)
    for me in names:
        for n in range(rounds):
            assert state.positions[f"{me}/{n}.txt"] == n, (me, n)
            assert f"{me}/{n}.txt" in state.read
        for n in range(0, rounds, 10):
            assert state.positions[f"{me}/short{n}.txt"] == n
            assert f"{me}/short{n}.txt" in state.read
        assert state.positions[f"{me}/moving.txt"] == rounds - 1  # never set back
    newest = max(finals, key=lambda f: dt.datetime.fromisoformat(f["at"]))
    assert state.positions["shared.txt"] == newest["shared"]  # the one set last, by anyone
    assert state.last_article in {f"{me}/{rounds - 1}.txt" for me in names}
    assert reads > 0


SIGNAL_IN_SAVE = """
import os, signal, sys
from pathlib import Path
import reader.userdata.state as st
from reader.tui.signals import SignalExit

path = Path(sys.argv[1])

class App:
    session = type("S", (), {"state_path": path})()
    state = st.ReadingState(last_article="a.txt", positions={"a.txt": 7})

real_write, calls = st.atomic_write, []

def write(target, data, mode=0o600):
    if not calls:
        calls.append(1)
        os.kill(os.getpid(), signal.SIGTERM)  # arrives while this save holds the flock
    real_write(target, data, mode)

st.atomic_write = write
SignalExit(App()).install()
st.save_state(path, App.state)
"""


def test_a_signal_saving_inside_a_save_does_not_wait_for_itself(tmp_path: Path) -> None:
    """reader.tui.signals saves from the handler; a second flock of our own would never come."""
    path = tmp_path / "state.toml"
    done = subprocess.run([sys.executable, "-c", SIGNAL_IN_SAVE, str(path)], cwd=REPO,
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert load_state(path) == ReadingState("a.txt", {"a.txt": 7})
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
