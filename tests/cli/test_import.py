"""`kz-reader import`, `import-library` and the Markdown export: what the user sees, what lands
on disk, and that nothing already there is ever overwritten or duplicated."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import tomllib
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.userdata.library import Bookmark, Library, Note
from reader.userdata.paths import bundled_archive

SAMPLE_ID = "000_8da56fbcbfc7ef32.txt"
ARTICLE = " date 2026-02-02 Жиналыс\nБірінші абзац.\nЕкінші абзац.\nДереккөз: osdp.kz\n"


@pytest.fixture(autouse=True)
def _private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KZ_READER_CONFIG_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    return tmp_path / "cfg"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "arch"
    root.mkdir()
    shutil.copy(bundled_archive() / SAMPLE_ID, root / SAMPLE_ID)
    return root


@pytest.fixture
def incoming(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def put(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_import_copies_and_lists(capsys, cfg, archive, incoming) -> None:
    a = put(incoming, "a.txt", ARTICLE)
    b = put(incoming, "b.txt", "date 2026-01-05 Қаңтар\nМәтін\n")  # no source line
    code, out, err = run(capsys, "import", a, b, "--archive", archive, "--config-dir", cfg)
    assert code == 0, err
    assert (archive / "a.txt").read_bytes() == a.read_bytes()
    assert (archive / "b.txt").read_bytes() == b.read_bytes()
    lines = out.splitlines()
    assert lines[0] == f"imported {a} as a.txt"
    assert lines[1] == f"imported {b} as b.txt (problems: no source line)"
    assert lines[2].startswith("2 imported (archive: ")
    assert err == ""
    assert not [p for p in archive.iterdir() if p.name.startswith(".")]  # no temp file left
    code, out, _ = run(capsys, "list", "--json", "--archive", archive, "--config-dir", cfg)
    assert {row["id"] for row in json.loads(out)} == {SAMPLE_ID, "a.txt", "b.txt"}


def test_import_into_a_folder(capsys, cfg, archive, incoming) -> None:
    a = put(incoming, "a.txt", ARTICLE)
    code, out, _ = run(capsys, "import", "--into", "2026/02", a, "--archive", archive,
                       "--config-dir", cfg)
    assert code == 0
    assert (archive / "2026" / "02" / "a.txt").read_bytes() == a.read_bytes()
    assert f"imported {a} as 2026/02/a.txt" in out


@pytest.mark.parametrize("into", ["../outside", "/kz-reader-absolute", "a/../../b"])
def test_into_must_stay_inside_the_archive(capsys, cfg, archive, incoming, into) -> None:
    a = put(incoming, "a.txt", ARTICLE)
    code, out, err = run(capsys, "import", "--into", into, a, "--archive", archive,
                         "--config-dir", cfg)
    assert code == 2 and out == ""
    assert err.startswith("kz-reader: --into") and len(err.splitlines()) == 1
    assert sorted(p.name for p in archive.parent.iterdir()) == ["arch", "cfg", "in"]
    assert sorted(p.name for p in archive.iterdir()) == [SAMPLE_ID]


def test_never_overwrites(capsys, cfg, archive, incoming) -> None:
    mine = archive / "a.txt"
    mine.write_text(" date 2020-01-01 Менікі\nМенің мәтінім.\n", encoding="utf-8")
    before = mine.read_bytes()
    a = put(incoming, "a.txt", ARTICLE)
    code, out, err = run(capsys, "import", a, "--archive", archive, "--config-dir", cfg)
    assert code == 1
    assert mine.read_bytes() == before
    assert err == f"kz-reader: {a}: skipped: a.txt already exists with other content\n"
    assert out.splitlines()[-1].startswith("1 skipped")


def test_same_content_is_already_there(capsys, cfg, archive, incoming) -> None:
    a = put(incoming, "a.txt", ARTICLE)
    assert run(capsys, "import", a, "--archive", archive, "--config-dir", cfg)[0] == 0
    code, out, err = run(capsys, "import", a, "--archive", archive, "--config-dir", cfg)
    assert code == 0 and err == ""
    assert out.splitlines()[0] == f"{a}: already there (a.txt)"
    # the sample is in the archive already, under its own name
    sample = bundled_archive() / SAMPLE_ID
    code, out, _ = run(capsys, "import", sample, "--archive", archive, "--config-dir", cfg)
    assert code == 0 and "already there" in out


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \r\n\n\t\n", "empty file"),
        ("junk.txt", b"\x00\x01\x02PK\x03\x04" * 50, "binary data"),
        ("title-only.txt", " date 2026-01-01 Тек тақырып\n", "no readable text (no paragraphs)"),
        ("escapes.txt", b"\x1b[31m\x1b]0;x\x07\n", "empty file"),
        ("notes.md", ARTICLE, "not a .txt file (the archive lists only *.txt files)"),
    ],
)
def test_refuses_what_is_not_an_article(capsys, cfg, archive, incoming, name, data, why) -> None:
    bad = put(incoming, name, data)
    good = put(incoming, "good.txt", ARTICLE)
    code, out, err = run(capsys, "import", bad, good, "--archive", archive, "--config-dir", cfg)
    assert code == 1
    assert err == f"kz-reader: {bad}: refused: {why}\n"
    assert not (archive / name).exists()
    assert (archive / "good.txt").exists()
    assert out.splitlines()[-1].startswith("1 imported, 1 refused")


def test_refuses_missing_files_folders_and_fifos(capsys, cfg, archive, incoming) -> None:
    folder = incoming / "dir.txt"
    folder.mkdir()
    fifo = incoming / "pipe.txt"
    os.mkfifo(fifo)
    gone = incoming / "gone.txt"
    code, _, err = run(capsys, "import", folder, fifo, gone, "--archive", archive,
                       "--config-dir", cfg)
    assert code == 1
    assert err.splitlines() == [
        f"kz-reader: {folder}: refused: a folder, not a file",
        f"kz-reader: {fifo}: refused: not a regular file",
        f"kz-reader: {gone}: refused: no such file",
    ]
    assert sorted(p.name for p in archive.iterdir()) == [SAMPLE_ID]


def test_refuses_the_bundled_archive(capsys, cfg, incoming) -> None:
    a = put(incoming, "a.txt", ARTICLE)
    before = sorted(p.name for p in bundled_archive().iterdir())
    code, out, err = run(capsys, "import", a, "--config-dir", cfg)  # no archive configured
    assert code == 2 and out == ""
    assert err.startswith("kz-reader: the bundled sample archive") and "--archive" in err
    assert len(err.splitlines()) == 1
    assert sorted(p.name for p in bundled_archive().iterdir()) == before


def test_missing_archive_folder_is_a_usage_error(capsys, cfg, tmp_path, incoming) -> None:
    a = put(incoming, "a.txt", ARTICLE)
    code, _, err = run(capsys, "import", a, "--archive", tmp_path / "nope", "--config-dir", cfg)
    assert code == 2 and "does not exist" in err
    assert not (tmp_path / "nope").exists()


def test_usage_errors(capsys, cfg, archive) -> None:
    code, out, err = run(capsys, "import", "--archive", archive, "--config-dir", cfg)
    assert code == 2 and out == "" and err.startswith("kz-reader: ")
    code, out, err = run(capsys, "import-library", "--config-dir", cfg)
    assert code == 2 and out == "" and err.startswith("kz-reader: ")


def _library(cfg: Path) -> Library:
    return Library(cfg / "library.toml")


def _fill(cfg: Path) -> tuple[Bookmark, Note, Note]:
    lib = _library(cfg)
    b = lib.add_bookmark(SAMPLE_ID, "Конституция", dt.date(2026, 2, 2), 1, "маңызды")
    n = lib.save_note(SAMPLE_ID, "Конституция", 1, "Бірінші жол\nекінші жол")
    whole = lib.save_note("gone.txt", "Жоқ мақала", None, "бүкіл мақала туралы")
    return b, n, whole


def test_export_json_round_trips_into_an_empty_library(capsys, tmp_path, archive) -> None:
    src, dst = tmp_path / "src", tmp_path / "dst"
    b, n, whole = _fill(src)
    code, text, _ = run(capsys, "export", "--format", "json", "--archive", archive,
                        "--config-dir", src)
    assert code == 0
    export = put(tmp_path, "library.json", text)
    code, out, err = run(capsys, "import-library", export, "--config-dir", dst)
    assert code == 0, err
    assert out.splitlines()[:2] == ["bookmarks: 1 added, 0 already there",
                                    "notes: 2 added, 0 already there"]
    copy = _library(dst)
    assert copy.bookmarks == [b]
    assert copy.notes == [n, whole]
    assert (dst / "library.toml").stat().st_mode & 0o777 == 0o600
    raw = tomllib.loads((dst / "library.toml").read_text("utf-8"))
    assert "paragraph" not in raw["notes"][1]  # a note on the whole article stays one
    assert "created = 20" in (dst / "library.toml").read_text("utf-8")

    # again: nothing is duplicated, nothing written
    before = (dst / "library.toml").read_bytes()
    code, out, _ = run(capsys, "import-library", export, "--config-dir", dst)
    assert code == 0
    assert out.splitlines()[:2] == ["bookmarks: 0 added, 1 already there",
                                    "notes: 0 added, 2 already there"]
    assert (dst / "library.toml").read_bytes() == before


def test_merge_keeps_what_is_there_and_skips_a_second_bookmark_on_a_paragraph(
    capsys, tmp_path, archive, monkeypatch
) -> None:
    src, dst = tmp_path / "src", tmp_path / "dst"
    _fill(src)
    own = _library(dst).add_bookmark(SAMPLE_ID, "Менің атауым", None, 1, "менікі")
    other = _library(dst).add_bookmark(SAMPLE_ID, "Басқа", None, 4)
    code, text, _ = run(capsys, "export", "--format", "json", "--archive", archive,
                        "--config-dir", src)
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code, out, _ = run(capsys, "import-library", "-", "--config-dir", dst)
    assert code == 0
    assert out.splitlines()[0] == "bookmarks: 0 added, 1 already there"  # ¶1 is taken
    lib = _library(dst)
    assert lib.bookmarks == [own, other]
    assert len(lib.notes) == 2


def test_import_library_refuses_what_is_not_an_export(capsys, tmp_path, cfg) -> None:
    cases = {
        "bad.json": "{not json",
        "list.json": "[1, 2]",
        "other.json": '{"name": "x"}',
        "future.json": '{"version": 7, "bookmarks": []}',
        "shape.json": '{"bookmarks": {"a": 1}}',
    }
    for name, text in cases.items():
        path = put(tmp_path, name, text)
        code, out, err = run(capsys, "import-library", path, "--config-dir", cfg)
        assert code == 2 and out == "", name
        assert err.startswith("kz-reader: ") and len(err.splitlines()) == 1, name
    code, _, err = run(capsys, "import-library", tmp_path / "nope.json", "--config-dir", cfg)
    assert code == 2 and "cannot read" in err
    assert not (cfg / "library.toml").exists()


def test_unusable_entries_are_counted_not_imported(capsys, tmp_path, cfg) -> None:
    good = {"id": "b-00000001", "article": "a.txt", "title": "А", "date": "2026-02-02",
            "paragraph": 2, "label": "", "created": "2026-11-25T10:00:00Z"}
    bad = [dict(good, id="b-2", date="2026-13-45"), dict(good, id="b-3", paragraph=-1),
           dict(good, id="b-4", created="yesterday"), "not a table", {"id": "n-1"}]
    path = put(tmp_path, "x.json", json.dumps({"version": 1, "bookmarks": [good, *bad[:4]],
                                               "notes": bad[4:]}))
    code, out, err = run(capsys, "import-library", path, "--config-dir", cfg)
    assert code == 1
    assert out.splitlines()[0] == "bookmarks: 1 added, 0 already there"
    assert err == ("kz-reader: 5 unusable entries skipped: bookmark b-2: unusable 'date'; "
                   "bookmark b-3: unusable 'paragraph'; bookmark b-4: unusable 'created'; "
                   "a bookmark that is not a table; note n-1: unusable 'article'\n")
    (b,) = _library(cfg).bookmarks
    assert (b.id, b.paragraph, b.date) == ("b-00000001", 2, dt.date(2026, 2, 2))
    assert b.created == dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC)


def test_import_library_into_a_broken_library_writes_nothing(capsys, tmp_path, cfg) -> None:
    cfg.mkdir()
    broken = cfg / "library.toml"
    broken.write_text("version = 1\n[[bookmarks]\n")
    path = put(tmp_path, "x.json", '{"version": 1, "bookmarks": [], "notes": []}')
    code, _, err = run(capsys, "import-library", path, "--config-dir", cfg)
    assert code == 2 and "library.toml" in err
    assert broken.read_text() == "version = 1\n[[bookmarks]\n"


def test_library_merge_directly(tmp_path) -> None:
    lib = Library(tmp_path / "library.toml")
    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    b1 = Bookmark("b-1", "x.txt", "X", None, 0, "", when)
    b2 = Bookmark("b-2", "x.txt", "X", None, 0, "same place", when)
    n1 = Note("n-1", "x.txt", "X", None, "т", when, when)
    assert lib.merge([b1, b2, b1], [n1, n1]) == (1, 1)
    assert lib.bookmarks == [b1] and lib.notes == [n1]
    assert Library(tmp_path / "library.toml").bookmarks == [b1]
    assert lib.merge([], []) == (0, 0)


def test_markdown_digest_reads_on_its_own(capsys, cfg, archive) -> None:
    _fill(cfg)
    code, md, _ = run(capsys, "export", "--archive", archive, "--config-dir", cfg)
    assert code == 0
    sample, gone = md.split("## Жоқ мақала")
    assert "## Қазақстан Республикасының Конституциясының жаңа жобасын" in sample
    assert f"Article: `{SAMPLE_ID}`  \nDate: 2026 жылғы 2 ақпан  \nSource: osdp.kz\n" in sample
    assert "### Bookmark at paragraph 2: маңызды" in sample
    assert "> Отырыс барысында қатысушылар Конституцияға" in sample
    assert "Бірінші жол  \nекінші жол" in sample
    year = dt.datetime.now(dt.UTC).year
    assert f"Created {year} жылғы " in sample and " UTC" in sample
    assert "**Missing:**" in gone and "Source:" not in gone and "Date:" not in gone
    assert "бүкіл мақала туралы" in gone
