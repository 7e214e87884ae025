"""Near-duplicate articles (syndicated copies) found with MinHash LSH."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.merge import distinct_sources, near_duplicates
from flashpoint.model import Document

WIRE = (
    "KRAMATORSK, Ukraine - A missile carrying cluster munitions struck the railway station in "
    "Kramatorsk on Friday morning while hundreds of people, most of them women and children, "
    "waited for evacuation trains to the west. Regional officials said at least fifty people were "
    "killed and about a hundred were wounded. The remains of the missile lay beside the station "
    "building with the words 'for the children' painted on its side. Ukrainian officials blamed "
    "Russian forces, while the defence ministry in Moscow denied that its troops had fired on the "
    "town and said the missile type was used only by the Ukrainian army."
)
# The same wire story as a second outlet ran it: new headline line, one sentence trimmed.
SYNDICATED = (
    "Missile hits crowded station in eastern Ukraine\n\n"
    + WIRE.replace(
        " The remains of the missile lay beside the station building with the words 'for the "
        "children' painted on its side.",
        "",
    )
    + " Staff and agencies contributed."
)
# A different report of the same strike, in other words: not a copy.
REWRITE = (
    "Ukraine mourns victims of the Kramatorsk station attack. A day after the strike, workers "
    "cleared luggage and prams from the platforms. The local governor raised the death toll to "
    "fifty-two, including five children, and said many of the injured were in serious condition. "
    "Western leaders condemned the attack and promised more support for Kyiv."
)
UNRELATED = (
    "GOMA, Democratic Republic of Congo - M23 rebels advanced to within a few kilometres of Goma, "
    "forcing thousands of families to flee toward the city as the army and allied militias fought "
    "to hold the main road north of the lake shore."
)


def doc(doc_id: str, text: str, published: str | None = None) -> Document:
    when = date.fromisoformat(published) if published else None
    return Document(id=doc_id, text=text, published=when)


def test_syndicated_copy_maps_to_the_earlier_original() -> None:
    documents = [
        doc("outlet-b", SYNDICATED, "2022-04-09"),
        doc("wire", WIRE, "2022-04-08"),
        doc("recap", REWRITE, "2022-04-09"),
        doc("goma", UNRELATED, "2022-11-01"),
    ]
    assert near_duplicates(documents) == {
        "outlet-b": "wire",
        "wire": "wire",
        "recap": "recap",
        "goma": "goma",
    }


def test_identical_texts_are_duplicates_whatever_the_threshold() -> None:
    documents = {"x": doc("x", UNRELATED), "y": doc("y", UNRELATED)}
    assert near_duplicates(documents, threshold=0.99) == {"x": "x", "y": "x"}


@pytest.mark.parametrize(
    ("threshold", "is_copy"),
    [(0.5, True), (0.6, True), (0.9, False)],
)
def test_threshold_controls_how_close_a_copy_must_be(threshold: float, is_copy: bool) -> None:
    documents = [doc("wire", WIRE, "2022-04-08"), doc("copy", SYNDICATED, "2022-04-09")]
    assert (near_duplicates(documents, threshold=threshold)["copy"] == "wire") is is_copy


def test_empty_and_tiny_documents_are_their_own_representatives() -> None:
    documents = [doc("empty", ""), doc("tiny", "Shelling reported."), doc("wire", WIRE)]
    mapping = near_duplicates(documents)
    assert mapping["empty"] == "empty"
    assert mapping["tiny"] == "tiny"


def test_distinct_sources_counts_copies_once() -> None:
    duplicates = {"wire": "wire", "copy": "wire", "recap": "recap"}
    assert distinct_sources(["wire", "copy", "recap"], duplicates) == 2
    assert distinct_sources(["wire", "copy", "recap"]) == 3
