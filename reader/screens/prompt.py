"""A one-line question: a bookmark's label, a year or month for the list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from reader.widgets.localized import Localized


class PromptDialog(Localized, ModalScreen[str | None]):
    """Returns what the reader typed (stripped), or None on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt_cancel")]

    def __init__(self, question: str, hint: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question, self.hint = question, hint
        self.value, self.placeholder = value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-question", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            yield Static(self.hint, classes="dialog-hint")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
