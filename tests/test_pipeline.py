from __future__ import annotations

from datetime import date

import flashpoint
from flashpoint.model import Document, Event
from flashpoint.nlp.loader import COMPONENTS
from flashpoint.pipeline import annotate, prepare


def test_flashpoint_components_run_after_the_statistical_model(nlp):
    names = [name for name, _ in COMPONENTS]
    assert nlp.pipe_names[-len(names) :] == names
    assert nlp.pipe_names.index("parser") < nlp.pipe_names.index("fp_actors")


def test_document_attributes_survive_batching(nlp):
    documents = [
        Document(
            id=f"doc-{n}", text=f"Article number {n} about nothing.", published=date(2020, 1, n)
        )
        for n in range(1, 6)
    ]
    seen = [
        (document.id, doc._.fp_doc_id, doc._.fp_published)
        for document, doc in annotate(documents, nlp, 2)
    ]
    assert seen == [(f"doc-{n}", f"doc-{n}", date(2020, 1, n)) for n in range(1, 6)]


def test_metadata_date_is_recorded_as_such():
    document = prepare(Document(id="a", text="x", published=date(2021, 3, 4)))
    assert document.date_source == "metadata"


def test_extract_returns_events_without_a_database():
    events = flashpoint.extract(
        "Rebel fighters shelled the town of Goma on Tuesday, killing three civilians.",
        published="2024-05-09",
    )
    assert isinstance(events, list)
    assert all(isinstance(event, Event) for event in events)


def test_a_blank_line_ends_the_headline_sentence(nlp):
    doc = nlp("Jets Strike Depots Near Mosul\n\nMOSUL, June 3 — Jets bombed two depots on Monday.")
    sentences = [sentence.text.strip() for sentence in doc.sents]
    assert sentences[0] == "Jets Strike Depots Near Mosul"
    assert sentences[1].startswith("MOSUL, June 3")


def test_single_line_breaks_are_left_to_the_parser(nlp):
    doc = nlp("Troops moved north on Monday\nand reached the river by night.")
    assert len(list(doc.sents)) == 1
