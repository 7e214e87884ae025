"""The learned type reviewer: features, training, the decision rule, its place in the pipeline."""

from __future__ import annotations

import numpy as np
import pytest

from flashpoint.events import learned, review
from flashpoint.model import Event, Evidence

ATTACKS = [
    "Rebels shelled the town overnight.",
    "Soldiers bombed a bridge near the border.",
    "Militants shelled an army post at dawn.",
    "Jets bombed a fuel depot outside the city.",
]
MEETINGS = [
    "The two ministers met in Geneva on Monday.",
    "The envoy met tribal elders in the capital.",
    "The president met the rebel leader at the palace.",
    "Negotiators met again in Doha on Friday.",
]


def _rows(nlp, texts: list[str], rule_type: str) -> np.ndarray:
    rows = []
    for text in texts:
        doc = nlp(text)
        sentence = next(iter(doc.sents))
        rows.append(learned.featurize(sentence, sentence.root, rule_type))
    return np.stack(rows)


def test_features_are_the_same_in_every_process(nlp):
    doc = nlp("Rebels shelled the town overnight.")
    sentence = next(iter(doc.sents))
    first = learned.featurize(sentence, sentence.root, "ASSAULT")
    again = learned.featurize(sentence, sentence.root, "ASSAULT")
    assert np.array_equal(first, again)
    assert first.shape == ((1 << learned.HASH_BITS) + 2 * doc.tensor.shape[1],)
    names = learned.lexical_features(sentence, sentence.root, "ASSAULT")
    assert "trig=shell" in names and "rule=ASSAULT" in names


def test_training_separates_two_kinds_of_sentence_and_survives_a_save(nlp, tmp_path):
    rows = np.concatenate([_rows(nlp, ATTACKS, "ASSAULT"), _rows(nlp, MEETINGS, "CONSULT")])
    labels = ["ASSAULT"] * len(ATTACKS) + ["CONSULT"] * len(MEETINGS)
    model = learned.train(rows, labels, ["ASSAULT", "CONSULT", learned.NONE], epochs=150)
    predicted = [model.labels[i] for i in model.probabilities(rows).argmax(axis=1)]
    assert predicted == labels
    model.save(tmp_path / "m.npz")
    loaded = learned.TypeModel.load(tmp_path / "m.npz")
    assert loaded.labels == model.labels
    assert np.allclose(loaded.probabilities(rows), model.probabilities(rows), atol=0.02)


def _model(labels: list[str], margin: float = 0.3, none_threshold: float = 0.6):
    width = 4
    return learned.TypeModel(
        labels=labels,
        weights=np.zeros((width, len(labels)), dtype=np.float32),
        bias=np.zeros(len(labels), dtype=np.float32),
        mean=np.zeros(width, dtype=np.float32),
        scale=np.ones(width, dtype=np.float32),
        margin=margin,
        none_threshold=none_threshold,
    )


@pytest.mark.parametrize(
    ("probs", "rule_type", "expected"),
    [
        ([0.1, 0.8, 0.1], "AGREE", ("CONCEDE", None)),  # clear disagreement: relabel
        ([0.4, 0.5, 0.1], "AGREE", ("AGREE", None)),  # within the margin: the rules stand
        ([0.6, 0.3, 0.1], "AGREE", ("AGREE", None)),  # agreement
        ([0.1, 0.1, 0.8], "AGREE", ("NONE", pytest.approx(0.2))),  # not an event: a ceiling
        ([0.25, 0.2, 0.55], "AGREE", ("AGREE", None)),  # NONE below its threshold
    ],
)
def test_the_model_overrules_the_rules_only_with_a_clear_margin(probs, rule_type, expected):
    model = _model(["AGREE", "CONCEDE", learned.NONE])
    assert review.decide(model, np.array(probs), rule_type) == expected


def _event(sentence_start: int, confidence: float, aux: list[str] | None = None) -> Event:
    return Event(
        doc_id="d",
        event_type="ASSAULT",
        evidence=Evidence(text="", start=sentence_start, end=sentence_start + 5),
        confidence=confidence,
        aux=aux or [],
    )


def test_the_main_event_is_the_most_confident_one_not_negated():
    low, negated, high = _event(0, 0.4), _event(0, 0.9, ["negation"]), _event(0, 0.7)
    assert review.main_event([low, negated, high]) is high
    assert review.main_event([negated]) is None


def test_review_demotes_a_sentence_the_model_reads_as_no_event(nlp):
    doc = nlp("Analysts say the fighting has shaped a generation.")
    model = _model(["ASSAULT", learned.NONE], none_threshold=0.6)
    model.weights = np.zeros((len(learned.featurize(next(iter(doc.sents)), None, None)), 2))
    model.mean = np.zeros(model.weights.shape[0], dtype=np.float32)
    model.scale = np.ones(model.weights.shape[0], dtype=np.float32)
    model.bias = np.array([0.0, 3.0], dtype=np.float32)  # NONE with p ~ 0.95 whatever the input
    trigger = doc[3]  # "fighting"
    event = Event(
        doc_id="d",
        event_type="ASSAULT",
        evidence=Evidence(
            text=doc.text,
            start=0,
            end=len(doc.text),
            trigger_start=trigger.idx,
            trigger_end=trigger.idx + len(trigger),
        ),
        confidence=0.7,
    )
    [reviewed] = review.review(doc, [event], model)
    assert reviewed.event_type == "ASSAULT"
    assert reviewed.confidence < 0.1


def test_relabelling_drops_what_belonged_to_the_old_type():
    event = _event(0, 0.7)
    event.mode, event.cameo, event.dead = "aerial", "195", 3
    review._relabel(event, "THREATEN")
    assert (event.event_type, event.mode, event.cameo, event.dead) == ("THREATEN", None, None, None)


@pytest.mark.parametrize("name", [learned.REVIEWER_FILE, learned.PROPOSER_FILE])
def test_the_shipped_models_were_trained_on_our_own_sentences_only(name):
    model = learned.load_model(name)
    if model is None:
        pytest.skip("no trained model shipped")
    assert model.meta["trained_on"] == "train/plover_own.jsonl"
    assert set(model.labels) >= {"ASSAULT", "AGREE", learned.NONE}


def test_the_pipeline_runs_the_reviewer_unless_it_is_switched_off(monkeypatch):
    from flashpoint.nlp import loader

    monkeypatch.setenv("FLASHPOINT_LEARNED_TYPER", "off")
    loader.build_pipeline.cache_clear()
    try:
        assert "fp_learned" not in loader.build_pipeline().pipe_names
        monkeypatch.setenv("FLASHPOINT_LEARNED_TYPER", "on")
        loader.build_pipeline.cache_clear()
        assert loader.build_pipeline().pipe_names[-1] == "fp_learned"
    finally:
        loader.build_pipeline.cache_clear()


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Critics argue that sanctions rarely change the behaviour of governments.", False),
        ("Gunmen killed five villagers in an attack on a market in Zamfara on Tuesday.", True),
        ("The army arrested three protest leaders in Khartoum on Sunday.", True),
    ],
)
def test_the_shipped_reviewer_demotes_commentary_and_keeps_reports(text, kept):
    from flashpoint import extract

    if learned.load_model(learned.REVIEWER_FILE) is None:
        pytest.skip("no trained model shipped")
    events = extract(text, "2024-03-07")
    assert events, "the rules should find a candidate event here"
    best = max(event.confidence or 0.0 for event in events)
    assert (best >= 0.5) is kept


def test_a_sentence_the_rules_miss_gets_a_proposal_with_its_parties(nlp, monkeypatch):
    doc = nlp("The Kenyan army handed over three camps to local police in Garissa on Monday.")
    sentence = next(iter(doc.sents))
    width = len(learned.featurize(sentence, sentence.root, None, dense=False))
    model = _model(["ASSAULT", "RETREAT", learned.NONE], none_threshold=0.5)
    model.weights = np.zeros((width, 3), dtype=np.float32)
    model.mean = np.zeros(width, dtype=np.float32)
    model.scale = np.ones(width, dtype=np.float32)
    model.bias = np.array([0.0, 3.0, 0.0], dtype=np.float32)  # RETREAT, p ~ 0.9
    [event] = review.propose(doc, [], model)
    assert event.event_type == "RETREAT"
    assert event.trigger == "handed"
    assert event.actor is not None and event.actor.country == "KEN"
    assert 0 < (event.confidence or 0) <= 0.75
    assert event.evidence.text == sentence.text


@pytest.mark.parametrize(
    "text",
    [
        "Officials did not hand over the camps on Monday.",  # negated
        "Hope, perhaps, in the end.",  # no main verb with a subject
    ],
)
def test_no_proposal_for_negated_or_verbless_sentences(nlp, text):
    doc = nlp(text)
    sentence = next(iter(doc.sents))
    width = len(learned.featurize(sentence, sentence.root, None, dense=False))
    model = _model(["RETREAT", learned.NONE], none_threshold=0.5)
    model.weights = np.zeros((width, 2), dtype=np.float32)
    model.mean = np.zeros(width, dtype=np.float32)
    model.scale = np.ones(width, dtype=np.float32)
    model.bias = np.array([3.0, 0.0], dtype=np.float32)
    assert review.propose(doc, [], model) == []
