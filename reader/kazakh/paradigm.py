"""The endings a Kazakh noun or verb takes, generated from its stem.

Search analyses a query word by synthesis: a stem is a reading of the word only if
generating that stem's forms gives the word back (reader/kazakh/lemmas.py). That is
stricter than stripping suffixes one by one, which is what lets two-letter roots
(ел, үй, су) and loans that ignore vowel harmony (округке) in without letting in
every word that merely begins the same way (елес is no form of ел).

An ending is chosen by the stem's last letter (voicing: -ға/-қа, -ның/-дың/-тың)
and last vowel (harmony: -лар/-лер). Endings are written back; front ones are made
by the letter swap _FRONT. Verbs cover the common 3rd-person tenses, participles,
converbs, the -у verbal noun, the passive and the negative; persons other than the
3rd, the optative (қаласын would be "his city" too), causatives and compound verbs are
not generated.
"""

from __future__ import annotations

from functools import lru_cache

VOWELS = frozenset("аәеиоөұүыіэюяё")
_BACK = frozenset("аоұыя")
_FRONT_V = frozenset("әеөүіэ")
_FRONT = str.maketrans("аыұоғқ", "еіүөгк")

# Two-letter roots that are searched as words with endings; others (ор, ақ, ой, ұл) are
# left alone, because a common word is a form of them by accident (орда, ақша, ойын, ұлы).
SHORT_NOUNS = frozenset(
    ["ел", "үй", "іс", "су", "ат", "ай", "өз", "ән", "ту", "ит", "ми", "ру", "іш", "ой"])
# Forms of a short root that are far more often another word: ойын "game", not "his thought".
ACCIDENTAL = frozenset(["ойын"])
SHORT_VERBS = frozenset(
    ["ал", "ат", "аш", "ет", "ек", "іш", "ұр", "ұс", "өт", "өс", "өл", "жу", "же", "қу", "ки",
     "ту", "бу"])
# Verbs made from a noun with -да/-та (қабыл -> қабылда "accept"), whose bare stem is
# spelled like that noun's locative, and which reports use as verbs: typed bare, each is
# searched as the verb alone. Not қолда, баста, ретте, жөнде, негізде, сипатта, whose
# locatives (қолда бар, бұл ретте, осы негізде) are the commoner words.
VERB_STEMS = frozenset(
    ["қабылда", "талда", "тыңда", "баянда", "дайында", "айқында", "құрметте", "тұжырымда",
     "сұрыпта", "сақта", "анықта", "тоқта", "аяқта", "құпта", "марапатта", "құттықта",
     "міндетте", "дәлелде", "нықта", "шыңда"])


def letter_class(stem: str) -> str:
    """V vowel, U у, R р/й, L л, N м н ң, Z ж з, T voiceless (and a loan's б в г д)."""
    last = stem[-1]
    if last == "у":
        return "U"
    if last in VOWELS:
        return "V"
    if last in "рй":
        return "R"
    if last == "л":
        return "L"
    if last in "мнң":
        return "N"
    if last in "жз":
        return "Z"
    return "T"


def noun_classes(stem: str) -> tuple[str, ...]:
    """The letter classes a noun's endings follow: a final и is said ій/ый, so it takes
    the endings of й (мидың, миы, бидің); loans in -и may take a vowel's too (таксиі)."""
    cls = letter_class(stem)
    return ("R", cls) if stem[-1] == "и" else (cls,)


def harmonies(stem: str) -> tuple[bool, ...]:
    """(True,) back, (False,) front, both when the last vowel decides nothing (у и ю: loans
    such as округ, референдум take either)."""
    for i in range(len(stem) - 1, -1, -1):
        c = stem[i]
        if c in _BACK:
            return (True,)
        if c in _FRONT_V:
            return (False,)
        if c in "июё" or c == "у" and (i == 0 or stem[i - 1] not in VOWELS):
            return (True, False)  # у after a vowel is a glide (тау), after a consonant a vowel
    return (True, False)


_CASES: dict[str, tuple[str, ...]] = {  # after a stem of each class, back forms
    #     gen     acc    dat   loc   abl     ins    loc-adj
    "V": ("ның", "ны", "ға", "да", "дан", "мен", "дағы"),
    "U": ("дың", "ды", "ға", "да", "дан", "мен", "дағы"),
    "R": ("дың", "ды", "ға", "да", "дан", "мен", "дағы"),
    "L": ("дың", "ды", "ға", "да", "дан", "мен", "дағы"),
    "N": ("ның", "ды", "ға", "да", "нан", "мен", "дағы"),
    "Z": ("дың", "ды", "ға", "да", "дан", "бен", "дағы"),
    "T": ("тың", "ты", "қа", "та", "тан", "пен", "тағы"),
}
# after a 3rd-person possessive -ы/-сы: the н-forms (жобасына, барысында)
_AFTER_POSS = ("ның", "н", "на", "нда", "нан", "мен", "ндағы")
_PLURAL = {"V": "лар", "U": "лар", "R": "лар", "L": "дар", "N": "дар", "Z": "дар",
           "T": "тар"}


def _possessives(cls: str, mine: bool = True) -> list[tuple[str, tuple[str, ...]]]:
    """(possessive, the cases that may follow it); mine: with "my" (-ым), which is also the
    ending that makes nouns of verbs (шеш-ім, біл-ім), so only after a long stem."""
    v = cls == "V"
    out = [
        ("сы" if v else "ы", _AFTER_POSS),
        ("мыз" if v else "ымыз", ("", *_CASES["Z"])),
        ("ңыз" if v else "ыңыз", ("", "дың", "ды", "ға", "да", "дан", "бен")),
    ]  # your (-ың) is rare in reports and left out
    if mine and not v:  # not the bare -м after a vowel: шеші-м would be шешім too
        out.append(("ым", ("", "ның", "ды", "а", "да", "нан", "мен")))
    return out


def has_mine(stem: str) -> bool:
    """Whether "my" is generated after this stem: ауылым, елім, but not шеш-ім (decision)."""
    return len(stem) >= 4 or stem in SHORT_NOUNS


@lru_cache(maxsize=64)
def noun_endings(cls: str, back: bool, mine: bool = True) -> frozenset[str]:
    """Every ending generated after a noun stem of this class and harmony ("" included)."""
    out = {"", *_CASES[cls]}
    for poss, cases in _possessives(cls, mine):
        out.update(poss + c for c in (cases if "" in cases else ("", *cases)))
    plural = _PLURAL[cls]
    out.add(plural)
    out.update(plural + c for c in _CASES["R"])
    out.update(plural + "ы" + c for c in ("", *_AFTER_POSS))
    out.update(plural + poss + c for poss, cases in _possessives("R", mine)[1:] for c in cases)
    return frozenset(out if back else {e.translate(_FRONT) for e in out})


@lru_cache(maxsize=16)
def core_endings(cls: str) -> tuple[str, ...]:
    """The endings a participle or a verbal noun takes in reports (case, its 3rd-person
    possessive and the cases after that, plural), written back: a verb's forms are many,
    and each one costs the search a lookup."""
    return ("", *_CASES[cls], "ы", *("ы" + c for c in _AFTER_POSS), _PLURAL[cls])


# Endings that begin with a vowel: before them a stem's final п қ к is voiced (кітабы).
def _vowel_initial(endings: frozenset[str]) -> frozenset[str]:
    return frozenset(e for e in endings if e and e[0] in VOWELS)


_DEVOICED = {"п": "б", "қ": "ғ", "к": "г"}
DOUBLED = frozenset("слмт")  # loans end in these doubled: процесс, металл, грамм, ватт


@lru_cache(maxsize=4096)
def noun_forms(stem: str) -> frozenset[str]:
    """The forms of a noun stem: its own endings, the voiced stem before vowel endings
    (мектебі), the н-forms of a stem ending in -ы/-і (отбасына), the elided vowel
    (халқы, орны), and a -зд loan without its д (съезі)."""
    out: set[str] = set()
    for back, cls in ((b, c) for b in harmonies(stem) for c in noun_classes(stem)):
        endings = noun_endings(cls, back, has_mine(stem))
        out.update(stem + e for e in endings)
        out -= ACCIDENTAL
        voiced = _DEVOICED.get(stem[-1])
        if voiced:
            out.update(stem[:-1] + voiced + e for e in _vowel_initial(endings))
        if stem[-1] in "ыі" and len(stem) >= 4:
            out.update(stem + e.translate(_FRONT) if not back else stem + e
                       for e in _AFTER_POSS)
        if len(stem) >= 4 and stem[-2] in "ыі" and stem[-1] not in VOWELS \
                and stem[-3] not in VOWELS:
            elided = stem[:-2] + stem[-1]
            out.update(elided + e for e in _vowel_initial(endings))
        if stem.endswith("зд"):
            short = stem[:-1]
            out.update(short + e for e in noun_endings("Z", back))
        if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] in DOUBLED:
            short = stem[:-1]  # процесс: процесі, процесте (the loan's double letter halved)
            out.update(short + e for e in noun_endings(letter_class(short), back) if e)
    return frozenset(out)


# ---- verbs -------------------------------------------------------------------------

def _past(cls: str) -> str:
    return "ты" if cls == "T" else "ды"


def _participle(cls: str) -> str:
    return "қан" if cls == "T" else "ған"


def _negative(cls: str) -> str:
    return {"N": "ба", "Z": "ба", "T": "па"}.get(cls, "ма")


def _intent(cls: str) -> str:
    return {"N": "бақ", "Z": "бақ", "T": "пақ"}.get(cls, "мақ")


def _tenses(base: str, cls: str) -> set[str]:
    """The endings on one base (the stem's voice/negation suffix, "" for none) of a stem
    of class cls, written back."""
    vowel = cls == "V"
    past = base + _past(cls)
    out = {
        past, past + "м",  # he, I did
        base + ("пты" if vowel else "ыпты"),
        base + ("п" if vowel else "ып"),
        base + "са",
        base + _intent(cls),
        base + ("йды" if vowel else "ады"),
    }
    if vowel:  # we did; after a consonant -тық/-дық is a noun's (мемлекеттік), not a verb's
        out.add(past + "қ")
    else:
        out.add(base + "сын")  # бекітілсін; not after a vowel, where қаласын is "his city"
    for ptc in (base + _participle(cls), base + ("йтын" if vowel else "атын")):
        out.update(ptc + e for e in core_endings("N"))
    out.update(base + "у" + e for e in core_endings("U"))
    return out


@lru_cache(maxsize=64)
def verb_endings(cls: str, back: bool) -> frozenset[str]:
    """Every ending generated after a verb stem of this class: tenses on the stem, on its
    passive (-ыл, -л, -н, -ын after л) and on its negative (-ма, -ба, -па)."""
    bases: list[tuple[str, str]] = [("", cls), (_negative(cls), "V")]
    if cls == "V":
        bases += [("л", "L"), ("н", "N")]
    elif cls == "L":
        bases += [("ын", "N")]
    else:
        bases += [("ыл", "L")]
    out: set[str] = set()
    for base, bcls in bases:
        out.update(_tenses(base, bcls))
    for base, bcls in bases[2:]:  # the negative passive, in its commonest forms: шешілмеген
        neg = base + _negative(bcls)
        out.update((neg + "ды", neg + "йды", neg + "ған", neg + "йтын"))
    return frozenset(out if back else {e.translate(_FRONT) for e in out})


def _fuse(ending: str, y: str) -> str:
    """A stem's final ы/і before й and у: оқы-йды -> оқиды, оқы-у -> оқу."""
    if ending.startswith(y + "й"):
        return "и" + ending[2:]
    if ending.startswith(y + "у"):
        return ending[1:]
    return ending


@lru_cache(maxsize=4)
def y_verb_endings(back: bool) -> frozenset[str]:
    """The endings of a verb stem in -ы/-і (оқы, тоқы), counted from the letter before it."""
    y = "ы" if back else "і"
    return frozenset(_fuse(y + e, y) for e in verb_endings("V", back))


@lru_cache(maxsize=4096)
def verb_forms(stem: str) -> frozenset[str]:
    """The forms of a verb stem (өт, қабылда, оқы): a final п қ к is voiced before a vowel
    (тап: табады, табылды, табу; the unvoiced ones are kept, loans may not voice), and a
    final й meets а and у as я and ю (азай: азаяды, азаю)."""
    out: set[str] = set()
    for back in harmonies(stem):
        if stem[-1] in "ыі" and len(stem) >= 3:
            out.update(stem[:-1] + e for e in y_verb_endings(back))
            continue
        endings = verb_endings(letter_class(stem), back)
        out.update(stem + e for e in endings)
        voiced = _DEVOICED.get(stem[-1])
        if voiced:
            out.update(stem[:-1] + voiced + e for e in endings if e and e[0] in _VOICE_BEFORE)
        if stem[-1] == "й":
            out = {f[:len(stem) - 1] + _IOTATED.get(f[len(stem) - 1:len(stem) + 1],
                                                    f[len(stem) - 1:len(stem) + 1])
                   + f[len(stem) + 1:] for f in out}
    return frozenset(out)


_VOICE_BEFORE = VOWELS | {"у"}  # the verbal noun's у is a vowel here: табу
_IOTATED = {"йа": "я", "йу": "ю"}  # Kazakh writes й + а, у as я, ю: азаяды, азаю
