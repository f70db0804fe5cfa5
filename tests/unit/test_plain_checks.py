"""Checks made without a regular expression (or before one is compiled) decide as the
expression would: terminal_text's printable shortcut, expand's Cyrillic and -дық tests; and
the search's NamedTuples hold real types (typing compiled no string for them)."""

from __future__ import annotations

import re
import typing

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.search.expand import Term, _cyrillic, _we_did
from reader.search.filters import Filters
from reader.search.hints import Hint
from reader.search.rank import Hit
from reader.terminal_text import BIDI_CONTROLS, json_text, terminal_safe

_BIDI = f"{BIDI_CONTROLS}\u200e\u200f\u061c"
UNSAFE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\u2028\u2029{_BIDI}\ud800-\udfff]")
JSON_ESCAPE = re.compile(f"[\\x7f-\\x9f\u2028\u2029{_BIDI}\ud800-\udfff]")
CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]+")
WE_DID = re.compile(r"[дт][ыі][қк]$")

# text as articles, file names and library.toml bring it: letters, marks, spaces of every
# kind, controls, bidi controls, lone surrogates (a file name's undecodable bytes)
TEXT = st.text(st.one_of(
    st.characters(codec=None),
    st.sampled_from("қазақ әкім \t\n\r\x1b\x85\x9c\u00a0\u00ad\u2028\u2029\u061c\ud800\udc80"
                    + BIDI_CONTROLS)), max_size=40)


def test_no_character_the_unsafe_classes_hold_is_printable() -> None:
    """What terminal_safe and json_text pass on without their expressions: printable text
    holds none of these characters."""
    for code in range(0x110000):
        c = chr(code)
        if UNSAFE.match(c) or JSON_ESCAPE.match(c):
            assert not c.isprintable(), hex(code)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_terminal_safe_leaves_exactly_what_the_expression_finds_nothing_in(text: str) -> None:
    assert (terminal_safe(text) is text) == (UNSAFE.search(text) is None)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["id", "title", "snippet"]), TEXT),
                max_size=3), st.sampled_from([None, 2]))
def test_json_text_is_what_the_escape_everywhere_made(rows: list, indent: int | None) -> None:
    import json

    out = json.dumps(rows, ensure_ascii=False, indent=indent)
    expected = JSON_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)
    assert json_text(rows, indent=indent) == expected
    assert json.loads(json_text(rows, indent=indent)) == rows


def test_cyrillic_is_the_expressions_full_match_for_every_character() -> None:
    for code in range(0x110000):
        c = chr(code)
        assert _cyrillic(c) == bool(CYRILLIC.fullmatch(c)), hex(code)


@settings(max_examples=2000, deadline=None)
@given(st.text(st.sampled_from("абдтыіқкәzAЁ -"), max_size=8))
def test_cyrillic_and_we_did_decide_as_the_expressions(text: str) -> None:
    assert _cyrillic(text) == bool(CYRILLIC.fullmatch(text))
    assert _we_did(text) == bool(WE_DID.search(text))


def test_the_search_records_hold_real_types() -> None:
    """A string annotation would be compiled by typing.NamedTuple (a ForwardRef): the first
    compile() of a process sets up the ast module, ~3 ms of every search."""
    for record in (Filters, Hit, Term, Hint):
        for name, kind in record.__annotations__.items():
            assert not isinstance(kind, (str, typing.ForwardRef)), (record, name)


SCALAR = st.one_of(TEXT, st.none(), st.booleans(), st.integers(),
                   st.floats(allow_nan=True, allow_infinity=True))
RECORDS = st.lists(st.dictionaries(st.one_of(TEXT, st.integers()), st.one_of(
    SCALAR, st.lists(SCALAR, max_size=2), st.dictionaries(TEXT, SCALAR, max_size=2)),
    max_size=5), max_size=4)


@settings(max_examples=800, deadline=None)
@given(st.one_of(RECORDS, SCALAR, st.dictionaries(TEXT, SCALAR, max_size=3)))
def test_json_text_writes_records_as_json_dumps_indents_them(data: object) -> None:
    """The records' layout written without json's indenting encoder is json's to the byte;
    anything else (nested, a key that is no string, NaN) is left to json."""
    import json

    out = json.dumps(data, ensure_ascii=False, indent=2)
    assert json_text(data) == JSON_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)
