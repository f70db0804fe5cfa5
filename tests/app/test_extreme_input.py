"""Bad input in the app (issue 14): a title of 2,000 characters, one line of 5 MB (and one
word of 5 MB), Kazakh in the Arabic script, and a terminal resized to 20x8 and 300x80 in
the middle of an article. Each is laid out without a crash, no line is wider than its pane,
and keys are answered after: the cursor moves, a bookmark is saved, the search finds.
"""

from __future__ import annotations

import asyncio
import json
import time
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from support.app import make_app, widget_text
from support.extreme_input import (
    ARABIC_ID,
    ARABIC_PARAGRAPHS,
    ARABIC_TITLE,
    HARAKAT,
    HARAKAT_WORD,
    LINE_END,
    LINE_ID,
    MIXED,
    MIXED_ID,
    PRESENTATION,
    TITLE_END,
    TITLE_ID,
    WORD_ID,
    long_title,
    write_huge,
    write_small,
)
from textual.widget import Widget
from textual.widgets import OptionList

from reader.cli.main import main
from reader.terminal_text import BIDI_CONTROLS
from reader.tui.article_layout import _wrap
from reader.tui.screens.bookmarks import BookmarksScreen
from reader.tui.screens.search import SearchScreen
from reader.tui.widgets.archive_list import ArchiveList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.title_bar import TitleBar

SIZES = [(20, 8), (300, 80), (100, 30)]  # the last: back to where it started
LAYOUT_LIMIT = 120.0  # seconds to wait for a 5 MB layout on a loaded machine (~1 s idle)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    write_small(root)
    return root


@pytest.fixture
def huge(tmp_path: Path) -> Path:
    root = tmp_path / "huge-archive"
    write_small(root)
    write_huge(root)
    return root


def rows(widget: Widget) -> list[str]:
    """What a widget draws, a row a line, without trailing blanks."""
    return widget_text(widget).split("\n")


def assert_fits(widget: Widget) -> str:
    """Every row the widget draws fits its width (counted in terminal cells, as the
    terminal counts them: a harakat takes none); no bidi control is drawn. Its text."""
    width = widget.size.width
    text = widget_text(widget)
    for row in text.split("\n"):
        assert cell_len(row) <= width, (width, row)
    assert not set(text) & set(BIDI_CONTROLS + "\u200e\u200f\u061c"), text
    return text


def flat(text: str) -> str:
    """Rows run together, without the gutter's marks: what a wrapped paragraph reads."""
    return " ".join(text.replace("▌", " ").replace("★", " ").split())


def messages(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(n.message for n in app._notifications)


def ready(view: ArticleView) -> bool:
    layout = view._layout
    return (layout is not None and bool(layout.spans)
            and layout.width == view.scrollable_content_region.width)


async def laid_out(pilot, view: ArticleView) -> None:  # type: ignore[no-untyped-def]
    """Until the article's layout for the pane's width (in a thread for a large one) is
    on screen."""
    started = time.monotonic()
    while not ready(view):
        assert time.monotonic() - started < LAYOUT_LIMIT, "the layout never finished"
        await pilot.pause(0.05)
    await pilot.pause()


async def bookmark_answered(pilot, view: ArticleView) -> None:  # type: ignore[no-untyped-def]
    """j moves the cursor and b saves a bookmark there: the keys are answered."""
    before = view.paragraph
    await pilot.press("j")
    last = len(view.article.paragraphs) - 1 if view.article else 0
    assert view.paragraph == min(before + 1, last)
    count = messages(pilot.app).count("Bookmark")
    await pilot.press("b")
    await pilot.pause()
    assert messages(pilot.app).count("Bookmark") == count + 1, messages(pilot.app)


# -- a title of 2,000 characters ----------------------------------------------------------


async def test_a_2000_character_title_is_one_row_in_the_list_and_whole_in_the_article(
        small: Path, config_dir: Path) -> None:
    app = make_app(small, config_dir, indexed=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        listing = assert_fits(app.screen.query_one(ArchiveList))
        [row] = [r for r in listing.split("\n") if "Қазақстан Респ" in r]
        assert "…" in row and TITLE_END not in row  # cut to its column, one row
        bar = rows(app.screen.query_one(TitleBar))
        assert len(bar) == 1 and cell_len(bar[0]) <= 140
        app.main_screen.open_article(TITLE_ID)
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert_fits(view)
        assert "Қазақстан Республикасының" in widget_text(view)
        # The whole title is there, wrapped: its last word is a page or so further down.
        title_lines = [line.text.plain for line in view._layout.lines if line.paragraph < 0]
        assert TITLE_END in "".join(title_lines)
        assert "".join(title_lines).replace(" ", "").startswith(
            long_title().replace(" ", "")[:200])
        await bookmark_answered(pilot, view)
        [bookmark] = tomllib.loads((config_dir / "library.toml").read_text())["bookmarks"]
        assert bookmark["title"] == long_title()
        await pilot.press("G")
        assert view.paragraph == 2
        assert "Үшінші абзац." in widget_text(view)
        await pilot.press("g")
        assert view.paragraph == 0 and view.scroll_y == 0
        await pilot.press("B")  # the bookmark, under its title, on the bookmarks screen
        await pilot.pause()
        entries = app.screen.query_one("#entries", OptionList)
        assert "Қазақстан Республикасының" in flat(assert_fits(entries))
        await pilot.press("escape", "slash", *TITLE_END.lower())  # a search result
        await pilot.pause(0.4)
        results = app.screen.query_one("#search-results", OptionList)
        assert results.option_count == 1
        assert "Қазақстан Республикасының" in flat(assert_fits(results))


async def test_a_2000_character_title_at_20x8(small: Path, config_dir: Path) -> None:
    """The title alone is twenty screens at 20 columns: the first paragraph is still reached
    with j, and PageDown pages through the title."""
    app = make_app(small, config_dir, TITLE_ID)
    async with app.run_test(size=(20, 8)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert_fits(view)
        await pilot.press("pagedown")
        assert view.scroll_y > 0
        assert_fits(view)
        await pilot.press("g", "j")
        assert view.paragraph == 1
        assert "Екінші" in widget_text(view)
        await pilot.press("b")
        await pilot.pause()
        assert "Bookmark saved (¶ 2)" in messages(app)


# -- Kazakh in the Arabic script --------------------------------------------------------------


async def test_arabic_script_is_listed_and_shown_in_logical_order(small: Path,
                                                                  config_dir: Path) -> None:
    """Lines hold the file's characters in the order written (no reordering, no reshaping,
    no bidi control added): the terminal shows them as it shows any right-to-left text."""
    app = make_app(small, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        listing = assert_fits(app.screen.query_one(ArchiveList))
        assert ARABIC_TITLE[:12] in listing
        app.main_screen.open_article(ARABIC_ID)
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        text = flat(assert_fits(view))
        assert ARABIC_TITLE in text
        for paragraph in ARABIC_PARAGRAPHS:
            assert paragraph in text
        await bookmark_answered(pilot, view)
        assert view.paragraph == 1
        await pilot.press("t")  # the Latin view: Arabic letters have no Latin spelling
        await pilot.pause()
        assert "Kazakh Latin alphabet" in messages(app)
        assert ARABIC_PARAGRAPHS[1] in flat(assert_fits(view))
        await pilot.press("t")
        await pilot.pause()


async def test_arabic_mixed_with_cyrillic_fits_and_harakat_take_no_column(
        small: Path, config_dir: Path) -> None:
    """A paragraph wrapped at 20 columns: marks over letters (width 0) do not push a row past
    the pane, and every character of the paragraph is on one of its rows."""
    app = make_app(small, config_dir, MIXED_ID)
    async with app.run_test(size=(20, 8)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert cell_len(HARAKAT_WORD) == 4 and len(HARAKAT_WORD) == 7  # 3 harakat
        for paragraph, text in enumerate((MIXED, HARAKAT)):
            start, end = view._layout.spans[paragraph]
            shown = [line.text.plain for line in view._layout.lines[start:end + 1]]
            assert all(cell_len(line) <= view._layout.measure for line in shown), shown
            assert "".join(shown).replace(" ", "") == text.replace(" ", "")
        for _ in range(6):
            assert_fits(view)
            await pilot.press("pagedown")
        await pilot.press("g", "j")
        assert view.paragraph == 1


async def test_search_finds_arabic_words_as_typed_and_highlights_them(
        small: Path, config_dir: Path) -> None:
    """قازاقستان finds the mixed article; there it lights up both spellings: in plain letters
    and in presentation forms. كتاب typed without harakat finds كِتَابٌ, and a hamza typed
    as ٴ finds the ء sites write."""
    app = make_app(small, config_dir, indexed=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("slash", *"قازاقستان")
        await pilot.pause(0.4)
        assert isinstance(app.screen, SearchScreen)
        results = app.screen.query_one("#search-results")
        assert results.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == MIXED_ID
        lit = {view.article.paragraphs[p][a:b] for p, spans in view.marks.hits.items()
               for a, b in spans}
        assert lit == {"قازاقستان", PRESENTATION}
        assert "قازاقستان" in widget_text(view)
        await pilot.press("n")
        assert view.paragraph == 2  # the next hit: the presentation forms
        await pilot.press("escape", "slash")
        await pilot.press(*"كتاب")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await pilot.pause()
        hits = view.marks.hits
        assert [view.article.paragraphs[1][a:b] for a, b in hits[1]] == [HARAKAT_WORD]
        await pilot.press("escape", "slash")
        await pilot.press(*"\u0674تىل")  # ٴتىل: high hamza
        await pilot.pause(0.4)
        results = app.screen.query_one("#search-results")
        assert results.option_count == 2  # the Arabic article and the mixed one (ءتىل)


async def test_v_highlights_an_arabic_sentence(small: Path, config_dir: Path) -> None:
    """v selects the first sentence (ended by the Arabic question mark ؟ or a full stop), j
    the next; Enter saves it with the text as written."""
    app = make_app(small, config_dir, ARABIC_ID)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        view = app.screen.query_one(ArticleView)
        await pilot.press("j", "j", "v", "enter")
        await pilot.pause()
        [highlight] = tomllib.loads((config_dir / "library.toml").read_text())["highlights"]
        assert highlight["quote"] == ARABIC_PARAGRAPHS[2]
        assert view.selection is None
        assert_fits(view)


# -- resizing mid-article ---------------------------------------------------------------------


@pytest.mark.parametrize("article_id", [ARABIC_ID, TITLE_ID, MIXED_ID])
async def test_resize_to_20x8_and_300x80_mid_article_keeps_answering(
        small: Path, config_dir: Path, article_id: str) -> None:
    app = make_app(small, config_dir, article_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        await pilot.press("j")
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            assert app.size == (width, height)
            assert view.size.width <= width
            assert_fits(view)
            assert_fits(app.screen.query_one(TitleBar))
            paragraph = view.paragraph
            await pilot.press("k")
            assert view.paragraph == max(0, paragraph - 1)
            await bookmark_answered(pilot, view)
            start, end = view._layout.spans[view.paragraph]  # the cursor's paragraph shown
            assert view.scroll_y <= max(start, end - view.size.height + 1)
            await pilot.press("escape")  # the list, at this size too
            listing = app.screen.query_one(ArchiveList)
            assert listing.size.width <= width
            assert_fits(listing)
            await pilot.press("enter")
            assert view.article is not None and view.has_focus
        assert app.return_value is None and app._exception is None


# -- 5 MB on one line -------------------------------------------------------------------------


@pytest.mark.parametrize("article_id", [LINE_ID, WORD_ID])
async def test_a_5mb_line_opens_pages_searches_and_resizes(huge: Path, config_dir: Path,
                                                          article_id: str) -> None:
    """The article opens at once with a notice, and keys are answered while it is laid out;
    then j/k, PageDown, G, g, b, v, t and a resize all work on it. The times to lay out are
    printed, not asserted: a loaded machine must not fail this."""
    app = make_app(huge, config_dir)
    figures = []
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        started = time.perf_counter()
        app.main_screen.open_article(article_id)
        assert "Laying out" in widget_text(view)
        pressed = asyncio.ensure_future(pilot.press("B"))  # the bookmarks screen, meanwhile
        while not isinstance(app.screen, BookmarksScreen):
            assert time.perf_counter() - started < LAYOUT_LIMIT, "B was not answered"
            await asyncio.sleep(0.01)
        await pressed
        await pilot.press("escape")
        await laid_out(pilot, view)
        figures.append(f"{article_id}: laid out in {time.perf_counter() - started:.1f} s, "
                       f"{len(view._layout.lines):,} lines")
        assert_fits(view)
        paragraph = view.article.paragraphs[0]
        await pilot.press("pagedown")
        assert view.scroll_y > 0
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y > 30_000
        shown = widget_text(view)
        assert_fits(view)
        if article_id == LINE_ID:
            assert LINE_END in shown and "x.kz" in shown
        await pilot.press("g")
        assert view.scroll_y == 0
        # Every character of the paragraph is on its lines, none past the measure.
        start, end = view._layout.spans[0]
        lines = view._layout.lines[start:end + 1]
        assert max(cell_len(line.text.plain) for line in lines) <= view._layout.measure
        assert sum(len(line.text.plain.replace(" ", "")) for line in lines) == len(
            paragraph.replace(" ", ""))
        await pilot.press("b")
        await pilot.pause()
        assert "Bookmark saved (¶ 1)" in messages(app)
        await pilot.press("v")  # no sentence end in 5 MB: the first word
        assert view.selection is not None
        await pilot.press("escape")
        assert view.selection is None
        # Resized in the middle of it: laid out again for each width, keys still answered.
        for width, height in SIZES:
            await pilot.press(*["pagedown"] * 5)
            top = view._top_place()
            started = time.perf_counter()
            await pilot.resize_terminal(width, height)
            await laid_out(pilot, view)
            figures.append(f"{width}x{height}: {time.perf_counter() - started:.1f} s, "
                           f"{len(view._layout.lines):,} lines")
            assert_fits(view)
            # The text that was at the top of the pane still is (not the row number).
            now = view._top_place()
            assert top is not None and now is not None and now[0] == top[0]
            assert now[1] <= top[1] < now[1] + view._layout.measure + 1, (top, now)
            await pilot.press("pagedown", "G")
            assert view.scroll_y == view.max_scroll_y
            await pilot.press("g")
            assert view.scroll_y == 0
        started = time.perf_counter()
        await pilot.press("t")  # the Latin view of 5 MB, laid out again
        while "söz" not in widget_text(view):
            assert time.perf_counter() - started < LAYOUT_LIMIT, "no Latin layout"
            await pilot.pause(0.05)
        figures.append(f"Latin: {time.perf_counter() - started:.1f} s")
        assert "сөз" not in widget_text(view)
        assert_fits(view)
        await bookmark_answered(pilot, view)  # (one paragraph: j stays on it)
    print("\n" + "; ".join(figures))


async def test_g_while_a_5mb_line_is_laid_out_goes_to_its_end(huge: Path,
                                                             config_dir: Path) -> None:
    """G pressed while the notice shows is not lost: once laid out, the pane is at the end
    (the article is one paragraph, so "the last paragraph" alone would be its top)."""
    app = make_app(huge, config_dir)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        app.main_screen.open_article(LINE_ID)
        # G's action at once (Pilot's press waits for the app to be idle: the layout's end)
        view.action_last()
        assert not ready(view)
        await laid_out(pilot, view)
        assert view.max_scroll_y > 1_000 and view.scroll_y == view.max_scroll_y
        assert LINE_END in widget_text(view)


async def test_shrunk_and_grown_back_at_once_keeps_the_layout_of_its_size(
        huge: Path, config_dir: Path) -> None:
    """300 columns, 20 for a moment, then 300 again before the 20-column layout is done:
    the pane ends with the layout of its own width, not the one for the size in between."""
    app = make_app(huge, config_dir)
    async with app.run_test(size=(300, 80)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        app.main_screen.open_article(LINE_ID)
        await laid_out(pilot, view)
        wide = view._layout.width
        await pilot.resize_terminal(20, 8)
        await pilot.pause(0.05)
        await pilot.resize_terminal(300, 80)
        await laid_out(pilot, view)
        await pilot.pause(0.5)  # a layout for 20 columns, had it gone on, would be in by now
        for _ in range(100):
            if not any(w.group == "layout" and not w.is_finished
                       for w in app.workers if w.node is view):
                break
            await pilot.pause(0.1)
        await pilot.pause()
        assert view._layout.width == wide == view.scrollable_content_region.width
        assert_fits(view)
        assert max(cell_len(line) for line in rows(view)) > 40  # not a word or two a row


async def test_a_search_lighting_up_80000_hits_in_a_5mb_line(huge: Path,
                                                                  config_dir: Path) -> None:
    """Every fifth word of the 5 MB line is a hit (80,000): the hits are laid out with the article,
    n goes to the next one, Escape clears them, the keys are answered throughout."""
    app = make_app(huge, config_dir, indexed=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"бюджет")
        await pilot.pause(0.4)
        results = app.screen.query_one("#search-results")
        ids = [app.screen._hits[i].id for i in range(results.option_count)]
        assert LINE_ID in ids
        results.highlighted = ids.index(LINE_ID)
        await pilot.press("down", "enter")
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == LINE_ID  # at once
        # The hits are found, and laid out, in threads: until they are drawn.
        started = time.monotonic()
        while not (view.marks.hits and ready(view)
                   and any(line.text.spans for line in view._layout.lines[:40])):
            assert time.monotonic() - started < LAYOUT_LIMIT, "the hits never came"
            await pilot.pause(0.05)
        assert len(view.marks.hits[0]) > 80_000
        assert_fits(view)
        assert "бюджет" in widget_text(view)
        await pilot.press("escape")
        await laid_out(pilot, view)
        assert not view.marks.hits
        await pilot.press("b")
        await pilot.pause()
        assert "Bookmark saved" in messages(app)


# -- the command line on the same files ------------------------------------------------------


def cli(capsys: pytest.CaptureFixture[str], root: Path, config_dir: Path,
        *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--archive", str(root), "--config-dir", str(config_dir)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_list_show_and_search_on_the_command_line(huge: Path, config_dir: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """list gives the long title whole; show prints Arabic in the file's order and 5 MB to
    its last word; search finds Arabic words as typed, with a snippet holding them."""
    code, out, _ = cli(capsys, huge, config_dir, "list", "--json")
    rows = {row["id"]: row for row in json.loads(out)}
    assert code == 0 and rows[TITLE_ID]["title"] == long_title()
    assert rows[ARABIC_ID]["title"] == ARABIC_TITLE and rows[ARABIC_ID]["words"] == 28
    assert rows[LINE_ID]["paragraphs"] == rows[WORD_ID]["paragraphs"] == 1
    code, out, _ = cli(capsys, huge, config_dir, "show", ARABIC_ID, "--plain")
    assert code == 0 and out.startswith(ARABIC_TITLE)
    positions = [out.index(paragraph) for paragraph in ARABIC_PARAGRAPHS]
    assert positions == sorted(positions)
    assert not set(out) & set(BIDI_CONTROLS + "\u200e\u200f\u061c")
    code, out, _ = cli(capsys, huge, config_dir, "show", MIXED_ID, "--latin")
    assert code == 0 and "«قازاقستان» sözı" in out and HARAKAT_WORD in out
    code, out, _ = cli(capsys, huge, config_dir, "show", LINE_ID)
    assert code == 0 and len(out.encode()) > 5 * 10**6
    assert out.rstrip().endswith("x.kz") and LINE_END in out[-200:]
    code, out, _ = cli(capsys, huge, config_dir, "search", "قازاقستان", "--json")
    hits = {hit["id"]: hit for hit in json.loads(out)}
    assert code == 0 and set(hits) == {MIXED_ID, LINE_ID}
    assert "قازاقستان" in str(hits[MIXED_ID]["snippet"])
    assert "قازاقستان" in str(hits[LINE_ID]["snippet"])  # from the line's first piece
    code, out, _ = cli(capsys, huge, config_dir, "search", "كتاب", "--json")
    assert code == 0 and [hit["id"] for hit in json.loads(out)] == [MIXED_ID]
    code, out, _ = cli(capsys, huge, config_dir, "search", "ٷش")  # no such word: exit 1
    assert code == 1 and out == ""


# -- the wrap of a huge paragraph -------------------------------------------------------------


@given(st.text(alphabet="aқا ", max_size=120), st.integers(min_value=1, max_value=30))
def test_a_huge_paragraph_breaks_where_rich_would(text: str, width: int) -> None:
    """The fast wrap of a huge paragraph gives Rich's lines, but for one quirk of Rich's (a
    space carried to the start of the next line after a word cut at the edge); no line is
    wider than the pane, and no character but spaces is lost."""
    console = Console(width=100)
    text = text.strip(" ")  # (a paragraph is stripped by the parser)
    got = [line.plain for line in _wrap(console, text, width, fast=True)]
    want = [line.plain for line in Text(text).wrap(console, width)]
    assert all(cell_len(line) <= width for line in got)
    assert "".join(got).replace(" ", "") == text.replace(" ", "")
    if all(len(word) <= width for word in text.split()):
        assert got == want


def test_a_snippet_finds_the_first_hit_of_a_huge_paragraph_piece_by_piece() -> None:
    """A paragraph of megabytes is looked through a piece at a time for a result's snippet
    (not whole, on every keystroke): a phrase across a cut is found, a "word" of 50,000
    letters is passed over, and the offsets are the paragraph's."""
    from reader.search.query import PIECE, _first_hits, parse_query

    phrase = parse_query('"сөз бюджет"')
    text = "сөз " * (PIECE // 4 - 2) + "сөз бюджет" + " ءتىل" * 10
    [(start, end)] = _first_hits(text, phrase.groups(), phrase)
    assert text[start:end] == "сөз бюджет" and start < PIECE < end
    word = parse_query("бюджет")
    text = "сөз " * 3000 + "ә" * 50_000 + " сөз бюджет"
    [(start, end)] = _first_hits(text, word.groups(), word)
    assert text[start:end] == "бюджет"
    assert _first_hits("ә" * 50_000, word.groups(), word) == []


def test_arabic_script_words_fold_as_typed_and_keep_their_offsets() -> None:
    """What the index and the highlighter share: harakat, presentation forms, the letters
    with a high hamza and the place of the hamza fold away; a word is never split at a
    mark, and each token's offsets are those of the text as written."""
    from reader.kazakh.normalize import token_spans, tokens

    assert tokens(HARAKAT_WORD) == tokens("كتاب") == ["كتاب"]
    assert tokens(PRESENTATION) == tokens("قازاقستان")
    assert tokens("ٷش") == tokens("ءۇش") == tokens("ٴۇش") == ["ءۇش"]
    assert tokens("ءتىل ٴتىل") == ["ءتىل", "ءتىل"]
    assert tokens("Қазақстан") == ["қазақстан"]  # Cyrillic as before
    for start, end, _token in token_spans(HARAKAT):
        assert not HARAKAT[start:end].startswith(("\u0650", "\u064e", "\u064c"))
    assert [HARAKAT[a:b] for a, b, _ in token_spans(HARAKAT)][2] == HARAKAT_WORD
