"""`kz-reader search` as a whole process: read without argparse (argv.search_args), ended
without the interpreter's teardown (main._leave). Whatever search_args reads, argparse reads
the same way; whatever it leaves to argparse, argparse reads, with its messages; and the
process that ends early has printed, written and closed all that the ordinary exit would."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import main as cli_main
from reader.cli.argv import UsageError, search_args
from reader.cli.main import main
from reader.cli.parser import _argparse_in_language, _build_parser

ROOT = Path(__file__).resolve().parents[2]

WORDS = ["search", "--archive", "--config-dir", "--archive=", "--archive=a", "--config-dir=c=d",
         "--archive=-q", "--json", "--json=1", "--limit", "--limit=3", "--limit=-2", "--limit=x",
         "--limit=", "5", "-5", "0", "+7", "--from", "--from=2024", "--to", "--to=", "--source",
         "--source=egemen.kz", "--in", "--in=library", "--in=archive", "--in=elsewhere",
         "library", "archive", "a", "b c", "", " ", "-", "--", "-h", "--help", "--version",
         "-x", "--bogus", "x=y", "list", "ж", "-ел", "--jso", "٣"]


def _argparse(argv: list[str]) -> dict | None:
    """What argparse makes of argv, or None when it refuses it."""
    try:
        with _argparse_in_language():
            return vars(_build_parser(False, "search").parse_args(argv))
    except (UsageError, SystemExit):
        return None


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=4),
       st.lists(st.sampled_from(WORDS), max_size=6))
def test_what_search_args_reads_argparse_reads_the_same(before: list[str],
                                                        after: list[str]) -> None:
    argv = [*before, "search", *after]
    fast = search_args(argv)
    if fast is not None:
        assert vars(fast) == _argparse(argv)


@pytest.mark.parametrize("argv", [
    ["search", "конституция"], ["search", "конституция", "--json"],
    ["--archive", "/a", "search", "a", "b", "--json", "--limit", "3"],
    ["--archive=/a", "--config-dir", "c", "search", "--json", "--limit=0", "a"],
    ["search", "--archive", "/b", "--config-dir=c", "x", "--from", "2024", "--to=2025-05"],
    ["--archive", "/a", "search", "x", "--archive", "/b"],
    ["search", "x", "--in", "library", "--source", "egemen.kz", "--in=archive"],
    ["search", "", "--json", "--json"], ["search", "x", "--limit", "+7"],
    ["search", "--limit=-3", "x"],
])
def test_plain_searches_are_read_without_argparse(argv: list[str]) -> None:
    fast = search_args(argv)
    assert fast is not None
    assert vars(fast) == _argparse(argv)


@pytest.mark.parametrize("argv", [
    ["search"], ["search", "--json"], ["search", "-ел"], ["search", "--", "-ел"],
    ["search", "a", "--json", "b"], ["search", "a", "--limit", "x"], ["search", "a", "--limit"],
    ["search", "a", "--limit", "-5"], ["search", "a", "--in", "nowhere"],
    ["search", "a", "--json=yes"], ["search", "a", "--bogus"], ["--bogus", "search", "a"],
    ["--archive", "search"], ["--archive", "-x", "search", "a"], ["list"], [],
    ["search", "a", "--jso"], ["search", "a", "-"],
])
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert search_args(argv) is None


def test_a_plain_search_loads_no_argparse(tmp_path: Path) -> None:
    """(Nor gettext, nor dataclasses and inspect: not even when nothing is found and the
    hints are looked for.)"""
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text("date 2026-03-01 Отырыс\nМәслихат отырысы.\n",
                                   encoding="utf-8")
    script = ("import sys\n"
              "from reader.cli.main import main\n"
              f"codes = [main(['--archive', {str(archive)!r}, 'search', word, '--json'])\n"
              "         for word in ('отырыс', 'жоқсөзқазақ')]\n"
              "print(codes, sorted(m for m in ('argparse', 'gettext', 'dataclasses', 'inspect')"
              " if m in sys.modules), file=sys.stderr)")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"),
               KZ_READER_CONFIG_DIR=str(tmp_path / "cfg"))
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=60, check=True, env=env)
    assert ran.stderr.strip().splitlines()[-1] == "[0, 1] []", ran.stderr


# The process that ends early (main._leave) -------------------------------------------------

def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("KZ_READER", "XDG_", "LC_", "FORCE_COLOR", "COLUMNS"))}
    env.update(HOME=str(tmp / "home"), XDG_CACHE_HOME=str(tmp / "cache"), LANG="C.UTF-8",
               PYTHONPATH=str(ROOT), KZ_READER_CONFIG_DIR=str(tmp / "cfg"))
    return env


def _article(root: Path, rel: str, title: str, body: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"date 2026-03-0{len(rel) % 9 + 1} {title}\n{body}\n", encoding="utf-8")


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    for n in range(30):
        _article(root, f"2026/0{n % 3 + 1}/a{n:02d}.txt", f"Мәслихат отырысы {n}",
                 f"Облыстық мәслихаттың {n}-ші отырысы өтті. Конституция туралы айтылды.")
    return root


def _process(tmp: Path, *argv: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "reader", *argv], capture_output=True,
                          env=_env(tmp), cwd=tmp, timeout=120)


def _in_process(capsysbinary: pytest.CaptureFixture[bytes], *argv: str
                ) -> tuple[int, bytes, bytes]:
    code = main(list(argv))
    out, err = capsysbinary.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv", [
    ["search", "отырыс", "--json"], ["search", "конституция", "--limit", "2000"],
    ["search", "жоқсөзқазақ", "--json"], ["search", "мәслихат"], ["list", "--json"], ["list"],
    ["search", "--limit=3", "отырыс", "--from", "2026-03", "--json"],
])
def test_the_process_prints_what_main_returns(tmp_path, archive, capsysbinary, monkeypatch,
                                              argv) -> None:
    """Everything printed lands, with the exit status main() returns in a caller's process
    (where the interpreter is not left early), to a file and to a pipe alike."""
    args = ["--archive", str(archive), *argv]
    assert _process(tmp_path, "index", "--archive", str(archive)).returncode == 0
    for name, value in _env(tmp_path).items():
        monkeypatch.setenv(name, value)
    code, out, err = _in_process(capsysbinary, *args)
    assert code in (0, 1)
    piped = _process(tmp_path, *args)
    assert (piped.returncode, piped.stdout, piped.stderr) == (code, out, err)
    with open(tmp_path / "out", "wb") as file:
        ran = subprocess.run([sys.executable, "-m", "reader", *args], stdout=file,
                             stderr=subprocess.PIPE, env=_env(tmp_path), cwd=tmp_path,
                             timeout=120)
    assert (ran.returncode, (tmp_path / "out").read_bytes(), ran.stderr) == (code, out, err)


def test_an_update_made_by_a_search_is_all_on_disk(tmp_path, archive) -> None:
    """The search that finds new files writes them into the index, and closes it, before
    the process ends: the next process (and SQLite itself) finds a whole index, no WAL
    left to replay."""
    assert _process(tmp_path, "index", "--archive", str(archive)).returncode == 0
    for n in range(40):
        _article(archive, f"2026/04/new{n:02d}.txt", f"Жаңа хаттама {n}",
                 f"Бенчмаркжаңасөз туралы {n}.")
    (archive / "2026/01/a00.txt").unlink()
    ran = _process(tmp_path, "--archive", str(archive), "search", "бенчмаркжаңасөз", "--json",
                   "--limit", "100")
    assert ran.returncode == 0, ran.stderr
    assert len(json.loads(ran.stdout)) == 40
    (index,) = (tmp_path / "cache").rglob("*.sqlite")
    wal = Path(f"{index}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    conn = sqlite3.connect(index)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM docs").fetchone() == (69,)
    finally:
        conn.close()
    listed = _process(tmp_path, "--archive", str(archive), "list", "--json")
    assert len(json.loads(listed.stdout)) == 69


class _Stream:
    def __init__(self, fails: bool = False) -> None:
        self.fails = fails
        self.flushed = 0

    def flush(self) -> None:
        if self.fails:
            raise BrokenPipeError
        self.flushed += 1


@pytest.fixture
def exits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """os._exit recorded instead of done."""
    codes: list[int] = []
    monkeypatch.setattr(os, "_exit", codes.append)
    return codes


def test_leave_ends_the_process_with_both_streams_flushed(monkeypatch, exits) -> None:
    out, err = _Stream(), _Stream()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr("atexit._ncallbacks", lambda: 0)
    monkeypatch.setattr("threading.active_count", lambda: 1)
    cli_main._leave(1)
    assert exits == [1] and out.flushed == err.flushed == 1


@pytest.mark.parametrize("why", ["atexit", "thread", "stdout", "stderr"])
def test_leave_leaves_it_to_the_interpreter_when_that_has_work(monkeypatch, exits,
                                                               why) -> None:
    """An atexit handler (multiprocessing's, a weakref.finalize), another thread, or a
    stream that cannot be flushed (the ordinary exit reports it): no early end."""
    monkeypatch.setattr(sys, "stdout", _Stream(fails=why == "stdout"))
    monkeypatch.setattr(sys, "stderr", _Stream(fails=why == "stderr"))
    monkeypatch.setattr("atexit._ncallbacks", lambda: int(why == "atexit"))
    monkeypatch.setattr("threading.active_count", lambda: 2 if why == "thread" else 1)
    cli_main._leave(0)
    assert exits == []


def test_main_called_by_a_program_never_ends_it(tmp_path, archive, capsys, monkeypatch,
                                                exits) -> None:
    """Only the command itself (argv from sys.argv) ends early: a caller of main() gets its
    status back, and the garbage collector's thresholds as they were."""
    import gc

    monkeypatch.setattr("atexit._ncallbacks", lambda: 0)
    monkeypatch.setattr("threading.active_count", lambda: 1)
    monkeypatch.setenv("KZ_READER_CONFIG_DIR", str(tmp_path / "cfg"))
    thresholds = gc.get_threshold()
    assert main(["--archive", str(archive), "search", "отырыс", "--json"]) == 0
    assert exits == [] and gc.get_threshold() == thresholds
    assert json.loads(capsys.readouterr().out)
    monkeypatch.setattr(sys, "argv", ["kz-reader", "--archive", str(archive), "search",
                                      "отырыс", "--json"])
    try:
        main()
        assert exits == [0]
    finally:
        gc.set_threshold(*thresholds)
