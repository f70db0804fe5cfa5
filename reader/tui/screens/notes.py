"""Every note: jump to its place, edit it, or delete it."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from reader.archive.excerpt import first_words
from reader.i18n import t
from reader.search.in_library import Span
from reader.terminal_text import terminal_safe
from reader.tui.screens.library_list import LibraryListScreen
from reader.tui.widgets.filter_bar import marked
from reader.userdata.library import Note


class NotesScreen(LibraryListScreen[Note]):
    HEADING = "Notes"
    EMPTY = "No notes yet: press n on a paragraph, or N for the whole article."
    MARK = "✎"
    BINDINGS = [Binding("e", "edit", "Edit", id="notes_edit")]

    def entries(self) -> list[Note]:
        return list(self.app.library.notes)

    def filter_hint(self) -> str:
        return t('in the notes: words, "a phrase", prefix*; #tag')

    def details(self, entry: Note, spans: list[Span]) -> tuple[Text, Text | None, str]:
        line = Text()
        if spans:  # filtered: the words around the hit, which may be far into the note
            line.append_text(marked(entry.text, spans, "italic"))
        else:
            line.append(first_words(" ".join(terminal_safe(entry.text).split()), 16), "italic")
        line.append(f"  — {terminal_safe(entry.title or entry.article)}", "dim")
        return line, None, line.plain

    def delete_entry(self, entry: Note) -> None:
        self.app.library.delete_note(entry.id)

    def text_to_copy(self, entry: Note) -> str | None:
        return terminal_safe(entry.text, lines=True, tabs=True)  # pasted later into a shell

    def action_edit(self) -> None:
        note = self.current()
        if note is not None:
            self.app.annotations.edit_note_at(note.article, note.title, note.paragraph, note,
                                  t("Note — {title}", title=note.title), after=self.reload)
