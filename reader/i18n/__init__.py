"""The interface language: Kazakh or English, every word on screen.

Messages are written in English in the code and looked up in the Kazakh catalogue
(reader/i18n/messages_kk.py) when Kazakh is chosen; tests/test_i18n.py fails when a message
shown anywhere has no Kazakh text.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping

from reader.kazakh.dates import MONTHS_KK, format_date_kk
from reader.lazy_re import lazy_compile

LANGUAGES = ("kk", "en")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

_language = "en"


def choose_language(configured: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """`language` in config.toml, else the locale (kk_KZ -> Kazakh), else English."""
    if configured in LANGUAGES:
        return configured
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "kk" if value.lower().startswith("kk") else "en"
    return "en"


def set_language(code: str) -> None:
    global _language
    _language = code if code in LANGUAGES else "en"


def language() -> str:
    return _language


def t(message: str, **values: object) -> str:
    """The message in the interface language, with {names} filled in."""
    if _language == "kk":
        from reader.i18n.messages_kk import KK

        message = KK.get(message, message)
    return message.format(**values) if values else message


def plural(count: int, one: str, many: str) -> str:
    """English needs two forms ("1 article", "3 articles"); Kazakh nouns after a number
    do not change ("1 мақала", "3 мақала")."""
    return t(one if count == 1 else many, n=format_count(count))


def format_count(count: int) -> str:
    """307,502 in English; 307 502 in Kazakh, which groups thousands with a (no-break) space."""
    text = f"{count:,}"
    return text.replace(",", "\u00a0") if _language == "kk" else text


def format_date(date: dt.date) -> str:
    """2026 жылғы 2 ақпан / 2 February 2026."""
    if _language == "kk":
        return format_date_kk(date)
    return f"{date.day} {MONTHS_EN[date.month - 1]} {date.year}"


def format_moment(moment: dt.datetime) -> str:
    """A moment in local time: "2 February 2026, 14:05" / "2026 жылғы 2 ақпан, 14:05"."""
    local = moment.astimezone()
    return f"{format_date(local.date())}, {local:%H:%M}"


def month_name(month: int) -> str:
    """Capitalised, for headings."""
    names = MONTHS_KK if _language == "kk" else MONTHS_EN
    return names[month - 1].capitalize()


# Problems are kept in English (in the index too); these carry a value and are translated
# when shown. The fixed ones are plain messages of the catalogue.
PROBLEM_MESSAGES = (
    (r"bad date '(.*)'", "bad date '{value}'"),
    (r"truncated at (.*)", "truncated at {value}"),
    (r"cannot read file: (.*)", "cannot read file: {value}"),
    (r"cannot read folder: (.*)", "cannot read folder: {value}"),
)
_PROBLEMS = [(lazy_compile(pattern, re.DOTALL), message) for pattern, message in PROBLEM_MESSAGES]


def problem_text(problem: str) -> str:
    """A problem the parser or the folder walk reported, in the interface language."""
    if _language == "en":
        return problem
    for pattern, message in _PROBLEMS:
        found = pattern.fullmatch(problem)
        if found:
            return t(message, value=found.group(1))
    return t(problem)
