"""What the bookmarks, notes and highlights screens share: a list of places, opened, deleted,
tagged, edited; each shown where it is now (resolve.py), its status when it is not `ok`."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.archive.excerpt import ParagraphLookup, first_words
from reader.i18n import language, t
from reader.search.in_library import Span
from reader.terminal_text import printable_id, terminal_safe
from reader.tui.screens.entry_lines import Places, has_tags, tag_query, tags_line
from reader.tui.widgets.filter_bar import FilterBar, Shown, filtered
from reader.tui.widgets.hit_prompt import Block, Hanging
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.localized import Localized
from reader.tui.widgets.title_bar import TitleBar
from reader.userdata.entries import Highlight, kind_of
from reader.userdata.library import Bookmark, LibraryError, Note
from reader.userdata.selectors import MISSING, ORPHANED

if TYPE_CHECKING:
    from reader.tui.app import KzReaderApp
    from reader.userdata.resolve import Resolved

Entry = TypeVar("Entry", Bookmark, Note, Highlight)
DEBOUNCE = 0.12  # seconds of quiet typing before the list is narrowed, as on the search screen


class Narrowed(Message):
    """The filter's search for `text` is done (in a thread: post_message is thread-safe, and
    a screen closed meanwhile simply never gets it)."""

    def __init__(self, text: str, result: Shown) -> None:
        super().__init__()
        self.text, self.result = text, result


class EntriesResolved(Message):
    """Where each entry is now, by id (found in a thread: each article is read)."""

    def __init__(self, resolved: dict[str, Resolved]) -> None:
        super().__init__()
        self.resolved = resolved


class EntryList(Localized, OptionList):
    """The entries; Enter opens the one under the cursor, and the footer says so first
    (OptionList's own Enter is not shown in it)."""

    BINDINGS = [Binding("enter", "select", "Open", id="library_open")]  # [keys] can remap it


class LibraryListScreen(Localized, Screen, Generic[Entry]):
    """A list of library entries, newest first; Enter jumps to the place."""

    app: KzReaderApp  # type: ignore[assignment]  # typed access to the app's own parts

    HEADING = ""
    EMPTY = ""
    MARK = ""  # ★, ✎ or ❝, before each entry

    BINDINGS = [
        Binding("escape", "back", "Back", id="library_back"),
        Binding("slash", "filter", "Filter", id="library_filter"),
        Binding("down", "to_list", "To the list", show=False, id="library_to_list"),
        Binding("d,delete", "delete", "Delete", id="library_delete"),
        Binding("y", "copy", "Copy", id="library_copy"),
        Binding("number_sign", "tags", "Tags", show=False, id="library_tags"),
        Binding("c", "cite", "Cite", show=False, id="library_cite"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._timer: Timer | None = None  # the filter waiting for typing to pause
        self._filled_for = ""  # the filter text the list shows now
        self._shown: Shown = ([], 0)  # what the list shows now
        self.places = Places()  # where each entry is now, once known

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(t(self.HEADING), classes="screen-title")
        yield FilterBar(self.filter_hint(), id="filter-bar")
        yield EntryList(id="entries")
        yield Static("", id="empty-hint", classes="empty-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t(self.HEADING)
        self.reload()
        self.query_one(OptionList).focus()
        self._resolve(self.entries())

    def entries(self) -> list[Entry]:
        raise NotImplementedError

    def filter_hint(self) -> str:
        """The `/` box's placeholder: what it searches."""
        raise NotImplementedError

    def searchable(self, entry: Entry) -> Bookmark | Note:
        """What the filter box searches (in_library searches a label or a note's text)."""
        return entry

    def describe(self, entry: Entry, spans: list[Span]) -> tuple[Block, str]:
        """The first line of an entry: its mark, then what it is and where, wrapped under
        its first letter (a bookmark's date kept whole at the right); and what it says."""
        body, right, plain = self.details(entry, spans)
        return Block(Text(f"{self.MARK} ", "bold"), body, right), f"{self.MARK} {plain}"

    def place_text(self, entry: Entry, article: str, paragraph: int | None,
                   lookup: ParagraphLookup) -> Text:
        """What follows "¶ 3:" on the second line: the first words of the paragraph."""
        if paragraph is None:
            return Text(printable_id(article))
        text = lookup.text(article, paragraph)
        return Text(first_words(text) if text else t("this paragraph has gone"))

    def details(self, entry: Entry, spans: list[Span]) -> tuple[Text, Text | None, str]:
        """What follows the mark on an entry's first line, what is kept whole at its right
        (a bookmark's date; None for none), and the two as text, in the order they are
        read; `spans` are the filter's hits in the label or note text ([] when not
        filtering)."""
        raise NotImplementedError

    def delete_entry(self, entry: Entry) -> None:
        raise NotImplementedError

    def text_to_copy(self, entry: Entry) -> str | None:
        """What `y` copies: the bookmarked paragraph, or the note."""
        raise NotImplementedError

    def action_copy(self) -> None:
        entry = self.current()
        text = self.text_to_copy(entry) if entry is not None else None
        if not text:
            return
        self.app.copy_to_clipboard(text)  # OSC 52: the terminal takes it, over SSH too
        self.notify(t("Copied to the clipboard (OSC 52: your terminal must allow it)."))

    def narrowed(self, entries: list[Entry], text: str) -> Shown:
        """The entries the filter text keeps: its `#tag` words narrow by tag, the rest
        searches what the reader wrote (filter_bar.filtered); newest first."""
        tags, rest, typing = tag_query(text)
        chosen = {e.id: e for e in entries if has_tags(e, tags, typing)}
        shown, _ = filtered([self.searchable(e) for e in chosen.values()], rest)
        return [(chosen[found.id], spans) for found, spans in shown], len(entries)

    def reload(self, *, top: bool = False) -> None:
        """The list again from the library, narrowed by the filter box if it is open."""
        text = self.query_one(FilterBar).text
        self._fill(text, self.narrowed(self.entries(), text), top=top)

    def _fill(self, text: str, result: Shown, *, top: bool) -> None:
        if self._timer is not None:  # what it would narrow to is shown now
            self._timer.stop()
            self._timer = None
        self._filled_for, self._shown = text, result
        lookup = ParagraphLookup(self.app.catalog)
        options = self.query_one(OptionList)
        keep = 0 if top else options.highlighted or 0
        options.clear_options()
        shown, total = result
        wanted = {tag.casefold() for tag in tag_query(text)[0]}
        for entry, spans in shown:
            head, plain = self.describe(entry, spans)
            blocks = [head, self.places.line(entry, lookup, self.place_text)]
            if entry.tags:
                blocks.append(tags_line(entry, wanted))
            plain += "".join(f"\n{b.lead.plain}{b.body.plain}" for b in blocks[1:])
            options.add_option(Option(Hanging(blocks, plain), id=entry.id))
        if options.option_count:
            options.highlighted = min(keep, options.option_count - 1)
        bar = self.query_one(FilterBar)
        bar.count(len(shown), total)
        hint = ""
        if not total:
            hint = t(self.EMPTY)
        elif not shown:
            hint = t("Nothing matches {text}: Escape shows every entry again.",
                     text=terminal_safe(bar.text))
        self.query_one("#empty-hint", Static).update(Text(hint))

    def action_filter(self) -> None:
        """`/`: the filter box, with the cursor in it; `#` and a tag's start complete it."""
        from reader.tui.dialogs.tag_prompt import TagSuggester

        bar = self.query_one(FilterBar)
        opening = not bar.open
        bar.query_one(Input).suggester = TagSuggester(self.app.library.tags(), hashed=True)
        bar.show()
        if opening:
            self.reload()  # with its "3 of 3"

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "filter-input":
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self._narrow)

    def _narrow(self) -> None:
        self._timer = None
        text = self.query_one(FilterBar).text
        if text != self._filled_for:
            self._search(text, self.entries())

    @work(thread=True, exclusive=True, group="library-filter")
    def _search(self, text: str, entries: list[Entry]) -> None:
        """Off the event loop: 10,000 notes take a second or two to search, and typing must
        not wait for that. A result for text that is no longer in the box is dropped."""
        self.post_message(Narrowed(text, self.narrowed(entries, text)))

    def on_narrowed(self, event: Narrowed) -> None:
        current = self.query_one(FilterBar).text
        if event.text == current != self._filled_for and self._timer is None:
            self._fill(event.text, event.result, top=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "filter-input":
            return
        if self._timer is not None:  # typed and Enter at once: narrow now, not after it
            self.reload(top=True)
        self.action_to_list()

    def action_to_list(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if options.option_count and options.highlighted is None:
            options.highlighted = 0

    def action_back(self) -> None:
        """Escape: closes the filter (every entry again), else back to where `B` was."""
        bar = self.query_one(FilterBar)
        if not bar.open:
            self.app.pop_screen()
            return
        bar.close()
        self.reload(top=True)
        self.query_one(OptionList).focus()

    @work(thread=True, exclusive=True, group="library-resolve")
    def _resolve(self, entries: list[Entry]) -> None:
        """Where each entry is now: every article pointed at is read (and an anchor looked
        for in a changed one), so not on the event loop."""
        from reader.userdata.resolve import Resolver

        resolver = Resolver(ParagraphLookup(self.app.catalog, self._holding))
        try:
            found = {e.id: resolver.resolve(e) for e in entries}
        except Exception as error:  # a bug must not end the app: the list stays as stored
            self.app.call_from_thread(self.notify, t(
                "Could not check where the entries are now: {error}", error=error),
                severity="warning", timeout=10)
            return
        self.post_message(EntriesResolved(found))

    def _holding(self, quote: str) -> list[str]:
        """Articles whose text holds a quote (the search index): a moved and re-titled
        article is found by its text, as the command line finds it."""
        from reader.archive.excerpt import MAX_CANDIDATES, quote_phrase

        phrase = quote_phrase(quote)
        if phrase is None:
            return []
        hits, _note = self.app.feed.search(phrase, MAX_CANDIDATES)
        return [hit.id for hit in hits]

    def on_entries_resolved(self, event: EntriesResolved) -> None:
        """Statuses shown; a place found again (edited, moved) is written back to
        library.toml (one change, only where the entry still points where it did), so other
        tools see it too."""
        self.places.resolved = event.resolved
        fixes = self.places.fixes()
        if fixes:
            with contextlib.suppress(LibraryError):  # found again next time; nothing lost
                if self.app.library.reanchor(fixes):
                    self.app.refresh_marks()
        self._fill(self._filled_for, self._shown, top=False)

    def current(self) -> Entry | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return next((e for e in self.entries() if e.id == option_id), None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        entry = self.current()
        if entry is not None:
            article, paragraph, _ = self.places.place(entry)
            self.app.jump_to(article, paragraph)

    def action_tags(self) -> None:
        """`#`: the selected entry's tags."""
        from reader.tui.dialogs.tag_prompt import edit_tags

        entry = self.current()
        if entry is not None:
            what = f"{t(kind_of(entry).rstrip('s'))}: {terminal_safe(entry.title or entry.article)}"
            edit_tags(self.app, [entry], what, after=self.reload)

    def action_cite(self) -> None:
        """`c`: a citation of the place the entry points at, as in the article (OSC 52)."""
        from reader.userdata.citation import format_citation, place_at

        entry = self.current()
        if entry is None:
            return
        article_id, paragraph, status = self.places.place(entry)
        article = ParagraphLookup(self.app.catalog).article(article_id)
        if article is None or paragraph is None or status in (ORPHANED, MISSING):
            self.notify(t("Nothing to cite here: the article or its paragraph has gone."),
                        severity="warning")
            return
        marked = [entry._replace(article=article_id, span=self.places.span(entry))] if (
            isinstance(entry, Highlight)) else []
        place, highlight = place_at(article, paragraph, marked)
        self.app.copy_to_clipboard(format_citation(place, language()))
        self.notify(t("Citation copied (the highlight on ¶ {n}).", n=place.paragraph + 1)
                    if highlight else t("Citation copied (¶ {n}).", n=place.paragraph + 1))

    def action_delete(self) -> None:
        from reader.tui.dialogs.confirm import ConfirmDialog

        entry = self.current()
        if entry is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.apply(lambda: self.delete_entry(entry), t("Deleted."))

        question = (t("Delete the bookmark on “{title}”?", title=entry.title)
                    if isinstance(entry, Bookmark)
                    else t("Delete the highlight on “{title}”?", title=entry.title)
                    if isinstance(entry, Highlight)
                    else t("Delete the note on “{title}”?", title=entry.title))
        self.app.push_screen(ConfirmDialog(question), answered)

    def apply(self, change: Callable[[], object], message: str) -> None:
        """Make one change to library.toml; say so only once it is on disk."""
        try:
            change()
        except LibraryError as error:
            self.notify(str(error), title=t("Not saved"), severity="error", timeout=10)
            return
        self.notify(message)
        self.reload()
        self.app.refresh_marks()
