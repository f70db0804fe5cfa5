"""Latin view, copying over SSH (OSC 52), and a theme that is remembered."""

from __future__ import annotations

import base64
import tomllib
from pathlib import Path

from support.app import kazakh_interface, make_app, widget_text

from reader.tui.widgets.article_view import ArticleView


async def test_t_shows_the_article_in_latin_letters_and_back(archive: Path,
                                                             config_dir: Path) -> None:
    kazakh_interface(config_dir)
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "t")
        view = app.screen.query_one(ArticleView)
        shown = widget_text(view)
        assert "Qazaqstan Respublikasynyñ Konstitutsiiasynyñ" in shown
        # the meta line, broken only between its parts at this width
        assert all(part in shown for part in ("2026 jylğy 2 aqpan", "254 söz", "2 min oqu"))
        assert "Қазақстан" not in shown
        await pilot.press("t")
        assert "Қазақстан Республикасының" in widget_text(view)


async def test_y_copies_the_paragraph_with_osc_52(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        written: list[str] = []
        driver_write = app._driver.write
        app._driver.write = lambda data: (written.append(data), driver_write(data))[1]
        await pilot.press("enter", "j", "y")
        await pilot.pause()
        osc = [chunk for chunk in written if chunk.startswith("\x1b]52;c;")]
        assert len(osc) == 1 and osc[0].endswith("\a")
        copied = base64.b64decode(osc[0][len("\x1b]52;c;"):-1]).decode("utf-8")
        assert copied.startswith("Отырыс барысында қатысушылар")
        assert any("copied" in n.message for n in app._notifications)


async def test_theme_chosen_is_remembered_in_state_toml(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        app.theme = "textual-light"  # what the palette's Theme command does
        await pilot.pause()
        await pilot.press("q")
    state = tomllib.loads((config_dir / "state.toml").read_text(encoding="utf-8"))
    assert state["theme"] == "textual-light"
    again = make_app(archive, config_dir)
    async with again.run_test(size=(140, 40)):
        assert again.theme == "textual-light"


async def test_source_is_a_terminal_hyperlink(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "G")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        links = {segment.style.link for y in range(view.size.height)
                 for segment in view.render_line(y) if segment.style and segment.style.link}
        assert links == {"https://osdp.kz"}


async def test_a_shows_what_an_abbreviation_stands_for(archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "G", "a")  # the last paragraph says only "ЖСДП"
        await pilot.pause()
        titles = {n.message: n.title for n in app._notifications}
        expansion = "ЖСДП — Жалпыұлттық социал-демократиялық партияның"
        assert titles.get(expansion) == "In this paragraph"


async def test_y_on_the_bookmarks_screen_copies_the_bookmarked_paragraph(
        archive: Path, config_dir: Path) -> None:
    app = make_app(archive, config_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "j", "b", "B")
        written: list[str] = []
        driver_write = app._driver.write
        app._driver.write = lambda data: (written.append(data), driver_write(data))[1]
        await pilot.press("y")
        await pilot.pause()
        osc = [chunk for chunk in written if chunk.startswith("\x1b]52;c;")]
        copied = base64.b64decode(osc[0][len("\x1b]52;c;"):-1]).decode("utf-8")
        assert copied.startswith("Саяси кеңес мүшелері Ата заңды")
