"""Every key, generated from the bindings themselves so it can never go stale."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.i18n import t
from reader.tui.keys import binding_groups
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.localized import Localized

if TYPE_CHECKING:
    from reader.tui.app import KzReaderApp


class HelpScreen(Localized, ModalScreen[None]):
    """`?` from anywhere; Escape, q or ? closes it."""

    app: KzReaderApp  # type: ignore[assignment]  # typed access to the app's own parts

    BINDINGS = [Binding("escape,q,question_mark", "app.pop_screen", "Close", id="help_close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(self._table(), id="help-table")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def _table(self) -> Table:
        table = Table(box=None, show_header=False, padding=(0, 2), expand=False,
                      title=t("Keys"), title_style="bold")
        table.add_column("key", style="bold", no_wrap=True, min_width=14)
        table.add_column("what it does")
        for heading, bindings in binding_groups():
            table.add_row(Text(t(heading), style="bold underline"), "")
            seen: set[str] = set()
            for binding in bindings:
                if not isinstance(binding, Binding) or binding.description in seen:
                    continue
                seen.add(binding.description)
                key_list = self.app.keymap.get(binding.id or "", binding.key)
                keys = " ".join(self.app.get_key_display(Binding(key.strip(), ""))
                                for key in key_list.split(","))
                table.add_row(keys, t(binding.description))
            table.add_row("", "")
        table.add_row(Text(t("In the search box"), style="bold underline"), "")
        for syntax, meaning in SEARCH_SYNTAX:
            table.add_row(Text(syntax), t(meaning))
        return table


SEARCH_SYNTAX = [  # what / understands besides words (reader/search/query.py, filters.py)
    ('"…"', "a phrase: these words in this order"),
    ("word*", "words that begin so"),
    ("from:2024-05", "only articles from this date on (a year, month or day)"),
    ("to:2025", "only articles up to this date"),
    ("source:egemen.kz", "only articles whose source line holds this"),
]
