"""An article row of the archive list as segments, made directly.

Building a Rich Text per row (appends, a truncation that splits the title into graphemes,
render, a style sum per segment) costs about half a millisecond a row: 37 rows, the whole
list at 140x40, took 16-36 ms of every jump, page, sort or filter. A title of one-cell
characters (Kazakh, Russian, Latin, the usual punctuation) needs none of it: it is cut by
slicing. The segments and styles are the ones Text.render gives, so the screen is the same;
anything else (a wide or combining character, a row too narrow for its date) returns None
and the list draws that row with Rich as before.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

# One terminal cell each in Rich's tables: Latin and Cyrillic letters (Kazakh's too),
# digits, the usual punctuation, quotes and dashes. Nothing that joins or is drawn wide.
_RANGES = [(0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x48A, 0x52F),
           (0x2010, 0x2027), (0x2030, 0x205E), (0x2116, 0x2116)]
ONE_CELL = frozenset(map(chr, chain.from_iterable(  # (map and chain: no Python loop at import)
    range(start, end + 1) for start, end in _RANGES)))
_one_cell: Callable[[str], bool] = ONE_CELL.issuperset


def article_segments(width: int, marks: str, progress: str, date: str, title: str,
                     source: str, problem: bool, style: Callable[[str], Style], base: Style,
                     cursor: Style | None) -> list[Segment] | None:
    """What `ArchiveList._row_text` draws for an article, as segments over `base` (with the
    cursor's style over all of it on the cursor's row); None when only Rich can say.

    `marks` is the bookmark and note marks (two characters), `progress` the three read
    cells, `date` as shown; `source` the part shown ("" for none), `problem` the ` !`."""
    if not (_one_cell(title) and _one_cell(source)):
        return None
    head = 1 + cell_len(marks) + 1 + cell_len(progress) + len(date) + 2
    bang = " !" if problem else ""
    room = max(1, width - head - len(source) - len(bang) - 1)
    title = title[: 2 * room + 2]
    if len(title) > room:
        title = title[: room - 1] + "…"
    used = head + len(title) + len(bang)
    pad = " " * max(1, width - used - len(source)) if source else ""
    if used + len(pad) + len(source) > width:
        return None  # the line is cut at the edge: Rich's truncation decides where

    def over(name: str | None) -> Style:
        on = style(name) if name else None
        if cursor is None:
            return base + on if on else base
        return base + (on + cursor if on else cursor)

    plain, mark, dated = over(None), over("mark"), over("date")
    # Text.render ends a segment wherever a span starts or ends, even between two spans of
    # one style; unstyled text next to unstyled text stays one segment.
    segments = [Segment(" ", plain), Segment(marks[0], mark), Segment(marks[1:], mark),
                Segment(" " + progress, dated), Segment(f" {date} ", dated)]
    if bang:
        segments += [Segment(title, plain), Segment(bang, over("problem"))]
        if source:
            segments.append(Segment(pad, plain))
    else:
        segments.append(Segment(title + pad, plain))
    if source:
        segments.append(Segment(source, over("source")))
    return [segment for segment in segments if segment.text]
