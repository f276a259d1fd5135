"""Console benchmark: page latency (p50/p95) of the search and listing pages over 20,000 listings.

The store is the embedded server (noida-db) seeded with classified sandbox listings (the
catalogue repeated under new ids up to ``size``); the console runs under uvicorn on a loopback
port and is asked over HTTP by a logged-in client, as a browser would. Searches mix full text
(Chinese and English terms), filters and sorts, and page numbers; listing pages are drawn from
the whole index. The same requests are then measured again while a writer upserts listings
the way a crawl does (bulk scripted upserts), because the console must keep answering then.

Latency is wall time per request, measured one request at a time (the 2-core machine is
shared, so the figures are an upper bound of what a quiet machine gives). Before measuring,
``WARM_UP`` searches and listing pages are asked once, unmeasured.

Run: ``.venv/bin/python bench/bench_console.py [size] [requests]``; ``run()`` returns the rows.
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SIZE = 20_000
REQUESTS = 200
WARM_UP = 20
CATALOGUE = 2655  # listings in the seed-7 sandbox catalogue (repeated to reach SIZE)
SEARCH_AIM_MS = 1000.0  # p95 of a search page
LISTING_AIM_MS = 500.0  # p95 of a listing page
TERMS = ("实名", "免实名", "流量卡", "电话卡 批发", "物联网卡", "已激活", "sim card", "接码",
         "手机卡", "大王卡", "prepaid", "")
FILTERS: tuple[dict[str, str], ...] = (
    {}, {"platform": "taobao"}, {"violation": "unauthorised_seller"}, {"risk_min": "60"},
    {"review": "unreviewed", "sort": "newest"}, {"platform": "jd", "violation": "bulk_trading"},
)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94]


def _timed(client: Any, path: str, params: dict[str, str]) -> float:
    start = time.perf_counter()
    response = client.get(path, params=params)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} {params} answered {response.status_code}")
    return elapsed


def _writer(es: Any, stop: threading.Event, written: list[int]) -> None:
    """Upsert listings in bulk like the crawler's sink until told to stop."""
    from elasticsearch import helpers

    from crawler.console.seed import classified_listings
    from crawler.store.sink import listing_upsert_action

    rows = classified_listings(500)
    run = 0
    while not stop.is_set():
        run += 1
        now = datetime.now(UTC)
        actions = [listing_upsert_action(listing, verdict, f"bench-write-{run}", now)
                   for listing, verdict in rows]
        ok, _ = helpers.bulk(es, actions, chunk_size=500, raise_on_error=False)
        written[0] += ok


def run(size: int = SIZE, requests: int = REQUESTS) -> list[dict[str, Any]]:
    import httpx
    import uvicorn

    from crawler.console.app import ConsoleConfig, create_app
    from crawler.console.seed import seed_store
    from crawler.console.users import UserStore
    from crawler.store.client import make_client
    from crawler.store.embedded import EmbeddedElasticsearch, free_port

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder, \
            EmbeddedElasticsearch(Path(folder) / "es") as server:
        es = make_client(server.url, request_timeout=120)
        copies = -(-size // CATALOGUE)
        seeded = seed_store(es, size if size < CATALOGUE else None, copies=copies)
        total = int(es.count(index="simwatch-listings")["count"])
        UserStore(Path(folder) / "users.json").add("bench", "bench-password", ["analyst"])
        config = ConsoleConfig(users_path=Path(folder) / "users.json", secret_key="b" * 48,
                               evidence_dir=Path(folder) / "evidence",
                               exports_dir=Path(folder) / "exports")
        port = free_port()
        console = uvicorn.Server(uvicorn.Config(create_app(es, config), host="127.0.0.1",
                                                port=port, log_level="warning"))
        thread = threading.Thread(target=console.run, daemon=True)
        thread.start()
        while not console.started:
            time.sleep(0.05)
        ids = [hit["_id"] for hit in es.search(index="simwatch-listings", size=min(total, 5000),
                                               source=False)["hits"]["hits"]]
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                token = re.search(r'name="csrf_token" value="([^"]+)"',
                                  client.get("/login").text).group(1)  # type: ignore[union-attr]
                client.post("/login", data={"username": "bench", "password": "bench-password",
                                            "csrf_token": token})
                searches = [{"q": rng.choice(TERMS), **rng.choice(FILTERS),
                             "page": str(rng.choice((1, 1, 1, 2, 5)))} for _ in range(requests)]
                listings = [rng.choice(ids) for _ in range(requests)]
                # Warm up first: right after the bulk seed the store is still settling and its
                # caches are cold, which would otherwise land on the first measured round.
                for params in searches[:WARM_UP]:
                    _timed(client, "/search", params)
                for doc_id in listings[:WARM_UP]:
                    _timed(client, "/listing", {"id": doc_id})

                def measure() -> tuple[list[float], list[float]]:
                    return ([_timed(client, "/search", p) for p in searches],
                            [_timed(client, "/listing", {"id": i}) for i in listings])

                quiet = measure()
                stop, written = threading.Event(), [0]
                writer = threading.Thread(target=_writer, args=(es, stop, written), daemon=True)
                writer.start()
                try:
                    busy = measure()
                finally:
                    stop.set()
                    writer.join(timeout=120)
        finally:
            console.should_exit = True
            thread.join(timeout=10)
    inputs = f"{total:,} listings, {requests} requests"
    rows = []
    for label, (search_ms, listing_ms) in (("", quiet), (" while a crawl writes", busy)):
        for page, samples, aim in (("search", search_ms, SEARCH_AIM_MS),
                                   ("listing", listing_ms, LISTING_AIM_MS)):
            p50, p95 = _percentiles(samples)
            rows.append({"measure": f"console {page} page p50{label}", "value": round(p50, 1),
                         "unit": "ms", "aim": None, "ok": True, "inputs": inputs})
            rows.append({"measure": f"console {page} page p95{label}", "value": round(p95, 1),
                         "unit": "ms", "aim": f"< {aim:.0f}", "ok": p95 < aim, "inputs": inputs})
    rows.append({"measure": "listings upserted during the busy round", "value": written[0],
                 "unit": "docs", "aim": None, "ok": True, "inputs": f"seeded {seeded:,}"})
    return rows


if __name__ == "__main__":
    from bench import exit_on_sigterm

    exit_on_sigterm()
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.bench_console", description=__doc__.splitlines()[0])
    parser.add_argument("size", nargs="?", type=int, default=SIZE, help=f"listings in the index (default {SIZE:,})")
    parser.add_argument("count", nargs="?", type=int, default=REQUESTS, help=f"requests (default {REQUESTS})")
    args = parser.parse_args()
    results = run(args.size, args.count)
    for row in results:
        print(f"{row['measure']:<48} {row['value']:>10} {row['unit']:<5} aim {row['aim']}  "
              f"({row['inputs']})")
    sys.exit(0 if all(r["ok"] for r in results) else 1)
