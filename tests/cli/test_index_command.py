"""`kz-reader index`: what a cron job and a person at a terminal get."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest

from reader.cli.main import main
from tests.support.archive import before_listing


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "KZ_READER_CONFIG_DIR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


def write(root: Path, rel: str, title: str, body: str = "Бірінші абзац.") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"date 2026-03-01 {title}\n{body}\nДереккөз: a.kz\n", encoding="utf-8")
    return path


def age(root: Path) -> None:
    """Folder times a minute back, as an archive's are (the walk trusts only those)."""
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        st = folder.stat()
        os.utime(folder, ns=(st.st_atime_ns, st.st_mtime_ns - 60_000_000_000))


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "arch"
    for n in range(12):
        write(root, f"2026/{n:02d}.txt", f"Отырыс {n}")
    write(root, "2025/12/old.txt", "Желтоқсан")
    return root


def run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--config-dir", str(tmp_path / "cfg"), *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_cron_job_gets_one_summary_line(capsys, tmp_path: Path, archive: Path) -> None:
    code, out, err = run(capsys, tmp_path, "index", "--archive", archive)
    assert code == 0 and err == ""
    assert out.startswith("13 articles in the index: 13 added, 0 changed, 0 removed in ")
    assert out.count("\n") == 1
    write(archive, "2026/new.txt", "Мәслихат сессиясы")
    (archive / "2026" / "00.txt").unlink()
    code, out, err = run(capsys, tmp_path, "index", "--archive", archive)
    assert out.startswith("13 articles in the index: 1 added, 0 changed, 1 removed")
    code, out, err = run(capsys, tmp_path, "search", "мәслихат", "--json", "--archive", archive)
    assert code == 0 and '"2026/new.txt"' in out


def test_full_finds_an_edit_in_place(capsys, tmp_path: Path, archive: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing into a file keeps its folder's times: the quick look misses it, --full not.
    (The folders are trusted at once here: a real archive's are older than the racy
    window of two seconds.)"""
    monkeypatch.setattr("reader.search.index_walk.RACY_NS", 0)
    run(capsys, tmp_path, "index", "--archive", archive)
    age(archive)
    run(capsys, tmp_path, "index", "--archive", archive)
    path = archive / "2026" / "03.txt"
    st = path.stat()
    with path.open("a", encoding="utf-8") as file:
        file.write("Бюджет туралы қосымша абзац.\n")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    code, out, _ = run(capsys, tmp_path, "index", "--archive", archive)
    assert ": 0 added, 0 changed, 0 removed" in out
    code, out, _ = run(capsys, tmp_path, "index", "--full", "--archive", archive)
    assert code == 0 and ": 0 added, 1 changed, 0 removed" in out
    code, out, _ = run(capsys, tmp_path, "search", "бюджет", "--json", "--archive", archive)
    assert code == 0 and '"2026/03.txt"' in out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_progress_bar_that_clears(capsys, tmp_path: Path, archive: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    code, out, _ = run(capsys, tmp_path, "index", "--archive", archive)
    shown = terminal.getvalue()
    assert code == 0 and out.startswith("13 articles in the index: 13 added")
    assert "indexing ▕" in shown and "100% 13/13" in shown
    assert shown.endswith("\r\x1b[K")  # the bar is gone before the summary line
    assert "\n" not in shown


def test_kazakh_summary(capsys, tmp_path: Path, archive: Path,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "kk_KZ.UTF-8")
    code, out, _ = run(capsys, tmp_path, "index", "--archive", archive)
    assert code == 0 and out.startswith("индексте 13 мақала: 13 қосылды, 0 өзгерді, 0 жойылды")


def test_bad_places_are_one_line_and_exit_2(capsys, tmp_path: Path, archive: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(capsys, tmp_path, "index", "--archive", tmp_path / "nowhere")
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert err.startswith("kz-reader: archive folder") and "not readable" in err
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # the cache cannot be made there
    code, out, err = run(capsys, tmp_path, "index", "--archive", archive)
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "Traceback" not in err and "a-file" in err


def test_a_slow_file_system_is_said_not_silent(capsys, tmp_path: Path, archive: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A network mount that answers slowly: a command says it is looking through the archive
    (one line when not on a terminal), then answers as usual."""
    for n in range(30):
        write(archive, f"2024/{n:02d}/a.txt", f"Жиналыс {n}")
    before_listing(monkeypatch, lambda path: time.sleep(0.05))
    code, out, err = run(capsys, tmp_path, "search", "жиналыс", "--json", "--archive", archive)
    assert code == 0 and len(json.loads(out)) == 20
    assert err.startswith("kz-reader: looking through the archive: ") and err.count("\n") == 1
