"""Rich Text to segments for the line-API widgets, keeping the Text's own style.

`Text.render` leaves out the base style of a Text without spans (Rich applies it
elsewhere), so the list and the article apply it here, under the spans' styles.
"""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text


def text_segments(text: Text, console: Console, base: Style) -> list[Segment]:
    """Segments of one line of text over `base` (the widget's own style)."""
    under = base + console.get_style(text.style) if text.style else base
    return [
        Segment(segment.text, under + segment.style if segment.style else under)
        for segment in text.render(console)
        if segment.text != "\n"
    ]
