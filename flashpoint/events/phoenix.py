"""Convert the Phoenix/PETRARCH CAMEO verb dictionary into `data/events/lexicon_phoenix.yaml`.

The Phoenix dictionary (MIT, Open Event Data Alliance) lists verb synonym blocks, each verb with an
optional CAMEO code, followed by "verb + object" patterns. We keep only what our coder can use
without PETRARCH's phrase machinery: single-word verbs with a code, and patterns whose object is
one plain word ("- * SANCTIONS [163]"). CAMEO codes are kept as they are; the loader maps them to
PLOVER through `cameo_plover.yaml`, so editing that table changes every derived entry.

Run:  python -m flashpoint.events.phoenix ../shared/reference/phoenix/CAMEO.2.0.txt
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "data" / "events" / "lexicon_phoenix.yaml"

NOTICE = """\
# Derived by flashpoint/events/phoenix.py from the Phoenix CAMEO verb dictionary (CAMEO.2.0.txt).
# Do not edit by hand: add or override entries in lexicon.yaml instead.
#
# The MIT License (MIT)
# Copyright (c) 2015 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of
# this software and associated documentation files (the "Software"), to deal in
# the Software without restriction, including without limitation the rights to
# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
# the Software, and to permit persons to whom the Software is furnished to do so,
# subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
# FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
# COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
# IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
VERB = re.compile(r"^([A-Z][A-Z\-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?")
PATTERN = re.compile(r"^-\s+\*\s+([A-Z][A-Z\-]*)\s+\[([^\]]*)\]")


def _code(raw: str | None) -> str | None:
    """First code of "042:043"; None for "---" or an empty/odd code."""
    if not raw:
        return None
    first = raw.strip().split(":")[0].strip()
    return first if first.isdigit() else None


def convert(text: str) -> dict[str, dict[str, str]]:
    verbs: dict[str, str] = {}
    phrases: dict[str, str] = {}
    block_code: str | None = None
    block_verbs: list[str] = []
    in_patterns = False
    for line in text.splitlines():
        if "VERB PATTERNS" in line:
            in_patterns = True
            continue
        if not in_patterns:
            continue
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        header = HEADER.match(line)
        if header:
            block_code = _code(header.group(2))
            block_verbs = []
            continue
        pattern = PATTERN.match(line)
        if pattern:
            code = _code(pattern.group(2))
            if code:
                for verb in block_verbs:
                    phrases.setdefault(f"{verb} {pattern.group(1).lower()}", code)
            continue
        if line.startswith(("-", "+", "&")):
            continue
        verb = VERB.match(line)
        if verb:
            lemma = verb.group(1).lower()
            block_verbs.append(lemma)
            code = _code(verb.group(2)) or block_code
            if code:
                verbs.setdefault(lemma, code)
    return {"verbs": dict(sorted(verbs.items())), "phrases": dict(sorted(phrases.items()))}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    data = convert(Path(argv[0]).read_text(encoding="utf-8", errors="replace"))
    # Codes are written quoted: YAML would read 080 as a number and lose the leading zero.
    lines = []
    for section, entries in data.items():
        lines.append(f"{section}:")
        lines.extend(f"  {json.dumps(key)}: {json.dumps(code)}" for key, code in entries.items())
    body = "\n".join(lines) + "\n"
    OUTPUT.write_text(NOTICE + "\n" + body, encoding="utf-8")
    print(f"wrote {OUTPUT}: {len(data['verbs'])} verbs, {len(data['phrases'])} phrases")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
