"""Find and resolve the time expressions in a text: all rules, longest match wins, then resolve
in reading order so that "a year earlier" can lean on the expression before it."""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from datetime import date

from ..model import TimeSpan
from .normalize import Context, Timex, tense
from .patterns import Rule, compiled, trigger_words

DERIVED = frozenset({"ago", "year-ago-period", "quarter-reference"})
SINCE = re.compile(r"since\s+$", re.IGNORECASE)


def _body(match: re.Match) -> tuple[int, int]:
    if "body" in match.re.groupindex and match["body"]:
        return match.span("body")
    return match.span()


# How far a match may reach before and after its trigger word ("the same period a year ago").
REACH = 60


# Words and numbers, cheaply: "1990s", "12/13", "Dec".
TOKEN = re.compile(r"[A-Za-z]+|\d+(?:'?s\b|/\d)?")


def _trigger_classes(token: str) -> tuple[str, ...]:
    if not token[0].isdigit():
        return trigger_words().get(token.lower(), ())
    if "/" in token:
        return ("slashed",)
    if token.endswith("s"):
        return ("decade",)
    return ("year",) if len(token) == 4 else ()


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Stretches of text around trigger words, per trigger class, cut at spaces."""
    windows: dict[str, list[tuple[int, int]]] = {}
    for hit in TOKEN.finditer(text):
        names = _trigger_classes(hit.group())
        if not names:
            continue
        start = text.rfind(" ", 0, max(hit.start() - REACH, 0)) + 1
        end = text.find(" ", hit.end() + REACH)
        for name in names:
            windows.setdefault(name, []).append((start, len(text) if end < 0 else end))
    return windows


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _matches(rule: Rule, text: str, windows: dict[str, list[tuple[int, int]]]):
    if rule.triggers is None:
        yield from rule.pattern.finditer(text)
        return
    stretches = _merge([span for name in rule.triggers for span in windows.get(name, [])])
    for start, end in stretches:
        yield from rule.pattern.finditer(text, start, end)


def candidates(text: str, anchor: date | None) -> list[tuple[int, int, Rule, re.Match]]:
    """Non-overlapping matches, longest first; a match its rule rejects leaves room for others."""
    found = []
    windows = _windows(text)
    for index, rule in enumerate(compiled()):
        for match in _matches(rule, text, windows):
            start, end = _body(match)
            found.append((start, end, index, rule, match))
    found.sort(key=lambda item: (item[0] - item[1], item[2], item[0]))
    # The spans taken so far never overlap, so in start order their ends rise too: a new span
    # can only meet its neighbours there, found by bisection rather than by a scan of them all.
    taken: list[tuple[int, int]] = []
    chosen = []
    probe = Context(anchor)
    for start, end, _index, rule, match in found:
        at = bisect_left(taken, (start, end))
        if at > 0 and taken[at - 1][1] > start and taken[at - 1][0] < end:
            continue
        if at < len(taken) and taken[at][0] < end:
            continue
        if rule.resolve(match, probe) is None:
            continue
        insort(taken, (start, end))
        chosen.append((start, end, rule, match))
    chosen.sort(key=lambda item: item[0])
    return chosen


def find_timexes(text: str, anchor: date | None = None) -> list[Timex]:
    """Every time expression in `text`, resolved against `anchor` where it is relative."""
    context = Context(anchor)
    found: list[Timex] = []
    for start, end, rule, match in candidates(text, anchor):
        context.tense = tense(text, start, end)
        context.position = start
        resolved = rule.resolve(match, context)
        if resolved is None:
            continue
        span, kind, value = resolved
        surface = text[start:end]
        if span is not None:
            span = TimeSpan(span.start, span.end, span.precision, surface, start, end)
            # "since May": from May up to the document date.
            since = anchor is not None and SINCE.search(text[max(0, start - 8) : start])
            if since and kind == "DATE" and span.start < anchor:
                span = TimeSpan(span.start, anchor, "span", surface, start, end)
        timex = Timex(start, end, surface, kind, span, value)
        found.append(timex)
        # Only expressions that name their period can anchor "a year earlier" or "the quarter".
        if rule.name not in DERIVED:
            context.previous.append(timex)
    return found
