"""The five seed articles: every named organisation and person resolves to its KB entry, and
actor resolution stays a small share of pipeline time. The text is read from ../shared."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from flashpoint.actors.component import annotate_actors
from flashpoint.actors.resolve import resolve_span

# Seed file prefix, the date the article itself implies, and (name as written, KB id) pairs.
# "all" means every occurrence of the name must resolve; "any" where the name also occurs
# inside a longer name ("Hezbollah" in "Kata'ib Hezbollah").
SEEDS: dict[str, tuple[date, list[tuple[str, str, str]]]] = {
    "000": (
        date(2019, 12, 13),
        [
            ("Mike Pence", "person/mike-pence", "all"),
            ("Donald Trump", "person/donald-trump", "all"),
            ("Pompeo", "person/mike-pompeo", "all"),
            ("CNN", "media/cnn", "all"),
            ("Popular Mobilization Units", "org/popular-mobilization-forces", "all"),
            ("PMU", "org/popular-mobilization-forces", "all"),
            ("IRGC", "org/irgc", "all"),
            ("Qais Khazali", "person/qais-al-khazali", "all"),
            ("Khazali", "person/qais-al-khazali", "all"),
            ("Asaib Ahl al-Haq", "org/asaib-ahl-al-haq", "all"),
            ("Hadi al-Amiri", "person/hadi-al-amiri", "all"),
            ("Abu Mahdi al-Muhandis", "person/abu-mahdi-al-muhandis", "all"),
            ("anti-ISIS Coalition", "igo/global-coalition", "all"),
        ],
    ),
    "001": (
        date(2019, 5, 16),
        [
            ("Mike Pompeo", "person/mike-pompeo", "all"),
            ("Pompeo", "person/mike-pompeo", "all"),
            ("Reuters", "media/reuters", "all"),
            ("Popular Mobilization Forces", "org/popular-mobilization-forces", "all"),
            ("PMF", "org/popular-mobilization-forces", "all"),
            ("Islamic State", "org/islamic-state", "all"),
            ("ISIS", "org/islamic-state", "all"),
            ("State Department", "org/us-state-department", "all"),
            ("Sky News", "media/sky-news", "all"),
            ("Associated Press", "media/associated-press", "all"),
        ],
    ),
    "002": (
        date(2021, 6, 10),
        [
            ("Kataib Hezbollah", "org/kataib-hezbollah", "all"),
            ("Popular Mobilization Units", "org/popular-mobilization-forces", "all"),
            ("Badr Organization", "org/badr-organization", "all"),
            ("Quds Force", "org/quds-force", "all"),
            ("Qasem Soleimani", "person/qassem-soleimani", "all"),
            ("Abu Mahdi al-Muhandis", "person/abu-mahdi-al-muhandis", "all"),
            ("Mike Pompeo", "person/mike-pompeo", "all"),
            ("Donald Trump", "person/donald-trump", "all"),
            ("Brett McGurk", "person/brett-mcgurk", "all"),
            ("Biden", "person/joe-biden", "all"),
            ("The Washington Post", "media/washington-post", "all"),
            ("Daily Caller", "media/daily-caller", "all"),
        ],
    ),
    "003": (
        date(2020, 1, 2),
        [
            ("Mark T. Esper", "person/mark-esper", "all"),
            ("Esper", "person/mark-esper", "all"),
            ("Kataib Hezbollah", "org/kataib-hezbollah", "all"),
            ("President Trump", "person/donald-trump", "all"),
            ("Pentagon", "org/pentagon", "all"),
            ("82nd Airborne Division", "org/82nd-airborne", "all"),
            ("Defense Department", "org/pentagon", "all"),
            ("Mark A. Milley", "person/mark-milley", "all"),
            ("Islamic State", "org/islamic-state", "all"),
        ],
    ),
    "004": (
        date(2020, 1, 2),
        [
            ("Associated Press", "media/associated-press", "all"),
            ("Qais al-Khizali", "person/qais-al-khazali", "all"),
            ("Hadi al-Amiri", "person/hadi-al-amiri", "all"),
            ("Popular Mobilization Units", "org/popular-mobilization-forces", "all"),
            ("Kata’ib Hezbollah", "org/kataib-hezbollah", "all"),
            ("Pentagon", "org/pentagon", "all"),
            ("Mark Esper", "person/mark-esper", "all"),
            ("Islamic Revolutionary Guard Corps", "org/irgc", "all"),
            ("IRGC-Quds Force", "org/quds-force", "all"),
            ("Hezbollah", "org/hezbollah", "any"),
            ("Counter Extremism Project", "org/counter-extremism-project", "all"),
            ("Rand Corporation", "org/rand-corporation", "all"),
            ("Adil Abdul-Mahdi", "person/adel-abdul-mahdi", "all"),
            ("Prime Minister Mahdi", "person/adel-abdul-mahdi", "all"),
            ("Barham Salih", "person/barham-salih", "all"),
            ("Secretary Pompeo", "person/mike-pompeo", "all"),
            ("Hillary Clinton", "person/hillary-clinton", "all"),
            ("John Christopher Stevens", "person/christopher-stevens", "all"),
            ("Reuters", "media/reuters", "all"),
            ("Iraqi National Security Council", "org/iraq-national-security-council", "all"),
        ],
    ),
}


def seed_path(seeds_dir: Path, prefix: str) -> Path:
    found = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} is not present")
    return found[0]


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_named_actors_in_seed_articles_resolve_to_kb_entries(nlp, seeds_dir, prefix) -> None:
    published, names = SEEDS[prefix]
    text = seed_path(seeds_dir, prefix).read_text(encoding="utf-8")
    doc = nlp.make_doc(text)
    doc._.fp_published = published
    doc = annotate_actors(nlp, doc)
    problems = []
    for name, expected, mode in names:
        pattern = rf"(?<![\w’']){re.escape(name)}(?![\w-])"
        found = [m.span() for m in re.finditer(pattern, text)]
        assert found, f"{name!r} is not in seed {prefix}"
        resolved = []
        for start, end in found:
            span = doc.char_span(start, end, alignment_mode="expand")
            actor = resolve_span(span)
            resolved.append(actor.id if actor else None)
        ok = all(got == expected for got in resolved) if mode == "all" else expected in resolved
        if not ok:
            problems.append(f"{name!r}: expected {expected}, got {resolved}")
    assert not problems, problems
