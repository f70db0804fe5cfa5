"""The Kazakh spellings a word typed without Kazakh letters can stand for.

A reader on a Russian keyboard types елимизде for елімізде and отти for өтті; one on a
Latin keyboard types elimizde, otti or qabyldady. Search analyses the Kazakh spelling
(reader/search/expand.py), since the endings, the vowel harmony and the voicing that
the analysis reads depend on exactly the letters that are missing. So the missing
letters are put back in the few ways a Kazakh word allows, not in every combination:

- back: к г -> қ ғ (кабылдады -> қабылдады), unless a front vowel is typed; then the
  word as typed (депутат, кенес: loans mix back and front vowels);
- front: а о и -> ә ө і (отти -> өтті, елимизде -> елімізде), unless ы is typed.

A у that is the first vowel may also be ұ/ү (тургындар -> тұрғындар, уйлеринде ->
үйлерінде); a later one stays у (оту -> өту, the verbal noun). A final -нын/-дын/-тын
may be the genitive -ның (каланын -> қаланың). Latin letters are first read as Cyrillic
ones (2021 and 2018 alphabets, keyboard sh ch zh kh ya yu); a word with a letter an
alphabet marks (ä ö ü ū ı q ğ ñ, á ó ú ý ǵ ń) is taken as written in it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import product

from reader.lazy_re import lazy_compile

MAX_SPELLINGS = 8  # each is analysed in full (~5 ms): a long word's more are not worth it
_VOWELS = frozenset("аәеиоөұүыіэюяё")
_FRONT_TYPED = frozenset("еәөүі")  # a front vowel typed: the word is not back
_BACK_TYPED = frozenset("ыұқғ")  # a back letter typed (Russian has ы): the word is not front
_BACK = str.maketrans("кг", "қғ")
_FRONT = str.maketrans("аои", "әөі")
_SHARED = frozenset("абвгдежзийклмнопрстуфхцчшщъыьэюяё")


def shared_letters(word: str) -> bool:
    """Cyrillic letters only, none of them one a Russian keyboard lacks."""
    return bool(word) and _SHARED.issuperset(word)


def _first_u(word: str, vowel: str) -> list[str]:
    """The word, and when its first vowel is a у after a consonant (or begins it), the
    word with that у made `vowel`: ұ ү stand in a first syllable (тұрғын, үйлері), a у
    anywhere (өту, оқушы); a у after a vowel is a glide (тау, ауыл) and stays."""
    for i, c in enumerate(word):
        if c == "у" and (i == 0 or word[i - 1] not in _VOWELS):
            return [word, word[:i] + vowel + word[i + 1:]]
        if c in _VOWELS:
            break
    return [word]


_NEUTRAL_END = lazy_compile(r"[мбп]ен$")  # the instrumental, one form for both harmonies
_LAST_VOWEL = lazy_compile(r"[аәеиоөұүыіэюяё](?=[^аәеиоөұүыіэюяё]*$)")
_I_FRONT = str.maketrans("и", "і")
_LOAN_VOWELS = frozenset("ие")


@lru_cache(maxsize=4096)
def kazakh_spellings(word: str) -> tuple[str, ...]:
    """The spellings a lower-case Cyrillic word in shared letters may stand for.

    The back one replaces the word as typed (which differs from it only in к г, letters
    the analysis and the Latin keys treat alike but for voicing: құқық, құқығы). A word
    with a front vowel typed (депутат, елимизде) is kept as typed, as loans mix vowels;
    its endings follow its last vowel (референдумга -> референдумға, шымкенттеги ->
    шымкенттегі)."""
    letters = set(_NEUTRAL_END.sub("", word))
    out = _first_u(word.translate(_BACK), "ұ")
    if letters & _FRONT_TYPED:
        last = _LAST_VOWEL.search(word)
        out = [word, *out] if last is not None and last.group() in "аоуыяю" else [word]
    if not letters & _BACK_TYPED:
        out += _first_u(word.translate(_FRONT), "ү")
    if "и" in word and letters & _FRONT_TYPED and letters & _BACK_TYPED:
        out.append(word.translate(_I_FRONT))
    if word[-1] == "и" and set(word[:-1]) & _LOAN_VOWELS:
        out.append(word[:-1] + "і")  # a loan's ending і after its own и, е: офисі, процесі
    return tuple(dict.fromkeys(_endings(out)))[:MAX_SPELLINGS]


_GENITIVE = lazy_compile(r"(?<=[ндт][ыиі])н$|н(?=[ыиі]з$)")


def _endings(words: list[str]) -> list[str]:
    """Each word, and after it the same with a final -нын/-дын/-тын read as the genitive
    -ның/-дың/-тың (каланын -> қаланың) and -ныз as "your" -ңыз; as typed it may be a
    participle (-атын) or an accusative (-ныз is rare)."""
    out = []
    for word in words:
        out.append(word)
        if _GENITIVE.search(word):
            out.append(_GENITIVE.sub("ң", word))
    return out


# Latin -> Cyrillic, longest first; a tuple is several readings. Letters an alphabet marks
# are certain; plain ones stand for the Russian-keyboard letter and kazakh_spellings puts
# the Kazakh one back.
_LATIN: dict[str, str | tuple[str, ...]] = {
    "shch": "щ", "sh": "ш", "ch": "ч", "zh": "ж", "kh": ("х", "қ"), "ts": ("ц", "тс"),
    "ya": "я", "yu": "ю", "ia": "я", "iu": "ю", "yo": "е",
    "a": "а", "ä": "ә", "á": "ә", "b": "б", "c": "к", "ç": "ч", "d": "д", "e": "е",
    "f": "ф", "g": "г", "ğ": "ғ", "ǵ": "ғ", "h": "х", "i": "и", "ı": "і", "j": "ж",
    "k": "к", "l": "л", "m": "м", "n": "н", "ñ": "ң", "ń": "ң", "o": "о", "ö": "ө",
    "ó": "ө", "p": "п", "q": "қ", "r": "р", "s": "с", "ş": "ш", "t": "т", "u": "у",
    "ū": "ұ", "ü": "ү", "ú": "ү", "ý": "у", "v": "в", "w": "у", "x": "кс", "y": "ы",
    "z": "з", "ə": "ә",
}
# compiled when first used (a Latin word): a Cyrillic query never pays for it
_LATIN_PATTERN = "|".join(sorted(map(re.escape, _LATIN), key=len, reverse=True))
_LATIN_RE = lazy_compile(_LATIN_PATTERN)
_LATIN_VOWELS = frozenset("aäáeioöóuūüúýıyə")


def _latin_pieces(word: str) -> list[tuple[str, ...]] | None:
    """The readings of each letter group of a Latin word, or None for another letter."""
    pieces: list[tuple[str, ...]] = []
    pos = 0
    while pos < len(word):
        m = _LATIN_RE.match(word, pos)
        if m is None:
            return None
        group = m.group()
        after_vowel = pos > 0 and word[pos - 1] in _LATIN_VOWELS and not (
            word[pos - 1] in "iy" and pos > 1 and word[pos - 2] in _LATIN_VOWELS)
        before_vowel = m.end() < len(word) and word[m.end()] in _LATIN_VOWELS
        reading: str | tuple[str, ...]
        if group == "i" and after_vowel:
            reading = ("й", "и")  # üi: үй, üiın: үйін (2021: й is i)
        elif group == "y" and after_vowel:
            reading = "й" if before_vowel else ("й", "ы")  # zhuye: жүйе; uy: үй; auyl: ауыл
        else:
            reading = _LATIN[group]
        pieces.append(reading if isinstance(reading, tuple) else (reading,))
        pos = m.end()
    return pieces


def _latin_word(word: str) -> str:
    """Lower case, the 2021 dotted İ's mark and other stray marks gone, marked letters kept."""
    word = unicodedata.normalize("NFC", word.casefold())
    word = "".join(c for c in word if not unicodedata.combining(c))
    return word[1:] if word.startswith("ye") else word  # Yerlan: Ерлан


# The 2018 alphabet (as lat.egemen.kz and inform.kz published it): its acute letters say
# the word is in it, and there i is і, ı is и or й, u is ұ, ý is у, y is always ы.
_MARKS_2018 = frozenset("áǵńóúý")
_MARKS_2021 = frozenset("äöüūğñş")
_LATIN_2018: dict[str, str] = {"i": "і", "u": "ұ", "y": "ы", "ıý": "ю", "ıo": "ё"}
_RE_2018 = lazy_compile("ıa|ıý|ıo|" + _LATIN_PATTERN)


def _reading_2018(word: str) -> list[str]:
    """The Cyrillic spellings of a word in the 2018 alphabet: one, but for a ı after a
    vowel (й, as in aıtty, bıdaıdyń; rarely и) and ıa (я; ия after a consonant: qıa)."""
    pieces: list[tuple[str, ...]] = []
    pos = 0
    while pos < len(word):
        m = _RE_2018.match(word, pos)
        if m is None:
            return []
        group = m.group()
        after_vowel = pos > 0 and word[pos - 1] in _LATIN_VOWELS
        if group == "ı":
            pieces.append(("й", "и") if after_vowel else ("и",))
        elif group == "ıa":
            pieces.append(("я",) if after_vowel or pos == 0 else ("ия", "я"))
        elif group in _LATIN_2018:
            pieces.append((_LATIN_2018[group],))
        else:
            reading = _LATIN[group]
            pieces.append(reading if isinstance(reading, tuple) else (reading,))
        pos = m.end()
    return ["".join(choice) for choice in product(*pieces)][:MAX_SPELLINGS]


@lru_cache(maxsize=4096)
def cyrillic_spellings(word: str) -> tuple[str, ...]:
    """The Kazakh Cyrillic spellings a Latin-letter word may stand for (empty when it has
    a letter no alphabet here reads): qabyldady -> қабылдады, elimizde -> елімізде.

    A word with a 2018 acute letter (muǵalimniń) is read in that alphabet alone; one whose
    only mark is ı (aıtty, elımızde) may be in either, and is read in both: 2018 first,
    since its reading is exact."""
    word = _latin_word(word)
    letters = set(word)
    out: list[str] = []
    if letters & _MARKS_2018 or "ı" in letters and not letters & _MARKS_2021:
        out += _reading_2018(word)
        if letters & _MARKS_2018:
            return tuple(dict.fromkeys(out))[:MAX_SPELLINGS]
    pieces = _latin_pieces(word)
    if not pieces:
        return tuple(dict.fromkeys(out))[:MAX_SPELLINGS]
    for choice in product(*pieces):
        cyrillic = "".join(choice)
        out.extend(kazakh_spellings(cyrillic) if shared_letters(cyrillic)
                   else _marked_spellings(cyrillic))
        if len(out) >= MAX_SPELLINGS:
            break
    return tuple(dict.fromkeys(out))[:MAX_SPELLINGS]


def _marked_spellings(word: str) -> list[str]:
    """A word with letters an alphabet marks (qabyldady, mäslihattar, ötedi): written in
    that alphabet, where a o u k g are а о у к г (mäslihat mixes ә and а); only its i may
    be і, typed as on a keyboard (ötedi)."""
    letters = set(word)
    if letters & _FRONT_TYPED and not letters & _BACK_TYPED:
        return _endings([word, word.translate(_I_FRONT)])
    return _endings([word])
