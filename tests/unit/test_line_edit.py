"""The bottom line's answer field (reader/tui/line_edit.py): each editing key where the
cursor is, a paste's first line with its controls made visible."""

from __future__ import annotations

import pytest

from reader.tui.line_edit import MAX_CHARS, LineEdit


def typed(*keys: str) -> LineEdit:
    field = LineEdit()
    for key in keys:
        field.key(key, key if len(key) == 1 else None)
    return field


@pytest.mark.parametrize(("keys", "text", "cursor"), [
    (("2", "0", "2", "4"), "2024", 4),
    (("2", "0", "left", "1"), "210", 2),
    (("2", "0", "backspace", "backspace", "backspace"), "", 0),
    (("2", "0", "home", "delete"), "0", 0),
    (("2", "0", "ctrl+a", "1", "ctrl+e", "9"), "1209", 4),
    (("2", "0", "2", "left", "ctrl+u"), "2", 0),
    (("2", "0", "2", "left", "left", "ctrl+k"), "2", 1),
    (("2", "0", " ", "ө", "з", "ctrl+w"), "20 ", 3),
    (("right", "left", "delete", "backspace"), "", 0),
    (("а", "ә", "left", "end", "ң"), "аәң", 3),
])
def test_keys_edit_at_the_cursor(keys: tuple[str, ...], text: str, cursor: int) -> None:
    field = typed(*keys)
    assert (field.text, field.cursor) == (text, cursor)


def test_a_key_that_edits_nothing_says_so() -> None:
    field = typed("2")
    assert not field.key("tab", None) and not field.key("f1", None)
    assert not field.key("ctrl+x", "\x18")
    assert (field.text, field.cursor) == ("2", 1)


def test_a_paste_lands_at_the_cursor_first_line_only_nothing_raw() -> None:
    field = typed("2", "4", "left")
    field.insert("0\x1b[2J\x9b\x07\nsecond line")
    assert field.text.startswith("20") and field.text.endswith("4")
    assert "second" not in field.text
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in field.text), field.text
    assert field.cursor == len(field.text) - 1


def test_a_letter_and_its_marks_move_and_go_together() -> None:
    """An accent typed apart, a flag's joined parts: one character to the cursor."""
    field = LineEdit()
    field.insert("ae\u0301b")
    field.key("left", None)
    field.key("left", None)
    assert field.cursor == 1  # before "e\u0301", never between the e and its accent
    field.key("delete", None)
    assert field.text == "ab"
    field.insert("e\u0301")
    field.key("backspace", None)
    assert (field.text, field.cursor) == ("ab", 1)
    field = LineEdit()
    field.insert("2\U0001f469\u200d\U0001f4bb4")
    field.key("left", None)
    field.key("backspace", None)
    assert field.text == "24"


def test_an_answer_is_short_and_holds_nothing_invisible() -> None:
    field = LineEdit()
    field.insert("\u200b20\ufeff24\u200f")
    assert field.text == "2024"
    field.insert("9" * 100_000)
    assert len(field.text) == MAX_CHARS and field.text.startswith("2024")
    assert not field.key("5", "5") or len(field.text) == MAX_CHARS


def test_a_paste_that_starts_with_a_line_break_gives_its_first_line_with_text() -> None:
    field = LineEdit()
    field.insert("\r\n  \n2024-05\nrm -rf")
    assert field.text == "2024-05"
