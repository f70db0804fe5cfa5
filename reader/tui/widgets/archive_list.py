"""The archive list: draws only the rows on screen, and asks its ListRows for just those, so
a million articles cost no widgets and, read from the index, no memory."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.archive.article import ArticleSummary
from reader.archive.listing import ListRows, MemoryRows, MemorySource, Row
from reader.i18n import month_name, t
from reader.tui.widgets.asked_about import AskedAbout
from reader.tui.widgets.line_render import text_segments
from reader.tui.widgets.list_row import article_segments
from reader.tui.widgets.localized import Localized

BOOKMARK_MARK = "★"
NOTE_MARK = "✎"
READ_MARK = "✓"
SOURCE_CELLS = 12  # of a source at a row's end; a longer one ends in "…"
SORT_IN_THREAD = 20_000  # articles in memory: sorting more by title happens in a thread

Period = tuple[int, int | None]
MakeRows = Callable[[bool, Period | None], ListRows]  # (by title, period) -> the rows


class ArchiveList(Localized, AskedAbout, ScrollView, can_focus=True):
    """Every article, newest first, under year and month headings."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Next", id="list_down"),
        Binding("up,k", "cursor_up", "Previous", show=False, id="list_up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="list_page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list_page_up"),
        Binding("home,g", "first", "First", show=False, id="list_first"),
        Binding("end,G", "last", "Last", show=False, id="list_last"),
        Binding("enter", "open", "Open", id="list_open"),
        Binding("f", "screen.period('narrow')", "Filter by date", id="list_filter"),
        Binding("colon", "screen.period('jump')", "Go to date", show=False, id="list_jump"),
        Binding("escape", "clear_filter", "Show all", id="list_clear_filter"),
        Binding("s", "toggle_sort", "Sort", id="list_sort"),
        # Tab and ] [ act on the article under the cursor (not one shown before it moved):
        Binding("tab", "open", "Open", show=False, id="list_tab_open"),
        Binding("right_square_bracket", "screen.next_article", "Next article", show=False,
                id="list_next_article"),
        Binding("left_square_bracket", "screen.previous_article", "Previous article",
                show=False, id="list_previous_article"),
    ]

    COMPONENT_CLASSES = {
        "archive-list--year",
        "archive-list--month",
        "archive-list--cursor",
        "archive-list--date",
        "archive-list--source",
        "archive-list--mark",
        "archive-list--problem",
    }

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    # Keys whose action asks on the bottom line: run in the list's own turn (on_key), not
    # when the key has bubbled up to the app, by which time the keys typed after it (at once:
    # a fast typist, a key macro) had reached the list before the question was there.
    ASKING = ("list_filter", "list_jump")

    class Opened(Message):
        """The reader chose an article (Enter)."""

        def __init__(self, article_id: str) -> None:  # not a dataclass: 1 ms less at start
            super().__init__()
            self.article_id = article_id

    class Highlighted(Message):
        """The cursor came to another article (the wide layout previews it)."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._make_rows: MakeRows = MemorySource([])
        self.period: Period | None = None
        self.sort_by_title = False
        self._rows: ListRows = MemoryRows([])
        self._bookmarked: set[str] = set()
        self._noted: set[str] = set()
        self._read: set[str] = set()
        self._positions: dict[str, int] = {}
        # copies of the marks as last drawn: set_marks redraws only the rows that changed
        self._marks_drawn: tuple[set[str], set[str], set[str], dict[str, int]] | None = None
        self._styles: dict[str, Style] = {}  # component styles, until they change
        self._highlighted: str | None = None  # the article last said to be under the cursor
        self._width = 0  # the rows' width in the draw under way (render_lines)

    async def on_key(self, event: events.Key) -> None:
        if self.asked is not None:
            return  # AskedAbout's on_key, next, hands it to the question
        active = self.screen.active_bindings.get(event.key)
        if active is not None and active.node is self and active.binding.id in self.ASKING:
            event.stop()
            event.prevent_default()
            await self.run_action(active.binding.action)

    # -- data ---------------------------------------------------------------

    def set_articles(self, summaries: list[ArticleSummary]) -> None:
        """A list held in memory: see set_source."""
        self.set_source(MemorySource(summaries))

    def set_source(self, make_rows: MakeRows) -> None:
        """A new list (the archive changed): the cursor stays on its article if it still exists."""
        keep = self.current.id if self.current else None
        self._make_rows = make_rows
        self._show(keep)

    def narrow(self, period: Period | None) -> int:
        """Only the articles of a year or month (None: all); returns how many are shown."""
        keep = self.current.id if self.current else None
        self.period = period
        make = self._make_rows
        if self.sort_by_title and period is not None and not isinstance(make, MemorySource):
            # by title, as `s` does (action_toggle_sort); the count from the date order's layout
            self.notify(t("Sorting by title…"))
            self.run_worker(lambda: self._sort_in_thread(make, period, keep), thread=True,
                            exclusive=True, group="sort", name="sort by title")
            return make(False, period).articles
        self._show(keep)
        return self._rows.articles

    def jump(self, year: int, month: int | None) -> bool:
        row = self._rows.period_row(year, month)
        if row is None:
            return False
        self.scroll_to(y=row, animate=False, immediate=True)
        self.cursor = self._nearest_article_row(row, 1)
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return self.period is not None
        return True

    def action_clear_filter(self) -> None:
        self.narrow(None)
        self.app.show_count()
        self.app.refresh_bindings()

    def action_toggle_sort(self) -> None:
        """Newest first under dates, or by title in Kazakh alphabet order."""
        keep = self.current.id if self.current else None
        self.sort_by_title = not self.sort_by_title
        make = self._make_rows
        slow = (len(make) > SORT_IN_THREAD if isinstance(make, MemorySource)
                else self.period is not None)
        if self.sort_by_title and slow:
            # 100,000 titles in memory take about half a second: sort in a thread, keys keep
            # working (an index-backed list has its title order ready, but not a year's:
            # 53,000 titles of a year at a million take most of a second).
            self.notify(t("Sorting by title…"))
            period = self.period
            self.run_worker(lambda: self._sort_in_thread(make, period, keep), thread=True,
                            exclusive=True, group="sort", name="sort by title")
            return
        self._show(keep)
        self._say_sorted()

    def _sort_in_thread(self, make: MakeRows, period: Period | None, keep: str | None) -> None:
        rows = make(True, period)
        self.app.call_from_thread(self._sorted, make, period, rows, keep)

    def _sorted(self, make: MakeRows, period: Period | None, rows: ListRows,
                keep: str | None) -> None:
        if make is self._make_rows and self.sort_by_title and period == self.period:
            self._use(rows, self.current.id if self.current else keep)
            self._say_sorted()

    def _say_sorted(self) -> None:
        self.notify(t("Sorted by title (Kazakh alphabet).") if self.sort_by_title
                    else t("Sorted by date, newest first."))

    def _show(self, keep: str | None) -> None:
        self._use(self._make_rows(self.sort_by_title, self.period), keep)

    def _use(self, rows: ListRows, keep: str | None) -> None:
        self._rows = rows
        self.virtual_size = Size(self.size.width, len(rows))
        kept = rows.position(keep) if keep else None
        self.cursor = kept if kept is not None else self._nearest_article_row(0, 1)
        self.refresh()

    def set_marks(self, bookmarked: set[str], noted: set[str], read: set[str],
                  positions: dict[str, int] | None = None) -> None:
        """Marks per article id; `positions` (paragraph reached) gives the read progress."""
        self._bookmarked, self._noted, self._read = bookmarked, noted, read
        self._positions = positions if positions is not None else {}  # shared, kept live
        before = self._marks_drawn
        self._marks_drawn = (set(bookmarked), set(noted), set(read), dict(self._positions))
        if before is None:
            self.refresh()
            return
        # Only the rows whose marks changed: the whole list is some 6 KB over SSH at 140x40.
        old_positions = before[3]
        changed = (before[0] ^ bookmarked) | (before[1] ^ noted) | (before[2] ^ read) | {
            key for key in old_positions.keys() | self._positions.keys()
            if old_positions.get(key) != self._positions.get(key)}
        if len(changed) > max(1, self.size.height):
            self.refresh()
            return
        for article_id in changed:
            self.refresh_article(article_id)

    @property
    def article_count(self) -> int:
        return self._rows.articles

    @property
    def current(self) -> ArticleSummary | None:
        if 0 <= self.cursor < len(self._rows) and self._rows.is_article(self.cursor):
            return self._rows.row(self.cursor).summary
        return None

    def neighbour(self, article_id: str, step: int) -> str | None:
        """The article before (-1) or after (+1) in the list as shown: sorted and filtered."""
        row = self._rows.position(article_id)
        if row is None:
            return None
        row += step
        while 0 <= row < len(self._rows):
            summary = self._rows.row(row).summary
            if summary is not None:
                return summary.id
            row += step
        return None

    def select(self, article_id: str) -> None:
        """Put the cursor on an article (the list keeps its place this way)."""
        row = self._rows.position(article_id)
        if row is not None:
            self.cursor = row

    # -- cursor -------------------------------------------------------------

    def _nearest_article_row(self, y: int, step: int) -> int:
        """The first article row from y in the direction of step, else the other way."""
        if not self._rows:
            return 0
        y = max(0, min(y, len(self._rows) - 1))
        for direction in (step, -step):
            probe = y
            while 0 <= probe < len(self._rows):
                if self._rows.is_article(probe):
                    return probe
                probe += direction
        return 0

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, max(0, len(self._rows) - 1)))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self._scroll_cursor_visible()
        current = self.current
        if current is not None and current.id != self._highlighted:
            self._highlighted = current.id
            self.post_message(self.Highlighted(current.id))

    def refresh_line(self, y: int) -> None:
        self.refresh(Region(0, y - int(self.scroll_y), self.size.width, 1))

    def refresh_article(self, article_id: str) -> None:
        """Redraw one article's row (its read progress moved): over SSH the whole list is
        some 6 KB at 140x40, a row a hundred bytes or two."""
        row = self._rows.position(article_id)
        if row is not None:
            self.refresh_line(row)

    def _scroll_cursor_visible(self) -> None:
        # Show the heading above the first article of a month too, when it fits.
        top = self.cursor
        while top > 0 and not self._rows.is_article(top - 1) and self.cursor - top < 2:
            top -= 1
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif self.cursor >= self.scroll_y + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._rows))
        self._scroll_cursor_visible()

    def action_cursor_down(self) -> None:
        nxt = self._nearest_article_row(self.cursor + 1, 1)
        if nxt > self.cursor:
            self.cursor = nxt

    def action_cursor_up(self) -> None:
        prev = self._nearest_article_row(self.cursor - 1, -1)
        if prev < self.cursor:
            self.cursor = prev

    def action_page_down(self) -> None:
        height = self.scrollable_content_region.height
        self.cursor = self._nearest_article_row(self.cursor + height - 1, 1)

    def action_page_up(self) -> None:
        height = self.scrollable_content_region.height
        self.cursor = self._nearest_article_row(self.cursor - height + 1, -1)

    def action_first(self) -> None:
        self.cursor = self._nearest_article_row(0, 1)
        self.scroll_home(animate=False, immediate=True)

    def action_last(self) -> None:
        self.cursor = self._nearest_article_row(len(self._rows) - 1, -1)

    def action_open(self) -> None:
        current = self.current
        if current is not None:
            self.post_message(self.Opened(current.id))

    def on_click(self, event) -> None:  # the mouse works too, but is never needed
        y = event.y + int(self.scroll_y)
        if 0 <= y < len(self._rows) and self._rows.is_article(y):
            self.cursor = y
            if event.chain >= 2:
                self.action_open()

    # -- drawing ------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # The rows' width once per draw, not once a row: the region is looked up through
        # the screen (a fifth of a whole list's draw time).
        self._width = self.scrollable_content_region.width
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_y)
        width = self._width or self.scrollable_content_region.width
        base = self._styles.get("") or self._styles.setdefault("", self.rich_style)
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, base)
        row = self._rows.row(index)
        summary = row.summary
        if summary is not None:  # most rows: made directly, a 30th of Rich Text's cost
            segments = article_segments(
                width, (BOOKMARK_MARK if summary.id in self._bookmarked else " ")
                + (NOTE_MARK if summary.id in self._noted else " "), self._progress(summary),
                self._date(summary), summary.title,
                _source(summary.source, width),
                bool(summary.problems), self._style, base,
                self._style("cursor") if index == self.cursor else None)
            if segments is not None:
                return Strip(segments).adjust_cell_length(width, base)
        text = self._row_text(row, width)
        if index == self.cursor and row.summary is not None:
            text.stylize(self._style("cursor"))
        segments = text_segments(text, self.app.console, base)
        return Strip(segments).adjust_cell_length(width, base)

    def _style(self, name: str) -> Style:
        """A component style, looked up once per style change, not once per row and mark."""
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(
                f"archive-list--{name}", partial=True)
        return style

    def notify_style_update(self) -> None:
        self._styles = {}  # a theme or CSS change: styles looked up again
        super().notify_style_update()

    def _progress(self, summary: ArticleSummary) -> str:
        """Three cells: blank (unread), how far in ("40%"), or a tick (read to the end)."""
        if summary.id not in self._read:
            return "   "
        last = max(0, summary.paragraphs - 1)
        reached = self._positions.get(summary.id, 0)
        if reached >= last:
            return f" {READ_MARK} "
        return f"{100 * (reached + 1) // (last + 1):2d}%"

    def _date(self, summary: ArticleSummary) -> str:
        """By date the headings give the year; by title, where headings are letters, the row."""
        if summary.date is None:
            return "--.--.----" if self.sort_by_title else "--.--"
        return summary.date.strftime("%d.%m.%Y" if self.sort_by_title else "%d.%m")

    def _row_text(self, row: Row, width: int) -> Text:
        if row.kind == "year":
            return Text(f" {row.year}", style=self._style("year"), end="")
        if row.kind == "month":
            return Text(f"  {month_name(row.month)}", style=self._style("month"),
                        end="")
        if row.kind == "letter":
            return Text(f" {row.letter}", style=self._style("year"), end="")
        if row.kind == "undated":
            return Text(" " + t("Undated"), style=self._style("year"), end="")
        summary = row.summary
        if summary is None:  # the index changed under the list: redrawn once it is reloaded
            return Text("", end="")
        marks = Text(end="")
        marks.append(BOOKMARK_MARK if summary.id in self._bookmarked else " ", self._style("mark"))
        marks.append(NOTE_MARK if summary.id in self._noted else " ", self._style("mark"))
        marks.append(" " + self._progress(summary), self._style("date"))
        date = self._date(summary)
        line = Text(" ", end="")
        line.append_text(marks)
        line.append(f" {date} ", self._style("date"))
        source = _source(summary.source, width)
        problem = " !" if summary.problems else ""
        room = max(1, width - line.cell_len - len(source) - len(problem) - 1)
        # (a title can be thousands of characters: Rich measures all it is given)
        title = Text(summary.title[: 2 * room + 2], end="", no_wrap=True)
        title.truncate(room, overflow="ellipsis")
        line.append_text(title)
        if problem:
            line.append(problem, self._style("problem"))
        if source:
            line.append(" " * max(1, width - line.cell_len - len(source)))
            line.append(source, self._style("source"))
        line.truncate(width)
        return line


def _source(source: str | None, width: int) -> str:
    """The source at a row's end (" akorda.kz"): none in a narrow list, where the title
    needs the room; a long one cut with "…", so it never reads as another source."""
    if not source or width < 44:
        return ""
    if cell_len(source) <= SOURCE_CELLS:
        return f" {source}"
    cut = ""
    for char in source:
        if cell_len(cut + char) > SOURCE_CELLS - 1:
            break
        cut += char
    return f" {cut}…"
