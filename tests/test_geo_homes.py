"""An outlet's home: places in a local paper's other articles decide its bare namesakes."""

from __future__ import annotations

from collections import Counter

import pytest

from flashpoint.geo.homes import Homes, Votes, outlet_key
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
        (None, None, None),
    ],
)
def test_outlet_key_is_the_outlet_else_the_url_host(outlet, url, key):
    assert outlet_key(outlet, url) == key


def test_home_leaves_out_the_articles_own_votes():
    homes = Homes()
    own = Votes(Counter({"USA": 2}), Counter({"US.GA": 2}))
    homes.add("paper", own)
    assert homes.home("paper", own) is None  # nothing but itself
    homes.add("paper", Votes(Counter({"USA": 1}), Counter({"US.GA": 1})))
    home = homes.home("paper", own)
    assert home is not None
    assert home.countries == {"USA": 1.0} and home.admin1s == {"US.GA": 1.0}
    assert homes.home("other paper") is None and homes.home(None) is None


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
