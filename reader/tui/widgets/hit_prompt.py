"""One search result as the results list draws it: the date, then the title beside it,
wrapped under its own first letter, then the snippet, indented the same way.

A result is laid out at the width it is drawn at (a Rich renderable, not a Text wrapped
by whoever shows it), so the date never breaks across lines (Rich breaks at any space, a
no-break space included) and every continuation line stays under the title. The entries
of the bookmarks, notes and highlights screens are laid out the same way (Hanging).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

from reader.search.snippet import cut_end

MAX_SNIPPET_LINES = 2  # a result's snippet lines; the rest is cut with …
GAP = 2  # cells between a first line and the text at its right (a bookmark's date)


class Block(NamedTuple):
    """`lead` ("★ ", a date, "¶ 3: "), then `body` beside it, each later line of the body
    indented by the lead's width: under the body's first letter. `right` (a date) is kept
    whole: at the right end of the first line, or on a line of its own under the body when
    the first line would keep too little room beside it. `most`: at most so many lines of
    body (0: all), the rest cut at the end of a word with … (cut_end's rule)."""

    lead: Text
    body: Text
    right: Text | None = None
    most: int = 0


def _wrapped(console: Console, body: Text, room: int, first_room: int) -> list[Text]:
    """The body broken at spaces into lines of `room` cells, the first of `first_room`; a
    word longer than a line is folded."""
    lines = list(body.wrap(console, first_room, overflow="fold"))
    if first_room == room or len(lines) < 2:
        return lines
    plain, at = body.plain, len(lines[0].plain)
    while at < len(plain) and plain[at].isspace():
        at += 1
    return [lines[0], *body[at:].wrap(console, room, overflow="fold")]


def _word_ends(plain: str, limit: int) -> list[int]:
    """Where a word ends in plain[:limit], the last first."""
    return [i for i in range(min(limit, len(plain)), 0, -1)
            if not plain[i - 1].isspace() and (i == len(plain) or plain[i].isspace())]


def _fit(console: Console, body: Text, room: int, first_room: int, most: int) -> list[Text]:
    """The body's lines, at most `most` of them: cut after the last word that fits with its
    … (a word is never cut in two unless it alone is longer than the lines)."""
    lines = _wrapped(console, body, room, first_room)
    if not most or len(lines) <= most:
        return lines
    plain, at = body.plain, 0
    for line in lines[:most]:  # where the first line not shown starts
        at += len(line.plain)
        while at < len(plain) and plain[at].isspace():
            at += 1
    for end in _word_ends(plain, at):
        kept, more = cut_end(plain[:end])
        cut = body[:kept]
        if more:
            cut.append("…")
        shown = _wrapped(console, cut, room, first_room)
        if len(shown) <= most:
            return shown
    shown = lines[:most]  # one word longer than every line: cut where the line ends
    shown[-1].truncate(max(0, (room if most > 1 else first_room) - 1))
    shown[-1].append("…")
    return shown


def block_lines(console: Console, block: Block, width: int) -> list[Text]:
    """A block as lines of at most `width` cells."""
    lead = block.lead.copy()
    lead.truncate(width)
    indent = lead.cell_len
    room = max(1, width - indent)
    right = block.right.copy() if block.right is not None else None
    first_room = room
    if right is not None:
        right.truncate(room, overflow="ellipsis")
        beside = room - GAP - right.cell_len
        if beside >= max(8, room // 2):
            first_room = beside
    lines = _fit(console, block.body, room, first_room, block.most) or [Text()]
    shown = []
    for n, line in enumerate(lines):
        line.rstrip()
        row = Text(end="")  # the lead's style over the lead only
        row.append_text(lead if n == 0 else Text(" " * indent))
        row.append_text(line)
        if n == 0 and right is not None and first_room < room:
            row.append(" " * (width - row.cell_len - right.cell_len))
            row.append_text(right)
        shown.append(row)
    if right is not None and first_room == room:  # no room beside it: under the body
        shown.append(Text(" " * indent, end="").append_text(right))
    return shown


def render_blocks(console: Console, blocks: Sequence[Block], width: int) -> RenderResult:
    """Blocks one under the other, as segments (each line its own, without an end)."""
    for block in blocks:
        for line in block_lines(console, block, width):
            yield from line.render(console)
            yield Segment.line()


class Hanging:
    """A list entry of blocks, laid out at the width it is drawn at; str() is `plain`, what
    it says (the tests and the list's own look-ups read it)."""

    def __init__(self, blocks: Sequence[Block], plain: str) -> None:
        self.blocks, self.plain = list(blocks), plain

    def __str__(self) -> str:
        return self.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from render_blocks(console, self.blocks, max(1, options.max_width))


class HitPrompt:
    """(date, title, snippet pieces) -> lines; the texts are already display-safe."""

    def __init__(self, date: str, title: str, snippet: list[tuple[str, bool]],
                 mark: str = "bold reverse") -> None:
        self.date = date
        self.title = Text(title, style="bold")
        self.snippet = Text()
        for piece, marked in snippet:
            self.snippet.append(piece, mark if marked else "")

    def __str__(self) -> str:
        return f"{self.date}  {self.title.plain}\n{self.snippet.plain}"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width)
        date = Text(self.date + "  ", style="dim")
        blocks = []
        if date.cell_len > width // 3:  # too narrow for the date beside the title: above it
            date.rstrip()
            date.truncate(width, overflow="ellipsis")
            blocks.append(Block(date, Text()))
            date = Text("  ")
        indent = Text(" " * date.cell_len)
        blocks += [Block(date, self.title),
                   Block(indent, self.snippet, most=MAX_SNIPPET_LINES)]
        yield from render_blocks(console, blocks, width)
