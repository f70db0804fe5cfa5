import datetime as dt
import io
from pathlib import Path

from rich.console import Console

from reader.archive.article import Article
from reader.i18n import set_language
from reader.render import article_renderable, meta_line


def make(
    paragraphs: tuple[str, ...] = ("Бірінші абзац.", "Екінші абзац."),
    date: dt.date | None = dt.date(2026, 2, 2),
    source: str | None = "osdp.kz",
    title: str = "Отырыс өтті",
) -> Article:
    return Article(
        id="2026/a.txt",
        path=Path("/nowhere/2026/a.txt"),
        date=date,
        title=title,
        source=source,
        paragraphs=paragraphs,
    )


def render(article: Article, *, latin: bool = False, terminal: bool = False) -> str:
    out = io.StringIO()
    console = Console(
        file=out,
        width=80,
        force_terminal=terminal,
        color_system="truecolor" if terminal else None,
        legacy_windows=False,
    )
    console.print(article_renderable(article, latin=latin))
    return out.getvalue()


def test_meta_line_full() -> None:
    words = ("сөз " * 131).strip()
    assert meta_line(make(paragraphs=(words,))) == (
        "2 February 2026 · osdp.kz · 131 words · 1 min read"
    )


def test_meta_line_undated_no_source_and_minutes_round_up() -> None:
    words = ("сөз " * 181).strip()
    article = make(paragraphs=(words,), date=None, source=None)
    assert meta_line(article) == "undated · 181 words · 2 min read"


def test_meta_line_groups_thousands_the_way_of_each_language() -> None:
    """A huge article reads "307,502 words" (English) or "307 502 сөз" (Kazakh groups
    thousands with a space), not "307502"."""
    article = make(paragraphs=(("сөз " * 307_502).strip(),))
    assert meta_line(article) == "2 February 2026 · osdp.kz · 307,502 words · 1,709 min read"
    set_language("kk")
    try:
        assert meta_line(article).endswith("· 307\u00a0502 сөз · 1\u00a0709 мин оқу")
    finally:
        set_language("en")


def test_meta_line_of_an_empty_article_says_so() -> None:
    """Not "0 words · 1 min read"."""
    assert meta_line(make(paragraphs=())) == "2 February 2026 · osdp.kz · no text"
    set_language("kk")
    try:
        assert meta_line(make(paragraphs=())).endswith("· мәтіні жоқ")
    finally:
        set_language("en")


def test_meta_line_summary_matches_article() -> None:
    article = make()
    assert (
        meta_line(article.summary())
        == meta_line(article)
        == ("2 February 2026 · osdp.kz · 4 words · 1 min read")
    )


def test_plain_render_order_and_blank_lines() -> None:
    lines = render(make()).splitlines()
    assert lines == [
        "Отырыс өтті",
        "2 February 2026 · osdp.kz · 4 words · 1 min read",
        "",
        "Бірінші абзац.",
        "",
        "Екінші абзац.",
        "",
        "Дереккөз: osdp.kz",
    ]


def test_no_source_no_source_line() -> None:
    text = render(make(source=None))
    assert "Дереккөз" not in text
    assert text.rstrip().endswith("Екінші абзац.")


def test_markup_is_literal_even_on_a_terminal() -> None:
    article = make(
        paragraphs=("a [bold]x[/bold] [link=http://e.vil]y[/link] [red]z",), title="[i]T[/i]"
    )
    plain = render(article)
    assert "a [bold]x[/bold] [link=http://e.vil]y[/link] [red]z" in plain
    assert "[i]T[/i]" in plain
    styled = render(article, terminal=True)
    assert "[bold]x[/bold]" in styled
    assert "\x1b]8;" not in styled  # no hyperlink made from the text


def test_control_characters_never_reach_the_output() -> None:
    article = make(paragraphs=("red \x1b[31mtext\x07 \x9b2J end",), source="s\x1bx")
    text = render(article)
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "red text  end" in text  # each escape goes whole, parameters too


def test_latin_transliterates_everything() -> None:
    set_language("kk")  # a Kazakh interface: the meta line is Kazakh, so Latin too
    text = render(make(), latin=True)
    assert text.splitlines() == [
        "Otyrys öttı",
        "2026 jylğy 2 aqpan · osdp.kz · 4 söz · 1 min oqu",
        "",
        "Bırınşı abzats.",
        "",
        "Ekınşı abzats.",
        "",
        "Derekköz: osdp.kz",
    ]
