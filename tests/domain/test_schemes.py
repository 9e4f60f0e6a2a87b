import pytest

from planterm.domain.schemes import BUILT_IN, PCC_2020, RAG, Category


def test_the_two_built_in_keys() -> None:
    assert set(BUILT_IN) == {"pcc-2020", "rag"}
    assert PCC_2020.keys() == ["complete", "on-track", "not-started", "sequential"]
    assert [s.category for s in PCC_2020.statuses] == [
        Category.DONE,
        Category.ACTIVE,
        Category.NOT_STARTED,
        Category.DEFERRED,
    ]
    assert RAG.keys() == ["green", "amber", "red", "white"]
    assert RAG.statuses[0].meaning == "Achieved or Adequate Progress being Made"


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("G", "green"),
        ("green", "green"),
        ("GREEN", "green"),
        ("NS", "white"),
        ("White (NS)", "white"),
    ],
)
def test_a_status_is_found_by_key_label_symbol_or_alias(word: str, key: str) -> None:
    status = RAG.match(word)
    assert status is not None and status.key == key


def test_an_unknown_word_matches_nothing() -> None:
    assert RAG.match("purple") is None
    assert PCC_2020.match("»") is PCC_2020.statuses[3]


def test_every_status_has_a_symbol_and_a_word() -> None:
    for scheme in BUILT_IN.values():
        symbols = [s.symbol for s in scheme.statuses]
        assert len(set(symbols)) == len(symbols)
        assert all(s.symbol and s.label and s.meaning for s in scheme.statuses)
