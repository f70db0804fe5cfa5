"""Words in the 2018 Latin alphabet (as lat.egemen.kz and qz.inform.kz published for years)
find what their Kazakh spelling finds. That alphabet writes і as i, ы as y, ұ as u, у as ý,
and both и and й as ı: aıtty is айтты, muǵalimniń мұғалімнің. A word whose only mark is ı
may be 2021 (elımızde) or 2018 (azaıdy), and is read both ways."""

from __future__ import annotations

import pytest
from support.archive import found_words, word_archive_index

from reader.kazakh.spellings import cyrillic_spellings
from reader.search.index import Index

# Word forms seen in published reports (kaz.zakon.kz, ktk.kz, datnews.info, qz.inform.kz).
FORMS = " ".join([
    "айтты айту жағдай жағдайдағы бидай бидайдың төсейді азайды азайған жинайды",
    "қымбаттайды мұғалім мұғалімнің мұғалімдері мұғалімге бұйрығы ел елімізде",
]).split(" ")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    return word_archive_index(tmp_path_factory.mktemp("latin2018"), FORMS)


found = found_words


@pytest.mark.parametrize(("query", "spelling"), [
    ("aıtty", "айтты"), ("jaǵdaıdaǵy", "жағдайдағы"), ("bıdaıdyń", "бидайдың"),
    ("tóseıdi", "төсейді"), ("azaıdy", "азайды"), ("jınaıdy", "жинайды"),
    ("qymbattaıdy", "қымбаттайды"), ("muǵalimniń", "мұғалімнің"),
    ("muǵalimderi", "мұғалімдері"), ("buıryǵy", "бұйрығы"),
    ("Konstıtýtsııanyń", "конституцияның"), ("Respýblıkasy", "республикасы"),
])
def test_the_2018_letters_read_as_kazakh(query: str, spelling: str) -> None:
    assert spelling in cyrillic_spellings(query)


def test_an_acute_letter_says_2018_alone() -> None:
    assert cyrillic_spellings("muǵalimniń") == ("мұғалімнің",)


def test_a_word_marked_only_by_dotless_i_is_read_both_ways() -> None:
    assert "елімізде" in cyrillic_spellings("elımızde")  # 2021: ı is і
    assert "үйін" in cyrillic_spellings("üiın")  # 2021 marks, 2021 alone


@pytest.mark.parametrize(("query", "forms"), [
    ("aıtty", {"айтты", "айту"}),
    ("jaǵdaıdaǵy", {"жағдайдағы", "жағдай"}),
    ("bıdaıdyń", {"бидайдың", "бидай"}),
    ("tóseıdi", {"төсейді"}),
    ("azaıdy", {"азайды", "азайған"}),
    ("jınaıdy", {"жинайды"}),
    ("qymbattaıdy", {"қымбаттайды"}),
    ("muǵalimniń", {"мұғалім", "мұғалімнің", "мұғалімдері", "мұғалімге"}),
    ("muǵalimderi", {"мұғалім", "мұғалімнің", "мұғалімдері", "мұғалімге"}),
    ("elımızde", {"ел", "елімізде"}),
])
def test_a_2018_word_finds_every_form(index: Index, query: str, forms: set[str]) -> None:
    hits = found(index, query)
    assert forms <= set(hits), sorted(forms - set(hits))
    assert hits[0] in forms


def test_a_2018_word_ranks_its_own_form_first(index: Index) -> None:
    assert found(index, "muǵalimniń")[0] == "мұғалімнің"
    assert found(index, "bıdaıdyń")[0] == "бидайдың"
