"""Asks for a year or a month, to narrow the list to it or to jump there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from reader.i18n import t
from reader.widgets.localized import Localized


class PeriodDialog(Localized, ModalScreen[str | None]):
    """Returns what the reader typed (parsed by the caller), or None on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="period_cancel")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-question")
            yield Input(placeholder=t("2024 or 2024-05"), id="period")
            yield Static(t("Enter = go    Esc = cancel"), classes="dialog-hint")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
