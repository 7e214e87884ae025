"""End-to-end UI tests: the real app over HTTP on 127.0.0.1, driven in headless Debian Chromium.

Needs `apt-get install chromium` and `pip install playwright` (no browser download: the system
Chromium is used). Skips cleanly when either is missing. Screenshots go to artifacts/.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from api_testdata import fill, fill_qualified

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

playwright_api = pytest.importorskip("playwright.sync_api")
if not CHROMIUM.exists() and not shutil.which("chromium"):
    pytest.skip("Debian chromium is not installed", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    import uvicorn

    from flashpoint.api import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('ui') / 'ui.db'}"
    fill(url)
    fill_qualified(url)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
            args=FLAGS,
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.problems = problems
    yield opened
    context.close()
    assert problems == [], f"console errors: {problems}"


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"ui-{name}.png"), full_page=True)


def _status(page, contains: str) -> None:
    page.wait_for_function(
        "text => document.getElementById('status').textContent.includes(text)", arg=contains
    )


def test_timeline_draws_bars_and_the_escalation_line(page, base_url):
    page.goto(base_url + "/")
    _status(page, "dated events")
    # One bar segment per day and type: 7 dated events, two of them the same day and type.
    assert page.locator("#timeline-chart svg rect").count() == 6
    assert page.locator("#timeline-chart polyline.escalation").count() == 1
    assert "ASSAULT" in page.locator("#timeline-legend").inner_text()
    _shot(page, "timeline")


def test_filter_by_actor_then_open_an_event_with_its_evidence_highlighted(page, base_url):
    page.goto(base_url + "/#list")
    _status(page, "showing")
    page.fill("input[name=actor]", "Kataib Hezbollah")
    page.click("button[type=submit]")
    _status(page, "showing 2 of 2 events")
    assert "actor=Kataib+Hezbollah" in page.url
    actors = page.locator("#event-table tbody tr td:nth-child(3)").all_inner_texts()
    assert actors == ["Kataib Hezbollah (IRQ)"] * 2
    _shot(page, "list-filtered")

    page.locator("#event-table tbody a", has_text="drone packed").click()
    page.wait_for_selector("#article")
    evidence = "".join(page.locator("#article mark.hl-evidence").all_text_contents())
    assert evidence == (
        "ERBIL - A drone packed with explosives hit a compound near Erbil airport on Friday "
        "night, killing one guard."
    )
    assert page.locator("#article mark.hl-trigger").inner_text() == "hit"
    assert page.locator("#article mark.hl-actor").first.inner_text() == "Kataib Hezbollah"
    assert page.locator("#article mark.hl-place").inner_text() == "Erbil"
    assert page.locator("#article mark.hl-casualty").inner_text() == "one"
    _shot(page, "event")


def test_filters_carry_over_to_the_map_and_the_network(page, base_url):
    page.goto(base_url + "/?type=ASSAULT#map")
    _status(page, "located events")
    assert page.locator("select[name=type]").input_value() == "ASSAULT"
    # One circle per place with an assault: Balad, Erbil and Baghdad.
    page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length > 3")
    assert "4 located events at 3 places" in page.locator("#status").inner_text()
    _shot(page, "map")

    page.click("#tab-network")
    _status(page, "relations")
    names = page.locator("#network-chart g.node text").all_text_contents()
    assert {"Kataib Hezbollah", "United States military"} <= set(names)
    _shot(page, "network")


def test_network_nodes_work_from_the_keyboard(page, base_url):
    page.goto(base_url + "/#network")
    _status(page, "relations")
    node = page.locator("#network-chart g.node", has_text="Protesters")
    node.focus()
    page.keyboard.press("Enter")
    _status(page, "showing 1 of 1 event")
    assert "actor=Protesters" in page.url and page.url.endswith("#list")
    # A generic actor is chosen together with its country.
    assert "actor_country=IRQ" in page.url


def test_tabs_switch_with_the_arrow_keys(page, base_url):
    page.goto(base_url + "/#timeline")
    _status(page, "dated events")
    page.focus("#tab-timeline")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("location.hash === '#map'")
    assert page.locator("#view-map").is_visible()
    assert page.evaluate("document.activeElement.id") == "tab-map"


@pytest.mark.parametrize("view", ["timeline", "map", "network", "list"])
def test_views_fit_a_phone_screen(browser, base_url, view):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base_url}/#{view}")
    page.wait_for_function("document.getElementById('status').textContent.length > 0")
    page.wait_for_function("!document.getElementById('status').textContent.includes('Loading')")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    _shot(page, f"phone-{view}")
    context.close()
    assert overflow <= 0


def test_api_docs_page_works_offline(page, base_url):
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(base_url + "/api/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock", has_text="/api/events").count() >= 2
    assert failed == []


def test_a_country_name_filters_and_an_unknown_one_says_so(page, base_url):
    page.goto(base_url + "/#list")
    _status(page, "showing")
    page.fill("input[name=country]", "Iraq")
    page.click("button[type=submit]")
    _status(page, "of")
    assert "country=Iraq" in page.url
    assert page.locator("#event-table tbody tr").count() > 1
    page.fill("input[name=country]", "Atlantis")
    page.click("button[type=submit]")
    _status(page, "unknown country 'Atlantis'")
    assert page.locator("#status.error").count() == 1
    page.problems.clear()  # the refused request is logged by the browser as a failed load


def test_load_more_keeps_the_count_in_the_status_line(page, base_url):
    page.route(
        "**/api/events?*",
        lambda route: route.continue_(url=route.request.url.replace("limit=50", "limit=3")),
    )
    page.goto(base_url + "/#list")
    _status(page, "showing 3 of")
    total = int(page.locator("#status").inner_text().split(" of ")[1].split()[0])
    assert total > 3
    page.click("#more")
    _status(page, f"showing 6 of {total}")


def test_qualified_and_imprecise_events_are_marked_in_the_list(page, base_url):
    page.goto(base_url + "/?qualifier=negation#list")
    _status(page, "showing 1 of 1 event")
    assert page.locator("select[name=qualifier]").input_value() == "negation"
    row = page.locator("#event-table tbody tr").first
    assert row.locator(".badge.qualifier").inner_text() == "negation"
    assert row.locator("td").first.inner_text().startswith("2024-03")
    assert "month" in row.locator("td").first.inner_text()
    assert "country" in row.locator("td:nth-child(5)").inner_text()
    _shot(page, "list-qualified")


def test_the_event_page_keeps_filters_and_links_the_recipient_filter(page, base_url):
    page.goto(base_url + "/?actor=Kataib+Hezbollah#list")
    _status(page, "showing 2 of 2 events")
    page.locator("#event-table tbody a", has_text="drone packed").click()
    page.wait_for_selector("#article")
    assert page.locator("#back").get_attribute("href").endswith("/?actor=Kataib+Hezbollah#list")
    recipient = page.locator("dt:has-text('Recipient') + dd a")
    assert "?recipient=United%20States%20military" in recipient.get_attribute("href")
    page.click("#back")
    _status(page, "showing 2 of 2 events")
    assert page.locator("input[name=actor]").input_value() == "Kataib Hezbollah"


def test_unknown_events_get_a_page_and_short_ids_resolve(page, base_url):
    response = page.goto(base_url + "/events/nope")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "No such event"
    page.problems.clear()  # the 404 itself is reported as a failed load
    page.goto(base_url + "/#list")
    _status(page, "showing")
    href = page.locator("#event-table tbody a").first.get_attribute("href")
    full = href.split("/events/")[1].split("?")[0]
    page.goto(base_url + "/events/" + full[:11])
    page.wait_for_selector("#article")
    assert page.url.endswith("/events/" + full)


def test_centroid_events_are_drawn_apart_with_a_legend_and_markers_take_the_keyboard(
    page, base_url
):
    page.goto(base_url + "/?qualifier=negation#map")
    _status(page, "only to a country or region")
    assert "only a country or region known" in page.locator("#map-legend").inner_text()
    ring = page.locator("path.leaflet-interactive.centroid")
    assert ring.count() == 1 and ring.get_attribute("stroke-dasharray") == "4 3"
    ring.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-popup-content")
    assert "Iraq" in page.locator(".leaflet-popup-content").inner_text()
    _shot(page, "map-centroid")


def test_the_timeline_bucket_is_kept_in_the_url_and_the_status(page, base_url):
    page.goto(base_url + "/#timeline")
    _status(page, "dated events")
    page.select_option("#interval", "month")
    _status(page, "months")
    assert "interval=month" in page.url
    page.reload()
    _status(page, "months")
    assert page.locator("#interval").input_value() == "month"


def test_the_home_page_has_headings_for_each_view(page, base_url):
    page.goto(base_url + "/")
    _status(page, "dated events")
    assert page.locator("h1").count() == 1
    assert page.locator("section.view h2").count() == 4


def test_on_a_phone_events_are_cards_and_a_whole_card_opens_its_event(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(base_url + "/?actor=Kataib+Hezbollah#list")
    _status(page, "showing 2 of 2 events")
    card = page.locator("#event-table tbody tr.event-row").first
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert card.evaluate("row => getComputedStyle(row).display") == "block"
    assert card.bounding_box()["width"] <= 390
    _shot(page, "phone-cards")
    card.locator("td").first.click()
    page.wait_for_selector("#article")
    assert "/events/ev_" in page.url
    context.close()
    assert problems == []


def test_the_event_page_lists_the_article_s_other_events_and_other_reports(page, base_url):
    page.goto(base_url + "/?qualifier=negation#list")
    _status(page, "showing 1 of 1 event")
    page.locator("#event-table tbody a").first.click()
    page.wait_for_selector("#article")
    others = page.locator("#same-article li")
    assert others.count() == 1 and "future" in others.inner_text()
    others.locator("a").click()
    page.wait_for_selector("#article")
    assert "raid" in page.locator("#article mark.hl-trigger").inner_text()
    page.goto(base_url + "/?place=Erbil#list")
    _status(page, "showing")
    page.locator("#event-table tbody a", has_text="drone packed").click()
    page.wait_for_selector("#same-event li")
    assert page.locator("#same-event li").count() >= 1


@pytest.mark.parametrize(
    ("column", "index", "as_number"),
    [("date", 1, False), ("type", 2, False), ("dead", 6, True), ("confidence", 8, True)],
)
def test_list_columns_sort_both_ways(page, base_url, column, index, as_number):
    page.goto(base_url + "/#list")
    _status(page, "showing")

    def values() -> list:
        # The first node of a cell is its value; badges (precision, qualifier) follow it.
        cells = page.locator(f"#event-table tbody tr td:nth-child({index})").evaluate_all(
            "cells => cells.map(cell => cell.firstChild.textContent.trim())"
        )
        # "—" is a missing value, sorted below every real one.
        if as_number:
            return [float(c) if c != "—" else -1.0 for c in cells]
        return [c if c != "—" else "" for c in cells]

    button = page.locator(f"#event-table th[data-sort={column}] button")
    button.click()
    assert page.locator(f"th[data-sort={column}]").get_attribute("aria-sort") == "ascending"
    up = values()
    button.click()
    down = values()
    assert up == sorted(up) and down == sorted(down, reverse=True) and len(set(up)) > 1
