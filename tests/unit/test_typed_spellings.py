"""A word typed without Kazakh letters (Russian keyboard, Latin alphabets, keyboard
spellings) finds what its Kazakh spelling finds: every form, through a real index; the
typed form itself ranks first; a verb stem is not read as a noun's locative (қабылда)."""

from __future__ import annotations

import pytest
from support.archive import found_words, word_archive_index

from reader.kazakh.latin_key import latin_key
from reader.kazakh.spellings import cyrillic_spellings, kazakh_spellings
from reader.search.index import Index

# One article per word form, named by it; the forms as reports write them.
FORMS = " ".join([
    "ел елімізде еліміздің елдің елге үй үйі үйлерінде су суы сумен округ округі",
    "округке округтерінде референдум референдумның съезд съезі съезге отбасы отбасыларына",
    "өтті өтеді өтетін өтуде қаралды қаралатын қарады қабыл қабылдады қабылданды қабылдау",
    "тұрғындар тұрғыны тұрғындарына екенін ат ата атты қала қалай",
]).split(" ")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    return word_archive_index(tmp_path_factory.mktemp("typed"), FORMS)


found = found_words


EL = {"ел", "елімізде", "еліміздің", "елдің", "елге"}
OKRUG = {"округ", "округі", "округке", "округтерінде"}
SEZD = {"съезд", "съезі", "съезге"}
OT = {"өтті", "өтеді", "өтетін", "өтуде"}
QARA = {"қаралды", "қаралатын", "қарады"}
QABYLDA = {"қабылдады", "қабылданды", "қабылдау"}
TURGYN = {"тұрғындар", "тұрғыны", "тұрғындарына"}
UI = {"үй", "үйі", "үйлерінде"}

RUSSIAN_LETTERS = [
    ("елимизде", EL), ("округи", OKRUG), ("отти", OT), ("каралды", QARA),
    ("кабылдады", QABYLDA), ("съези", SEZD), ("уйлеринде", UI), ("карау", QARA),
    ("оту", OT), ("кабылда", QABYLDA), ("тургындар", TURGYN), ("тургын", TURGYN),
]
LATIN = [
    ("elimizde", EL), ("elımızde", EL), ("okrugke", OKRUG), ("otti", OT), ("ötedı", OT),
    ("qaraldy", QARA), ("qabyldady", QABYLDA), ("otbasylaryna", {"отбасы", "отбасыларына"}),
    ("sezge", SEZD), ("el", EL), ("su", {"су", "суы", "сумен"}), ("üi", UI), ("uy", UI),
    ("öt", OT), ("qarau", QARA), ("okrug", OKRUG),
    ("referendum", {"референдум", "референдумның"}), ("qabylda", QABYLDA),
    ("kabylda", QABYLDA), ("turgyndar", TURGYN), ("qabyldandy", QABYLDA),
]
KAZAKH = [("қабылда", QABYLDA), ("қабылданды", QABYLDA), ("өту", OT), ("өтті", OT)]


@pytest.mark.parametrize(("query", "forms"), RUSSIAN_LETTERS + LATIN + KAZAKH)
def test_every_form_the_kazakh_spelling_finds(index: Index, query: str, forms: set[str]
                                              ) -> None:
    hits = set(found(index, query))
    assert forms <= hits, sorted(forms - hits)


@pytest.mark.parametrize("query", ["қабылда", "қабылданды", "кабылда", "qabylda",
                                   "kabylda", "кабылдады", "qabyldandy"])
def test_a_verb_stem_is_not_the_locative_of_a_noun(index: Index, query: str) -> None:
    assert "қабыл" not in found(index, query)  # the article says only қабыл
    assert "қабыл" in found(index, "қабыл")


@pytest.mark.parametrize("query", ["өтті", "өтеді", "өтетін", "қаралды", "елімізде",
                                   "съезге", "тұрғыны", "қабылданды"])
def test_the_typed_form_ranks_first(index: Index, query: str) -> None:
    hits = found(index, query)
    assert len(hits) > 1 and hits[0] == query


@pytest.mark.parametrize(("query", "other"), [
    ("ат", "ата"), ("at", "ата"), ("ата", "ат"), ("ata", "атты"),  # at+ta has ata's key
    ("кала", "қалай"), ("kala", "қалай"),  # кәлә-й is no form of anything
])
def test_words_that_only_share_a_latin_key_stay_apart(index: Index, query: str, other: str
                                                      ) -> None:
    hits = found(index, query)
    assert hits and other not in hits


def test_a_latin_or_russian_letter_prefix_matches_the_kazakh_words(index: Index) -> None:
    assert found(index, "ekeni*") == ["екенін"]
    assert found(index, "екени*") == ["екенін"]
    assert found(index, "екені*") == ["екенін"]


def test_the_spellings_restored_follow_harmony_not_every_combination() -> None:
    assert kazakh_spellings("отти") == ("отти", "өтті")
    assert kazakh_spellings("кабылдады") == ("қабылдады",)  # ы typed: a back word
    assert kazakh_spellings("тургындар") == ("турғындар", "тұрғындар")  # ұ in a first syllable
    assert kazakh_spellings("оту") == ("оту", "өту")  # a later у stays: the verbal noun
    assert "қаланың" in kazakh_spellings("каланын")  # the genitive
    assert "референдумға" in kazakh_spellings("референдумга")  # the ending follows а
    assert len(kazakh_spellings("конституциялык")) <= 3


def test_latin_letters_are_read_in_every_alphabet() -> None:
    assert cyrillic_spellings("qabyldady") == ("қабылдады",)  # 2021: letters are certain
    assert cyrillic_spellings("mäslihattar")[0] == "мәслихаттар"  # ä and a both in it
    assert "үйін" in cyrillic_spellings("üiın")  # 2021: й is i
    assert "жүйесі" in cyrillic_spellings("zhuyesi")  # keyboard zh, ye
    # ts is ц, ya я; к and қ share a key (қонституция), so the Latin keys meet
    assert latin_key("конституция") in map(latin_key, cyrillic_spellings("konstitutsiya"))
    assert "казақстан" in cyrillic_spellings("Kazakhstan")  # kh as қ (and as х)
    assert "мәслихат" in cyrillic_spellings("mäslihat")
    assert cyrillic_spellings("covid19") == ()  # a digit: no spelling, the key alone
