"""A wide terminal used at once: the article under the list cursor shown beside the list, the
list wide enough for titles to be read (issue 14)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from support.app import make_app, screen_line, widget_text
from support.archive import SAMPLE_ID, write_article

from reader.tui.widgets.archive_list import ArchiveList
from reader.tui.widgets.article_view import ArticleView

LONG_TITLE = ("Мәслихаттың кезектен тыс сессиясында аудандағы ауыл шаруашылығы "
              "кооперативтерін қолдау бағдарламасы талқыланды")


async def _until(pilot, check: Callable[[], bool]) -> None:  # noqa: ANN001
    """Let the app run (the preview waits for the cursor to rest, reads in a thread)."""
    for _ in range(100):
        await pilot.pause(0.05)
        if check():
            return
    raise AssertionError("the screen did not settle")


def _previewed(app) -> str | None:  # noqa: ANN001
    view = app.screen.query_one(ArticleView)
    return view.article.id if view.article is not None else None


async def test_the_first_screen_is_the_newest_article_beside_the_list(archive: Path,
                                                                       config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await _until(pilot, lambda: _previewed(app) == SAMPLE_ID)
        listing = app.screen.query_one(ArchiveList)
        assert listing.has_focus  # browsing: the keys still move the list
        shown = widget_text(app.screen.query_one(ArticleView))
        assert "Қазақстан Республикасының" in shown and "2 February 2026" in shown
        await pilot.press("j")
        await _until(pilot, lambda: _previewed(app) == "2026/01/older.txt")
        assert "Қаңтардағы жиналыс" in widget_text(app.screen.query_one(ArticleView))
        assert listing.has_focus
        await pilot.press("q")
    # Looking is not reading: no read mark, no place kept, no last article.
    state = config_dir / "state.toml"
    text = state.read_text(encoding="utf-8") if state.exists() else ""
    assert "older.txt" not in text and SAMPLE_ID not in text


async def test_holding_j_reads_only_where_the_cursor_rests(archive: Path, config_dir: Path,
                                                           monkeypatch) -> None:  # noqa: ANN001
    from reader.tui.screens import main

    monkeypatch.setattr(main, "PREVIEW_AFTER", 1.5)  # a loaded machine's two keys are closer
    app = make_app(archive, config_dir)
    read: list[str] = []
    async with app.run_test(size=(140, 40)) as pilot:
        await _until(pilot, lambda: _previewed(app) == SAMPLE_ID)
        screen = app.screen
        original = screen._read_preview

        def counting(path: Path, article_id: str) -> None:
            read.append(article_id)
            original(path, article_id)

        screen._read_preview = counting
        await pilot.press("j", "j")  # straight on to the oldest
        await _until(pilot, lambda: _previewed(app) == "2025/12/oldest.txt")
        assert read == ["2025/12/oldest.txt"]


async def test_enter_and_tab_open_the_previewed_article(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await _until(pilot, lambda: _previewed(app) == SAMPLE_ID)
        await pilot.press("j")
        await _until(pilot, lambda: _previewed(app) == "2026/01/older.txt")
        view = app.screen.query_one(ArticleView)
        await pilot.press("tab")
        await pilot.pause()
        assert view.has_focus and view.article.id == "2026/01/older.txt"
        await pilot.press("j", "j")
        assert view.paragraph == 2
        await pilot.press("escape", "j")  # back to the list, on to the oldest
        await _until(pilot, lambda: _previewed(app) == "2025/12/oldest.txt")
        await pilot.press("enter")
        await pilot.pause()
        assert view.has_focus and view.article.id == "2025/12/oldest.txt"
        await pilot.press("q")
    state = (config_dir / "state.toml").read_text(encoding="utf-8")
    assert re.search(r'"2026/01/older.txt" = 2\b', state), state
    assert 'last_article = "2025/12/oldest.txt"' in state, state


async def test_a_narrow_terminal_previews_nothing(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        assert _previewed(app) is None
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _previewed(app) is None
        # widened: the article under the cursor comes beside the list
        await pilot.resize_terminal(140, 40)
        await _until(pilot, lambda: _previewed(app) == SAMPLE_ID)


async def test_titles_read_at_60_characters_and_more_with_their_source(tmp_path: Path,
                                                                      config_dir: Path) -> None:
    archive = tmp_path / "archive"
    write_article(archive, "a.txt", "2026-03-04", LONG_TITLE, ["Бір абзац."],
                  source="primeminister.gov.kz")  # longer than the source column: cut with …
    app = make_app(archive, config_dir)
    for size, least in (((140, 40), 60), ((200, 50), 80)):
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            [row] = [line for line in widget_text(app.screen.query_one(ArchiveList)).splitlines()
                     if "04.03" in line]
            title = row.split("04.03 ", 1)[1].split("…")[0].split("  ")[0]
            assert len(title) >= least and LONG_TITLE.startswith(title), (size, row)
            assert row.rstrip().endswith("primeminist…"), row
            view = app.screen.query_one(ArticleView)
            assert 48 <= view.size.width <= 88
        app = make_app(archive, config_dir)


def _top_line(app) -> str:  # noqa: ANN001
    return screen_line(app, 0)


async def test_the_top_line_says_where_the_reader_is(archive: Path, config_dir: Path) -> None:
    """The article pane has no scroll bar: "¶ 3/8" at the top line's right end says how far
    in the open article the reader is; a preview, or the list alone, shows none."""
    from reader.archive.parser import read_article

    place = f"¶ 3/{len(read_article(archive / SAMPLE_ID, SAMPLE_ID).paragraphs)}"
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await _until(pilot, lambda: _previewed(app) == SAMPLE_ID)
        assert "¶" not in _top_line(app)
        await pilot.press("enter", "j", "j")
        await pilot.pause()
        top = _top_line(app)
        assert top.rstrip().endswith(place) and "kz-reader" in top, top
        assert len(top) <= 140
    narrow = make_app(archive, config_dir)
    async with narrow.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the last article, open where it was left
        assert _top_line(narrow).rstrip().endswith(place), _top_line(narrow)
        await pilot.press("escape")  # the list fills the screen
        await pilot.pause()
        assert "¶" not in _top_line(narrow)


async def test_tab_and_brackets_act_on_the_article_under_the_cursor(archive: Path,
                                                                    config_dir: Path) -> None:
    """Keys pressed before the cursor's new article is previewed: Tab opens that one, not
    the one previewed before, and `]` the one after it; nothing else is marked read."""
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await _until(pilot, lambda: _previewed(app) == SAMPLE_ID)
        await pilot.press("j", "tab")  # at once: the older article is not previewed yet
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.has_focus and view.article.id == "2026/01/older.txt"
        listing = app.screen.query_one(ArchiveList)
        await pilot.press("escape", "g", "right_square_bracket")
        await pilot.pause()
        assert view.has_focus and view.article.id == "2026/01/older.txt"
        assert listing.current.id == "2026/01/older.txt"
        assert app.state.read == {"2026/01/older.txt"}
    narrow = make_app(archive, config_dir)
    async with narrow.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "G", "tab")  # the list fills the screen: no preview
        await pilot.pause()
        assert narrow.screen.query_one(ArticleView).article.id == "2025/12/oldest.txt"


async def test_below_120_columns_one_pane_has_the_whole_width(archive: Path,
                                                              config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.pause(0.4)
        listing = app.screen.query_one(ArchiveList)
        assert listing.size.width >= 108 and _previewed(app) is None
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.has_focus and not listing.display and view.size.width <= 110


async def test_a_long_article_is_previewed_by_its_beginning(tmp_path: Path,
                                                            config_dir: Path) -> None:
    """Megabytes under the cursor would hold the keys while laid out: the preview shows the
    first 20,000 characters (the meta line counts the whole); Enter opens all of it."""
    archive = tmp_path / "archive"
    words = " ".join(f"сөз{i}" for i in range(40_000))  # one paragraph of ~270,000 characters
    write_article(archive, "long.txt", "2026-03-04", "Ұзын мақала", [words, "Соңғы абзац."])
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await _until(pilot, lambda: _previewed(app) == "long.txt")
        view = app.screen.query_one(ArticleView)
        assert len(view.article.paragraphs) == 1 and len(view.article.paragraphs[0]) < 21_000
        assert "40,002 words" in widget_text(view)
        await pilot.press("enter")
        await pilot.pause()
        assert len(view.article.paragraphs) == 2 and view.article.paragraphs[0] == words
