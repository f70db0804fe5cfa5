"""The command line in Kazakh (language = "kk" in config.toml) and in English (no language
set, a C locale): help, argparse's own words, outputs and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli.main import main
from reader.i18n import set_language

SAMPLE_ID = "000_8da56fbcbfc7ef32.txt"


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "KZ_READER_CONFIG_DIR", "COLUMNS",
                 "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "100")
    yield
    set_language("en")  # the language is module state: leave English for the next test


def _config(folder: Path, text: str) -> str:
    folder.mkdir()
    (folder / "config.toml").write_text(text, encoding="utf-8")
    return str(folder)


@pytest.fixture
def kk(tmp_path: Path) -> str:
    return _config(tmp_path / "cfg-kk", 'language = "kk"\n')


@pytest.fixture
def en(tmp_path: Path) -> str:
    return _config(tmp_path / "cfg-en", "# no language: the locale (C) decides\n")


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "arch"
    (root / "bad").mkdir(parents=True)
    (root / "a.txt").write_text("date 2026-03-01 Наурыз\nАбзац.\nДереккөз: a.kz\n", "utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "nodate.txt").write_text("Атауы жоқ\nМәтін\n", "utf-8")
    (root / "bad" / "date.txt").write_text("date 2026-13-45 Title\nМәтін\n", "utf-8")
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_error(code: int, out: str, err: str) -> str:
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kz-reader: "), err
    return lines[0]


# English sentences of the help that must not be left in the Kazakh one.
ENGLISH_HELP = ("usage:", "options:", "positional arguments", "show this help message",
                "Examples:", "Read an archive", "every article", "the config folder",
                "the reader; reopens", "version number")


def test_help_in_kazakh(capsys, kk) -> None:
    code, out, err = run(capsys, "--config-dir", kk, "--help")
    assert (code, err) == (0, "")
    for word in ("қолданылуы: kz-reader", "Мысалдар:", "опциялар:", "позициялық аргументтер:",
                 "осы анықтаманы көрсетіп, шығу", "Қазақша жиналыс есептерінің мұрағатын оқу",
                 "барлық мақала", "баптаулар қалтасы", "оқу құралы; соңғы мақаланы қайта ашады"):
        assert word in out, word
    for english in ENGLISH_HELP:
        assert english not in out, english


@pytest.mark.parametrize("command", ["show", "search", "import", "completion"])
def test_command_help_in_kazakh(capsys, kk, command) -> None:
    code, out, _ = run(capsys, command, "--help", "--config-dir", kk)
    assert code == 0 and "Мысалдар:" in out and "қолданылуы:" in out
    for english in (*ENGLISH_HELP, "Exit status", "an article id", "at most N"):
        assert english not in out, english


def test_help_in_english(capsys, en) -> None:
    code, out, _ = run(capsys, "--config-dir", en, "--help")
    assert code == 0
    for word in ("usage: kz-reader", "Examples:", "options:", "Read an archive of Kazakh",
                 "the reader; reopens the last article", "show this help message and exit"):
        assert word in out, word
    assert "Мысалдар" not in out and "қолданылуы" not in out


def test_list_in_kazakh_and_english(capsys, tmp_path, kk, en) -> None:
    root = tmp_path / "undated"
    root.mkdir()
    (root / "u.txt").write_text("Күні жоқ мақала\nМәтін\n", "utf-8")
    code, out, _ = run(capsys, "list", "--config-dir", kk)
    assert code == 0 and out.startswith(f"2026-02-02  {SAMPLE_ID}  ")
    assert run(capsys, "list", "--archive", root, "--config-dir", kk)[1].startswith("күні жоқ")
    assert run(capsys, "list", "--archive", root, "--config-dir", en)[1].startswith("undated")


def test_show_meta_line(capsys, kk, en) -> None:
    code, out, _ = run(capsys, "show", SAMPLE_ID, "--plain", "--config-dir", kk)
    assert code == 0
    assert "2026 жылғы 2 ақпан · osdp.kz · 254 сөз · 2 мин оқу" in out
    out = run(capsys, "show", SAMPLE_ID, "--plain", "--config-dir", en)[1]
    assert "2 February 2026 · osdp.kz · 254 words · 2 min read" in out


def test_unknown_id(capsys, kk, en) -> None:
    line = one_error(*run(capsys, "show", "nope.txt", "--config-dir", kk))
    assert "'nope.txt' мақаласы жоқ" in line and "no article" not in line
    line = one_error(*run(capsys, "show", "nope.txt", "--config-dir", en))
    assert line.startswith("kz-reader: no article 'nope.txt' in ")


@pytest.mark.parametrize(("argv", "kazakh", "english"), [
    (["list", "--bogus"], "танылмаған аргументтер: --bogus", "unrecognized arguments: --bogus"),
    (["show"], "мына аргументтер міндетті: ID", "the following arguments are required: ID"),
    (["export", "--format", "pdf"], "--format аргументі: жарамсыз таңдау: 'pdf'",
     "argument --format: invalid choice: 'pdf'"),
    (["search", "x", "--limit", "0"], "--limit 1 не одан көп болуы керек",
     "--limit must be 1 or more"),
])
def test_usage_errors(capsys, kk, en, argv, kazakh, english) -> None:
    assert kazakh in one_error(*run(capsys, *argv, "--config-dir", kk))
    assert english in one_error(*run(capsys, *argv, "--config-dir", en))


def test_check_messy_archive(capsys, kk, en, archive) -> None:
    code, out, _ = run(capsys, "check", "--archive", archive, "--config-dir", kk)
    assert code == 1
    assert "empty.txt: бос файл" in out.splitlines()
    assert "nodate.txt: күн жолы жоқ" in out.splitlines()
    assert "empty file" not in out and "no date line" not in out
    out = run(capsys, "check", "--archive", archive, "--config-dir", en)[1]
    assert "empty.txt: empty file" in out.splitlines()
    (archive / "empty.txt").unlink()
    (archive / "nodate.txt").unlink()
    (archive / "bad" / "date.txt").unlink()
    assert run(capsys, "check", "--archive", archive, "--config-dir", kk)[1] == (
        "1 мақалада ақау жоқ\n")
    assert run(capsys, "check", "--archive", archive, "--config-dir", en)[1] == (
        "no problems in 1 article\n")


def test_search_without_a_result(capsys, kk, en, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    code, out, err = run(capsys, "search", "жоқсөзқққ", "--config-dir", kk)
    assert (code, out) == (1, "")
    assert "indexing" not in err
    line = one_error(*run(capsys, "search", "x", "--limit", "-1", "--config-dir", kk))
    assert "--limit" in line and "must be" not in line


def test_import_of_a_refused_file(capsys, kk, en, archive, tmp_path) -> None:
    empty = tmp_path / "empty-one.txt"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "import", empty, "--archive", archive, "--config-dir", kk)
    assert code == 1
    assert f"kz-reader: {empty}: қабылданбады: бос файл" in err.splitlines()
    assert out == f"1 қабылданбады (мұрағат: {archive})\n"
    code, out, err = run(capsys, "import", empty, "--archive", archive, "--config-dir", en)
    assert f"kz-reader: {empty}: refused: empty file" in err.splitlines()
    assert out == f"1 refused (archive: {archive})\n"


def test_import_and_import_library(capsys, kk, archive, tmp_path) -> None:
    new = tmp_path / "new.txt"
    new.write_text("date 2026-04-01 Сәуір\nАбзац.\nДереккөз: b.kz\n", "utf-8")
    code, out, _ = run(capsys, "import", new, "--archive", archive, "--config-dir", kk)
    assert code == 0 and out.splitlines()[0] == f"{new} импортталды: new.txt"
    bad = tmp_path / "bad.json"
    bad.write_text("[]", "utf-8")
    line = one_error(*run(capsys, "import-library", bad, "--config-dir", kk))
    assert "kz-reader экспорты емес" in line


def test_export_markdown_headings(capsys, kk) -> None:
    code, out, _ = run(capsys, "export", "--config-dir", kk)
    assert code == 0
    assert out == "# Бетбелгілер мен жазбалар\n\nӘзірге бетбелгі де, жазба да жоқ.\n"


def test_locale_picks_kazakh_without_a_setting(capsys, en, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "kk_KZ.UTF-8")
    code, out, _ = run(capsys, "--config-dir", en, "--help")
    assert code == 0 and "Мысалдар:" in out


def test_the_early_language_does_not_create_config(capsys, tmp_path) -> None:
    folder = tmp_path / "fresh"
    code, out, _ = run(capsys, "--config-dir", folder, "--help")
    assert code == 0 and "Examples:" in out
    assert not folder.exists()
