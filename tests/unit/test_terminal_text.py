"""The one rule for text on its way to a terminal (reader/terminal_text.py)."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.terminal_text import BIDI_CONTROLS, json_text, printable_id, terminal_safe

HOSTILE = [
    "\x1b]0;pwned\x07",  # OSC: set the window title
    "\x1b]52;c;aGVsbG8=\x07",  # OSC 52: write the clipboard
    "\x1b[2J",  # CSI: clear the screen
    "\x9b2J",  # a one-byte CSI (C1)
    "\x1bP+q\x1b\\",  # DCS
    "\x07\x08\x7f\x00\r",
    "\u202e\u2066\u2069\u202a",  # bidi overrides and isolates
    "\x85\x9c\x90",
]
# What must never reach a terminal: every C0 but newline and tab, DEL, C1, the bidi controls.
NEVER = {chr(c) for c in range(0x20) if chr(c) not in "\n\t"} | {"\x7f"}
NEVER |= {chr(c) for c in range(0x80, 0xA0)} | set(BIDI_CONTROLS)


def _bad(text: str, allowed: str = "") -> list[str]:
    return [c for c in text if (c in NEVER or c in "\n\t") and c not in allowed]


@pytest.mark.parametrize("attack", HOSTILE)
def test_every_control_and_escape_goes_whole(attack: str) -> None:
    shown = terminal_safe(f"Әкім{attack}мәслихат")
    assert shown.startswith("Әкім") and shown.endswith("мәслихат")
    assert _bad(shown) == []
    assert "pwned" not in shown and "2J" not in shown  # an escape's parameters go with it


def test_markup_stays_literal_and_plain_text_is_untouched() -> None:
    text = "[bold]Қазақстан[/] [link=https://x.example]ашық[/link] Ғ Қ Ң Ө Ұ Ү Һ І"
    assert terminal_safe(text) is text


def test_lines_and_tabs_are_kept_only_when_asked() -> None:
    note = "бірінші\tжол\r\nекінші\u2028үшінші\x1b[31m"
    assert terminal_safe(note) == "бірінші жол екінші үшінші"
    assert terminal_safe(note, lines=True) == "бірінші жол\nекінші\nүшінші"
    assert terminal_safe(note, lines=True, tabs=True) == "бірінші\tжол\nекінші\nүшінші"


def test_bytes_of_a_non_utf8_name_show_as_escapes() -> None:
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    assert terminal_safe(name) == "caf\\xe9.txt"
    assert terminal_safe("a\ud800b") == "a\ufffdb"
    assert printable_id(name + "\x1b\u202e") == "caf\\xe9.txt\\x1b\\u202e"


@given(st.text(max_size=400), st.booleans(), st.booleans())
def test_any_text_comes_out_safe(text: str, lines: bool, tabs: bool) -> None:
    shown = terminal_safe(text, lines=lines, tabs=tabs)
    allowed = ("\n" if lines else "") + ("\t" if tabs else "")
    assert _bad(shown, allowed) == []
    assert not [c for c in shown if unicodedata.category(c) == "Cs"]
    shown.encode("utf-8")  # never raises: no lone surrogate left


@given(st.text(max_size=200))
def test_printable_id_is_safe(text: str) -> None:
    assert _bad(printable_id(text)) == []


@given(st.recursive(st.text() | st.integers() | st.none(),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12))
def test_json_reads_back_exactly_and_holds_no_control(data: object) -> None:
    out = json_text(data)
    assert _bad(out, "\n") == []  # indent newlines only; C1 and bidi escaped as \\uXXXX
    assert json.loads(out) == data


def test_json_keeps_non_utf8_names_losslessly() -> None:
    name = b"caf\xe9 \x9b.txt".decode("utf-8", "surrogateescape")
    out = json_text({"id": name, "label": "\x9b2J\u202eӘ"})
    assert "\\udce9" in out and "\\u009b" in out and "\\u202e" in out
    assert json.loads(out) == {"id": name, "label": "\x9b2J\u202eӘ"}
    out.encode("utf-8")
