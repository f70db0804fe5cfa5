"""Notes and highlights from the app, where an article's marks are in its text now, and
the retry of what the disk refused.

Each change goes to library.toml at once (reader/userdata/library.py); the screen says "saved" only
after that, and a change the disk refused stays in memory and is tried again. When an article
is opened, its bookmarks, notes and highlights are looked for in its text as it is now
(reader/userdata/resolve.py, in a thread), shown there, and re-found places written back.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from reader.archive.article import Article
from reader.archive.excerpt import first_words
from reader.i18n import format_moment, plural, t
from reader.tui.article_layout import Marks, marks_from
from reader.userdata.drafts import Place, drop_draft, keep_draft, load_draft
from reader.userdata.entries import Entry, Highlight
from reader.userdata.library import Lasting, LibraryError, Note
from reader.userdata.selectors import EDITED, MOVED, ORPHANED, Anchor, Span

if TYPE_CHECKING:
    from reader.tui.app import KzReaderApp
    from reader.userdata.resolve import Resolved

RETRY_SECONDS = 5.0  # bookmarks and notes the disk refused are tried again this often


class Annotations:
    """Notes edited and saved from any screen, with their drafts; changes the disk or a
    broken file refused, retried. Owned by the app."""

    def __init__(self, app: KzReaderApp) -> None:
        self.app = app
        self.library = app.library
        self.folder = app.session.config_dir
        self.waiting_drafts: set[Place] = set()  # notes refused by the disk or a broken file
        self.resolved: dict[str, Resolved] = {}  # entry id -> where it is in the open article
        self._resolved_in: Article | None = None  # ... the article it was looked for in

    # -- where the marks are ---------------------------------------------------------------

    def marks_for(self, article: Article) -> Marks:
        """The article's marks, where they were found in its text (once resolve() is done)."""
        resolved = self.resolved if self._resolved_in is article else {}
        library, here = self.library, article.id
        came = {i for i, r in resolved.items() if r.article == here}  # moved here, not yet saved

        def mine(entries: list) -> list:
            return [e for e in entries if e.article == here or e.id in came]

        return marks_from(mine(library.bookmarks), mine(library.notes), mine(library.highlights),
                          resolved, len(article.paragraphs))

    def orphaned(self, article: Article) -> frozenset[str]:
        """Ids of the open article's entries whose text is gone (shown at its end)."""
        if self._resolved_in is not article:
            return frozenset()
        return frozenset(i for i, r in self.resolved.items() if r.status == "orphaned")

    def resolve(self, article: Article) -> None:
        """Look for the article's bookmarks, notes and highlights (and those of a file with
        its title that has gone: moved here) in its text now, in a thread; then show them
        there, write re-found places back to library.toml and say what changed."""
        self.resolved, self._resolved_in = {}, article
        library = self.library
        entries: list[Entry] = [*library.bookmarks_for(article.id),
                                *library.notes_for(article.id),
                                *library.highlights_for(article.id)]
        archive = self.app.session.archive
        entries += [e for e in library.entries() if e.article != article.id
                    and e.title == article.title and not (archive / e.article).is_file()]
        if entries:
            self.app.run_worker(partial(self._resolve, article, entries), thread=True,
                                exclusive=True, group="resolve", name="find the marks")

    def _resolve(self, article: Article, entries: list[Entry]) -> None:
        worker = get_current_worker()
        from reader.userdata.resolve import Resolver  # (difflib: not on the start's path)

        resolver = Resolver(_OpenArticle(article))
        found: dict[str, Resolved] = {}
        try:
            for entry in entries:
                if worker.is_cancelled:
                    return
                found[entry.id] = resolver.resolve(entry)
        except Exception as error:  # a bug must not end the reading: marks stay where stored
            self.app.call_from_thread(self.app.notify, t(
                "Could not check where the bookmarks and notes are in this article: {error}",
                error=error), severity="warning", timeout=10)
            return
        self.app.call_from_thread(self._place, article, found)

    def _place(self, article: Article, found: dict[str, Resolved]) -> None:
        if self._resolved_in is not article:
            return  # another article was opened meanwhile
        self.resolved = found
        fixes = [r.fix for r in found.values() if r.fix is not None]
        if fixes:
            try:
                self.library.reanchor(fixes)
            except LibraryError as error:  # shown where found; written once the file takes it
                self.app.notify(str(error), title=t("Not saved"), severity="warning", timeout=10)
        said = status_lines(Counter(r.status for r in found.values()))
        if said:
            self.app.notify(said, title=t("Bookmarks and notes"), timeout=10)
        self.app.refresh_marks()

    # -- highlights -------------------------------------------------------------------------

    def add_highlight(self, article: Article, span: Span) -> None:
        """Keep a passage chosen with v as a highlight in library.toml."""
        from reader.userdata.anchors import passage_anchor

        anchor = passage_anchor(article.paragraphs, span)
        if anchor is None:
            self.app.notify(t("There is no text here to highlight."))
            return
        try:
            self.library.add_highlight(article.id, article.title, article.date, span, anchor)
        except LibraryError as error:
            self.app.notify(str(error), title=t("Not saved"), severity="error", timeout=10)
        else:
            self.app.notify(t("Highlight saved (¶ {n}); n there writes a note on it.",
                              n=span.paragraph + 1))
        self.app.refresh_marks()  # a change kept in memory shows until it is written

    def edit_highlight_note(self, article: Article, highlight: Highlight) -> None:
        quote = first_words(" ".join(highlight.anchor.quote.split()), 8)
        heading = t("Note on the highlight “{quote}” — {title}", quote=quote,
                    title=article.title)
        place = Place(article.id, highlight.span.paragraph, highlight.id)
        self._open_editor(place, heading, highlight.note,
                          lambda text: self.save_highlight_note(place, highlight.id, text))

    def save_highlight_note(self, place: Place, highlight_id: str, text: str) -> None:
        """Write the note on a highlight ("" takes it away); its draft goes once written."""
        try:
            self.library.note_highlight(highlight_id, text)
        except LibraryError as error:
            self._refused(place, text, error)
            return
        drop_draft(self.folder, place)
        self.app.refresh_marks()
        self.app.notify(t("Note saved.") if text.strip() else t("Note deleted."))

    # -- notes ------------------------------------------------------------------------------

    def edit_note(self, article: Article, paragraph: int | None,
                  highlight: str | None = None) -> None:
        """n: the note on a paragraph, or on the highlight that begins there; N: on the
        whole article (paragraph None)."""
        chosen = next((h for h in self.library.highlights if h.id == highlight), None)
        if chosen is not None:
            self.edit_highlight_note(article, chosen)
            return
        existing = next((n for n in self.library.notes_for(article.id)
                         if n.paragraph == paragraph), None)
        heading = (t("Note on the whole article — {title}", title=article.title)
                   if paragraph is None else
                   t("Note on paragraph {n} — {title}", n=paragraph + 1, title=article.title))
        from reader.userdata.anchors import paragraph_anchor

        anchor = None if paragraph is None else paragraph_anchor(article.paragraphs, paragraph)
        self.edit_note_at(article.id, article.title, paragraph, existing, heading,
                          anchor=anchor)

    def edit_note_at(self, article_id: str, title: str, paragraph: int | None,
                     existing: Note | None, heading: str,
                     after: Callable[[], None] | None = None,
                     anchor: Anchor | None = None) -> None:
        """Open the editor on a note (or a new one), offering a draft that was never saved;
        `anchor`: what the note points at now, stored with it."""
        place = Place(article_id, paragraph, existing.id if existing else None)
        note_id = existing.id if existing else None
        self._open_editor(place, heading, existing.text if existing else "",
                          lambda text: self.save_note(place, title, text, note_id, anchor),
                          after)

    def _open_editor(self, place: Place, heading: str, stored: str,
                     save: Callable[[str], None],
                     after: Callable[[], None] | None = None) -> None:
        """The note editor on `stored`, or on a draft of it that was never saved."""
        from reader.tui.dialogs.confirm import ConfirmDialog
        from reader.tui.dialogs.note_editor import NoteEditor

        if isinstance(self.library.broken, Lasting):
            self.app.notify(self.library.broken, title=t("Read-only"), severity="error", timeout=10)
            return
        folder = self.folder

        def done(text: str | None) -> None:
            if text is not None:
                save(text)
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

    def save_note(self, place: Place, title: str, text: str, note_id: str | None,
                  anchor: Anchor | None = None) -> None:
        """Write the note; its draft goes only once library.toml holds it."""
        try:
            if not text.strip() and note_id is not None:
                self.library.delete_note(note_id)
                message = t("Note deleted.")
            elif not text.strip():
                drop_draft(self.folder, place)
                return
            else:
                self.library.save_note(place.article, title, place.paragraph, text, note_id,
                                       anchor)
                message = t("Note saved.")
        except LibraryError as error:
            self._refused(place, text, error)
            return
        drop_draft(self.folder, place)
        self.app.refresh_marks()
        self.app.notify(message)

    def _refused(self, place: Place, text: str, error: LibraryError) -> None:
        with contextlib.suppress(OSError):  # kept in memory, and on disk as a draft
            keep_draft(self.folder, place, text)
        if self.library.pending:  # written with the retry, and the draft goes then
            self.waiting_drafts.add(place)
        self.app.notify(str(error), title=t("Not saved"), severity="error", timeout=10)
        self.app.refresh_marks()  # a change kept in memory shows until it is written

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


class _OpenArticle:
    """The open article as the whole archive, for resolve.Resolver: its own entries, and
    those of a file that has gone (with its title: moved here), are looked for in it
    alone; the thread this runs in does not touch the catalogue."""

    def __init__(self, article: Article) -> None:
        self.shown = article

    def article(self, article_id: str) -> Article | None:
        return self.shown if article_id == self.shown.id else None

    def candidates(self, title: str, date: object, quote: str) -> list[str]:
        return [self.shown.id]


def status_lines(counts: Counter[str]) -> str:
    """What a reader is told when marks were not where they were left."""
    lines = []
    if counts[EDITED]:
        lines.append(t("The article has changed: {count} found again in its new text.",
                       count=plural(counts[EDITED], "{n} mark", "{n} marks")))
    if counts[MOVED]:
        lines.append(t("{count} followed the article to its new place in the archive.",
                       count=plural(counts[MOVED], "{n} mark", "{n} marks")))
    if counts[ORPHANED]:
        lines.append(t("{count} no longer in the text: shown at the end of the article.",
                       count=plural(counts[ORPHANED], "{n} mark", "{n} marks")))
    return "\n".join(lines)
