"""`kz-reader index --watch`, the installed program: a scraper's new file and an edit in
place are found by the next command at once; stopping it (SIGTERM, or SIGKILL with its
socket left behind) leaves every command working as before."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

KZ = str(Path(sys.executable).parent / "kz-reader")


def write(root: Path, rel: str, title: str, body: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"date 2026-02-03 {title}\n{body}\nДереккөз: maslihat.kz\n",
                    encoding="utf-8")
    return path


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    archive = tmp_path / "archive"
    for n in range(6):
        write(archive, f"2026/0{n % 2 + 1}/{n}.txt", f"Отырыс {n}", "Мәслихат сессиясы өтті.")
    env = dict(os.environ, KZ_READER_INDEX_DIR=str(tmp_path / "index"),
               KZ_READER_CONFIG_DIR=str(tmp_path / "config"), LANG="C.UTF-8")
    env.pop("LC_ALL", None)
    yield archive, env


def start(archive: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    watcher = subprocess.Popen([KZ, "--archive", str(archive), "index", "--watch"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out = ""
    deadline = time.monotonic() + 60
    while "watching" not in out and time.monotonic() < deadline:
        ready, _, _ = select.select([watcher.stdout], [], [], 1)
        if ready:
            line = watcher.stdout.readline()
            if not line:
                break
            out += line
    assert "watching" in out, (out, watcher.poll())
    return watcher, out


def search(archive: Path, env: dict[str, str], word: str) -> tuple[list[str], str]:
    ran = subprocess.run([KZ, "--archive", str(archive), "search", word, "--json"], env=env,
                         capture_output=True, text=True, timeout=60)
    return [hit["id"] for hit in json.loads(ran.stdout or "[]")], ran.stderr


def test_changes_are_found_at_once_and_sigterm_stops_cleanly(site) -> None:  # type: ignore[no-untyped-def]
    archive, env = site
    watcher, out = start(archive, env)
    try:
        assert out.splitlines()[0].startswith("6 articles in the index: 6 added")
        assert out.splitlines()[1].endswith("watching 4 folders for changes (Ctrl-C stops)")
        write(archive, "2026/02/new.txt", "Жаңа", "Көпір құрылысы басталды.")
        assert search(archive, env, "құрылысы") == (["2026/02/new.txt"], "")
        with (archive / "2026/01/0.txt").open("a", encoding="utf-8") as file:
            file.write("Су құбыры жөнделді.\n")  # in place: no folder's times change
        assert search(archive, env, "құбыры") == (["2026/01/0.txt"], "")
        second = subprocess.run([KZ, "--archive", str(archive), "index", "--watch"], env=env,
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 2
        assert second.stderr.strip().splitlines()[-1] == (
            "kz-reader: another kz-reader index --watch is watching this archive")
    finally:
        watcher.send_signal(signal.SIGTERM)
        rest, err = watcher.communicate(timeout=30)
    assert watcher.returncode == 0, err
    assert err == ""
    assert "1 added, 0 changed, 0 removed" in rest
    assert not list((Path(env["KZ_READER_INDEX_DIR"])).glob("*.watch"))


def test_a_killed_watcher_leaves_every_command_working(site) -> None:  # type: ignore[no-untyped-def]
    archive, env = site
    watcher, _ = start(archive, env)
    watcher.kill()
    watcher.communicate(timeout=30)
    assert list((Path(env["KZ_READER_INDEX_DIR"])).glob("*.watch"))  # left behind
    write(archive, "2026/03/after.txt", "Кейін", "Жолдар жөндеуі.")
    (archive / "2026/02/1.txt").unlink()
    started = time.monotonic()
    assert search(archive, env, "жөндеуі") == (["2026/03/after.txt"], "")
    assert time.monotonic() - started < 30
    hits, err = search(archive, env, "сессиясы")
    assert "2026/02/1.txt" not in hits and len(hits) == 5 and err == ""
    again, _ = start(archive, env)  # a new watcher takes the dead one's place
    again.send_signal(signal.SIGTERM)
    again.communicate(timeout=30)
    assert again.returncode == 0


def test_the_archive_gone_is_said_once_and_sigterm_still_stops_it(site) -> None:  # type: ignore[no-untyped-def]
    """An archive unmounted or removed under the watcher: tried again every few seconds,
    said once, never a loop that takes a core; a service manager's SIGTERM stops it."""
    import shutil

    archive, env = site
    watcher, _ = start(archive, env)
    shutil.rmtree(archive)
    time.sleep(1.5)
    ticks = _cpu_ticks(watcher.pid)
    time.sleep(1.0)
    assert _cpu_ticks(watcher.pid) - ticks < 30, "the watcher spins"  # < 0.3 s of 1 s
    watcher.send_signal(signal.SIGTERM)
    out, err = watcher.communicate(timeout=30)
    assert watcher.returncode == 0 and err == ""
    assert out.count("could not take the changes in") == 1, out


def _cpu_ticks(pid: int) -> int:
    """User and system time of the process, in clock ticks (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])
