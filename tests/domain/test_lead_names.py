from planterm.domain.lead_names import LeadReader

KNOWN = {
    "PCC": "PCC",
    "Police and Crime Commissioner": "PCC",
    "City Council": "City Council",
    "County Council": "County Council",
    "Nottinghamshire County Council": "County Council",
    "Notts County Council": "County Council",
    "CCGs": "CCGs",
    "Violence Reduction Unit": "Violence Reduction Unit",
    "DSA Exec": "Domestic and Sexual Abuse Executive",
    "Domestic and Sexual Abuse Executive": "Domestic and Sexual Abuse Executive",
    "Safer Notts Board": "Safer Nottinghamshire Board",
    "Safer Nottinghamshire Board": "Safer Nottinghamshire Board",
    "Health & Wellbeing Board": "Health and Wellbeing Board",
    "Health and Wellbeing Board": "Health and Wellbeing Board",
    "public sector": "All public sector agencies",
    "All public sector agencies": "All public sector agencies",
}


def test_names_run_together_are_split_by_the_known_names() -> None:
    reading = LeadReader(KNOWN).read("PCC City Council County Council Violence Reduction Unit CCGs")
    assert reading.leads == ("PCC", "City Council", "County Council", "Violence Reduction Unit",
                             "CCGs")  # fmt: skip
    assert reading.new == ()
    assert reading.verbatim


def test_commas_semicolons_new_lines_and_and_separate() -> None:
    reading = LeadReader({}).read("Probation, Youth Justice; Schools\nHousing and Health")
    assert reading.leads == ("Probation", "Youth Justice", "Schools", "Housing", "Health")
    assert reading.new == reading.leads
    assert not reading.verbatim  # "Housing and Health" may be one name: the cell is kept


def test_unknown_words_between_known_names_are_one_new_agency() -> None:
    reading = LeadReader(KNOWN).read("PCC Youth Offending Team CCGs")
    assert reading.leads == ("PCC", "Youth Offending Team", "CCGs")
    assert reading.new == ("Youth Offending Team",)


def test_aliases_and_connecting_words_give_the_agencies_and_are_not_verbatim() -> None:
    reading = LeadReader(KNOWN).read(
        "DSA Exec with support from the Safer Notts Board and Health & Wellbeing Board"
    )
    assert reading.leads == ("Domestic and Sexual Abuse Executive", "Safer Nottinghamshire Board",
                             "Health and Wellbeing Board")  # fmt: skip
    assert not reading.verbatim


def test_a_description_before_eg_names_no_agency() -> None:
    reading = LeadReader(KNOWN).read(
        "Statutory bodies with responsibility for commissioning e.g. Nottinghamshire County "
        "Council and Police and Crime Commissioner"
    )
    assert reading.leads == ("County Council", "PCC")


def test_shared_words_are_read_as_two_names() -> None:
    reader = LeadReader(KNOWN)
    assert reader.read("public and voluntary sector").leads == (
        "All public sector agencies",
        "Voluntary sector",
    )
    assert reader.read("NHS Commissioner and Provider agencies").leads == (
        "NHS Commissioner agencies",
        "NHS Provider agencies",
    )


def test_the_same_agency_twice_is_named_once() -> None:
    assert LeadReader(KNOWN).read("PCC, Police and Crime Commissioner").leads == ("PCC",)


def test_a_common_one_word_name_beside_unknown_words_is_part_of_their_name() -> None:
    reader = LeadReader({**KNOWN, "Police": "Nottinghamshire Police", "Probation": "Probation"})
    assert reader.read("British Transport Police").leads == ("British Transport Police",)
    assert reader.read("National Probation Service").leads == ("National Probation Service",)
    assert reader.read("PCC Youth Offending Team CCGs").leads == (
        "PCC",
        "Youth Offending Team",
        "CCGs",
    )
    assert reader.read("Police Probation").leads == ("Nottinghamshire Police", "Probation")


def test_and_and_ampersand_match_each_other_and_no_lead_is_none() -> None:
    reader = LeadReader(KNOWN)
    assert reader.read("Police & Crime Commissioner").leads == ("PCC",)
    assert reader.read("Health and Wellbeing Board").leads == ("Health and Wellbeing Board",)
    for cell in ("N/A", "TBC", "tba.", "-", "None"):
        reading = reader.read(cell)
        assert reading.leads == () and not reading.verbatim, cell
