"""The text of a one-line answer and its cursor, and the keys that edit it: what the bottom
line's question (dialogs/prompt.py) needs of a field, without a field widget to focus."""

from __future__ import annotations

from reader.terminal_text import terminal_safe


class LineEdit:
    """`text` with a `cursor` (0..len); `key` applies one key by Textual's name."""

    def __init__(self, text: str = "") -> None:
        self.text = text
        self.cursor = len(text)

    def insert(self, typed: str) -> None:
        """Typed or pasted text at the cursor: its first line, as it would be drawn."""
        lines = typed.splitlines()
        typed = terminal_safe(lines[0]) if lines else ""
        self.text = self.text[: self.cursor] + typed + self.text[self.cursor:]
        self.cursor += len(typed)

    def key(self, key: str, character: str | None) -> bool:
        """Applies an editing key; False for a key that edits nothing here."""
        text, at = self.text, self.cursor
        if key in ("backspace", "ctrl+h"):
            self.text, self.cursor = text[: max(at - 1, 0)] + text[at:], max(at - 1, 0)
        elif key in ("delete", "ctrl+d"):
            self.text = text[:at] + text[at + 1:]
        elif key == "left":
            self.cursor = max(at - 1, 0)
        elif key == "right":
            self.cursor = min(at + 1, len(text))
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
            self.insert(character)
        else:
            return False
        return True
