"""Narrowing a search by date and source: `--from 2024-05 --to 2025 --source egemen.kz` on the
command line, `from:2024-05 to:2025 source:egemen.kz` in the app's search box.

A date is a year, a month or a day (2024, 2024-05, 2024-05-14); `from` takes its first day,
`to` its last. Anything malformed is a FilterError with one line saying what, never a search
that quietly ignores it.
"""

import datetime as dt
import re
from typing import NamedTuple

from reader.i18n import t
from reader.lazy_re import lazy_compile

# compiled when first used: a search without dates (and the command line) never needs them
_WORD = lazy_compile(r"(?<!\S)(from|to|source):(\S*)", re.IGNORECASE)
_DATE = lazy_compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


class FilterError(ValueError):
    """str(error) is the one line to show."""


class Filters(NamedTuple):
    """(A NamedTuple: a dataclass would load dataclasses and inspect, 10 ms of a search.
    This module has no `from __future__ import annotations`: typing.NamedTuple turns an
    annotation that is a string into a ForwardRef with compile(), whose first call in a
    process sets up the ast module's types, ~3 ms.)"""

    since: dt.date | None = None
    until: dt.date | None = None
    source: str | None = None  # part of the source line, compared without case

    def __bool__(self) -> bool:
        return any((self.since, self.until, self.source))


def parse_date(text: str, *, last: bool) -> dt.date:
    """2024 / 2024-05 / 2024-05-14 -> its first day (its last with last=True)."""
    match = _DATE.fullmatch(text.strip())
    try:
        if match is None:
            raise ValueError(text)
        year, month, day = (int(g) if g else None for g in match.groups())
        if month is None:
            return dt.date(year, 12, 31) if last else dt.date(year, 1, 1)  # type: ignore[arg-type]
        if day is None:
            import calendar

            end = calendar.monthrange(year, month)[1]  # type: ignore[arg-type]
            return dt.date(year, month, end if last else 1)  # type: ignore[arg-type]
        return dt.date(year, month, day)  # type: ignore[arg-type]
    except ValueError:
        raise FilterError(t("{text!r} is not a date: write 2024, 2024-05 or 2024-05-14",
                            text=text)) from None


def make_filters(since: str | None, until: str | None, source: str | None) -> Filters:
    """From the command line's --from, --to and --source."""
    start = parse_date(since, last=False) if since is not None else None
    end = parse_date(until, last=True) if until is not None else None
    if start and end and start > end:
        raise FilterError(t("the search starts ({start}) after it ends ({end})",
                            start=start.isoformat(), end=end.isoformat()))
    if source is not None and not source.strip():
        raise FilterError(t("source: needs a name, like source:egemen.kz"))
    return Filters(start, end, source.strip().casefold() if source else None)


def split_filters(text: str) -> tuple[str, Filters]:
    """The app's search box: (the words to search, the filters typed among them)."""
    found: dict[str, str] = {}
    for match in _WORD.finditer(text):
        found[match.group(1).casefold()] = match.group(2)
    words = _WORD.sub(" ", text)
    if "source" in found and not found["source"]:
        raise FilterError(t("source: needs a name, like source:egemen.kz"))
    return words, make_filters(found.get("from"), found.get("to"), found.get("source"))
