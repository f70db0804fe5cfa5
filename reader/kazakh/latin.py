"""Cyrillic Kazakh -> the Kazakh Latin alphabet of 2021 (31 letters, no digraphs).

Case goes through the table, never through str.upper()/str.lower(), because
И/Й -> İ and І -> I do not round-trip through Python's case mapping.

Russian-only letters are not in the 2021 alphabet; sources disagree, and this
module picks: ё -> io, ц -> ts, ч -> ch, щ -> şş, ю -> iu, я -> ia, э -> e,
ъ and ь are dropped. A multi-letter result is capitalised on its first letter
only (Я -> Ia), unless the whole word is in capitals (ЦЕНТР -> TSENTR).
Everything that is not a Cyrillic letter passes through unchanged, except the schwa ə
in a Cyrillic word (read as ә, as search does) and Roman numerals typed with Cyrillic
look-alike letters (ХІХ, XХХVIII), which come out in Latin capitals.
"""

from __future__ import annotations

import re
import unicodedata

from reader.lazy_re import lazy_compile

# cyrillic lower, cyrillic upper, latin lower, latin capitalised, latin all caps
_ROWS: tuple[tuple[str, str, str, str, str], ...] = (
    ("а", "А", "a", "A", "A"),
    ("ә", "Ә", "ä", "Ä", "Ä"),
    ("б", "Б", "b", "B", "B"),
    ("в", "В", "v", "V", "V"),
    ("г", "Г", "g", "G", "G"),
    ("ғ", "Ғ", "ğ", "Ğ", "Ğ"),
    ("д", "Д", "d", "D", "D"),
    ("е", "Е", "e", "E", "E"),
    ("ё", "Ё", "io", "Io", "IO"),
    ("ж", "Ж", "j", "J", "J"),
    ("з", "З", "z", "Z", "Z"),
    ("и", "И", "i", "İ", "İ"),
    ("й", "Й", "i", "İ", "İ"),
    ("к", "К", "k", "K", "K"),
    ("қ", "Қ", "q", "Q", "Q"),
    ("л", "Л", "l", "L", "L"),
    ("м", "М", "m", "M", "M"),
    ("н", "Н", "n", "N", "N"),
    ("ң", "Ң", "ñ", "Ñ", "Ñ"),
    ("о", "О", "o", "O", "O"),
    ("ө", "Ө", "ö", "Ö", "Ö"),
    ("п", "П", "p", "P", "P"),
    ("р", "Р", "r", "R", "R"),
    ("с", "С", "s", "S", "S"),
    ("т", "Т", "t", "T", "T"),
    ("у", "У", "u", "U", "U"),
    ("ұ", "Ұ", "ū", "Ū", "Ū"),
    ("ү", "Ү", "ü", "Ü", "Ü"),
    ("ф", "Ф", "f", "F", "F"),
    ("х", "Х", "h", "H", "H"),
    ("һ", "Һ", "h", "H", "H"),
    ("ц", "Ц", "ts", "Ts", "TS"),
    ("ч", "Ч", "ch", "Ch", "CH"),
    ("ш", "Ш", "ş", "Ş", "Ş"),
    ("щ", "Щ", "şş", "Şş", "ŞŞ"),
    ("ъ", "Ъ", "", "", ""),
    ("ы", "Ы", "y", "Y", "Y"),
    ("і", "І", "ı", "I", "I"),
    ("ь", "Ь", "", "", ""),
    ("э", "Э", "e", "E", "E"),
    ("ю", "Ю", "iu", "Iu", "IU"),
    ("я", "Я", "ia", "Ia", "IA"),
)

_LOWER: dict[str, str] = {row[0]: row[2] for row in _ROWS}
_TITLE: dict[str, str] = {row[1]: row[3] for row in _ROWS}
_CAPS: dict[str, str] = {row[1]: row[4] for row in _ROWS}

_WORD = lazy_compile(r"[^\W\d_]+")
# a text of lower-case Cyrillic letters only (every stem search keys) is one translate:
# _word gives each letter its _LOWER value, and NFC changes neither side
_LOWER_SET = frozenset(_LOWER)
_LOWER_TABLE = str.maketrans(_LOWER)


def _is_all_caps(word: str) -> bool:
    """Two or more letters and none of them lower case (detection only, no mapping)."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


# Roman numerals typed with Cyrillic look-alikes (ХІХ, XХХVIII with Cyrillic Х): Latin.
_ROMAN_LOOKALIKE = str.maketrans("ХІСМ", "XICM")
_ROMAN = lazy_compile(r"M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
# Some sites write ә as the Latin schwa (U+0259); in a Cyrillic word it is ә.
_SCHWA = str.maketrans("əƏɵƟ", "әӘөӨ")


def _roman(word: str) -> str | None:
    latin = word.translate(_ROMAN_LOOKALIKE)
    if len(word) > 1 and latin.isascii() and _ROMAN.fullmatch(latin):
        return latin
    return None


def _word(match: re.Match[str]) -> str:
    word = match.group(0)
    roman = _roman(word) if word.isupper() else None
    if roman is not None:
        return roman
    if any(c in _LOWER or c in _TITLE for c in word):
        word = word.translate(_SCHWA)
    upper = _CAPS if _is_all_caps(word) else _TITLE
    out: list[str] = []
    for c in word:
        if c in _LOWER:
            out.append(_LOWER[c])
        elif c in upper:
            out.append(upper[c])
        else:
            out.append(c)
    return "".join(out)


def to_latin(text: str) -> str:
    """Transliterate Kazakh (and Russian loan) Cyrillic letters; keep everything else."""
    if _LOWER_SET.issuperset(text):
        return text.translate(_LOWER_TABLE)
    latin = _WORD.sub(_word, unicodedata.normalize("NFC", text))
    return unicodedata.normalize("NFC", latin)  # a stray combining mark may compose anew
