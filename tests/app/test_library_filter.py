"""`/` on the bookmarks and notes screens: a box that narrows the list as you type, with the
archive search's Kazakh-aware matching; Escape shows every entry again."""

from __future__ import annotations

from pathlib import Path

from support.app import kazakh_interface, make_app, widget_text
from support.archive import SAMPLE_ID
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from reader.tui.screens.bookmarks import BookmarksScreen
from reader.tui.screens.library_list import DEBOUNCE
from reader.tui.screens.notes import NotesScreen
from reader.tui.widgets.article_view import ArticleView

OLDER = "2026/01/older.txt"


def entry(kind: str, number: int, article: str, paragraph: int, field: str, text: str) -> str:
    """One [[bookmarks]] or [[notes]] table, made on the number-th of March."""
    times = f"created = 2026-03-{number:02d}T10:00:00Z\n"
    if kind == "notes":
        times += f"updated = 2026-03-{number:02d}T10:00:00Z\n"
    return (f'\n[[{kind}]]\nid = "{kind[0]}-{number:08x}"\narticle = "{article}"\n'
            f'title = "Тақырып {number}"\nparagraph = {paragraph}\n{field} = "{text}"\n{times}')


def write_library(config_dir: Path) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    tables = [
        entry("bookmarks", 1, SAMPLE_ID, 1, "label", "мәслихат сессиясы"),
        entry("bookmarks", 2, SAMPLE_ID, 2, "label", "бюджет"),
        entry("bookmarks", 3, OLDER, 0, "label", "маңызды"),
        entry("notes", 4, SAMPLE_ID, 0, "text", "Конституция туралы ой"),
        entry("notes", 5, OLDER, 3, "text", "Аудандық мәслихаттың\\nсессиясында шешім"),
        entry("notes", 6, SAMPLE_ID, 2, "text", "Бюджеттің жобасы \\u001b[31mқызыл\\u0007"),
    ]
    (config_dir / "library.toml").write_text("version = 1\n" + "".join(tables), "utf-8")


async def typed(pilot: Pilot, *keys: str) -> None:
    """Keys, then the pause after typing and the search in its thread."""
    await pilot.press(*keys)
    await pilot.pause(DEBOUNCE + 0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def rows(app) -> list[str]:
    entries = app.screen.query_one("#entries", OptionList)
    return [str(entries.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(entries.option_count)]


def count(app) -> str:
    return str(app.screen.query_one("#filter-count").render()).strip()


async def test_slash_narrows_the_bookmarks_as_you_type_and_escape_restores(
        archive: Path, config_dir: Path) -> None:
    write_library(config_dir)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("B")
        assert isinstance(app.screen, BookmarksScreen) and len(rows(app)) == 3
        await typed(pilot, "slash")
        assert isinstance(app.focused, Input) and count(app) == "3 of 3"
        await typed(pilot, *"маслихат")  # typed on a Russian keyboard
        assert [row.split("[")[1] for row in rows(app)] == ["мәслихат сессиясы]"]
        assert count(app) == "1 of 3"
        await typed(pilot, *["backspace"] * 6, "ң")  # маң: the word being typed is also
        assert count(app) == "1 of 3"                # a prefix, as in the search box
        assert rows(app) == ["★ Тақырып 3  undated  [маңызды]"]
        await typed(pilot, "escape")
        assert len(rows(app)) == 3 and count(app) == ""
        assert not app.screen.query_one("#filter-bar").display
        assert isinstance(app.focused, OptionList)
        await pilot.press("escape")
        assert not isinstance(app.screen, BookmarksScreen)


async def test_filtered_notes_show_the_hit_and_enter_opens_the_one_found(
        archive: Path, config_dir: Path) -> None:
    write_library(config_dir)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NotesScreen) and len(rows(app)) == 3
        await typed(pilot, "slash", *"сессия")
        [row] = rows(app)
        assert "сессиясында" in row and count(app) == "1 of 3"
        await typed(pilot, "enter")  # to the list, still narrowed
        assert isinstance(app.focused, OptionList) and len(rows(app)) == 1
        await pilot.press("escape")  # on the list: the filter goes first
        assert len(rows(app)) == 3 and isinstance(app.screen, NotesScreen)
        await typed(pilot, "slash", *"мәслихат", "enter")
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == OLDER and view.paragraph == 3


async def test_no_match_says_so_and_control_characters_stay_off_screen(
        archive: Path, config_dir: Path) -> None:
    write_library(config_dir)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+n")
        await typed(pilot, "slash", *"бюджет")
        [row] = rows(app)
        assert "Бюджеттің жобасы" in row and "қызыл" in row
        assert "\x1b" not in row and "\x07" not in row
        shown = widget_text(app.screen.query_one("#entries"))
        assert "\x1b" not in shown and "Бюджеттің" in shown
        await typed(pilot, *" парламент")
        assert rows(app) == [] and count(app) == "0 of 3"
        hint = str(app.screen.query_one("#empty-hint").render())
        assert "Nothing matches бюджет парламент" in hint


async def test_the_filter_key_is_in_the_footer_and_the_help(archive: Path,
                                                            config_dir: Path) -> None:
    write_library(config_dir)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("B")
        await pilot.pause()
        footer = {active.binding.key: active.binding.description  # what the footer shows
                  for active in app.screen.active_bindings.values() if active.binding.show}
        assert footer["slash"] == "Filter"
        await pilot.press("question_mark")
        await pilot.pause()
        help_rows = widget_text(app.screen.query_one("#help-table")).splitlines()
        # once each under Bookmarks, Notes and Highlights
        assert sum(1 for line in help_rows if line.split()[:2] == ["/", "Filter"]) == 3


async def test_the_filter_speaks_kazakh(archive: Path, config_dir: Path) -> None:
    kazakh_interface(config_dir)
    write_library(config_dir)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("B")
        await typed(pilot, "slash", *"бюджет")
        assert count(app) == "3 ішінен 1"
        assert app.screen.query_one(Input).placeholder.startswith("атауларда")
