"""One index for every reader of a server: the archive's owner keeps it (`kz-reader index
--shared`, from cron), readers who may not write it search it as it is. Run as `nobody`
when the tests run as root; otherwise write access is taken away with chmod."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.other_user import as_other_user, readable_site

from reader.cli.main import main

CLI = "import sys; from reader.cli.main import main; sys.exit(main(sys.argv[1:]))"


def write(root: Path, rel: str, date: str, title: str, body: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"date {date} {title}\n{body}\nДереккөз: maslihat.kz\n", encoding="utf-8")


@pytest.fixture
def site() -> Iterator[Path]:
    """An archive, an index folder and an installed kz-reader that another user can read."""
    base = Path(tempfile.mkdtemp(prefix="kz-site-", dir="/tmp"))
    try:
        base.chmod(0o755)
        archive = base / "archive"
        write(archive, "2025/03/a.txt", "2025-03-02", "Мәслихат сессиясы",
              "Депутаттар аудан бюджетін бекітті.")
        write(archive, "2025/04/b.txt", "2025-04-10", "Әкімдік жиналысы",
              "Тұрғындармен кездесу өтті.")
        (base / "index").mkdir()
        (base / "home").mkdir()
        readable_site(base)
        for path in (base, *base.rglob("*")):
            if not path.is_relative_to(base / "site"):
                path.chmod(0o755 if path.is_dir() else 0o644)
        if os.geteuid() == 0:
            os.chown(base / "home", 65534, 65534)
        yield base
    finally:
        for path in (base, *base.rglob("*")):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def owner(base: Path, monkeypatch: pytest.MonkeyPatch, capsys, *argv: str) -> str:
    """A command of the archive's owner (this test's own user)."""
    monkeypatch.setenv("KZ_READER_INDEX_DIR", str(base / "index"))
    code = main(["--config-dir", str(base / "owner-config"), *argv,
                 "--archive", str(base / "archive")])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def reader_runs(base: Path, *argv: str, index: str = "index") -> subprocess.CompletedProcess:
    """A command of another user, who may read the site but not write the index folder."""
    if os.geteuid() != 0:  # the same refusal for our own user
        (base / index).chmod(0o555)
        for path in (base / index).iterdir():
            path.chmod(0o444)
    env = {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8", "HOME": str(base / "home"),
           "KZ_READER_INDEX_DIR": str(base / index), "PYTHONPATH": str(base / "site")}
    command = as_other_user([sys.executable, "-S", "-c", CLI, *argv,
                             "--archive", str(base / "archive")])
    try:
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120,
                              cwd=base)
    finally:
        (base / index).chmod(0o755)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


@pytest.mark.parametrize("shared", [True, False], ids=["index --shared", "left in WAL"])
def test_a_reader_searches_the_owners_index_and_writes_nothing(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys, shared: bool) -> None:
    out = owner(site, monkeypatch, capsys, "index", *(["--shared"] if shared else []))
    assert out.startswith("2 articles in the index: 2 added")
    before = snapshot(site / "index")
    ran = reader_runs(site, "search", "маслихат", "--json")  # typed with Russian letters
    assert ran.returncode == 0 and ran.stderr == "", ran.stderr
    assert [hit["id"] for hit in json.loads(ran.stdout)] == ["2025/03/a.txt"]
    ran = reader_runs(site, "list", "--json")
    assert ran.returncode == 0 and len(json.loads(ran.stdout)) == 2
    assert snapshot(site / "index") == before  # no lock, no -shm, no change


def test_a_reader_sees_new_files_once_the_owner_indexed_them(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    owner(site, monkeypatch, capsys, "index", "--shared")
    write(site / "archive", "2025/05/c.txt", "2025-05-01", "Сессия", "Салық туралы.")
    (site / "archive" / "2025" / "05").chmod(0o755)
    (site / "archive" / "2025" / "05" / "c.txt").chmod(0o644)
    ran = reader_runs(site, "search", "салық", "--json")
    assert ran.returncode == 1 and json.loads(ran.stdout) == []  # not indexed yet
    out = owner(site, monkeypatch, capsys, "index", "--shared")
    assert ": 1 added, 0 changed, 0 removed" in out
    ran = reader_runs(site, "search", "салық", "--json")
    assert ran.returncode == 0 and [h["id"] for h in json.loads(ran.stdout)] == ["2025/05/c.txt"]


def test_a_reader_may_not_update_it_and_is_told_so(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    owner(site, monkeypatch, capsys, "index", "--shared")
    ran = reader_runs(site, "index")
    assert ran.returncode == 2 and ran.stdout == ""
    assert ran.stderr.count("\n") == 1 and "kept by its owner" in ran.stderr
    assert "Traceback" not in ran.stderr


def test_no_index_and_no_write_access(site: Path) -> None:
    """An index folder the reader cannot write, with no index in it: search says so in one
    line; list reads the folder itself instead."""
    (site / "empty").mkdir()
    (site / "empty").chmod(0o755)
    ran = reader_runs(site, "search", "мәслихат", index="empty")
    assert ran.returncode == 2 and ran.stdout == ""
    assert ran.stderr.startswith("kz-reader: no search index in ")
    assert ran.stderr.count("\n") == 1 and "no write access" in ran.stderr
    ran = reader_runs(site, "list", "--json", index="empty")
    assert ran.returncode == 0 and len(json.loads(ran.stdout)) == 2
    assert list((site / "empty").iterdir()) == []


def test_a_damaged_shared_index_is_reported_not_replaced(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    owner(site, monkeypatch, capsys, "index", "--shared")
    (database,) = (site / "index").glob("*.sqlite")
    database.write_bytes(b"not a database " * 100)
    ran = reader_runs(site, "search", "мәслихат")
    assert ran.returncode == 2 and ran.stderr.count("\n") == 1
    assert "only its owner can rebuild it" in ran.stderr
    assert database.read_bytes() == b"not a database " * 100
