"""Syndicated copies and near-duplicate articles, found with MinHash and LSH (datasketch).

A wire story republished by twenty outlets is one report, not twenty: each copy maps to one
representative article, so its events join the original's and it is not counted twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from ..model import Document
from .settings import MergeSettings, load_settings
from .sketch import datasketch, lsh_params

if TYPE_CHECKING:
    from datasketch import MinHash

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int) -> set[str]:
    """Overlapping runs of `size` lower-cased words: robust to changed headlines and bylines."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[index : index + size]) for index in range(len(words) - size + 1)}


def signature(text: str, settings: MergeSettings | None = None) -> MinHash:
    settings = settings or load_settings()
    minhash = datasketch().MinHash(num_perm=settings.num_perm, seed=1)
    # One vectorised update per text: per-shingle updates dominate the cost on long articles.
    minhash.update_batch(
        [shingle.encode("utf-8") for shingle in shingles(text, settings.shingle_words)]
    )
    return minhash


def _precedence(document: Document) -> tuple[date, int, str]:
    """The original is the earliest published; undated copies come last; then the shortest id."""
    return (document.published or date.max, len(document.id), document.id)


def near_duplicates(
    documents: Iterable[Document] | dict[str, Document],
    threshold: float | None = None,
    settings: MergeSettings | None = None,
) -> dict[str, str]:
    """doc_id -> doc_id of its representative, for every document (itself when unique)."""
    settings = settings or load_settings()
    threshold = settings.duplicate_threshold if threshold is None else threshold
    if isinstance(documents, dict):
        documents = documents.values()
    by_id = {document.id: document for document in documents}
    parent = {doc_id: doc_id for doc_id in by_id}

    def find(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    def union(first: str, second: str) -> None:
        root_first, root_second = find(first), find(second)
        if root_first != root_second:
            keep, drop = sorted((root_first, root_second), key=lambda i: _precedence(by_id[i]))
            parent[drop] = keep

    # Identical texts first: cheap, exact, and independent of the LSH threshold.
    by_hash: dict[str, str] = {}
    for doc_id, document in by_id.items():
        seen = by_hash.setdefault(document.content_hash, doc_id)
        if seen != doc_id:
            union(seen, doc_id)

    if sum(1 for document in by_id.values() if document.text.strip()) < 2:
        # No pair to compare: skip building the index (and importing datasketch for it).
        return {doc_id: find(doc_id) for doc_id in by_id}
    # LSH only proposes candidates; a looser banding keeps it valid for thresholds near 1
    # (datasketch needs at least two bands) and the estimated Jaccard below decides.
    banding = min(threshold, 0.7)
    lsh = datasketch().MinHashLSH(
        threshold=banding,
        num_perm=settings.num_perm,
        params=lsh_params(banding, settings.num_perm),
    )
    minhashes: dict[str, MinHash] = {}
    for doc_id, document in by_id.items():
        if not document.text.strip():
            continue
        minhash = signature(document.text, settings)
        for other in lsh.query(minhash):
            if minhash.jaccard(minhashes[other]) >= threshold:
                union(doc_id, other)
        lsh.insert(doc_id, minhash)
        minhashes[doc_id] = minhash
    return {doc_id: find(doc_id) for doc_id in by_id}


def distinct_sources(sources: Iterable[str], duplicates: dict[str, str] | None = None) -> int:
    """How many independent reports: copies of one article count once."""
    duplicates = duplicates or {}
    return len({duplicates.get(doc_id, doc_id) for doc_id in sources})
