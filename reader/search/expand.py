"""A query word -> every index term that a form of it is stored as.

The index keeps one stem per word (reader/kazakh/stem.py), and a stemmer that strips
suffixes one by one leaves some forms apart (ел and елімізде, өтті and өтеді). So the
query side reads the typed word as every stem it can be a form of (reader/kazakh/lemmas.py),
generates each stem's forms, and searches for the index stems of all of them: whatever the
index made of a form, the query asks for exactly that. The typed word's own stem comes
first, so it stays what a phrase or a highlight matches on.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.kazakh.latin_key import collapse, fold, is_latin_word
from reader.kazakh.lemmas import noun_stems, verb_stems
from reader.kazakh.paradigm import (
    SHORT_NOUNS,
    SHORT_VERBS,
    noun_endings,
    noun_forms,
    verb_endings,
    verb_forms,
    y_verb_endings,
)
from reader.kazakh.stem import PROTECT, stem

_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]+")
# A bare word that reads as a derived verb stem (қабылда, талқыла, тыңда): searched as a
# verb too. Shorter ones (қала, бала, сала) are far more often nouns.
_VERB_SHAPE = re.compile(r".{3,}[лдтрсншз][ае]")


@lru_cache(maxsize=4096)
def stems_of(token: str) -> tuple[str, ...]:
    """The index stems to search for a normalised Cyrillic token, its own stem first."""
    own = stem(token)
    if token in PROTECT or not _CYRILLIC.fullmatch(token):
        return (own,)
    nouns = set(noun_stems(token))
    if len(token) >= 3 or token in SHORT_NOUNS:  # ор is no root of орда
        nouns.add(token)
    verbs = set(verb_stems(token))
    if token in SHORT_VERBS or _VERB_SHAPE.fullmatch(token):
        verbs.add(token)
    found: set[str] = set()
    for lemma in nouns:
        found.update(stem(form) for form in noun_forms(lemma) if form not in PROTECT)
    for lemma in verbs:
        found.update(stem(form) for form in verb_forms(lemma) if form not in PROTECT)
    found -= PROTECT  # тағы (again) is no form of тақ (throne), whatever the stemmer says
    found.discard(own)
    return (own, *sorted(found))


@lru_cache(maxsize=1)
def _key_endings() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """(endings, short roots) for nouns, then verbs, as Latin skeletons (harmony and the
    Kazakh letters folded away)."""
    nouns: set[str] = set()
    verbs: set[str] = set()
    for cls in "VURLNZT":
        for back in (True, False):
            nouns.update(noun_endings(cls, back))
            verbs.update(verb_endings(cls, back))
    for back in (True, False):
        verbs.update(y_verb_endings(back))
    return tuple(
        (frozenset(fold(e) for e in endings), frozenset(collapse(fold(w)) for w in short))
        for endings, short in ((nouns, SHORT_NOUNS), (verbs, SHORT_VERBS)))


@lru_cache(maxsize=4096)
def keys_of(token: str) -> tuple[str, ...]:
    """The Latin-key terms to search for a word typed in Latin letters or in the letters
    Kazakh shares with Russian: its own key first, then the keys of the stems it can be a
    form of (barysynda -> baris, akimi -> akim); kh is read both as х and as қ."""
    out: list[str] = []
    for folded in _readings(token):
        own = collapse(folded)
        if own not in out:
            out.append(own)
        for i in range(2, len(folded)):
            head, tail = folded[:i], folded[i:]
            key = collapse(head)
            if not any(tail in endings and (len(key) >= 3 or key in short)
                       for endings, short in _key_endings()):
                continue
            if any(c in "aeiou" for c in key):
                if key not in out:
                    out.append(key)
                if tail[0] in "aeiou" and head[-1] in "bg":  # kitaby -> kitap
                    voiceless = collapse(head[:-1] + {"b": "p", "g": "k"}[head[-1]])
                    if voiceless not in out:
                        out.append(voiceless)
    return tuple(out)


def _readings(token: str) -> list[str]:
    folded = fold(token)
    if is_latin_word(token) and "kh" in folded:  # maslikhat (х), Kazakhstan (қ)
        return [folded.replace("kh", "h"), folded.replace("kh", "k")]
    return [folded]
