"""Every highlighted passage: open the article at it, tag it, cite it, or delete it."""

from __future__ import annotations

from rich.text import Text

from reader.archive.excerpt import ParagraphLookup, first_words
from reader.i18n import t
from reader.search.in_library import Span
from reader.terminal_text import terminal_safe
from reader.tui.screens.library_list import LibraryListScreen
from reader.tui.widgets.filter_bar import marked
from reader.userdata.entries import Highlight
from reader.userdata.library import Note


def searched(entry: Highlight) -> str:
    """What the filter box searches in a highlight: the passage, then the note on it."""
    return f"{entry.anchor.quote}\n{entry.note}" if entry.note else entry.anchor.quote


class HighlightsScreen(LibraryListScreen[Highlight]):
    """The passage first, then its place and the note on it; a passage whose text is no
    longer in its article stays listed, marked orphaned."""

    HEADING = "Highlights"
    EMPTY = "No highlights yet: press v in an article, extend the passage, then Enter."
    MARK = "❝"

    def entries(self) -> list[Highlight]:
        return list(self.app.library.highlights)

    def filter_hint(self) -> str:
        return t('in the passages and their notes: words, "a phrase", prefix*; #tag')

    def searchable(self, entry: Highlight) -> Note:
        """The filter's search reads a note's text: the passage and the note, as one."""
        return Note(entry.id, entry.article, entry.title, entry.paragraph, searched(entry),
                    entry.created, entry.updated)

    def details(self, entry: Highlight, spans: list[Span]) -> tuple[Text, Text | None, str]:
        line = Text()
        if spans:  # filtered: the words around the hit, in the passage or its note
            line.append_text(marked(searched(entry), spans, "italic"))
        else:
            quote = " ".join(terminal_safe(entry.anchor.quote).split())
            line.append(f"“{first_words(quote, 16)}”", "italic")
        line.append(f"  — {terminal_safe(entry.title or entry.article)}", "dim")
        return line, None, line.plain

    def place_text(self, entry: Highlight, article: str, paragraph: int | None,
                   lookup: ParagraphLookup) -> Text:
        """After "¶ 3:", the note on the passage (the passage itself is the first line)."""
        if not entry.note.strip():
            return Text("")
        return Text("✎ " + first_words(" ".join(terminal_safe(entry.note).split()), 16),
                    style="italic")

    def delete_entry(self, entry: Highlight) -> None:
        self.app.library.delete_highlight(entry.id)

    def text_to_copy(self, entry: Highlight) -> str | None:
        return terminal_safe(entry.anchor.quote, lines=True)  # pasted later into a shell
