"""The main screen: the archive list and the article, side by side or one at a time."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize, ScreenResume
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from reader.archive.parser import read_article
from reader.archive.scan import ArticleNotFound
from reader.i18n import month_name, t
from reader.tui.article_layout import Marks
from reader.tui.widgets.archive_list import ArchiveList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.localized import Localized
from reader.tui.widgets.title_bar import TitleBar
from reader.userdata.library import LibraryError

if TYPE_CHECKING:
    from pathlib import Path

    from textual.timer import Timer

    from reader.archive.article import Article
    from reader.tui.app import KzReaderApp
    from reader.tui.line_prompt import LinePrompt

NARROW_BELOW = 120  # columns: below this, one pane at a time (the list gets them all)
# Side by side the list is given room for 60 characters of title beside its marks, date and
# source first; the article pane takes the rest, from a newspaper column to a book's line.
LIST_ROOM = 92
ARTICLE_WIDTH = (48, 88)
PREVIEW_AFTER = 0.15  # seconds the list cursor rests on an article before the pane shows it


class MainScreen(Localized, Screen):
    """List on the left, article on the right; below 120 columns one of them fills the screen."""

    app: KzReaderApp  # type: ignore[assignment]  # typed access to the app's own parts

    # Textual repaints the whole screen when the focus moves (Enter, Tab, Esc): some 4 KB
    # at 80x24 over SSH. The panes that look different when focused repaint themselves.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    BINDINGS = [
        Binding("tab", "switch_pane", "Pane", id="switch_pane"),
        Binding("escape", "back", "Back", id="back"),
        Binding("left_square_bracket", "previous_article", "Previous article", show=False,
                id="previous_article"),
        Binding("right_square_bracket", "next_article", "Next article", id="next_article"),
        # In the article (they read the article view's article and paragraph):
        Binding("c", "cite", "Cite", show=False, id="cite"),
        Binding("number_sign", "tags", "Tags", show=False, id="tags"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._previewing: str | None = None  # the article shown beside the list, not opened
        self._preview_timer: Timer | None = None
        self._started = False  # the first ScreenResume (the start) has been seen
        self._prompt: LinePrompt | None = None  # `:` and `f` ask on the bottom line

    def compose(self) -> ComposeResult:
        # The layout's class before the panes are styled: set in on_mount, it had every
        # node of the screen styled a second time before the first frame (~1.5% of the
        # start-up's CPU time).
        self.set_class(self.app.size.width < NARROW_BELOW, "narrow")
        yield TitleBar()
        yield ArchiveList(id="archive-list")
        yield ArticleView(id="article-view")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._fit(self.app.size.width)  # before the first frame: no pane drawn twice
        self.app.marks_changed.subscribe(self, lambda _: self.refresh_marks())
        self.app.start_reading()

    def on_screen_resume(self, event: ScreenResume) -> None:
        """At the start, Textual's own handler (run after this one) would style every node
        of the screen again (~1% of the start-up's CPU time): they were styled as they
        were mounted, a moment ago, with the layout's class already set (compose). Textual
        restyles a screen on this event when it is pushed, not when another is popped
        from over it; this screen is pushed once, at the start."""
        if not self._started:
            self._started = True
            event.refresh_styles = False

    @property
    def archive_list(self) -> ArchiveList:
        return self.query_one(ArchiveList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width)
        self._schedule_preview()
        self._show_place()

    def _fit(self, width: int) -> None:
        """One pane or two, and the article pane's width, for a terminal this wide."""
        self.set_class(width < NARROW_BELOW, "narrow")
        least, most = ARTICLE_WIDTH  # (narrow: none set here, the style sheet's 1fr holds)
        self.article_view.styles.width = (None if width < NARROW_BELOW
                                          else max(least, min(most, width - LIST_ROOM)))

    def show_reading(self, reading: bool) -> None:
        """In the narrow layout, which pane fills the screen."""
        self.set_class(reading, "reading")
        (self.article_view if reading else self.archive_list).focus()
        self._show_place()

    def _show_place(self) -> None:
        """Where the reader is in the open article, at the top line's right end (the article
        pane has no scroll bar); nothing for a preview or while the list fills the screen."""
        view = self.article_view
        article = view.article
        shown = (article is not None and article.id != self._previewing and article.paragraphs
                 and (self.has_class("reading") or not self.has_class("narrow")))
        place = f"¶ {view.paragraph + 1}/{len(article.paragraphs)}" if shown else ""
        self.query_one(TitleBar).show_place(place)

    # -- reading ------------------------------------------------------------

    def show_catalog(self) -> None:
        self.archive_list.set_source(self.app.feed.source())
        self.refresh_marks()

    def show_count(self) -> None:
        """The top line's count: all articles, or (`f`) the period's of all."""
        archive_list = self.archive_list
        if archive_list.period is None:
            self.app.show_count()
        else:
            self.app.show_count(archive_list.article_count, period_name(archive_list.period))

    def open_article(self, article_id: str, paragraph: int | None = None) -> None:
        app = self.app
        try:
            article = app.catalog.load(article_id)
        except ArticleNotFound as error:
            # Not listed yet (the first index build is still running) but on disk: read it.
            path = app.session.archive / article_id
            if not path.is_file():
                self.notify(str(error), severity="error")
                return
            article = read_article(path, article_id)
        self._previewing = None
        if paragraph is None:
            paragraph = app.state.positions.get(article_id, 0)
        self.archive_list.select(article_id)
        app.annotations.resolve(article)  # where its marks are in the text now, in a thread
        # (after a preview of it, only the rows that differ are drawn again: its place)
        self.article_view.show_article(article, self._marks_for(article), paragraph)
        self.show_reading(True)
        app.state.last_article = article_id
        app.state.read.add(article_id)
        self.refresh_marks(article=False)  # the article was just laid out with its marks
        app.state_changed()

    # -- the preview: the article under the list cursor, beside the list --------------

    def on_archive_list_highlighted(self, message: ArchiveList.Highlighted) -> None:
        self._schedule_preview()

    def _schedule_preview(self) -> None:
        """Once the cursor rests (holding j costs no reads or repaints), in the wide layout."""
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None
        if self.preview_wanted() is not None:
            self._preview_timer = self.set_timer(PREVIEW_AFTER, self._preview)

    def preview_wanted(self) -> str | None:
        """The id of the article to show beside the list, if one is to be shown now."""
        view, current = self.article_view, self.archive_list.current
        if self.has_class("narrow") or view.has_focus or current is None:
            return None
        if view.article is not None and view.article.id == current.id:
            return None
        return current.id

    def _preview(self) -> None:
        self._preview_timer = None
        article_id = self.preview_wanted()
        if article_id is not None:  # the file is read in a thread: a slow disk never stops keys
            self.run_worker(partial(self._read_preview, self.app.session.archive / article_id,
                                    article_id), thread=True, exclusive=True, group="preview",
                            name="read the article under the cursor")

    def _read_preview(self, path: Path, article_id: str) -> None:
        article = read_article(path, article_id)  # (an unreadable file names its problem)
        self.app.call_from_thread(self._show_preview, _beginning(article))

    def _show_preview(self, article: Article) -> None:
        if self.preview_wanted() != article.id:
            return  # the cursor moved on, or the article was opened meanwhile
        self._previewing = article.id
        # From its top, so the title says which article it is; Enter opens it at its place.
        self.article_view.show_article(article, self._marks_for(article))
        self._show_place()

    def on_article_view_moved(self, message: ArticleView.Moved) -> None:
        self._show_place()
        if message.article_id == self._previewing:
            return  # a preview is not reading: no position is kept for it
        self.app.state.positions[message.article_id] = message.paragraph
        self.archive_list.refresh_article(message.article_id)  # its read progress
        self.app.state_changed()

    def _marks_for(self, article: Article) -> Marks:
        return self.app.annotations.marks_for(article)

    def refresh_marks(self, article: bool = True) -> None:
        """Redraw the marks in the list (and the open article) from the library."""
        library, state = self.app.library, self.app.state
        self.archive_list.set_marks({b.article for b in library.bookmarks},
                                    {n.article for n in library.notes}, state.read,
                                    state.positions)
        view = self.article_view
        if article and view.article is not None:
            view.set_marks(self._marks_for(view.article))

    def on_article_view_bookmark_toggled(self, message: ArticleView.BookmarkToggled) -> None:
        """b: the bookmark goes to library.toml at once; "saved" is said only after that."""
        article, paragraph = message.article, message.paragraph
        try:
            added = self.app.library.toggle_bookmark(
                article.id, article.title, article.date, paragraph,
                anchor=_paragraph_anchor(article.paragraphs, paragraph),
                elsewhere=self.app.annotations.orphaned(article))
        except LibraryError as error:
            self.notify(str(error), title=t("Not saved"), severity="error", timeout=10)
        else:
            self.notify(t("Bookmark saved (¶ {n}).", n=paragraph + 1) if added
                        else t("Bookmark removed (¶ {n}).", n=paragraph + 1))
        self.refresh_marks()  # a change kept in memory shows until it is written

    # -- actions ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("previous_article", "next_article", "switch_pane"):
            if self.archive_list.has_focus:  # (the list's own keys: on its cursor's article)
                return self.archive_list.current is not None
            return self.article_view.article is not None
        if action == "back":
            return self.article_view.has_focus
        if action in ("cite", "tags"):
            return self.article_view.has_focus and self.article_view.article is not None
        return True

    def action_cite(self) -> None:
        """c: a citation of the current paragraph, or of the highlight on it (OSC 52)."""
        from reader.i18n import language
        from reader.userdata.citation import format_citation, place_at

        view = self.article_view
        if view.article is None or not view.article.paragraphs:
            return
        place, highlight = place_at(view.article, view.paragraph,
                                    self.app.library.highlights_for(view.article.id))
        self.app.copy_to_clipboard(format_citation(place, language(), latin=view.latin))
        self.notify(t("Citation copied (the highlight on ¶ {n}).", n=place.paragraph + 1)
                    if highlight else t("Citation copied (¶ {n}).", n=place.paragraph + 1))

    def action_tags(self) -> None:
        """#: the tags of the bookmark, note and highlights on the current paragraph."""
        from reader.tui.dialogs.tag_prompt import tag_paragraph

        view = self.article_view
        if view.article is not None:
            tag_paragraph(self.app, view.article, view.paragraph)

    def action_switch_pane(self) -> None:
        current = self.archive_list.current
        if self.archive_list.has_focus and current is not None and (
                self._previewing is not None or self.article_view.article is None
                or self.article_view.article.id != current.id):
            self.open_article(current.id)  # the article under the cursor, not an older one
            return
        self.show_reading(not self.article_view.has_focus)

    def action_back(self) -> None:
        self.show_reading(False)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def action_next_article(self) -> None:
        self._step_article(1)

    def _step_article(self, step: int) -> None:
        """The article after (or before) the open one; from the list, after its cursor's."""
        current = (self.archive_list.current if self.archive_list.has_focus
                   else self.article_view.article)
        if current is None:
            return
        target = self.archive_list.neighbour(current.id, step)
        if target is not None:
            self.open_article(target)
        else:
            self.notify(t("This is the last article.") if step > 0
                        else t("This is the first article."))

    # -- what the article pane asks for ----------------------------------------

    def on_article_view_note_requested(self, message: ArticleView.NoteRequested) -> None:
        self.app.annotations.edit_note(message.article, message.paragraph, message.highlight)

    def on_article_view_highlight_chosen(self, message: ArticleView.HighlightChosen) -> None:
        self.app.annotations.add_highlight(message.article, message.span)

    def action_period(self, mode: str) -> None:
        """`f` narrows the list to a year or month; `:` jumps there."""
        from reader.archive.listing import parse_period

        def chosen(text: str | None) -> None:
            if not text:
                return
            period = parse_period(text)
            if period is None:
                self.notify(t("Not a year or month: {text!r}. Try 2024 or 2024-05.", text=text),
                            severity="warning")
                return
            year, month = period
            if mode == "jump":
                if not self.archive_list.jump(year, month):
                    self.notify(t("No articles from {name}.", name=period_name(period)),
                                severity="warning")
                return
            # The top line names the period and counts it, the footer offers `esc Show
            # all`: no toast (mounting one was a third of the key's time at a million).
            self.app.show_count(self.archive_list.narrow(period), period_name(period))
            self.app.refresh_bindings()

        question = (t("Show only a year or a month:") if mode == "narrow"
                    else t("Go to a year or month:"))
        self._line_prompt().ask(self.archive_list, question, t("Enter = go    Esc = cancel"),
                                chosen, placeholder=t("2024 or 2024-05"))

    def _line_prompt(self) -> LinePrompt:
        """The bottom line's question (no screen pushed, nor the screen laid out again)."""
        from reader.tui.line_prompt import LinePrompt

        if self._prompt is None:
            self._prompt = LinePrompt(self.query_one(KeyFooter))
        return self._prompt

    def on_archive_list_opened(self, message: ArchiveList.Opened) -> None:
        self.open_article(message.article_id)


PREVIEW_CHARS = 20_000  # characters of an article shown beside the list; the rest on Enter


def _beginning(article: Article) -> Article:
    """The start of a long article, for a preview: megabytes of one paragraph laid out
    because the cursor passed over it would hold the keys for a second or more."""
    if sum(map(len, article.paragraphs)) <= PREVIEW_CHARS:
        return article
    kept: list[str] = []
    room = PREVIEW_CHARS
    for paragraph in article.paragraphs:
        if len(paragraph) >= room:
            cut = paragraph.rfind(" ", 0, room)
            kept.append(paragraph[: cut if cut > room // 2 else room].rstrip() + " …")
            break
        kept.append(paragraph)
        room -= len(paragraph)
    return article._replace(paragraphs=tuple(kept), whole_words=article.words)


def _paragraph_anchor(paragraphs: tuple[str, ...], paragraph: int):  # noqa: ANN202
    from reader.userdata.anchors import paragraph_anchor  # (difflib: not on the start's path)

    return paragraph_anchor(paragraphs, paragraph)


def period_name(period: tuple[int, int | None]) -> str:
    """2024, or May 2024 (in the interface's language)."""
    year, month = period
    return f"{month_name(month)} {year}" if month else str(year)
