"""Shell completion: the scripts parse, load, and complete what the parser accepts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reader.cli.main import COMMANDS, main

BASH = shutil.which("bash")
ZSH = shutil.which("zsh")


def script(capsys: pytest.CaptureFixture[str], shell: str) -> str:
    code = main(["completion", shell])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return out


def test_completion_needs_no_config(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KZ_READER_CONFIG_DIR", str(tmp_path / "cfg"))
    script(capsys, "bash")
    assert not (tmp_path / "cfg").exists()  # a shell start-up file runs this: no side effects


def test_bad_shell_is_a_usage_error(capsys) -> None:
    assert main(["completion", "fish"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("kz-reader: ") and "fish" in err


def test_bash_script_parses_and_registers(capsys) -> None:
    assert BASH, "bash is needed for these tests"
    text = script(capsys, "bash")
    syntax = subprocess.run([BASH, "-n"], input=text, capture_output=True, text=True)
    assert syntax.returncode == 0, syntax.stderr
    shown = subprocess.run([BASH, "-c", text + "\ncomplete -p kz-reader"], capture_output=True,
                           text=True)
    assert shown.stdout.strip() == "complete -F _kz_reader kz-reader", shown.stderr


def complete_bash(text: str, cwd: Path, *words: str) -> list[str]:
    """What Tab offers after `words` (the last one is the word being completed)."""
    quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in ("kz-reader", *words))
    probe = (
        text + f"\nCOMP_WORDS=({quoted}); COMP_CWORD={len(words)}; _kz_reader\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    assert BASH
    done = subprocess.run([BASH, "-c", probe], capture_output=True, text=True, cwd=cwd)
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


def test_bash_completes_commands_options_and_values(capsys, tmp_path) -> None:
    text = script(capsys, "bash")
    (tmp_path / "report one.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    assert complete_bash(text, tmp_path, "") == list(COMMANDS)
    assert complete_bash(text, tmp_path, "im") == ["import", "import-library"]
    assert complete_bash(text, tmp_path, "export", "--format", "") == ["md", "json", "obsidian"]
    assert complete_bash(text, tmp_path, "completion", "") == ["bash", "zsh"]
    assert complete_bash(text, tmp_path, "completion", "bash", "") == []
    assert complete_bash(text, tmp_path, "list", "--j") == ["--json"]
    assert complete_bash(text, tmp_path, "show", "--l") == ["--latin"]
    assert "--into" in complete_bash(text, tmp_path, "import", "--")
    assert complete_bash(text, tmp_path, "--archive", "s") == ["sub"]
    assert complete_bash(text, tmp_path, "import", "--into", "") == ["sub"]
    files = ["report one.txt", "sub"]
    assert sorted(complete_bash(text, tmp_path, "import", "a.txt", "")) == files
    assert sorted(complete_bash(text, tmp_path, "show", "")) == files
    assert complete_bash(text, tmp_path, "show", "x.txt", "") == []  # one id only
    assert complete_bash(text, tmp_path, "rep") == ["report one.txt"]  # `kz-reader FILE`
    # options before the command are skipped over
    assert complete_bash(text, tmp_path, "--config-dir", "c", "export", "--f") == ["--format"]


def test_zsh_script(capsys) -> None:
    text = script(capsys, "zsh")
    lines = text.splitlines()
    assert lines[0] == "#compdef kz-reader"
    assert "compdef _kz_reader kz-reader" in text
    for name in COMMANDS:
        assert f"\n    '{name}:" in text  # described ...
        assert f"\n        {name}) _arguments " in text  # ... and with its own options
    assert ("'--format=[md (the default), json, or obsidian (one Markdown file an article, "
            "in DIR)]:format:(md json obsidian)'") in text
    assert "'1:shell:(bash zsh)'" in text
    assert "'--into=[a folder inside the archive, like 2026/02]:dir:_files -/'" in text
    assert "'*:file:_files'" in text  # import takes many files
    assert "program'\\''s version" in text  # a quote in a help text is escaped
    if ZSH:
        syntax = subprocess.run([ZSH, "-n"], input=text, capture_output=True, text=True)
        assert syntax.returncode == 0, syntax.stderr
        # -D: no dump file; never name /dev/null as one (a dump would replace the device).
        probe = ("autoload -Uz compinit && compinit -u -D\n" + text
                 + "\nprint -r -- ${_comps[kz-reader]}\n")
        done = subprocess.run([ZSH, "-f", "-c", probe], capture_output=True, text=True)
        assert done.stdout.strip() == "_kz_reader", done.stderr


def test_bash_completes_where_search_looks(capsys, tmp_path) -> None:
    text = script(capsys, "bash")
    assert complete_bash(text, tmp_path, "search", "--in", "") == ["archive", "library"]
    assert complete_bash(text, tmp_path, "search", "--i") == ["--in"]
    assert ":scope:(archive library)'" in script(capsys, "zsh")
