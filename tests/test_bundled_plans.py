"""The five bundled plans say what their source documents say.

Every count and fact that the documents' notes (and data/README.md) state about
the plans in data/ is checked here through the services, on a database loaded
with the bundled plans; where the question is about the file itself, the TOML
is read directly. The expected values are copied from the documents.
"""

import json
import tomllib
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from planterm.domain.rules import share
from planterm.domain.schemes import Category
from planterm.domain.views import ActionRow, PlanSummary
from planterm.io.snapshot import PlanDoc
from planterm.services.bundled import bundled_files
from planterm.services.detail import show_action
from planterm.services.listing import ListFilters, list_actions
from planterm.services.summary import plan_summaries
from planterm.services.transfer import export_doc, export_text, import_files
from planterm.storage.store import Store
from tests.conftest import DATA, NOW, TODAY, new_store

# The source documents, by number, and the plan each became.
DOCUMENTS = {
    "000": "pcc-da-2020",
    "001": "pcd-2019-20-t2",
    "002": "da-jsna",
    "003": "dsv-strategy-2015",
    "004": "sfh-review-2014",
}
KEYS = list(DOCUMENTS.values())
PCC, PCD, JSNA, DSV, SFH = KEYS


def rows_of(store: Store, key: str) -> list[ActionRow]:
    return list_actions(store, ListFilters(plan=key), today=TODAY)


def summary_of(store: Store, key: str) -> PlanSummary:
    (summary,) = plan_summaries(store, key)
    return summary


def plan_doc_of(store: Store, key: str) -> PlanDoc:
    (plan,) = export_doc(store, plan_keys=[key], now=NOW).plans
    return plan


def raw(key: str) -> dict[str, Any]:
    with (DATA / f"{key}.toml").open("rb") as f:
        return tomllib.load(f)


def untriaged_count(summary: PlanSummary) -> int:
    (count,) = [c.count for c in summary.counts if c.status is None]
    return count


def status_counts(summary: PlanSummary) -> dict[str, int]:
    return {(c.status.key if c.status else "untriaged"): c.count for c in summary.counts}


def refs(prefix: str, first: int, last: int) -> list[str]:
    return [f"{prefix}{n}" for n in range(first, last + 1)]


# ------------------------------------------------------------- all five plans


def test_the_five_documents_are_the_five_bundled_plans(bundled: Store) -> None:
    assert [path.stem for path in bundled_files()] == sorted(KEYS)
    for key in KEYS:
        assert [plan["key"] for plan in raw(key)["plans"]] == [key], "one plan a file"
    assert [s.key for s in plan_summaries(bundled)] == sorted(KEYS)


# key: (themes, actions, updates, counts by status) as data/README.md tables them
COUNTS = {
    PCC: (9, 23, 23, {"complete": 0, "on-track": 0, "not-started": 0, "sequential": 0,
                      "untriaged": 23}),
    PCD: (1, 15, 24, {"green": 15, "amber": 0, "red": 0, "white": 0, "untriaged": 0}),
    JSNA: (4, 19, 19, {"green": 0, "amber": 0, "red": 0, "white": 0, "untriaged": 19}),
    DSV: (5, 18, 0, {"green": 0, "amber": 0, "red": 0, "white": 0, "untriaged": 18}),
    SFH: (5, 42, 35, {"green": 0, "amber": 0, "red": 0, "white": 0, "untriaged": 42}),
}  # fmt: skip


@pytest.mark.parametrize("key", KEYS)
def test_counts_of_themes_actions_updates_and_statuses(bundled: Store, key: str) -> None:
    themes, actions, updates, by_status = COUNTS[key]
    summary = summary_of(bundled, key)
    rows = rows_of(bundled, key)
    assert len(summary.themes) == themes
    assert summary.total == len(rows) == actions
    assert sum(row.update_count for row in rows) == updates
    assert status_counts(summary) == by_status
    # the file says the same as the database
    data = raw(key)
    assert len(data["plans"][0]["themes"]) == themes
    assert len(data["actions"]) == actions
    assert sum(len(a.get("updates", [])) for a in data["actions"]) == updates


# key: every theme in the document's order, with the refs of its actions in order
THEMES = {
    PCC: [
        ("Policy context", ["1"]),
        ("Nature and prevalence of domestic abuse", ["2", "3"]),
        ("Prevention", ["4", "5"]),
        ("Identification", ["6", "7", "8"]),
        ("Safeguarding", ["9", "10", "11", "12"]),
        ("Longer term support and recovery", ["13", "14"]),
        ("Rehabilitation and behaviour change", ["15", "16", "17"]),
        ("Criminal Justice System", ["18", "19", "20", "21"]),
        ("Covid 19", ["22", "23"]),
    ],
    PCD: [("Helping and Supporting Victims", refs("", 1, 15))],
    JSNA: [
        ("Partnership working", refs("", 1, 6)),
        ("Prevention", refs("", 7, 10)),
        ("Provision", refs("", 11, 17)),
        ("Protection", refs("", 18, 19)),
    ],
    DSV: [
        ("Key objectives", refs("", 1, 6)),
        ("Building on the previous strategy", refs("12.", 1, 12)),
        ("Prevention", []),
        ("Provision", []),
        ("Protection", []),
    ],
    SFH: [
        ("Board recommendations", refs("", 1, 7)),
        ("Early intervention", refs("EI", 1, 9)),
        ("Crisis response", refs("CR", 1, 10)),
        ("Breaking the cycle", refs("BC", 1, 10)),
        ("Criminal justice system", refs("CJ", 1, 6)),
    ],
}


@pytest.mark.parametrize("key", KEYS)
def test_themes_in_document_order_with_their_refs(bundled: Store, key: str) -> None:
    expected = THEMES[key]
    summary = summary_of(bundled, key)
    assert [(t.name, t.total) for t in summary.themes] == [
        (name, len(theme_refs)) for name, theme_refs in expected
    ]
    assert [(r.theme, r.ref) for r in rows_of(bundled, key)] == [
        (name, ref) for name, theme_refs in expected for ref in theme_refs
    ]


@pytest.mark.parametrize("key", KEYS)
def test_the_database_holds_exactly_what_the_file_says(bundled: Store, key: str) -> None:
    def essentials(action: dict[str, Any]) -> tuple[Any, ...]:
        updates = [
            (u["date"], u.get("period"), u.get("author"), u["body"])
            for u in action.get("updates", [])
        ]
        return (
            action["theme"],
            action["ref"],
            action["text"],
            action.get("leads", []),
            action.get("owner"),
            action.get("status"),
            action.get("due"),
            action.get("fields", {}),
            updates,
        )

    exported = export_doc(bundled, plan_keys=[key], now=NOW)
    in_db = [essentials(a.model_dump(exclude_none=True)) for a in exported.actions]
    assert in_db == [essentials(a) for a in raw(key)["actions"]]


# ---------------------------------------------------------------- status keys

PCC_KEY = [
    ("complete", "Complete", "Action is complete.", Category.DONE),
    ("on-track", "On track",
     "Action has begun and has achieved progress expected at this stage.", Category.ACTIVE),
    ("not-started", "Not started", "Action has not yet started.", Category.NOT_STARTED),
    ("sequential", "Sequential",
     "Action is sequential and not expected to begin until later in 2021.", Category.DEFERRED),
]  # fmt: skip

RAG_KEY = [
    ("green", "Green", "Achieved or Adequate Progress being Made", Category.DONE),
    ("amber", "Amber",
     "Started but Inadequate Progress or Risk that it won't be achieved", Category.AT_RISK),
    ("red", "Red", "Unachieved or strong likely that it won't be achieved", Category.AT_RISK),
    ("white", "White (NS)",
     "Not Started but Planned to take place during later Qrt", Category.DEFERRED),
]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "scheme_key", "scheme_name", "statuses"),
    [
        (PCC, "pcc-2020", "PCC action plan key (2020)", PCC_KEY),
        (PCD, "rag", "Delivery plan RAG key", RAG_KEY),
        (JSNA, "rag", "Delivery plan RAG key", RAG_KEY),
        (DSV, "rag", "Delivery plan RAG key", RAG_KEY),
        (SFH, "rag", "Delivery plan RAG key", RAG_KEY),
    ],
)
def test_each_plan_has_its_documents_key(
    bundled: Store, key: str, scheme_key: str, scheme_name: str, statuses: list[Any]
) -> None:
    summary = summary_of(bundled, key)
    assert summary.scheme_name == scheme_name
    assert [(s.key, s.label, s.meaning, s.category) for s in summary.statuses] == statuses
    assert plan_doc_of(bundled, key).scheme.key == scheme_key


def test_the_white_rag_status_answers_to_ns(bundled: Store) -> None:
    white = summary_of(bundled, PCD).statuses[-1]
    assert white.key == "white" and "NS" in white.aliases


# ------------------------------------------------------- 000 pcc-da-2020

CITY, COUNTY, VRU, CCGS = "City Council", "County Council", "Violence Reduction Unit", "CCGs"
POLICE, CPS = "Nottinghamshire Police", "Crown Prosecution Service"

# The "Lead agencies" column, split as the document runs the names together.
PCC_LEADS = {
    "1": ["PCC", CITY, COUNTY, VRU, CCGS],
    "2": ["PCC", CITY, COUNTY],
    "3": ["PCC", CITY, COUNTY, VRU, CCGS],
    "4": ["PCC", CITY, COUNTY, CCGS],
    "5": ["PCC", VRU],
    "6": [POLICE],
    "7": ["PCC", CITY, COUNTY],
    "8": ["PCC", CITY, COUNTY, CCGS],
    "9": [POLICE],
    "10": [POLICE],
    "11": ["PCC", CITY, COUNTY, CCGS],
    "12": ["PCC", CITY, COUNTY],
    "13": [CCGS, "PCC", CITY, COUNTY],
    "14": ["PCC", CITY, COUNTY, CCGS],
    "15": ["PCC", POLICE, "Probation", VRU, "Local authorities", CCGS],
    "16": ["PCC"],
    "17": ["PCC", POLICE, "Probation"],
    "18": ["PCC", POLICE],
    "19": ["PCC", POLICE],
    "20": ["PCC", POLICE, CPS],
    "21": ["PCC", POLICE, CPS],
    "22": ["PCC", CITY, COUNTY, POLICE],
    "23": ["PCC", CITY, COUNTY, POLICE, CCGS],
}


def test_pcc_refs_are_1_to_23_with_the_documents_lead_agencies(bundled: Store) -> None:
    rows = rows_of(bundled, PCC)
    assert [r.ref for r in rows] == refs("", 1, 23)
    assert {r.ref: list(r.leads) for r in rows} == PCC_LEADS
    assert all(r.leads for r in rows)


def test_pcc_ref_1_names_five_agencies_and_is_due_by_march_2021(bundled: Store) -> None:
    row = show_action(bundled, PCC, "1", today=TODAY).row
    assert list(row.leads) == ["PCC", "City Council", "County Council",
                               "Violence Reduction Unit", "CCGs"]  # fmt: skip
    assert row.due == date(2021, 3, 31)
    assert "by March 2021" in row.text
    due = {r.ref: r.due for r in rows_of(bundled, PCC) if r.due is not None}
    assert due == {"1": date(2021, 3, 31)}, "no other recommendation states a date"


def test_pcc_ref_15_names_six_agencies(bundled: Store) -> None:
    row = show_action(bundled, PCC, "15", today=TODAY).row
    assert len(row.leads) == 6
    assert list(row.leads) == ["PCC", "Nottinghamshire Police", "Probation",
                               "Violence Reduction Unit", "Local authorities", "CCGs"]  # fmt: skip


@pytest.mark.parametrize("ref", refs("", 1, 23))
def test_pcc_each_action_has_exactly_one_update_for_january_to_march_2021(
    bundled: Store, ref: str
) -> None:
    detail = show_action(bundled, PCC, ref, today=TODAY)
    assert [(u.date, u.period, u.author) for u in detail.updates] == [
        (date(2021, 3, 31), "January - March 2021", None)
    ]
    assert detail.updates[0].body
    assert detail.row.status is None, "the Status column was colour only"


def test_pcc_every_status_is_untriaged(bundled: Store) -> None:
    rows = rows_of(bundled, PCC)
    assert all(r.status is None and "untriaged" in r.flags for r in rows)
    assert untriaged_count(summary_of(bundled, PCC)) == 23
    assert all("status" not in a for a in raw(PCC)["actions"])
    # untriaged is not done: ref 1, due 31 March 2021, is overdue by mid-April
    assert [r.ref for r in rows if "overdue" in r.flags] == ["1"]


def test_pcc_plan_reports_on_january_to_march_2021(bundled: Store) -> None:
    assert summary_of(bundled, PCC).period == "January - March 2021"


# ------------------------------------------------------- 001 pcd-2019-20-t2

# The Organisation column.
PCD_OWNERS = {
    "1": "NW/CG", "2": "NW/CG", "3": "NW/CG", "4": "Force", "5": "Force",
    "6": "NW/CG", "7": "Force", "8": "KD", "9": "NW", "10": "NW",
    "11": "HK", "12": "NW", "13": "NW", "14": "HK", "15": "KD",
}  # fmt: skip

# An update as the document labels it: (label, date, period, author).
Labelled = tuple[str, date, str | None, str | None]

JAN_2020: Labelled = ("Update January 2020", date(2020, 1, 31), "January 2020", None)
OCT_2019: Labelled = ("Update October 2019", date(2019, 10, 31), "October 2019", None)

# Each item's updates, newest first as the document writes them.
PCD_UPDATES: dict[str, list[Labelled]] = {
    "1": [JAN_2020, OCT_2019],
    "2": [JAN_2020, OCT_2019],
    "3": [JAN_2020, OCT_2019],
    "4": [("Update: 31.1.20", date(2020, 1, 31), None, None)],
    "5": [
        ("Force Update: 31.1.20", date(2020, 1, 31), None, "Force"),
        ("NW NOPCC Update January 2020", date(2020, 1, 31), "January 2020", "NW"),
        ("CG NOPCC Update October 2019", date(2019, 10, 31), "October 2019", "CG"),
    ],
    "6": [JAN_2020, OCT_2019],
    "7": [("Update 31.1.20", date(2020, 1, 31), None, None)],
    "8": [("Update 3.2.20", date(2020, 2, 3), None, None)],
    "9": [JAN_2020, OCT_2019],
    "10": [JAN_2020, OCT_2019],
    "11": [("Update 11.2.20", date(2020, 2, 11), None, None)],
    "12": [JAN_2020, OCT_2019],
    "13": [("Update February 2020", date(2020, 2, 29), "February 2020", None)],
    "14": [("Update 11.2.20", date(2020, 2, 11), None, None)],
    "15": [("Update 3.3.20", date(2020, 3, 3), None, None)],
}


def test_pcd_has_15_deliverables_all_rated_green(bundled: Store) -> None:
    rows = rows_of(bundled, PCD)
    assert [r.ref for r in rows] == refs("", 1, 15)
    assert [(r.status.key, r.status.symbol) if r.status else None for r in rows] == [
        ("green", "G")
    ] * 15
    assert [a["status"] for a in raw(PCD)["actions"]] == ["green"] * 15


def test_pcd_owners_are_the_organisation_column_and_there_are_no_leads(bundled: Store) -> None:
    rows = rows_of(bundled, PCD)
    assert {r.ref: r.owner for r in rows} == PCD_OWNERS
    assert {r.owner for r in rows} == {"NW/CG", "Force", "KD", "NW", "HK"}
    assert all(r.leads == () for r in rows), "the document names no lead agencies"


@pytest.mark.parametrize("ref", list(PCD_UPDATES))
def test_pcd_updates_are_dated_as_their_labels_say(bundled: Store, ref: str) -> None:
    detail = show_action(bundled, PCD, ref, today=TODAY)
    assert [(u.date, u.period, u.author) for u in detail.updates] == [
        (day, period, author) for _label, day, period, author in PCD_UPDATES[ref]
    ]
    assert detail.row.update_count == len(PCD_UPDATES[ref])
    assert detail.row.last_update == PCD_UPDATES[ref][0][1]


def test_pcd_has_24_updates_in_all(bundled: Store) -> None:
    assert sum(len(updates) for updates in PCD_UPDATES.values()) == 24
    assert sum(r.update_count for r in rows_of(bundled, PCD)) == 24


def test_pcd_item_5_has_three_updates_by_force_nw_and_cg(bundled: Store) -> None:
    updates = show_action(bundled, PCD, "5", today=TODAY).updates
    assert [u.author for u in updates] == ["Force", "NW", "CG"]
    assert updates[0].body.startswith("The Stalking Steering Group")
    assert "• report on progress, successes, risks" in updates[0].body


def test_pcd_update_31_1_20_is_the_31st_of_january_2020(bundled: Store) -> None:
    (update,) = show_action(bundled, PCD, "7", today=TODAY).updates
    assert update.date == date(2020, 1, 31)  # day first: not a month 31
    assert update.period is None, "a day-first label gives no period"
    assert update.body.startswith("Under the 2018 Annual Department Assessment")
    (update,) = show_action(bundled, PCD, "8", today=TODAY).updates
    assert update.date == date(2020, 2, 3), "3.2.20 is 3 February, not 2 March"


def test_pcd_summary_gives_15_of_15_green(bundled: Store) -> None:
    summary = summary_of(bundled, PCD)
    green = next(c for c in summary.counts if c.status and c.status.key == "green")
    assert share(green.count, summary.total) == "15/15 (100%)"
    others = [share(c.count, summary.total) for c in summary.counts if c is not green]
    assert others == ["0/15 (0%)"] * 4
    assert summary.period == "Q3 2019-20"


def test_pcd_summary_command_writes_15_of_15_green(planterm, bundled_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = planterm("summary", "--plan", PCD, "--json")
    assert result.code == 0, result.err
    (data,) = json.loads(result.out)
    assert data["counts"]["green"] == {"count": 15, "percent": 100, "share": "15/15 (100%)"}
    assert data["counts"]["untriaged"]["share"] == "0/15 (0%)"
    assert "15/15 (100%)" in planterm("summary", "--plan", PCD).out


# ---------------------------------------------------------------- 002 da-jsna

ALL_SECTORS = "All public sector agencies alongside voluntary and community sectors"

# The Responsibility column, word for word (10's cell is split by a page break).
JSNA_RESPONSIBILITY = {
    "1": "Domestic and Sexual Abuse Executive with support from the Safer Notts Board and "
    "Health & Wellbeing Board",
    "2": "Statutory bodies with responsibility for commissioning e.g. Nottinghamshire County "
    "Council and Police and Crime Commissioner",
    "3": ALL_SECTORS,
    "4": "Local Authorities with support from Safer Notts Board",
    "5": "DSA Exec",
    "6": "DSA Exec",
    "7": ALL_SECTORS,
    "8": "DSA Exec with support from Safer Notts Board and Notts County Council",
    "9": "DSA Exec with support from Safer Notts Board",
    "10": ALL_SECTORS,
    "11": ALL_SECTORS,
    "12": "Nottinghamshire County Council and Police and Crime Commissioner",
    "13": ALL_SECTORS,
    "14": "NHS Commissioner and Provider agencies",
    "15": "District Councils, Notts County Council and specialist providers",
    "16": "Police alongside public and voluntary sector",
    "17": "DSA Exec",
    "18": "Domestic Homicide Review Assurance, Learning and implementation Group (DHR ALIG) "
    "Community Safety Partnerships with DSA Exec",
    "19": "DSA Exec",
}


def test_jsna_keeps_the_responsibility_text_as_a_field(bundled: Store) -> None:
    rows = rows_of(bundled, JSNA)
    assert {r.ref: r.fields for r in rows} == {
        ref: {"Responsibility": text} for ref, text in JSNA_RESPONSIBILITY.items()
    }
    detail = show_action(bundled, JSNA, "14", today=TODAY)
    assert detail.row.fields == {"Responsibility": "NHS Commissioner and Provider agencies"}


def test_jsna_leads_are_the_agencies_the_responsibility_names(bundled: Store) -> None:
    leads = {r.ref: list(r.leads) for r in rows_of(bundled, JSNA)}
    assert all(leads.values())
    assert leads["3"] == ["All public sector agencies", "Voluntary and community sector"]
    assert leads["14"] == ["NHS commissioners", "NHS providers"]


@pytest.mark.parametrize("ref", refs("", 1, 19))
def test_jsna_each_recommendation_has_one_current_status_and_no_status(
    bundled: Store, ref: str
) -> None:
    detail = show_action(bundled, JSNA, ref, today=TODAY)
    assert [(u.date, u.period, u.author) for u in detail.updates] == [
        (date(2019, 12, 31), "Current status", None)
    ]
    assert detail.row.status is None, "no status column: nothing is inferred from the words"


def test_jsna_narratives_say_the_status_in_words_only(bundled: Store) -> None:
    (update,) = show_action(bundled, JSNA, "5", today=TODAY).updates
    assert "yet to progress" in update.body
    assert untriaged_count(summary_of(bundled, JSNA)) == 19


def test_jsna_page_break_fragment_ends_recommendation_15(bundled: Store) -> None:
    (fifteen,) = show_action(bundled, JSNA, "15", today=TODAY).updates
    (sixteen,) = show_action(bundled, JSNA, "16", today=TODAY).updates
    assert fifteen.body.endswith(
        "The County Council funds provision for 15 units in the North. There is 'Sanctuary' "
        "provision in some but not all areas of the County."
    )
    assert sixteen.body.startswith("A monthly stalking clinic has been piloted by OPCC.")
    assert "Sanctuary" not in sixteen.body


# ------------------------------------------------------- 003 dsv-strategy-2015

DSV_OBJECTIVES = [
    "Raise awareness/increase confidence to report DV",
    "Reduce repeat victimisation of DV",
    "Ensure victims are effectively protected against repeat victimisation and supported "
    "to recover from DV",
    "Reduce the volume and severity of DV",
    "Bring perpetrators to justice and reduce reoffending of DV",
    "Reduce serious sexual offences",
]
PREVIOUS = "Previous strategy – what has been achieved so far?"


def test_dsv_keeps_the_vision_and_mission(bundled: Store) -> None:
    plan = plan_doc_of(bundled, DSV)
    assert plan.vision == (
        "A future where adults and children live free from domestic and sexual violence and abuse."
    )
    assert plan.mission == (
        "To reduce the incidence and impact of domestic and sexual violence and abuse in "
        "Nottingham City."
    )


def test_dsv_three_work_streams_are_themes_with_no_actions_yet(bundled: Store) -> None:
    descriptions = {t.name: t.description for t in plan_doc_of(bundled, DSV).themes}
    assert descriptions["Prevention"] == (
        "supporting communities and young people to know more about healthy and equal "
        "relationships and also resources and practice guidance for professionals"
    )
    assert descriptions["Provision"] == "services for survivors of DSVA"
    assert descriptions["Protection"] == (
        "crisis led multi-agency intervention to protect survivors and manage the risks "
        "that perpetrator pose."
    )
    totals = {t.name: t.total for t in summary_of(bundled, DSV).themes}
    assert [totals[n] for n in ("Prevention", "Provision", "Protection")] == [0, 0, 0]


def test_dsv_six_key_objectives(bundled: Store) -> None:
    rows = list_actions(bundled, ListFilters(plan=DSV, theme="Key objectives"), today=TODAY)
    assert [(r.ref, r.text) for r in rows] == list(zip(refs("", 1, 6), DSV_OBJECTIVES, strict=True))


def test_dsv_twelve_rows_carry_the_previous_strategy(bundled: Store) -> None:
    rows = list_actions(
        bundled, ListFilters(plan=DSV, theme="Building on the previous strategy"), today=TODAY
    )
    assert [r.ref for r in rows] == refs("12.", 1, 12)
    assert all(list(r.fields) == [PREVIOUS] and r.fields[PREVIOUS].strip() for r in rows)
    first, last = rows[0], rows[-1]
    assert first.fields[PREVIOUS] == "Increased reporting"
    assert first.text.startswith("Work to increase reporting to the free phone 24hour DSVA")
    assert last.fields[PREVIOUS].startswith("Partners to maintain specialist sector")
    assert last.text.startswith("Align commissioning decisions")


def test_dsv_has_no_updates_and_no_statuses(bundled: Store) -> None:
    rows = rows_of(bundled, DSV)
    assert all(r.update_count == 0 and r.status is None for r in rows)


# --------------------------------------------------------- 004 sfh-review-2014

EVIDENCE, PEER = "Evidence based?", "Peer recommended?"

# The criminal justice rows, the only ones whose cells say Yes or No.
SFH_CRIMINAL_JUSTICE = [
    ("CJ1", "Mandated programs for treatment of perpetrators", "Yes", "Yes"),
    ("CJ2", "Violence against women scrutiny panels", "No", "No"),
    ("CJ3", "Domestic violence protection orders", "No", "No"),
    ("CJ4", "IDVA support through the criminal justice system and civil measures", "No", "Yes"),
    ("CJ5", "Close joint working with DV projects and the police", "No", "No"),
    ("CJ6", "Victim impact statements", "No", "No"),
]


def test_sfh_seven_board_recommendations(bundled: Store) -> None:
    rows = list_actions(bundled, ListFilters(plan=SFH, theme="Board recommendations"), today=TODAY)
    assert [r.ref for r in rows] == refs("", 1, 7)
    assert {r.owner for r in rows} == {"Health and Wellbeing Board"}
    assert {r.ref: list(r.leads) for r in rows if r.leads} == {
        "6": ["Crime and Drugs Partnership"],
        "7": ["Health and Wellbeing Board"],
    }
    assert all(r.update_count == 0 for r in rows)
    assert rows[3].text.endswith("The Board is asked to consider where lead responsibility "
                                 "for this work should lie.")  # fmt: skip


def test_sfh_what_works_sections_are_themes(bundled: Store) -> None:
    names = [t.name for t in summary_of(bundled, SFH).themes]
    sections = ["Early intervention", "Crisis Response", "Breaking the cycle",
                "Criminal justice system"]  # fmt: skip
    assert [n.casefold() for n in names[1:]] == [s.casefold() for s in sections]


def test_sfh_evidence_and_peer_fields_are_only_yes_or_no(bundled: Store) -> None:
    rows = rows_of(bundled, SFH)
    for row in rows:
        assert set(row.fields) <= {EVIDENCE, PEER}, row.ref
        assert {row.fields[k] for k in (EVIDENCE, PEER) if k in row.fields} <= {"Yes", "No"}
    criminal_justice = [r for r in rows if r.theme == "Criminal justice system"]
    assert [(r.ref, r.text, r.fields.get(EVIDENCE), r.fields.get(PEER))
            for r in criminal_justice] == SFH_CRIMINAL_JUSTICE  # fmt: skip
    assert all(r.fields == {} for r in rows if r.theme != "Criminal justice system")
    assert all(list(r.fields) == [EVIDENCE, PEER] for r in criminal_justice)


def test_sfh_are_we_doing_this_is_each_rows_update(bundled: Store) -> None:
    what_works = [r for r in rows_of(bundled, SFH) if r.theme != "Board recommendations"]
    assert len(what_works) == 35
    for row in what_works:
        detail = show_action(bundled, SFH, row.ref, today=TODAY)
        assert [(u.date, u.period) for u in detail.updates] == [
            (date(2014, 1, 8), "Safe from Harm review 2013")
        ], row.ref
        assert "<" not in detail.updates[0].body, "HTML tags are cleaned"
    assert all(r.status is None for r in rows_of(bundled, SFH))


def test_sfh_rows_split_across_pages_are_joined(bundled: Store) -> None:
    (ei3,) = show_action(bundled, SFH, "EI3", today=TODAY).updates
    assert "however we do not know to what extent schools are purchasing these" in ei3.body
    cr4 = show_action(bundled, SFH, "CR4", today=TODAY).row
    assert cr4.text.endswith("as appropriate and challenge a culture of disbelief.")
    (cr8,) = show_action(bundled, SFH, "CR8", today=TODAY).updates
    assert cr8.body.endswith("including NDVF, WAIS and Rape Crisis.")


# ------------------------------------------------------------------ round trip


def without_stamp(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("exported_at")]


@pytest.mark.parametrize("keys", [[key] for key in KEYS] + [[]], ids=[*KEYS, "all"])
def test_export_import_export_gives_the_same_text(
    bundled: Store, tmp_path: Path, keys: list[str]
) -> None:
    first = export_text(bundled, plan_keys=keys, now=NOW)
    path = tmp_path / "plans.toml"
    path.write_text(first, encoding="utf-8")
    other = new_store(tmp_path / "empty.db")
    try:
        assert plan_summaries(other) == []
        later = NOW + timedelta(days=30)
        imported = import_files(other, [path], replace=False, now=later)
        assert sorted(p.key for p in imported) == sorted(keys or KEYS)
        second = export_text(other, plan_keys=keys, now=later + timedelta(hours=1))
    finally:
        other.dispose()
    assert first != second, "the exported_at lines differ"
    assert without_stamp(second) == without_stamp(first)
    assert len([line for line in first.splitlines() if line.startswith("exported_at")]) == 1
    data = tomllib.loads(first)
    assert len(data["actions"]) == sum(COUNTS[k][1] for k in keys or KEYS)
