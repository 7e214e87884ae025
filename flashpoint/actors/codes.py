"""Country codes written in CAMEO rather than ISO 3166 alpha-3 ("JAP" for Japan).

Gold standards coded with CAMEO compare against flashpoint's ISO3 codes only after this mapping;
the table is `data/actors/cameo_countries.tsv`, edited by people.
"""

from __future__ import annotations

import csv
from functools import cache

from ..exceptions import KnowledgeBaseError
from .kb import DATA_DIR

CAMEO_FILE = DATA_DIR / "cameo_countries.tsv"


@cache
def cameo_table() -> dict[str, str]:
    """CAMEO code -> ISO3 code, for the codes that differ."""
    lines = [
        line
        for line in CAMEO_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    table: dict[str, str] = {}
    for number, row in enumerate(csv.DictReader(lines, delimiter="\t"), start=2):
        cameo, iso3 = (row.get("cameo") or "").strip(), (row.get("iso3") or "").strip()
        if len(cameo) != 3 or len(iso3) != 3:
            raise KnowledgeBaseError(f"{CAMEO_FILE}: row {number} needs a 3-letter cameo and iso3")
        table[cameo.upper()] = iso3.upper()
    return table


def iso3(code: str) -> str:
    """The ISO3 code for a CAMEO country code (other codes come back upper-cased, unchanged)."""
    code = code.upper()
    return cameo_table().get(code, code)
