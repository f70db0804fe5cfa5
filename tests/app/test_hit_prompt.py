"""A search result laid out at the width it is drawn at (widgets/hit_prompt.py)."""

from rich.console import Console

from reader.tui.widgets.hit_prompt import HitPrompt

TITLE = "Қазақстан Республикасының Конституциясының жаңа жобасын талқылауға арналған отырыс"


def lines(width: int, date: str = "2 February 2026") -> list[str]:
    console = Console(width=width, record=True, color_system=None)
    console.print(HitPrompt(date, TITLE, [("…жобасын ", False), ("талқылауға", True),
                                           (" арналған отырыс өтті", False)]))
    return console.export_text().rstrip("\n").split("\n")


def test_the_date_stays_whole_and_every_line_is_under_the_title() -> None:
    for width in (60, 80, 140):
        shown = lines(width)
        assert shown[0].startswith("2 February 2026  Қазақстан"), shown
        indent = len("2 February 2026  ")
        assert all(line.startswith(" " * indent) and not line[indent].isspace()
                   for line in shown[1:]), shown
        assert all(len(line) <= width for line in shown)
        assert "талқылауға" in "".join(shown)


def test_too_narrow_for_the_date_beside_it_puts_it_above() -> None:
    for width in (24, 40):
        shown = lines(width)
        assert shown[0].rstrip() == "2 February 2026"
        assert shown[1].startswith("  Қазақстан") and all(len(x) <= width for x in shown)


def test_the_plain_text_is_what_is_shown() -> None:
    prompt = HitPrompt("2 February 2026", TITLE, [("a ", False), ("b", True)])
    assert str(prompt) == f"2 February 2026  {TITLE}\na b"


PARAGRAPH = ("Аудандық мәслихаттың сессиясында депутаттар жергілікті бюджеттің жобасын қарап, "
             "жол жөндеу жұмыстары туралы шешім қабылдады әкімдері мен депутаттар бірлесіп "
             "жұмыс істейтінін айтты. Келесі отырыстың күн тәртібі жарияланды.")


def snippet_lines(width: int, snippet: list[tuple[str, bool]]) -> list[str]:
    """The snippet's rows of a result (the rows after the title's)."""
    console = Console(width=width, record=True, color_system=None)
    console.print(HitPrompt("2 February 2026", "Жиын", snippet))
    shown = console.export_text().rstrip("\n").split("\n")
    return [row.strip() for row in shown[1:] if row.strip() != "Жиын"]


def test_a_snippet_cut_to_two_lines_ends_with_a_whole_word() -> None:
    """Cut at any width: after a whole word of the paragraph, then "…" with no space or
    comma before it; after a full stop, no "…" at all."""
    words = set(PARAGRAPH.replace(",", " ").replace(".", " ").split())
    snippet = [("…Аудандық ", False), ("мәслихаттың", True), (PARAGRAPH[20:], False)]
    for width in range(20, 141):
        rows = snippet_lines(width, snippet)
        assert len(rows) <= 2, (width, rows)
        last = rows[-1]
        if last.endswith("…"):
            assert last[-2:-1].isalpha(), (width, last)
            assert last[:-1].split()[-1] in words, (width, last)
        else:
            assert last.endswith("."), (width, last)
        shown = " ".join(rows).removeprefix("…").removesuffix("…")
        assert PARAGRAPH.startswith(shown), (width, shown)


def test_a_snippet_that_fits_is_shown_whole() -> None:
    rows = snippet_lines(140, [(PARAGRAPH, False)])
    assert " ".join(rows) == PARAGRAPH
