import datetime as dt
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.userdata.library import Library

SAMPLE_ID = "000_8da56fbcbfc7ef32.txt"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "KZ_READER_CONFIG_DIR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def cfg(tmp_path: Path) -> str:
    return str(tmp_path / "cfg")


def write(root: Path, rel: str, data: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "arch"
    write(
        root,
        "2026/a.txt",
        "date 2026-03-01 Наурыз отырысы\nБірінші абзац.\n\nЕкінші абзац.\nДереккөз: a.kz\n",
    )
    write(root, "2025/b.txt", " date 2025-12-31 Желтоқсан\r\nЖалғыз абзац.\r\nSource: b.kz\r\n")
    write(root, "c.txt", "date 2026-01-10 Қаңтар\nМәтін [bold]x[/bold] \x1b[31mred\nЕкінші.\n")
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_error_line(code: int, out: str, err: str, *words: str) -> None:
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("kz-reader: ")
    assert "Traceback" not in err
    for word in words:
        assert word in lines[0]


def test_list_json_on_the_bundled_sample(capsys, cfg) -> None:
    code, out, err = run(capsys, "list", "--json", "--config-dir", cfg)
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert len(rows) == 1
    row = rows[0]
    assert set(row) == {"id", "date", "title", "source", "paragraphs", "words"}
    assert row["id"] == SAMPLE_ID
    assert row["date"] == "2026-02-02"
    assert row["title"].startswith("Қазақстан Республикасының Конституциясының")
    assert row["source"] == "osdp.kz"
    assert row["paragraphs"] == 8
    assert isinstance(row["words"], int) and row["words"] > 100


def test_list_text_newest_first_and_options_on_either_side(capsys, cfg, archive) -> None:
    code, out, _ = run(capsys, "list", "--archive", archive, "--config-dir", cfg)
    assert code == 0
    assert out.splitlines() == [
        "2026-03-01  2026/a.txt  Наурыз отырысы",
        "2026-01-10  c.txt  Қаңтар",
        "2025-12-31  2025/b.txt  Желтоқсан",
    ]
    code2, out2, _ = run(capsys, "--archive", archive, "--config-dir", cfg, "list")
    assert (code2, out2) == (code, out)


def test_list_json_nulls_on_a_temp_archive(capsys, cfg, archive) -> None:
    write(archive, "z/undated.txt", "Тек мәтін\n")
    code, out, _ = run(capsys, "--archive", archive, "list", "--json", "--config-dir", cfg)
    assert code == 0
    rows = {r["id"]: r for r in json.loads(out)}
    assert list(rows)[-1] == "z/undated.txt"  # undated last
    assert rows["z/undated.txt"]["date"] is None
    assert rows["c.txt"]["source"] is None
    assert rows["2025/b.txt"] == {
        "id": "2025/b.txt",
        "date": "2025-12-31",
        "title": "Желтоқсан",
        "source": "b.kz",
        "paragraphs": 1,
        "words": 2,
    }


def test_python_dash_m_reader(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reader", "list", "--json", "--config-dir", tmp_path / "c"],
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert [r["id"] for r in json.loads(done.stdout)] == [SAMPLE_ID]


def test_show_sample(capsys, cfg) -> None:
    code, out, err = run(capsys, "show", SAMPLE_ID, "--config-dir", cfg)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("Қазақстан Республикасының Конституциясының")
    assert lines[1] == "2 February 2026 · osdp.kz · 254 words · 2 min read"
    assert lines[-1] == "Дереккөз: osdp.kz"
    assert "\x1b" not in out


def test_show_by_path_and_latin(capsys, cfg, archive) -> None:
    path = archive / "2026" / "a.txt"
    code, out, _ = run(capsys, "show", path, "--latin", "--archive", archive, "--config-dir", cfg)
    assert code == 0
    assert out.splitlines() == [
        "Nauryz otyrysy",
        "1 March 2026 · a.kz · 4 words · 1 min read",  # the interface is English here
        "",
        "Bırınşı abzats.",
        "",
        "Ekınşı abzats.",
        "",
        "Derekköz: a.kz",
    ]


@pytest.mark.parametrize("extra", [[], ["--plain"]])
def test_show_prints_markup_literally_and_no_escape(capsys, cfg, archive, extra) -> None:
    code, out, _ = run(capsys, "show", "c.txt", *extra, "--archive", archive, "--config-dir", cfg)
    assert code == 0
    assert "Мәтін [bold]x[/bold] red" in out  # the whole escape sequence is gone
    assert "\x1b" not in out
    assert not any(ord(c) < 32 and c != "\n" for c in out)


def test_show_plain_wins_over_force_color(capsys, cfg, monkeypatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, out, _ = run(capsys, "show", SAMPLE_ID, "--plain", "--config-dir", cfg)
    assert code == 0 and "\x1b" not in out and "Дереккөз: osdp.kz" in out


def test_unknown_id(capsys, cfg) -> None:
    assert_one_error_line(*run(capsys, "show", "nope.txt", "--config-dir", cfg), "nope.txt")


@pytest.mark.parametrize(
    "argv",
    [["list", "--bogus"], ["--bogus"], ["show"], ["export", "--format", "pdf"], ["list", "extra"]],
)
def test_bad_flags(capsys, cfg, argv) -> None:
    assert_one_error_line(*run(capsys, *argv, "--config-dir", cfg))


@pytest.mark.parametrize("command", ["list", "check", "export"])
def test_missing_archive_folder(capsys, cfg, tmp_path, command) -> None:
    gone = tmp_path / "gone"
    assert_one_error_line(*run(capsys, command, "--archive", gone, "--config-dir", cfg), "gone")


def test_missing_archive_for_show_and_app(capsys, cfg, tmp_path) -> None:
    gone = tmp_path / "gone"
    assert_one_error_line(*run(capsys, "show", "a.txt", "--archive", gone, "--config-dir", cfg))
    assert_one_error_line(*run(capsys, "--archive", gone, "--config-dir", cfg))


def test_check_clean_archive(capsys, cfg, archive) -> None:
    (archive / "c.txt").unlink()  # the one with escape codes in it
    code, out, err = run(capsys, "check", "--archive", archive, "--config-dir", cfg)
    assert code == 0, out
    assert out == "no problems in 2 articles\n"


def test_check_messy_archive(capsys, cfg, archive) -> None:
    write(archive, "empty.txt", b"")
    write(archive, "nodate.txt", "Атауы жоқ\nМәтін\n")
    write(archive, "bad/date.txt", "date 2026-13-45 Title\nМәтін\n")
    write(archive, "cp.txt", "date 2026-01-01 Қазақ\nМәтін\n".encode("kz1048"))
    code, out, err = run(capsys, "check", "--archive", archive, "--config-dir", cfg)
    assert code == 1
    lines = out.splitlines()
    ids = {line.split(": ", 1)[0] for line in lines}
    assert {"empty.txt", "nodate.txt", "bad/date.txt", "cp.txt", "c.txt"} <= ids
    assert ids <= {"empty.txt", "nodate.txt", "bad/date.txt", "cp.txt", "c.txt"}
    assert any(line.startswith("bad/date.txt: ") and "2026-13-45" in line for line in lines)
    assert all(": " in line and "\x1b" not in line for line in lines)


def _library(cfg: str) -> Library:
    return Library(Path(cfg) / "library.toml")


def test_bookmarks_and_notes(capsys, cfg, archive) -> None:
    lib = _library(cfg)
    b = lib.add_bookmark("2026/a.txt", "Наурыз отырысы", dt.date(2026, 3, 1), 1, "маңызды")
    lib.add_bookmark("c.txt", "Қаңтар", None, 0, "a\x1b[31mb")
    n = lib.save_note("2026/a.txt", "Наурыз отырысы", 0, "Бірінші жол\nекінші жол")
    lib.save_note("gone.txt", "Жоқ", None, "бүкіл мақала")
    (archive / "c.txt").unlink()
    args = ("--archive", archive, "--config-dir", cfg)

    code, out, _ = run(capsys, "bookmarks", "--json", *args)
    assert code == 0
    rows = json.loads(out)
    assert rows[0] == {
        "id": b.id,
        "article": "2026/a.txt",
        "title": "Наурыз отырысы",
        "date": "2026-03-01",
        "paragraph": 1,
        "label": "маңызды",
        "created": b.created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tags": [],
        "status": "ok",
        "missing": False,
        "conflict": False,
    }
    assert rows[1]["date"] is None and rows[1]["missing"] is True

    code, out, _ = run(capsys, "bookmarks", *args)
    assert code == 0 and len(out.splitlines()) == 2
    assert "\x1b" not in out and "(missing)" in out.splitlines()[1]

    code, out, _ = run(capsys, "notes", "--json", *args)
    notes = json.loads(out)
    assert notes[0]["id"] == n.id and notes[0]["text"] == "Бірінші жол\nекінші жол"
    assert notes[0]["paragraph"] == 0 and notes[0]["missing"] is False
    assert notes[1]["paragraph"] is None and notes[1]["missing"] is True

    code, out, _ = run(capsys, "notes", *args)
    assert code == 0 and "    Бірінші жол\n    екінші жол\n" in out


def test_broken_library_toml(capsys, cfg) -> None:
    Path(cfg).mkdir()
    (Path(cfg) / "library.toml").write_text("version = 1\n[[bookmarks]\n")
    for command in ("bookmarks", "notes", "export"):
        assert_one_error_line(*run(capsys, command, "--config-dir", cfg), "library.toml")
    code, out, _ = run(capsys, "list", "--config-dir", cfg)
    assert code == 0 and SAMPLE_ID in out


def test_config_warning_goes_to_stderr(capsys, cfg) -> None:
    Path(cfg).mkdir()
    (Path(cfg) / "config.toml").write_text("theme = [\n")
    code, out, err = run(capsys, "list", "--config-dir", cfg)
    assert code == 0 and SAMPLE_ID in out
    assert err.startswith("kz-reader: warning: ") and "config.toml" in err


def test_export_markdown_and_json(capsys, cfg, archive) -> None:
    lib = _library(cfg)
    lib.add_bookmark("2026/a.txt", "Наурыз отырысы", dt.date(2026, 3, 1), 1, "маңызды")
    lib.save_note("2026/a.txt", "Наурыз отырысы", 0, "Менің жазбам")
    lib.add_bookmark("gone.txt", "Жоғалған", None, 2)
    args = ("--archive", archive, "--config-dir", cfg)

    code, md, _ = run(capsys, "export", *args)
    assert code == 0
    assert "## Наурыз отырысы" in md
    assert "### Bookmark at paragraph 2: маңызды" in md
    assert "> Екінші абзац." in md
    assert "> Бірінші абзац." in md and "Менің жазбам" in md
    assert md.index("## Наурыз отырысы") < md.index("## Жоғалған")
    assert "**Missing:**" in md.split("## Жоғалған")[1]

    code, text, _ = run(capsys, "export", "--format", "json", *args)
    assert code == 0
    data = json.loads(text)
    first, gone = data["bookmarks"]
    assert first["text"] == "Екінші абзац." and first["missing"] is False
    assert first["paragraph"] == 1 and first["label"] == "маңызды"
    assert gone["missing"] is True and gone["text"] is None
    note = data["notes"][0]
    assert note["text"] == "Менің жазбам" and note["paragraph_text"] == "Бірінші абзац."


def test_version_and_help(capsys) -> None:
    code, out, _ = run(capsys, "--version")
    assert (code, out) == (0, "kz-reader 0.1.0\n")
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "bookmarks" in out and "export" in out


def _fake_app(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, object]]:
    calls: list[tuple[object, object]] = []
    fake = types.ModuleType("reader.tui.app")

    def run_app(session, article_id):
        calls.append((session, article_id))
        return 0

    fake.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "reader.tui.app", fake)
    monkeypatch.setattr("reader.cli.main._not_a_terminal", lambda: None)  # capsys is no terminal
    return calls


def test_bare_command_starts_the_app_with_the_resolved_id(capsys, cfg, archive, monkeypatch):
    calls = _fake_app(monkeypatch)
    path = archive / "2026" / "a.txt"
    assert main(["--archive", str(archive), "--config-dir", cfg, str(path)]) == 0
    assert main(["--config-dir", cfg]) == 0
    (session, article_id), (session2, none) = calls
    assert article_id == "2026/a.txt" and session.archive == archive
    assert none is None and session2.archive.name == "sample"


def test_bare_command_unknown_id(capsys, cfg, monkeypatch) -> None:
    calls = _fake_app(monkeypatch)
    assert_one_error_line(*run(capsys, "--config-dir", cfg, "nope.txt"), "nope.txt")
    assert calls == []


def test_bare_command_with_a_file_from_outside_opens_it_among_its_neighbours(
        capsys, cfg, tmp_path, monkeypatch) -> None:
    calls = _fake_app(monkeypatch)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    article = downloads / "report.txt"
    article.write_text(" date 2026-03-01 Жиналыс\nМәтін.\n", encoding="utf-8")
    assert main(["--config-dir", cfg, str(article)]) == 0
    (session, article_id), = calls
    assert session.archive == downloads.resolve() and article_id == "report.txt"
