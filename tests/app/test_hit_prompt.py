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
