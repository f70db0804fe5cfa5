"""`c` in an article: a citation a journalist pastes into a story, in Kazakh or English."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.archive.article import Article
from reader.userdata.anchors import Span, passage_anchor
from reader.userdata.citation import Place, format_citation, highlight_at, place_at
from reader.userdata.entries import Highlight

ARTICLE_ID = "2026/000_8da56fbcbfc7ef32.txt"
TITLE = "Аудандық мәслихаттың кезекті сессиясы өтті"
DATE = dt.date(2026, 2, 2)


PARAGRAPHS = ("Бірінші абзац.", "Екінші абзац, «Нұр Отан» туралы.", "Үшінші абзац.")


def article(paragraphs: tuple[str, ...] = PARAGRAPHS,
            source: str | None = "osdp.kz", date: dt.date | None = DATE,
            title: str = TITLE) -> Article:
    return Article(ARTICLE_ID, Path(ARTICLE_ID), date, title, source, paragraphs)


def highlight(span: Span, paragraphs: tuple[str, ...] = PARAGRAPHS) -> Highlight:
    """A highlight made on these paragraphs (its anchor quotes them)."""
    moment = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    anchor = passage_anchor(paragraphs, span)
    assert anchor is not None
    return Highlight("h-00000001", ARTICLE_ID, TITLE, DATE, span, anchor, "", moment, moment)


def test_kazakh_citation_quotes_then_title_source_date_then_id_and_paragraph() -> None:
    place, _ = place_at(article(), 0)
    assert format_citation(place, "kk") == (
        "«Бірінші абзац.»\n"
        "\n"
        "Аудандық мәслихаттың кезекті сессиясы өтті — osdp.kz, 2026 жылғы 2 ақпан.\n"
        "Мұрағат: 2026/000_8da56fbcbfc7ef32.txt, 1-абзац.")


def test_english_citation_has_english_quote_marks_and_date() -> None:
    place, _ = place_at(article(), 2)
    assert format_citation(place, "en") == (
        "“Үшінші абзац.”\n"
        "\n"
        "Аудандық мәслихаттың кезекті сессиясы өтті — osdp.kz, 2 February 2026.\n"
        "Archive: 2026/000_8da56fbcbfc7ef32.txt, paragraph 3.")


@pytest.mark.parametrize(("language", "inner"), [("kk", "«Екінші абзац, „Нұр Отан“ туралы.»"),
                                                 ("en", "“Екінші абзац, «Нұр Отан» туралы.”")])
def test_quotes_inside_the_quote_do_not_close_it(language: str, inner: str) -> None:
    place, _ = place_at(article(), 1)
    assert format_citation(place, language).splitlines()[0] == inner


@pytest.mark.parametrize(("source", "date", "line"), [
    (None, DATE, f"{TITLE} — 2 February 2026."),
    ("osdp.kz", None, f"{TITLE} — osdp.kz."),
    (None, None, f"{TITLE}."),
])
def test_a_missing_source_or_date_is_left_out(source, date, line) -> None:
    place, _ = place_at(article(source=source, date=date), 0)
    assert format_citation(place, "en").splitlines()[2] == line


def test_no_title_and_no_source_or_date_still_names_the_article() -> None:
    place, _ = place_at(article(source=None, date=None, title=""), 0)
    assert format_citation(place, "kk").splitlines()[2:] == [
        "Мұрағат: 2026/000_8da56fbcbfc7ef32.txt, 1-абзац."]


def test_a_title_ending_a_sentence_gets_no_second_full_stop() -> None:
    place, _ = place_at(article(title="Сессия өтті!", source=None, date=None), 0)
    assert format_citation(place, "en").splitlines()[2] == "Сессия өтті!"


def test_hostile_text_stays_plain_and_markup_literal() -> None:
    hostile = article(("[bold]Қалың[/bold] \x1b[31mқызыл\x1b[0m\x07 мәтін\u202e,\n  екі\tжол",),
                      source="[link=http://x]osdp.kz[/link]\x1b]52;c;Zm9v\x07",
                      title="Тақырып\r\nжалған жол")
    text = format_citation(place_at(hostile, 0)[0], "en")
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\r" not in text and "\t" not in text
    assert text.splitlines()[0] == "“[bold]Қалың[/bold] қызыл мәтін, екі жол”"
    assert text.splitlines()[2] == "Тақырып жалған жол — [link=http://x]osdp.kz[/link], " \
                                   "2 February 2026."


def test_an_id_with_controls_is_escaped_not_dropped() -> None:
    place = Place("Мәтін", "Т", None, None, "a\x1bb.txt", 0)
    assert format_citation(place, "en").splitlines()[-1] == "Archive: a\\x1bb.txt, paragraph 1."


def test_the_highlight_on_the_paragraph_is_cited_as_the_article_reads_now() -> None:
    marked = highlight(Span(1, 0, 1, 13))
    place, found = place_at(article(), 1, [marked])
    assert found == marked
    assert format_citation(place, "kk").splitlines()[0] == "«Екінші абзац,»"
    assert format_citation(place, "kk").endswith(", 2-абзац.")


def test_a_highlight_across_paragraph_ends_names_both_paragraphs() -> None:
    place, _ = place_at(article(), 2, [highlight(Span(1, 7, 2, 7))])
    text = format_citation(place, "kk")
    assert text.splitlines()[0] == "«абзац, „Нұр Отан“ туралы. Үшінші»"
    assert text.endswith(", 2–3-абзацтар.")
    assert format_citation(place, "en").endswith(", paragraphs 2–3.")


def test_a_highlight_found_again_after_an_edit_is_cited_where_its_text_is_now() -> None:
    marked = highlight(Span(1, 0, 1, 13))  # "Екінші абзац,"
    edited = article(("Жаңа абзац.", *PARAGRAPHS))  # a paragraph added above it
    place, found = place_at(edited, 2, [marked])
    assert found is not None and place.paragraph == 2
    assert format_citation(place, "en").splitlines()[0] == "“Екінші абзац,”"


def test_a_highlight_whose_text_has_gone_is_not_cited_the_paragraph_is() -> None:
    marked = highlight(Span(0, 0, 0, 14), ("Мүлде басқа мәтін болатын.",))  # text since removed
    place, found = place_at(article(), 0, [marked])
    assert found is None and format_citation(place, "en").splitlines()[0] == "“Бірінші абзац.”"


def test_no_highlight_at_the_paragraph_cites_the_paragraph() -> None:
    place, found = place_at(article(), 0, [highlight(Span(1, 0, 2, 4))])
    assert found is None and place.quote == "Бірінші абзац."


def test_the_highlight_starting_in_the_paragraph_wins_over_one_running_into_it() -> None:
    running, starting = highlight(Span(0, 3, 1, 4)), highlight(Span(1, 5, 1, 9))
    assert highlight_at([running, starting], 1) is starting
    assert highlight_at([running, starting], 0) is running and highlight_at([starting], 2) is None


def test_latin_view_cites_in_latin_but_keeps_the_id_and_source() -> None:
    paper = Article("2026/ақпан.txt", Path("x"), DATE, "Сессия", "егемен.kz", ("Қазақстан.",))
    text = format_citation(place_at(paper, 0)[0], "kk", latin=True)
    assert text.splitlines()[0] == "«Qazaqstan.»"
    assert text.splitlines()[2] == "Sessiia — егемен.kz, 2026 jylğy 2 aqpan."
    assert text.splitlines()[3] == "Mūrağat: 2026/ақпан.txt, 1-abzats."


def test_found_in_moves_entries_to_where_their_text_is_and_leaves_out_the_orphans() -> None:
    from reader.userdata.anchors import paragraph_anchor
    from reader.userdata.citation import found_in
    from reader.userdata.entries import Bookmark

    moment = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    kept = Bookmark("b-1", ARTICLE_ID, TITLE, DATE, 2, "", moment, paragraph_anchor(PARAGRAPHS, 2))
    gone = Bookmark("b-2", ARTICLE_ID, TITLE, DATE, 0, "", moment,
                    paragraph_anchor(("Жойылған абзацтың мәтіні осында еді.",), 0))
    # the first paragraph became two:
    edited = article(("Жаңа абзац.", "Тағы бір жаңа абзац.", *PARAGRAPHS[1:]))
    [found] = found_in(edited, [kept, gone])
    assert found.id == "b-1" and found.paragraph == 3
