"""`#` tags a bookmark, note or highlight with completion from the tags in use; the lists
filter by `#tag` and say where each entry is now; `c` copies a citation (OSC 52)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from support.app import kazakh_interface, make_app, widget_text
from support.archive import SAMPLE_ID, write_article
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from reader.archive.parser import read_article
from reader.tui.dialogs.tag_prompt import TagPrompt, TagSuggester, split_tags
from reader.tui.screens.bookmarks import BookmarksScreen
from reader.tui.screens.highlights import HighlightsScreen
from reader.tui.screens.library_list import DEBOUNCE
from reader.tui.widgets.article_view import ArticleView
from reader.userdata.anchors import Span, paragraph_anchor, passage_anchor
from reader.userdata.library import Library

OLDER = "2026/01/older.txt"


def library(config_dir: Path) -> Library:
    config_dir.mkdir(parents=True, exist_ok=True)
    return Library(config_dir / "library.toml")


def stored(config_dir: Path, kind: str = "bookmarks") -> list[dict]:
    return tomllib.loads((config_dir / "library.toml").read_text("utf-8")).get(kind, [])


async def settled(pilot: Pilot) -> None:
    """The filter's pause, the workers (filter, resolving) done, the screen redrawn."""
    await pilot.pause(DEBOUNCE + 0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def rows(app) -> list[str]:
    entries = app.screen.query_one("#entries", OptionList)
    return [str(entries.get_option_at_index(i).prompt) for i in range(entries.option_count)]


def tag_box(app) -> Input:
    assert isinstance(app.screen, TagPrompt)
    return app.screen.query_one("#tags-input", Input)


async def test_hash_tags_the_bookmark_with_completion_and_library_toml_holds_them(
        archive: Path, config_dir: Path) -> None:
    lib = library(config_dir)
    other = lib.add_bookmark(OLDER, "Қаңтардағы жиналыс", None, 0)
    lib.set_tags("bookmarks", other.id, ["reform"])
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "b", "number_sign")
        await pilot.pause()
        box = tag_box(app)
        assert box.value == "" and app.focused is box
        await pilot.press(*"ref")
        await pilot.pause()
        await pilot.press("tab")  # takes the suggestion "reform", and a space for the next
        assert box.value == "reform "
        await pilot.press(*"бюджет", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, TagPrompt)
        assert any(n.message == "Tags saved: #reform #бюджет" for n in app._notifications)
    mine = [b for b in stored(config_dir) if b["id"] != other.id]
    assert mine[0]["paragraph"] == 1 and mine[0]["tags"] == ["reform", "бюджет"]


async def test_right_arrow_takes_the_suggestion_and_the_tags_are_offered_again(
        archive: Path, config_dir: Path) -> None:
    lib = library(config_dir)
    mark = lib.add_bookmark(SAMPLE_ID, "Т", None, 0)
    lib.set_tags("bookmarks", mark.id, ["Конституция"])
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "number_sign")
        await pilot.pause()
        box = tag_box(app)
        assert box.value == "Конституция "  # what it has, and room for the next
        await pilot.press(*"жоба конс")
        await pilot.pause()
        await pilot.press("right")  # Конституция is already there: nothing to complete
        assert box.value == "Конституция жоба конс"
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"жо")
        await pilot.pause()
        await pilot.press("escape")  # nothing written
        await pilot.pause()
    assert stored(config_dir)[0]["tags"] == ["Конституция"]


def test_the_suggester_completes_the_last_tag_keeping_what_was_typed() -> None:
    suggester = TagSuggester(["бюджет", "Конституция", "реформа"])
    assert suggester.complete("реформа кон") == "реформа конституция"
    assert suggester.complete("реформа, РЕФ") is None  # already typed
    assert suggester.complete("#бюд") == "#бюджет"
    assert suggester.complete("бюджет ") is None
    hashed = TagSuggester(["бюджет"], hashed=True)
    assert hashed.complete("бюд") is None and hashed.complete("сессия #бю") == "сессия #бюджет"


def test_spaces_or_commas_separate_tags() -> None:
    assert split_tags("#a b  c") == ["a", "b", "c"]
    assert split_tags("local council, #budget,, ") == ["local council", "budget"]
    assert split_tags(" # ") == []


async def test_a_tag_with_spaces_markup_or_controls_is_stored_clean_and_shown_literally(
        archive: Path, config_dir: Path) -> None:
    library(config_dir).add_bookmark(SAMPLE_ID, "Тақырып", None, 0)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("B", "number_sign")
        await pilot.pause()
        tag_box(app).value = ("local  council, [bold]x[/bold], \x1b[31mred\x07, ##, "
                              "#\u202eevil, [/]")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, BookmarksScreen)  # "[/]" read as markup would crash
        [row] = rows(app)
        assert row.splitlines()[2].split() == ["#local-council", "#[bold]x[/bold]", "#red",
                                               "#evil", "#[/]"]
        said = [n.message for n in app._notifications]  # the toast shows them as typed
        assert any("[bold]x[/bold]" in m and "[/]" in m for m in said), said
        shown = widget_text(app.screen.query_one("#entries"))
        assert "#[bold]x[/bold]" in shown and "\x1b" not in shown and "\u202e" not in shown
    assert stored(config_dir)[0]["tags"] == ["local-council", "[bold]x[/bold]", "red", "evil",
                                             "[/]"]


async def test_hash_tags_every_entry_on_the_paragraph_keeping_their_own_tags(
        archive: Path, config_dir: Path) -> None:
    lib = library(config_dir)
    mark = lib.add_bookmark(SAMPLE_ID, "Т", None, 1)
    note = lib.save_note(SAMPLE_ID, "Т", 1, "ой")
    lib.set_tags("bookmarks", mark.id, ["a", "b"])
    lib.set_tags("notes", note.id, ["c"])
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "number_sign")
        await pilot.pause()
        question = str(app.screen.query_one(".dialog-question").render())
        assert "¶ 2: bookmark, note" in question
        box = tag_box(app)
        assert box.value == "a b c "
        box.value = "b c new"  # a taken away from all, new added to each
        await pilot.press("enter")
        await pilot.pause()
    assert stored(config_dir)[0]["tags"] == ["b", "new"]
    assert stored(config_dir, "notes")[0]["tags"] == ["c", "new"]


async def test_hash_on_a_paragraph_with_nothing_to_tag_says_so(archive: Path,
                                                               config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "number_sign")
        await pilot.pause()
        assert not isinstance(app.screen, TagPrompt)
        assert any(n.message.startswith("Nothing to tag on ¶ 1") for n in app._notifications)


async def test_the_bookmarks_filtered_by_hash_tag_show_only_the_tagged_ones(
        archive: Path, config_dir: Path) -> None:
    lib = library(config_dir)
    for paragraph, tags in ((0, ["бюджет"]), (1, ["бюджет", "реформа"]), (2, [])):
        mark = lib.add_bookmark(SAMPLE_ID, f"Бетбелгі {paragraph}", None, paragraph,
                                label=f"белгі {paragraph}")
        lib.set_tags("bookmarks", mark.id, tags)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("B")
        await settled(pilot)
        assert len(rows(app)) == 3
        await pilot.press("slash", *"#реф")  # the tag being typed matches as a prefix
        await settled(pilot)
        assert [r.splitlines()[0] for r in rows(app)] == ["★ Бетбелгі 1  undated  [белгі 1]"]
        box = app.screen.query_one("#filter-input", Input)
        box.value = "#бюджет "
        await settled(pilot)
        assert sorted(r.splitlines()[0].split()[2] for r in rows(app)) == ["0", "1"]
        assert str(app.screen.query_one("#filter-count").render()).strip() == "2 of 3"
        box.value = "#бюджет белгі 0"  # a tag and words: both must match
        await settled(pilot)
        assert [r.splitlines()[0].split()[2] for r in rows(app)] == ["0"]
        box.value = "#жоқ"
        await settled(pilot)
        assert rows(app) == []


async def test_hash_in_the_filter_box_is_typed_and_completes_a_tag(archive: Path,
                                                                   config_dir: Path) -> None:
    lib = library(config_dir)
    lib.set_tags("bookmarks", lib.add_bookmark(SAMPLE_ID, "Т", None, 0).id, ["бюджет"])
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("B", "slash", "number_sign", *"бю")
        await pilot.pause()
        await pilot.press("right")
        assert app.screen.query_one("#filter-input", Input).value == "#бюджет"
        assert not isinstance(app.screen, TagPrompt)


async def test_c_copies_a_citation_of_the_paragraph_and_says_so(archive: Path,
                                                               config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "c")
        await pilot.pause()
        quote, blank, source, where = app.clipboard.splitlines()
        assert quote.startswith("“Отырыс барысында қатысушылар") and quote.endswith("”")
        assert blank == ""
        assert source.startswith("Қазақстан Республикасының Конституциясының")
        assert source.endswith(" — osdp.kz, 2 February 2026.")
        assert where == f"Archive: {SAMPLE_ID}, paragraph 2."
        assert any(n.message == "Citation copied (¶ 2)." for n in app._notifications)


async def test_c_cites_the_kazakh_way_in_the_kazakh_interface(archive: Path,
                                                              config_dir: Path) -> None:
    kazakh_interface(config_dir)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "c")
        await pilot.pause()
        lines = app.clipboard.splitlines()
        assert lines[0].startswith("«Жалпыұлттық") and lines[0].endswith("»")
        assert lines[2].endswith(" — osdp.kz, 2026 жылғы 2 ақпан.")
        assert lines[3] == f"Мұрағат: {SAMPLE_ID}, 1-абзац."
        assert any(n.message == "Дәйексөз көшірілді (¶ 1)." for n in app._notifications)


async def test_c_on_a_highlighted_paragraph_cites_the_passage_and_h_lists_it(
        archive: Path, config_dir: Path) -> None:
    paragraphs = read_article(archive / SAMPLE_ID, SAMPLE_ID).paragraphs
    span = Span(2, 0, 2, 23)
    anchor = passage_anchor(paragraphs, span)
    assert anchor is not None
    highlight = library(config_dir).add_highlight(SAMPLE_ID, "Т", None, span, anchor, "ой")
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "j", "c")
        await pilot.pause()
        assert app.clipboard.splitlines()[0] == f"“{paragraphs[2][:23]}”"
        assert any(n.message == "Citation copied (the highlight on ¶ 3)."
                   for n in app._notifications)
        await pilot.press("H")
        await settled(pilot)
        assert isinstance(app.screen, HighlightsScreen)
        [row] = rows(app)
        assert row.startswith(f"❝ “{paragraphs[2][:23]}”") and "✎ ой" in row
        app.copy_to_clipboard("")
        await pilot.press("c")  # the passage, as in the article
        await pilot.pause()
        assert app.clipboard.splitlines()[0] == f"“{paragraphs[2][:23]}”"
        await pilot.press("number_sign")
        await pilot.pause()
        await pilot.press(*"үзінді", "enter")
        await settled(pilot)
        assert rows(app)[0].splitlines()[2].strip() == "#үзінді"
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.paragraph == 2
    assert stored(config_dir, "highlights")[0]["id"] == highlight.id
    assert stored(config_dir, "highlights")[0]["tags"] == ["үзінді"]


@pytest.mark.parametrize("indexed", [False, True], ids=["scanned", "indexed"])
async def test_a_bookmark_whose_article_has_gone_shows_missing(archive: Path, config_dir: Path,
                                                              indexed: bool) -> None:
    library(config_dir).add_bookmark("2024/gone.txt", "Жоқ мақала", dt.date(2024, 1, 1), 2)
    app = make_app(archive, config_dir, indexed=indexed)  # the list read from the index too
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("B")
        await settled(pilot)
        [row] = rows(app)
        assert "missing: 2024/gone.txt is no longer in the archive" in row.splitlines()[1]
        await pilot.press("enter")  # says so, opens nothing
        await pilot.pause()
        assert any("missing" in n.message for n in app._notifications)
    assert len(stored(config_dir)) == 1  # kept, never dropped


async def test_an_edited_article_shows_edited_and_opens_at_the_paragraph_found_again(
        archive: Path, config_dir: Path) -> None:
    paragraphs = [f"Мәслихаттың {i}-ші мәселесі бойынша шешім қабылданды." for i in range(1, 6)]
    write_article(archive, "2026/03/edited.txt", "2026-03-01", "Сессия", paragraphs)
    anchor = paragraph_anchor(paragraphs, 3)
    library(config_dir).add_bookmark("2026/03/edited.txt", "Сессия", dt.date(2026, 3, 1), 3,
                                     anchor=anchor)
    write_article(archive, "2026/03/edited.txt", "2026-03-01", "Сессия",
                  ["Жаңа кіріспе абзац.", *paragraphs])  # a paragraph added at the top
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("B")
        await settled(pilot)
        [row] = rows(app)
        place = row.splitlines()[1]
        assert "¶ 5: edited: found again after the article changed" in place
        assert "Мәслихаттың 4-ші мәселесі" in place
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.paragraph == 4
        await pilot.press("number_sign")  # the bookmark is on the paragraph it moved to
        await pilot.pause()
        assert "¶ 5: bookmark" in str(app.screen.query_one(".dialog-question").render())
    assert stored(config_dir)[0]["paragraph"] == 4  # written back: other tools see it


async def test_a_moved_article_and_a_paragraph_gone_are_said_so(archive: Path,
                                                               config_dir: Path) -> None:
    paragraphs = [f"Аудандық мәслихаттың {i}-ші шешімі жарияланды." for i in range(1, 4)]
    write_article(archive, "2026/02/old.txt", "2026-02-10", "Көшкен мақала", paragraphs)
    lib = library(config_dir)
    lib.add_bookmark("2026/02/old.txt", "Көшкен мақала", dt.date(2026, 2, 10), 1,
                     anchor=paragraph_anchor(paragraphs, 1))
    (archive / "2026/02/old.txt").rename(archive / "2026/02/new.txt")  # re-sorted by a script
    gone = ["Бұл абзац кейін өшірілді, оның мәтіні енді мақалада жоқ."]
    lib.add_bookmark(OLDER, "Қаңтардағы жиналыс", dt.date(2026, 1, 15), 0,
                     anchor=paragraph_anchor(gone, 0))
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("B")
        await settled(pilot)
        places = sorted(row.splitlines()[1].strip() for row in rows(app))
        assert places[0].startswith("¶ 1: orphaned: its text is no longer in the article  "
                                    "Бұл абзац")
        assert places[1].startswith("¶ 2: moved: now 2026/02/new.txt · Аудандық мәслихаттың 2-ші")
        entries = app.screen.query_one("#entries", OptionList)
        entries.highlighted = next(i for i, row in enumerate(rows(app)) if "orphaned" in row)
        await pilot.press("c")  # its paragraph number now means other text: not cited
        await pilot.pause()
        assert app.clipboard == ""
        assert any(n.message.startswith("Nothing to cite here") for n in app._notifications)
        entries.highlighted = next(i for i, row in enumerate(rows(app)) if "moved" in row)
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard.startswith("“Аудандық мәслихаттың 2-ші шешімі жарияланды.”")
        assert app.clipboard.endswith("Archive: 2026/02/new.txt, paragraph 2.")
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == "2026/02/new.txt"
        assert view.paragraph == 1
    assert {b["article"] for b in stored(config_dir)} == {"2026/02/new.txt", OLDER}


async def test_a_failure_to_resolve_leaves_the_list_as_stored_and_says_so(
        archive: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.userdata import resolve

    def broken(self, entry):
        raise ValueError("a bug")

    monkeypatch.setattr(resolve.Resolver, "resolve", broken)
    library(config_dir).add_bookmark(SAMPLE_ID, "Т", None, 1)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("B")
        await settled(pilot)
        assert isinstance(app.screen, BookmarksScreen) and len(rows(app)) == 1
        assert any("Could not check where the entries are now: a bug" in n.message
                   for n in app._notifications)


async def test_a_moved_and_re_titled_article_is_found_by_its_text(archive: Path,
                                                                  config_dir: Path) -> None:
    """The file is gone and no article has its title: the search index finds the one whose
    text holds the bookmark's quote (as `kz-reader bookmarks` does)."""
    paragraphs = [f"Облыстық мәслихаттың кезекті сессиясында {i}-ші мәселе қаралды." for i
                  in range(1, 4)]
    write_article(archive, "2026/02/old.txt", "2026-02-10", "Ескі тақырып", paragraphs)
    library(config_dir).add_bookmark("2026/02/old.txt", "Ескі тақырып", dt.date(2026, 2, 10),
                                     1, anchor=paragraph_anchor(paragraphs, 1))
    (archive / "2026/02/old.txt").unlink()
    write_article(archive, "2026/03/renamed.txt", "2026-03-01", "Жаңа тақырып", paragraphs)
    app = make_app(archive, config_dir, indexed=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("B")
        await settled(pilot)
        [row] = rows(app)
        assert "moved: now 2026/03/renamed.txt" in row.splitlines()[1]
    assert stored(config_dir)[0]["article"] == "2026/03/renamed.txt"
