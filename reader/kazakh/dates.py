"""Kazakh date wording, so dates read naturally instead of as ISO strings."""

from __future__ import annotations

import datetime as dt

MONTHS_KK: tuple[str, ...] = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
)


def format_date_kk(d: dt.date) -> str:
    """The written Kazakh form: "2026 жылғы 2 ақпан"."""
    return f"{d.year} жылғы {d.day} {MONTHS_KK[d.month - 1]}"

