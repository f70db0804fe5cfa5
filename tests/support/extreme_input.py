"""Article files no scraper should write but some do (issue 14): a title of 2,000 characters,
a body of one 5 MB line (with spaces, and one 5 MB word), Kazakh in the Arabic script (töte
jazu), alone, in a title and mixed with Cyrillic. Written at test time, never committed.
"""

from __future__ import annotations

from pathlib import Path

from support.archive import write_article

TITLE_END = "ТАУСЫЛДЫ"  # the last word of the long title: shown when the whole title is
LONG_TITLE_WORDS = ("Қазақстан Республикасының Конституциясының жаңа жобасын талқылауға "
                    "арналған мәслихат сессиясында аудандық бюджет пен жол жөндеу туралы "
                    "есеп тыңдалды")


def long_title(length: int = 2_000) -> str:
    """Kazakh words, `length` characters, ending with TITLE_END."""
    words = (LONG_TITLE_WORDS + " ") * (length // len(LONG_TITLE_WORDS) + 1)
    title = words[: length - len(TITLE_END) - 1].rstrip() + " "
    title = title.ljust(length - len(TITLE_END), "ә") + TITLE_END
    assert len(title) == length
    return title


# Kazakh in the Arabic script, as Kazakh sites in China and ar.* editions write it: ء at a
# word's start marks its vowels front (ءتىل "тіл"). Sentences written for these tests.
ARABIC_TITLE = "ءماسليحات سەسسياسى جاڭا كونستيتۋتسيا جوباسىن تالقىلادى"
ARABIC_PARAGRAPHS = [
    "بۇگىن الماتى قالاسىندا ءماسليحاتتىڭ جالپى وتىرىسى ءوتتى.",
    "وتىرىس بارىسىندا دەپۋتاتتار جول جوندەۋ جۇمىستارى تۋرالى ەسەپ تىڭدادى، بيۋدجەت تە "
    "قارالدى.",
    "مەملەكەتتىك ءتىل تۋرالى ۇسىنىستار ايتىلدى، ءبىراق شەشىم قابىلدانعان جوق؟",
]
# Right-to-left words inside a Cyrillic paragraph.
MIXED = "Сессия барысында «قازاقستان» сөзі төте жазумен де жазылды: مەملەكەتتىك ءتىل."
# Harakat (width 0) on an Arabic word; the same word typed without them must find it.
HARAKAT = "Араб тілінде «كِتَابٌ» деп жазылады, ал кітап сөзі содан шыққан."
HARAKAT_WORD = "كِتَابٌ"
# قازاقستان in the presentation forms of a PDF or an old site (U+FE70-FEFF).
PRESENTATION = "\ufed7\ufe8e\ufeaf\ufe8d\ufed7\ufeb4\ufe98\ufe8e\ufee5"
PRESENTED = f"Ескі сайттан: {PRESENTATION} Республикасы."

ARABIC_ID, MIXED_ID, TITLE_ID = "arabic.txt", "mixed.txt", "long-title.txt"
LINE_ID, WORD_ID = "huge/line.txt", "huge/word.txt"
FIVE_MB = 5 * 2**20
LINE_END = "СОҢҒЫСӨЗ"  # the last word of the one-line article


def write_small(root: Path) -> None:
    """The long title, the Arabic article, and Cyrillic with Arabic in it."""
    write_article(root, TITLE_ID, "2026-03-03", long_title(),
                  ["Бірінші абзац: тақырып өте ұзын.", "Екінші абзац.", "Үшінші абзац."])
    write_article(root, ARABIC_ID, "2026-03-02", ARABIC_TITLE, ARABIC_PARAGRAPHS,
                  source="kazakh.altxw.com")
    write_article(root, MIXED_ID, "2026-03-01", "Төте жазу аралас мақала",
                  [MIXED, HARAKAT, PRESENTED, "Соңғы абзац."])


def write_huge(root: Path) -> None:
    """One line of 5 MB with spaces (Cyrillic and Arabic words), and one 5 MB word."""
    words = "сөз мәслихат قازاقستان бюджет ءتىل "
    line = words * (FIVE_MB // len(words.encode())) + LINE_END
    write_article(root, LINE_ID, "2026-02-01", "Бір жол", [line], source="x.kz")
    word = "сөз" * (FIVE_MB // len("сөз".encode()))
    write_article(root, WORD_ID, "2026-02-02", "Бір сөз", [word], source="x.kz")
