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
from reader.kazakh.lemmas import noun_stems, verb_like, verb_stems
from reader.kazakh.paradigm import (
    ACCIDENTAL,
    SHORT_NOUNS,
    SHORT_VERBS,
    VOWELS,
    noun_endings,
    noun_forms,
    verb_endings,
    verb_forms,
    y_verb_endings,
)
from reader.kazakh.stem import FUNCTION_WORDS, PROTECT, stem

_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]+")
_PRONOUNS = frozenset(["мен", "сен", "ол", "біз", "сіз", "олар", "бұл", "осы", "сол"])


def _bare_verb(token: str) -> bool:
    """Whether a word typed bare is searched as a verb stem too (өт, бекіт, қабылда, қара):
    a consonant stem of three letters or a known short one, a vowel stem of four. Shorter
    vowel words (өте, ана, ала) are far more often something else."""
    if token in SHORT_VERBS:
        return True
    return len(token) >= (4 if token[-1] in "аеыі" else 3) and token[-1] not in "оөұүиэюя" \
        and verb_like(token)


@lru_cache(maxsize=4096)
def stems_of(token: str) -> tuple[str, ...]:
    """The index stems to search for a normalised Cyrillic token, its own stem first."""
    own = stem(token)
    if token in FUNCTION_WORDS or token in _PRONOUNS or not _CYRILLIC.fullmatch(token):
        return (own,)
    if token in PROTECT:  # a name (Қарағанды) is no verb form, whatever it looks like
        nouns, verbs = {token}, set()
    else:
        nouns = set(noun_stems(token))
        if len(token) >= 3 or token in SHORT_NOUNS:  # ор is no root of орда
            nouns.add(token)
        verbs = set(verb_stems(token))
        if _bare_verb(token):
            verbs.add(token)
    found: set[str] = set()
    for lemma in nouns:
        found.update(stem(form) for form in noun_forms(lemma) if form not in FUNCTION_WORDS)
    as_verb: set[str] = set()
    for lemma in verbs:
        forms = verb_forms(lemma)
        as_verb.update(stem(form) for form in forms if form not in PROTECT)
        if lemma[-1] not in VOWELS and _bare_verb(lemma):
            as_verb.add(stem(lemma))  # бекіт, өт are words too (the imperative); қолда is қол-да
    found |= as_verb - PROTECT  # no name is a verb form (қарағанды, the city, of қара)
    found -= FUNCTION_WORDS  # тағы (again) is no form of тақ (throne), whatever stem() says
    found -= ACCIDENTAL  # ойында is stemmed ойын, the game
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
            nouns.update(noun_endings(cls, back, mine=False))
            verbs.update(verb_endings(cls, back))
    for back in (True, False):
        verbs.update(y_verb_endings(back))
    verbs = {e for e in verbs if not _WE_DID.search(e)}  # akimdik is әкімдік, not әкім + дік
    return tuple(
        (frozenset(fold(e) for e in endings), frozenset(collapse(fold(w)) for w in short))
        for endings, short in ((nouns, SHORT_NOUNS), (verbs, SHORT_VERBS)))


_WE_DID = re.compile(r"[дт][ыі][қк]$")


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
            glide = head[-1] == "u" and len(head) > 2 and head[-2] in "aeio"
            (nouns, short_nouns), (verbs, short_verbs) = _key_endings()
            if not (tail in nouns and (len(key) >= 3 or key in short_nouns)
                    or tail in verbs and not glide and (len(key) >= 3 or key in short_verbs)):
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
