import pytest

from reader.kazakh.latin_key import is_latin_word, latin_key
from reader.kazakh.stem import stem


@pytest.mark.parametrize(
    ("cyrillic", "typed"),
    [
        ("конституция", ["konstitutsiya", "Konstitusiia", "konstitutsiia", "KONSTITUTSIYA"]),
        ("қазақстан", ["qazaqstan", "kazakhstan", "Qazaqstan", "Kazakstan", "QAZAQSTAN"]),
        ("партия", ["partiya", "partiia", "Partiia"]),
        ("отырыс", ["otyrys", "otiris"]),
        ("жоба", ["joba", "zhoba"]),
        ("шешім", ["şeşım", "sheshim", "Şeşim"]),
        ("әлеуметтік", ["äleumettık", "aleumettik"]),
        ("құқық", ["qūqyq", "kukyk"]),
        ("мүше", ["müşe", "mushe"]),
        ("Ерлан", ["Yerlan", "Erlan"]),
        ("институт", ["İnstitut", "institut"]),
        ("кеңес", ["keñes", "kenes"]),
        ("ғылым", ["ğylym", "gylym", "ghylym"]),
    ],
)
def test_cyrillic_stems_and_typed_latin_spellings_share_a_key(cyrillic, typed):
    key = latin_key(stem(cyrillic.lower()))
    assert key.isascii()
    assert {latin_key(t) for t in typed} == {key}


def test_the_issue_examples():
    assert (
        latin_key(stem("конституция"))
        == latin_key("konstitutsiya")
        == latin_key("Konstitusiia")
        == latin_key("konstitutsiia")
    )
    assert latin_key(stem("қазақстан")) == latin_key("qazaqstan") == latin_key("kazakhstan")
    assert latin_key("партия") == latin_key("partiya") == latin_key("partiia")
    assert latin_key("отырыс") == latin_key("otyrys")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("сан", "шан"),
        ("бас", "пас"),
        ("қала", "қара"),
        ("жол", "жал"),
        ("тіл", "тал"),
        ("кеңес", "кесе"),
        ("отырыс", "отыр"),
    ],
)
def test_different_words_keep_different_keys(a, b):
    assert latin_key(a) != latin_key(b)


def test_letters_a_latin_keyboard_cannot_tell_apart_share_a_key():
    # A Latin query cannot distinguish them; Cyrillic queries use the stems column.
    assert latin_key("қала") == latin_key("кала") == "kala"
    assert latin_key("ұл") == latin_key("үл") == latin_key("ул")
    assert latin_key("іс") == latin_key("ыс") == latin_key("ис")


def test_latin_words_in_the_text_keep_a_plain_key():
    assert latin_key("covid") == latin_key("COVID") == "covid"
    assert latin_key("osdp") == "osdp"
    assert latin_key("2026") == "2026"


def test_is_latin_word():
    assert is_latin_word("Qazaqstan")
    assert is_latin_word("şeşım")
    assert is_latin_word("covid19")
    assert not is_latin_word("қазақстан")
    assert not is_latin_word("2026")
    assert not is_latin_word("Кoнституция")  # mixed scripts
