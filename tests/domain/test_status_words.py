from planterm.domain.schemes import PCC_2020, RAG
from planterm.domain.status_words import fitting_scheme, listed_scheme, read_status


def test_a_schemes_own_names_come_first() -> None:
    assert read_status(RAG, "G").key == "green"  # type: ignore[union-attr]
    assert read_status(RAG, " green ").key == "green"  # type: ignore[union-attr]
    assert read_status(RAG, "NS").key == "white"  # type: ignore[union-attr]
    assert read_status(PCC_2020, "On track").key == "on-track"  # type: ignore[union-attr]


def test_common_words_pick_the_first_status_of_their_category() -> None:
    assert read_status(RAG, "Complete").key == "green"  # type: ignore[union-attr]
    assert read_status(RAG, "Delayed").key == "amber"  # type: ignore[union-attr]
    assert read_status(RAG, "Not started").key == "white"  # type: ignore[union-attr]
    assert read_status(PCC_2020, "Completed").key == "complete"  # type: ignore[union-attr]
    assert read_status(PCC_2020, "In progress").key == "on-track"  # type: ignore[union-attr]


def test_a_word_that_means_nothing_reads_as_none() -> None:
    assert read_status(RAG, "Purple") is None
    assert read_status(PCC_2020, "Amber") is None


def test_the_scheme_is_the_one_the_words_fit() -> None:
    assert fitting_scheme(["G", "A", "Green", "R"]) is RAG
    assert fitting_scheme(["Complete", "Sequential", "On track"]) is PCC_2020
    assert fitting_scheme([]) is RAG
    assert fitting_scheme(["Complete"]) is PCC_2020  # its own name there, a synonym in RAG


def test_progress_words_read_as_green_in_the_rag_key() -> None:
    assert read_status(RAG, "On track").key == "green"  # type: ignore[union-attr]
    assert read_status(RAG, "In progress").key == "green"  # type: ignore[union-attr]
    assert fitting_scheme(["Complete", "On track", "Delayed"]) is RAG


def test_a_key_written_out_whole_names_its_scheme() -> None:
    pcc = [s.meaning for s in PCC_2020.statuses]
    assert listed_scheme(["Key", *pcc]) is PCC_2020
    assert listed_scheme([s.meaning.upper() + "  " for s in RAG.statuses]) is RAG
    assert listed_scheme(pcc[:3]) is None
    assert listed_scheme([]) is None
