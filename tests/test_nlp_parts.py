"""Long articles through spaCy's components a part at a time: the same Doc, less memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.ingest.layout import read_layout
from flashpoint.nlp import parts
from flashpoint.pipeline import prepare

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


@pytest.mark.parametrize(
    ("paragraphs", "length", "limit", "expected"),
    [
        ([(0, 50)], 50, 100, [(0, 50)]),  # short: one stretch
        ([(0, 40), (42, 80), (82, 120)], 120, 85, [(0, 82), (82, 120)]),
        ([(0, 40), (42, 80), (82, 120)], 120, 45, [(0, 42), (42, 82), (82, 120)]),
        # one paragraph longer than the limit stands alone rather than being cut inside
        ([(0, 10), (12, 300), (302, 320)], 320, 50, [(0, 12), (12, 302), (302, 320)]),
        ([(0, 300)], 300, 50, [(0, 300)]),
        ([], 0, 50, [(0, 0)]),
    ],
)
def test_cuts_fall_on_paragraph_starts_and_keep_within_the_limit(
    paragraphs, length, limit, expected
) -> None:
    assert parts.cuts(paragraphs, length, limit) == expected


@pytest.mark.parametrize("name", ["drc_goma_m23.txt", "sudan_khartoum_fighting.txt"])
def test_an_article_read_in_parts_gives_the_doc_and_events_of_one_read_whole(nlp, name) -> None:
    from flashpoint.model import Document

    text = (EXAMPLES / name).read_text(encoding="utf-8").split("\n\n", 1)[1]

    def pairs():
        document = prepare(Document(id=name, text=text))
        doc = nlp.make_doc(text)
        doc._.fp_doc_id = document.id
        doc._.fp_published = document.published
        doc._.fp_layout = read_layout(text)
        return [(doc, document)]

    ((whole, _),) = list(parts.pipe(nlp, pairs(), batch_size=4))
    limit = 400
    assert parts.text_length(whole) > 3 * limit  # the part-wise path is the one taken below
    ((cut, _),) = list(parts.pipe(nlp, pairs(), batch_size=4, limit=limit))
    assert cut.text == whole.text
    assert [token.text for token in cut] == [token.text for token in whole]
    assert [sent.start for sent in cut.sents] == [sent.start for sent in whole.sents]
    assert cut._.fp_doc_id == name and cut._.fp_layout is whole._.fp_layout
    records = [event.to_record() for event in cut._.fp_events]
    assert records and records == [event.to_record() for event in whole._.fp_events]


def test_short_and_long_documents_keep_their_order(nlp) -> None:
    texts = ["KYIV - Shelling hit Kyiv.", "Rockets hit Erbil.\n\n" * 40, "Troops left Goma."]
    pairs = [(nlp.make_doc(text), number) for number, text in enumerate(texts)]
    out = list(parts.pipe(nlp, pairs, batch_size=2, limit=100))
    assert [number for _, number in out] == [0, 1, 2]
    assert [doc.text for doc, _ in out] == texts
