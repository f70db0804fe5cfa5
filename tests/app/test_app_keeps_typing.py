"""Nothing the reader typed is lost: a broken-then-mended library.toml, drafts of notes, and
stored text that the editor and prompt show cleaned but never rewrite."""

from __future__ import annotations

import tomllib
from pathlib import Path

from support.app import make_app, widget_text
from support.archive import SAMPLE_ID

from reader.tui.dialogs.confirm import ConfirmDialog
from reader.tui.dialogs.note_editor import NoteArea, NoteEditor
from reader.tui.screens.bookmarks import BookmarksScreen
from reader.tui.widgets.article_view import ArticleView
from reader.userdata.drafts import DRAFTS_FILE

BROKEN = 'version = 1\n[[bookmarks]\nid = "b-1"\n'


def _library(config_dir: Path) -> dict:
    return tomllib.loads((config_dir / "library.toml").read_text("utf-8"))


def _messages(app) -> str:
    return " | ".join(n.message for n in app._notifications)


async def test_a_note_typed_while_library_toml_is_broken_is_saved_once_it_is_mended(
        archive: Path, config_dir: Path) -> None:
    """Broken by hand while the app runs, then mended: the note typed meanwhile is kept
    (shown, in memory and as a draft) and written as soon as the file parses again."""
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "b")  # a first bookmark: library.toml exists and is good
        await pilot.pause()
        path = config_dir / "library.toml"
        good = path.read_text("utf-8")
        path.write_text(BROKEN, "utf-8")  # another tool breaks it
        await pilot.press("j", "n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Кеңес шешімі", "ctrl+s")
        await pilot.pause()
        assert "not saved yet" in _messages(app) and "not valid TOML" in _messages(app)
        assert path.read_text("utf-8") == BROKEN  # a broken file is never overwritten
        view = app.screen.query_one(ArticleView)
        assert "✎ Кеңес шешімі" in widget_text(view)  # shown though not written yet
        drafts = tomllib.loads((config_dir / DRAFTS_FILE).read_text("utf-8"))
        assert [d["text"] for d in drafts["drafts"]] == ["Кеңес шешімі"]
        for _ in range(3):  # the retry timer, while the file is still broken
            app.annotations.retry()
        await pilot.press("ctrl+n")  # listed once (a retry once listed it again each time)
        await pilot.pause()
        assert [n.text for n in app.library.notes] == ["Кеңес шешімі"]
        await pilot.press("escape")

        path.write_text(good.replace('label = ""', 'label = "қолмен"'), "utf-8")  # mended
        app.annotations.retry()  # what the retry timer does every few seconds
        await pilot.pause()
        library = _library(config_dir)
        assert [n["text"] for n in library["notes"]] == ["Кеңес шешімі"]
        assert [b["label"] for b in library["bookmarks"]] == ["қолмен"]  # the hand edit kept
        assert "saved now" in _messages(app)
        assert not tomllib.loads((config_dir / DRAFTS_FILE).read_text("utf-8"))["drafts"]


async def test_a_mended_file_is_noticed_without_a_restart(archive: Path,
                                                          config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    path = config_dir / "library.toml"
    path.write_text(BROKEN, "utf-8")
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert app.library.broken
        path.write_text("version = 1\n", "utf-8")
        app.annotations.retry()
        await pilot.press("enter", "b")
        await pilot.pause()
        assert "can be read again" in _messages(app)
        assert len(_library(config_dir)["bookmarks"]) == 1


async def test_a_draft_is_kept_while_typing_and_offered_when_the_note_is_opened_again(
        archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "j", "n", *"Әкімнің есебі")
        await pilot.pause(1.3)  # the draft is written a moment after the last key
        drafts = tomllib.loads((config_dir / DRAFTS_FILE).read_text("utf-8"))["drafts"]
        assert [(d["article"], d["paragraph"], d["text"]) for d in drafts] == [
            (SAMPLE_ID, 2, "Әкімнің есебі")]
        assert (config_dir / DRAFTS_FILE).stat().st_mode & 0o777 == 0o600
        app.exit()  # gone without saving, as when the connection drops

    again = make_app(archive, config_dir)
    async with again.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert again.screen.query_one(ArticleView).paragraph == 2  # reopened where it was
        await pilot.press("n")
        assert isinstance(again.screen, ConfirmDialog)
        assert "never saved" in str(again.screen.query_one(".dialog-question").render())
        await pilot.press("y")
        assert again.screen.query_one(NoteArea).text == "Әкімнің есебі"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [n["text"] for n in _library(config_dir)["notes"]] == ["Әкімнің есебі"]
    assert not tomllib.loads((config_dir / DRAFTS_FILE).read_text("utf-8"))["drafts"]


async def test_a_draft_turned_down_stays_offered(archive: Path, config_dir: Path) -> None:
    """n (or Esc) to "Restore it?" opens the note as saved; the draft is not thrown away by
    one key: it is offered again next time, until the note is saved."""
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "N", *"нобай")
        app.keep_drafts()  # what SIGHUP does
        app.exit()
    for answer in ("n", "escape"):
        again = make_app(archive, config_dir)
        async with again.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            await pilot.press("N")
            assert isinstance(again.screen, ConfirmDialog)
            await pilot.press(answer)
            assert isinstance(again.screen, NoteEditor)
            assert again.screen.query_one(NoteArea).text == ""
            await pilot.press("escape")
        drafts = tomllib.loads((config_dir / DRAFTS_FILE).read_text("utf-8"))["drafts"]
        assert [d["text"] for d in drafts] == ["нобай"]


async def test_a_draft_goes_back_to_its_own_note(archive: Path, config_dir: Path) -> None:
    """Two notes on one paragraph (an import can make that): each has its own draft."""
    config_dir.mkdir(parents=True)
    notes = "".join(f"""
[[notes]]
id = "n-{name}"
article = "{SAMPLE_ID}"
title = "Атау"
paragraph = 1
text = "{name} жазбасы"
created = 2026-11-25T10:0{i}:00Z
updated = 2026-11-25T10:0{i}:00Z
""" for i, name in enumerate(("home", "work")))
    (config_dir / "library.toml").write_text("version = 1\n" + notes, "utf-8")
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("e")  # the newest first: n-work
        assert app.screen.query_one(NoteArea).text == "work жазбасы"
        await pilot.press("end", *" қосымша")
        app.keep_drafts()
        app.exit()
    again = make_app(archive, config_dir)
    async with again.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "j", "n")  # n-home opens, and no draft of n-work is offered
        assert isinstance(again.screen, NoteEditor)
        assert again.screen.query_one(NoteArea).text == "home жазбасы"
    drafts = tomllib.loads((config_dir / DRAFTS_FILE).read_text("utf-8"))["drafts"]
    assert [(d["note"], d["text"]) for d in drafts] == [("n-work", "work жазбасы қосымша")]


HOSTILE_LIBRARY = f"""version = 1

[[bookmarks]]
id = "b-1"
article = "{SAMPLE_ID}"
title = "Атау"
paragraph = 1
label = "белгі\\u001b]0;PWNED\\u0007 \\u009b2J\\u202e[/]"
created = 2026-11-25T10:00:00Z

[[notes]]
id = "n-1"
article = "{SAMPLE_ID}"
title = "Атау"
paragraph = 1
text = "бірінші\\u001b[2J жол\\n\\tекінші \\u2066[bold]\\u0085"
created = 2026-11-25T10:00:00Z
updated = 2026-11-25T10:00:00Z
"""


async def test_stored_text_is_shown_clean_and_never_rewritten_unless_changed(
        archive: Path, config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    path = config_dir / "library.toml"
    path.write_text(HOSTILE_LIBRARY, "utf-8")
    before = path.read_bytes()
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "n")
        area = app.screen.query_one(NoteArea)
        assert area.text == "бірінші жол\n\tекінші [bold]"
        await pilot.press("ctrl+s")  # nothing changed: nothing written
        await pilot.pause()
        await pilot.press("B", "r")
        answer = app.screen.query_one("#answer")
        assert answer.value == "белгі [/]"  # the OSC and the C1 CSI go whole
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
    # Reading the article gave these entries of an earlier version their anchors (issue 12:
    # quote, prefix, suffix, text_hash); apart from those, every value is what was imported.
    anchors = {"quote", "prefix", "suffix", "text_hash"}
    after = tomllib.loads(path.read_text("utf-8"))
    assert all(anchors <= set(e) for key in ("bookmarks", "notes") for e in after[key])
    assert {key: [{k: v for k, v in e.items() if k not in anchors} for e in after[key]]
            for key in ("bookmarks", "notes")} == {
        key: tomllib.loads(before.decode("utf-8"))[key] for key in ("bookmarks", "notes")}


async def test_unusable_entries_are_named_and_kept(archive: Path, config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    path = config_dir / "library.toml"
    text = HOSTILE_LIBRARY + f"""
[[bookmarks]]
id = "b-big"
article = "{SAMPLE_ID}"
paragraph = 99999999999999999999
created = 2026-11-25T10:00:00Z

[[notes]]
id = "n-old"
article = "{SAMPLE_ID}"
text = "ескі"
created = 0001-01-01T00:00:00+05:00
"""
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:  # past 64 bits is refused by tomllib itself: smaller
        text = text.replace("99999999999999999999", "-3")
    path.write_text(text, "utf-8")
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        shown = _messages(app)
        assert "2 entries left out" in shown
        assert "bookmark b-big: unusable 'paragraph'" in shown
        assert "note n-old: unusable 'created'" in shown
        assert [b.id for b in app.library.bookmarks] == ["b-1"]
        await pilot.press("enter", "b")  # a change keeps the unusable entries on disk
        await pilot.pause()
    on_disk = _library(config_dir)
    assert {b["id"] for b in on_disk["bookmarks"]} >= {"b-1", "b-big"}
    assert {n["id"] for n in on_disk["notes"]} == {"n-1", "n-old"}


async def test_an_article_whose_name_is_not_utf8_takes_bookmarks_and_notes(
        tmp_path: Path, config_dir: Path) -> None:
    """Its id is stored escaped (a NUL, then \\xNN for each bad byte) and read back exactly:
    after a restart its bookmark and note are at their paragraph again."""
    import os

    root = tmp_path / "odd"
    root.mkdir()
    name = os.fsdecode(b"\xcf\xf0\xee\xf2\xee\xea\xee\xeb.txt")  # a cp1251 name
    (root / name).write_text(" date 2026-03-03 Хаттама\nБірінші.\nЕкінші.\n", "utf-8")
    app = make_app(root, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "b", "n", *"Маңызды", "ctrl+s")
        await pilot.pause()
        assert "Note saved" in _messages(app) and "Bookmark saved" in _messages(app)
    stored = _library(config_dir)
    assert stored["bookmarks"][0]["article"] == "\0\\xcf\\xf0\\xee\\xf2\\xee\\xea\\xee\\xeb.txt"
    again = make_app(root, config_dir)
    async with again.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        view = again.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == name  # reopened, too
        shown = widget_text(view)
        assert "✎ Маңызды" in shown
        assert [b.article for b in again.library.bookmarks] == [name]


async def test_ctrl_c_says_how_to_quit_without_markup(archive: Path, config_dir: Path) -> None:
    """Textual's own hint is markup ("Press [b]q[/b]"); every toast here is literal text."""
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert "Press q to quit." in _messages(app) and "[b]" not in _messages(app)


async def test_every_toast_is_literal_whichever_widget_raises_it(archive: Path,
                                                                config_dir: Path) -> None:
    """reader/ has some fifty notify() calls on screens and widgets, with file names, tags
    and answers in them: each reaches the app's notify, which never reads markup ("[/]"
    read as markup crashes the app) and drops control characters."""
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        hostile = "[/] [bold]x[/bold] \x1b]0;t\x07"
        app.screen.notify(hostile)
        app.screen.query_one(ArticleView).notify(hostile, severity="warning")
        await pilot.pause()
        assert _messages(app).count("[/] [bold]x[/bold]") == 2 and "\x1b" not in _messages(app)
        assert all(not n.markup for n in app._notifications)


async def test_deeply_nested_files_do_not_stop_the_app(archive: Path, config_dir: Path) -> None:
    """library.toml and state.toml nested 5,000 deep (tomllib recursed until it crashed):
    the app starts, the library is read-only with the reason, the state is just empty."""
    config_dir.mkdir(parents=True)
    deep = "x = " + "[" * 5000 + "]" * 5000 + "\n"
    (config_dir / "library.toml").write_text("version = 1\n" + deep, "utf-8")
    (config_dir / "state.toml").write_text(deep, "utf-8")
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert "not valid TOML: nested too deeply" in _messages(app)
        await pilot.press("enter", "b")
        await pilot.pause()
        assert "not saved yet" in _messages(app)
    assert (config_dir / "library.toml").read_text("utf-8") == "version = 1\n" + deep
