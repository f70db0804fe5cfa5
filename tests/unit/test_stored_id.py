"""Ids of non-UTF-8 file names survive library.toml and state.toml (reader/stored_id.py)."""

from __future__ import annotations

import os
import tomllib

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from reader.userdata.stored_id import decode_id, encode_id


def test_a_utf8_id_is_stored_as_it_is() -> None:
    assert encode_id("2026/Мәслихат [1].txt") == "2026/Мәслихат [1].txt"
    assert decode_id("2026/Мәслихат [1].txt") == "2026/Мәслихат [1].txt"


def test_a_non_utf8_name_round_trips_through_toml() -> None:
    name = os.fsdecode(b"caf\xe9\\x41 \xd2.txt")
    stored = encode_id(name)
    text = tomli_w.dumps({"article": stored})
    assert decode_id(tomllib.loads(text)["article"]) == name


@given(st.binary(min_size=1, max_size=40).filter(lambda b: b"\0" not in b and b"/" not in b))
def test_any_file_name_round_trips(name: bytes) -> None:
    article_id = os.fsdecode(name)
    stored = encode_id(article_id)
    stored.encode("utf-8")  # TOML can hold it
    assert decode_id(tomllib.loads(tomli_w.dumps({"a": stored}))["a"]) == article_id


def test_strings_this_module_did_not_write_are_refused() -> None:
    for stored in ("\0plain.txt", "\0bad\\q", "a\0b", "\0\\x41", "\0x\\"):
        assert decode_id(stored) is None, stored
