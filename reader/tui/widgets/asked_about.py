"""A widget that a bottom-line question (dialogs/prompt.py LinePrompt) is about.

While `:` or `f` asks, the focus is in the question's field, yet the list it acts on should
look as it did: its CSS styles the class ASKED_ABOUT as it styles `:focus`. Textual also
repaints a widget whenever it gains or loses the focus; for the list that is every row of
it, twice per question (about 10 KB over SSH at 140x40, and tens of milliseconds), for a
screen that looks the same. So while the class is on, the focus changes without a repaint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object  # a plain mixin: a Widget base here would add Widget's CSS before the
    # widget's own base class (a ScrollView's overflow went from auto to hidden)

ASKED_ABOUT = "-asked-about"


class AskedAbout(_Base):
    """Mix in before the Textual base class: focus changes while ASKED_ABOUT is set leave
    the widget's lines as drawn."""

    def on_blur(self, event: events.Blur) -> None:
        if self.has_class(ASKED_ABOUT):
            event.prevent_default()  # Widget's own handler: the same, and a repaint
            self.has_focus = False
            if self.parent is not None:
                self.parent.post_message(events.DescendantBlur(self))

    def on_focus(self, event: events.Focus) -> None:
        if self.has_class(ASKED_ABOUT):
            event.prevent_default()
            self.has_focus = True
            self.remove_class(ASKED_ABOUT)  # the question is over: `:focus` styles it again
            if self.parent is not None:
                self.parent.post_message(events.DescendantFocus(self))
