"""The actor knowledge base: countries, organisations, people, sectors and titles from data files.

Curated files in `flashpoint/data/actors/` (edited by people), the Phoenix import (`phoenix.json`,
produced by scripts/convert_phoenix.py) and a user overlay folder of YAML files are merged into one
`KnowledgeBase`, loaded lazily once per process. Curated and overlay entries win over imported ones.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

import yaml

from .. import config
from ..exceptions import KnowledgeBaseError
from ..tables import load_yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
CURATED_FILES = ("orgs.yaml", "people.yaml")
ENTRY_TYPES = frozenset({"country", "org", "igo", "state", "person"})
# Codes that stand in for a country: international organisations and transnational armed groups.
PSEUDO_COUNTRIES = frozenset({"IGO", "IMG", "NGO"})
RELATIONS = ("part_of", "backed_by", "designated_by")


class Role(NamedTuple):
    """A dated position: an office in a country (`role`) and/or membership of an organisation.

    A named tuple rather than a dataclass: the cached knowledge base holds some 30,000 of them,
    and tuples are restored from the cache several times faster."""

    role: str | None = None
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    since: date | None = None
    until: date | None = None

    def active(self, on: date) -> bool:
        return (self.since is None or self.since <= on) and (self.until is None or on < self.until)


@dataclass(frozen=True, slots=True)
class Relation:
    target: str
    since: date | None = None
    until: date | None = None
    note: str | None = None


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    relations: dict[str, tuple[Relation, ...]] = field(default_factory=dict)
    wikidata: str | None = None
    source: str = "curated"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class KnowledgeBase:
    entries: dict[str, Entry]
    country_names: dict[str, str]
    demonyms: dict[str, str]
    capitals: dict[str, str]
    sector_labels: dict[str, str]
    # phrase -> (sector code, strong)
    sector_words: dict[str, tuple[str, bool]]
    partitives: frozenset[str]
    affiliation_suffixes: frozenset[str]
    stance_prefixes: frozenset[str]
    # title phrase -> (role, country or None)
    titles: dict[str, tuple[str, str | None]]
    role_sectors: dict[str, str]
    coref: dict
    # A demonym listed under several countries ("Congolese"): its default country (the first row
    # that lists it) -> the other countries it may mean, chosen by what the article names.
    demonym_alternatives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _holders: dict[tuple[str, str | None], list[tuple[Role, Entry]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.entries.values():
            for role in entry.roles:
                if role.role:
                    self._holders.setdefault((role.role, role.country), []).append((role, entry))

    def by_surname(self, surname: str) -> list[Entry]:
        """People whose name ends with this word (built on first use, not stored in the cache)."""
        index = self.__dict__.get("_surnames")
        if index is None:
            index = {}
            for entry in self.entries.values():
                if entry.type == "person":
                    index.setdefault(entry.name.split()[-1], []).append(entry)
            self.__dict__["_surnames"] = index
        return index.get(surname, [])

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_surnames", None)
        return state

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def holders(self, role: str, country: str | None, on: date) -> list[Entry]:
        """Who held an office in a country on a date (curated entries first)."""
        found = [entry for held, entry in self._holders.get((role, country), []) if held.active(on)]
        return sorted(found, key=lambda entry: entry.source != "curated")

    def state_at(self, entry: Entry, on: date) -> tuple[str | None, str | None]:
        """Country and sector of an entry on a date, from the role held then."""
        for role in entry.roles:
            if not role.active(on):
                continue
            if role.org and role.org in self.entries:
                org = self.entries[role.org]
                return org.country or entry.country, role.sector or org.sector or entry.sector
            if role.country:
                sector = role.sector or self.role_sectors.get(role.role or "") or entry.sector
                return role.country, sector
        return entry.country, entry.sector

    def active(self, entry: Entry, on: date) -> bool:
        """A person is active on a date when one of their roles covers it (or they list none)."""
        return not entry.roles or any(role.active(on) for role in entry.roles)

    def search(self, query: str = "", limit: int = 50) -> list[Entry]:
        needle = query.casefold()
        found = [
            entry
            for entry in self.entries.values()
            if not needle
            or needle in entry.id.casefold()
            or any(needle in name.casefold() for name in entry.names)
        ]
        found.sort(key=lambda entry: (entry.source != "curated", entry.id))
        return found[:limit]


def parse_date(value: object, source: str, entry_id: str) -> date | None:
    if value is None or isinstance(value, date):
        return value  # type: ignore[return-value]
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise KnowledgeBaseError(source, f"entry {entry_id}: bad date {value!r}") from exc


def read_yaml(path: Path) -> object:
    try:
        return load_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(str(path), f"cannot read YAML: {exc}") from exc


def parse_entries(records: object, source: str, kind: str = "curated") -> list[Entry]:
    """Validate raw YAML records into entries; errors name the file and the entry."""
    if not isinstance(records, list):
        raise KnowledgeBaseError(source, "expected a list of entries")
    entries = []
    seen: set[str] = set()
    for number, record in enumerate(records, start=1):
        label = f"#{number}"
        if not isinstance(record, dict):
            raise KnowledgeBaseError(source, f"entry {label}: expected a mapping")
        label = str(record.get("id") or label)
        for key in ("id", "name"):
            if not isinstance(record.get(key), str) or not record[key].strip():
                raise KnowledgeBaseError(source, f"entry {label}: missing {key!r}")
        if record["id"] in seen:
            raise KnowledgeBaseError(source, f"entry {label}: id used twice")
        seen.add(record["id"])
        entry_type = record.get("type") or (
            "person" if record["id"].startswith("person/") else "org"
        )
        if entry_type not in ENTRY_TYPES:
            raise KnowledgeBaseError(source, f"entry {label}: unknown type {entry_type!r}")
        aliases = record.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(alias, str) for alias in aliases):
            raise KnowledgeBaseError(source, f"entry {label}: aliases must be a list of strings")
        roles = tuple(
            Role(
                role=item.get("role"),
                country=item.get("country"),
                org=item.get("org"),
                sector=item.get("sector"),
                since=parse_date(item.get("since"), source, label),
                until=parse_date(item.get("until"), source, label),
            )
            for item in _mappings(record.get("roles"), source, label, "roles")
        )
        relations = {
            name: tuple(
                Relation(
                    target=str(item.get("id") or item.get("by") or ""),
                    since=parse_date(item.get("since"), source, label),
                    until=parse_date(item.get("until"), source, label),
                    note=item.get("list"),
                )
                for item in _mappings(record.get(name), source, label, name)
            )
            for name in RELATIONS
            if record.get(name)
        }
        entries.append(
            Entry(
                id=record["id"],
                name=record["name"],
                type=entry_type,
                country=record.get("country"),
                sector=record.get("sector"),
                aliases=tuple(aliases),
                roles=roles,
                relations=relations,
                wikidata=record.get("wikidata"),
                source=kind,
            )
        )
    return entries


def _mappings(value: object, source: str, label: str, key: str) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise KnowledgeBaseError(source, f"entry {label}: {key} must be a list of mappings")
    return value


def check(entries: Iterable[Entry], source: str, countries: set[str], sectors: set[str]) -> None:
    """Codes must be known: ISO3 countries (or IGO/IMG) and sector codes from sectors.yaml."""
    for entry in entries:
        if (
            entry.country
            and entry.country not in countries
            and entry.country not in PSEUDO_COUNTRIES
        ):
            raise KnowledgeBaseError(source, f"entry {entry.id}: unknown country {entry.country!r}")
        if entry.sector and entry.sector not in sectors:
            raise KnowledgeBaseError(source, f"entry {entry.id}: unknown sector {entry.sector!r}")


def check_links(entries: dict[str, Entry], known: dict[str, Entry] | None = None) -> None:
    """Relations and roles must point at entries that exist (designations name countries)."""
    known = entries if known is None else known
    for entry in entries.values():
        if entry.source == "phoenix":
            continue
        targets = [(name, rel.target) for name, rels in entry.relations.items() for rel in rels]
        targets += [("roles", role.org) for role in entry.roles if role.org]
        for name, target in targets:
            if name != "designated_by" and target not in known:
                source = entry.source.removeprefix("overlay:")
                raise KnowledgeBaseError(
                    source, f"entry {entry.id}: unknown {name} target {target!r}"
                )


def overlay_dir() -> Path:
    configured = config.get("kb_overlay")
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "flashpoint" / "kb"


def _countries(
    path: Path,
) -> tuple[list[Entry], dict[str, str], dict[str, str], dict[str, str], dict[str, tuple[str, ...]]]:
    entries, names, demonyms, capitals = [], {}, {}, {}
    alternatives: dict[str, tuple[str, ...]] = {}
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"
    ]
    for row in csv.DictReader(lines, delimiter="\t"):
        iso3 = row["iso3"]
        if len(iso3) != 3:
            raise KnowledgeBaseError(str(path), f"entry {iso3!r}: iso3 must have three letters")
        aliases = tuple(name for name in (row["aliases"] or "").split("|") if name)
        entries.append(Entry(f"country/{iso3}", row["name"], "country", iso3, None, aliases))
        names[iso3] = row["name"]
        for demonym in filter(None, (row["demonyms"] or "").split("|")):
            default = demonyms.setdefault(demonym, iso3)
            if default != iso3:
                alternatives[default] = (*alternatives.get(default, ()), iso3)
        for capital in filter(None, (row["capitals"] or "").split("|")):
            capitals[capital] = iso3
    return entries, names, demonyms, capitals, alternatives


def load_phoenix(path: Path) -> list[Entry]:
    """Entries imported from the Phoenix dictionaries (see scripts/convert_phoenix.py)."""
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = []
    for entry_id, name, entry_type, aliases, roles in data["entries"]:
        parsed = tuple(
            Role(
                country=country,
                sector=sector,
                since=date.fromisoformat(since) if since else None,
                until=date.fromisoformat(until) if until else None,
            )
            for country, sector, since, until in roles
        )
        country, sector = (roles[-1][0], roles[-1][1]) if roles else (None, None)
        entries.append(
            Entry(
                entry_id,
                name,
                entry_type,
                country,
                sector,
                tuple(aliases),
                parsed,
                source="phoenix",
            )
        )
    return entries


def build(extra_dirs: Iterable[Path] = ()) -> KnowledgeBase:
    """Read every data file; later sources override earlier ones by id."""
    country_entries, names, demonyms, capitals, alternatives = _countries(
        DATA_DIR / "countries.tsv"
    )
    sectors = read_yaml(DATA_DIR / "sectors.yaml")
    titles_data = read_yaml(DATA_DIR / "titles.yaml")
    labels = dict(sectors["labels"])
    sector_words: dict[str, tuple[str, bool]] = {}
    for strength in ("weak", "strong"):
        for code, words in sectors[strength].items():
            for word in words:
                sector_words[word] = (code, strength == "strong")
    titles: dict[str, tuple[str, str | None]] = {}
    role_sectors = {}
    for role, spec in titles_data["roles"].items():
        role_sectors[role] = spec["sector"]
        for title in spec["titles"]:
            titles[title] = (role, None)
    for item in titles_data["national_titles"]:
        titles[item["title"]] = (item["role"], item["country"])

    entries: dict[str, Entry] = {entry.id: entry for entry in country_entries}
    known = set(names)
    for name in CURATED_FILES:
        path = DATA_DIR / name
        parsed = parse_entries(read_yaml(path), str(path))
        check(parsed, str(path), known, set(labels))
        entries.update((entry.id, entry) for entry in parsed)
    # An imported entry under a name the curated data already uses is the same actor: drop it.
    curated_names = {name.casefold() for entry in entries.values() for name in entry.names}
    for entry in load_phoenix(DATA_DIR / "phoenix.json"):
        if entry.name.casefold() not in curated_names and entry.id not in entries:
            entries[entry.id] = entry
    for folder in extra_dirs:
        for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
            parsed = parse_entries(read_yaml(path), str(path), kind=f"overlay:{path.name}")
            check(parsed, str(path), known, set(labels))
            entries.update((entry.id, entry) for entry in parsed)
    check_links(entries)
    return KnowledgeBase(
        entries=entries,
        country_names=names,
        demonyms=demonyms,
        capitals=capitals,
        sector_labels=labels,
        sector_words=sector_words,
        partitives=frozenset(sectors["partitives"]),
        affiliation_suffixes=frozenset(sectors["affiliation_suffixes"]),
        stance_prefixes=frozenset(sectors["stance_prefixes"]),
        titles=titles,
        role_sectors=role_sectors,
        coref=read_yaml(DATA_DIR / "coref.yaml"),
        demonym_alternatives=alternatives,
    )


def get_kb() -> KnowledgeBase:
    """The knowledge base with the user's overlay folder, built once per process."""
    from .cache import load

    return load()[0]
