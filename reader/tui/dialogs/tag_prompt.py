"""`#`: the tags of a bookmark, note or highlight, typed with completion from the tags in use.

Tags are separated by spaces, or by commas when a tag should keep its words together (stored
with "-" for the spaces: entries.clean_tag). Tab or → takes the suggested completion of the
tag being typed. Enter saves through Library.set_tags, one change per entry; Escape, or
Enter on what was there, writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static

from reader.archive.article import Article
from reader.i18n import t
from reader.terminal_text import terminal_safe
from reader.tui.dialogs.prompt import SafeInput
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.localized import Localized
from reader.userdata.entries import Entry, Highlight, clean_tag, kind_of
from reader.userdata.library import Lasting, LibraryError

if TYPE_CHECKING:
    from reader.tui.app import KzReaderApp

_SEPARATOR = re.compile(r"[\s,]+")


def split_tags(text: str) -> list[str]:
    """What was typed, as tags: split at commas when there is one (so "my tag, other" is
    two tags), else at white space; a leading "#" is not part of a tag."""
    parts = text.split(",") if "," in text else text.split()
    return [part.strip().lstrip("#").strip() for part in parts if part.strip().lstrip("#")]


def joined(tags: Sequence[str]) -> str:
    """Tags as the prompt shows them: spaces between, commas if one holds a space."""
    shown = [terminal_safe(tag) for tag in tags]
    return (", " if any(" " in tag for tag in shown) else " ").join(shown)


class TagSuggester(Suggester):
    """Completes the last tag being typed from the tags in use (not one already typed).
    hashed=True: only a word starting with "#" is a tag (the lists' filter box)."""

    def __init__(self, tags: Sequence[str], *, hashed: bool = False) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # the case typed is kept
        self.tags = [terminal_safe(tag) for tag in tags]
        self.hashed = hashed

    async def get_suggestion(self, value: str) -> str | None:
        return self.complete(value)

    def complete(self, value: str) -> str | None:
        words = _SEPARATOR.split(value)
        last = words[-1]
        if self.hashed and not last.startswith("#"):
            return None
        typed = last.lstrip("#")
        if not typed:
            return None
        folded = typed.casefold()
        earlier = {word.lstrip("#").casefold() for word in words[:-1]}
        for tag in self.tags:
            if (len(tag) > len(typed) and tag[:len(typed)].casefold() == folded
                    and tag.casefold() not in earlier):
                return value + tag[len(typed):]
        return None


class TagInput(SafeInput):
    """Tab, like →, takes the suggestion, and leaves room for the next tag."""

    BINDINGS = [Binding("tab", "accept", "Complete", show=False)]

    def action_accept(self) -> None:
        if not self.cursor_at_end:
            self.cursor_position = len(self.value)
            return
        before = self.value
        self.action_cursor_right()  # Textual's own: takes the suggestion at the end
        if self.value != before:
            self.insert_text_at_cursor(", " if "," in self.value else " ")


class TagPrompt(Localized, ModalScreen[list[str] | None]):
    """Returns the tags typed (as typed: the library cleans them); None on Escape or when
    the field was left as it was."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="tags_cancel")]

    def __init__(self, question: str, tags: Sequence[str], known: Sequence[str],
                 hint: str = "") -> None:
        super().__init__()
        self.question, self.hint = question, hint
        self.shown = joined(tags)
        self.known = known

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(terminal_safe(self.question), classes="dialog-question", markup=False)
            yield TagInput(self.shown + (" " if self.shown else ""), id="tags-input",
                           placeholder=t("policy budget, or: local council, budget"),
                           suggester=TagSuggester(self.known), select_on_focus=False)
            hints = [self.hint] if self.hint else []
            hints += [t("Spaces separate tags, or commas to keep words together. "
                        "Tab or → takes the suggestion."), t("Enter = save    Esc = cancel")]
            yield Static("\n".join(hints), classes="dialog-hint", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        box = self.query_one(TagInput)
        box.cursor_position = len(box.value)  # after the tags there, ready for the next
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        typed = split_tags(event.value)
        self.dismiss(None if typed == split_tags(self.shown) else typed)

    def action_cancel(self) -> None:
        self.dismiss(None)


def edit_tags(app: KzReaderApp, entries: Sequence[Entry], what: str,
              after: Callable[[], None] | None = None) -> None:
    """Ask for the tags of these entries and save them. One entry gets what was typed;
    several (a bookmark and a note on one paragraph) each get the tags added and lose the
    ones taken away, keeping the rest of their own."""
    library = app.library
    if isinstance(library.broken, Lasting):
        app.notify(library.broken, title=t("Read-only"), severity="error", timeout=10)
        return
    before = list(dict.fromkeys(tag for entry in entries for tag in entry.tags))
    hint = t("Tags added or removed here change each of them.") if len(entries) > 1 else ""

    def answered(typed: list[str] | None) -> None:
        if typed is None:
            return
        wanted = [tag for tag in dict.fromkeys(map(clean_tag, typed)) if tag]
        had = {clean_tag(tag) for tag in before}
        removed, added = had - set(wanted), [tag for tag in wanted if tag not in had]
        stored: tuple[str, ...] = ()
        try:
            for entry in entries:
                if len(entries) == 1:
                    tags = wanted
                else:
                    own = [tag for tag in entry.tags if clean_tag(tag) not in removed]
                    tags = own + [tag for tag in added if tag not in own]
                stored = library.set_tags(kind_of(entry), entry.id, tags)
        except LibraryError as error:
            app.notify(str(error), title=t("Not saved"), severity="error", timeout=10)
        else:
            shown = " ".join(f"#{tag}" for tag in (stored if len(entries) == 1 else wanted))
            app.notify(t("Tags saved: {tags}", tags=shown) if shown else t("Tags removed."))
        app.refresh_marks()
        if after is not None:
            after()

    app.push_screen(TagPrompt(t("Tags — {what}", what=what), before, library.tags(), hint),
                    answered)


def tag_paragraph(app: KzReaderApp, article: Article, paragraph: int) -> None:
    """`#` in an article: the tags of the bookmark, note and highlights on this paragraph
    (where their text is now: one whose text has gone from the article is not on it)."""
    from reader.userdata.citation import found_in

    library = app.library
    mine: list[Entry] = [*library.bookmarks_for(article.id), *library.notes_for(article.id),
                         *library.highlights_for(article.id)]
    here = [e for e in found_in(article, mine) if e.paragraph == paragraph or (
        isinstance(e, Highlight) and e.span.paragraph <= paragraph <= e.span.end_paragraph)]
    if not here:
        app.notify(t("Nothing to tag on ¶ {n}: bookmark it (b), write a note (n) or "
                     "highlight a passage (v) first.", n=paragraph + 1))
        return
    kinds = ", ".join(dict.fromkeys(t(kind_of(entry).rstrip("s")) for entry in here))
    edit_tags(app, here, f"¶ {paragraph + 1}: {kinds}")
