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

from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from reader.kazakh.latin_key import collapse, fold, is_latin_word, latin_key
from reader.kazakh.lemmas import noun_stems, verb_like, verb_stems
from reader.kazakh.paradigm import (
    ACCIDENTAL,
    SHORT_NOUNS,
    SHORT_VERBS,
    VERB_STEMS,
    VOWELS,
    harmonies,
    noun_classes,
    noun_endings,
    noun_forms,
    verb_endings,
    verb_forms,
    y_verb_endings,
)
from reader.kazakh.spellings import cyrillic_spellings, kazakh_spellings, shared_letters
from reader.kazakh.stem import CASE_ENDINGS, FUNCTION_WORDS, PROTECT, stem
from reader.lazy_re import lazy_compile

# The letters of a Cyrillic token (what the pattern [а-яёәғқңөұүһі]+ matched whole): a set,
# as a regular expression compiled at import was a cost every search paid.
_CYRILLIC = frozenset(map(chr, range(ord("а"), ord("я") + 1))) | frozenset("ёәғқңөұүһі")


def _cyrillic(token: str) -> bool:
    """Whether the token is all Cyrillic letters, and not empty."""
    return bool(token) and _CYRILLIC.issuperset(token)
_PRONOUNS = frozenset(["мен", "сен", "ол", "біз", "сіз", "олар", "бұл", "осы", "сол"])


class Term(NamedTuple):
    """One query word. Words of one phrase share `group`; `prefix` only on a group's last.
    (A NamedTuple, and Query a plain class: dataclasses would load inspect, 10 ms of a
    `kz-reader search`. Here, not in query.py, as this module has no `from __future__
    import annotations`: typing.NamedTuple compiles an annotation that is a string, and
    the first compile() of a process sets up the ast module's types, ~3 ms.)"""

    text: str  # normalized, as typed
    stem: str  # stem(text); a Latin word is its own stem
    key: str  # latin_key: how it matches the Latin-key columns
    latin: bool
    prefix: bool
    group: int
    shared: bool = False  # Cyrillic in letters Russian has too: the Kazakh ones may be missing
    stems: tuple[str, ...] = ()  # every index stem a form of the word has (search/expand.py)
    keys: tuple[str, ...] = ()  # every Latin key, for a Latin or shared word
    stem_set: frozenset[str] = frozenset()
    key_set: frozenset[str] = frozenset()
    # two-letter roots (ұн, от) asked for only when the index says so (expand.short_roots)
    short: tuple[tuple[str, tuple[str, ...]], ...] = ()


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
    if token in FUNCTION_WORDS or token in _PRONOUNS or not _cyrillic(token):
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
        forms = [form for form in noun_forms(lemma) if form not in FUNCTION_WORDS
                 and (form not in PROTECT or form == lemma)]  # жеті (seven) is no form of жет
        _ask_forms(forms, lemma, found, written, exact)
    as_verb: set[str] = set()
    for lemma in verbs:
        forms = [form for form in verb_forms(lemma) if form not in PROTECT]
        _ask_forms(forms, lemma, as_verb, written, exact, verb=True)
        if lemma[-1] not in VOWELS and _bare_verb(lemma):
            _ask(lemma, lemma, as_verb, written, exact)  # бекіт, өт: the imperative
    found |= as_verb - PROTECT  # no name is a verb form (қарағанды, the city, of қара)
    found -= FUNCTION_WORDS  # тағы (again) is no form of тақ (throne), whatever stem() says
    found -= ACCIDENTAL  # ойында is stemmed ойын, the game
    if own == token and own != stem(token):
        written.add(own)  # a VERB_STEMS word: the index has it only as written
    return own, frozenset(found), frozenset(written), frozenset(exact & found if exact else ())


_WRITTEN, _STEM, _EXACT = 0, 1, 2  # what _ask does with a form: see _decide


def _ask_forms(forms: list[str], lemma: str, stems: set[str], written: set[str],
               exact: set[str] | None, verb: bool = False) -> None:
    """_ask for each of a lemma's forms. What it does with a form depends on the form only
    through its stem and whether the stemmer cut anything off, and a lemma's hundreds of
    forms have a few dozen stems: each is decided once."""
    decided: tuple[dict[str, int], dict[str, int]] = ({}, {})  # by stem: not cut, cut
    blur = exact is not None
    for form in forms:
        stemmed = stem(form)
        cut_any = len(stemmed) < len(form)
        how = decided[cut_any].get(stemmed)
        if how is None:
            how = decided[cut_any][stemmed] = _decide(stemmed, lemma, cut_any, blur, verb)
        if how == _WRITTEN:
            written.add(form)
        else:
            stems.add(stemmed)
            if how == _EXACT and exact is not None:  # _EXACT only with blur
                exact.add(stemmed)


def _ask(form: str, lemma: str, stems: set[str], written: set[str],
         exact: set[str] | None, verb: bool = False) -> None:
    """Ask for the form's index stem, or for the form as written (the forms column) when
    the stemmer read the lemma as a case form of a shorter word: _decide says which."""
    stemmed = stem(form)
    how = _decide(stemmed, lemma, len(stemmed) < len(form), exact is not None, verb)
    if how == _WRITTEN:
        written.add(form)
    else:
        stems.add(stemmed)
        if how == _EXACT and exact is not None:
            exact.add(stemmed)


def _decide(stemmed: str, lemma: str, cut_any: bool, blur: bool, verb: bool) -> int:
    """_WRITTEN: ask for the form as written, when the stemmer read the lemma as a case
    form of a shorter word: қабылдан, the passive imperative, is stemmed қабыл (as if
    қабыл-дан), and asking for қабыл finds the noun. So is a noun form whose possessive
    -сы the stemmer read as the stem's с (терісі, of тері, is stemmed теріс), and one
    stemmed as a name or number (жетінің, of жет: жеті). Else _STEM, its stem; or, with
    blur, _EXACT: a stem whose Latin key says less than its letters (_blurred), or that
    of a verb form the stemmer cut inside the ending: гәзетін (a participle) is stemmed
    гәзет, оқығаны оқыға, whose keys are газет's and оқиға's.
    cut_any: the stemmer cut something off the form (its stem is shorter)."""
    if len(stemmed) < len(lemma) and lemma.startswith(stemmed) and (
            lemma[len(stemmed):] in CASE_ENDINGS or lemma in PROTECT):  # жеті-н: not жет
        return _WRITTEN
    cut = stemmed[len(lemma):] if len(lemma) < len(stemmed) and cut_any \
        and stemmed.startswith(lemma) else ""
    inside = verb and cut and not (cut in _VERB_BASES or stemmed in verb_forms(lemma))
    if not verb and cut in _POSSESSIVE_S or stemmed in PROTECT and stemmed != lemma \
            or inside and stemmed in noun_forms(lemma):
        return _WRITTEN  # терісі (тері-сі) is stemmed теріс; жетінің (жет-і-нің) жеті;
        # мұғалімгені (a participle) мұғалімге, the noun's dative as written
    if blur and (_blurred(stemmed, lemma) or inside):
        return _EXACT  # гәзетін is stemmed гәзет, оқығаны оқыға: газет's, оқиға's keys
    return _STEM


# What a verb's form may be cut back to at a boundary of its own, besides another form
# (өткен-і, өту-де, тыңдап-ты): a passive or negative stem (қарал-ды), the present's й.
_POSSESSIVE_S = frozenset(["с"])  # the с of -сы/-сі taken for the stem's (теріс-і)
_VERB_BASES = frozenset(["л", "н", "ыл", "іл", "ын", "ін", "ма", "ме", "ба", "бе", "па",
                         "пе", "й", "йт"])  # and the present's й (тыңдай-ды, -тын)


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
    return _BLUR.search(stemmed[max(i - 1, 0):].translate(_letter_keys())) is not None


_CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"


@lru_cache(maxsize=1)
def _letter_keys() -> dict[int, str]:
    """Each Cyrillic letter's Latin key, as a translate table: made when a Latin or
    Russian-letter word first needs it (1 ms that a word in Kazakh letters never pays)."""
    return str.maketrans({c: latin_key(c) for c in _CYRILLIC_LETTERS})
_BLUR = lazy_compile(r"(.)\1|ts|zh|kh|gh")  # what latin_key merges across two letters


def stems_of(token: str) -> tuple[str, ...]:
    """The index terms to search for a normalised Cyrillic token, its own stem first: the
    index stems of its forms, and the forms the index holds only as written."""
    own, found, written, _ = _analysis(token, shared_letters(token))  # shared: as _spelled
    return (own, *sorted((found | written) - {own}))


# Forms of a pronoun that look like forms of a two-letter root (он "ten": онда, оны).
_PRONOUN_FORMS = frozenset(
    ["оны", "оның", "онда", "ондағы", "онымен", "одан", "оған", "мені", "менің", "менде",
     "сені", "сенің", "сенде", "бізді", "біздің", "бізде", "сізді", "сіздің", "сізде"])
_NOT_SHORT = FUNCTION_WORDS | _PRONOUNS | _PRONOUN_FORMS


@lru_cache(maxsize=4096)
def short_roots(token: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(root, the index stems of its forms) for a two-letter noun root the token is, or is
    a generated form of, when the root is not one of SHORT_NOUNS (whose forms stems_of
    asks for always): ұн, ұнның, оттың, үні. Whether they are asked for is decided on the
    index (short_evidence): a root of two letters is a form of too many words by accident
    (орда of ор) to be trusted without it."""
    if not _cyrillic(token) or len(token) < 2 or token in _NOT_SHORT:
        return ()
    root = token[:2]
    if root in SHORT_NOUNS or root in _NOT_SHORT or not VOWELS & set(root) \
            or token in PROTECT or (len(token) > 2 and token not in noun_forms(root)):
        return ()
    forms = sorted(f for f in noun_forms(root) if f not in _NOT_SHORT and f != root)
    return ((root, (root, *forms)),)


def short_evidence(token: str, roots: tuple[tuple[str, tuple[str, ...]], ...],
                   keep: Callable[[str], bool]) -> tuple[str, ...]:
    """The index terms to ask for from short_roots, decided on what the index holds
    (keep): a root counts when the index has it as a word and the typed word is no word
    of its own there (own_forms); then each of its forms the index holds, but those that
    are words of their own (отын, with отынның, is firewood, not от's)."""
    out: list[str] = []
    for root, forms in roots:
        if not keep(root) or token != root and any(map(keep, own_forms(token, root))):
            continue
        out.append(root)
        for form in forms[1:]:
            term = stem(form)
            if keep(term) and (form == token or not any(
                    keep(own) for word in {form, term} for own in own_forms(word, root))):
                out.append(term)
    return tuple(dict.fromkeys(out))


def own_forms(word: str, root: str) -> tuple[str, ...]:
    """Forms of `word` as a noun of its own that are no forms of `root`: the plural, the
    3rd-person possessive, the dative, the genitive and the locative. An index that holds
    any of them has `word` as a word of its own (ордасы, ордалар: орда is no locative of
    ор; отынның: отын is firewood)."""
    theirs = noun_forms(root)
    out = []
    for back in harmonies(word):
        for cls in noun_classes(word):
            endings = noun_endings(cls, back, False)
            own = (_PLURAL[cls], "сы" if cls == "V" else "ы", _DATIVE[cls],
                   _GENITIVE[cls], _LOCATIVE[cls])
            out += [word + e for e in (own if back else (e.translate(_FRONT_ENDING)
                                                         for e in own)) if e in endings]
    return tuple(f for f in dict.fromkeys(out) if f not in theirs)


_DATIVE = {"V": "ға", "U": "ға", "R": "ға", "L": "ға", "N": "ға", "Z": "ға", "T": "қа"}
_GENITIVE = {"V": "ның", "U": "дың", "R": "дың", "L": "дың", "N": "ның", "Z": "дың",
             "T": "тың"}
_LOCATIVE = {"V": "да", "U": "да", "R": "да", "L": "да", "N": "да", "Z": "да", "T": "та"}
_PLURAL = {"V": "лар", "U": "лар", "R": "лар", "L": "дар", "N": "дар", "Z": "дар", "T": "тар"}
_FRONT_ENDING = str.maketrans("аыұоғқ", "еіүөгк")


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
    keys -= _function_keys()  # кала's front spelling кәлә has a form кәләй, қалай's key
    return frozenset(keys), frozenset(cyrillic)


@lru_cache(maxsize=1)
def _function_keys() -> frozenset[str]:
    """The function words' Latin keys (made when first needed, as _letter_keys)."""
    return frozenset(latin_key(w) for w in FUNCTION_WORDS)


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
    verbs = {e for e in verbs if not _we_did(e)}  # akimdik is әкімдік, not әкім + дік
    return tuple(
        (frozenset(fold(e) for e in endings), frozenset(collapse(fold(w)) for w in short))
        for endings, short in ((nouns, SHORT_NOUNS), (verbs, SHORT_VERBS)))


def _we_did(ending: str) -> bool:
    """Whether an ending ends in дық, тық, дік or тік ([дт][ыі][қк]$; no regular expression
    to compile for a word typed in Latin letters)."""
    return len(ending) >= 3 and ending[-3] in "дт" and ending[-2] in "ыі" and ending[-1] in "қк"


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


MIN_PREFIX_HEAD = 5  # letters of key a prefix is cut back to: kaza (қаза) for kazak* is no stem


@lru_cache(maxsize=1)
def _ending_starts() -> frozenset[str]:
    """Every beginning of a noun or verb ending, as a Latin skeleton (d, de, der, deri...)."""
    out: set[str] = set()
    for endings, _ in _key_endings():
        for e in endings:
            out.update(e[:i] for i in range(1, len(e) + 1))
    return frozenset(out)


@lru_cache(maxsize=4096)
def prefix_heads(token: str) -> tuple[str, ...]:
    """The stem keys a Latin or Russian-letter prefix may end inside an ending of
    (mugalimd* -> mugalim, protsesi* -> proses): the keys column holds each word's stem's
    key, which a prefix running past the stem never begins, and the forms column holds
    Kazakh spellings that a prefix typed without Kazakh letters may not restore (мұғалімд,
    which mixes back and front vowels). Searched as whole keys: every form of that stem."""
    out: list[str] = []
    for folded in _readings(token):
        for i in range(len(folded) - 1, MIN_PREFIX_HEAD - 1, -1):
            head = collapse(folded[:i])
            if len(head) >= MIN_PREFIX_HEAD and folded[i:] in _ending_starts():
                out.append(head)
    return tuple(dict.fromkeys(out))
