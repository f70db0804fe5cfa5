"""A one-line question in a dialog: a bookmark's label. (A year or month for the list is
asked on the bottom line: line_prompt.py.)"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.terminal_text import terminal_safe
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.localized import Localized


class SafeInput(Input):
    """A pasted control or escape sequence would be drawn as it is: it goes, as on screen."""

    def _on_paste(self, event: events.Paste) -> None:
        event.text = terminal_safe(event.text, lines=True)


class PromptDialog(Localized, ModalScreen[str | None]):
    """Returns what the reader typed (stripped); None on Escape, or when a given value was
    left as it was (what is stored stays byte for byte, even if the field showed it cleaned)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt_cancel")]

    def __init__(self, question: str, hint: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question, self.hint = question, hint
        self.value, self.placeholder = value, placeholder
        self.shown = terminal_safe(value)  # a label from library.toml is untrusted text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(terminal_safe(self.question), classes="dialog-question", markup=False)
            yield SafeInput(self.shown, placeholder=self.placeholder, id="answer")
            yield Static(self.hint, classes="dialog-hint", markup=False)
        yield KeyFooter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        unchanged = bool(self.value) and event.value == self.shown
        self.dismiss(None if unchanged else event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
