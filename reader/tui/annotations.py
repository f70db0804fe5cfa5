"""Notes from the app, and the retry of what the disk refused.

Each change goes to library.toml at once (reader/userdata/library.py); the screen says "saved" only
after that, and a change the disk refused stays in memory and is tried again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.archive.article import Article
from reader.i18n import format_moment, t
from reader.userdata.drafts import Place, drop_draft, keep_draft, load_draft
from reader.userdata.library import Lasting, LibraryError, Note

if TYPE_CHECKING:
    from reader.tui.app import KzReaderApp

RETRY_SECONDS = 5.0  # bookmarks and notes the disk refused are tried again this often


class Annotations:
    """Notes edited and saved from any screen, with their drafts; changes the disk or a
    broken file refused, retried. Owned by the app."""

    def __init__(self, app: KzReaderApp) -> None:
        self.app = app
        self.library = app.library
        self.folder = app.session.config_dir
        self.waiting_drafts: set[Place] = set()  # notes refused by the disk or a broken file

    def edit_note(self, article: Article, paragraph: int | None) -> None:
        existing = next((n for n in self.library.notes_for(article.id)
                         if n.paragraph == paragraph), None)
        heading = (t("Note on the whole article — {title}", title=article.title)
                   if paragraph is None else
                   t("Note on paragraph {n} — {title}", n=paragraph + 1, title=article.title))
        self.edit_note_at(article.id, article.title, paragraph, existing, heading)

    def edit_note_at(self, article_id: str, title: str, paragraph: int | None,
                     existing: Note | None, heading: str,
                     after: Callable[[], None] | None = None) -> None:
        """Open the editor on a note (or a new one), offering a draft that was never saved."""
        from reader.tui.dialogs.confirm import ConfirmDialog
        from reader.tui.dialogs.note_editor import NoteEditor

        if isinstance(self.library.broken, Lasting):
            self.app.notify(self.library.broken, title=t("Read-only"), severity="error", timeout=10)
            return
        place = Place(article_id, paragraph, existing.id if existing else None)
        folder = self.folder
        stored = existing.text if existing else ""

        def done(text: str | None) -> None:
            if text is not None:
                self.save_note(place, title, text, existing.id if existing else None)
            if after is not None:
                after()

        def open_with(text: str) -> None:
            self.app.push_screen(NoteEditor(heading, stored, text, place, folder), done)

        draft = load_draft(folder, place)
        if draft is None or draft.text == stored:
            open_with(stored)
            return

        def restore(yes: bool | None) -> None:
            # "no" (or Esc) opens the note as saved; the draft stays until the note is saved
            # or deliberately thrown away, so one key never loses it.
            open_with(draft.text if yes else stored)

        when = format_moment(draft.saved)
        self.app.push_screen(ConfirmDialog(t("This note has a draft from {when} that was never "
                                         "saved. Restore it?", when=when)), restore)

    def save_note(self, place: Place, title: str, text: str, note_id: str | None) -> None:
        """Write the note; its draft goes only once library.toml holds it."""
        try:
            if not text.strip() and note_id is not None:
                self.library.delete_note(note_id)
                message = t("Note deleted.")
            elif not text.strip():
                drop_draft(self.folder, place)
                return
            else:
                self.library.save_note(place.article, title, place.paragraph, text, note_id)
                message = t("Note saved.")
        except LibraryError as error:
            with contextlib.suppress(OSError):  # kept in memory, and on disk as a draft
                keep_draft(self.folder, place, text)
            self.waiting_drafts.add(place)
            self.app.notify(str(error), title=t("Not saved"), severity="error", timeout=10)
            self.app.refresh_marks()  # a change kept in memory shows until it is written
            return
        drop_draft(self.folder, place)
        self.app.refresh_marks()
        self.app.notify(message)

    def retry(self) -> None:
        """Every few seconds: write what the disk or a broken file refused, once it takes it;
        notice when a library.toml broken by hand parses again."""
        broken = self.library.broken
        if broken and not isinstance(broken, Lasting) and not self.library.pending:
            self.library.reload()
            if self.library.broken is None:
                self.app.refresh_marks()
                self.app.notify(t("{path} can be read again; bookmarks and notes are saved as "
                              "usual.", path=self.library.path))
            return
        if not self.library.pending:
            return
        try:
            self.library.save_pending()
        except LibraryError:
            return
        for place in self.waiting_drafts:
            drop_draft(self.folder, place)
        self.waiting_drafts.clear()
        self.app.refresh_marks()
        self.app.notify(t("The bookmarks and notes that were waiting are saved now."))
