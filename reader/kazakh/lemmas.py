"""The stems a typed word can be a form of, found by synthesis (reader/kazakh/paradigm.py).

A beginning of the word is a reading when the rest is one of the endings generated for
a stem like it: елімізде is ел + імізде; қаралды is қара + лды; округке is округ + ке.
All readings are kept (a word can be read as a noun and as a verb), but a stem of two
letters only when it is a known short root, so that орда is not read as ор + да.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.kazakh.paradigm import (
    DOUBLED,
    SHORT_NOUNS,
    SHORT_VERBS,
    VOWELS,
    harmonies,
    has_mine,
    letter_class,
    noun_classes,
    noun_endings,
    verb_endings,
    verb_forms,
    y_verb_endings,
)

_VOICED = {"б": "п", "ғ": "қ", "г": "к"}  # кітаб-ы is a form of кітап


def _long_enough(stem: str, short: frozenset[str]) -> bool:
    return (len(stem) >= 3 or stem in short) and any(c in VOWELS or c == "у" for c in stem)


def verb_like(stem: str) -> bool:
    """A verb stem has a vowel that decides its harmony: loans without one (бюдж-етін) are
    nouns; the known short stems (жу, қу, ки) are let in by name."""
    return stem in SHORT_VERBS or len(harmonies(stem)) == 1


@lru_cache(maxsize=4096)
def noun_stems(word: str) -> frozenset[str]:
    """Noun stems of which `word` is a generated form (the word itself not included)."""
    out: set[str] = set()
    for i in range(2, len(word)):
        stem, ending = word[:i], word[i:]
        mine = has_mine(stem)
        if not any(ending in noun_endings(cls, back, mine)
                   for cls in noun_classes(stem) for back in harmonies(stem)):
            continue
        if _long_enough(stem, SHORT_NOUNS):
            out.add(stem)
        if ending[0] in VOWELS and stem[-1] in _VOICED:
            out.add(stem[:-1] + _VOICED[stem[-1]])  # мектеб-і -> мектеп
        if stem[-1] in DOUBLED and len(stem) >= 4 and stem[-2] in VOWELS and ending:
            out.add(stem + stem[-1])  # процес-і -> процесс
        if stem[-1] == "з" and len(stem) >= 3:
            out.add(stem + "д")  # съез-і -> съезд; сез-ге (Latin sezge, no ъ) -> сезд
        if ending[0] in VOWELS and len(stem) >= 3 and stem[-1] not in VOWELS \
                and stem[-2] not in VOWELS:
            for back in harmonies(stem):  # халқ-ы -> халық, орн-ы -> орын
                out.add(stem[:-1] + ("ы" if back else "і") + stem[-1])
    return frozenset(out)


@lru_cache(maxsize=4096)
def verb_stems(word: str) -> frozenset[str]:
    """Verb stems of which `word` is a generated form: азаяды is азай-ады (я is й + а),
    табады is тап (б is a voiced п)."""
    out = set(_verb_stems(word))
    iotated = _IOTATED.sub(lambda m: m.group(1) + _SPLIT[m.group(2)], word)
    if iotated != word:
        out |= {s for s in _verb_stems(iotated) if s[-1] == "й" and s + iotated[len(s):]
                in _iotated_forms(s)}
    return frozenset(out)


_IOTATED = re.compile(f"([{''.join(VOWELS)}])([яю])")
_SPLIT = {"я": "йа", "ю": "йу"}


def _iotated_forms(stem: str) -> frozenset[str]:
    return frozenset(_IOTATED.sub(lambda m: m.group(1) + _SPLIT[m.group(2)], f)
                     for f in verb_forms(stem))


def _verb_stems(word: str) -> frozenset[str]:
    out: set[str] = set()
    for i in range(2, len(word)):
        stem, ending = word[:i], word[i:]
        backs = harmonies(stem)
        glide = stem[-1] == "у" and stem[-2] in VOWELS  # тауып is of тап, not тау
        double = stem[-1] == stem[-2] and stem[-1] not in VOWELS  # қымбатт-ы: no verb
        if not glide and not double and _long_enough(stem, SHORT_VERBS) and verb_like(stem) \
                and any(ending in verb_endings(letter_class(stem), back) for back in backs):
            out.add(stem)
            if stem[-1] in _VOICED and ending[0] in VOWELS | {"у"} \
                    and stem[:-1] + _VOICED[stem[-1]] + ending \
                    in verb_forms(stem[:-1] + _VOICED[stem[-1]]):
                out.add(stem[:-1] + _VOICED[stem[-1]])  # таб-ады -> тап
        if stem[-1] not in VOWELS:  # оқ-иды, оқ-у: a stem in -ы/-і
            for back in backs:
                if ending in y_verb_endings(back):
                    y_stem = stem + ("ы" if back else "і")
                    if _long_enough(y_stem, SHORT_VERBS) and verb_like(y_stem):
                        out.add(y_stem)
    return frozenset(out)
