"""A one-line prompt for a bookmark's label."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from reader.i18n import t
from reader.widgets.localized import Localized


class RenameDialog(Localized, ModalScreen[str | None]):
    """Enter keeps the new label, Escape keeps the old one."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="rename_cancel")]

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("Bookmark label"), classes="dialog-question")
            yield Input(self.label, placeholder=t("a word or two"), id="label")
            yield Static(t("Enter = save    Esc = cancel"), classes="dialog-hint")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
