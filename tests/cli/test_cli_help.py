"""Every command's --help has examples, and the examples do what they say: each one is run
here against a temporary home with the archive and config the examples assume."""

from __future__ import annotations

import io
import shlex
import shutil
import sys
import types
from pathlib import Path

import pytest

from reader import __version__
from reader.archive.excerpt import ParagraphLookup
from reader.archive.scan import scan_archive
from reader.cli.main import COMMANDS, _first_positional, main
from reader.userdata.library import Library
from reader.userdata.paths import bundled_archive
from reader.userdata.resolve import Resolver
from reader.userdata.transfer import export_json

SAMPLE_ID = "000_8da56fbcbfc7ef32.txt"
ARTICLE = " date 2026-02-20 Жаңа жиын\nАбзац.\nДереккөз: osdp.kz\n"


def help_text(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main([*argv, "--help"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return out


def examples(text: str) -> list[str]:
    """The command lines under "Examples:" (comment-only continuation lines skipped)."""
    assert "\nExamples:\n" in text
    block = text.split("\nExamples:\n", 1)[1].split("\n\n", 1)[0]
    lines = [line.strip() for line in block.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_has_examples_of_itself(capsys, command) -> None:
    found = examples(help_text(capsys, *([command] if command else [])))
    assert found and all(line.startswith("kz-reader") for line in found)
    if command:
        ran = [_first_positional(shlex.split(line, comments=True)[1:]) for line in found]
        assert command in ran


def test_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"kz-reader {__version__}\n"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """~/kz-archive (the sample), named in config.toml; a library; files to import in cwd."""
    home = tmp_path / "home"
    archive = home / "kz-archive"
    archive.mkdir(parents=True)
    shutil.copy(bundled_archive() / SAMPLE_ID, archive / SAMPLE_ID)
    config = tmp_path / "cfg"
    config.mkdir()
    (config / "config.toml").write_text('archive = "~/kz-archive"\n', encoding="utf-8")
    library = Library(config / "library.toml")
    library.add_bookmark(SAMPLE_ID, "Конституция", None, 1, "реформа")
    library.save_note(SAMPLE_ID, "Конституция", None, "жазба")
    work = tmp_path / "work"
    work.mkdir()
    (work / "report.txt").write_text(ARTICLE, encoding="utf-8")
    (work / "other.txt").write_text(ARTICLE.replace("Жаңа", "Басқа"), encoding="utf-8")
    lookup = ParagraphLookup(scan_archive(archive))
    resolved = [Resolver(lookup).resolve(e) for e in library.entries()]
    (work / "library.json").write_text(export_json(library.entries(), resolved, lookup),
                                       "utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("KZ_READER_CONFIG_DIR", str(config))
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.chdir(work)
    return home


def _fake_app(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    opened: list[str | None] = []
    fake = types.ModuleType("reader.tui.app")
    fake.run_app = lambda session, article_id: opened.append(article_id) or 0  # type: ignore
    monkeypatch.setitem(sys.modules, "reader.tui.app", fake)
    monkeypatch.setattr("reader.cli.main._not_a_terminal", lambda: None)  # capsys is no terminal
    return opened


def run_line(line: str, capsys, monkeypatch) -> None:
    """Run one example as a shell would: `a | b` feeds a's output to b, `> FILE` saves it."""
    words = shlex.split(line, comments=True)
    stdin = ""
    while words:
        stage = words[: words.index("|")] if "|" in words else words
        words = words[len(stage) + 1 :]
        target = None
        if ">" in stage:
            stage, target = stage[: stage.index(">")], stage[stage.index(">") + 1]
        assert stage[0] == "kz-reader", line
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(stage[1:])
        out, err = capsys.readouterr()
        assert code == 0, f"{line}: exit {code}: {err}"
        assert "kz-reader: " not in err, f"{line}: {err}"
        if target:
            Path(target).write_text(out, encoding="utf-8")
            assert out.strip(), line
        stdin = out


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_the_examples_run(capsys, monkeypatch, home, command) -> None:
    lines = examples(help_text(capsys, *([command] if command else [])))
    opened = _fake_app(monkeypatch)
    for line in lines:
        run_line(line, capsys, monkeypatch)
    apps = [line for line in lines if _first_positional(shlex.split(line)[1:]) not in COMMANDS]
    assert len(opened) == len(apps)
    if command == "":
        assert opened[:2] == [None, SAMPLE_ID]
    if command == "import":
        assert (home / "kz-archive" / "report.txt").read_text("utf-8") == ARTICLE
        assert (home / "kz-archive" / "2026" / "02" / "other.txt").exists()
    if command == "import-library":
        assert len(Library(home / "copy" / "library.toml").bookmarks) == 1
    if command == "export":
        assert Path("digest.md").read_text("utf-8").startswith("# Bookmarks and notes")
