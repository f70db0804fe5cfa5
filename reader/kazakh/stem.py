"""A light Kazakh noun stemmer: case, then possessive, then plural, from the right.

No Snowball stemmer exists for Kazakh. Each suffix is accepted only after the
letters that select it (voicing, vowel harmony), and only if what is left still
looks like a word (guards), because a stem that is too short matches half the
archive. Derivational suffixes (-лық, -шы, -тік) are left alone: мемлекеттік is
not мемлекет. Verbs are not analysed.
"""

from __future__ import annotations

from functools import lru_cache

_VOWELS = "аәеиоөұүыіэюяё"
_SON = "мнң"
_VOICED = "жзлрйубвгдьъ"
_VOICELESS = "кқпстфхһцчшщбвгдьъ"  # a loan's final б/в/г/д is said voiceless: диалогқа
_BACK = set("аоұыя")
_FRONT = set("әеөүіэ")
_CYRILLIC_LOWER = frozenset("абвгдежзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі")
_VOWEL_SET = frozenset(_VOWELS)
_POSS = "P"  # "after a third-person possessive -ы/-і/-сы/-сі" (жобасын, барысында)

_G = _VOWELS + _SON + _VOICED  # where -ға/-да/-дағы go

# (suffix, letters it may follow or _POSS); longest first within a slot.
_CASE: list[tuple[str, str]] = sorted(
    [
        ("ндағы", _POSS),
        ("ндегі", _POSS),
        ("дағы", _G),
        ("дегі", _G),
        ("тағы", _VOICELESS),
        ("тегі", _VOICELESS),
        ("ның", _VOWELS + _SON),
        ("нің", _VOWELS + _SON),
        ("дың", _VOICED),
        ("дің", _VOICED),
        ("тың", _VOICELESS),
        ("тің", _VOICELESS),
        ("ны", _VOWELS),
        ("ні", _VOWELS),
        ("ды", _SON + _VOICED),
        ("ді", _SON + _VOICED),
        ("ты", _VOICELESS),
        ("ті", _VOICELESS),
        ("н", _POSS),
        ("ға", _G),
        ("ге", _G),
        ("қа", _VOICELESS),
        ("ке", _VOICELESS),
        ("на", _POSS),
        ("не", _POSS),
        ("да", _G),
        ("де", _G),
        ("та", _VOICELESS),
        ("те", _VOICELESS),
        ("нда", _POSS),
        ("нде", _POSS),
        ("дан", _VOWELS + _VOICED),
        ("ден", _VOWELS + _VOICED),
        ("нан", _SON + _POSS),
        ("нен", _SON + _POSS),
        ("тан", _VOICELESS),
        ("тен", _VOICELESS),
        ("мен", _VOWELS + _SON + "лрйуь"),
        ("бен", "жзбвгд"),
        ("пен", _VOICELESS),
    ],
    key=lambda s: -len(s[0]),
)
_PLURAL: list[tuple[str, str]] = [
    ("лар", _VOWELS + "рйуь"),
    ("лер", _VOWELS + "рйуь"),
    ("дар", "лмнңжзбвгд"),
    ("дер", "лмнңжзбвгд"),
    ("тар", _VOICELESS),
    ("тер", _VOICELESS),
]
_NEUTRAL = {"мен", "бен", "пен"}  # one form for both harmonies


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Stems ending in vowel + с that take -ы/-і (кеңесі), not vowel stems with -сы/-сі.
_S_STEMS = _words("кеңес күрес қатынас талас бизнес процес конгрес прогрес адрес")

# Whole words never stripped, and stems at which stripping stops.
PROTECT = _words(
    """мен сен ол біз сіз олар бұл осы сол және немесе бірақ үшін туралы арқылы бойынша
    сияқты басқа кейін дейін бірге тағы тегі ғана қана әрі тиіс керек қажет сайын қарай
    қалай қандай қайда қашан неге қанша мұндай сондай осындай ондай өте енді әлі бүгін
    алты жеті сары қазы тұрғын қазақстан өзбекстан қырғызстан тәжікстан түрікменстан
    ауғанстан пәкістан пакистан үндістан дағыстан татарстан башқұртстан түркістан
    алматы астана қарағанды өскемен қызылорда"""
)


# Protected adverbs, postpositions and conjunctions: a word that strips down to one of them
# only looks like it (pronouns and names do have forms: біздің, Қазақстанда).
FUNCTION_WORDS = _words("""және немесе бірақ үшін туралы арқылы бойынша сияқты басқа кейін
    дейін бірге тағы тегі ғана қана әрі тиіс керек қажет сайын қарай қалай қандай қайда
    қашан неге қанша мұндай сондай осындай ондай өте енді әлі бүгін""")
_NOT_A_STEM = FUNCTION_WORDS


# A word's vowels as "b" (back) and "f" (front), the others deleted: the last one decides.
_HARMONY = str.maketrans({**{c: "b" for c in _BACK}, **{c: "f" for c in _FRONT},
                          **{c: None for c in _CYRILLIC_LOWER - _BACK - _FRONT}})


@lru_cache(maxsize=256)
def _suffix_harmony(suffix: str) -> str:
    """"b" or "f" for a suffix with a vowel of one harmony; "" for one that fits both."""
    if suffix in _NEUTRAL or not any(c in _VOWELS for c in suffix):
        return ""
    return "b" if any(c in _BACK for c in suffix) else "f"


def _harmony_ok(stem: str, suffix: str) -> bool:
    """The suffix's vowel must agree with the stem's last back/front vowel."""
    wanted = _suffix_harmony(suffix)
    if not wanted:
        return True
    vowels = stem.translate(_HARMONY)
    return not vowels or vowels[-1] == wanted  # no decisive vowel (loans in и/у/ю): either


def _ok(rest: str) -> bool:
    """Guards: 3+ letters, a vowel, no impossible ending (тұрғ-ын, өтт-і, басш-ы)."""
    if len(rest) < 3 or _VOWEL_SET.isdisjoint(rest):
        return False
    if rest[-1] == rest[-2] and rest[-1] not in _VOWELS:
        return False
    if rest[-1] == "ш" and (rest[-2] not in _VOWELS or rest[-2] == "у"):
        return False  # басш-ы, қатысуш-ы: the agent noun is басшы, қатысушы
    return not (rest[-1] in "ғгб" and rest[-2] not in _VOWELS)


def _strip_poss(word: str, third: bool = True) -> str | None:
    """A possessive suffix off `word`, or None; third=False: only -ымыз/-мыз (our)."""
    if word[-1] not in "ыіз":
        return None
    for suf in ("ымыз", "іміз"):
        rest = word[: -len(suf)]
        if word.endswith(suf) and rest and rest[-1] not in _VOWELS and _ok(rest):  # ымыз: ""
            return rest
    for suf in ("мыз", "міз"):
        rest = word[:-3]
        if word.endswith(suf) and rest[-1] in _VOWELS and _ok(rest):
            return rest
    if not third or word[-1] not in "ыі":
        return None
    one = word[:-1]
    if word[-2:] in ("сы", "сі") and one not in _S_STEMS:
        rest = word[:-2]
        # отырыс-ы, not отыры-сы; but қатысушы-сы, қорытынды-сы (-шы, -ды, -ты stems)
        if (
            len(rest) > 1
            and rest[-1] in _VOWELS
            and (rest[-1] not in "ыі" or rest[-2] in "шдт")
            and _harmony_ok(rest, word[-2:])
            and _ok(rest)
        ):
            return rest
    if word[-4:] in ("дағы", "дегі", "тағы", "тегі"):
        return None  # ондағы: a locative adjective whose stem is too short to strip
    if one[-1] not in _VOWELS and _harmony_ok(one, word[-1]) and _ok(one):
        return one
    return None


# After a third-person possessive only н-forms follow (жобасына, not жобасыға), so
# after any other case suffix a final -ы/-і is the stem's own (талқы-ға, қатысушы-ға).
_AFTER_POSS_TOO = {"ның", "нің", "мен"}


CASE_ENDINGS = frozenset(suf for suf, _ in _CASE)  # what a cut of one case ending leaves off

_CASE_AFTER = dict(_CASE)  # each suffix once: a word ends in at most one of each length
_CASE_LENGTHS = sorted({len(suf) for suf in _CASE_AFTER}, reverse=True)  # longest first


def _strip_case(word: str) -> tuple[str, str] | None:
    """(rest, mode) after the longest fitting case suffix.

    mode: "done" (a possessive went with it), "any" (a possessive may follow),
    "our" (only -ымыз/-мыз may).
    """
    for length in _CASE_LENGTHS:
        if len(word) <= length + 1:
            continue
        suf = word[-length:]
        after = _CASE_AFTER.get(suf)
        if after is None:
            continue
        rest = word[:-length]
        if not _harmony_ok(rest, suf):
            continue
        if _POSS in after:
            inner = _strip_poss(rest) if rest[-1] in "ыі" else None
            if inner is not None:
                return inner, "done"
        if rest[-1] in after and _ok(rest):
            if suf == "тан" and rest[-1] == "с" and rest[-2] not in _VOWELS:
                continue  # a -стан name not in PROTECT
            return rest, "any" if suf in _AFTER_POSS_TOO else "our"
    return None


_PLURAL_AFTER = dict(_PLURAL)  # each suffix once, so the word's last 3 letters pick it


def _strip_plural(word: str) -> str | None:
    suf = word[-3:]
    after = _PLURAL_AFTER.get(suf)
    if after is None:
        return None
    rest = word[:-3]
    if rest[-1] in after and _harmony_ok(rest, suf) and _ok(rest):
        return rest
    return None


def _devoice(stem: str) -> str:
    """кітаб-ы -> кітап, құқығ-ы -> құқық, мүмкіндіг-і -> мүмкіндік (front г only)."""
    last = stem[-1]
    if last == "б":
        return stem[:-1] + "п"
    if last == "ғ":
        return stem[:-1] + "қ"
    if last == "г" and _harmony_ok(stem, "і"):  # диалог-ы keeps its г
        return stem[:-1] + "к"
    return stem


@lru_cache(maxsize=1 << 19)
def stem(token: str) -> str:
    """A normalised token -> its stem; Latin, digits and protected words unchanged."""
    if token in PROTECT or not _CYRILLIC_LOWER.issuperset(token):
        return token
    word = token.rstrip("ьъ") or token
    vowel_suffix = False
    mode = "any"
    case = _strip_case(word)
    if case is not None:
        rest, mode = case
        vowel_suffix = word[len(rest)] in _VOWELS
        word = rest
    if word not in PROTECT and mode != "done" and len(word) > 3:
        rest = _strip_poss(word, third=mode == "any")
        if rest is not None:
            word, vowel_suffix = rest, word[len(rest)] in _VOWELS
    if word not in PROTECT and len(word) > 4:
        rest = _strip_plural(word)
        if rest is not None:
            word, vowel_suffix = rest, False
    if vowel_suffix and word != token:
        word = _devoice(word)
    if word != token and word in _NOT_A_STEM:
        return token  # қарайды is no form of қарай (towards), nor тағымен of тағы (again)
    return word
