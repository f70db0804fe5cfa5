"""Rich Text to segments for the line-API widgets, keeping the Text's own style.

`Text.render` leaves out the base style of a Text without spans (Rich applies it
elsewhere), so the list and the article apply it here, under the spans' styles.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip


def text_segments(text: Text, console: Console, base: Style) -> list[Segment]:
    """Segments of one line of text over `base` (the widget's own style)."""
    under = base + console.get_style(text.style) if text.style else base
    return [
        Segment(segment.text, under + segment.style if segment.style else under)
        for segment in text.render(console)
        if segment.text != "\n"
    ]


def changed_extent(old: Strip | None, new: Strip) -> int:
    """How many cells from the left a row must be redrawn to turn `old` into `new`: up to
    the last cell that differs, 0 when none does (None: the row's content is unknown).

    Textual sends a repainted row from the widget's left edge, so only where the changes
    end matters: the blank cells after a line's text, unchanged, are not sent again.
    """
    if old is None:
        return new.cell_length
    if old == new:
        return 0
    before, after = _cells(old), _cells(new)
    for index in range(max(len(before), len(after)) - 1, -1, -1):
        if index >= len(before) or index >= len(after) or before[index] != after[index]:
            return index + 1
    return 0


def _cells(strip: Strip) -> list[tuple[str, Style | None]]:
    """One (text, style) per cell: a wide character fills two, a combining mark joins the
    character before it."""
    cells: list[tuple[str, Style | None]] = []
    for segment in strip:
        style = segment.style
        for char in segment.text:
            width = cell_len(char)
            if width == 0 and cells:
                cells[-1] = (cells[-1][0] + char, cells[-1][1])
                continue
            cells.append((char, style))
            cells.extend([("", style)] * (width - 1))
    return cells
