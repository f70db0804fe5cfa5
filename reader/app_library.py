"""Bookmarks and notes from the app: part of KzReaderApp.

Each change goes to library.toml at once (reader/library.py); the screen says "saved" only
after that, and a change the disk refused stays in memory and is tried again.
"""

from __future__ import annotations

from reader.archive.article import Article
from reader.i18n import t
from reader.library import LibraryError

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
        from reader.screens.note_editor import NoteEditor

        if self.library.broken:
            self.notify(self.library.broken, title=t("Read-only"), severity="error", timeout=10)
            return
        existing = next((n for n in self.library.notes_for(article.id)
                         if n.paragraph == paragraph), None)

        def save(text: str | None) -> None:
            if text is None:
                return
            self.save_note(article, paragraph, text, existing.id if existing else None)

        heading = (t("Note on the whole article — {title}", title=article.title)
                   if paragraph is None else
                   t("Note on paragraph {n} — {title}", n=paragraph + 1, title=article.title))
        self.push_screen(NoteEditor(heading,
                                    existing.text if existing else ""), save)

    def save_note(self, article: Article, paragraph: int | None, text: str,
                  note_id: str | None) -> None:
        try:
            if not text.strip() and note_id is not None:
                self.library.delete_note(note_id)
                message = t("Note deleted.")
            elif not text.strip():
                return
            else:
                self.library.save_note(article.id, article.title, paragraph, text, note_id)
                message = t("Note saved.")
        except LibraryError as error:
            self.notify(str(error), title=t("Not saved"), severity="error", timeout=10)
            self.refresh_marks()  # a change kept in memory shows until it is written
            return
        self.refresh_marks()
        self.notify(message)

    def save_pending(self) -> None:
        """Write the bookmarks and notes the disk refused (full, read-only) once it takes them."""
        if not self.library.pending:
            return
        try:
            self.library.save_pending()
        except LibraryError:
            return
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
