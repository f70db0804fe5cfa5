import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from reader.kazakh.normalize import normalize, token_spans, tokens


def test_every_kazakh_capital_folds_to_its_small_letter():
    assert tokens("ӘҒҚҢӨҰҮҺІ") == ["әғқңөұүһі"]
    for big, small in zip("ӘҒҚҢӨҰҮҺІ", "әғқңөұүһі", strict=True):
        assert tokens(f"{big}ала") == [f"{small}ала"]


def test_russian_capitals_fold_and_yo_becomes_ye_but_short_i_stays():
    assert tokens("ЁЛКА Йод ЖСДП") == ["елка", "йод", "жсдп"]


def test_decomposed_input_gives_the_same_tokens():
    text = "Қазақстан Республикасы Ёлка Йошкар-Ола әлеуметтік"
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert (
        tokens(nfd)
        == tokens(text)
        == ["қазақстан", "республикасы", "елка", "йошкар", "ола", "әлеуметтік"]
    )


def test_soft_hyphen_and_zero_width_characters_do_not_split_a_word():
    for joiner in ("\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"):
        assert tokens(f"Конститу{joiner}ция") == ["конституция"], repr(joiner)


def test_nbsp_and_narrow_spaces_separate_words():
    assert tokens("2026\u00a0жыл\u202fақпан\u2007айы") == ["2026", "жыл", "ақпан", "айы"]


def test_latin_look_alikes_inside_cyrillic_words_become_cyrillic():
    assert tokens("Кoнституция") == ["конституция"]  # Latin o
    assert tokens("Қaзақстан") == ["қазақстан"]  # Latin a
    assert tokens("ПАРТИЯ pеформасы") == ["партия", "реформасы"]  # Latin p
    assert tokens("Кoнституция") != tokens("Koнституция".replace("K", "Q"))


def test_all_latin_words_stay_latin():
    assert tokens("COVID osdp.kz Open") == ["covid", "osdp", "kz", "open"]
    assert all(c.isascii() for c in "".join(tokens("COVID PACE")))


def test_hyphen_dashes_and_punctuation_split_words():
    assert tokens("Қызыл-Орда") == ["қызыл", "орда"]
    assert tokens("Қызыл\u2011Орда") == ["қызыл", "орда"]
    assert tokens("ЖСДП-ның (ЖСДП) «Нұр Отан»—партия; 1,5%") == [
        "жсдп",
        "ның",
        "жсдп",
        "нұр",
        "отан",
        "партия",
        "1",
        "5",
    ]
    assert tokens("snake_case") == ["snake", "case"]


def test_normalize_unifies_separators_and_keeps_punctuation():
    assert normalize("Қызыл\u2013Орда\u00a0ЁЛКА\u00ad!") == "қызыл-орда елка!"
    assert normalize("Кoнституция COVID") == "конституция covid"


def test_token_spans_point_into_the_original_text():
    text = "«Кон\u00adституция\u200b» мен Кoнституцияға, Қызыл-Орда\u00a0ЖСДП-ның"
    spans = token_spans(text)
    assert [t for _, _, t in spans] == tokens(text)
    assert [text[s:e] for s, e, _ in spans] == [
        "Кон\u00adституция",
        "мен",
        "Кoнституцияға",
        "Қызыл",
        "Орда",
        "ЖСДП",
        "ның",
    ]


def test_token_spans_on_decomposed_text_cover_the_combining_marks():
    text = unicodedata.normalize("NFD", "Ёлка йод")
    spans = token_spans(text)
    assert [t for _, _, t in spans] == ["елка", "йод"]
    assert [text[s:e] for s, e, _ in spans] == text.split(" ")


_ALPHABET = "аәқңөұүіАӘҚҢӨҰҮІёЁйиaoKpXCOVID19 -_.\u00ad\u200b\u00a0\u2013\u0306\u0308"


@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_tokens_are_the_words_of_the_normalized_text(text):
    expected = re.findall(r"[^\W_][\w\u0300-\u036f]*", normalize(text).replace("_", " "))
    assert tokens(text) == expected
    for start, end, tok in token_spans(text):
        assert tokens(text[start:end]) == [tok]


def test_apostrophes_inside_latin_words_join_them():
    # 2017 alphabet (a'kim, s'es'im = шешім) and a name's ending (Qazaqstan'da)
    assert tokens("Qazaqstan'da a'kim s'es'im c'ay") == ["qazaqstanda", "akim", "sheshim",
                                                         "chay"]
    assert tokens("Qazaqstan’da") == ["qazaqstanda"]
    assert tokens("'sóz' Қала'") == ["sóz", "қала"]  # quotes around a word still split
