"""One search result as the results list draws it: the date, then the title beside it,
wrapped under its own first letter, then the snippet, indented the same way.

A result is laid out at the width it is drawn at (a Rich renderable, not a Text wrapped
by whoever shows it), so the date never breaks across lines (Rich breaks at any space, a
no-break space included) and every continuation line stays under the title.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

MAX_SNIPPET_LINES = 2  # a result's snippet lines; the rest is cut with …


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
        indent = date.cell_len if date.cell_len <= width // 3 else 2
        room = max(1, width - indent)
        title = self.title.wrap(console, room, overflow="fold")
        snippet = self.snippet.wrap(console, room, overflow="fold")
        if len(snippet) > MAX_SNIPPET_LINES:
            snippet = snippet[:MAX_SNIPPET_LINES]
            snippet[-1].truncate(room - 1)
            snippet[-1].append("…")
        first = True
        if indent < date.cell_len:  # too narrow for the date beside the title: above it
            date.truncate(width, overflow="ellipsis")
            yield from date.render(console)
            yield Segment.line()
            first = False
        for line in [*title, *snippet]:
            if first:
                yield from date.render(console)
                first = False
            else:
                yield Segment(" " * indent)
            line.end = ""
            yield from line.render(console)
            yield Segment.line()
