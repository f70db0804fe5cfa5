"""token_spans finds a plain text's words with \\w+ (twice as fast as the full word pattern,
and it runs on every result's paragraphs for its snippet): the same spans either way."""

from hypothesis import given
from hypothesis import strategies as st

from reader.kazakh import normalize
from reader.kazakh.normalize import token_spans

LETTERS = "абвгәқңөұүіһ қазақ abc XYZ_-.,;«»\"'’ʼ\u0301\u064b\u200b\u00ad ١٢ كتاب 12 ё"


def _by_the_full_pattern(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), normalize.normalize_word(m.group()))
            for m in normalize._WORD.finditer(text.replace("_", " "))]


@given(st.text(alphabet=LETTERS, max_size=40))
def test_the_fast_path_finds_the_same_words(text: str) -> None:
    if normalize._INVISIBLE_SET.isdisjoint(text):  # (a trailing invisible is cut apart)
        assert token_spans(text) == _by_the_full_pattern(text)


def test_marks_apostrophes_and_invisibles_still_join_a_word() -> None:
    """Texts with them take the full pattern: one word each, not two."""
    assert token_spans("Qazaq’standa") == [(0, 12, "qazaqstanda")]
    assert token_spans("e\u0301kim") == [(0, 5, "ékim")]
    assert token_spans("әкім\u200b депутат") == [(0, 4, "әкім"), (6, 13, "депутат")]
