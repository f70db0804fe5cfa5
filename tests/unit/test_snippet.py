"""A result's snippet opens and ends at a word."""

from reader.search.snippet import _cut, window

TEXT = ("Аудандық мәслихаттың кезекті сессиясында депутаттар жергілікті бюджеттің орындалуы "
        "туралы есепті тыңдады, ал ауыл әкімдері жол жөндеу жұмыстарының барысы туралы "
        "баяндады. Депутаттар мектептерді жылумен қамтамасыз ету мәселесін назарға алды.")


def test_every_window_opens_and_ends_at_a_word() -> None:
    for first in range(0, len(TEXT), 7):
        pieces = window(TEXT, [(first, first + 3)])
        shown = "".join(text for text, _ in pieces).strip("…")
        assert shown == shown.strip()
        start = TEXT.index(shown)
        assert start == 0 or TEXT[start - 1].isspace(), shown[:20]
        end = start + len(shown)
        assert end == len(TEXT) or TEXT[end].isspace(), shown[-20:]


def test_a_word_longer_than_the_reach_is_left_at_the_next_word() -> None:
    text = "x" * 50 + " келесі сөз"
    assert _cut(text, 40, len(text)) == (51, len(text))
    assert _cut("a" * 100, 40, 60) == (40, 60)  # no word edge near: cut where it was
