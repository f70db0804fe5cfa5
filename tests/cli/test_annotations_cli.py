"""The commands on annotations that hold to their text: bookmarks, notes and highlights
where each is now (with its status), tags, the export that quotes the re-found paragraph,
the Obsidian folder, and ID#N deep links."""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.userdata.anchors import Span, paragraph_anchor, passage_anchor
from reader.userdata.library import Library

DATE = dt.date(2024, 3, 12)
TITLE = "Мәслихат сессиясы"
PARAS = [
    "Аудандық мәслихаттың кезекті сессиясында депутаттар жергілікті бюджеттің "
    "орындалуы туралы есепті тыңдады.",
    "Сессия барысында ауыл әкімдері жол жөндеу жұмыстарының барысы туралы баяндады.",
    "Депутаттар мектептерді жылумен қамтамасыз ету мәселесін ерекше назарға алды.",
]
NEW = "Облыстық мәслихат төрағасы сессияны ашып, күн тәртібін таныстырды."


def write(root: Path, rel: str, paragraphs: list[str], title: str = TITLE) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f" date {DATE} {title}\n" + "\n".join(paragraphs)
                    + "\nДереккөз: maslihat.kz\n", "utf-8")


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "KZ_READER_CONFIG_DIR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    write(tmp_path / "arch", "2024/a.txt", PARAS)
    write(tmp_path / "arch", "2024/b.txt", ["Басқа мақала."], "Басқа")
    return tmp_path / "arch"


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    return tmp_path / "cfg"


@pytest.fixture
def library(cfg: Path) -> Library:
    cfg.mkdir(exist_ok=True)
    return Library(cfg / "library.toml")


def run(capsys: pytest.CaptureFixture[str], root: Path, cfg: Path, *argv: object
        ) -> tuple[int, str, str]:
    code = main([*(str(a) for a in argv), "--archive", str(root), "--config-dir", str(cfg)])
    out, err = capsys.readouterr()
    return code, out, err


def stored(cfg: Path) -> dict:
    return tomllib.loads((cfg / "library.toml").read_text("utf-8"))


def test_bookmarks_json_says_where_each_is_now(capsys, root, cfg, library) -> None:
    library.add_bookmark("2024/a.txt", TITLE, DATE, 2, "жылу", paragraph_anchor(PARAS, 2))
    library.add_bookmark("2024/a.txt", TITLE, DATE, 1, anchor=paragraph_anchor(PARAS, 1))
    library.add_bookmark("2024/b.txt", "Басқа", DATE, 0, anchor=paragraph_anchor(
        ["Басқа мақала."], 0))
    write(root, "2024/a.txt", [NEW, PARAS[0], PARAS[2]])  # one inserted, ¶1 removed
    (root / "2024/b.txt").unlink()
    code, out, _ = run(capsys, root, cfg, "bookmarks", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["article"], r["paragraph"], r["status"]) for r in rows] == [
        ("2024/a.txt", 2, "edited"), ("2024/a.txt", 1, "orphaned"),
        ("2024/b.txt", 0, "missing")]
    assert rows[0]["quote"].startswith("Депутаттар мектептерді")
    assert rows[2]["missing"] is True and rows[0]["missing"] is False
    # the re-found place is in library.toml now; the others are kept as they were
    assert [b["paragraph"] for b in stored(cfg)["bookmarks"]] == [2, 1, 0]
    code, out, _ = run(capsys, root, cfg, "bookmarks", "--json")
    assert [r["status"] for r in json.loads(out)] == ["ok", "orphaned", "missing"]
    code, out, _ = run(capsys, root, cfg, "bookmarks")
    lines = out.splitlines()
    assert "¶3" in lines[0] and "(orphaned)" in lines[1] and "(missing)" in lines[2]


def test_a_moved_file_is_found_and_its_new_id_written_back(capsys, root, cfg, library) -> None:
    library.add_bookmark("2024/a.txt", TITLE, DATE, 1, anchor=paragraph_anchor(PARAS, 1))
    library.save_note("2024/a.txt", TITLE, 2, "Жылу", anchor=paragraph_anchor(PARAS, 2))
    (root / "archive-2024").mkdir()
    os.replace(root / "2024/a.txt", root / "archive-2024/a.txt")
    code, out, _ = run(capsys, root, cfg, "notes", "--json")
    note = json.loads(out)[0]
    assert (note["article"], note["paragraph"], note["status"]) == (
        "archive-2024/a.txt", 2, "moved")
    assert stored(cfg)["notes"][0]["article"] == "archive-2024/a.txt"
    code, out, _ = run(capsys, root, cfg, "bookmarks", "--json")
    assert json.loads(out)[0]["article"] == "archive-2024/a.txt"


def test_export_quotes_the_re_found_paragraph(capsys, root, cfg, library) -> None:
    """The bug that started it: a paragraph inserted at the top made export quote another."""
    library.add_bookmark("2024/a.txt", TITLE, DATE, 1, "жол", paragraph_anchor(PARAS, 1))
    write(root, "2024/a.txt", [NEW, *PARAS])
    code, out, _ = run(capsys, root, cfg, "export", "--format", "json")
    mark = json.loads(out)["bookmarks"][0]
    assert mark["text"] == PARAS[1] and mark["paragraph"] == 2 and mark["status"] == "edited"
    code, md, _ = run(capsys, root, cfg, "export")
    assert f"> {PARAS[1]}" in md and "Bookmark at paragraph 3: жол" in md


def test_tags_filter_every_listing_and_the_export(capsys, root, cfg, library) -> None:
    b = library.add_bookmark("2024/a.txt", TITLE, DATE, 0, anchor=paragraph_anchor(PARAS, 0))
    library.add_bookmark("2024/a.txt", TITLE, DATE, 1, anchor=paragraph_anchor(PARAS, 1))
    n = library.save_note("2024/a.txt", TITLE, 2, "Жылу", anchor=paragraph_anchor(PARAS, 2))
    assert library.set_tags("bookmarks", b.id, ["Бюджет", "жол құрылысы"]) == (
        "Бюджет", "жол-құрылысы")
    library.set_tags("notes", n.id, ["#бюджет"])
    code, out, _ = run(capsys, root, cfg, "bookmarks", "--json", "--tag", "бюджет")
    assert [r["id"] for r in json.loads(out)] == [b.id]
    assert json.loads(out)[0]["tags"] == ["Бюджет", "жол-құрылысы"]
    code, out, _ = run(capsys, root, cfg, "notes", "--tag", "#Бюджет")
    assert n.id in out and "#бюджет" in out
    code, out, _ = run(capsys, root, cfg, "bookmarks", "--tag", "жоқ")
    assert (code, out) == (0, "")
    code, out, _ = run(capsys, root, cfg, "export", "--format", "json", "--tag", "бюджет")
    data = json.loads(out)
    assert [e["id"] for e in data["bookmarks"] + data["notes"]] == [b.id, n.id]
    code, out, err = run(capsys, root, cfg, "bookmarks", "--tag", "\x1b[31m[bold]x")
    assert code == 0 and "\x1b" not in out + err


def test_highlights_listed_exported_and_imported_back(capsys, tmp_path, root, cfg, library
                                                      ) -> None:
    span = Span(0, 10, 1, 25)
    h = library.add_highlight("2024/a.txt", TITLE, DATE, span, passage_anchor(PARAS, span),
                              note="маңызды")
    library.set_tags("highlights", h.id, ["сессия"])
    write(root, "2024/a.txt", [NEW, *PARAS])
    code, out, _ = run(capsys, root, cfg, "highlights", "--json")
    row = json.loads(out)[0]
    assert (row["paragraph"], row["offset"], row["end_paragraph"], row["end_offset"]) == (
        1, 10, 2, 25)
    assert row["status"] == "edited" and row["note"] == "маңызды"
    code, out, _ = run(capsys, root, cfg, "highlights")
    assert "    > " + PARAS[0][10:] in out and "    маңызды" in out
    code, text, _ = run(capsys, root, cfg, "export", "--format", "json")
    exported = json.loads(text)["highlights"][0]
    assert exported["text"] == PARAS[0][10:] + "\n" + PARAS[1][:25]
    (tmp_path / "export.json").write_text(text, "utf-8")
    other = tmp_path / "other-cfg"
    code, out, _ = run(capsys, root, other, "import-library", tmp_path / "export.json")
    assert code == 0 and "highlights: 1 added" in out
    copy = stored(other)["highlights"][0]
    assert copy["id"] == h.id and copy["note"] == "маңызды" and copy["tags"] == ["сессия"]
    assert copy["quote"] == exported["quote"] and copy["paragraph"] == 1


def test_obsidian_folder_is_written_and_rewritten_never_others(capsys, tmp_path, root, cfg,
                                                               library) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / f"{TITLE}.md").write_text("my own page\n", "utf-8")  # the same name: not ours
    b = library.add_bookmark("2024/a.txt", TITLE, DATE, 1, "жол", paragraph_anchor(PARAS, 1))
    library.set_tags("bookmarks", b.id, ["жол"])
    span = Span(2, 0, 2, 30)
    library.add_highlight("2024/a.txt", TITLE, DATE, span, passage_anchor(PARAS, span),
                          note="Мектептер")
    code, out, _ = run(capsys, root, cfg, "export", "--format", "obsidian", vault)
    assert code == 0 and "1 written" in out
    assert (vault / f"{TITLE}.md").read_text("utf-8") == "my own page\n"
    ours = [p for p in vault.glob("*.md") if p.name != f"{TITLE}.md"]
    assert len(ours) == 1
    text = ours[0].read_text("utf-8")
    head = text.split("---\n")[1]
    assert f'title: "{TITLE}"' in head and "date: 2024-03-12" in head
    assert 'source: "maslihat.kz"' in head and 'id: "2024/a.txt"' in head
    assert 'tags: ["жол"]' in head
    assert f"> {PARAS[1]}" in text and f"> {PARAS[2][:30]}" in text and "Мектептер" in text
    renamed = vault / "Менің атауым.md"  # the reader renames it in Obsidian
    ours[0].rename(renamed)
    library.save_note("2024/a.txt", TITLE, None, "Жаңа жазба")
    code, out, _ = run(capsys, root, cfg, "export", "--format", "obsidian", vault)
    assert "1 written" in out
    assert "Жаңа жазба" in renamed.read_text("utf-8")
    assert sorted(p.name for p in vault.iterdir()) == sorted([f"{TITLE}.md", renamed.name])
    code, out, _ = run(capsys, root, cfg, "export", "--format", "obsidian", vault)
    assert "0 written, 1 unchanged" in out


@pytest.mark.parametrize("argv", [("export", "--format", "obsidian"),
                                  ("export", "--format", "json", "somewhere"),
                                  ("show", "2024/a.txt#9"), ("show", "2024/a.txt#0"),
                                  ("show", "2024/a.txt", "--paragraph", "-1")])
def test_bad_deep_links_and_export_folders_get_one_line(capsys, root, cfg, argv) -> None:
    code, out, err = run(capsys, root, cfg, *argv)
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert err.startswith("kz-reader: ") and "Traceback" not in err


def test_obsidian_into_a_file_is_one_line(capsys, tmp_path, root, cfg, library) -> None:
    library.add_bookmark("2024/a.txt", TITLE, DATE, 1, anchor=paragraph_anchor(PARAS, 1))
    (tmp_path / "file").write_text("x")
    code, out, err = run(capsys, root, cfg, "export", "--format", "obsidian", tmp_path / "file")
    assert code == 2 and len(err.splitlines()) == 1 and "file" in err


def test_show_a_deep_link_prints_that_paragraph(capsys, root, cfg) -> None:
    code, out, _ = run(capsys, root, cfg, "show", "2024/a.txt#2", "--plain")
    assert code == 0 and PARAS[1] in out and PARAS[0] not in out and "¶ 2/3" in out
    code, same, _ = run(capsys, root, cfg, "show", "2024/a.txt", "--paragraph", "2", "--plain")
    assert same == out


def test_the_app_opens_a_deep_link_at_its_paragraph(capsys, root, cfg, monkeypatch) -> None:
    import sys
    import types

    calls = []
    fake = types.ModuleType("reader.tui.app")
    fake.run_app = lambda session, article_id, paragraph=None: calls.append(  # type: ignore
        (article_id, paragraph)) or 0
    monkeypatch.setitem(sys.modules, "reader.tui.app", fake)
    monkeypatch.setattr("reader.cli.main._not_a_terminal", lambda: None)
    assert run(capsys, root, cfg, "2024/a.txt#3")[0] == 0
    assert run(capsys, root, cfg, str(root / "2024/a.txt") + "#1")[0] == 0
    assert calls == [("2024/a.txt", 2), ("2024/a.txt", 0)]


def test_obsidian_leaves_a_file_the_reader_edited_links_and_half_marks(
        capsys, tmp_path, root, cfg, library) -> None:
    vault = tmp_path / "vault"
    b = library.add_bookmark("2024/a.txt", TITLE, DATE, 1, "жол", paragraph_anchor(PARAS, 1))
    library.set_tags("bookmarks", b.id, ["жол"])
    run(capsys, root, cfg, "export", "--format", "obsidian", vault)
    (ours,) = vault.glob("*.md")
    ours.write_text(ours.read_text("utf-8") + "\nМенің ойым.\n", "utf-8")  # the reader's
    library.save_note("2024/a.txt", TITLE, None, "Жаңа жазба")
    code, out, err = run(capsys, root, cfg, "export", "--format", "obsidian", vault)
    assert code == 0 and "0 written" in out and "edited since the last export" in err
    assert "Менің ойым." in ours.read_text("utf-8")
    ours.unlink()
    outside = tmp_path / "outside.md"  # a link named like ours, to a marked file elsewhere
    run(capsys, root, cfg, "export", "--format", "obsidian", tmp_path / "elsewhere")
    (marked,) = (tmp_path / "elsewhere").glob("*.md")
    outside.write_bytes(marked.read_bytes())
    (vault / "link.md").symlink_to(outside)
    half = vault / "half.md"  # front matter never closed: no mark of ours
    half.write_text("---\nkz-reader-id: \"2024/a.txt\"\nмәтін\n", "utf-8")
    code, out, _ = run(capsys, root, cfg, "export", "--format", "obsidian", vault)
    assert code == 0 and "1 written" in out
    assert outside.read_bytes() == marked.read_bytes()
    assert half.read_text("utf-8").endswith("мәтін\n")


def test_obsidian_files_hold_no_control_and_keep_a_moved_article(capsys, tmp_path, root, cfg,
                                                                 library) -> None:
    vault = tmp_path / "vault"
    b = library.add_bookmark("2024/a.txt", TITLE, DATE, 1, anchor=paragraph_anchor(PARAS, 1))
    text = library.path.read_text("utf-8").replace(  # tags from a hand edit, unclean
        "created", 'tags = ["\\u001b[31mred", "\\u009b2J", "\\u202eevil", "a\\nb"]\ncreated')
    library.path.write_text(text, "utf-8")
    run(capsys, root, cfg, "export", "--format", "obsidian", vault)
    (ours,) = vault.glob("*.md")
    raw = ours.read_text("utf-8")
    assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F or c in "\u202e"
                   for c in raw)
    assert "#a-b" in raw
    (root / "old").mkdir()
    os.replace(root / "2024/a.txt", root / "old/a.txt")
    code, out, _ = run(capsys, root, cfg, "export", "--format", "obsidian", vault)
    assert [p.name for p in vault.glob("*.md")] == [ours.name]  # the same file, rewritten
    assert 'id: "old/a.txt"' in ours.read_text("utf-8")
    assert stored(cfg)["bookmarks"][0]["id"] == b.id


def test_a_tag_that_is_no_tag_is_a_usage_error(capsys, root, cfg, library) -> None:
    for tag in ("", "   ", "#", "\x1b[31m"):
        code, out, err = run(capsys, root, cfg, "bookmarks", "--tag", tag)
        assert code == 2 and out == "" and len(err.splitlines()) == 1 and "\x1b" not in err


def test_an_anchor_field_of_the_wrong_type_makes_the_entry_unusable(capsys, root, cfg,
                                                                    library) -> None:
    library.add_bookmark("2024/a.txt", TITLE, DATE, 1)
    library.path.write_text(library.path.read_text("utf-8").replace(
        "created", "suffix = 3\ncreated"), "utf-8")
    before = library.path.read_bytes()
    code, out, err = run(capsys, root, cfg, "bookmarks", "--json")
    assert code == 0 and json.loads(out) == [] and "suffix" in err
    assert library.path.read_bytes() == before


def test_a_file_named_like_a_deep_link_does_not_hide_it(capsys, tmp_path, root, cfg,
                                                        monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "a.txt#2").write_text("not an article")
    code, out, _ = run(capsys, root, cfg, "show", "2024/a.txt#2", "--plain")
    assert code == 0 and PARAS[1] in out


def test_obsidian_names_fit_a_file_system_and_an_import_takes_any_tag(
        capsys, tmp_path, root, cfg, library) -> None:
    title = "📰" * 100 + "Ұзын тақырып"
    write(root, "long.txt", PARAS, title)
    library.add_bookmark("long.txt", title, DATE, 0, anchor=paragraph_anchor(PARAS, 0))
    code, out, _ = run(capsys, root, cfg, "export", "--format", "obsidian", tmp_path / "v")
    assert code == 0 and "1 written" in out
    assert all(len(p.name.encode()) <= 255 for p in (tmp_path / "v").iterdir())
    export = {"version": 1, "bookmarks": [], "notes": [], "highlights": [{
        "id": "h-1", "article": "2024/a.txt", "title": TITLE, "paragraph": 0, "offset": 0,
        "end_paragraph": 0, "end_offset": 10, "quote": PARAS[0][:10], "note": "",
        "tags": ["a\ud800b", "жақсы"], "created": "2026-01-01T00:00:00Z",
        "updated": "2026-01-01T00:00:00Z"}]}
    from reader.terminal_text import json_text

    (tmp_path / "e.json").write_text(json_text(export), "utf-8")
    code, out, err = run(capsys, root, tmp_path / "c2", "import-library", tmp_path / "e.json")
    assert code == 0 and "highlights: 1 added" in out, err
    assert stored(tmp_path / "c2")["highlights"][0]["tags"] == ["a\ufffdb", "жақсы"]
