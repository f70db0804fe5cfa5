"""`kz-reader search QUERY --in library`: the reader's own labels and notes, found with the
archive search's matcher, printed like `bookmarks` / `notes`, exit 1 when nothing matches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.userdata.library import Library

ARTICLE = "2026/a.txt"
HOSTILE = "мәслихат \x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x9b31m\u202eсессиясы\x07 соңы"


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "KZ_READER_CONFIG_DIR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "arch"
    (root / "2026").mkdir(parents=True)
    (root / ARTICLE).write_text(
        " date 2026-03-01 Мәслихат сессиясы\nБірінші абзац.\nЕкінші абзац.\nДереккөз: osdp.kz\n",
        encoding="utf-8")
    (root / "b.txt").write_text(" date 2026-03-02 Басқа\nАбзац.\nДереккөз: egemen.kz\n",
                                encoding="utf-8")
    return root


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    return tmp_path / "cfg"


LIBRARY = f"""version = 1

[[bookmarks]]
id = "b-00000001"
article = "{ARTICLE}"
title = "Мәслихат сессиясы"
paragraph = 1
label = "маслихат"
created = 2026-03-01T10:00:00Z

[[bookmarks]]
id = "b-00000002"
article = "b.txt"
title = "Басқа"
paragraph = 0
label = "бюджет"
created = 2026-03-02T10:00:00Z

[[notes]]
id = "n-00000003"
article = "{ARTICLE}"
title = "Мәслихат сессиясы"
paragraph = 0
text = "Аудандық мәслихаттың\\nсессиясында шешім"
created = 2026-03-03T10:00:00Z
updated = 2026-03-03T10:00:00Z

[[notes]]
id = "n-00000004"
article = "gone.txt"
title = "Жоқ"
text = "мәслихат туралы ой"
created = 2026-03-04T10:00:00Z
updated = 2026-03-04T10:00:00Z
"""


@pytest.fixture
def library(cfg: Path) -> Library:
    cfg.mkdir()
    (cfg / "library.toml").write_text(LIBRARY, encoding="utf-8")
    return Library(cfg / "library.toml")


def run(capsys, archive: Path, cfg: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["search", *argv, "--in", "library", "--archive", str(archive),
                 "--config-dir", str(cfg)])
    out, err = capsys.readouterr()
    return code, out, err


def test_plain_output_is_each_entry_with_its_hit(capsys, archive, cfg, library) -> None:
    code, out, err = run(capsys, archive, cfg, "маслихат")
    assert (code, err) == (0, "")
    assert out.splitlines() == [  # newest first; the Russian-keyboard typing finds мәслихат
        "n-00000004  gone.txt  whole article  Жоқ  (missing)",
        "    мәслихат туралы ой",
        f"n-00000003  {ARTICLE}  ¶1  Мәслихат сессиясы",
        "    Аудандық мәслихаттың сессиясында шешім",
        f"b-00000001  {ARTICLE}  ¶2  Мәслихат сессиясы",
        "    [маслихат]",
    ]


def test_any_inflected_form_finds_a_note(capsys, archive, cfg, library) -> None:
    for query in ("мәслихат", "сессия", "шешімдер", '"мәслихаттың сессиясында"'):
        code, out, _ = run(capsys, archive, cfg, query)
        assert code == 0 and library.notes[0].id in out, query
    code, out, _ = run(capsys, archive, cfg, "мәслихат", "бюджет")  # every word must be there
    assert code == 1 and out == ""


def test_on_a_terminal_the_hit_is_marked_as_search_marks_it(capsys, archive, cfg, library,
                                                             monkeypatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, out, _ = run(capsys, archive, cfg, "сессия")
    assert code == 0
    assert "\x1b[1;7mсессиясында\x1b[0m" in out


def test_json_items_carry_kind_place_and_snippet(capsys, archive, cfg, library) -> None:
    code, out, err = run(capsys, archive, cfg, "маслихат", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [row["kind"] for row in rows] == ["note", "note", "bookmark"]
    assert rows[2] == {
        "id": "b-00000001", "kind": "bookmark", "article": ARTICLE, "paragraph": 1,
        "title": "Мәслихат сессиясы", "date": None, "label": "маслихат",
        "created": "2026-03-01T10:00:00Z", "snippet": "маслихат", "missing": False,
        "tags": [],
    }
    note = rows[1]
    assert note["id"] == "n-00000003" and note["paragraph"] == 0
    assert note["snippet"] == "Аудандық мәслихаттың\nсессиясында шешім"
    assert note["text"] == library.notes[0].text and note["missing"] is False
    assert rows[0]["paragraph"] is None and rows[0]["missing"] is True


def test_limit_and_filters(capsys, archive, cfg, library) -> None:
    code, out, _ = run(capsys, archive, cfg, "маслихат", "--json", "--limit", "1")
    assert code == 0 and len(json.loads(out)) == 1
    code, out, _ = run(capsys, archive, cfg, "маслихат", "--json", "--source", "osdp")
    assert code == 0 and {r["article"] for r in json.loads(out)} == {ARTICLE}
    code, out, _ = run(capsys, archive, cfg, "бюджет", "--source", "osdp.kz")
    assert code == 1 and out == ""
    code, out, _ = run(capsys, archive, cfg, "маслихат", "--json", "--from", "2026-03-02",
                       "--to", "2026-03-03")  # the days they were made
    assert code == 0 and [r["id"] for r in json.loads(out)] == ["n-00000003"]
    code, out, err = run(capsys, archive, cfg, "маслихат", "--to", "2026-02")
    assert code == 1 and out == "" and "nothing found for маслихат" in err


def test_no_match_is_exit_1_with_a_line_on_stderr(capsys, archive, cfg, library) -> None:
    for extra in ((), ("--json",)):
        code, out, err = run(capsys, archive, cfg, "парламент", *extra)
        assert code == 1
        assert out == ("[]\n" if extra else "")
        assert err == "kz-reader: nothing found for парламент\n"
    code, _, err = run(capsys, archive, cfg, "Басқа")  # a title is not what the reader wrote
    assert code == 1 and "nothing found" in err


def test_an_empty_library_finds_nothing(capsys, archive, cfg) -> None:
    code, out, err = run(capsys, archive, cfg, "мәслихат")
    assert (code, out) == (1, "") and err == "kz-reader: nothing found for мәслихат\n"
    assert not (cfg / "library.toml").exists()


def test_a_broken_library_gets_the_bookmarks_command_line(capsys, archive, cfg) -> None:
    cfg.mkdir()
    (cfg / "library.toml").write_text('version = 1\n[[notes]\ntext = "мәслихат"\n')
    main(["bookmarks", "--config-dir", str(cfg)])
    expected = capsys.readouterr().err
    code, out, err = run(capsys, archive, cfg, "мәслихат")
    assert (code, out, err) == (2, "", expected)
    assert err.startswith("kz-reader: ") and "library.toml" in err and len(err.splitlines()) == 1


def test_an_unusable_entry_is_named_and_the_rest_searched(capsys, archive, cfg,
                                                          library) -> None:
    path = cfg / "library.toml"
    path.write_text(path.read_text("utf-8") + '\n[[notes]]\nid = "n-bad"\ntext = 5\n', "utf-8")
    code, out, err = run(capsys, archive, cfg, "сессия")
    assert code == 0 and library.notes[0].id in out
    assert "left out of the list" in err and "n-bad" in err


@pytest.mark.parametrize("argv", [
    ("мәслихат", "--in", "everywhere"),
    ("мәслихат", "--in", "library", "--from", "кеше"),
    ("мәслихат", "--in", "library", "--from", "2025", "--to", "2024"),
    ("мәслихат", "--in", "library", "--limit", "0"),
    ("мәслихат", "--in", "library", "--source", " "),
    ("--in", "library"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, cfg, argv) -> None:
    code = main(["search", *argv, "--config-dir", str(cfg)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and err.startswith("kz-reader: ")
    assert "Traceback" not in err


def test_control_characters_in_a_note_never_reach_stdout(capsys, archive, cfg,
                                                         monkeypatch) -> None:
    lib = Library(cfg / "library.toml")
    lib.save_note(ARTICLE, "Тақырып\x1b[31m", 0, HOSTILE)
    lib.add_bookmark(ARTICLE, "Тақырып", None, 0, "\x1b[5mсессия\x9b2J")
    for force in ("", "1"):  # in a pipe, and with styles as on a terminal
        if force:
            monkeypatch.setenv("FORCE_COLOR", force)
        code, out, _ = run(capsys, archive, cfg, "сессия")
        assert code == 0 and "мәслихат" in out and "соңы" in out
        styles_removed = out.replace("\x1b[1;7m", "").replace("\x1b[0m", "").replace(
            "\x1b[1m", "").replace("\x1b[7m", "")
        for bad in ("\x1b", "\x07", "\x9b", "\u202e", "]52;"):
            assert bad not in styles_removed, (force, repr(out))
    code, out, _ = run(capsys, archive, cfg, "сессия", "--json")
    assert code == 0
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in out
    [note] = [row for row in json.loads(out) if row["kind"] == "note"]
    assert note["text"] == HOSTILE  # escaped, not lost


def test_a_hostile_query_is_echoed_safely(capsys, archive, cfg, library) -> None:
    code, _, err = run(capsys, archive, cfg, "жоқ\x1b]0;title\x07")
    assert code == 1 and "\x1b" not in err and "\x07" not in err
