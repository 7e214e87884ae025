"""spaCy loading and the flashpoint pipeline components."""

from .loader import build_pipeline, load_nlp

__all__ = ["build_pipeline", "load_nlp"]
