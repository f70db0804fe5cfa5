"""The `/` box of the bookmarks and notes screens: what to narrow the list to, and how many
of the entries are shown. Hidden until `/`; the screen does the narrowing."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static

from reader.i18n import t
from reader.search.in_library import Entry, Span, search_library
from reader.search.query import parse_query
from reader.search.snippet import window
from reader.terminal_text import terminal_safe
from reader.tui.archive_feed import _typing
from reader.tui.dialogs.prompt import SafeInput

Shown = tuple[list[tuple[Entry, list[Span]]], int]  # (entries with their hits, how many in all)


def filtered(entries: Sequence[Entry], text: str) -> Shown:
    """The entries to list, newest first, each with its hits, and how many there are in all.
    The same search as `kz-reader search --in library`, the word being typed also as a
    prefix (as in the search box); text with no word in it yet (just `"`) keeps them all."""
    if not parse_query(text).terms:
        newest = sorted(entries, key=lambda e: e.created, reverse=True)
        return [(entry, []) for entry in newest], len(entries)
    hits = search_library(entries, text, typing=_typing(text))
    return [(hit.entry, hit.spans) for hit in hits], len(entries)


def marked(text: str, spans: list[Span], style: str = "") -> Text:
    """A label or note as shown (no control reaches the screen), the filter's hits in
    reverse as on the search screen; with hits, the words around the first one."""
    line = Text()
    for piece, hit in window(text, spans) if spans else [(text, False)]:
        line.append(terminal_safe(piece), f"{style} bold reverse".strip() if hit else style)
    return line


class FilterBar(Horizontal):
    """An input and a "3 of 10" count; `open` is whether it is shown (and filtering)."""

    def __init__(self, placeholder: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.placeholder = placeholder
        self.display = False

    def compose(self) -> ComposeResult:
        yield SafeInput(placeholder=self.placeholder, id="filter-input")
        yield Static(Text(""), id="filter-count")

    @property
    def open(self) -> bool:
        return bool(self.display)

    @property
    def text(self) -> str:
        """What to filter by; "" while closed."""
        return self.query_one(Input).value if self.open else ""

    def show(self) -> None:
        self.display = True
        self.query_one(Input).focus()

    def close(self) -> None:
        self.query_one(Input).value = ""
        self.display = False

    def count(self, shown: int, total: int) -> None:
        line = t("{shown} of {total}", shown=shown, total=total) if self.open else ""
        self.query_one("#filter-count", Static).update(Text(line, style="dim"))
