"""A widget that a bottom-line question (line_prompt.py LinePrompt) is about.

While `:` or `f` asks, the list keeps the focus and hands its keys and pastes to the
question. Moving the focus to a field and back restyled some twenty widgets, and showing a
field in place of the key hints laid the whole screen out again, twice per question: tens of
milliseconds at a million articles, for a screen that looks the same but its bottom line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from textual import events

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object  # a plain mixin: a Widget base here would add Widget's CSS before the
    # widget's own base class (a ScrollView's overflow went from auto to hidden)


class Question(Protocol):
    def key(self, event: events.Key) -> None: ...
    def paste(self, text: str) -> None: ...
    def drop(self) -> None: ...


class AskedAbout(_Base):
    """Mix in before the Textual base class: while `asked` is set, keys go to it (none acts
    on the widget or reaches a binding but the app's priority ones), and so does a paste."""

    asked: Question | None = None

    def on_key(self, event: events.Key) -> None:
        if self.asked is not None:
            event.stop()
            event.prevent_default()
            self.asked.key(event)

    def on_paste(self, event: events.Paste) -> None:
        if self.asked is not None:
            event.stop()
            event.prevent_default()
            self.asked.paste(event.text)

    def on_blur(self, _event: events.Blur) -> None:
        """Another widget took the focus (a click): the question is dropped. Not when the
        focus went nowhere (the terminal window lost it: it comes back here), nor for a
        screen opened over this one (the command palette): the question waits under it."""
        focused = self.screen.focused
        if self.asked is not None and focused is not None and focused is not self:
            self.asked.drop()
