"""What the bookmarks and notes screens share: a list of places, opened, deleted, edited."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.archive.excerpt import ParagraphLookup, first_words
from reader.i18n import t
from reader.search.in_library import Span
from reader.terminal_text import printable_id, terminal_safe
from reader.tui.widgets.filter_bar import FilterBar, Shown, filtered
from reader.tui.widgets.localized import Localized
from reader.userdata.library import Bookmark, LibraryError, Note

if TYPE_CHECKING:
    from reader.tui.app import KzReaderApp

Entry = TypeVar("Entry", Bookmark, Note)
DEBOUNCE = 0.12  # seconds of quiet typing before the list is narrowed, as on the search screen


class Narrowed(Message):
    """The filter's search for `text` is done (in a thread: post_message is thread-safe, and
    a screen closed meanwhile simply never gets it)."""

    def __init__(self, text: str, result: Shown) -> None:
        super().__init__()
        self.text, self.result = text, result


class LibraryListScreen(Localized, Screen, Generic[Entry]):
    """A list of library entries, newest first; Enter jumps to the place."""

    app: KzReaderApp  # type: ignore[assignment]  # typed access to the app's own parts

    HEADING = ""
    EMPTY = ""
    MARK = ""  # ★ or ✎, before each entry

    BINDINGS = [
        Binding("escape", "back", "Back", id="library_back"),
        Binding("slash", "filter", "Filter", id="library_filter"),
        Binding("down", "to_list", "To the list", show=False, id="library_to_list"),
        Binding("d,delete", "delete", "Delete", id="library_delete"),
        Binding("y", "copy", "Copy", id="library_copy"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._timer: Timer | None = None  # the filter waiting for typing to pause
        self._filled_for = ""  # the filter text the list shows now

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t(self.HEADING), classes="screen-title")
        yield FilterBar(self.filter_hint(), id="filter-bar")
        yield OptionList(id="entries")
        yield Static("", id="empty-hint", classes="empty-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t(self.HEADING)
        self.reload()
        self.query_one(OptionList).focus()

    def entries(self) -> list[Entry]:
        raise NotImplementedError

    def filter_hint(self) -> str:
        """The `/` box's placeholder: what it searches."""
        raise NotImplementedError

    def describe(self, entry: Entry, spans: list[Span]) -> Text:
        """The first line of an entry: its mark, then what it is and where."""
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f"{self.MARK} ", "bold")
        self.details(entry, line, spans)
        return line

    def details(self, entry: Entry, line: Text, spans: list[Span]) -> None:
        """What follows the mark on an entry's first line; `spans` are the filter's hits in
        the label or note text ([] when not filtering)."""
        raise NotImplementedError

    def delete_entry(self, entry: Entry) -> None:
        raise NotImplementedError

    def text_to_copy(self, entry: Entry) -> str | None:
        """What `y` copies: the bookmarked paragraph, or the note."""
        raise NotImplementedError

    def action_copy(self) -> None:
        entry = self.current()
        text = self.text_to_copy(entry) if entry is not None else None
        if not text:
            return
        self.app.copy_to_clipboard(text)  # OSC 52: the terminal takes it, over SSH too
        self.notify(t("Copied to the clipboard (OSC 52: your terminal must allow it)."))

    def reload(self, *, top: bool = False) -> None:
        """The list again from the library, narrowed by the filter box if it is open."""
        text = self.query_one(FilterBar).text
        self._fill(text, filtered(self.entries(), text), top=top)

    def _fill(self, text: str, result: Shown, *, top: bool) -> None:
        if self._timer is not None:  # what it would narrow to is shown now
            self._timer.stop()
            self._timer = None
        self._filled_for = text
        lookup = ParagraphLookup(self.app.catalog)
        options = self.query_one(OptionList)
        keep = 0 if top else options.highlighted or 0
        options.clear_options()
        shown, total = result
        for entry, spans in shown:
            prompt = self.describe(entry, spans)
            prompt.append_text(self._place(entry, lookup))
            options.add_option(Option(prompt, id=entry.id))
        if options.option_count:
            options.highlighted = min(keep, options.option_count - 1)
        bar = self.query_one(FilterBar)
        bar.count(len(shown), total)
        hint = ""
        if not total:
            hint = t(self.EMPTY)
        elif not shown:
            hint = t("Nothing matches {text}: Escape shows every entry again.",
                     text=terminal_safe(bar.text))
        self.query_one("#empty-hint", Static).update(Text(hint))

    def action_filter(self) -> None:
        """`/`: the filter box, with the cursor in it."""
        bar = self.query_one(FilterBar)
        opening = not bar.open
        bar.show()
        if opening:
            self.reload()  # with its "3 of 3"

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "filter-input":
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self._narrow)

    def _narrow(self) -> None:
        self._timer = None
        text = self.query_one(FilterBar).text
        if text != self._filled_for:
            self._search(text, self.entries())

    @work(thread=True, exclusive=True, group="library-filter")
    def _search(self, text: str, entries: list[Entry]) -> None:
        """Off the event loop: 10,000 notes take a second or two to search, and typing must
        not wait for that. A result for text that is no longer in the box is dropped."""
        self.post_message(Narrowed(text, filtered(entries, text)))

    def on_narrowed(self, event: Narrowed) -> None:
        current = self.query_one(FilterBar).text
        if event.text == current != self._filled_for and self._timer is None:
            self._fill(event.text, event.result, top=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "filter-input":
            return
        if self._timer is not None:  # typed and Enter at once: narrow now, not after it
            self.reload(top=True)
        self.action_to_list()

    def action_to_list(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if options.option_count and options.highlighted is None:
            options.highlighted = 0

    def action_back(self) -> None:
        """Escape: closes the filter (every entry again), else back to where `B` was."""
        bar = self.query_one(FilterBar)
        if not bar.open:
            self.app.pop_screen()
            return
        bar.close()
        self.reload(top=True)
        self.query_one(OptionList).focus()

    def _place(self, entry: Entry, lookup: ParagraphLookup) -> Text:
        where = t("article") if entry.paragraph is None else f"¶ {entry.paragraph + 1}"
        line = Text(f"\n   {where}: ", style="dim")
        if lookup.missing(entry.article):
            line.append(t("missing: {id} is no longer in the archive",
                          id=printable_id(entry.article)),
                        "italic red")
        elif entry.paragraph is None:
            line.append(printable_id(entry.article))
        else:
            text = lookup.text(entry.article, entry.paragraph)
            line.append(first_words(text) if text else t("this paragraph has gone"), "")
        return line

    def current(self) -> Entry | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return next((e for e in self.entries() if e.id == option_id), None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        entry = self.current()
        if entry is not None:
            self.app.jump_to(entry.article, entry.paragraph)

    def action_delete(self) -> None:
        from reader.tui.dialogs.confirm import ConfirmDialog

        entry = self.current()
        if entry is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.apply(lambda: self.delete_entry(entry), t("Deleted."))

        question = (t("Delete the bookmark on “{title}”?", title=entry.title)
                    if isinstance(entry, Bookmark)
                    else t("Delete the note on “{title}”?", title=entry.title))
        self.app.push_screen(ConfirmDialog(question), answered)

    def apply(self, change: Callable[[], object], message: str) -> None:
        """Make one change to library.toml; say so only once it is on disk."""
        try:
            change()
        except LibraryError as error:
            self.notify(str(error), title=t("Not saved"), severity="error", timeout=10)
            return
        self.notify(message)
        self.reload()
        self.app.refresh_marks()
