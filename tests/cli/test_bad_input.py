"""Hostile input to the real command line: each gets one line on stderr, the documented exit
status, never a traceback, and never exit 0 for a failure.

Every test runs `python -m reader` in a subprocess with its own config folder, archive and
cache, so closed or broken standard streams are the process's real ones.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from reader.search.index_file import db_path
from reader.userdata.paths import bundled_archive

SAMPLE_ID = "000_8da56fbcbfc7ef32.txt"
ROOT = Path(__file__).resolve().parents[2]
BROKEN_PIPE = 141  # 128 + SIGPIPE, as the shell reports `yes | head -1`'s yes


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("KZ_READER", "XDG_", "LC_", "FORCE_COLOR", "COLUMNS"))}
    env.update(HOME=str(tmp / "home"), XDG_CACHE_HOME=str(tmp / "cache"), LANG="C.UTF-8",
               PYTHONPATH=str(ROOT))
    return env


def kz(tmp: Path, *args: object, shell: str | None = None, **popen: object
       ) -> subprocess.CompletedProcess[str]:
    """`python -m reader ARGS`; shell wraps it (as "$@") in `sh -c` for redirections."""
    argv = [sys.executable, "-m", "reader", *map(str, args)]
    if shell is not None:
        argv = ["sh", "-c", shell, "sh", *argv]
    popen.setdefault("stdin", subprocess.DEVNULL)
    popen.setdefault("stdout", subprocess.PIPE)
    popen.setdefault("timeout", 120)
    return subprocess.run(argv, stderr=subprocess.PIPE, text=True, env=_env(tmp), cwd=tmp,
                          **popen)  # type: ignore[call-overload]


def one_line(result: subprocess.CompletedProcess[str], status: int, *words: str) -> str:
    """stderr is exactly one "kz-reader: ..." line with these words; the status is as said."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kz-reader: "), lines
    for word in words:
        assert word in lines[0], lines[0]
    assert result.returncode == status, (result.returncode, result.stderr)
    return lines[0]


def quiet(result: subprocess.CompletedProcess[str], status: int = 0) -> None:
    assert result.stderr == "", result.stderr
    assert result.returncode == status, result.returncode


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    (tmp_path / "home").mkdir()
    return tmp_path


@pytest.fixture
def cfg(tmp: Path) -> Path:
    return tmp / "cfg"


@pytest.fixture
def archive(tmp: Path) -> Path:
    root = tmp / "archive"
    root.mkdir()
    shutil.copy(bundled_archive() / SAMPLE_ID, root / SAMPLE_ID)
    return root


@pytest.fixture
def big(tmp: Path) -> Path:
    """1,000 articles with one shared word: `list` and `search` print far more than a pipe
    holds (64 KiB), so a reader that goes after one line leaves the writer mid-output."""
    root = tmp / "big"
    root.mkdir()
    for i in range(1000):
        (root / f"{i:04}.txt").write_text(
            f" date 2026-01-{i % 28 + 1:02} Жиналыс туралы ұзын тақырып нөмірі {i} "
            + "қосымша сөздер " * 5 + f"\nОтырыс {i} өтті. " + "Мәтін сөздері. " * 20
            + "\nДереккөз: osdp.kz\n", encoding="utf-8")
    return root


# 1. --limit past SQLite's 64-bit integers ---------------------------------------------------

def test_limit_past_64_bits_is_clamped(tmp, cfg, archive) -> None:
    result = kz(tmp, "search", "конституция", "--json", "--limit", "9" * 20,
                "--archive", archive, "--config-dir", cfg)
    quiet(result)
    assert [hit["id"] for hit in json.loads(result.stdout)] == [SAMPLE_ID]
    one_line(kz(tmp, "search", "x", "--limit", "-" + "9" * 20, "--archive", archive,
                "--config-dir", cfg), 2, "--limit")


# 2. closed, read-only, full and broken standard output ------------------------------------

@pytest.mark.parametrize("command", [
    ["list"], ["export"], ["export", "--format", "json"], ["search", "конституция"],
    ["show", SAMPLE_ID], ["check"], ["bookmarks"], ["--help"], ["completion", "bash"],
])
def test_closed_stdout_is_a_failure(tmp, cfg, archive, command) -> None:
    args = [*command, "--archive", archive, "--config-dir", cfg] if command != ["--help"] \
        else command
    one_line(kz(tmp, *args, shell='exec "$@" >&-'), 2, "standard output is closed")
    one_line(kz(tmp, *args, shell='exec "$@" 1</dev/null'), 2, "not open for writing")


@pytest.mark.parametrize("command", [["list"], ["show", SAMPLE_ID], ["--help"]])
def test_full_stdout_is_a_failure(tmp, cfg, archive, command) -> None:
    args = [*command, "--archive", archive, "--config-dir", cfg] if command != ["--help"] \
        else command
    with open("/dev/full", "w") as full:
        one_line(kz(tmp, *args, stdout=full), 2, "No space left on device")


@pytest.mark.parametrize("command", [["list"], ["search", "отырыс", "--limit", "1000"],
                                     ["list", "--json"], ["show", "long.txt"],
                                     ["show", "long.txt", "--plain"]])
def test_a_reader_that_leaves_early_ends_it_quietly(tmp, cfg, big, command) -> None:
    """`kz-reader search X | head -1`: the hits were printed; that is not "nothing found"
    (exit 1), nor a failure to report: quiet, 141 like any tool stopped by SIGPIPE. `show`
    of one long article too (one large write's loss went unreported: it exited 0)."""
    (big / "long.txt").write_text(" date 2026-02-01 Ұзын хаттама\n"  # 300 KB, one article
                                  + "Абзац мәтіні бір жолда.\n" * 8000, encoding="utf-8")
    # the index built first (on a loaded machine that takes over a second, and the build
    # says so on stderr: not what this test is about)
    assert kz(tmp, "index", "--archive", big, "--config-dir", cfg).returncode == 0
    argv = [sys.executable, "-m", "reader", *command, "--archive", str(big), "--config-dir",
            str(cfg)]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, env=_env(tmp), cwd=tmp)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == BROKEN_PIPE and err == "", err


def test_a_pipe_closed_before_any_output_is_quiet_too(tmp, cfg, archive) -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        result = kz(tmp, "list", "--archive", archive, "--config-dir", cfg, stdout=write)
    finally:
        os.close(write)
    quiet(result, BROKEN_PIPE)


# 3. config.toml: warnings only ------------------------------------------------------------

def _config(cfg: Path, text: str) -> None:
    cfg.mkdir(parents=True, exist_ok=True)
    (cfg / "config.toml").write_text(text, encoding="utf-8")


def test_archive_of_an_unknown_user_is_a_warning(tmp, cfg) -> None:
    _config(cfg, 'archive = "~nosuchuser-kz/x"\n')
    result = kz(tmp, "list", "--json", "--config-dir", cfg)
    one_line(result, 0, "warning", "archive", "nosuchuser-kz", "using the default")
    assert [row["id"] for row in json.loads(result.stdout)] == [SAMPLE_ID]  # the sample


def test_archive_with_a_nul_is_a_warning(tmp, cfg) -> None:
    _config(cfg, 'archive = "a\\u0000b"\n')
    one_line(kz(tmp, "list", "--config-dir", cfg), 0, "archive", "NUL")


def test_deeply_nested_config_is_a_warning(tmp, cfg) -> None:
    _config(cfg, "a = " + "[" * 3000 + "]" * 3000 + "\n")
    one_line(kz(tmp, "list", "--config-dir", cfg), 0, "config.toml", "not valid TOML")
    result = kz(tmp, "--help", "--config-dir", cfg)  # the language is peeked at first
    quiet(result)
    assert "usage:" in result.stdout


def test_markup_in_theme_and_key_names_stays_out_of_the_cli(tmp, cfg) -> None:
    """config.py passes them on (the app says which are not themes or keys); nothing raises."""
    _config(cfg, 'theme = "[/]"\n[keys]\n"[bold]" = "[/]"\n"q\\u001b[31m" = "x"\n')
    quiet(kz(tmp, "list", "--config-dir", cfg))
    from reader.userdata.config import load_config

    config, warnings = load_config(cfg)
    assert config.theme == "[/]" and warnings == []


def test_config_warnings_are_printable(tmp, cfg) -> None:
    _config(cfg, '"\\u001b[31mred" = 1\n[keys]\n"x\\u001b]0;t\\u0007" = 5\n')
    result = kz(tmp, "list", "--config-dir", cfg)
    assert result.returncode == 0 and "\x1b" not in result.stderr
    assert len(result.stderr.splitlines()) == 2 and "Traceback" not in result.stderr


# 4. import-library: what cannot be read, and entries that cannot be used ------------------

def test_import_library_refuses_devices_and_fifos(tmp, cfg) -> None:
    one_line(kz(tmp, "import-library", "/dev/zero", "--config-dir", cfg), 2,
             "/dev/zero", "not a regular file")
    fifo = tmp / "fifo.json"
    os.mkfifo(fifo)
    one_line(kz(tmp, "import-library", fifo, "--config-dir", cfg), 2, "not a regular file")
    one_line(kz(tmp, "import-library", tmp, "--config-dir", cfg), 2, "not a regular file")
    assert not (cfg / "library.toml").exists()


def test_import_library_caps_what_it_reads(tmp, cfg) -> None:
    huge = tmp / "huge.json"
    with open(huge, "wb") as f:
        f.truncate(65 * 1024 * 1024)  # sparse: costs no disk
    one_line(kz(tmp, "import-library", huge, "--config-dir", cfg), 2, "64 MiB")
    with open("/dev/zero", "rb") as zero:
        one_line(kz(tmp, "import-library", "-", "--config-dir", cfg, stdin=zero), 2,
                 "standard input", "64 MiB")


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000,
                                  '{"bookmarks": [' + "1" * 5000 + "]}",
                                  '{"bookmarks": [' + "{" * 50_000],
                         ids=["nested", "5000-digit-int", "unclosed"])
def test_import_library_refuses_pathological_json(tmp, cfg, text) -> None:
    path = tmp / "x.json"
    path.write_text(text)
    one_line(kz(tmp, "import-library", path, "--config-dir", cfg), 2, "not a JSON export")


def _mark(entry_id: str, paragraph: object = 1, **more: object) -> dict:
    return {"id": entry_id, "article": SAMPLE_ID, "title": "Т", "paragraph": paragraph,
            "label": "", "created": "2026-02-02T10:00:00Z", **more}


def test_unusable_entries_are_named_and_the_rest_merged(tmp, cfg) -> None:
    export = {"version": 1, "bookmarks": [
        _mark("b-ok", 1),
        _mark("b-year0", 2, created="0001-01-01T00:00:00+05:00"),  # UTC: year 0
        _mark("b-year99999", 3, created="99999-01-01T00:00:00Z"),
        _mark("b-late", 4, created="9999-12-31T23:00:00-05:00"),  # UTC: year 10000
        _mark("b-huge", 2**64),
        _mark("b-negative", -1),
        _mark("b-date", 5, date="99999-01-01"),
    ], "notes": [
        {"id": "n-ok", "article": SAMPLE_ID, "title": "Т", "text": "мәтін",
         "created": "2026-02-02T10:00:00Z", "updated": "2026-02-02T10:00:00Z"},
        {"id": "n-surrogate", "article": SAMPLE_ID, "title": "Т", "text": "a\ud800",
         "created": "2026-02-02T10:00:00Z"},
    ]}
    path = tmp / "x.json"
    path.write_text(json.dumps(export))
    result = kz(tmp, "import-library", path, "--config-dir", cfg)
    line = one_line(result, 1, "7 unusable entries skipped")
    for name in ("b-year0", "b-year99999", "b-late", "b-huge", "b-negative", "b-date",
                 "n-surrogate"):
        assert name in line
    assert "b-ok" not in line and "n-ok" not in line
    assert result.stdout.splitlines()[:2] == ["bookmarks: 1 added, 0 already there",
                                              "notes: 1 added, 0 already there"]
    library = tomllib.loads((cfg / "library.toml").read_text("utf-8"))  # other tools read it
    assert [b["id"] for b in library["bookmarks"]] == ["b-ok"]
    assert [n["id"] for n in library["notes"]] == ["n-ok"]
    assert library["bookmarks"][0]["created"] == dt.datetime(2026, 2, 2, 10, tzinfo=dt.UTC)
    again = kz(tmp, "import-library", path, "--config-dir", cfg)  # nothing new; same skips
    one_line(again, 1, "7 unusable entries skipped")
    assert again.stdout.splitlines()[0] == "bookmarks: 0 added, 1 already there"


def test_all_entries_merged_is_exit_0(tmp, cfg) -> None:
    path = tmp / "x.json"
    path.write_text(json.dumps({"version": 1, "bookmarks": [_mark("b-1")], "notes": []}))
    quiet(kz(tmp, "import-library", path, "--config-dir", cfg))


def test_many_unusable_entries_make_one_short_line(tmp, cfg) -> None:
    path = tmp / "x.json"
    bad = [_mark(f"b-{i}", -1) for i in range(500)]
    path.write_text(json.dumps({"version": 1, "bookmarks": bad, "notes": []}))
    line = one_line(kz(tmp, "import-library", path, "--config-dir", cfg), 1,
                    "500 unusable entries skipped", "and 490 more")
    assert len(line) < 1000


# 5. import --into through a symbolic link out of the archive -----------------------------

@pytest.mark.parametrize("into", ["out", "out/sub", "2026/link", "2026/link/deeper"])
def test_import_into_a_link_out_of_the_archive_is_refused(tmp, cfg, archive, into) -> None:
    outside = tmp / "outside"
    outside.mkdir()
    (archive / "out").symlink_to(outside)
    (archive / "2026").mkdir()
    (archive / "2026" / "link").symlink_to("../../outside")
    article = tmp / "new.txt"
    article.write_text(" date 2026-03-01 Жаңа\nМәтін.\n", encoding="utf-8")
    one_line(kz(tmp, "import", article, "--into", into, "--archive", archive,
                "--config-dir", cfg), 2, "out of the archive")
    assert list(outside.iterdir()) == []
    quiet(kz(tmp, "import", article, "--into", "2026/inside", "--archive", archive,
             "--config-dir", cfg))
    assert (archive / "2026" / "inside" / "new.txt").is_file()


# 6. bookmarks whose article id could name a file outside the archive ---------------------

def _library_with(cfg: Path, *articles: str) -> None:
    cfg.mkdir(parents=True, exist_ok=True)
    blocks = [f'[[bookmarks]]\nid = "b-{i}"\narticle = {json.dumps(a)}\ntitle = "T"\n'
              f"paragraph = 0\nlabel = \"\"\ncreated = 2026-01-01T00:00:00Z\n"
              for i, a in enumerate(articles)]
    (cfg / "library.toml").write_text("version = 1\n\n" + "\n".join(blocks), "utf-8")


def test_an_article_id_outside_the_archive_is_missing(tmp, cfg, archive) -> None:
    (tmp / "elsewhere.txt").write_text(" date 2026-01-01 X\nY\n", encoding="utf-8")
    (archive / "linked").symlink_to(tmp)
    _library_with(cfg, str(tmp / "elsewhere.txt"), "../elsewhere.txt", "./" + SAMPLE_ID,
                  "linked/elsewhere.txt", "/etc/passwd", SAMPLE_ID)
    for command in ("bookmarks", "notes"):
        result = kz(tmp, command, "--json", "--archive", archive, "--config-dir", cfg)
        quiet(result)
    rows = json.loads(kz(tmp, "bookmarks", "--json", "--archive", archive,
                         "--config-dir", cfg).stdout)
    assert [(r["article"], r["missing"]) for r in rows] == [
        (str(tmp / "elsewhere.txt"), True), ("../elsewhere.txt", True),
        ("./" + SAMPLE_ID, True), ("linked/elsewhere.txt", True), ("/etc/passwd", True),
        (SAMPLE_ID, False)]
    export = kz(tmp, "export", "--format", "json", "--archive", archive, "--config-dir", cfg)
    quiet(export)
    marks = json.loads(export.stdout)["bookmarks"]
    assert [m["missing"] for m in marks] == [True] * 5 + [False]
    assert [m["text"] for m in marks][:5] == [None] * 5


def test_ids_that_no_walk_makes_are_not_archive_ids() -> None:
    from reader.cli.commands import _is_archive_id

    assert _is_archive_id("2026/a.txt") and _is_archive_id(SAMPLE_ID)
    for bad in ("/etc/x.txt", "../x.txt", "a/../x.txt", "a//x.txt", "./x.txt", "a\0b.txt",
                "", "x.md", "a/"):
        assert not _is_archive_id(bad), bad


# 7. a damaged search index is rebuilt -----------------------------------------------------

def _damage(path: Path, how: str) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    size = path.stat().st_size
    if how == "pages":  # the table pages of docs and the search rows, and the middle half
        conn = sqlite3.connect(path)
        pages = [row[0] for row in conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name IN ('docs', 'fts_data', 'meta')")]
        conn.close()
        with open(path, "r+b") as f:
            for page in pages:
                f.seek((page - 1) * 4096)
                f.write(b"\xde\xad\xbe\xef" * 1024)
            f.seek(size // 4 // 4096 * 4096)
            f.write(b"junk" * (size // 2 // 4))
    elif how == "truncated":
        os.truncate(path, size // 2 // 4096 * 4096 + 100)
    else:
        path.write_bytes(b"this is not an SQLite database " * 1000)


@pytest.mark.parametrize("how", ["pages", "truncated", "not sqlite"])
def test_a_damaged_index_is_rebuilt_once(tmp, cfg, big, how) -> None:
    quiet(kz(tmp, "list", "--archive", big, "--config-dir", cfg, stdout=subprocess.DEVNULL))
    env = _env(tmp)
    path = Path(subprocess.run(
        [sys.executable, "-c", "import sys; from reader.search.index_file import db_path; "
         "print(db_path(sys.argv[1]))", str(big)],
        env=env, capture_output=True, text=True, check=True).stdout.strip())
    assert path.is_file() and path == db_path(big, tmp / "cache" / "kz-reader")
    for command in (["search", "отырыс", "--json", "--limit", "5"], ["list", "--json"]):
        _damage(path, how)
        result = kz(tmp, *command, "--archive", big, "--config-dir", cfg)
        assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr
        one_line(result, 0, "search index was damaged", "rebuilt")
        rows = json.loads(result.stdout)
        assert len(rows) == (5 if command[0] == "search" else 1000)
        again = kz(tmp, *command, "--archive", big, "--config-dir", cfg)
        quiet(again)
        assert json.loads(again.stdout) == rows


# 8. the app needs a terminal --------------------------------------------------------------

def test_the_app_refuses_a_file_for_stdout(tmp, cfg, archive) -> None:
    out = tmp / "out.txt"
    with open(out, "w") as f:
        result = kz(tmp, "--archive", archive, "--config-dir", cfg, stdout=f, timeout=30)
    one_line(result, 2, "needs a terminal (stdout is not one)", "kz-reader list")
    assert out.read_text() == ""


def test_the_app_refuses_stdin_that_is_not_a_terminal(tmp, cfg, archive) -> None:
    main, child = pty.openpty()
    try:
        result = kz(tmp, "--archive", archive, "--config-dir", cfg, stdout=child,
                    stdin=subprocess.DEVNULL)
    finally:
        os.close(child)
        os.close(main)
    one_line(result, 2, "needs a terminal (stdin is not one)")


def test_an_unusable_entry_is_named_on_stderr_and_kept(tmp_path: Path) -> None:
    """bookmarks/notes/export list the good entries and say which one was left out, and why."""
    config = tmp_path / "cfg"
    config.mkdir()
    library = config / "library.toml"
    library.write_text('version = 1\n\n[[bookmarks]]\nid = "b-good"\narticle = "a.txt"\n'
                       'paragraph = 1\ncreated = 2026-01-01T00:00:00Z\n\n[[notes]]\n'
                       'id = "n-old"\narticle = "a.txt"\ntext = "x"\n'
                       'created = 0001-01-01T00:00:00+05:00\n', "utf-8")
    before = library.read_bytes()
    for command in ("bookmarks", "notes", "export"):
        ran = subprocess.run([sys.executable, "-m", "reader", command, "--config-dir",
                              str(config), "--archive", str(tmp_path)],
                             capture_output=True, text=True, timeout=60)
        assert ran.returncode == 0, ran.stderr
        assert ran.stderr.splitlines() == [
            "kz-reader: left out of the list (kept in the file): note n-old: unusable 'created'"]
    assert library.read_bytes() == before


def test_a_query_word_after_a_dash_says_how_to_search_for_it(tmp_path: Path) -> None:
    """`search -ел` is read as an option by argparse, whose own message would say QUERY is
    missing: the line says what happened and how to write it; `--` then finds it."""
    result = kz(tmp_path, "search", "-ел")
    line = one_line(result, 2, "-ел", "-- -ел")
    assert "required" not in line
    found = kz(tmp_path, "search", "--", "-ел")
    assert found.returncode == 0 and SAMPLE_ID in found.stdout, found.stderr
    wrong = kz(tmp_path, "search", "--jsn", "ел")  # a mistyped option is still named as such
    one_line(wrong, 2, "--jsn")
