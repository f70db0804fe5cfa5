"""The note editor: typing goes straight in; ctrl+s saves, Escape asks before discarding."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea

from reader.i18n import t
from reader.screens.confirm import ConfirmDialog
from reader.widgets.localized import Localized


class NoteArea(Localized, TextArea):
    """Handles its own save key, so no typed character is still in flight when it saves."""

    BINDINGS = [Binding("ctrl+s", "screen.save", "Save", id="note_save")]


class NoteEditor(Localized, ModalScreen[str | None]):
    """Returns the note's text, or None when the reader gave up the edit."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="note_cancel")]

    def __init__(self, heading: str, text: str) -> None:
        super().__init__()
        self.heading = heading
        self.original = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog note-dialog"):
            yield Static(self.heading, classes="dialog-question", markup=False)
            yield NoteArea(self.original, id="note-text", soft_wrap=True, tab_behavior="focus")
            yield Static(t("ctrl+s = save    Esc = cancel    (an empty note is deleted)"),
                         classes="dialog-hint")
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one(NoteArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(NoteArea).text)

    def action_cancel(self) -> None:
        if self.query_one(NoteArea).text == self.original:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(t("Throw away the changes to this note?")), answered)
