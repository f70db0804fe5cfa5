"""Search in the app: type, see ranked results, open at the hit, go from hit to hit."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from support.app import (
    first_update_over,
    index_looks_again,
    kazakh_interface,
    make_app,
    until,
    widget_text,
)
from support.archive import SAMPLE_ID, write_article

from reader.tui.dialogs.note_editor import NoteEditor
from reader.tui.screens.search import SearchScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.key_footer import KeyFooter


async def test_search_as_you_type_then_open_at_the_hit(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir, indexed=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"конституция")
        await pilot.pause(0.4)  # results come after a short pause in typing
        results = app.screen.query_one("#search-results")
        assert results.option_count == 1
        prompt = str(results.get_option_at_index(0).prompt)
        assert "Қазақстан Республикасының" in prompt and "2 February 2026" in prompt
        assert "1 result" in str(app.screen.query_one("#search-status").render())
        footer = widget_text(app.screen.query_one(KeyFooter))
        assert "Search" not in footer and "Back" in footer, footer  # it is the search
        await pilot.press("down", "slash")  # to the results; `/` back to the query
        await pilot.pause()
        assert app.screen.query_one("#search-input").has_focus
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.article.id == SAMPLE_ID
        first = view.paragraph
        hit_paragraphs = sorted(p for p in view.marks.hits if p >= 0)
        # Конституциясының, Конституцияға, Конституцияда, Конституция: all inflections found.
        assert hit_paragraphs == [0, 1, 3, 5] and first == 0
        await pilot.press("n")
        assert view.paragraph == 1
        await pilot.press("n", "n")
        assert view.paragraph == 5
        await pilot.press("N")
        assert view.paragraph == 3
        # Esc clears the hits; then n writes a note again.
        await pilot.press("escape")
        assert not view.marks.hits and view.has_focus
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)


async def test_a_latin_query_finds_cyrillic_text_and_highlights_it(archive: Path,
                                                                  config_dir: Path) -> None:
    app = make_app(archive, config_dir, indexed=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("slash", *"partiya", "enter")
        await pilot.pause(0.3)
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == SAMPLE_ID
        start, end = view.marks.hits[0][0]
        assert view.article.paragraphs[0][start:end] == "партияның"
        assert "партияның" in widget_text(view)


async def test_search_syntax_never_fails(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir, indexed=True)
    async with app.run_test(size=(140, 40)) as pilot:
        for query in ['"', "*", "OR", "Қызыл-Орда", "(", "NEAR"]:
            await pilot.press("slash")
            await pilot.press(*query)
            await pilot.pause(0.3)
            status = str(app.screen.query_one("#search-status").render())
            assert "failed" not in status and "result" in status
            await pilot.press("escape")


async def test_an_empty_search_offers_the_kazakh_spelling(archive: Path,
                                                          config_dir: Path) -> None:
    app = make_app(archive, config_dir, indexed=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("slash", *"қонститутсия ")  # қ typed, ц as тс: searched as typed
        await pilot.pause(0.4)
        status = str(app.screen.query_one("#search-status").render())
        assert "0 results" in status and "did you mean конституция? (1 found)" in status


async def test_bookmark_from_search_result_lands_on_disk(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir, indexed=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("slash", *"отырыс", "enter")
        await pilot.pause(0.3)
        view = app.screen.query_one(ArticleView)
        await pilot.press("b")
        await pilot.pause()
        library = tomllib.loads((config_dir / "library.toml").read_text(encoding="utf-8"))
        assert library["bookmarks"][0]["paragraph"] == view.paragraph


async def test_the_word_being_typed_counts_as_a_prefix(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir, indexed=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("slash", *"конст")
        await pilot.pause(0.4)
        results = app.screen.query_one("#search-results")
        assert results.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        # конст* finds Конституция…, конституциялық and конструктивті alike.
        assert sorted(p for p in view.marks.hits if p >= 0) == [0, 1, 3, 5, 6, 7]
        await pilot.press("slash", *"конст")
        await pilot.pause(0.4)
        results = app.screen.query_one("#search-results")
        await pilot.press("space")  # the word is finished: no longer a prefix
        await pilot.pause(0.4)
        assert results.option_count == 0


async def test_first_run_builds_the_index_in_the_background(
        archive: Path, config_dir: Path, monkeypatch) -> None:
    import reader.tui.archive_feed
    from reader.tui.widgets.archive_list import ArchiveList

    monkeypatch.setattr(reader.tui.archive_feed, "SMALL_ARCHIVE", 2)  # as if it were a large one
    app = make_app(archive, config_dir, indexed=True, build=False)
    async with app.run_test(size=(140, 40)) as pilot:
        archive_list = app.screen.query_one(ArchiveList)
        assert archive_list.article_count == 0  # nothing indexed yet, but the app is up
        for _ in range(100):
            await pilot.pause(0.1)
            if archive_list.article_count == 3:
                break
        assert archive_list.article_count == 3
        assert "3 articles" in app.sub_title
        await pilot.press("slash", *"жиналыс", "enter")
        await pilot.pause(0.3)
        assert app.screen.query_one(ArticleView).article.title == "Қаңтардағы жиналыс"


async def test_files_added_and_removed_while_the_app_is_open_show_up(
        archive: Path, config_dir: Path, monkeypatch) -> None:
    """A scraper adds a report and a sync removes one while the reader reads: the list
    follows within the app's watch interval, without a restart."""
    from support.archive import write_article

    import reader.tui.widgets.index_status as index_status
    from reader.tui.widgets.archive_list import ArchiveList

    monkeypatch.setattr(index_status, "WATCH_EVERY", 0.3)
    app = make_app(archive, config_dir, indexed=True)
    async with app.run_test(size=(140, 40)) as pilot:
        archive_list = app.screen.query_one(ArchiveList)
        assert archive_list.article_count == 3
        await first_update_over(app, pilot)
        write_article(archive, "2026/03/new.txt", "2026-03-01", "Наурыздағы сессия",
                      ["Жаңа мақала."])
        (archive / "2025" / "12" / "oldest.txt").unlink()
        await until(pilot, lambda: "Желтоқсандағы отырыс" not in widget_text(archive_list))
        shown = widget_text(archive_list)
        assert "Наурыздағы сессия" in shown and "Желтоқсандағы отырыс" not in shown
        assert archive_list.article_count == 3 and "3 articles" in app.sub_title


async def test_the_list_follows_what_the_watcher_takes_in(
        archive: Path, config_dir: Path, monkeypatch) -> None:
    """With kz-reader index --watch running, the app's look asks the watcher, which has
    taken the changes in itself: the app sees the index moved and reads its list again."""
    from support.watching import Serving

    import reader.tui.widgets.index_status as index_status
    from reader.search.index import Index
    from reader.tui.widgets.archive_list import ArchiveList

    monkeypatch.setattr(index_status, "WATCH_EVERY", 0.3)
    app = make_app(archive, config_dir, indexed=True)
    kept = Index.open(archive)
    serving = Serving(kept)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            archive_list = app.screen.query_one(ArchiveList)
            await first_update_over(app, pilot)
            write_article(archive, "2026/03/new.txt", "2026-03-01", "Наурыздағы сессия",
                          ["Жаңа мақала."])
            (archive / "2025" / "12" / "oldest.txt").unlink()
            await until(pilot,
                        lambda: "Желтоқсандағы отырыс" not in widget_text(archive_list))
            shown = widget_text(archive_list)
            assert "Наурыздағы сессия" in shown and "Желтоқсандағы отырыс" not in shown
    finally:
        serving.end()
        kept.close()
    assert serving.error is None
    assert any("1 added, 0 changed, 1 removed" in line for line in serving.lines)


async def test_a_read_only_index_is_followed_as_its_owner_updates_it(
        archive: Path, config_dir: Path, monkeypatch) -> None:
    """A site's shared index, which this reader may not write: the app starts no update of
    its own, and the list follows what the owner's cron job (or watcher) writes."""
    import reader.search.index_file as index_file
    import reader.tui.widgets.index_status as index_status
    from reader.search.index import Index
    from reader.tui.widgets.archive_list import ArchiveList

    monkeypatch.setattr(index_status, "WATCH_EVERY", 0.3)
    app = make_app(archive, config_dir, indexed=True)
    monkeypatch.setattr(index_file, "may_write", lambda _: False)
    async with app.run_test(size=(140, 40)) as pilot:
        archive_list = app.screen.query_one(ArchiveList)
        await pilot.pause(0.5)
        assert not app.screen.query("#index-status")  # no update of its own
        write_article(archive, "2026/03/new.txt", "2026-03-01", "Наурыздағы сессия",
                      ["Жаңа мақала."])
        owner = Index.open(archive)
        owner.update()
        owner.close()
        await until(pilot, lambda: "Наурыздағы сессия" in widget_text(archive_list))
        assert "Наурыздағы сессия" in widget_text(archive_list)
        assert archive_list.article_count == 4


async def test_the_list_is_read_from_the_index_as_it_is_drawn(
        archive: Path, config_dir: Path, monkeypatch) -> None:
    """No list of every article in memory: the rows come from the index a chunk at a time,
    and every list key works on them."""
    from reader.search import index_rows
    from reader.search.index_rows import IndexCatalog
    from reader.tui.widgets.archive_list import ArchiveList

    monkeypatch.setattr(index_rows, "CHUNK", 1)  # one row a query: every row is read alone
    app = make_app(archive, config_dir, indexed=True)
    assert isinstance(app.catalog, IndexCatalog) and not hasattr(app.catalog, "summaries")
    assert "3 articles" in app.sub_title
    async with app.run_test(size=(140, 40)) as pilot:
        archive_list = app.screen.query_one(ArchiveList)
        assert archive_list.article_count == 3
        assert "Желтоқсандағы отырыс" in widget_text(archive_list)
        await pilot.press("G")
        assert archive_list.current.title == "Желтоқсандағы отырыс"
        await pilot.press("s")  # by title: the index's title order
        await pilot.press("g")
        assert archive_list.current.title == "Желтоқсандағы отырыс"
        await pilot.press("j")
        assert archive_list.current.title.startswith("Қазақстан Республикасының")
        await pilot.press("s", "enter")
        assert app.screen.query_one(ArticleView).article.title.startswith("Қазақстан")
        await pilot.press("right_square_bracket")
        assert app.screen.query_one(ArticleView).article.title == "Қаңтардағы жиналыс"


async def test_a_small_archive_never_indexed_shows_at_once(archive: Path,
                                                          config_dir: Path) -> None:
    from reader.tui.widgets.archive_list import ArchiveList

    app = make_app(archive, config_dir, indexed=True, build=False)
    async with app.run_test(size=(140, 40)) as pilot:
        assert app.screen.query_one(ArchiveList).article_count == 3  # read directly
        for _ in range(100):  # and the index is built behind it, for search
            await pilot.pause(0.1)
            if app.screen.query("#index-status") and app.feed._search_index().head(1)[1] == 3:
                break
        await pilot.press("slash", *"жиналыс", "enter")
        await pilot.pause(0.3)
        assert app.screen.query_one(ArticleView).article.title == "Қаңтардағы жиналыс"


async def test_filters_in_the_search_box(archive: Path, config_dir: Path) -> None:
    """from:/to:/source: narrow the hits; a malformed one says what is wrong in the status."""
    app = make_app(archive, config_dir, indexed=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("slash", *"жиналыс")
        await pilot.pause(0.4)
        results = app.screen.query_one("#search-results")
        everything = results.option_count
        assert everything >= 1
        await pilot.press(*" to:2025")
        await pilot.pause(0.4)
        assert results.option_count == 0  # the archive's articles with жиналыс are from 2026
        await pilot.press(*"-13")
        await pilot.pause(0.4)
        status = str(app.screen.query_one("#search-status").render())
        assert "'2025-13' is not a date" in status
        for _ in range(len(" to:2025-13")):
            await pilot.press("backspace")
        await pilot.press(*" from:2026 source:osdp.kz")
        await pilot.pause(0.4)
        assert results.option_count == everything


MASLIKHAT = ("Аудандық мәслихаттың сессиясында депутаттар жергілікті бюджеттің жобасын қарап, жол "
             "жөндеу жұмыстары туралы шешім қабылдады әкімдері мен депутаттар бірлесіп жұмыс "
             "істейтінін айтты, ал келесі отырыстың күн тәртібі де талқыланып, хатшы оны "
             "жариялады. Мәслихат хатшысы сессия жұмысын қорытындылады.")


@pytest.mark.parametrize("language", ["en", "kk"])
@pytest.mark.parametrize("width", [36, 60, 80, 140])
async def test_a_result_snippet_ends_with_a_whole_word(archive: Path, config_dir: Path,
                                                       width: int, language: str) -> None:
    """The snippet cut to its lines ends after a whole word, "…" right after it (issue 14:
    "шешім қабылдады әкімдер…" at 80 columns, "шешім турал…" at 36)."""
    if language == "kk":
        kazakh_interface(config_dir)
    write_article(archive, "2026/08/maslikhat.txt", "2026-08-12",
                  "Аудандық мәслихаттың кезектен тыс сессиясы", [MASLIKHAT, MASLIKHAT])
    words = set(re.findall(r"\w[\w-]*", MASLIKHAT + " Аудандық мәслихаттың кезектен тыс"))
    app = make_app(archive, config_dir, indexed=True)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.press("slash", *"маслихат")
        await pilot.pause(0.4)
        results = app.screen.query_one("#search-results")
        assert results.option_count >= 1
        rows = widget_text(results).split("\n")
        cut = [row.rstrip() for row in rows if row.rstrip().endswith("…")]
        assert cut or width == 140, rows
        for row in cut:
            assert row[-2].isalpha(), row
            assert re.findall(r"\w[\w-]*", row)[-1] in words, row
        text = "\n".join(rows)
        assert " …" not in text and ".…" not in text and ",…" not in text, text


async def test_slash_again_finds_the_last_query_selected_and_anew_after_a_change(
        archive: Path, config_dir: Path) -> None:
    """The search screen is kept: `/` after Escape shows the last query and its results, the
    query selected, so a new word typed replaces it; an article added meanwhile is found when
    the search screen opens again."""
    app = make_app(archive, config_dir, indexed=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("slash", *"конституция")
        await pilot.pause(0.4)
        results = app.screen.query_one("#search-results")
        assert results.option_count == 1
        await pilot.press("down", "escape")  # from the results, back to the list
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        write_article(archive, "2026/03/kept.txt", "2026-03-04", "Конституция туралы жаңа",
                      ["Конституцияның жаңа жобасы талқыланды."])
        await index_looks_again(app, pilot, lambda: app.feed.total == 4)
        await pilot.press("slash")
        await pilot.pause()
        field = app.screen.query_one("#search-input")
        assert isinstance(app.screen, SearchScreen) and field.has_focus
        assert field.value == "конституция" and field.selected_text == "конституция"
        assert app.screen.query_one("#search-results").option_count == 2  # found anew
        await pilot.press(*"отырыс")  # replaces the selected query
        await pilot.pause(0.4)
        assert field.value == "отырыс"
        prompts = [str(app.screen.query_one("#search-results").get_option_at_index(n).prompt)
                   for n in range(app.screen.query_one("#search-results").option_count)]
        assert prompts and not any("Конституция туралы жаңа" in p for p in prompts), prompts
