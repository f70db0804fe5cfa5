"""A yes/no question, answered from the keyboard."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.i18n import t
from reader.terminal_text import terminal_safe
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.localized import Localized


class ConfirmDialog(Localized, ModalScreen[bool]):
    """Asks before anything is thrown away."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm_yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm_no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(terminal_safe(self.question), classes="dialog-question", markup=False)
            yield Static(t("y = yes    n / Esc = no"), classes="dialog-hint")
        yield KeyFooter()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
