"""A question on the bottom line, in place of the key hints: `:` and `f` in the list.

A dialog is a screen of its own: pushing it styles a new screen and draws the list dimmed
behind it; closing it draws the whole main screen again. A field on the bottom line took the
focus from the list and gave it back, and swapped places with the key hints: each a restyle
or a new layout of the screen. Here nothing moves: the list keeps the focus and hands its
keys over (widgets/asked_about.py), and the footer draws the question where its hints were,
so a question and its answer repaint one line, and the list its rows when it moves.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text
from textual import events

from reader.terminal_text import terminal_safe
from reader.tui.line_edit import LineEdit, cluster_end
from reader.tui.widgets.asked_about import AskedAbout
from reader.tui.widgets.key_footer import KeyFooter

FIELD_CELLS = 8  # the least room the answer keeps: the hint goes first, then the question's end

Answer = Callable[[str | None], None]


class LinePrompt:
    """Asks on `footer`'s line about a widget that keeps the focus; `answer` gets what was
    typed (stripped) on Enter, None on Escape."""

    def __init__(self, footer: KeyFooter) -> None:
        self.footer = footer
        self.question = self.hint = self.placeholder = ""
        self.field = LineEdit()
        self._answer: Answer | None = None
        self._about: AskedAbout | None = None

    @property
    def asking(self) -> bool:
        return self._about is not None

    def ask(self, about: AskedAbout, question: str, hint: str, answer: Answer,
            placeholder: str = "") -> None:
        self.drop()
        self.question, self.hint = terminal_safe(question), terminal_safe(hint)
        self.placeholder = terminal_safe(placeholder)
        self.field = LineEdit()
        self._answer, self._about = answer, about
        about.asked = self
        self.footer.asking = self
        self.footer.refresh()

    def key(self, event: events.Key) -> None:
        if event.key == "enter":
            self._close(self.field.text.strip())
        elif event.key == "escape":
            self._close(None)
        elif self.field.key(event.key, event.character):
            self.footer.refresh()

    def paste(self, text: str) -> None:
        self.field.insert(text)
        self.footer.refresh()

    def drop(self) -> None:
        """The question goes unanswered (the focus left the widget it is about)."""
        self._close(None, answered=False)

    def _close(self, value: str | None, answered: bool = True) -> None:
        about, answer = self._about, self._answer
        self._about = self._answer = None
        if about is None:
            return
        about.asked = None
        self.footer.asking = None
        self.footer.refresh()
        if answered and answer is not None:
            answer(value)

    def line(self, width: int, style: Callable[[str], Style]) -> Text:
        """The bottom line: the question, the answer with its cursor, the hint if it fits."""
        question = f" {self.question} "
        hint = f" {self.hint} " if self.hint else ""
        if width - cell_len(question) - cell_len(hint) < FIELD_CELLS:
            hint = ""
        room = max(width - cell_len(hint) - min(FIELD_CELLS, width), 0)
        if cell_len(question) > room:  # a narrow terminal: the question's end goes
            question = set_cell_size(question, room - 1) + "…" if room else ""
        line = Text(end="", no_wrap=True)
        line.append(question, style("key-footer--question"))
        field = max(width - cell_len(question) - cell_len(hint), 1)
        line.append_text(self._field(field, style))
        line.append(hint, style("key-footer--hint"))
        return line

    def _field(self, cells: int, style: Callable[[str], Style]) -> Text:
        """The answer in `cells` cells, the cursor's cell in reverse and always shown."""
        plain, cursor = self.field.text, self.field.cursor
        answer = style("key-footer--answer")
        shown = Text(end="", style=answer)
        if not plain:  # the placeholder, the cursor on its first cell (as Input draws it)
            hint = set_cell_size(self.placeholder, cells) or " "
            shown.append(hint[0], answer + Style(reverse=True))
            shown.append(hint[1:], style("key-footer--placeholder"))
        else:
            end = cluster_end(plain, cursor)  # the character under the cursor, whole
            under = plain[cursor:end] or " "
            start = 0  # the answer's start scrolls off while the cursor would not fit
            while start < cursor and cell_len(plain[start:cursor]) + cell_len(under) > cells:
                start = cluster_end(plain, start)
            shown.append(plain[start:cursor])
            shown.append(under, answer + Style(reverse=True))
            shown.append(plain[end:])
        shown.truncate(cells)
        shown.pad_right(cells - shown.cell_len)
        return shown
