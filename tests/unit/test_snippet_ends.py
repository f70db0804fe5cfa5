"""A cut snippet ends after a whole word with "…", nothing between them; one that ends at
its sentence's end needs no "…" (issue 14)."""

import re

from reader.search import snippet as snippets
from reader.search.snippet import WIDTH, window

TEXT = ("Аудандық мәслихаттың кезекті сессиясында депутаттар жергілікті бюджеттің орындалуы "
        "туралы есепті тыңдады, ал ауыл әкімдері жол жөндеу жұмыстарының барысы туралы "
        "баяндады. Депутаттар мектептерді жылумен қамтамасыз ету мәселесін назарға алды, "
        "жұмыстары туралы шешім қабылдады әкімдері мен депутаттар бірлесіп жұмыс істейтінін "
        "айтты: сессия — жыл сайынғы дәстүр.")
WORDS = set(re.findall(r"\w[\w-]*", TEXT))


def shown(pieces: list[tuple[str, bool]]) -> str:
    return "".join(text for text, _ in pieces)


def test_a_cut_snippet_ends_with_a_whole_word_and_the_ellipsis() -> None:
    for first in range(0, len(TEXT), 3):
        snippet = shown(window(TEXT, [(first, first + 3)]))
        body = snippet.removeprefix("…")
        if body.endswith("…"):
            before = body[:-1]
            assert before == before.rstrip(" ,;:—–-"), snippet[-30:]
            assert re.findall(r"\w[\w-]*", before)[-1] in WORDS, snippet[-30:]
            end = TEXT.index(before) + len(before)
            assert TEXT[end].isspace() or TEXT[end] in ",;:", snippet[-30:]
        else:
            assert body.endswith(".") or TEXT.endswith(body), snippet[-30:]
        assert " …" not in snippet and ".…" not in snippet, snippet


def test_a_snippet_ending_at_a_full_stop_has_no_ellipsis() -> None:
    sentence = "Сессия"
    while len(sentence) + len(" депутаттар.") < WIDTH:
        sentence += " депутаттар"
    sentence += "."  # the window's WIDTH characters end at this full stop
    text = sentence + " " * (WIDTH - len(sentence) + 1) + "Келесі сөйлем мұнда жалғасады."
    snippet = shown(window(text, [(0, 6)]))
    assert snippet == sentence, snippet[-20:]


def test_cut_end() -> None:
    cut_end = snippets.cut_end
    assert cut_end("шешім қабылдады ") == (len("шешім қабылдады"), True)
    assert cut_end("қарап, ") == (len("қарап"), True)
    assert cut_end("жариялады. ") == (len("жариялады."), False)
    assert cut_end("«жариялады.» ") == (len("«жариялады.»"), False)
    assert cut_end("мәселе — ") == (len("мәселе"), True)
