"""What `:` and `f` accept as a year or a month (archive/listing.py parse_period): anything
else is None (the reader is told so), never an exception."""

from __future__ import annotations

import pytest

from reader.archive.listing import parse_period


@pytest.mark.parametrize(("text", "period"), [
    ("2024", (2024, None)),
    ("2024-05", (2024, 5)),
    ("2024.5", (2024, 5)),
    ("05.2024", (2024, 5)),
    ("2024/12", (2024, 12)),
    ("２０２４-０５", (2024, 5)),  # full-width digits, as an input method types them
])
def test_a_year_or_a_month(text: str, period: tuple[int, int | None]) -> None:
    assert parse_period(text) == period


@pytest.mark.parametrize("text", [
    "", "-", "2024-13", "999", "10000", "2024-05-01", "2024-²", "²⁰²⁴", "2024-0x5",
    "9" * 5000, "1" * 5000 + "-05", "[/]", "2O24",
], ids=lambda text: text if len(text) < 20 else f"{text[:4]}...({len(text)} chars)")
def test_anything_else_is_none(text: str) -> None:
    assert parse_period(text) is None
