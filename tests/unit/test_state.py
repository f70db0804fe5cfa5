"""state.toml: reading never fails (it costs little to lose); writing is atomic and private."""

import datetime as dt
import os
import tomllib

import pytest

from reader.userdata import files as storage
from reader.userdata.state import ReadingState, load_state, save_state


def test_round_trip_and_what_lands_on_disk(tmp_path):
    path = tmp_path / "cfg" / "state.toml"
    state = ReadingState("2026/a.txt", {"2026/a.txt": 7, "b c.txt": 0}, {"z.txt", "a.txt"}, "nord")
    save_state(path, state)
    doc = tomllib.loads(path.read_text("utf-8"))
    seen = doc.pop("seen")
    assert doc == {
        "last_article": "2026/a.txt",
        "theme": "nord",
        "read": ["a.txt", "z.txt"],
        "positions": {"2026/a.txt": 7, "b c.txt": 0},
    }
    assert set(seen) == {"2026/a.txt", "b c.txt"}  # when each position was set, in UTC
    assert all(isinstance(t, dt.datetime) and t.utcoffset() == dt.timedelta(0)
               for t in seen.values())
    assert load_state(path) == state


def test_state_file_is_0600_even_with_umask_0(tmp_path):
    path = tmp_path / "state.toml"
    old = os.umask(0)
    try:
        save_state(path, ReadingState(last_article="a.txt"))
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o600


def test_empty_state_writes_and_reads_back(tmp_path):
    path = tmp_path / "state.toml"
    save_state(path, ReadingState())
    assert load_state(path) == ReadingState()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"last_article = ",
        b"\xff\xfe\x00garbage",
        b"[positions]\nx = 1\n[positions]\n",
    ],
)
def test_missing_or_broken_file_gives_an_empty_state(tmp_path, content):
    path = tmp_path / "state.toml"
    assert load_state(path) == ReadingState()
    path.write_bytes(content)
    assert load_state(path) == ReadingState()


def test_wrong_types_are_dropped_one_by_one(tmp_path):
    path = tmp_path / "state.toml"
    path.write_text(
        'last_article = 3\ntheme = "dark"\nread = ["a.txt", 1]\n'
        '[positions]\n"a.txt" = 2\n"b.txt" = "x"\n"c.txt" = -1\n"d.txt" = true\n'
        '[seen]\n"a.txt" = "yesterday"\n',
        "utf-8",
    )
    assert load_state(path) == ReadingState(None, {"a.txt": 2}, {"a.txt"}, "dark")


def test_a_folder_in_the_way_is_not_an_exception_on_read(tmp_path):
    (tmp_path / "state.toml").mkdir()
    assert load_state(tmp_path / "state.toml") == ReadingState()


def test_failed_save_raises_and_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "state.toml"
    save_state(path, ReadingState(last_article="old.txt"))
    before = path.read_bytes()

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", crash)
    with pytest.raises(OSError):
        save_state(path, ReadingState(last_article="new.txt"))
    assert path.read_bytes() == before


def test_non_utf8_ids_round_trip_through_stored_id(tmp_path):
    path = tmp_path / "state.toml"
    bad = "caf\udce9.txt"  # a non-UTF-8 file name, as the scanner reports it
    save_state(path, ReadingState(bad, {bad: 3, "ok.txt": 1}, {bad, "ok.txt"}))
    assert load_state(path) == ReadingState(bad, {bad: 3, "ok.txt": 1}, {bad, "ok.txt"})
    assert "\\u0000caf\\\\xe9.txt" in path.read_text("utf-8")  # escaped, as stored_id writes


def test_ids_no_file_name_can_make_are_left_out_not_fatal(tmp_path):
    path = tmp_path / "state.toml"
    bad = "caf\ud800.txt"  # a lone surrogate that is no undecodable byte
    save_state(path, ReadingState(bad, {bad: 3, "ok.txt": 1}, {bad, "ok.txt"}))
    assert load_state(path) == ReadingState(None, {"ok.txt": 1}, {"ok.txt"})
