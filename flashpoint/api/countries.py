"""Country filters: a name, an ISO 3166-1 alpha-2 or alpha-3 code, resolved to alpha-3.

The store keeps alpha-3 codes; people type "Iraq", "IQ" or "irq". An unknown value is an
error rather than an empty result, so a typo never looks like a quiet country.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from ..geo.data import load_aliases
from .queries import BadQuery


def _key(text: str) -> str:
    # Case, accents and full stops do not decide which country is meant.
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(folded.replace(".", "").lower().split())


@cache
def _index() -> dict[str, str]:
    import pycountry  # only paid for on the first country filter

    index: dict[str, str] = {}
    for country in pycountry.countries:
        iso3 = country.alpha_3
        names = [country.alpha_2, iso3, country.name]
        names += [getattr(country, attr, "") for attr in ("official_name", "common_name")]
        for name in names:
            if name:
                index.setdefault(_key(name), iso3)
    for iso3, names in load_aliases().items():
        for name in names:
            index.setdefault(_key(name), iso3)
    # Kosovo has no ISO code yet; the gazetteer uses the customary XKX.
    index.setdefault("xkx", "XKX")
    index.setdefault("kosovo", "XKX")
    return index


def to_iso3(value: str, parameter: str = "country") -> str:
    """The alpha-3 code of `value`, or BadQuery naming the parameter and the value."""
    found = _index().get(_key(value))
    if found is None:
        raise BadQuery(
            f"{parameter}: unknown country {value.strip()!r}; "
            "give a name, an ISO 3166-1 alpha-2 or alpha-3 code (e.g. Iraq, IQ, IRQ)"
        )
    return found
