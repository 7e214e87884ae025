"""spaCy component "fp_paragraphs": a blank line always ends a sentence.

The statistical parser happily joins a headline or a dateline block to the lead that follows
it, so the headline's event inherits the lead's date and place. Runs before the parser, which
keeps sentence starts that are already set.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("fp_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc
