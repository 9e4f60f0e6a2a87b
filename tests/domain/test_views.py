"""The words every view shows the same way: a status, an update's heading."""

from datetime import date

from planterm.domain.schemes import Category
from planterm.domain.views import StatusView, UpdateView, status_words, update_heading
from planterm.io.snapshot import StatusDoc, UpdateDoc

ON_TRACK = StatusView("on-track", "On track", "Work under way", "▶", Category.ACTIVE)


def test_a_status_is_its_symbol_and_its_word() -> None:
    assert status_words(ON_TRACK) == "▶ On track"
    assert status_words(None) == "? Untriaged"
    doc = StatusDoc(key="green", label="Green", meaning="", symbol="G", category=Category.DONE)
    assert status_words(doc) == "G Green"


def test_an_update_heading_is_date_then_period_and_author_when_given() -> None:
    view = UpdateView(1, date(2021, 5, 10), "Q1 2021-22", "NW", "Training booked.")
    assert update_heading(view) == "2021-05-10 · Q1 2021-22 · NW"
    assert update_heading(UpdateDoc(date=date(2021, 5, 10), author="NW", body="x")) == (
        "2021-05-10 · NW"
    )
    assert update_heading(UpdateDoc(date=date(2021, 5, 10), body="x")) == "2021-05-10"
