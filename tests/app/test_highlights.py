"""Passages highlighted with the keyboard, and marks that hold to their text when the
article changes under them (issue 12, the app)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from support.app import flat, make_app, widget_text
from support.archive import SAMPLE_ID, write_article

from reader.archive.parser import read_article
from reader.tui.dialogs.note_editor import NoteEditor
from reader.tui.widgets.article_view import ArticleView
from reader.userdata.anchors import Anchor
from reader.userdata.library import Library, LibrarySaveError

FIRST = "Жалпыұлттық социал-демократиялық партияның (ЖСДП) Орталық аппаратында"
SECOND = "Отырыс барысында қатысушылар Конституцияға енгізілетін өзгерістер"


def read_library(config_dir: Path) -> dict:
    path = config_dir / "library.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


async def settle(pilot) -> None:
    """Until the marks are looked for in the text and the screen shows where."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def messages(app) -> str:
    return "\n".join(n.message for n in app._notifications)


def styled(view: ArticleView, word: str) -> set[str]:
    """The text styles a word is drawn with on screen (underline, reverse)."""
    found: set[str] = set()
    for y in range(view.scrollable_content_region.height):
        for segment in view.render_line(y):
            if word in segment.text and segment.style is not None:
                found |= {name for name in ("underline", "reverse")
                          if getattr(segment.style, name)}
    return found


async def test_v_j_enter_saves_a_highlight_across_a_paragraph_end(archive: Path,
                                                                   config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        await pilot.press("v")  # the first paragraph: one sentence
        assert "reverse" in styled(view, "аппаратында")
        await pilot.press("j")  # and the next paragraph's first sentence
        assert view.paragraph == 1
        assert "reverse" in styled(view, "саралады")
        assert "reverse" not in styled(view, "Сондай-ақ")
        await pilot.press("enter")
        await pilot.pause()
        [highlight] = read_library(config_dir)["highlights"]
        assert (highlight["paragraph"], highlight["offset"]) == (0, 0)
        assert highlight["end_paragraph"] == 1
        assert highlight["quote"].startswith(FIRST)
        assert "отырысы өтті.\n" + SECOND in highlight["quote"]
        assert highlight["quote"].endswith("барысын саралады.")
        # Saved: shown in place (underlined, over a background), no longer a selection.
        assert styled(view, "саралады") == {"underline"}
        assert view.selection is None
        await pilot.press("j")  # the keys mean what they did before v again
        assert view.paragraph == 2


async def test_escape_cancels_a_selection_and_writes_nothing(archive: Path,
                                                             config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "v", "j", "j", "escape")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.selection is None
        assert view.article is not None  # Escape left the selection, not the article
        assert not styled(view, "саралады")
        assert "highlights" not in read_library(config_dir)


async def test_w_and_b_move_the_end_a_word_at_a_time(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "v", "w", "w", "b", "enter")
        await pilot.pause()
        [highlight] = read_library(config_dir)["highlights"]
        assert highlight["quote"].startswith(SECOND)
        assert highlight["quote"].endswith("барысын саралады. Сондай-ақ,")
        assert highlight["paragraph"] == highlight["end_paragraph"] == 1


async def test_the_start_moves_too_so_any_sentence_can_be_chosen(archive: Path,
                                                                  config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "v", "j", "J", "enter")  # the second sentence alone
        await pilot.pause()
        [highlight] = read_library(config_dir)["highlights"]
        assert highlight["quote"].startswith("Сондай-ақ, саяси жүйенің")
        assert highlight["quote"].endswith("кезеңдерді қарастырды.")
        assert highlight["offset"] > 0


async def test_the_last_sentence_of_the_article_can_be_highlighted(archive: Path,
                                                                   config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "G", "v", "j", "j")  # the last paragraph's third sentence
        await pilot.press("j")  # nothing after it: said, and the selection stays
        await pilot.pause()
        assert "reaches the end of the article" in messages(app)
        await pilot.press("enter")
        await pilot.pause()
        [highlight] = read_library(config_dir)["highlights"]
        assert highlight["quote"].endswith("ұстанымын ашық әрі шынайы көрсетті.")
        assert highlight["end_paragraph"] == 7


async def test_n_on_a_highlight_writes_the_note_on_it(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "v", "j", "enter")
        await pilot.press("k")  # back to ¶ 1, where the highlight begins
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        assert "highlight" in app.screen.heading
        await pilot.press(*"Маңызды үзінді", "ctrl+s")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert "✎ «Жалпыұлттық" in widget_text(view)
        assert "Маңызды үзінді" in widget_text(view)
    library = read_library(config_dir)
    assert [h["note"] for h in library["highlights"]] == ["Маңызды үзінді"]
    assert "notes" not in library  # the note is the highlight's, not the paragraph's


async def test_n_elsewhere_still_writes_a_paragraph_note(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "v", "enter", "j", "j", "n")  # ¶ 3: no highlight begins
        await pilot.press(*"Ой", "ctrl+s")
        await pilot.pause()
    [note] = read_library(config_dir)["notes"]
    assert (note["paragraph"], note["text"]) == (2, "Ой")
    assert note["quote"].startswith("Саяси кеңес мүшелері")


async def test_a_bookmark_made_with_b_keeps_its_quote(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "b")
        await pilot.pause()
    [bookmark] = read_library(config_dir)["bookmarks"]
    assert bookmark["paragraph"] == 1
    assert bookmark["quote"].startswith("Отырыс барысында")
    assert bookmark["suffix"] and bookmark["text_hash"]


def insert_paragraph_at_the_top(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(1, "Редакциядан: мақала жаңартылды, бір абзац қосылды.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


async def test_an_edited_article_shows_its_bookmark_at_the_new_paragraph(
        archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "j", "b", "q")
    insert_paragraph_at_the_top(archive / SAMPLE_ID)

    again = make_app(archive, config_dir)  # reopens the last article
    async with again.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = again.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == SAMPLE_ID
        assert list(view.marks.bookmarks) == [3]
        starred = [line for line in widget_text(view).splitlines() if "★" in line]
        assert starred and "Саяси кеңес мүшелері" in starred[0]
        assert "found again in its new text" in messages(again)
    [bookmark] = read_library(config_dir)["bookmarks"]
    assert bookmark["paragraph"] == 3  # written back, so other tools see it


async def test_a_highlight_made_while_the_file_changed_is_found_again(
        archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j")
        insert_paragraph_at_the_top(archive / SAMPLE_ID)  # while it is open
        await pilot.press("v", "enter")  # chosen in the text on screen
        await pilot.pause()
        [saved] = read_library(config_dir)["highlights"]
        assert saved["paragraph"] == 1 and saved["quote"].startswith(SECOND)
        await pilot.press("right_square_bracket", "left_square_bracket")  # opened again
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert list(view.marks.highlights) == [2]
        assert styled(view, "саралады") == {"underline"}
    [highlight] = read_library(config_dir)["highlights"]
    assert highlight["paragraph"] == highlight["end_paragraph"] == 2
    assert highlight["quote"] == saved["quote"]


async def test_an_orphaned_note_is_shown_at_the_end_with_its_quote(archive: Path,
                                                                   config_dir: Path) -> None:
    article = read_article(archive / SAMPLE_ID, SAMPLE_ID)
    library = Library(config_dir / "library.toml")
    gone = Anchor("Бұл абзац мақаладан алынып тасталды, енді жоқ", "", "", "0" * 16)
    library.save_note(SAMPLE_ID, article.title, 4, "Маңызды ескерту", anchor=gone)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("G")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        shown = widget_text(view)
        assert "── Not found in the text any more ──" in shown
        assert ("✎ «Бұл абзац мақаладан алынып тасталды, енді жоқ» — Маңызды ескерту"
                in flat(shown))
        assert not view.marks.notes  # not at a paragraph it no longer points at
        assert "no longer in the text" in messages(app)
    [note] = read_library(config_dir)["notes"]  # kept as it was
    assert (note["paragraph"], note["quote"]) == (4, gone.quote)


async def test_an_empty_article_and_a_five_megabyte_line(archive: Path, config_dir: Path) -> None:
    write_article(archive, "2026/02/empty.txt", "2026-02-03", "Бос мақала", [])
    line = " ".join(f"Сөйлем {i} осында т.б. бітеді." for i in range(180_000))
    assert len(line) > 5_000_000
    write_article(archive, "2026/02/huge.txt", "2026-02-04", "Үлкен мақала", [line])
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        app.main_screen.open_article("2026/02/empty.txt")
        await settle(pilot)
        await pilot.press("v", "enter", "j")
        assert "There is no text here to highlight." in messages(app)
        app.main_screen.open_article("2026/02/huge.txt")  # laid out in a thread meanwhile
        await pilot.press("v", "j", "w", "enter")
        [highlight] = read_library(config_dir)["highlights"]
        assert highlight["quote"] == ("Сөйлем 0 осында т.б. бітеді. Сөйлем 1 осында т.б. "
                                      "бітеді. Сөйлем")


async def test_highlights_show_in_the_latin_view_too(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "v", "enter", "t")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert styled(view, "saralady.") == {"underline"}  # "саралады." in Latin letters
        assert not styled(view, "Sondai-aq,")


async def test_a_bookmark_follows_its_article_to_a_new_folder(archive: Path,
                                                              config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "j", "b", "q")
    moved = archive / "2026" / "02" / SAMPLE_ID
    moved.parent.mkdir(parents=True)
    (archive / SAMPLE_ID).rename(moved)

    again = make_app(archive, config_dir, f"2026/02/{SAMPLE_ID}")
    async with again.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = again.screen.query_one(ArticleView)
        assert list(view.marks.bookmarks) == [2]
        assert "followed the article to its new place" in messages(again)
    [bookmark] = read_library(config_dir)["bookmarks"]
    assert (bookmark["article"], bookmark["paragraph"]) == (f"2026/02/{SAMPLE_ID}", 2)


async def test_a_refused_write_of_places_found_again_is_said_not_fatal(
        archive: Path, config_dir: Path, monkeypatch) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "j", "b", "q")
    insert_paragraph_at_the_top(archive / SAMPLE_ID)

    again = make_app(archive, config_dir)

    def refuse(fixes) -> int:
        raise LibrarySaveError("cannot save bookmarks and notes: the disk is full")

    monkeypatch.setattr(again.library, "reanchor", refuse)
    async with again.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = again.screen.query_one(ArticleView)
        assert list(view.marks.bookmarks) == [3]  # shown where it is, all the same
        assert "the disk is full" in messages(again)
    [bookmark] = read_library(config_dir)["bookmarks"]
    assert bookmark["paragraph"] == 2  # written next time the article is read
