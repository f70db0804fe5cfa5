"""The text of a one-line answer and its cursor, and the keys that edit it: what the bottom
line's question (line_prompt.py) needs of a field, without a field widget to focus.

The cursor moves, and Backspace and Delete take, a whole character as drawn: a letter with
the combining marks after it (an accent typed apart), never a mark alone. Invisible format
characters (a zero-width space, a byte-order mark, bidi marks; not the joiners) are not
taken in: an answer that looks like 2024 is 2024. An answer holds at most MAX_CHARS: a year
or a month is short, and a pasted megabyte would be drawn again at every key.
"""

from __future__ import annotations

import unicodedata

from reader.terminal_text import terminal_safe

MAX_CHARS = 64
_JOINERS = "\u200c\u200d"  # format characters that are part of how a word is drawn


def _joins(char: str) -> bool:
    """Whether char belongs to the character drawn before it (a combining mark, a variation
    selector, a zero-width joiner and what it joins)."""
    return unicodedata.category(char)[0] == "M" or char == "\u200d"  # (selectors are marks)


def cluster_end(text: str, at: int) -> int:
    """Where the character drawn at `at` ends."""
    if at >= len(text):
        return len(text)
    at += 1
    while at < len(text) and (_joins(text[at]) or text[at - 1] == "\u200d"):
        at += 1
    return at


def cluster_start(text: str, at: int) -> int:
    """Where the character drawn before `at` starts."""
    if at <= 0:
        return 0
    at -= 1
    while at > 0 and (_joins(text[at]) or text[at - 1] == "\u200d"):
        at -= 1
    return at


class LineEdit:
    """`text` with a `cursor` (0..len); `key` applies one key by Textual's name."""

    def __init__(self, text: str = "") -> None:
        self.text = text
        self.cursor = len(text)

    def insert(self, typed: str) -> None:
        """Typed or pasted text at the cursor: its first line with something on it, as it
        would be drawn, without invisible format characters, up to MAX_CHARS in all."""
        self._put(next((line for line in typed.splitlines() if line.strip()), ""))

    def _put(self, typed: str) -> None:
        typed = "".join(c for c in terminal_safe(typed) if c in _JOINERS
                        or unicodedata.category(c) != "Cf")
        typed = typed[: max(MAX_CHARS - len(self.text), 0)]
        self.text = self.text[: self.cursor] + typed + self.text[self.cursor:]
        self.cursor += len(typed)

    def key(self, key: str, character: str | None) -> bool:
        """Applies an editing key; False for a key that edits nothing here."""
        text, at = self.text, self.cursor
        if key in ("backspace", "ctrl+h"):
            start = cluster_start(text, at)
            self.text, self.cursor = text[:start] + text[at:], start
        elif key in ("delete", "ctrl+d"):
            self.text = text[:at] + text[cluster_end(text, at):]
        elif key == "left":
            self.cursor = cluster_start(text, at)
        elif key == "right":
            self.cursor = cluster_end(text, at)
        elif key in ("home", "ctrl+a"):
            self.cursor = 0
        elif key in ("end", "ctrl+e"):
            self.cursor = len(text)
        elif key == "ctrl+u":  # as in a shell: all before the cursor
            self.text, self.cursor = text[at:], 0
        elif key == "ctrl+k":
            self.text = text[:at]
        elif key == "ctrl+w":  # the word before the cursor
            start = len(text[:at].rstrip())
            start = text.rfind(" ", 0, start) + 1
            self.text, self.cursor = text[:start] + text[at:], start
        elif character is not None and character.isprintable() and len(character) == 1:
            self._put(character)
        else:
            return False
        return True
