"""What a reader sees of every messy article file the README lists."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.archive.parser import MAX_ARTICLE_BYTES, parse_article, read_article
from reader.terminal_text import terminal_safe

SAMPLE = Path(__file__).resolve().parents[2] / "reader" / "sample" / "000_8da56fbcbfc7ef32.txt"

DATE = dt.date(2026, 2, 2)
TITLE = "Саяси кеңес отырысы өтті"
P1 = "Отырыс барысында қатысушылар жобаны талқылады."
P2 = "Сонымен бірге, ұсыныстар қабылданды."
LINES = [f" date 2026-02-02 {TITLE}", P1, P2, "Дереккөз: osdp.kz"]
CLEAN = "\n".join(LINES) + "\n"
GOOD = (TITLE, DATE, (P1, P2), "osdp.kz", ())

NOT_UTF8 = "not UTF-8; read as Kazakh Windows (kz1048)"
CONTROLS = "control characters removed"

FILLER = " ".join(["сөз"] * 40)


def _huge() -> tuple[bytes, tuple]:
    """A file past the limit: what fits is read, to the last whole line; the source is lost."""
    head = f"date 2026-02-02 {TITLE}\n".encode()
    line = (FILLER + "\n").encode()
    count = (MAX_ARTICLE_BYTES + 4096 - len(head)) // len(line) + 1
    data = head + line * count + b"\xd0\x94\xd0\xb5: osdp.kz\n"
    fits = (MAX_ARTICLE_BYTES - len(head)) // len(line)
    return data, (TITLE, DATE, (FILLER,) * fits, None, ("truncated at 16 MiB", "no source line"))


CASES: list[tuple[str, bytes, tuple]] = [
    ("well-formed", CLEAN.encode(), GOOD),
    ("bom", b"\xef\xbb\xbf" + CLEAN.encode(), GOOD),
    ("crlf", "\r\n".join(LINES).encode() + b"\r\n", GOOD),
    ("lone-cr", "\r".join(LINES).encode(), GOOD),
    ("trailing-spaces", "  \t\n".join(LINES).encode() + b" \r\n", GOOD),
    ("blank-lines", "\n\n  \n".join(LINES).encode() + b"\n\n\n", GOOD),
    ("utf-16", CLEAN.encode("utf-16"), GOOD),
    ("kz1048", CLEAN.encode("kz1048"), (*GOOD[:4], (NOT_UTF8,))),
    (
        "stray-bad-byte",
        CLEAN.replace("қабылданды", "қабыл\udcffданды").encode("utf-8", "surrogateescape"),
        (TITLE, DATE, (P1, P2.replace("қабылданды", "қабыл\ufffdданды")), "osdp.kz",
         ("invalid UTF-8 bytes replaced",)),
    ),
    (
        "missing-date-line",
        "\n".join(LINES[1:]).encode(),
        ("missing-date-line", None, (P1, P2), "osdp.kz", ("no date line",)),
    ),
    (
        "broken-date",
        CLEAN.replace("2026-02-02", "2026-13-45").encode(),
        (TITLE, None, (P1, P2), "osdp.kz", ("bad date '2026-13-45'",)),
    ),
    (
        "broken-date-not-iso",
        CLEAN.replace("2026-02-02", "02.02.2026").encode(),
        (TITLE, None, (P1, P2), "osdp.kz", ("bad date '02.02.2026'",)),
    ),
    (
        "date-word-only",
        "\n".join(["date", P1, P2, LINES[3]]).encode(),
        ("date-word-only", None, (P1, P2), "osdp.kz", ("date line without a date",)),
    ),
    (
        "date-capitalised-nbsp",
        CLEAN.replace(" date 2026-02-02 ", "Date 2026-02-02\u00a0").encode(),
        GOOD,
    ),
    (
        "paragraph-starting-with-date-word",
        "\n".join(["Date of the meeting was set.", P1, LINES[3]]).encode(),
        ("paragraph-starting-with-date-word", None, ("Date of the meeting was set.", P1),
         "osdp.kz", ("no date line",)),
    ),
    (
        "date-without-title",
        "\n".join(["date 2026-02-02  ", P1, P2, LINES[3]]).encode(),
        ("date-without-title", DATE, (P1, P2), "osdp.kz", ("no title",)),
    ),
    (
        "missing-source",
        "\n".join(LINES[:3]).encode(),
        (TITLE, DATE, (P1, P2), None, ("no source line",)),
    ),
    ("source-russian", CLEAN.replace("Дереккөз:", "Источник:").encode(), GOOD),
    ("source-english", CLEAN.replace("Дереккөз:", "Source:").encode(), GOOD),
    (
        "empty-source",
        CLEAN.replace("Дереккөз: osdp.kz", "Дереккөз:").encode(),
        (TITLE, DATE, (P1, P2), None, ("empty source line",)),
    ),
    ("empty-file", b"", ("empty-file", None, (), None, ("empty file",))),
    ("whitespace-only", b" \r\n\t\n  \n", ("whitespace-only", None, (), None, ("empty file",))),
    ("huge-file", *_huge()),
    (
        "binary-junk",
        CLEAN.replace(P2, P2 + "\x00\x00\x01").encode().replace(b"\x01", b"\x01\x89PNG\x1a\xff"),
        (TITLE, DATE, (P1, P2 + "PNG"), "osdp.kz", ("binary data",)),
    ),
    (
        "binary-only",
        b"\x00" * 64 + b"\xff\xfe\x01\x02\x1b",
        ("binary-only", None, (), None, ("binary data",)),
    ),
    (
        "ansi-escapes",
        CLEAN.replace(TITLE, f"\x1b[1m{TITLE}\x1b[0m\x1b]0;pwned\x1b\\")
        .replace(P1, f"\x1b[31m{P1}\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \x1b")
        .replace("osdp.kz", "\x1b[2Josdp.kz\x1bc")
        .encode(),
        (TITLE, DATE, (f"{P1} link", P2), "osdp.kz", (CONTROLS,)),
    ),
    (
        "c1-controls",
        CLEAN.replace(P1, f"\u009b31m{P1}\u0085\u009d0;x\u009c\u0090q\u009c").encode(),
        (TITLE, DATE, (P1, P2), "osdp.kz", (CONTROLS,)),
    ),
    (
        "bel-and-c0",
        CLEAN.replace(P1, f"\x07{P1}\x08\x0b\x0c\x7f").encode(),
        (TITLE, DATE, (P1, P2), "osdp.kz", (CONTROLS,)),
    ),
    ("tabs", CLEAN.replace(" ", "\t").encode(), GOOD),
    (
        "rich-markup",
        CLEAN.replace(TITLE, "[bold]Қалың[/bold]")
        .replace(P1, "[link=https://evil.example]сілтеме[/link] [red]")
        .replace("osdp.kz", "[i]osdp.kz")
        .encode(),
        ("[bold]Қалың[/bold]", DATE, ("[link=https://evil.example]сілтеме[/link] [red]", P2),
         "[i]osdp.kz", ()),
    ),
]


@pytest.mark.parametrize(("name", "data", "expected"), CASES, ids=[c[0] for c in CASES])
def test_messy_file_reads_as_the_reader_expects(
    tmp_path: Path, name: str, data: bytes, expected: tuple
) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    article = read_article(path, f"2026/{name}.txt")
    seen = (article.title, article.date, article.paragraphs, article.source, article.problems)
    assert seen == expected
    assert article.id == f"2026/{name}.txt"


def test_sample_article() -> None:
    article = read_article(SAMPLE, "000_8da56fbcbfc7ef32.txt")
    assert article.title.startswith("Қазақстан Республикасының Конституциясының жаңа жобасын")
    assert article.date == dt.date(2026, 2, 2)
    assert len(article.paragraphs) == 8
    assert article.paragraphs[0].startswith("Жалпыұлттық социал-демократиялық партияның")
    assert article.source == "osdp.kz"
    assert article.problems == ()


def test_unreadable_file_is_an_article_with_a_problem(tmp_path: Path) -> None:
    article = read_article(tmp_path / "gone.txt", "gone.txt")
    assert (article.title, article.paragraphs) == ("gone", ())
    assert article.problems == ("cannot read file: no such file or directory",)


def _unsafe(s: str) -> list[str]:
    return [c for c in s if unicodedata.category(c) in ("Cc", "Cs")]


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=800).map(lambda s: ("date 2026-02-02 " + s).encode("utf-8", "replace")),
        st.lists(st.sampled_from([b"\x1b[", b"\x1b]", b"\x07", b"\x9b", b"\xc2\x9b", b"\r",
                                  b"\n", b"date ", b"[bold]", b"\x00", b"\xd2\x9b", b"a"]))
        .map(b"".join),
    )
)
def test_any_bytes_parse_to_terminal_safe_text(data: bytes) -> None:
    article = parse_article(data, "x.txt", Path("x.txt"))
    assert article.title
    for text in (article.title, *article.paragraphs, article.source or ""):
        assert _unsafe(text) == []
        assert text == text.strip()
    assert all(isinstance(p, str) and p for p in article.problems)


@given(st.text(max_size=300), st.sampled_from(["[bold]", "[link=https://x.example]", "[/]"]))
def test_terminal_safe_keeps_markup_and_drops_controls(text: str, markup: str) -> None:
    cleaned = terminal_safe(markup + text + markup)
    assert not [c for c in cleaned if unicodedata.category(c) == "Cc"]
    assert cleaned.startswith(markup)
