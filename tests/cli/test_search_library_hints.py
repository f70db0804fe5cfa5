"""`kz-reader search QUERY --in library` that finds nothing says why, as the archive
search does: on standard error, after "nothing found", exit status 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli.main import main

LIBRARY = """version = 1

[[notes]]
id = "n-00000001"
article = "a.txt"
title = "Отырыс"
paragraph = 0
text = "Аудан әкімдігінде мәслихат бюджетті талқылады."
created = 2026-03-03T10:00:00Z
updated = 2026-03-03T10:00:00Z
"""


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "KZ_READER_CONFIG_DIR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


def run(capsys, tmp_path: Path, *argv: str) -> tuple[int, str, str]:
    archive, cfg = tmp_path / "arch", tmp_path / "cfg"
    archive.mkdir(exist_ok=True)
    cfg.mkdir(exist_ok=True)
    (cfg / "library.toml").write_text(LIBRARY, encoding="utf-8")
    code = main(["search", *argv, "--in", "library", "--archive", str(archive),
                 "--config-dir", str(cfg)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("argv", "said"), [
    (("мәслихат", "--from", "2026-04"),
     "nothing found for мәслихат; without the date and source filters: 1 found"),
    (("әкимдик",), "nothing found for әкимдик; did you mean әкімдік? (1 found)"),
    (('"мәслихат аудан"',),
     'nothing found for "мәслихат аудан"; as words, not a phrase: мәслихат аудан (1 found)'),
    (('"',), 'nothing found for "; nothing to search for: type letters or digits'),
    (("*",), "nothing found for *; nothing to search for: type letters or digits"),
    (("ракета",), "nothing found for ракета"),
])
def test_an_empty_library_search_gets_the_archive_search_hint(capsys, tmp_path, argv, said
                                                               ) -> None:
    code, out, err = run(capsys, tmp_path, *argv)
    assert (code, out, err) == (1, "", f"kz-reader: {said}\n")


def test_a_long_query_is_echoed_cut_to_one_short_line(capsys, tmp_path) -> None:
    code, _, err = run(capsys, tmp_path, "ракета " * 2000)
    assert code == 1 and err.startswith("kz-reader: nothing found for ракета ракета")
    assert err.endswith("…\n") and len(err) < 120 and err.count("\n") == 1
