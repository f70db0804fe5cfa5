"""The article pane: a paragraph cursor over lines laid out once per width."""

from __future__ import annotations

import time
from bisect import bisect_right

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from reader.archive.article import Article
from reader.i18n import t
from reader.kazakh.latin import to_latin
from reader.kazakh.sentences import Pos, Steps, passage_length
from reader.plain_record import PlainRecord
from reader.tui.article_layout import (
    GUTTER,
    Layout,
    Marks,
    layout_article,
    overlay,
    paragraph_at,
    placeholder,
)
from reader.tui.widgets.line_render import changed_extent, text_segments
from reader.tui.widgets.localized import Localized
from reader.userdata.selectors import Span

LARGE_ARTICLE = 200_000  # characters: laid out in a thread beyond this
MAX_HIGHLIGHT = 20_000  # characters of one highlight (library.toml keeps its whole text)
LATIN_OFFSETS = 200_000  # characters: a longer paragraph shows no highlights in Latin


class ArticleView(Localized, ScrollView, can_focus=True):
    """Shows one article; "the current paragraph" is the one the cursor marks."""

    # While a passage is being chosen (after v), these keys move its ends, and the usual
    # bindings of the same keys are disabled; otherwise those keep their meaning.
    SELECTION_BINDINGS = [
        Binding("enter", "save_selection", "Save highlight", id="highlight_save"),
        Binding("escape", "cancel_selection", "Cancel", id="highlight_cancel"),
        Binding("down,j", "select_end(1, 'sentence')", "+ sentence", id="highlight_longer"),
        Binding("up,k", "select_end(-1, 'sentence')", "− sentence", show=False,
                id="highlight_shorter"),
        Binding("w", "select_end(1, 'word')", "+ word", id="highlight_word_longer"),
        Binding("b", "select_end(-1, 'word')", "− word", show=False,
                id="highlight_word_shorter"),
        Binding("K", "select_start(-1, 'sentence')", "Start a sentence earlier", show=False,
                id="highlight_start_earlier"),
        Binding("J", "select_start(1, 'sentence')", "Start a sentence later", show=False,
                id="highlight_start_later"),
        Binding("B", "select_start(-1, 'word')", "Start a word earlier", show=False,
                id="highlight_start_word_earlier"),
        Binding("W", "select_start(1, 'word')", "Start a word later", show=False,
                id="highlight_start_word_later"),
    ]
    BINDINGS = [
        # While search hits are shown, n/N go from hit to hit and Esc clears them;
        # otherwise the same keys write notes and go back (the first enabled binding wins).
        Binding("n", "next_hit", "Next hit", id="next_hit"),
        Binding("N", "previous_hit", "Previous hit", id="previous_hit"),
        Binding("escape", "clear_hits", "Clear hits", id="clear_hits"),
        Binding("down,j", "next_paragraph", "Next ¶", id="article_down"),
        Binding("up,k", "previous_paragraph", "Previous ¶", show=False, id="article_up"),
        Binding("pagedown,space", "page_down", "Page", id="article_page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="article_page_up"),
        Binding("home,g", "first", "Top", show=False, id="article_first"),
        Binding("end,G", "last", "End", show=False, id="article_last"),
        Binding("b", "bookmark", "Bookmark", id="bookmark"),
        Binding("n", "note(True)", "Note", id="note"),
        Binding("N", "note(False)", "Article note", show=False, id="note_article"),
        Binding("t", "toggle_latin", "Latin/Cyrillic", show=False, id="toggle_latin"),
        Binding("y", "copy", "Copy ¶", show=False, id="copy"),
        Binding("a", "abbreviations", "Abbreviations", show=False, id="abbreviations"),
        Binding("v", "select", "Highlight a passage", show=False, id="highlight"),
        *SELECTION_BINDINGS,  # last, so the footer's order stays as it was
    ]
    _SELECTING = {"save_selection", "cancel_selection", "select_end", "select_start"}
    _NOT_WHILE_SELECTING = {"next_hit", "previous_hit", "clear_hits", "next_paragraph",
                            "previous_paragraph", "bookmark", "note", "toggle_latin", "copy",
                            "abbreviations", "select"}

    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--meta",
        "article-view--problem",
        "article-view--body",
        "article-view--note",
        "article-view--label",
        "article-view--cursor-bar",
        "article-view--bookmark",
        "article-view--hit",
        "article-view--highlight",
        "article-view--selection",
    }

    # No scrollbar: over a slow link its column costs some 700 bytes a page at 80x24 (about
    # a third of what `less` sends for the whole page), and when a long article brings it
    # the text loses a column and is laid out and sent again. Keys, the wheel and the
    # paragraph cursor still scroll (allow_vertical_scroll).
    DEFAULT_CSS = """
    ArticleView {
        overflow-y: hidden;
    }
    """

    paragraph: reactive[int] = reactive(0, always_update=True, repaint=False)

    # The messages are plain classes, equal and shown by their fields as dataclasses would
    # be: making a dataclass costs the app's start ~2M instructions (0.5 ms) each.

    class Moved(PlainRecord, Message):
        """The paragraph cursor moved (the app remembers the place)."""

        _FIELDS = ("article_id", "paragraph")

        def __init__(self, article_id: str, paragraph: int) -> None:
            self.article_id = article_id
            self.paragraph = paragraph
            super().__init__()

    class BookmarkToggled(PlainRecord, Message):
        """b on a paragraph: bookmark it, or take its bookmark away."""

        _FIELDS = ("article", "paragraph")

        def __init__(self, article: Article, paragraph: int) -> None:
            self.article = article
            self.paragraph = paragraph
            super().__init__()

    class NoteRequested(PlainRecord, Message):
        """n (a note on the paragraph, or on the highlight that begins there) or N (on the
        whole article: paragraph None)."""

        _FIELDS = ("article", "paragraph", "highlight")

        def __init__(self, article: Article, paragraph: int | None,
                     highlight: str | None = None) -> None:
            self.article = article
            self.paragraph = paragraph
            self.highlight = highlight  # the id of the highlight the note is on
            super().__init__()

    class HighlightChosen(PlainRecord, Message):
        """Enter on a selection: the passage to keep as a highlight."""

        _FIELDS = ("article", "span")

        def __init__(self, article: Article, span: Span) -> None:
            self.article = article
            self.span = span
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.marks = Marks()
        self.latin = False
        self._scroll_pending = False
        self._layout: Layout | None = None
        self.selection: tuple[Pos, Pos] | None = None  # a passage being chosen: start, end
        self._steps = Steps(())
        self._latin_offsets: dict[tuple[int, int], int] = {}
        # What each row of the pane last drew (see _repaint_changes): over a slow link a
        # scroll or a new mark sends only the cells that differ, not the whole pane.
        self._shown: dict[int, Strip] = {}
        self._painting = False  # render_line is being called to paint (not by a test)
        self._placing = False  # the scroll is being set inside a paint: no repaint asked
        self._end_pending = False  # G while a large article is being laid out: its end, then

    # -- data ---------------------------------------------------------------

    def show_article(self, article: Article, marks: Marks, paragraph: int = 0) -> None:
        if self.selection is not None:
            self.selection = None
            self.app.refresh_bindings()
        self.article = article
        self.marks = marks
        self._layout = None
        self._steps = Steps(article.paragraphs)
        self._latin_offsets = {}
        self._scroll_pending = True  # once laid out at a real width (a hidden pane has none)
        self._end_pending = False
        placing, self._placing = self._placing, True  # nothing to draw until laid out
        try:
            self.scroll_to(y=0, animate=False, immediate=True)
            self.paragraph = paragraph
        finally:
            self._placing = placing
        # Laid out now when the pane is shown, and only the rows that differ from the
        # article shown before are sent (the same article again, as after a preview in
        # the wide layout: next to nothing); a hidden pane is laid out at its first paint.
        self._relayout()

    def set_marks(self, marks: Marks) -> None:
        """New bookmarks and notes; search hits stay."""
        marks.hits = self.marks.hits
        laid_out = (self.marks.bookmarks, self.marks.notes, self.marks.orphans)
        self.marks = marks
        if self._layout is not None and (marks.bookmarks, marks.notes, marks.orphans) == laid_out:
            self._repaint_changes()  # highlights are drawn over the lines: no new layout
            return
        self._relayout()

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if self.article is None or width <= 0:
            self._layout = None
            self.virtual_size = Size(0, 0)
            self.refresh()
            return
        args = self._layout_args(width)
        if not self._is_large():
            layout = layout_article(*args)
            assert layout is not None  # no tick: never given up
            self._use_layout(layout)
            return
        # Megabytes of text take seconds to wrap: do it in a thread, keys keep working.
        if self._layout is None:
            self._layout = placeholder(self.article, width)
            self.virtual_size = Size(width, len(self._layout.lines))
            self.refresh()
        self.run_worker(lambda: self._layout_in_thread(args), thread=True, exclusive=True,
                        group="layout", name="lay out a large article")

    def _layout_args(self, width: int) -> tuple:
        assert self.article is not None
        styles = {
            name: self.get_component_rich_style(f"article-view--{name}", partial=True)
            for name in ("title", "meta", "problem", "body", "note", "label", "hit")
        }
        return (self.article, width, self.marks, styles, self.app.console, self.latin)

    def _is_large(self) -> bool:
        return self.article is not None and sum(map(len, self.article.paragraphs)) >= LARGE_ARTICLE

    def _layout_in_thread(self, args: tuple) -> None:
        worker = get_current_worker()
        last = time.perf_counter()

        def tick() -> bool:
            """Every few milliseconds, let the app's own thread run (keys, screen)."""
            nonlocal last
            if time.perf_counter() - last > 0.004:
                time.sleep(0.002)
                last = time.perf_counter()
            return not worker.is_cancelled

        layout = layout_article(*args, tick=tick)
        if layout is not None and not worker.is_cancelled:
            self.app.call_from_thread(self._use_layout, layout, args[0])

    def _use_layout(self, layout: Layout, article: Article | None = None) -> None:
        if article is not None and article is not self.article:
            return  # another article was opened meanwhile
        if layout.width != self.scrollable_content_region.width:
            return  # made for a size the pane no longer has (a resize is laid out anew)
        # A large article laid out again in a thread (a new width, the Latin view): the text
        # at the top of the pane stays there, not the row number, and the end (G) the end.
        again = article is not None and not self._scroll_pending
        at_end = again and 0 < self.max_scroll_y <= self.scroll_y
        keep = self._top_place() if again and not at_end else None
        self._install(layout)
        if at_end or self._end_pending:
            self._end_pending = False
            self._scroll_to_row(self.max_scroll_y)
        elif keep is not None:
            self._scroll_to_text(*keep)
        self._repaint_changes()

    def _top_place(self) -> tuple[int, int] | None:
        """(paragraph, offset in it) of the text on the pane's top row, if text is there."""
        layout, top = self._layout, int(self.scroll_y)
        if layout is None or not layout.spans or not 0 <= top < len(layout.lines):
            return None
        line = layout.lines[top]
        return (line.paragraph, max(line.offset, 0)) if line.paragraph >= 0 else None

    def _scroll_to_text(self, paragraph: int, offset: int) -> None:
        """Put the row holding that place of a paragraph's text at the top of the pane."""
        layout = self._layout
        if layout is None or not 0 <= paragraph < len(layout.spans):
            return
        first, last = layout.spans[paragraph]
        while last > first and layout.lines[last].offset < 0:
            last -= 1  # its bookmark label and notes, after its text
        row = bisect_right(layout.lines, offset, first, last + 1, key=lambda line: line.offset)
        self._scroll_to_row(max(first, row - 1))

    def _scroll_to_row(self, row: int) -> None:
        """Scroll without a repaint of its own (the caller repaints what changed)."""
        placing, self._placing = self._placing, True
        try:
            self.scroll_to(y=row, animate=False, immediate=True)
        finally:
            self._placing = placing

    def _install(self, layout: Layout) -> None:
        """Use a new layout and scroll where it belongs (a new article at its paragraph),
        without asking for a repaint: the caller repaints what changed."""
        self._layout = layout
        size = Size(layout.width, len(layout.lines))
        if size != self.virtual_size:
            # Set quietly: the reactive would repaint the whole pane (_repaint_changes sends
            # what changed); a scrollbar, if the CSS shows one, needs only a layout pass.
            self.set_reactive(ArticleView.virtual_size, size)
            if self.styles.overflow_y != "hidden":
                self.refresh(layout=True, repaint=False)
        placing, self._placing = self._placing, True
        try:
            if self._scroll_pending:
                self._scroll_pending = False
                self._scroll_to_paragraph(True)
            else:
                self.scroll_to(y=min(self.scroll_y, self.max_scroll_y), animate=False,
                               immediate=True)
        finally:
            self._placing = placing

    @property
    def allow_vertical_scroll(self) -> bool:
        """Scrolling is allowed as soon as the text is taller than the pane, before a layout
        pass has shown the scrollbar: an article opens at its place in the same paint."""
        return super().allow_vertical_scroll or self.max_scroll_y > 0

    def on_resize(self) -> None:
        # (_shown is kept: a new size repaints every row, and each row drawn records itself)
        layout = self._layout
        if layout is None or layout.width != self.scrollable_content_region.width:
            self._relayout()  # (a small article was laid out by the paint already)
        else:  # back to the size it has (shrunk and grown again): a layout for the
            self.workers.cancel_group(self, "layout")  # size between is not wanted
        if not self._is_large():  # a large one keeps its place when its new layout comes
            self.call_after_refresh(self._scroll_to_paragraph)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Lay out a new article (or width) at its first paint and place it there: one
        frame, not a blank one, then the top, then the reader's paragraph."""
        width = self.scrollable_content_region.width
        layout = self._layout
        if (self.article is not None and width > 0 and not self._is_large()
                and (layout is None or layout.width != width)):
            laid_out = layout_article(*self._layout_args(width))
            assert laid_out is not None
            placing, self._placing = self._placing, True
            try:
                self._install(laid_out)
                if not self._scroll_pending:
                    self._scroll_to_paragraph()  # a new width: keep the paragraph in view
            finally:
                self._placing = placing
        self._painting = True
        try:
            return super().render_lines(crop)
        finally:
            self._painting = False

    def watch_scroll_y(self, old: float, new: float) -> None:
        """Repaint only the cells a scroll changes (not the whole pane, as ScrollView does)."""
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.position = new
        if round(old) != round(new) and not self._placing:
            self._repaint_changes()

    def _repaint_changes(self) -> None:
        """Ask for a repaint of each row up to its last cell that differs from what the row
        drew last: a row left as it is sends nothing, a shorter line ends early."""
        if self._placing:
            return
        width = self.scrollable_content_region.width
        for y in range(self.scrollable_content_region.height):
            end = changed_extent(self._shown.get(y), self._line(y))
            if end:
                self.refresh(Region(0, y, min(end, width), 1))

    def on_mount(self) -> None:
        self._relayout()

    # -- reading aids ----------------------------------------------------------

    def action_bookmark(self) -> None:
        if self.article is not None:
            self.post_message(self.BookmarkToggled(self.article, self.paragraph))

    def action_note(self, on_paragraph: bool) -> None:
        if self.article is not None:
            paragraph = self.paragraph if on_paragraph else None
            highlight = self.marks.highlight_at.get(self.paragraph) if on_paragraph else None
            self.post_message(self.NoteRequested(self.article, paragraph, highlight))

    def action_toggle_latin(self) -> None:
        self.latin = not self.latin
        self._latin_offsets = {}
        self._relayout()
        self._scroll_to_paragraph()
        self.notify(t("Kazakh Latin alphabet (2021).") if self.latin else t("Cyrillic."))

    def action_copy(self) -> None:
        """OSC 52: the terminal takes the text, so this works over SSH too."""
        if self.article is None or not self.article.paragraphs:
            return
        text = self.article.paragraphs[self.paragraph]
        self.app.copy_to_clipboard(to_latin(text) if self.latin else text)
        self.notify(t("Paragraph {n} copied to the clipboard (OSC 52: your terminal must "
                      "allow it).", n=self.paragraph + 1))

    def action_abbreviations(self) -> None:
        """What the abbreviations in this paragraph stand for, as the article defines them."""
        from reader.kazakh.abbrev import expansions, used_in  # (a key's, not the start's)

        if self.article is None:
            return
        defined = expansions(self.article.paragraphs)
        if not defined:
            self.notify(t("This article spells out no abbreviations."))
            return
        here = used_in(self.article.paragraphs[self.paragraph], defined) if (
            self.article.paragraphs) else []
        shown = here or list(defined)
        lines = "\n".join(f"{a} — {defined[a]}" for a in shown)
        where = t("In this paragraph") if here else t("In this article")
        self.notify(lines, title=where, timeout=10, markup=False)

    # -- choosing a passage to highlight (v) ------------------------------------------

    def action_select(self) -> None:
        """v: select the current paragraph's first sentence (its first word, when the
        sentence is too long to keep whole); j/k/w/b then move the selection's end."""
        if self.article is None:
            return
        chosen = self._steps.sentence_at(self.paragraph)
        if chosen is not None and passage_length(self.article.paragraphs, *chosen) > MAX_HIGHLIGHT:
            chosen = self._steps.first_word(self.paragraph)
        if chosen is None:
            self.notify(t("There is no text here to highlight."))
            return
        self._select(*chosen, follow=chosen[1])
        self.app.refresh_bindings()

    def action_select_end(self, step: int, unit: str) -> None:
        if self.selection is None:
            return
        start, end = self.selection
        steps = self._steps
        moved = steps.next_end(end, unit) if step > 0 else steps.previous_end(end, start, unit)
        if moved is not None:
            self._select(start, moved, follow=moved)
        elif step > 0:
            self.notify(t("The selection reaches the end of the article."))

    def action_select_start(self, step: int, unit: str) -> None:
        if self.selection is None:
            return
        start, end = self.selection
        steps = self._steps
        moved = steps.next_start(start, end, unit) if step > 0 else steps.previous_start(
            start, unit)
        if moved is not None:
            self._select(moved, end, follow=(moved[0], moved[1] + 1))
        elif step < 0:
            self.notify(t("The selection reaches the start of the article."))

    def _select(self, start: Pos, end: Pos, follow: Pos) -> None:
        """The selection is now start..end; the paragraph cursor and the view follow the
        end that moved (`follow`: just after the character to show)."""
        self.selection = (start, end)
        self.paragraph = follow[0]
        self._scroll_to_place(follow)
        self._repaint_changes()

    def action_save_selection(self) -> None:
        if self.selection is None or self.article is None:
            return
        (paragraph, offset), (end_paragraph, end_offset) = self.selection
        if passage_length(self.article.paragraphs, *self.selection) > MAX_HIGHLIGHT:
            self.notify(t("A highlight holds at most {n} characters: make it shorter with k "
                          "or b.", n=MAX_HIGHLIGHT), severity="warning")
            return
        self.action_cancel_selection()
        span = Span(paragraph, offset, end_paragraph, end_offset)
        self.post_message(self.HighlightChosen(self.article, span))

    def action_cancel_selection(self) -> None:
        self.selection = None
        self._repaint_changes()
        self.app.refresh_bindings()

    def _scroll_to_place(self, place: Pos) -> None:
        """Show the line holding the character just before `place`."""
        layout = self._layout
        paragraph, offset = place
        if layout is None or not 0 <= paragraph < len(layout.spans):
            return
        first, last = layout.spans[paragraph]
        line = first
        for index in range(first, last + 1):
            at = layout.lines[index].offset
            if at < 0 or at >= offset:
                break
            line = index
        height = self.scrollable_content_region.height
        if line < self.scroll_y:
            self.scroll_to(y=max(0, line - 1), animate=False, immediate=True)
        elif line >= self.scroll_y + height - 1:
            self.scroll_to(y=line - height + 2, animate=False, immediate=True)

    def _ranges(self, paragraph: int) -> list[tuple[int, int, Style]]:
        """What is drawn over this paragraph's text: its highlights, then the selection."""
        if self.article is None or not 0 <= paragraph < len(self.article.paragraphs):
            return []
        length = len(self.article.paragraphs[paragraph])
        ranges = []
        for start, end in self.marks.highlights.get(paragraph, ()):
            ranges.append((start, length if end is None else end, self._style("highlight")))
        if self.selection is not None:
            (first, start), (last, end) = self.selection
            if first <= paragraph <= last:
                ranges.append((start if paragraph == first else 0,
                               end if paragraph == last else length, self._style("selection")))
        if self.latin and ranges:
            if length > LATIN_OFFSETS:
                return []  # too long to map the Cyrillic offsets onto the Latin text
            ranges = [(self._latin(paragraph, a), self._latin(paragraph, b), style)
                      for a, b, style in ranges]
        return ranges

    def _latin(self, paragraph: int, offset: int) -> int:
        """Where a place in the Cyrillic paragraph is in its Latin spelling."""
        key = (paragraph, offset)
        if key not in self._latin_offsets:
            assert self.article is not None
            self._latin_offsets[key] = len(to_latin(self.article.paragraphs[paragraph][:offset]))
        return self._latin_offsets[key]

    # -- search hits ----------------------------------------------------------

    def show_hits(self, hits: list[tuple[int, int, int]]) -> None:
        """Highlight (paragraph, start, end) ranges; n/N then move between them."""
        self.marks.hits = {}
        for paragraph, start, end in hits:
            self.marks.hits.setdefault(paragraph, []).append((start, end))
        self._relayout()
        self.app.refresh_bindings()

    def _hit_paragraphs(self) -> list[int]:
        return sorted(p for p in self.marks.hits if p >= 0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self._SELECTING:
            return self.selection is not None
        if self.selection is not None and action in self._NOT_WHILE_SELECTING:
            return False
        if action in ("next_hit", "previous_hit", "clear_hits"):
            return bool(self.marks.hits)
        return True

    def action_next_hit(self) -> None:
        later = [p for p in self._hit_paragraphs() if p > self.paragraph]
        self._go_to_hit(later[0] if later else None, t("No more hits below."))

    def action_previous_hit(self) -> None:
        earlier = [p for p in self._hit_paragraphs() if p < self.paragraph]
        self._go_to_hit(earlier[-1] if earlier else None, t("No more hits above."))

    def _go_to_hit(self, paragraph: int | None, otherwise: str) -> None:
        if paragraph is None:
            self.notify(otherwise)
            return
        self.paragraph = paragraph
        self._scroll_to_paragraph()

    def action_clear_hits(self) -> None:
        self.show_hits([])

    # -- cursor -------------------------------------------------------------

    def validate_paragraph(self, value: int) -> int:
        count = len(self.article.paragraphs) if self.article else 0
        return max(0, min(value, max(0, count - 1)))

    def watch_paragraph(self, old: int, new: int) -> None:
        """Redraw only the gutter of the paragraph the cursor leaves and the one it enters:
        over SSH a whole pane is some 6 KB a keystroke, these cells a few hundred bytes.
        (A scroll, when the move needs one, redraws what it must by itself.)"""
        spans = self._layout.spans if self._layout is not None else []
        if self._placing:
            pass  # a new article or layout: the caller repaints
        elif old == new or not all(0 <= p < len(spans) for p in (old, new)):
            self._repaint_changes()
        else:
            left = self._layout.left + GUTTER if self._layout is not None else GUTTER
            shown = Region(0, 0, left, self.scrollable_content_region.height)
            for start, end in (spans[old], spans[new]):
                rows = Region(0, start - self.scroll_offset.y, left, end - start + 1)
                if rows := rows.intersection(shown):  # (not the title bar above the pane)
                    self.refresh(rows)
        if self.article is not None:
            self.post_message(self.Moved(self.article.id, self.paragraph))

    def _scroll_to_paragraph(self, top: bool = False) -> None:
        if self._layout is None or not self._layout.spans:
            return
        start, end = self._layout.spans[self.paragraph]
        height = self.scrollable_content_region.height
        if self.paragraph == 0 and top:
            self.scroll_to(y=0, animate=False, immediate=True)
        elif start < self.scroll_y or top:
            self.scroll_to(y=max(0, start - 1), animate=False, immediate=True)
        elif end >= self.scroll_y + height:
            # Show the whole paragraph if it fits, else its start.
            target = end - height + 2 if end - start + 2 <= height else start - 1
            self.scroll_to(y=max(0, target), animate=False, immediate=True)

    def action_next_paragraph(self) -> None:
        self.paragraph += 1
        self._scroll_to_paragraph()

    def action_previous_paragraph(self) -> None:
        if self.paragraph == 0:
            self.scroll_home(animate=False, immediate=True)
        self.paragraph -= 1
        self._scroll_to_paragraph()

    def action_page_down(self) -> None:
        if self._layout is None:
            return
        height = self.scrollable_content_region.height
        self.scroll_to(y=self.scroll_y + height - 1, animate=False, immediate=True)
        if self.scroll_y >= self.max_scroll_y:
            self.paragraph = len(self._layout.spans) - 1
        else:
            self.paragraph = paragraph_at(self._layout, int(self.scroll_y))

    def action_page_up(self) -> None:
        if self._layout is None:
            return
        height = self.scrollable_content_region.height
        self.scroll_to(y=self.scroll_y - height + 1, animate=False, immediate=True)
        self.paragraph = 0 if self.scroll_y <= 0 else paragraph_at(self._layout, int(self.scroll_y))

    def action_first(self) -> None:
        self._end_pending = False
        self.paragraph = 0
        self.scroll_home(animate=False, immediate=True)

    def action_last(self) -> None:
        if self._layout is not None and not self._layout.spans and self._is_large():
            self._end_pending = True  # still being laid out: its end once it is
        if self.article is not None:
            self.paragraph = len(self.article.paragraphs) - 1
            self.scroll_end(animate=False, immediate=True)

    # -- drawing ------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        strip = self._line(y)
        if self._painting:
            self._shown[y] = strip
        return strip

    def _line(self, y: int) -> Strip:
        """Row y of the pane as it is to be drawn now; one segment where the style is one
        (each segment costs its own colour codes on the wire)."""
        width = self.scrollable_content_region.width
        base = self.rich_style
        layout = self._layout
        index = y + int(self.scroll_y)
        if layout is None or not 0 <= index < len(layout.lines):
            return Strip.blank(width, base)
        line = layout.lines[index]
        # the current paragraph is marked in the gutter only, so moving the cursor redraws
        # a few cells of a few rows (watch_paragraph), not the paragraphs' text
        current = line.paragraph == self.paragraph and line.paragraph >= 0
        style = base
        # blank gutter cells take the text's style, so they join its segment
        gutter = [Segment(" " * layout.left, base)] if layout.left else []
        gutter.append(Segment("▌", style + self._style("cursor-bar")) if current
                      else Segment(" ", style))
        bookmarked = line.first and line.paragraph in self.marks.bookmarks
        gutter.append(Segment("★", style + self._style("bookmark")) if bookmarked
                      else Segment(" ", style))
        gutter.append(Segment(" " * (GUTTER - 2), style))
        text = line.text
        if line.offset >= 0:
            text = overlay(text, line.offset, self._ranges(line.paragraph))
        body = text_segments(text, self.app.console, style)
        strip = Strip(gutter + body)
        strip = strip.adjust_cell_length(min(width, layout.left + GUTTER + layout.measure), style)
        return strip.adjust_cell_length(width, base).simplify()

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"article-view--{name}", partial=True)
