"""The app, driven with keys as a reader would (Textual Pilot)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from support.app import index_looks_again, make_app, screen_line, widget_text
from support.archive import SAMPLE_ID

from reader.tui.dialogs.note_editor import NoteEditor
from reader.tui.screens.bookmarks import BookmarksScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.notes import NotesScreen
from reader.tui.widgets.archive_list import ArchiveList
from reader.tui.widgets.article_view import ArticleView


def read_library(config_dir: Path) -> dict:
    return tomllib.loads((config_dir / "library.toml").read_text(encoding="utf-8"))


async def test_bookmark_note_and_place_survive_a_restart(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter")
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == SAMPLE_ID
        await pilot.press("j", "j", "j")
        assert view.paragraph == 3
        await pilot.press("b")
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Маңызды ой", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        await pilot.press("q")

    library = read_library(config_dir)
    assert [(b["article"], b["paragraph"]) for b in library["bookmarks"]] == [(SAMPLE_ID, 3)]
    assert [(n["article"], n["paragraph"], n["text"]) for n in library["notes"]] == [
        (SAMPLE_ID, 3, "Маңызды ой")
    ]

    again = make_app(archive, config_dir)
    async with again.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        view = again.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == SAMPLE_ID
        assert view.paragraph == 3
        shown = widget_text(view)
        assert "✎ Маңызды ой" in shown
        assert "★" in shown
        # The current paragraph is the fourth one, marked with the cursor bar.
        marked = [line for line in shown.splitlines() if "▌" in line]
        assert marked and "Сонымен бірге" in marked[0]


async def test_list_is_newest_first_under_year_and_month_headings(archive: Path,
                                                                  config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        lines = widget_text(app.screen.query_one(ArchiveList)).splitlines()
        headings = [line.strip() for line in lines if line.strip()[:4].isdigit()
                    or line.strip() in ("February", "January", "December")]
        assert headings == ["2026", "February", "January", "2025", "December"]
        dated = [line for line in lines if re.search(r"\d\d\.\d\d ", line)]
        assert [line.split()[0] for line in dated] == ["02.02", "15.01", "01.12"]
        assert "Қазақстан Респ" in dated[0] and "osdp.kz" in dated[0]


async def test_next_and_previous_article_without_the_list(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "right_square_bracket")
        view = app.screen.query_one(ArticleView)
        assert view.article.title == "Қаңтардағы жиналыс"
        await pilot.press("right_square_bracket")
        assert view.article.title == "Желтоқсандағы отырыс"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert view.article.id == SAMPLE_ID
        # The list followed along and shows how far each article was read.
        await pilot.press("G", "escape")
        assert app.screen.query_one(ArchiveList).has_focus
        rows = [line for line in widget_text(app.screen.query_one(ArchiveList)).splitlines()
                if re.search(r"\d\d\.\d\d ", line)]
        assert "✓" in rows[0]  # read to the end
        assert "20%" in rows[1] and "33%" in rows[2]  # first of 5 and of 3 paragraphs


async def test_narrow_terminal_shows_one_pane_at_a_time(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        archive_list = app.screen.query_one(ArchiveList)
        view = app.screen.query_one(ArticleView)
        assert archive_list.display and not view.display
        await pilot.press("enter")
        assert view.display and not archive_list.display
        assert "Қазақстан Республикасының" in widget_text(view)
        await pilot.press("escape")
        assert archive_list.display and not view.display
        assert archive_list.current.id == SAMPLE_ID  # the list kept its place


async def test_bookmarks_screen_lists_opens_renames_and_deletes(archive: Path,
                                                                config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "j", "b", "B")
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("r", *"негізгі", "enter")
        await pilot.pause()
        assert read_library(config_dir)["bookmarks"][0]["label"] == "негізгі"
        await pilot.press("enter")
        view = app.screen.query_one(ArticleView)
        assert view.paragraph == 2
        await pilot.press("B", "d", "y")
        await pilot.pause()
        assert read_library(config_dir).get("bookmarks", []) == []


async def test_bookmark_of_a_vanished_article_is_kept_and_shown_missing(
        archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "b", "q")
    (archive / SAMPLE_ID).unlink()
    again = make_app(archive, config_dir)
    async with again.run_test(size=(140, 40)) as pilot:
        await pilot.press("B")
        await pilot.pause()
        shown = str(again.screen.query_one("#entries").get_option_at_index(0).prompt)
        assert "missing" in shown
    assert len(read_library(config_dir)["bookmarks"]) == 1


async def test_note_editor_asks_before_throwing_away_a_change(archive: Path,
                                                              config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "N", *"жоба", "escape")
        assert "Throw away" in str(app.screen.query_one(".dialog-question").render())
        await pilot.press("n")  # no: back to the editor, text kept
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+s")
        await pilot.pause()
        notes = read_library(config_dir)["notes"]
        assert notes[0]["text"] == "жоба" and "paragraph" not in notes[0]
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NotesScreen)
        await pilot.press("enter")
        assert app.screen.query_one(ArticleView).article.id == SAMPLE_ID


async def test_help_lists_the_keys_from_the_bindings(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = widget_text(app.screen.query_one("#help-table"))
        for description in ("Bookmark", "Note", "Next article", "Quit", "Label"):
            assert description in help_text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_broken_library_is_never_written_and_the_app_says_so(archive: Path,
                                                                   config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    broken = b'version = 1\n[[bookmarks]]\nid = "b-1\n'
    (config_dir / "library.toml").write_bytes(broken)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "b")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("library.toml" in m and "line" in m for m in messages)
        await pilot.press("q")
    assert (config_dir / "library.toml").read_bytes() == broken


async def test_keys_remapped_in_config_work_and_show_in_help(archive: Path,
                                                             config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    (config_dir / "config.toml").write_text('[keys]\nbookmark = "m"\nfly = "f"\n',
                                            encoding="utf-8")
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "m")
        await pilot.pause()
        assert read_library(config_dir)["bookmarks"][0]["paragraph"] == 0
        messages = " ".join(n.message for n in app._notifications)
        assert "fly" in messages and "no such action" in messages
        await pilot.press("question_mark")
        await pilot.pause()
        bookmark_rows = [line for line in widget_text(app.screen.query_one("#help-table"))
                         .splitlines() if line.strip().endswith("Bookmark")]
        assert bookmark_rows and bookmark_rows[0].split()[0] == "m"


async def test_the_library_lists_open_key_can_be_remapped(archive: Path,
                                                          config_dir: Path) -> None:
    """[keys] library_open = "o": o opens the bookmark under the cursor, and the help says so."""
    config_dir.mkdir(parents=True)
    (config_dir / "config.toml").write_text('[keys]\nlibrary_open = "o"\n', encoding="utf-8")
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "j", "b", "escape")
        await pilot.pause()
        assert not app._notifications or all("[keys]" not in n.message
                                             for n in app._notifications)
        await pilot.press("B")
        await pilot.pause()
        await pilot.press("down", "o")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.has_focus and view.paragraph == 2
        await pilot.press("question_mark")
        await pilot.pause()
        rows = [line.split() for line in widget_text(app.screen.query_one("#help-table"))
                .splitlines() if "Open at the bookmark" in line]
        assert rows and rows[0][0] == "o", rows


async def test_every_action_is_in_the_command_palette(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"Bookmark")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert read_library(config_dir)["bookmarks"][0]["paragraph"] == 1


async def test_list_narrows_to_a_month_and_jumps_to_a_year(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        archive_list = app.screen.query_one(ArchiveList)
        await pilot.press("f", *"2026-01", "enter")
        await pilot.pause()
        shown = widget_text(archive_list)
        assert "Қаңтардағы жиналыс" in shown and "Республика" not in shown
        # the top line says which period and how many; nothing else pops up to say it
        assert "archive · January 2026: 1 of 3 articles" in screen_line(app, 0)
        assert not app._notifications
        await pilot.press("escape")
        await pilot.pause()
        assert "Республика" in widget_text(archive_list)
        assert app.sub_title == "archive · 3 articles"
        await pilot.press("colon", *"2025", "enter")
        await pilot.pause()
        assert archive_list.current.title == "Желтоқсандағы отырыс"
        await pilot.press("f", *"кеше", "enter")
        await pilot.pause()
        assert any("Not a year or month" in n.message for n in app._notifications)


async def test_s_sorts_titles_in_kazakh_alphabet_order(archive: Path, config_dir: Path) -> None:
    from conftest import write_article

    write_article(archive, "2024/a.txt", "2024-05-01", "Әкімдік жиыны", ["Мәтін."])
    write_article(archive, "2024/b.txt", "2024-05-02", "Бюджет талқыланды", ["Мәтін."])
    write_article(archive, "2024/c.txt", "2024-05-03", "Ауыл шаруашылығы", ["Мәтін."])
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("s", "g")  # the cursor stays on its article; g goes to the top
        await pilot.pause()
        archive_list = app.screen.query_one(ArchiveList)
        titles = [archive_list.current.title]
        for _ in range(5):
            await pilot.press("j")
            titles.append(archive_list.current.title)
        # by title the rows say their year: the headings are letters now
        assert "03.05.2024" in widget_text(archive_list).replace("\n", " ")
        # Code-point order would put Ә and Қ after every Cyrillic letter.
        assert titles == ["Ауыл шаруашылығы", "Әкімдік жиыны", "Бюджет талқыланды",
                          "Желтоқсандағы отырыс", "Қазақстан Республикасының Конституциясының "
                          "жаңа жобасын талқылауға арналған отырыс өтті", "Қаңтардағы жиналыс"]
        # ] follows the list as sorted.
        await pilot.press("g", "enter", "right_square_bracket")
        assert app.screen.query_one(ArticleView).article.title == "Әкімдік жиыны"


async def test_reopens_at_the_paragraph_in_a_narrow_terminal(archive: Path,
                                                             config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "j", "j", "j", "j", "q")
    again = make_app(archive, config_dir)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = again.screen.query_one(ArticleView)
        assert view.paragraph == 4
        marked = [line for line in widget_text(view).splitlines() if line.startswith("▌")]
        assert marked and marked[0].startswith("▌  Реформаның институционалдық")


async def test_read_progress_in_the_list_follows_the_cursor(archive: Path,
                                                            config_dir: Path) -> None:
    app = make_app(archive, config_dir)  # a first run: no reading positions yet
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "j", "j")
        await pilot.pause()
        row = next(line for line in widget_text(app.screen.query_one(ArchiveList)).splitlines()
                   if "02.02" in line)
        assert "50%" in row  # paragraph 4 of 8


async def test_a_remapped_key_that_clashes_gets_a_warning(archive: Path,
                                                          config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    (config_dir / "config.toml").write_text('[keys]\nbookmark = "t"\n', encoding="utf-8")
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        messages = " ".join(n.message for n in app._notifications)
        assert "bookmark = 't': t is also the key of toggle_latin" in messages


async def test_sorting_a_large_list_by_title_happens_in_a_thread(
        archive: Path, config_dir: Path, monkeypatch) -> None:
    import reader.tui.widgets.archive_list as archive_list_module

    monkeypatch.setattr(archive_list_module, "SORT_IN_THREAD", 1)  # three count as large
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("s")
        archive_list = app.screen.query_one(ArchiveList)
        for _ in range(50):
            await pilot.pause(0.05)
            if "Sorted by title (Kazakh alphabet)." in [n.message for n in app._notifications]:
                break
        await pilot.press("g")
        assert archive_list.current.title == "Желтоқсандағы отырыс"
        messages = [n.message for n in app._notifications]
        assert "Sorting by title…" in messages and "Sorted by title (Kazakh alphabet)." in messages


async def test_a_narrowed_indexed_list_sorts_by_title_either_way_round(
        archive: Path, config_dir: Path) -> None:
    """Read from the index, a year by title is sorted aside (a toast says so) and then
    shown: after `f` then `s`, and after `s` then `f`; Escape shows all again, by title."""
    from conftest import write_article

    write_article(archive, "2026/01/a.txt", "2026-01-20", "Әкімдік жиыны", ["Мәтін."])
    write_article(archive, "2026/01/b.txt", "2026-01-21", "Бюджет талқыланды", ["Мәтін."])
    app = make_app(archive, config_dir, indexed=True)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        archive_list = app.screen.query_one(ArchiveList)
        in_title_order = ["Әкімдік жиыны", "Бюджет талқыланды", "Қазақстан Республикасының",
                          "Қаңтардағы жиналыс"]

        async def titles_shown(expected: list[str]) -> None:
            for _ in range(50):  # the sort runs aside: until the list shows it
                await pilot.pause(0.05)
                shown = widget_text(archive_list)
                places = [shown.find(title) for title in expected]
                if all(p >= 0 for p in places) and places == sorted(places):
                    return
            raise AssertionError(widget_text(archive_list))

        await pilot.press("f", *"2026", "enter", "s")
        await titles_shown(in_title_order)
        assert "Желтоқсандағы отырыс" not in widget_text(archive_list)  # 2025
        assert app.sub_title == "archive · 2026: 4 of 5 articles"
        await pilot.press("escape", "f", *"2026", "enter")
        await titles_shown(in_title_order)
        assert "Желтоқсандағы отырыс" not in widget_text(archive_list)
        assert app.sub_title == "archive · 2026: 4 of 5 articles"
        await pilot.press("escape")
        await titles_shown(["Желтоқсандағы отырыс", "Қазақстан Республикасының"])
        assert any("Sorting by title" in n.message for n in app._notifications)


async def test_the_date_prompt_asks_on_the_bottom_line_and_escape_only_cancels_it(
        archive: Path, config_dir: Path) -> None:
    """`:` and `f` ask on the bottom line, over the key hints, and the list keeps the focus
    (and its look); every key typed goes to the answer, none acts on the list or the app;
    Escape there drops the question and nothing else (the list stays narrowed)."""
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        archive_list = app.screen.query_one(ArchiveList)
        hints = screen_line(app, 39)
        await pilot.press("f", *"2026-01", "enter")
        await pilot.pause()
        assert app.sub_title == "archive · January 2026: 1 of 3 articles"
        drawn = widget_text(archive_list)
        await pilot.press("colon")
        await pilot.pause()
        asked = screen_line(app, 39)
        assert asked.startswith(" Go to a year or month: 2024 or 2024-05 "), asked
        assert asked.rstrip().endswith("Enter = go    Esc = cancel"), asked
        assert archive_list.has_focus and widget_text(archive_list) == drawn
        await pilot.press("q", "j", "s", "question_mark", "slash", "left", "home", "2", "escape")
        await pilot.pause()
        assert app.is_running and archive_list.has_focus and len(app.screen_stack) == 1
        assert widget_text(archive_list) == drawn  # neither moved nor sorted
        assert screen_line(app, 39).startswith(" ↓ Next"), screen_line(app, 39)
        assert app.sub_title == "archive · January 2026: 1 of 3 articles"  # still narrowed
        await pilot.press("colon", "q", "j", "/", "?")
        await pilot.pause()
        assert screen_line(app, 39).startswith(" Go to a year or month: qj/? ")
        await pilot.press("escape", "escape")  # the second one is the list's: all again
        await pilot.pause()
        assert app.sub_title == "archive · 3 articles"
        assert screen_line(app, 39) == hints


async def test_the_date_prompt_edits_its_answer_and_takes_a_paste(
        archive: Path, config_dir: Path) -> None:
    """The answer's keys (left, home, backspace, delete, ctrl+u) edit it where the cursor
    is; a paste lands at the cursor, its first line only, controls made visible; the answer
    keeps its end in sight on a narrow terminal, where the question's end gives way."""
    from textual import events

    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f", *"2O26", "left", "left", "backspace", "0", "end", "backspace")
        await pilot.press("home", "delete", "2", "ctrl+e", *"-01")
        await pilot.pause()
        assert screen_line(app, 39).startswith(" Show only a year or a month: 202-01 ")
        await pilot.press("ctrl+u")
        app.post_message(events.Paste("2026\x1b[2J\x07\nrm -rf"))
        await pilot.pause()
        asked = screen_line(app, 39)
        assert "\x1b" not in asked and "\x07" not in asked and "rm" not in asked, asked
        assert asked.startswith(" Show only a year or a month: 2026"), asked
        await pilot.press("ctrl+u", *"2026", "enter")
        await pilot.pause()
        assert app.sub_title == "archive · 2026: 2 of 3 articles"
    app = make_app(archive, config_dir)
    async with app.run_test(size=(30, 12)) as pilot:
        await pilot.press("colon", *"2026-01-and-a-long-tail")
        await pilot.pause()
        asked = screen_line(app, 11)
        assert asked.startswith(" Go to") and "…" in asked and asked.endswith("g-tail "), asked
        assert len(asked) == 30


async def test_the_date_question_outlasts_the_terminal_losing_focus_and_odd_answers(
        archive: Path, config_dir: Path) -> None:
    """Switching windows (the terminal says focus out, then in) keeps the question and its
    answer, and keys go on to it; a click on the article pane drops it. A wide character
    under the cursor at the field's edge is drawn whole; an answer Python cannot read as a
    number (a pasted run of digits, a superscript) is told, not a crash."""
    from textual import events

    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("colon", *"2026")
        app.post_message(events.AppBlur())
        await pilot.pause()
        app.post_message(events.AppFocus())
        await pilot.pause()
        await pilot.press(*"-01")
        await pilot.pause()
        assert screen_line(app, 39).startswith(" Go to a year or month: 2026-01 ")
        await pilot.click("#article-view")
        await pilot.pause()
        assert screen_line(app, 39).startswith(" ↓ Next"), screen_line(app, 39)
        app.screen.query_one(ArchiveList).focus()
        await pilot.press("f")
        app.post_message(events.Paste("9" * 20_000))
        await pilot.pause()
        await pilot.press("enter", "f", *"2026-²", "enter")
        await pilot.pause()
        assert app.is_running
        told = [n.message for n in app._notifications]
        assert sum("Not a year or month" in m for m in told) == 2, told
    app = make_app(archive, config_dir)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("colon", *"中" * 12, "left")
        await pilot.pause()
        asked = screen_line(app, 11)
        assert asked.rstrip().endswith("中中"), asked  # the one under the cursor, whole


async def test_a_narrowed_list_counts_its_period_after_the_archive_changes(
        archive: Path, config_dir: Path) -> None:
    """A file added while the list shows one year: the list stays on that year and the top
    line counts it and the whole archive anew."""
    from conftest import write_article

    app = make_app(archive, config_dir, indexed=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f", *"2026", "enter")
        await pilot.pause()
        assert "archive · 2026: 2 of 3 articles" in screen_line(app, 0)
        write_article(archive, "2026/02/new.txt", "2026-02-03", "Ақпандағы кеңес", ["Мәтін."])
        await index_looks_again(app, pilot, lambda: "Ақпандағы кеңес" in widget_text(
            app.screen.query_one(ArchiveList)))
        await pilot.pause()
        assert "Ақпандағы кеңес" in widget_text(app.screen.query_one(ArchiveList))
        assert "archive · 2026: 3 of 4 articles" in screen_line(app, 0)
        assert "Желтоқсандағы отырыс" not in widget_text(app.screen.query_one(ArchiveList))


async def test_colon_scrolls_a_long_list_to_the_year(archive: Path, config_dir: Path) -> None:
    """A list longer than the screen: `:` 2021 Enter shows 2021's heading at the top, with
    its newest article under the cursor; `j` then moves on from there."""
    from conftest import write_article

    for year in range(2019, 2025):
        for day in range(1, 11):
            write_article(archive, f"{year}/{day:02d}.txt", f"{year}-03-{day:02d}",
                          f"Отырыс {year} {day}", ["Мәтін."])
    app = make_app(archive, config_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("colon", *"2021", "enter")
        await pilot.pause()
        assert screen_line(app, 1).strip() == "2021", screen_line(app, 1)
        assert "Отырыс 2021 10" in screen_line(app, 3)
        await pilot.press("j")
        await pilot.pause()
        assert app.screen.query_one(ArchiveList).current.title == "Отырыс 2021 9"
        assert "Отырыс 2021 9" in screen_line(app, 4)
