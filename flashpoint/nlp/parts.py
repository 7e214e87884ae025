"""Long articles through spaCy's own components a part at a time.

spaCy's statistical components work on a whole Doc at once, and their working arrays grow with
its length: a 200,000-character article took the process from about 330 MB to 950 MB, most of
it in tok2vec and NER, and glibc keeps much of that after. Those components read only the
words near each word, and a blank line always ends a sentence (`fp_paragraphs`), so a long
article is cut at paragraph starts into parts of at most PART_CHARS, each part annotated on its
own, and the parts joined back into one Doc with the same text. The flashpoint components then
read the joined Doc whole, as they must: coreference, the article's focus place and the
document date span the article. Articles up to PART_CHARS take the usual path unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import doc_layout

PART_CHARS = 50_000
# The components that read the article whole; every one before the first of them is local.
WHOLE = ("fp_actors", "fp_timex", "fp_places", "fp_events")

Context = TypeVar("Context")


def local_names(nlp: Language) -> list[str]:
    """The enabled components that read words only near each word."""
    names = nlp.pipe_names
    first = min((names.index(name) for name in WHOLE if name in names), default=len(names))
    return names[:first]


def text_length(doc: Doc) -> int:
    """len(doc.text) without building the text."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def cuts(paragraphs: Iterable[tuple[int, int]], length: int, limit: int) -> list[tuple[int, int]]:
    """Stretches from 0 to `length`, each starting where a paragraph does, of at most `limit`
    characters unless one paragraph alone is longer."""
    stretches: list[tuple[int, int]] = []
    begin = last = 0  # `last`: the latest paragraph start that keeps the stretch short enough
    for boundary in [start for start, _ in paragraphs if start > 0] + [length]:
        if boundary - begin > limit and last > begin:
            stretches.append((begin, last))
            begin = last
        last = boundary
    stretches.append((begin, length))
    return stretches


def in_parts(nlp: Language, doc: Doc, limit: int = PART_CHARS) -> Doc:
    """`doc` annotated by the enabled components: the local ones a part at a time, the others
    on the joined whole. Custom attributes set on `doc` before (`Doc._`) are kept."""
    local = set(local_names(nlp))
    text = doc.text
    done = []
    for start, end in cuts(doc_layout(doc).paragraphs, len(text), limit):
        part = nlp.make_doc(text[start:end])
        for name, proc in nlp.pipeline:
            if name in local:
                part = proc(part)
        done.append(part)
    # No component of ours reads tok2vec's tensor; leaving it out saves holding a second copy.
    whole = Doc.from_docs(done, ensure_whitespace=False, exclude=("tensor",))
    whole.user_data.update(doc.user_data)
    for name, proc in nlp.pipeline:
        if name not in local:
            whole = proc(whole)
    return whole


def pipe(
    nlp: Language,
    pairs: Iterable[tuple[Doc, Context]],
    batch_size: int,
    limit: int = PART_CHARS,
) -> Iterator[tuple[Doc, Context]]:
    """`nlp.pipe(pairs, as_tuples=True)` in the same order, with a Doc longer than `limit`
    characters annotated `in_parts`."""
    queue: list[tuple[Doc, Context]] = []
    for doc, context in pairs:
        if text_length(doc) > limit:
            yield from nlp.pipe(queue, as_tuples=True, batch_size=batch_size)
            queue = []
            yield in_parts(nlp, doc, limit), context
            continue
        queue.append((doc, context))
        if len(queue) >= batch_size:
            yield from nlp.pipe(queue, as_tuples=True, batch_size=batch_size)
            queue = []
    yield from nlp.pipe(queue, as_tuples=True, batch_size=batch_size)
