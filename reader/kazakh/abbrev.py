"""Abbreviations an article spells out itself: "Жалпыұлттық социал-демократиялық партияның (ЖСДП)".

Later in the text only "ЖСДП" appears; a reader who met it pages ago can ask what it
stands for. The expansion is taken from the article, never from a dictionary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.lazy_re import lazy_compile

CAPITALS = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_DEFINED = lazy_compile(rf"\(([{CAPITALS}]{{2,10}})\)")
_WORD = lazy_compile(r"[^\s()]+")
MAX_WORDS = 10


def _initials(words: list[str], by_part: bool) -> str:
    parts = [p for w in words for p in (w.split("-") if by_part else [w]) if p]
    return "".join(p[0] for p in parts).upper()


def _expansion(before: str, abbreviation: str) -> str | None:
    """The shortest run of words just before the brackets whose initials spell it."""
    words = _WORD.findall(before)[-MAX_WORDS:]
    for count in range(1, len(words) + 1):
        run = words[-count:]
        if abbreviation in (_initials(run, False), _initials(run, True)):
            return " ".join(run).strip(",;:")
    return None


def expansions(paragraphs: Iterable[str]) -> dict[str, str]:
    """Each abbreviation the text defines, with the words it was first defined by."""
    found: dict[str, str] = {}
    for paragraph in paragraphs:
        for match in _DEFINED.finditer(paragraph):
            abbreviation = match.group(1)
            if abbreviation in found:
                continue
            expansion = _expansion(paragraph[: match.start()], abbreviation)
            if expansion:
                found[abbreviation] = expansion
    return found


def used_in(text: str, known: Iterable[str]) -> list[str]:
    """The known abbreviations that occur in a text as words ("ЖСДП-ның" counts)."""
    return [a for a in known if re.search(rf"(?<![{CAPITALS}\w]){re.escape(a)}(?![{CAPITALS}])",
                                          text)]
