"""What the bookmarks, notes and highlights screens show under each entry, and the `#tag`
words of their filter box.

Under an entry's first line: where it is now ("¶ 5: …"), with its status when that is not
`ok` (resolve.py: edited, moved, orphaned, missing) and a sync's conflict (the entry holds
two machines' versions of its text), then its tags on a line of their own, so a long
Kazakh title never pushes them off the screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rich.text import Text

from reader.archive.excerpt import ParagraphLookup, first_words
from reader.i18n import t
from reader.terminal_text import printable_id, terminal_safe
from reader.tui.widgets.hit_prompt import Block
from reader.userdata.entries import Entry, Highlight, clean_tag
from reader.userdata.library import Fix
from reader.userdata.resolve import MISSING, MOVED, Resolved
from reader.userdata.selectors import EDITED, ORPHANED, Span

_TAG_WORD = re.compile(r"(?:^|(?<=\s))#\S*")
INDENT = "   "  # before the lines under an entry's first line

# What follows "¶ 3:" for an entry found where it was: (entry, article, paragraph, lookup).
PlaceText = Callable[[Entry, str, "int | None", ParagraphLookup], Text]


def tag_query(text: str) -> tuple[list[str], str, bool]:
    """The filter box's `#tag` words (cleaned as tags are stored), the rest of the text, and
    whether the last tag is still being typed (no space after it: it also matches as a
    prefix, as the word being typed does)."""
    tags = [clean_tag(word) for word in _TAG_WORD.findall(text)]
    words = text.split()
    typing = bool(words) and words[-1].startswith("#") and not text[-1:].isspace()
    return [tag for tag in tags if tag], _TAG_WORD.sub(" ", text), typing


def has_tags(entry: Entry, tags: Sequence[str], typing: bool) -> bool:
    """Every tag asked for is one of the entry's (without case); the last one, while typed,
    may be the start of one."""
    own = [tag.casefold() for tag in entry.tags]
    for n, tag in enumerate(tags):
        wanted = tag.casefold()
        last = typing and n == len(tags) - 1
        if not any(mine == wanted or (last and mine.startswith(wanted)) for mine in own):
            return False
    return True


def tags_line(entry: Entry, wanted: set[str]) -> Block:
    """The entry's tags, shown literally; those the filter asked for (casefolded) in
    reverse, as the filter's hits are. Wrapped under the first tag."""
    line = Text()
    for tag in entry.tags:
        hit = tag.casefold() in wanted
        line.append(f"#{terminal_safe(tag)}", "bold reverse" if hit else "cyan")
        line.append(" ")
    line.rstrip()
    return Block(Text(INDENT), line)


class Places:
    """Where each entry of a list is now, once resolved (until then: where it was stored)."""

    def __init__(self) -> None:
        self.resolved: dict[str, Resolved] = {}

    def fixes(self) -> list[Fix]:
        """Places found again (edited, moved) to write back to library.toml. An unchanged
        entry of an earlier version gets its anchor when its article is read, not from a
        list: looking at a list writes nothing."""
        return [r.fix for r in self.resolved.values()
                if r.fix is not None and r.status in (EDITED, MOVED)]

    def place(self, entry: Entry) -> tuple[str, int | None, str]:
        """(article, paragraph, status): "" while not resolved yet."""
        found = self.resolved.get(entry.id)
        if found is None:
            return entry.article, entry.paragraph, ""
        if found.status in (EDITED, MOVED):
            return found.article, found.paragraph, found.status
        return entry.article, entry.paragraph, found.status

    def span(self, entry: Highlight) -> Span:
        found = self.resolved.get(entry.id)
        if found is not None and found.status in (EDITED, MOVED) and found.span is not None:
            return found.span
        return entry.span

    def line(self, entry: Entry, lookup: ParagraphLookup, place_text: PlaceText) -> Block:
        """"¶ 5: edited: … · the paragraph's first words", or why it cannot be shown; its
        later lines under the text after "¶ 5: "."""
        lead, line = self._line(entry, lookup, place_text)
        return Block(Text(f"{INDENT}{lead}: ", style="dim"), line)

    def _line(self, entry: Entry, lookup: ParagraphLookup,
              place_text: PlaceText) -> tuple[str, Text]:
        article, paragraph, status = self.place(entry)
        where = t("article") if paragraph is None else f"¶ {paragraph + 1}"
        if isinstance(entry, Highlight):
            span = self.span(entry)
            if span.end_paragraph > span.paragraph:
                where = f"¶ {span.paragraph + 1}–{span.end_paragraph + 1}"
        line = Text(style="dim")
        if entry.conflict:  # first: whatever else is said, this one needs the reader
            line.append(t("conflict: changed on two machines, both versions kept; resolve by "
                          "editing"), "bold red")
            line.append(" · ", "dim")
        if status == MISSING or (not status and lookup.missing(entry.article)):
            line.append(t("missing: {id} is no longer in the archive",
                          id=printable_id(entry.article)), "italic red")
            return where, line
        if status == ORPHANED:
            line.append(t("orphaned: its text is no longer in the article"), "italic red")
            quote = " ".join(terminal_safe(entry.anchor.quote).split()) if entry.anchor else ""
            line.append(f"  {first_words(quote)}" if quote else "", "italic")
            return where, line
        if status in (EDITED, MOVED):
            said = (t("edited: found again after the article changed") if status == EDITED
                    else t("moved: now {id}", id=printable_id(article)))
            line.append(said, "italic yellow")
            line.append(" · ", "dim")
        line.append_text(place_text(entry, article, paragraph, lookup))
        return where, line
