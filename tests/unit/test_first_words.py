"""The quote of a bookmark or note on the library screens: its paragraph's first words."""

from reader.archive.excerpt import first_words


def test_a_cut_quote_ends_right_after_its_last_word() -> None:
    text = "Сонымен бірге, талқылауға арналған ЖСДП тағы бір мәрте өзінің ұстанымын ашық әрі"
    assert first_words(text + " нақты білдірді.", 12) == text + "…"


def test_a_comma_or_dash_before_the_cut_is_dropped() -> None:
    assert first_words("Бірінші, екінші, үшінші", 2) == "Бірінші, екінші…"
    assert first_words("Әкім — депутаттар алдында", 1) == "Әкім…"
    assert first_words("Әкім — депутаттар алдында", 2) == "Әкім…"


def test_a_short_text_is_whole_and_spaces_are_one() -> None:
    assert first_words("  Бір   абзац.\n", 12) == "Бір абзац."
