"""The Kazakh and English interfaces: complete, and chosen the way the user expects."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest
from support.app import kazakh_interface, make_app, widget_text
from support.messages_scan import ui_messages

from reader.archive import parser
from reader.i18n import choose_language, format_date, month_name, set_language, t
from reader.i18n.messages_kk import KK
from reader.tui.widgets.archive_list import ArchiveList
from reader.tui.widgets.article_view import ArticleView


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_on_screen_has_kazakh_text() -> None:
    missing = sorted(m for m in ui_messages() if m not in KK)
    assert not missing, f"no Kazakh text for: {missing}"


def test_every_problem_the_parser_reports_has_kazakh_text() -> None:
    problems = [v for k, v in vars(parser).items() if k.isupper() and isinstance(v, str)
                and not k.startswith("_") and " " in v]
    assert problems and not [p for p in problems if p not in KK]


def test_kazakh_keeps_the_placeholders_and_nothing_is_empty() -> None:
    for english, kazakh in KK.items():
        assert kazakh.strip(), english
        assert _fields(kazakh) == _fields(english), english


def test_no_kazakh_text_for_a_message_that_is_not_shown() -> None:
    problems = {v for k, v in vars(parser).items() if k.isupper() and isinstance(v, str)}
    assert not set(KK) - ui_messages() - problems


@pytest.mark.parametrize(("configured", "env", "expected"), [
    ("kk", {"LANG": "en_US.UTF-8"}, "kk"),
    ("en", {"LANG": "kk_KZ.UTF-8"}, "en"),
    (None, {"LANG": "kk_KZ.UTF-8"}, "kk"),
    (None, {"LC_ALL": "kk_KZ", "LANG": "en_GB"}, "kk"),
    (None, {"LC_ALL": "C", "LANG": "kk_KZ.UTF-8"}, "en"),
    (None, {"LANG": "ru_RU.UTF-8"}, "en"),
    (None, {}, "en"),
], ids=["config-kk", "config-en", "locale-kk", "lc-all-first", "lc-all-c", "other", "none"])
def test_language_from_config_then_locale_then_english(configured, env, expected) -> None:
    assert choose_language(configured, env) == expected


@pytest.mark.parametrize(("language", "date", "month", "words"), [
    ("kk", "2026 жылғы 2 ақпан", "Ақпан", "{n} сөз"),
    ("en", "2 February 2026", "February", "{n} words"),
])
def test_dates_follow_the_language(language, date, month, words) -> None:
    set_language(language)
    assert format_date(dt.date(2026, 2, 2)) == date
    assert month_name(2) == month
    assert t("{n} words") == words


async def test_the_app_speaks_kazakh_when_config_says_so(archive: Path,
                                                         config_dir: Path) -> None:
    kazakh_interface(config_dir)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        shown = widget_text(view)
        # the meta line, broken only between its parts at this width
        assert all(part in shown for part in ("2026 жылғы 2 ақпан", "254 сөз", "2 мин оқу"))
        listing = widget_text(app.screen.query_one(ArchiveList))
        assert "Ақпан" in listing and "Қаңтар" in listing
        footer = " ".join(active.binding.description
                          for active in app.screen.active_bindings.values()
                          if active.binding.show)
        assert "Бетбелгі" in footer and "Жазба" in footer and "Шығу" in footer
        assert not re.search(r"\b(Bookmark|Note|Quit)\b", footer)
        await pilot.press("b")
        await pilot.pause()
        assert any(n.message == "Бетбелгі сақталды (¶ 1)." for n in app._notifications)
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = widget_text(app.screen.query_one("#help-table"))
        assert "Пернелер" in help_text and "Келесі мақала" in help_text


def test_config_and_library_problems_are_told_in_kazakh(tmp_path: Path) -> None:
    from reader.session import open_session

    folder = tmp_path / "config"
    folder.mkdir()
    (folder / "config.toml").write_text('language = "kk"\ncolour = "red"\n', encoding="utf-8")
    (folder / "library.toml").write_text('version = 1\n[[bookmarks]]\nid = "b-1\n',
                                         encoding="utf-8")
    session = open_session(str(tmp_path), str(folder))
    assert any("белгісіз баптау 'colour' (ескерілмейді)" in w for w in session.warnings)
    broken = session.library.broken or ""
    assert "жарамды TOML емес" in broken and "тек оқуға ғана" in broken
    assert "line 3" in broken  # tomllib's own words stay as they are


@pytest.mark.parametrize(("problem", "kazakh"), [
    ("bad date '2026-13-45'", "күні қате: '2026-13-45'"),
    ("truncated at 16 MiB", "16 MiB шегінде қысқартылды"),
    ("no source line", "дереккөз жолы жоқ"),
    ("something new", "something new"),  # unknown: shown as it is
])
def test_problems_are_shown_in_the_interface_language(problem, kazakh) -> None:
    from reader.i18n import problem_text

    assert problem_text(problem) == problem
    set_language("kk")
    assert problem_text(problem) == kazakh


async def test_the_command_palette_speaks_kazakh_too(archive: Path, config_dir: Path) -> None:
    kazakh_interface(config_dir)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Безендіру" in titles and "Бетбелгі" in titles and "Theme" not in titles


async def test_the_palette_prompt_is_in_kazakh(archive: Path, config_dir: Path) -> None:
    from textual.command import CommandInput

    kazakh_interface(config_dir)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "Пәрмен іздеу…"
        await pilot.press(*"Безендіру", "enter")
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "Безендіру іздеу…"
