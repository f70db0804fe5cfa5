"""Bookmarks and notes from the app: part of KzReaderApp.

Each change goes to library.toml at once (reader/library.py); the screen says "saved" only
after that, and a change the disk refused stays in memory and is tried again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from reader.archive.article import Article
from reader.drafts import Place, drop_draft, keep_draft, load_draft
from reader.i18n import format_moment, t
from reader.library import Lasting, LibraryError, Note

RETRY_SECONDS = 5.0  # bookmarks and notes the disk refused are tried again this often


class LibraryActions:
    """Mixed into KzReaderApp; uses its library, catalog and main screen."""

    def toggle_bookmark(self, article: Article, paragraph: int) -> None:
        try:
            added = self.library.toggle_bookmark(article.id, article.title, article.date, paragraph)
        except LibraryError as error:
            self.notify(str(error), title=t("Not saved"), severity="error", timeout=10)
            self.refresh_marks()  # a change kept in memory shows until it is written
            return
        self.refresh_marks()
        self.notify(t("Bookmark saved (¶ {n}).", n=paragraph + 1) if added
                    else t("Bookmark removed (¶ {n}).", n=paragraph + 1))

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
            self.notify(self.library.broken, title=t("Read-only"), severity="error", timeout=10)
            return
        place, folder = Place(article_id, paragraph), self.session.config_dir
        stored = existing.text if existing else ""

        def done(text: str | None) -> None:
            if text is not None:
                self.save_note(place, title, text, existing.id if existing else None)
            if after is not None:
                after()

        def open_with(text: str) -> None:
            self.push_screen(NoteEditor(heading, stored, text, place, folder), done)

        draft = load_draft(folder, place)
        if draft is None or draft.text == stored:
            open_with(stored)
            return

        def restore(yes: bool | None) -> None:
            if not yes:
                drop_draft(folder, place)
            open_with(draft.text if yes else stored)

        when = format_moment(draft.saved)
        self.push_screen(ConfirmDialog(t("This note has a draft from {when} that was never "
                                         "saved. Restore it?", when=when)), restore)

    def save_note(self, place: Place, title: str, text: str, note_id: str | None) -> None:
        """Write the note; its draft goes only once library.toml holds it."""
        try:
            if not text.strip() and note_id is not None:
                self.library.delete_note(note_id)
                message = t("Note deleted.")
            elif not text.strip():
                drop_draft(self.session.config_dir, place)
                return
            else:
                self.library.save_note(place.article, title, place.paragraph, text, note_id)
                message = t("Note saved.")
        except LibraryError as error:
            with contextlib.suppress(OSError):  # kept in memory, and on disk as a draft
                keep_draft(self.session.config_dir, place, text)
            self.waiting_drafts.add(place)
            self.notify(str(error), title=t("Not saved"), severity="error", timeout=10)
            self.refresh_marks()  # a change kept in memory shows until it is written
            return
        drop_draft(self.session.config_dir, place)
        self.refresh_marks()
        self.notify(message)

    def save_pending(self) -> None:
        """Every few seconds: write what the disk or a broken file refused, once it takes it;
        notice when a library.toml broken by hand parses again."""
        broken = self.library.broken
        if broken and not isinstance(broken, Lasting) and not self.library.pending:
            self.library.reload()
            if self.library.broken is None:
                self.refresh_marks()
                self.notify(t("{path} can be read again; bookmarks and notes are saved as "
                              "usual.", path=self.library.path))
            return
        if not self.library.pending:
            return
        try:
            self.library.save_pending()
        except LibraryError:
            return
        for place in self.waiting_drafts:
            drop_draft(self.session.config_dir, place)
        self.waiting_drafts.clear()
        self.refresh_marks()
        self.notify(t("The bookmarks and notes that were waiting are saved now."))

    def jump_to(self, article_id: str, paragraph: int | None) -> None:
        """From the bookmarks or notes screen to a place in an article."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if self.catalog.get(article_id) is None:
            self.notify(t("The article {id} is missing from the archive.", id=article_id),
                        severity="error")
            return
        self.open_article(article_id, paragraph or 0)
