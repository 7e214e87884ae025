"""An outlet's home: places in a local paper's other articles decide its bare namesakes."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.language import Language

from flashpoint.geo.gazetteer import Candidate
from flashpoint.geo.homes import Homes, outlet_key
from flashpoint.model import Document
from flashpoint.pipeline import annotate

# A small Georgia paper: three articles say where it is, the fourth names only "Dublin".
LOCAL_ARTICLES = [
    ("board", "The Laurens County school board met in Dublin on Monday to discuss the budget."),
    (
        "barn",
        "A fire destroyed a barn near Dudley, Georgia, on Sunday, the county fire chief said.",
    ),
    ("arrest", "Macon police said the suspect was arrested in Warner Robins, Georgia."),
    ("library", "The mayor of Dublin said the new library will open in the spring."),
]


def _places(documents: list[Document], nlp, homes: Homes | None = None) -> dict[str, dict]:
    return {
        document.id: {
            span.text: (span._.fp_place.country, span._.fp_place.admin1)
            for span in doc.spans["fp_places"]
        }
        for document, doc in annotate(documents, nlp, homes=homes)
    }


@pytest.mark.parametrize(
    ("outlet", "url", "key"),
    [
        ("The Courier Herald", None, "the courier herald"),
        (None, "https://www.dublinga.example/news/1", "dublinga.example"),
        (None, "news.example.org/story", "news.example.org"),
        ("  ", None, None),
        (None, "[", None),
        (None, "http://[::1", None),
        (None, None, None),
    ],
)
def test_outlet_key_is_the_outlet_else_the_url_host(outlet, url, key):
    assert outlet_key(outlet, url) == key


def _votes(**readings: tuple[str, str]) -> dict[str, Counter]:
    return {key: Counter({reading: 1}) for key, reading in readings.items()}


def test_home_leaves_out_the_articles_own_votes():
    homes = Homes()
    own = _votes(macon=("USA", "US.GA"))
    homes.add("paper", own)
    assert homes.home("paper", own) is None  # nothing but itself
    homes.add("paper", _votes(dudley=("USA", "US.GA")))
    home = homes.home("paper", own)
    assert home is not None and set(home.by_key) == {"dudley"}
    assert homes.home("other paper") is None and homes.home(None) is None


def test_a_name_is_not_its_own_evidence():
    """Five articles that read "Dublin" as Ireland's capital do not make a sixth one Irish."""
    homes = Homes()
    for _ in range(5):
        homes.add("paper", _votes(dublin=("IRL", "IE.L")))
    homes.add("paper", _votes(macon=("USA", "US.GA")))
    home = homes.home("paper")
    irish = Candidate(1, "Dublin", "IRL", "Leinster", "IE.L", 53.3, -6.3, 1_000_000, "city", 1)
    georgian = Candidate(2, "Dublin", "USA", "Georgia", "US.GA", 32.5, -82.9, 16_000, "city", 2)
    assert home.score(georgian, "dublin") > home.score(irish, "dublin") == 0.0
    # the states holding at least HOME_STATE_SHARE of the readings are the outlet's own
    assert home.states() == frozenset({"IE.L"})


@pytest.mark.slow
def test_a_local_papers_bare_namesake_is_its_own_town(nlp):
    documents = [Document(id=i, text=t, outlet="The Courier Herald") for i, t in LOCAL_ARTICLES]
    assert _places(documents, nlp)["library"]["Dublin"] == ("USA", "Georgia")


@pytest.mark.slow
def test_without_an_outlet_the_namesake_keeps_its_world_reading(nlp):
    documents = [Document(id=i, text=t) for i, t in LOCAL_ARTICLES]
    assert _places(documents, nlp)["library"]["Dublin"] == ("IRL", "Leinster")


@pytest.mark.slow
def test_articles_of_another_outlet_say_nothing(nlp):
    documents = [Document(id=i, text=t, outlet="Georgia paper") for i, t in LOCAL_ARTICLES[:3]]
    documents.append(Document(id="library", text=LOCAL_ARTICLES[3][1], outlet="Irish paper"))
    assert _places(documents, nlp)["library"]["Dublin"] == ("IRL", "Leinster")


@pytest.mark.slow
def test_an_outlets_home_carries_over_to_later_batches(nlp):
    homes = Homes()
    earlier = [
        Document(id=i, text=t, url="https://herald.example/a") for i, t in LOCAL_ARTICLES[:3]
    ]
    _places(earlier, nlp, homes)
    later = [Document(id="library", text=LOCAL_ARTICLES[3][1], url="http://herald.example/b")]
    assert _places(later, nlp, homes)["library"]["Dublin"] == ("USA", "Georgia")


@pytest.mark.parametrize(
    ("articles", "mention", "state"),
    [
        (  # a one-word town nothing else in its article calls a place
            [
                ("crash", "Anderson County deputies closed a road near Palestine, Texas."),
                ("budget", "The Crockett school board in Texas approved its budget on Monday."),
                ("news", "Grapeland center plans a fund-raiser on Friday."),
            ],
            "Grapeland",
            "Texas",
        ),
        (  # a two-word town NER took for a person's name
            [
                (
                    "council",
                    "The York County council in South Carolina met in Rock Hill on Monday.",
                ),
                ("school", "A new school will open in Fort Mill, South Carolina, next fall."),
                ("news", "Firefighters battle Tega Cay fire after a storm."),
            ],
            "Tega Cay",
            "South Carolina",
        ),
    ],
)
@pytest.mark.slow
def test_a_town_of_the_outlets_state_is_a_place_only_with_the_outlet(nlp, articles, mention, state):
    local = [Document(id=i, text=t, outlet="local paper") for i, t in articles]
    assert _places(local, nlp)["news"][mention] == ("USA", state)
    alone = [Document(id="news", text=articles[-1][1])]
    assert mention not in _places(alone, nlp)["news"]


SHOOTING = (
    "shooting",
    "Gunmen attacked a shop in Dublin on Monday, killing two people, police said.",
)


@pytest.mark.slow
@pytest.mark.parametrize(("earlier", "admin1"), [(LOCAL_ARTICLES[:3], "Georgia"), ([], "Leinster")])
def test_an_outlets_home_carries_over_to_the_next_run_through_the_store(
    tmp_path, db_url, earlier, admin1
):
    import json

    from flashpoint.ingest.batch import process
    from flashpoint.store import Store

    def write(name: str, articles: list[tuple[str, str]]):
        path = tmp_path / name
        records = [{"id": i, "text": t, "url": f"https://herald.example/{i}"} for i, t in articles]
        path.write_text("\n".join(json.dumps(record) for record in records), "utf-8")
        return path

    with Store(db_url) as store:
        if earlier:
            process([write("monday.jsonl", earlier)], store)
        summary = process([write("tuesday.jsonl", [SHOOTING])], store)
    [event] = summary.events
    assert event.location is not None and event.location.admin1 == admin1


@Language.component("fp_test_crash")
def _crash(doc):
    if "CRASH" in doc.text:
        raise RuntimeError("component bug")
    return doc


@pytest.mark.slow
def test_a_failed_chunk_does_not_count_its_votes_twice():
    from flashpoint.geo import component  # noqa: F401  (registers fp_places)
    from flashpoint.ingest.batch import annotate_safely
    from flashpoint.nlp import load_nlp

    nlp = load_nlp()
    nlp.add_pipe("fp_places")
    nlp.add_pipe("fp_test_crash")
    text = "A fire destroyed a barn near Dudley, Georgia, on Sunday."
    documents = [
        Document(id="barn", text=text, outlet="paper"),
        Document(id="bug", text=f"{text} CRASH", outlet="paper"),
    ]
    homes = Homes()
    results = list(annotate_safely(documents, nlp, batch_size=4, homes=homes))
    assert [error is None for _, _, error in results] == [True, False]
    # the chunk failed as a whole; then "barn" voted once, and "bug" failed: no vote
    votes = homes.snapshot()["paper"]
    assert votes["dudley"] == Counter({("USA", "US.GA"): 1})
