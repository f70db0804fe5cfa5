"""The one rule for text on its way to a terminal: article text, library.toml, file names.

All of it is untrusted (library.toml comes from other machines, file names from scrapers), so
nothing in it may drive the terminal: escape sequences go whole, C0/C1 controls, DEL and the
bidi embedding/override/isolate controls (which can reorder what a line appears to say) are
dropped. Only what is shown is cleaned; what is stored stays as the user wrote it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from reader.lazy_re import lazy_compile

# Escape sequences, removed whole so their parameters do not show up as text.
# Strings (OSC, DCS, SOS, PM, APC) end at BEL or ST; an unterminated one loses only its
# introducer, so a stray "ESC ]" cannot swallow the rest of a paragraph.
_ESCAPES = lazy_compile(
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]"
)
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = f"{BIDI_CONTROLS}\u200e\u200f\u061c"  # with the marks LRM, RLM and ALM
_SURROGATES = "\ud800-\udfff"
# Every character these classes hold is one str.isprintable() refuses (Cc, Cf, Cs, Zl, Zp):
# text that is printable is passed on without compiling them (~1 ms of a command's start).
_UNSAFE = lazy_compile(f"[\\x00-\\x1f\\x7f-\\x9f\u2028\u2029{_BIDI}{_SURROGATES}]")
_DROP_LINE = lazy_compile(f"[\\x00-\\x1f\\x7f-\\x9f{_BIDI}]")
_DROP_LINES = lazy_compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}]")  # tab, newline kept
_LONE = lazy_compile(f"[{_SURROGATES}]")
_JSON_ESCAPE = lazy_compile(f"[\\x7f-\\x9f\u2028\u2029{_BIDI}{_SURROGATES}]")


def _surrogate(c: str) -> str:
    """A byte of a non-UTF-8 file name (surrogateescape) as \\xNN; any other lone half: U+FFFD."""
    code = ord(c)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def terminal_safe(text: str, *, lines: bool = False, tabs: bool = False) -> str:
    """`text` as it may be shown: no escape sequence, control or bidi control; markup stays
    literal characters. lines=True keeps line breaks (a note), tabs=True tabs too (a note in
    the editor); otherwise a tab or line break becomes a space."""
    if text.isprintable() or not _UNSAFE.search(text):
        return text
    text = _ESCAPES.sub("", text)
    text = _LONE.sub(lambda m: _surrogate(m.group()), text)
    if not tabs:
        text = text.replace("\t", " ")
    if lines:
        text = text.replace("\r\n", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
        return _DROP_LINES.sub("", text)
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\u2028", " ")
    return _DROP_LINE.sub("", text.replace("\u2029", " "))


def printable_id(article_id: str) -> str:
    """An id (or path) to print so the reader can tell what is there: undecodable name bytes
    become `\\xNN`, control, bidi and line-separator characters their escapes."""
    out = []
    for c in article_id:
        if "\ud800" <= c <= "\udfff":
            out.append(_surrogate(c) if "\udc80" <= c <= "\udcff" else "\\ufffd")
        elif unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in _BIDI:
            out.append(c.encode("unicode_escape").decode("ascii"))
        else:
            out.append(c)
    return "".join(out)


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """JSON a terminal can show as it is and a script reads back exactly: every control
    character escaped (json escapes C0; C1, DEL, bidi controls and line separators here);
    a non-UTF-8 file name's bytes as \\udcXX, which json.loads turns back into the same id.
    (json loads here, not with the app: the app never writes JSON, and it is 1 ms.)"""
    out = _rows_json(data) if indent == 2 else None
    if out is None:
        import json

        out = json.dumps(data, ensure_ascii=False, indent=indent)
    if out.replace("\n", "").isprintable():  # json escapes a newline in a string: these are
        return out                             # the indent's, and nothing else needs escaping
    return _JSON_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


_INFINITE = (float("inf"), float("-inf"))


def _rows_json(rows: Any) -> str | None:
    """json.dumps(rows, ensure_ascii=False, indent=2) of a list of flat records (str keys;
    str, int, float, bool or None values), as `search --json` and `list --json` print them;
    None for anything else. json indents in pure Python (its C encoder does no indent): the
    strings are escaped by its C function here, the layout written out, ~10x faster."""
    if type(rows) is not list:
        return None
    from json.encoder import encode_basestring as quoted

    records = []
    for row in rows:
        if type(row) is not dict:
            return None
        fields = []
        for key, value in row.items():
            kind = type(value)
            if type(key) is not str:
                return None
            if kind is str:
                text = quoted(value)
            elif value is None:
                text = "null"
            elif kind is bool:
                text = "true" if value else "false"
            elif kind is int:
                text = int.__repr__(value)
            elif kind is float and value == value and value not in _INFINITE:
                text = float.__repr__(value)
            else:
                return None
            fields.append(f"    {quoted(key)}: {text}")
        records.append("  {\n" + ",\n".join(fields) + "\n  }" if fields else "  {}")
    return "[\n" + ",\n".join(records) + "\n]" if records else "[]"
