"""Who speaks for a claim: English reporting patterns, each stated as a class (docs/extraction.md).

Sentences are our own, written for the pattern; none is taken from a report.
"""

from __future__ import annotations

from tawthiq.extract._attribution import find_attribution

SOHR = "Syrian Observatory for Human Rights"


def test_a_scare_quote_inside_the_clause_is_not_a_quotation_before_its_speaker():
    scare = (
        "Militias “cleansed” more than 40 homes in the hamlet, including a school, in the western "
        "province, the London-based watchdog said."
    )
    assert find_attribution(scare, None, (SOHR,)) == SOHR
    # a real quotation still gives its speaker after it
    quoted = "“We counted 17 bodies in the square,” Amal Haddad said."
    assert find_attribution(quoted) == "Amal Haddad"


def test_findings_or_figures_from_a_body_that_indicate_speak_for_that_body():
    s = "Early findings from the UN Assistance Mission in Afghanistan indicate that nine farmers died."
    assert find_attribution(s) == "UNAMA"
    s = "Figures from Airwars show that 30 residents were killed in the raid."
    assert find_attribution(s) == "Airwars"


def test_confirmed_by_a_party_as_having_is_that_party_not_the_rest_of_the_clause():
    s = "At least 60 residents were later confirmed by the Coalition as having died in the raid on the block."
    assert find_attribution(s) == "the Coalition"


def test_a_report_inverted_after_the_clause_names_its_outlet_not_the_clause():
    s = (
        "Shells hit the market of the town, killing at least 8 people, reported the pro-government "
        "Valley Witness news network on Telegram on Sunday."
    )
    party = find_attribution(s)
    assert party is not None and "Valley Witness" in party
    assert "Shells" not in party and "Telegram" not in party


def test_a_civil_defence_outside_syria_is_not_the_white_helmets():
    s = "Strikes killed 30 people across the strip on Saturday, the territory's civil defence agency said."
    assert find_attribution(s) == "territory's civil defence agency"
    s = "Nine bodies were pulled from the rubble, Iraqi civil defence on the scene reported."
    assert find_attribution(s) == "Iraqi civil defence"
    # in a Syrian report the civil defence is the White Helmets, as before
    assert (
        find_attribution("Five were killed in the strike, the civil defence said.") == "Syria Civil Defence"
    )


def test_the_party_of_a_saying_clause_speaks_for_the_toll_it_carries():
    s = "Jets pounded the town on Monday, with a monitor saying at least 9 civilians had been killed."
    assert find_attribution(s, None, (SOHR,)) == SOHR
    s = "Four families lost relatives, with Valley Radio and other sources saying that 12 people died."
    party = find_attribution(s)
    assert party is not None and party.startswith("Valley Radio")
    # a participle with no party of its own names nobody
    assert find_attribution("Residents fled the town, saying the shelling had not stopped.") is None


def test_a_title_with_a_full_stop_does_not_cut_the_speakers_name():
    s = "At least 30 people died, according to Dr. Hana Saleh, the director of the city's main hospital."
    party = find_attribution(s)
    assert party is not None and "Hana Saleh" in party


def test_the_un_mission_or_the_mission_is_the_un_body_the_report_named():
    named = ("UNAMA",)
    assert (
        find_attribution("The UN mission said on Tuesday that nine farmers were killed.", None, named)
        == "UNAMA"
    )
    assert (
        find_attribution("Nine farmers were killed, the mission said in a statement.", None, named) == "UNAMA"
    )
    # the UN itself stays the UN
    assert find_attribution("The UN said nine farmers were killed.", None, named) == "UN"
