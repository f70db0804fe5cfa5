import datetime as dt

import pytest

from reader.i18n import month_name, set_language
from reader.kazakh.dates import MONTHS_KK, format_date_kk

TABLE = [
    (1, "қаңтар", "Қаңтар"),
    (2, "ақпан", "Ақпан"),
    (3, "наурыз", "Наурыз"),
    (4, "сәуір", "Сәуір"),
    (5, "мамыр", "Мамыр"),
    (6, "маусым", "Маусым"),
    (7, "шілде", "Шілде"),
    (8, "тамыз", "Тамыз"),
    (9, "қыркүйек", "Қыркүйек"),
    (10, "қазан", "Қазан"),
    (11, "қараша", "Қараша"),
    (12, "желтоқсан", "Желтоқсан"),
]


@pytest.mark.parametrize(("month", "lower", "capital"), TABLE)
def test_every_month(month: int, lower: str, capital: str) -> None:
    assert MONTHS_KK[month - 1] == lower
    assert format_date_kk(dt.date(2026, month, 2)) == f"2026 жылғы 2 {lower}"
    set_language("kk")
    assert month_name(month) == capital  # the list's month heading


def test_twelve_months() -> None:
    assert len(MONTHS_KK) == 12


def test_day_has_no_leading_zero() -> None:
    assert format_date_kk(dt.date(2025, 12, 31)) == "2025 жылғы 31 желтоқсан"
    assert format_date_kk(dt.date(1999, 1, 5)) == "1999 жылғы 5 қаңтар"
