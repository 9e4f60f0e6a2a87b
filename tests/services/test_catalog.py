"""Names users type, and the hint when one matches nothing."""

import pytest

from planterm.errors import NotFoundError
from planterm.services.catalog import suggestion
from planterm.services.listing import ListFilters, list_actions
from planterm.storage.store import Store
from tests.conftest import TODAY


def test_the_hint_names_what_exists_in_the_plural() -> None:
    assert suggestion("zzz", ["pcc-da-2020", "da-jsna"], kind="plan") == (
        "known plans: pcc-da-2020, da-jsna"
    )
    assert suggestion("zzz", [], kind="plan") == "there are no plans yet"
    agencies = {"kind": "agency", "kinds": "agencies"}
    assert suggestion("zzz", ["Force"], **agencies) == "known agencies: Force"
    assert suggestion("zzz", [], **agencies) == "there are no agencies yet"
    assert suggestion("forse", ["Force"], **agencies) == "did you mean 'Force'?"


def test_an_unknown_agency_lists_the_known_agencies(bundled: Store) -> None:
    with pytest.raises(NotFoundError, match="known agencies: ") as caught:
        list_actions(bundled, ListFilters(agency="Qqqqqqqq"), today=TODAY)
    assert "agencys" not in str(caught.value)
