import pytest

from flashpoint.actors.codes import cameo_table, iso3
from flashpoint.actors.kb import get_kb


@pytest.mark.parametrize(
    ("cameo", "expected"),
    [
        ("JAP", "JPN"),
        ("itl", "ITA"),
        ("VTN", "VNM"),
        ("ZAR", "COD"),
        ("IRQ", "IRQ"),
        ("IGO", "IGO"),
    ],
)
def test_cameo_country_codes_read_as_iso3(cameo, expected):
    assert iso3(cameo) == expected


def test_every_cameo_code_maps_to_a_country_the_kb_knows():
    kb = get_kb()
    for target in cameo_table().values():
        assert f"country/{target}" in kb.entries, target
