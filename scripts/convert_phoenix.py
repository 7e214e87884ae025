"""Convert the Phoenix/CAMEO actor dictionaries (MIT, Open Event Data Alliance) into phoenix.json.

    python scripts/convert_phoenix.py [PHOENIX_DIR] [OUTPUT]

Reads the TABARI-format `Phoenix.*.actors.txt` files and writes a compact JSON list of entries
(id, name, type, aliases, dated country/sector codes) that `flashpoint.actors.kb` loads as the
broad, low-priority layer under the curated YAML files. Country headings are skipped (countries.tsv
covers them); single-word aliases are dropped unless they are acronyms, because a bare surname or
word from a 50,000-name list would otherwise turn ordinary text into actors. The MIT notice
travels with the data in the output's "notice" field.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flashpoint.actors.normalize import alias_key  # noqa: E402

DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "phoenix"
DEFAULT_OUTPUT = ROOT / "flashpoint" / "data" / "actors" / "phoenix.json"
FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
SECTORS = frozenset(
    ("GOV", "MIL", "COP", "SPY", "REB", "INS", "PTY", "OPP", "CVL", "MED", "BUS")
    + ("NGO", "IGO", "JUD", "LEG", "REF", "HLH", "EDU", "LAB", "REL", "CRM")
)
# CAMEO codes that are not ISO 3166 alpha-3 but name one country.
COUNTRY_FIXES = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "BUR": "MMR", "SRP": "SRB", "ANG": "AGO"}
PSEUDO = {"IGO": ("IGO", "IGO"), "NGO": ("IGO", "NGO"), "IMG": ("IMG", "REB"), "MNC": (None, "BUS")}
ORG_WORDS = frozenset(
    """army force forces party ministry council committee front movement organization organisation
    brigade brigades group union league agency bank company corporation association federation
    commission court police guard guards government parliament assembly alliance network
    institute university office department service services corps division regiment battalion
    authority fund program programme mission society church""".split()  # noqa: SIM905
)
# Entries named by an office ("US Secretary of Defense") are left to titles.yaml, which resolves
# the office to whoever held it on the document date.
ROLE_WORDS = frozenset(
    """minister secretary president premier chancellor spokesman spokeswoman ambassador governor
    mayor chief commander leader head deputy envoy chairman""".split()  # noqa: SIM905
)
LOWER_WORDS = frozenset(
    {"of", "the", "and", "for", "in", "on", "al", "el", "de", "la", "du", "des"}
)
CODE_RE = re.compile(r"\[([^\]]*)\]")


def read_lines(path: Path) -> list[str]:
    lines = []
    for raw in path.read_bytes().splitlines():
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("latin-1"))
    return lines


def notice(source: Path) -> str:
    return (source / "LICENSE").read_text(encoding="utf-8").strip()


def parse_date(text: str) -> str | None:
    digits = text.strip()
    if len(digits) == 6 and digits.isdigit():
        year = int(digits[:2])
        century = 2000 if year <= 30 else 1900
        digits = f"{century + year}{digits[2:]}"
    if len(digits) != 8 or not digits.isdigit():
        return None
    month, day = int(digits[4:6]), int(digits[6:8])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"


def parse_code(body: str, countries: set[str]) -> list | None:
    """'AFGGOV 331108-730717' -> ['AFG', 'GOV', '1933-11-08', '1973-07-17']."""
    parts = body.split()
    if not parts:
        return None
    code = parts[0].upper()
    head = COUNTRY_FIXES.get(code[:3], code[:3])
    if head in PSEUDO:
        country, sector = PSEUDO[head]
    elif head in countries:
        country, sector = head, None
        rest = code[3:]
        for i in range(0, len(rest), 3):
            if rest[i : i + 3] in SECTORS:
                sector = rest[i : i + 3]
                break
    else:
        return None
    since = until = None
    if len(parts) > 1:
        span = parts[1]
        if span.startswith(">"):
            since = parse_date(span[1:])
        elif span.startswith("<"):
            until = parse_date(span[1:])
        elif "-" in span:
            first, _, last = span.partition("-")
            since, until = parse_date(first), parse_date(last)
    return [country, sector, since, until]


def pretty(raw: str) -> tuple[str, list[str]]:
    """'ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_' -> ('Aden Abyan Islamic Army', ['AAIA'])."""
    acronyms = re.findall(r"\(([A-Z0-9-]{2,})\)", raw)
    text = re.sub(r"\([^)]*\)", " ", raw).replace("_", " ").strip(" +")
    words = []
    for number, word in enumerate(text.split()):
        lower = word.lower()
        if number and lower in LOWER_WORDS:
            words.append(lower)
        else:
            words.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(words), acronyms


def keep_alias(alias: str, acronym: bool) -> bool:
    if acronym:
        return 3 <= len(alias) <= 8
    tokens = alias_key(alias)[0]  # the matcher's own tokens: "al" and "the" do not count
    return len(tokens) >= 2 and sum(len(token) for token in tokens) >= 6


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def parse_file(path: Path, countries: set[str]) -> list[dict]:
    blocks: list[dict] = []
    current: dict | None = None
    for raw in read_lines(path):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("!"):
            continue
        codes = [parse_code(body, countries) for body in CODE_RE.findall(line)]
        text = CODE_RE.sub(" ", line).strip()
        if line[0] not in " \t+[" and text:
            current = {"names": [text], "codes": [], "heading": False}
            blocks.append(current)
        elif text.startswith("+") and current is not None:
            current["names"].append(text[1:].strip())
        if current is None:
            continue
        current["codes"].extend(code for code in codes if code is not None)
        if any(
            len(body.strip()) == 3 and body.strip() in countries for body in CODE_RE.findall(line)
        ):
            current["heading"] = True
    return blocks


def entry_type(name: str, codes: list[list], source: str) -> str:
    words = {word.lower() for word in name.split()}
    if words & ORG_WORDS:
        return "igo" if codes and codes[0][0] == "IGO" else "org"
    if source.endswith("MilNonState.actors.txt"):
        return "org"
    if any(code[2] or code[3] for code in codes):
        return "person"
    return "person" if source.endswith("Countries.actors.txt") else "org"


def convert(source: Path, countries: set[str]) -> dict:
    entries, seen = [], set()
    for name in FILES:
        for block in parse_file(source / name, countries):
            if block["heading"] or not block["codes"]:
                continue
            display, _ = pretty(block["names"][0])
            if ROLE_WORDS & {word.lower() for word in re.findall(r"[^\W_]+", display)}:
                continue
            aliases: list[str] = []
            for raw in block["names"]:
                alias, found = pretty(raw)
                for candidate, acronym in [(alias, False), *((a, True) for a in found)]:
                    if keep_alias(candidate, acronym) and candidate not in aliases:
                        aliases.append(candidate)
            if not aliases:
                continue
            codes = block["codes"]
            if all(code[0] is None for code in codes):
                continue  # multinational companies: no country, no bearing on conflict coding
            kind = entry_type(display, codes, name)
            base = f"px/{slug(display)}"
            entry_id, number = base, 2
            while entry_id in seen:
                entry_id, number = f"{base}-{number}", number + 1
            seen.add(entry_id)
            # Only `aliases` are matched; the display name may be a dropped single word.
            entries.append([entry_id, display, kind, aliases, codes])
    return {
        "source": "Phoenix/CAMEO actor dictionaries, converted by scripts/convert_phoenix.py",
        "notice": notice(source),
        "entries": entries,
    }


def known_countries() -> set[str]:
    path = ROOT / "flashpoint" / "data" / "actors" / "countries.tsv"
    rows = [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()]
    return {row for row in rows if len(row) == 3 and row.isupper()}


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    output = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUTPUT
    data = convert(source, known_countries())
    output.write_text(dumps(data), encoding="utf-8")
    print(f"wrote {len(data['entries'])} entries to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
