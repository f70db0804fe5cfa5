"""The relevance table (tests/unit/data/kazakh_forms.tsv, real forms from published
reports) typed without Kazakh letters: on a Russian keyboard (кеңесінің as кенесинин), in
the 2021 Latin alphabet (keñesınıñ) and with keyboard spellings (kenesinin, zhuyesi).
Each way, the base word finds every form and every form finds its base word, as typed in
Kazakh letters; the pairs of different words stay apart but where the letters typed
cannot tell them apart (саны, сәні)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from reader.kazakh.latin import to_latin
from reader.search.query import hits_in_text, parse_query

DATA = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


FORMS = _rows("kazakh_forms.tsv")
APART = _rows("kazakh_apart.tsv")
# A verb stem in a vowel is, written bare, mostly a noun's locative (test_word_forms_table).
BACK = [r for r in FORMS if not (r["kind"] == "verb" and r["base"][-1] in "аеыі")]

_RUSSIAN = str.maketrans("әғқңөұүһі", "агкноуухи")
_KEYBOARD = {"ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
             "і": "i", "ы": "y", "ш": "sh", "ч": "ch", "ж": "zh", "х": "kh", "я": "ya",
             "ю": "yu", "ц": "ts", "й": "y", "у": "u", "и": "i"}


def russian(word: str) -> str:
    return word.translate(_RUSSIAN)


def keyboard(word: str) -> str:
    return "".join(_KEYBOARD.get(c) or to_latin(c) for c in word)


def latin_2021(word: str) -> str:
    return to_latin(word).lower()


TYPINGS = {"russian": russian, "latin2021": latin_2021, "keyboard": keyboard}


def finds(query: str, word: str) -> bool:
    return bool(hits_in_text(word, parse_query(query)))


@pytest.mark.parametrize("typing", TYPINGS)
def test_the_typed_base_word_finds_every_form(typing: str) -> None:
    typed = TYPINGS[typing]
    missed = [(r["base"], r["form"]) for r in FORMS if not finds(typed(r["base"]), r["form"])]
    assert missed == []


@pytest.mark.parametrize("typing", TYPINGS)
def test_every_typed_form_finds_its_base_word(typing: str) -> None:
    typed = TYPINGS[typing]
    rows = BACK if typing != "keyboard" else BACK[::3]  # the slowest: ~3 spellings a word
    missed = [(r["form"], r["base"]) for r in rows if not finds(typed(r["form"]), r["base"])]
    assert missed == []


# Where the typed letters are those of another word as well: сән typed is сан (саны/сәні);
# тур is тұр and түр (түрде), соз is соз and сөз (созылды).
SAME_LETTERS = {("саны", "сәні"), ("тұр", "түрде"), ("сөз", "созылды")}


@pytest.mark.parametrize("typing", TYPINGS)
def test_different_words_typed_stay_apart(typing: str) -> None:
    typed = TYPINGS[typing]
    together = [(r["a"], r["b"]) for r in APART
                if finds(typed(r["a"]), r["b"]) or finds(typed(r["b"]), r["a"])]
    assert set(together) <= SAME_LETTERS
