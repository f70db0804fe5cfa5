"""A query word -> every index term that a form of it is stored as.

The index keeps one stem per word (reader/kazakh/stem.py), and a stemmer that strips
suffixes one by one leaves some forms apart (ел and елімізде, өтті and өтеді). So the
query side reads the typed word as every stem it can be a form of (reader/kazakh/lemmas.py),
generates each stem's forms, and searches for the index stems of all of them: whatever the
index made of a form, the query asks for exactly that. The typed word's own stem comes
first, so it stays what a phrase or a highlight matches on.

A word typed without Kazakh letters (Russian keyboard, Latin alphabets) is first read as
the Kazakh spellings it can stand for (reader/kazakh/spellings.py); each goes through the
same analysis, and the query asks for the Latin keys of all their forms (keys_of), which
fold the letters a spelling may still have wrong.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.kazakh.latin_key import collapse, fold, is_latin_word, latin_key
from reader.kazakh.lemmas import noun_stems, verb_like, verb_stems
from reader.kazakh.paradigm import (
    ACCIDENTAL,
    SHORT_NOUNS,
    SHORT_VERBS,
    VERB_STEMS,
    VOWELS,
    noun_endings,
    noun_forms,
    verb_endings,
    verb_forms,
    y_verb_endings,
)
from reader.kazakh.spellings import cyrillic_spellings, kazakh_spellings, shared_letters
from reader.kazakh.stem import CASE_ENDINGS, FUNCTION_WORDS, PROTECT, stem

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
def _analysis(token: str, blur: bool = False
              ) -> tuple[str, frozenset[str], frozenset[str], frozenset[str]]:
    """(own, stems, written, exact) for a normalised Cyrillic token: its own stem (or, for
    a VERB_STEMS word, the word itself), the index stems of its forms, the forms asked for
    as written (_ask), and, with blur, the stems a Latin key would blur (_blurred)."""
    own = stem(token)
    if token in FUNCTION_WORDS or token in _PRONOUNS or not _CYRILLIC.fullmatch(token):
        return own, frozenset((own,)), frozenset(), frozenset()
    if token in PROTECT:  # a name (Қарағанды) is no verb form, whatever it looks like
        nouns, verbs = {token}, set()
    elif token in VERB_STEMS:  # қабылда: the verb, not қабыл-да
        own, nouns, verbs = token, set(), {token}
    else:
        nouns = set(noun_stems(token))
        if len(token) >= 3 or token in SHORT_NOUNS:  # ор is no root of орда
            nouns.add(token)
        verbs = set(verb_stems(token))
        if _bare_verb(token):
            verbs.add(token)
    found: set[str] = set()
    written: set[str] = set()
    exact: set[str] | None = set() if blur else None
    for lemma in nouns:
        for form in noun_forms(lemma):
            if form not in FUNCTION_WORDS:
                _ask(form, lemma, found, written, exact)
    as_verb: set[str] = set()
    for lemma in verbs:
        for form in verb_forms(lemma):
            if form not in PROTECT:
                _ask(form, lemma, as_verb, written, exact)
        if lemma[-1] not in VOWELS and _bare_verb(lemma):
            _ask(lemma, lemma, as_verb, written, exact)  # бекіт, өт: the imperative
    found |= as_verb - PROTECT  # no name is a verb form (қарағанды, the city, of қара)
    found -= FUNCTION_WORDS  # тағы (again) is no form of тақ (throne), whatever stem() says
    found -= ACCIDENTAL  # ойында is stemmed ойын, the game
    if own == token and own != stem(token):
        written.add(own)  # a VERB_STEMS word: the index has it only as written
    return own, frozenset(found), frozenset(written), frozenset(exact & found if exact else ())


def _ask(form: str, lemma: str, stems: set[str], written: set[str],
         exact: set[str] | None) -> None:
    """Ask for the form's index stem, or for the form as written (the forms column) when
    the stemmer read the lemma as a case form of a shorter word: қабылдан, the passive
    imperative, is stemmed қабыл (as if қабыл-дан), and asking for қабыл finds the noun.
    exact: the stems whose Latin key says less than their letters (_blurred)."""
    stemmed = stem(form)
    if len(stemmed) < len(lemma) and lemma[len(stemmed):] in CASE_ENDINGS \
            and lemma.startswith(stemmed):
        written.add(form)
        return
    stems.add(stemmed)
    if exact is not None and _blurred(stemmed, lemma):
        exact.add(stemmed)


def _blurred(stemmed: str, lemma: str) -> bool:
    """Whether the Latin key loses letters where the ending meets the stem: the doubled
    letters of ат-та (key ata, as ата) or өт-ті collapse, т-с reads as ts (бастса, key
    basa). A Latin or Russian-letter query asks for such a stem by its Cyrillic letters:
    its key would find a different word. A loss inside the stem (конституция) is the
    word's own, and its key is kept."""
    if stemmed.startswith(lemma):
        i = len(lemma)
    else:  # мектеб-і, халқ-ы: from the first letter that differs
        i = next((j for j, (a, b) in enumerate(zip(stemmed, lemma, strict=False)) if a != b),
                 min(len(stemmed), len(lemma)))
    if i >= len(stemmed):
        return False
    return _BLUR.search(stemmed[max(i - 1, 0):].translate(_LETTER_KEYS)) is not None


_CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
_LETTER_KEYS = str.maketrans({c: latin_key(c) for c in _CYRILLIC_LETTERS})
_BLUR = re.compile(r"(.)\1|ts|zh|kh|gh")  # what latin_key merges across two letters


def stems_of(token: str) -> tuple[str, ...]:
    """The index terms to search for a normalised Cyrillic token, its own stem first: the
    index stems of its forms, and the forms the index holds only as written."""
    own, found, written, _ = _analysis(token, shared_letters(token))  # shared: as _spelled
    return (own, *sorted((found | written) - {own}))


def spellings(token: str) -> tuple[str, ...]:
    """The Kazakh spellings a word typed in Latin letters, or in the letters Kazakh shares
    with Russian, can stand for (reader/kazakh/spellings.py); () for any other word."""
    if is_latin_word(token):
        return cyrillic_spellings(token)
    if shared_letters(token):
        return kazakh_spellings(token)
    return ()


def verb_spelling(token: str) -> str | None:
    """The VERB_STEMS word a Latin or Russian-letter word spells (kabylda, кабылда ->
    қабылда), searched as that verb alone, as its Kazakh spelling is."""
    return next((s for s in spellings(token) if s in VERB_STEMS), None)


@lru_cache(maxsize=4096)
def _spelled(token: str) -> tuple[frozenset[str], frozenset[str]]:
    """(keys, Cyrillic) for every spelling of the token: the Latin keys of its forms'
    index stems, and what is asked for by its Cyrillic letters: the forms the index holds
    only as written, and the stems whose key would blur into another word's."""
    verb = verb_spelling(token)
    keys: set[str] = set()
    cyrillic: set[str] = set()
    for spelling in (verb,) if verb else spellings(token):
        own, found, written, exact = _analysis(spelling, True)
        keys.add(latin_key(own))
        keys.update(latin_key(s) for s in found - exact)
        cyrillic |= written | exact
    keys -= _FUNCTION_KEYS  # кала's front spelling кәлә has a form кәләй, whose key is қалай's
    return frozenset(keys), frozenset(cyrillic)


_FUNCTION_KEYS = frozenset(latin_key(w) for w in FUNCTION_WORDS)


def written_of(token: str) -> tuple[str, ...]:
    """The Cyrillic terms a Latin or Russian-letter word asks for besides its keys: forms
    the index holds only as written (қабылда, for kabylda) and stems whose key would find
    another word (атта, for at: its key is ата's)."""
    return tuple(sorted(_spelled(token)[1]))


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
    Kazakh shares with Russian: its own key first, then the keys of every form of every
    Kazakh spelling it can stand for (otti -> өтті -> өтеді, өтетін...), as the Cyrillic
    spelling would ask for them. A word no spelling is found for (a letter no alphabet
    here reads) has the endings cut off its key instead (kh is read both as х and as қ)."""
    verb = verb_spelling(token)
    if verb is not None:
        return tuple(dict.fromkeys((latin_key(verb), *sorted(_spelled(token)[0]))))
    out = [collapse(folded) for folded in _readings(token)]
    if not spellings(token):
        out += _cut_keys(token)
    return tuple(dict.fromkeys((*out, *sorted(_spelled(token)[0]))))


def _cut_keys(token: str) -> list[str]:
    """The keys of the stems the typed skeleton can be cut to (barysynda -> baris)."""
    out: list[str] = []
    for folded in _readings(token):
        for i in range(2, len(folded)):
            head, tail = folded[:i], folded[i:]
            key = collapse(head)
            glide = head[-1] == "u" and len(head) > 2 and head[-2] in "aeio"
            (nouns, short_nouns), (verbs, short_verbs) = _key_endings()
            if not (tail in nouns and (len(key) >= 3 or key in short_nouns)
                    or tail in verbs and not glide and (len(key) >= 3 or key in short_verbs)):
                continue
            if any(c in "aeiou" for c in key):
                out.append(key)
                if tail[0] in "aeiou" and head[-1] in "bg":  # kitaby -> kitap
                    out.append(collapse(head[:-1] + {"b": "p", "g": "k"}[head[-1]]))
    return out


def _readings(token: str) -> list[str]:
    folded = fold(token)
    if is_latin_word(token) and "kh" in folded:  # maslikhat (х), Kazakhstan (қ)
        return [folded.replace("kh", "h"), folded.replace("kh", "k")]
    return [folded]
