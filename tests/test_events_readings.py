"""How the coder reads a sentence's main event when its words alone would mislead: willingness,
ultimatums, objects that change what a verb means, light verbs, and participles that only
describe. Sentences are written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.model import Event

pytestmark = pytest.mark.slow


def main_event(nlp, text: str) -> Event | None:
    doc = nlp.make_doc(text)
    doc._.fp_doc_id = "readings"
    doc._.fp_published = date(2022, 6, 1)
    events = [event for event in nlp(doc)._.fp_events if "negation" not in event.aux]
    return max(events, key=lambda event: event.confidence or 0) if events else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # willingness to cooperate, concede or retreat is an AGREE (PLOVER manual, AGREE)
        ("Norway is ready to contribute 300 troops to the stabilisation force.", "AGREE"),
        ("The rebels said they are willing to withdraw their fighters from the port.", "AGREE"),
        ("The minister said he was prepared to lift the ban on the newspaper.", "AGREE"),
        # an announced act with an "unless" condition is an ultimatum
        (
            "Kenya said it will withdraw its battalion from the mission unless the salaries "
            "of its soldiers are paid.",
            "THREATEN",
        ),
        # the object decides: withdrawing inspectors reduces relations, evacuating the
        # wounded helps them, halting aid punishes, accepting demands concedes
        ("The agency withdrew its inspectors from the country on Tuesday.", "SANCTION"),
        ("Red Cross teams evacuated the wounded from the shelled village.", "AID"),
        ("The European Union halted development aid to the junta.", "SANCTION"),
        ("The cabinet accepted demands from the striking miners.", "CONCEDE"),
        ("The governor shortened the nightly curfew by two hours.", "CONCEDE"),
        ("The president received a mission of election observers from the union.", "RETREAT"),
        # a light verb takes its object's meaning
        ("Oman launched a mediation effort between the two neighbours.", "CONSULT"),
        # an order whose content is coercion is coercion by whoever gives it
        ("The junta ordered the police to arrest the strike leaders.", "COERCE"),
        # troops sent as peacekeepers are protection given (CAMEO 074), not mobilisation
        ("The deployment of Irish peacekeeping troops began on Friday.", "AID"),
        # getting ready to attack is readiness short of force
        ("The rebel army prepared to resume shelling the capital.", "MOBILIZE"),
        # what is urged ranks below the urging
        ("Germany is pushing hard for Poland to support the grain deal.", "REQUEST"),
        # setting up bases and posts is a military move
        ("The army has set up two new observation points near the border.", "MOBILIZE"),
        ("The navy established a number of outposts on the islands.", "MOBILIZE"),
        # taking control of a place, or freeing it, is fighting over territory
        ("Government troops freed three villages from the insurgents on Monday.", "ASSAULT"),
        ("The militia established control over the northern districts.", "ASSAULT"),
        ("Border guards traded fire with smugglers overnight.", "ASSAULT"),
        ("The rebels were pushed back from the hills around the airport.", "ASSAULT"),
        # a measured amount of weapons found is a seizure
        ("Police said 40 kg of explosives were discovered in a farmhouse.", "COERCE"),
        # a crowd that gathers or defies a ban is protesting
        ("Demonstrators gathered outside the parliament on Friday.", "PROTEST"),
        ("Protesters defied a ban on rallies in the capital.", "PROTEST"),
        ("Thousands of demonstrators participated in the march to the palace.", "PROTEST"),
        ("The army has set up three bases along the river.", "MOBILIZE"),
        ("Sexual violence against detainees by the guards was widespread.", "ASSAULT"),
        ("Jets carried out a string of airstrikes on the port.", "ASSAULT"),
        ("Cluster munitions were dropped on the village overnight.", "ASSAULT"),
        # joint military operations cooperate; one country's exercise mobilises
        ("Indian and Japanese destroyers began a week of war games off the coast.", "COOPERATE"),
        ("The navy began a week of war games off the coast.", "MOBILIZE"),
        # forcing an agency out of a country cuts ties; forcing people out deports them
        ("The junta forced the UN children's agency out of the country.", "SANCTION"),
        # striking workers, and a bare "go on" that is no strike
        ("Dock workers went on strike in the port on Monday.", "PROTEST"),
        # "return" with no object is movement, not a release
        (
            "Delegates from both sides return to Vienna next week for talks on the border.",
            "CONSULT",
        ),
    ],
)
def test_main_event_type(nlp, text, expected):
    event = main_event(nlp, text)
    assert event is not None and event.event_type == expected, event


def test_returning_prisoners_is_still_a_release(nlp):
    event = main_event(nlp, "The militia returned twelve prisoners to the army.")
    assert event is not None and (event.event_type, event.mode) == ("RETREAT", "release")


def test_a_withdrawal_with_no_condition_stays_a_concession(nlp):
    event = main_event(nlp, "The government announced it will withdraw its troops from the border.")
    assert event is not None and event.event_type == "CONCEDE"


def test_protesters_who_die_are_victims_not_rioters(nlp):
    event = main_event(nlp, "Two protesters died from gunfire during the march.")
    assert event is not None and (event.event_type, event.mode) == ("ASSAULT", "firearms")
    assert "repression" in event.context


def test_a_non_violent_crowd_does_not_riot(nlp):
    text = "Thousands of non-violent protesters marched through the capital on Sunday."
    event = main_event(nlp, text)
    assert event is not None and (event.event_type, event.mode) == ("PROTEST", "demo")


def test_publishing_footage_is_no_release(nlp):
    event = main_event(nlp, "The army released footage of the raid on Friday.")
    assert event is None or event.event_type != "RETREAT"


def test_renewed_demand_is_the_event_not_what_is_demanded(nlp):
    text = "The union renewed its demand that the ministry ease limits on overtime."
    event = main_event(nlp, text)
    assert event is not None and event.event_type == "REQUEST"


def test_a_participle_describing_a_noun_ranks_below_the_reported_act(nlp):
    text = (
        "Jets bombed a market in the town on Monday, according to monitors supporting the rebels."
    )
    event = main_event(nlp, text)
    assert event is not None and event.event_type == "ASSAULT"
