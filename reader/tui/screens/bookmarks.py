"""Every bookmark: open it, delete it, or give it a label."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from reader.archive.excerpt import ParagraphLookup
from reader.i18n import format_date, t
from reader.search.in_library import Span
from reader.terminal_text import terminal_safe
from reader.tui.screens.library_list import LibraryListScreen
from reader.tui.widgets.filter_bar import marked
from reader.userdata.library import Bookmark


class BookmarksScreen(LibraryListScreen[Bookmark]):
    """A bookmark whose article has gone stays listed, marked missing."""

    HEADING = "Bookmarks"
    EMPTY = "No bookmarks yet: press b on a paragraph."  # both through t() when shown
    MARK = "★"
    BINDINGS = [Binding("r", "rename", "Label", id="bookmarks_rename")]

    def entries(self) -> list[Bookmark]:
        return list(self.app.library.bookmarks)

    def filter_hint(self) -> str:
        return t('in the labels: words, "a phrase", prefix*; #tag')

    def details(self, entry: Bookmark, spans: list[Span]) -> tuple[Text, Text | None, str]:
        title = terminal_safe(entry.title or entry.article)
        line = Text()
        line.append(title, "bold")
        when = format_date(entry.date) if entry.date else t("undated")
        if entry.label:
            line.append("  [", "italic")
            line.append_text(marked(entry.label, spans, "italic"))
            line.append("]", "italic")
        return line, Text(when, "dim"), f"{title}  {when}{line.plain[len(title):]}"

    def delete_entry(self, entry: Bookmark) -> None:
        self.app.library.remove_bookmark(entry.id)

    def text_to_copy(self, entry: Bookmark) -> str | None:
        return ParagraphLookup(self.app.catalog).text(entry.article, entry.paragraph)

    def action_rename(self) -> None:
        from reader.tui.dialogs.prompt import PromptDialog

        bookmark = self.current()
        if bookmark is None:
            return

        def renamed(label: str | None) -> None:
            if label is not None:
                self.apply(lambda: self.app.library.rename_bookmark(bookmark.id, label),
                           t("Label saved."))

        self.app.push_screen(PromptDialog(t("Bookmark label"), t("Enter = save    Esc = cancel"),
                                          bookmark.label, t("a word or two")), renamed)
