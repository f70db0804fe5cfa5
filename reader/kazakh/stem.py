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


# The letters that say nothing of a word's harmony: stripped off its end, they leave the
# vowel that decides it (rstrip runs in C; a translate table of deletions is 4x slower).
_UNDECIDED = "".join(sorted(_CYRILLIC_LOWER - _BACK - _FRONT))
_HARMONY_OF = {**{c: "b" for c in _BACK}, **{c: "f" for c in _FRONT}}


def _suffix_harmony(suffix: str) -> str:
    """"b" or "f" for a suffix with a vowel of one harmony; "" for one that fits both."""
    if suffix in _NEUTRAL or not any(c in _VOWELS for c in suffix):
        return ""
    return "b" if any(c in _BACK for c in suffix) else "f"


def _harmony_ok(stem: str, suffix: str) -> bool:
    """The suffix's vowel must agree with the stem's last back/front vowel."""
    wanted = _SUFFIX_HARMONY.get(suffix)
    if wanted is None:
        wanted = _suffix_harmony(suffix)
    if not wanted:
        return True
    decided = stem.rstrip(_UNDECIDED)
    # no decisive vowel (loans in и/у/ю): either
    return not decided or _HARMONY_OF.get(decided[-1]) == wanted

_SUFFIX_HARMONY = {suf: _suffix_harmony(suf) for suf in (
    *(suf for suf, _ in _CASE), *(suf for suf, _ in _PLURAL), "сы", "сі", "ы", "і")}


def _ok(rest: str) -> bool:
    """Guards: 3+ letters, a vowel, no impossible ending (тұрғ-ын, өтт-і, басш-ы)."""
    if len(rest) < 3 or _VOWEL_SET.isdisjoint(rest):
        return False
    last, before = rest[-1], rest[-2]
    if last == before and last not in _VOWEL_SET:
        return False
    if last == "ш" and (before not in _VOWEL_SET or before == "у"):
        return False  # басш-ы, қатысуш-ы: the agent noun is басшы, қатысушы
    return not (last in "ғгб" and before not in _VOWEL_SET)


def _strip_poss(word: str, third: bool = True) -> str | None:
    """A possessive suffix off `word`, or None; third=False: only -ымыз/-мыз (our)."""
    last = word[-1]
    if last == "з":
        if word[-4:] in ("ымыз", "іміз"):
            rest = word[:-4]
            if rest and rest[-1] not in _VOWEL_SET and _ok(rest):  # ымыз: ""
                return rest
        if word[-3:] in ("мыз", "міз"):
            rest = word[:-3]
            if rest[-1] in _VOWEL_SET and _ok(rest):
                return rest
        return None
    if not third or last not in "ыі":
        return None
    one = word[:-1]
    if word[-2:] in ("сы", "сі") and one not in _S_STEMS:
        rest = word[:-2]
        # отырыс-ы, not отыры-сы; but қатысушы-сы, қорытынды-сы (-шы, -ды, -ты stems)
        if (
            len(rest) > 1
            and rest[-1] in _VOWEL_SET
            and (rest[-1] not in "ыі" or rest[-2] in "шдт")
            and _harmony_ok(rest, word[-2:])
            and _ok(rest)
        ):
            return rest
    if word[-4:] in ("дағы", "дегі", "тағы", "тегі"):
        return None  # ондағы: a locative adjective whose stem is too short to strip
    if one[-1] not in _VOWEL_SET and _harmony_ok(one, last) and _ok(one):
        return one
    return None


# After a third-person possessive only н-forms follow (жобасына, not жобасыға), so
# after any other case suffix a final -ы/-і is the stem's own (талқы-ға, қатысушы-ға).
_AFTER_POSS_TOO = {"ның", "нің", "мен"}


CASE_ENDINGS = frozenset(suf for suf, _ in _CASE)  # what a cut of one case ending leaves off

_CASE_AFTER = dict(_CASE)  # each suffix once: a word ends in at most one of each length


def _by_tail() -> dict[str, tuple[tuple[int, str, str, str, bool, str], ...]]:
    """Last two letters -> the case suffixes a word ending in them may end in, longest
    first, each as (length, suffix, letters it may follow, its harmony, whether a
    possessive may go before it, the mode it leaves): for stem(), one dict lookup a word
    instead of one a suffix length."""
    out: dict[str, list[tuple[int, str, str, str, bool, str]]] = {}
    tails = {suf[-2:] for suf in _CASE_AFTER if len(suf) > 1}
    tails |= {c + suf for suf in _CASE_AFTER if len(suf) == 1 for c in _CYRILLIC_LOWER}
    for tail in tails:
        out[tail] = [(len(suf), suf, after, _SUFFIX_HARMONY[suf], _POSS in after,
                      "any" if suf in _AFTER_POSS_TOO else "our")
                     for suf, after in _CASE_AFTER.items() if tail.endswith(suf)
                     or suf.endswith(tail)]
    return {tail: tuple(sorted(found, key=lambda c: -c[0])) for tail, found in out.items()}


_CASE_BY_TAIL = _by_tail()


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
    """A normalised token -> its stem; Latin, digits and protected words unchanged.

    The case step is written out here (a search stems hundreds of generated forms per
    word typed, and calls cost): the longest case suffix that fits, tried from the table
    of those the word's last two letters allow; then _rest_of. A suffix fits when its
    harmony agrees with what it leaves, and that ends in a letter it may follow and
    passes _ok; an н-form after a 3rd-person possessive (жобасы-на) takes the
    possessive with it ("done")."""
    if token in PROTECT or not _CYRILLIC_LOWER.issuperset(token):
        return token
    word = token.rstrip("ьъ") or token
    candidates = _CASE_BY_TAIL.get(word[-2:])
    if candidates is not None:
        n = len(word)
        for length, suf, after, wanted, poss, mode in candidates:
            if n <= length + 1 or not word.endswith(suf):
                continue
            rest = word[:-length]
            if wanted:
                decided = rest.rstrip(_UNDECIDED)
                if decided and _HARMONY_OF.get(decided[-1]) != wanted:
                    continue
            last = rest[-1]
            if poss and last in "ыі":
                inner = _strip_poss(rest)
                if inner is not None:
                    return _rest_of(inner, "done", word[len(inner)] in _VOWEL_SET) or token
            if last in after and _ok(rest):
                if suf == "тан" and last == "с" and rest[-2] not in _VOWEL_SET:
                    continue  # a -стан name not in PROTECT
                # mode: "any" (a possessive may follow), "our" (only -ымыз/-мыз may)
                return _rest_of(rest, mode, word[len(rest)] in _VOWEL_SET) or token
    return _rest_of(word, "any", False) or token


@lru_cache(maxsize=1 << 14)
def _rest_of(word: str, mode: str, vowel_suffix: bool) -> str:
    """stem() after its case step: the possessive, the plural, devoicing; "" when what is
    left is no stem (the token stands). Remembered apart: the forms a query generates
    share it (a stem's plural and possessive forms take each of the seven cases); a few
    thousand are all one query word's forms have."""
    if word not in PROTECT and mode != "done" and len(word) > 3:
        rest = _strip_poss(word, third=mode == "any")
        if rest is not None:
            word, vowel_suffix = rest, word[len(rest)] in _VOWEL_SET
    if word not in PROTECT and len(word) > 4:
        rest = _strip_plural(word)
        if rest is not None:
            word, vowel_suffix = rest, False
    if vowel_suffix:
        word = _devoice(word)
    if word in _NOT_A_STEM:
        return ""  # қарайды is no form of қарай (towards), nor тағымен of тағы (again)
    return word
