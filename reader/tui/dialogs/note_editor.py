"""The note editor: typing goes straight in; ctrl+s saves, Escape asks before discarding.

What is typed is kept as a draft on disk a moment after each change (reader/drafts.py), so a
dropped connection loses nothing; the draft goes once the note is saved or thrown away.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from reader.i18n import t
from reader.terminal_text import terminal_safe
from reader.tui.dialogs.confirm import ConfirmDialog
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.localized import Localized
from reader.userdata.drafts import Place, drop_draft, keep_draft

DRAFT_DELAY = 1.0  # seconds after the last change before the draft is written


def editable(text: str) -> str:
    """Stored note text as the editor may show it: lines and tabs, nothing that drives the
    terminal (library.toml comes from other machines)."""
    return terminal_safe(text, lines=True, tabs=True)


class NoteArea(Localized, TextArea):
    """Handles its own save key, so no typed character is still in flight when it saves."""

    BINDINGS = [Binding("ctrl+s", "screen.save", "Save", id="note_save")]

    async def _on_paste(self, event: events.Paste) -> None:
        event.text = editable(event.text)  # a pasted escape sequence would be drawn raw


class NoteEditor(Localized, ModalScreen[str | None]):
    """Returns the note's text; None when the reader gave up the edit or changed nothing."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="note_cancel")]

    def __init__(self, heading: str, stored: str, text: str | None = None,
                 place: Place | None = None, folder: Path | None = None) -> None:
        """`stored` is the note as library.toml has it; `text` what to start with (a draft)."""
        super().__init__()
        self.heading = heading
        self.stored = editable(stored)
        self.start = editable(stored if text is None else text)
        self.place, self.folder = place, folder
        self.current = self.start
        self._timer = None
        # Whose draft is on disk: this editor's (it started from it, or wrote one) may go;
        # one the reader declined to restore stays until this note is saved.
        self._owns_draft = text is not None and self.start != self.stored

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog note-dialog"):
            yield Static(terminal_safe(self.heading), classes="dialog-question", markup=False)
            yield NoteArea(self.start, id="note-text", soft_wrap=True, tab_behavior="focus")
            yield Static(t("ctrl+s = save    Esc = cancel    (an empty note is deleted)"),
                         classes="dialog-hint", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        area = self.query_one(NoteArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.current = event.text_area.text
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DRAFT_DELAY, self.keep_now)

    def keep_now(self) -> None:
        """Write the draft (the app calls this too when it is told to leave)."""
        if self.place is None or self.folder is None:
            return
        try:
            if self.current != self.stored:
                keep_draft(self.folder, self.place, self.current)
                self._owns_draft = True
            elif self._owns_draft:
                drop_draft(self.folder, self.place)
        except OSError as error:
            self.notify(t("Cannot keep a draft of this note: {error}",
                          error=error.strerror or error), severity="warning")

    def _stop_keeping(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def action_save(self) -> None:
        text = self.query_one(NoteArea).text
        if text == self.stored:  # nothing to write: library.toml stays byte for byte
            self._discard()
            return
        self._stop_keeping()
        self.dismiss(text)

    def action_cancel(self) -> None:
        if self.query_one(NoteArea).text == self.stored:
            self._discard()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self._discard()

        self.app.push_screen(ConfirmDialog(t("Throw away the changes to this note?")), answered)

    def _discard(self) -> None:
        self._stop_keeping()
        if self.place is not None and self.folder is not None and self._owns_draft:
            drop_draft(self.folder, self.place)
        self.dismiss(None)
