"""Search as you type: ranked results with the matched words highlighted."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.i18n import format_date, plural, t
from reader.terminal_text import terminal_safe
from reader.tui.archive_feed import hits_for
from reader.tui.dialogs.prompt import SafeInput
from reader.tui.widgets.article_view import LARGE_ARTICLE
from reader.tui.widgets.hit_prompt import HitPrompt
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.localized import Localized
from reader.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from reader.tui.app import KzReaderApp

DEBOUNCE = 0.12  # seconds of quiet typing before a search runs
LIMIT = 50


class SearchScreen(Localized, Screen):
    """`/` from the main screen. Enter opens the article at its first hit."""

    app: KzReaderApp  # type: ignore[assignment]  # typed access to the app's own parts

    AUTO_FOCUS = "#search-input"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="search_back"),
        Binding("down", "results", "Results", show=False, id="search_results"),
        # (over the app's `/`: the footer offered "/ Search" on the search screen itself)
        Binding("slash", "edit_query", "Search", show=False, id="search_edit"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self._timer: Timer | None = None
        self._hits: list = []
        self._searched_in = -1  # the feed's generation the hits are from

    def compose(self) -> ComposeResult:
        yield TitleBar()
        hint = t('words, "a phrase", prefix*, from:2024 to:2025-05 source:egemen.kz')
        yield SafeInput(self.initial, placeholder=hint, id="search-input")
        yield Static("", id="search-status")
        yield OptionList(id="search-results")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("Search")
        self.query_one(Input).focus()
        if self.initial:
            self.run_search()

    def on_screen_resume(self) -> None:
        """Opened again (the app keeps this screen): the last query, selected (what is typed
        replaces it, as in a browser's find bar), and its hits, found again if the archive
        changed meanwhile."""
        field = self.query_one(Input)
        field.focus()
        field.select_all()
        if self._searched_in not in (-1, self.app.feed.generation):
            self.run_search()

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.run_search)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
            self.run_search()
        if self._hits:
            self._open(0)

    def action_results(self) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            results.focus()
            results.highlighted = 0

    def action_edit_query(self) -> None:
        """`/` from the results: back to the query, to change it."""
        self.query_one(Input).focus()

    def run_search(self) -> None:
        self._timer = None
        self._searched_in = self.app.feed.generation
        text = self.query_one(Input).value
        status = self.query_one("#search-status", Static)
        results = self.query_one(OptionList)
        results.clear_options()
        self._hits = []
        if not text.strip():
            status.update("")
            return
        started = time.perf_counter()
        hits, note = self.app.feed.search(text, LIMIT)
        took = (time.perf_counter() - started) * 1000
        self._hits = hits
        for index, hit in enumerate(hits):
            results.add_option(Option(self._prompt(hit), id=str(index)))
        count = plural(len(hits), "{n} result", "{n} results")
        count += "+" if len(hits) == LIMIT else ""
        status.update(Text(f" {count} · {took:.0f} ms{note}", style="dim"))

    def _prompt(self, hit) -> HitPrompt:
        when = format_date(hit.date) if hit.date else t("undated")
        return HitPrompt(when, terminal_safe(hit.title),
                         [(terminal_safe(piece), marked) for piece, marked in hit.snippet])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._open(int(event.option.id or 0))

    def _open(self, index: int) -> None:
        hit, text = self._hits[index], self.query_one(Input).value
        app = self.app
        app.jump_to(hit.id, max(hit.paragraph, 0))
        view = app.main_screen.article_view
        article = view.article
        if article is None or article.id != hit.id:
            return
        if sum(map(len, article.paragraphs)) < LARGE_ARTICLE:
            view.show_hits(hits_for(article, text))
            return

        def find() -> None:
            """Megabytes take a second to look through: in a thread, keys keep working."""
            hits = hits_for(article, text)

            def show() -> None:
                if view.article is article:  # not another article opened meanwhile
                    view.show_hits(hits)

            app.call_from_thread(show)

        view.run_worker(find, thread=True, exclusive=True, group="hits",
                        name="find the hits in a large article")
