"""The first build's fast paths give what the plain paths give, on ordinary and odd text.

index_columns builds the search columns a whitespace chunk at a time (cached), parse_article
cleans a file's lines in one look when nothing in them needs cleaning, _read_limited reads
without a file object: each is compared here with the plain path it stands for.
"""

from __future__ import annotations

import os
import random
import stat
from pathlib import Path

import pytest

from reader.archive import parser
from reader.archive.parser import _clean_lines, _clean_lines_plain, parse_article, read_article
from reader.kazakh.normalize import raw_words
from reader.search import analyze
from reader.search.analyze import (
    _word_terms,
    forget_reported,
    index_columns,
    index_forms,
    index_terms,
)

# Words and separators the tokenizer treats specially: Latin with 2017 apostrophes, marks,
# invisibles (inside and at the ends of words), "_", Arabic script with harakat, mixed
# scripts, a character whose token is empty (U+FE70), digits, punctuation of every kind.
PIECES = [
    "Қазақстан", "Республикасының", "жобасын,", "COVID-19", "Qazaqstan'da", "s'es'im",
    "a'kim.", "ЖСДП-ның", "(2019),", "—", "–", "-", "«Нұр", "Отан»", "кафе\u0301", "e\u0301",
    "со\u00adғыс", "\u200bсөз", "сөз\u200b", "сөз\u2060", "snake_case", "_", "__a__",
    "\u0642\u064e\u0627\u0632\u0627\u0642", "ءۇش", "\ufe70", "\ufe70\ufe71", "Aсxаң", "Ёлка",
    "...", "?!", "\"цитата\"", "“quote”", "x/y", "50%", "a+b=c", "#тег", "@user", "1,5",
    "жыл.", "Ш.Уәлиханов", "т.б.", "'", "l'", "'a", "don’t", "ʼ", "Ǆ", "ﬁ", "Ⅻ", "²", "٣",
    "\u0483", "сөз\u0483", "ОКҚ", "ПАЙДАЛАНУШЫЛАР", "Мәслихат", "сессиясында", "бюджетті",
    "қаралды", "ауылдық", "округтердегі", "жолдар", "жөнделеді", "конституциясы",
]
SEPARATORS = [" ", " ", " ", "\n", "\t", "  ", "\u00a0", "\u2003", " \n "]


def _texts(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rnd.randint(0, 30)):
            piece = rnd.choice(PIECES)
            if rnd.random() < 0.2:
                piece = rnd.choice(".,;:()«»\"—") + piece
            if rnd.random() < 0.3:
                piece += rnd.choice(".,;:!?)»\"…")
            parts.append(piece + rnd.choice(SEPARATORS))
        out.append("".join(parts))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_index_columns_are_the_plain_paths_columns(seed: int) -> None:
    texts = _texts(seed, 120)
    forget_reported()  # cold chunk cache first, then warm: both must agree
    for _ in range(2):
        for title, body in zip(texts, reversed(texts), strict=True):
            expected = (*index_terms(title), *index_terms(body), index_forms(title, body))
            assert index_columns(title, body, []) == expected
            assert index_columns(title, body, [], body.split()) == expected


def test_every_term_is_reported_in_a_run() -> None:
    """new_terms over a run holds every term of every word (the vocab table), even when
    the chunk cache is emptied part-way."""
    texts = _texts(7, 200)
    for limit in (analyze._CACHE_LIMIT, 5):
        old_limit, analyze._CACHE_LIMIT = analyze._CACHE_LIMIT, limit
        try:
            forget_reported()
            reported: set[str] = set()
            expected: set[str] = set()
            for text in texts:
                new_terms: list[str] = []
                index_columns(text[:40], text, new_terms)
                reported.update(new_terms)
                for raw in raw_words(text[:40]) + raw_words(text):
                    expected.update(term for term in _word_terms(raw) if term)
            assert reported == expected
        finally:
            analyze._CACHE_LIMIT = old_limit
            forget_reported()


def test_an_empty_article_has_empty_columns() -> None:
    assert index_columns("", "", []) == ("", "", "", "", "")
    assert index_columns(" — ", " -- «» ", []) == ("", "", "", "", "")


LINES = ["date 2019-03-26 Тақырып", "Мәтін жолы.", "", "   ", "\tтаб\tпен", "жол\x1b[31mқызыл",
         "\x1b]0;title\x07", "bell\x07", "\x00нөл", "del\x7f", "c1\x85", "\u202eRTL",
         "\u2028sep", "\u200fmark", "\udcff", "сурр\ud800", " \u00a0 кең ", "Дереккөз: сайт",
         "\x1c\x1d", "\u3000", "соңы\x0b", "\x0c"]


@pytest.mark.parametrize("seed", range(6))
def test_clean_lines_fast_path_is_the_plain_path(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(300):
        text = "\n".join(rnd.choice(LINES) for _ in range(rnd.randint(0, 8)))
        assert _clean_lines(text) == _clean_lines_plain(text), repr(text)


def _files() -> list[bytes]:
    clean = "date 2019-03-26 Тақырып\nБірінші жол.\n\nЕкінші\tжол.\nДереккөз: сайт\n"
    return [
        clean.encode(), clean.replace("\n", "\r\n").encode(), b"", b"\n\n  \n",
        clean.encode()[:-9] + b"\xff\xfe bad", "\ufeff".encode() + clean.encode(),
        clean.encode("utf-16"), clean.encode("kz1048", "replace"), b"\x00\x01binary\x00",
        clean.replace("Бірінші", "Бірінші\x1b[2J").encode(),
        clean.replace("Екінші", "\u202eЕкінші").encode(), b"date\n", b"Source:\n",
        clean.replace("\n", "\r").encode(), clean.replace("жол", "жол\x85").encode(),
    ]


def test_parse_article_matches_the_plain_line_cleaning(monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path("a/b.txt")
    fast = [parse_article(data, "a/b.txt", path) for data in _files()]
    monkeypatch.setattr(parser, "_clean_lines", _clean_lines_plain)
    plain = [parse_article(data, "a/b.txt", path) for data in _files()]
    assert fast == plain
    assert any(parser.CONTROLS in article.problems for article in fast)


def test_read_limited_reads_what_a_file_object_reads(tmp_path: Path) -> None:
    for i, data in enumerate([*_files(), os.urandom(200_000), b"x" * 65536]):
        path = tmp_path / f"{i}.txt"
        path.write_bytes(data)
        assert parser._read_limited(path) == data
        with open(path, "rb") as f:
            expected = parse_article(f.read(), "x", path)
        assert read_article(path, "x") == expected


def test_read_limited_still_refuses_what_is_no_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert read_article(fifo, "pipe.txt").problems == (parser.NOT_REGULAR,)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert read_article(folder, "folder.txt").problems == (parser.NOT_REGULAR,)
    gone = read_article(tmp_path / "missing.txt", "missing.txt")
    assert gone.problems[0].startswith("cannot read file: ")
    locked = tmp_path / "locked.txt"
    locked.write_text("date 2019-01-01 x\n")
    locked.chmod(0)
    if not os.access(locked, os.R_OK):  # (root reads it anyway)
        assert read_article(locked, "locked.txt").problems[0].startswith("cannot read file: ")
    locked.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_surrogate_in_the_id_is_still_named() -> None:
    assert parser._has_surrogates("a/\udcffb.txt")
    assert not parser._has_surrogates("a/b.txt")
    assert not parser._has_surrogates("қала/сөз.txt")
    assert not parser._has_surrogates("a/\ud800.txt")  # not an undecodable byte


def test_the_punctuation_stripped_off_a_chunk_never_belongs_to_a_word() -> None:
    """A chunk's one word is found by stripping these: none may be a word character, a
    mark, an invisible or an apostrophe (raw_words would keep it in the word)."""
    from reader.kazakh.normalize import _SPECIAL

    for c in analyze._PUNCTUATION:
        assert raw_words(f"a{c}b") == ["a", "b"], repr(c)
        assert not c.isalnum() and not c.isspace() and not _SPECIAL.search(c), repr(c)
