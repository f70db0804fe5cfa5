"""What the bookmarks and notes screens share: a list of places, opened, deleted, edited."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from reader.archive.excerpt import ParagraphLookup, first_words
from reader.i18n import t
from reader.terminal_text import printable_id
from reader.tui.widgets.localized import Localized
from reader.userdata.library import Bookmark, LibraryError, Note

if TYPE_CHECKING:
    from reader.tui.app import KzReaderApp

Entry = TypeVar("Entry", Bookmark, Note)


class LibraryListScreen(Localized, Screen, Generic[Entry]):
    """A list of library entries, newest first; Enter jumps to the place."""

    app: KzReaderApp  # type: ignore[assignment]  # typed access to the app's own parts

    HEADING = ""
    EMPTY = ""
    MARK = ""  # ★ or ✎, before each entry

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="library_back"),
        Binding("d,delete", "delete", "Delete", id="library_delete"),
        Binding("y", "copy", "Copy", id="library_copy"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t(self.HEADING), classes="screen-title")
        yield OptionList(id="entries")
        yield Static("", id="empty-hint", classes="empty-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t(self.HEADING)
        self.reload()
        self.query_one(OptionList).focus()

    def entries(self) -> list[Entry]:
        raise NotImplementedError

    def describe(self, entry: Entry) -> Text:
        """The first line of an entry: its mark, then what it is and where."""
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f"{self.MARK} ", "bold")
        self.details(entry, line)
        return line

    def details(self, entry: Entry, line: Text) -> None:
        """What follows the mark on an entry's first line."""
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

    def reload(self) -> None:
        lookup = ParagraphLookup(self.app.catalog)
        options = self.query_one(OptionList)
        keep = options.highlighted or 0
        options.clear_options()
        for entry in sorted(self.entries(), key=lambda e: e.created, reverse=True):
            prompt = self.describe(entry)
            prompt.append_text(self._place(entry, lookup))
            options.add_option(Option(prompt, id=entry.id))
        if options.option_count:
            options.highlighted = min(keep, options.option_count - 1)
        self.query_one("#empty-hint", Static).update("" if options.option_count else t(self.EMPTY))

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
