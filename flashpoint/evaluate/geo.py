"""`flashpoint eval geo FILE.xml`: geoparsing scored on the LGL / TR-News XML layout.

Each <article> has <text> and <toponyms>/<toponym> with <start>, <end> (character offsets in the
text) and a <gaztag geonameid=...> holding <lat>/<lon>. Toponyms without coordinates are not
scored. Our recogniser and resolver run over each text; a gold toponym counts as recognised when
one of our place spans, or else one of our country references, overlaps it.

Both gold sets tag demonyms ("Russian", "Abkhaz") as toponyms of the place they name. We never
make a place of one (an event is not placed by "Iraqi forces"), but `geo.demonyms` reads each as
a reference to its country, region or continent, kept apart in doc.spans["fp_country_refs"];
those references are scored here as the gold defines toponyms, and `acc_161km_places_only`
leaves them out.

Figures:
    n_gold               gold toponyms with coordinates
    recall               share of those we found (a place span or a country reference)
    recall_no_demonyms   recall over gold toponyms that are not country demonyms
    precision            share of our place spans that overlap some gold toponym
    precision_country_refs  the same for our country references
    precision_all        the same over both
    acc_161km            share of ALL gold toponyms recognised AND resolved within 161 km
    acc_161km_places_only  the same counting our place spans alone (no country references)
    acc_161km_no_demonyms  acc_161km over the gold toponyms that are not country demonyms
    acc_161km_resolved   acc_161km over the recognised gold toponyms only (the usual
                         geoparsing figure, e.g. Mordecai's, which scores resolution alone)
    acc_161km_gold_spans resolution alone with the gold toponym spans given to the resolver
                         (no recognition step): share of all gold toponyms placed within
                         161 km; a span the gazetteer cannot place counts as a miss
    exact_match          share of recognised gold toponyms given the gold GeoNames id
    median_km            median error in km over recognised gold toponyms
    even_* / odd_*       acc_161km_resolved, acc_161km, acc_161km_no_demonyms, recall,
                         precision, exact_match and median_km over the even- and odd-numbered
                         articles: weights are set on the even half, so the odd half shows how
                         much of a gain is fitted to the data
"""

from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..exceptions import EvalError
from ..geo.distance import haversine_km
from ..geo.homes import outlet_key
from .report import Report

THRESHOLD_KM = 161.0


@dataclass
class GoldToponym:
    start: int
    end: int
    lat: float | None
    lon: float | None
    geonameid: int | None


@dataclass
class Article:
    id: str
    text: str
    toponyms: list[GoldToponym]
    # the paper's web domain (LGL's <domain>, TR-News' <url>): the outlet for `geo.homes`
    outlet: str | None = None


def _float(element: ET.Element | None, tag: str) -> float | None:
    value = element.findtext(tag) if element is not None else None
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _align(text: str, phrase: str, start: int, end: int) -> tuple[int, int]:
    """Some gold offsets drift from the text (line endings counted differently upstream):
    move the span to the nearest occurrence of its phrase."""
    if not phrase or text[start:end] == phrase:
        return start, end
    best = None
    found = text.find(phrase)
    while found != -1:
        if best is None or abs(found - start) < abs(best - start):
            best = found
        found = text.find(phrase, found + 1)
    return (best, best + len(phrase)) if best is not None else (start, end)


def read_articles(path: Path) -> list[Article]:
    if not path.exists():
        raise EvalError(f"{path}: gold file not found")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvalError(f"{path}: not well-formed XML: {exc}") from exc
    articles: list[Article] = []
    for number, node in enumerate(root.iter("article"), 1):
        text = node.findtext("text")
        if text is None:
            raise EvalError(f"{path}: article {number} has no <text>")
        toponyms: list[GoldToponym] = []
        for top in node.iter("toponym"):
            try:
                start, end = int(top.findtext("start") or ""), int(top.findtext("end") or "")
            except ValueError as exc:
                raise EvalError(f"{path}: article {number}: toponym without offsets") from exc
            start, end = _align(text, top.findtext("phrase") or "", start, end)
            gaz = top.find("gaztag")
            gid = gaz.get("geonameid") if gaz is not None else None
            toponyms.append(
                GoldToponym(
                    start,
                    end,
                    _float(gaz, "lat"),
                    _float(gaz, "lon"),
                    int(gid) if gid and gid.isdigit() else None,
                )
            )
        # <domain> is a host name, read as a URL would be ("www." dropped)
        outlet = outlet_key(None, node.findtext("domain") or node.findtext("url"))
        articles.append(Article(node.get("docid") or str(number), text, toponyms, outlet))
    if not articles:
        raise EvalError(f"{path}: no <article> elements")
    return articles


def _in_gold(spans: list, article: Article) -> int:
    """How many of our spans overlap some gold toponym."""
    return sum(any(g.start < p.end and p.start < g.end for g in article.toponyms) for p in spans)


def score(
    articles: list[Article], predictions: list[list], references: list[list] | None = None
) -> dict[str, float | int]:
    """`predictions[i]`: model.Place objects (with start/end offsets) for article i's places;
    `references[i]`: those for its country references (demonyms, `geo.demonyms`)."""
    from ..geo.toponyms import is_demonym

    references = references if references is not None else [[] for _ in articles]
    n_gold = recognised = within = exact = 0
    n_plain = plain_recognised = plain_within = places_within = 0
    errors: list[float] = []
    n_places = place_hits = n_refs = ref_hits = 0
    for article, places, refs in zip(articles, predictions, references, strict=True):
        n_places += len(places)
        n_refs += len(refs)
        place_hits += _in_gold(places, article)
        ref_hits += _in_gold(refs, article)
        for gold in article.toponyms:
            if gold.lat is None or gold.lon is None:
                continue
            n_gold += 1
            plain = not is_demonym(article.text[gold.start : gold.end])
            n_plain += plain
            in_places = [p for p in places if p.start < gold.end and gold.start < p.end]
            hits = in_places or [p for p in refs if p.start < gold.end and gold.start < p.end]
            if not hits:
                continue
            recognised += 1
            plain_recognised += plain
            place = hits[0]
            km = haversine_km(gold.lat, gold.lon, place.lat, place.lon)
            errors.append(km)
            within += km <= THRESHOLD_KM
            plain_within += plain and km <= THRESHOLD_KM
            places_within += bool(in_places) and km <= THRESHOLD_KM
            exact += gold.geonameid is not None and place.geonameid == gold.geonameid

    def share(part: int, whole: int) -> float:
        return round(part / whole, 4) if whole else 0.0

    return {
        "n_gold": n_gold,
        "recall": share(recognised, n_gold),
        "recall_no_demonyms": share(plain_recognised, n_plain),
        "precision": share(place_hits, n_places),
        "precision_country_refs": share(ref_hits, n_refs),
        "precision_all": share(place_hits + ref_hits, n_places + n_refs),
        "acc_161km": share(within, n_gold),
        "acc_161km_places_only": share(places_within, n_gold),
        "acc_161km_resolved": share(within, recognised),
        "acc_161km_no_demonyms": share(plain_within, n_plain),
        "exact_match": share(exact, recognised),
        "median_km": round(statistics.median(errors), 1) if errors else 0.0,
    }


def predict(articles: list[Article]) -> tuple[list[list], list[list], list]:
    """Our places and country references per article, as `flashpoint run` finds them: each
    article's places resolved again with its outlet's home (`geo.homes`); also that home per
    article (or None)."""
    from ..geo.component import SPAN_KEY, annotate_places, resolve_with_homes
    from ..geo.demonyms import REFS_KEY
    from ..geo.homes import Homes
    from ..nlp import load_nlp

    nlp = load_nlp()
    docs = [annotate_places(doc) for doc in nlp.pipe((a.text for a in articles), batch_size=16)]
    homes = resolve_with_homes(docs, [article.outlet for article in articles], Homes())
    places = [[span._.fp_place for span in doc.spans[SPAN_KEY]] for doc in docs]
    references = [[span._.fp_place for span in doc.spans[REFS_KEY]] for doc in docs]
    return places, references, homes


def resolve_gold_spans(articles: list[Article], homes: list) -> float:
    """acc_161km_gold_spans: our resolver alone, on the gold toponyms, in each article's context
    (its outlet's home included, as our own recogniser's places gave it)."""
    from ..geo.demonyms import countries_of
    from ..geo.demonyms import find as find_demonyms
    from ..geo.gazetteer import get_gazetteer
    from ..geo.names import abbreviation_key
    from ..geo.resolve import resolve
    from ..geo.toponyms import Mention
    from ..nlp import load_nlp

    nlp, gazetteer = load_nlp(), get_gazetteer()
    n_gold = within = 0
    docs = nlp.pipe(a.text for a in articles)
    for article, doc, home in zip(articles, docs, homes, strict=True):
        scored = [g for g in article.toponyms if g.lat is not None and g.lon is not None]
        n_gold += len(scored)
        mentions, golds = [], {}
        for gold in sorted(scored, key=lambda g: g.start):
            span = doc.char_span(gold.start, gold.end, alignment_mode="expand")
            if span is None or not len(span) or (span.start, span.end) in golds:
                continue
            if mentions and span.start < mentions[-1].end:
                continue  # overlapping gold spans: the first one stands
            # as the recogniser does: "Ky." and "W.Va." are looked up as the states they abbreviate
            key = abbreviation_key(doc, span.start, span.end, gazetteer)
            mentions.append(Mention(span.start, span.end, key, "ner"))
            golds[(span.start, span.end)] = gold
        named = countries_of(find_demonyms(doc, mentions))
        for item in resolve(doc, mentions, gazetteer, home, named):
            gold = golds[(item.mention.start, item.mention.end)]
            km = haversine_km(gold.lat, gold.lon, item.candidate.lat, item.candidate.lon)
            within += km <= THRESHOLD_KM
    return round(within / n_gold, 4) if n_gold else 0.0


def evaluate(path: Path) -> Report:
    path = Path(path)
    articles = read_articles(path)
    started = time.perf_counter()
    predictions, references, homes = predict(articles)
    metrics = score(articles, predictions, references)
    metrics["acc_161km_gold_spans"] = resolve_gold_spans(articles, homes)
    for half, name in ((0, "even"), (1, "odd")):
        part = score(articles[half::2], predictions[half::2], references[half::2])
        for key in (
            "acc_161km_resolved",
            "acc_161km",
            "acc_161km_no_demonyms",
            "recall",
            "precision",
            "exact_match",
        ):
            metrics[f"{name}_{key}"] = part[key]
        metrics[f"{name}_median_km"] = part["median_km"]
    metrics["seconds"] = round(time.perf_counter() - started, 1)
    details = [
        "  acc_161km counts every gold toponym (unrecognised ones as misses);",
        "  acc_161km_resolved and exact_match count only gold toponyms we recognised.",
        "  acc_161km_gold_spans: the resolver alone, given the gold spans (misses count).",
        "  Demonyms ('Russian', 'Abkhaz') count as found when read as country references;",
        "  acc_161km_places_only leaves those out, *_no_demonyms leave out gold country demonyms.",
        "  even_*/odd_*: the two halves of the articles; weights were tuned on the even half.",
    ]
    return Report(f"geo: {path.name} ({len(articles)} articles)", metrics, details)
