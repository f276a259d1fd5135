"""Fill a store with classified sandbox listings, quickly (console tests and its benchmark).

The sandbox catalogue's listings are classified with the real classifier (rules only by
default: the text model costs seconds to load) against the sandbox's published whitelist and
written with the crawler's own upsert action, so the documents have exactly the crawler's shape.
``copies`` > 1 repeats the catalogue under new listing ids (``<id>-c<N>``) to reach a size.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch, helpers

from crawler.store.mappings import setup
from crawler.store.sink import listing_upsert_action


def classified_listings(limit: int | None = None, seed: int = 7, use_model: bool = False
                        ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """``(listing fields, verdict dict)`` for ``limit`` sandbox listings taken across platforms."""
    from crawler.classifiers import Classifier, load_matcher
    from sandbox.catalogue import build_catalogue, write_whitelist

    catalogue = build_catalogue(seed)
    items = catalogue.listings
    if limit and limit < len(items):
        items = items[:: len(items) // limit][:limit]  # a spread over every platform
    listings = [{**item.listing_fields(), "description": item.description or None}
                for item in items]
    with tempfile.TemporaryDirectory() as folder:
        path = write_whitelist(catalogue.whitelist_rows(), Path(folder) / "whitelist.csv")
        matcher, _ = load_matcher([path])
        classifier = Classifier(matcher=matcher, use_model=use_model)
        verdicts = [v.to_dict() for v in classifier.classify_many(listings)]
    return list(zip(listings, verdicts, strict=True))


def _actions(rows: list[tuple[dict[str, Any], dict[str, Any]]], copies: int, now: datetime
             ) -> Iterator[dict[str, Any]]:
    for copy in range(copies):
        for number, (listing, verdict) in enumerate(rows):
            item = dict(listing)
            if copy:
                item["listing_id"] = f"{item['listing_id']}-c{copy}"
            # Spread first sightings over two weeks so the per-day chart has days to show.
            seen = now - timedelta(days=(number * 5 + copy) % 14, hours=number % 24)
            item["observed_at"] = seen.date().isoformat()
            yield listing_upsert_action(item, verdict, run_id=f"seed-{seen:%Y%m%d}", seen_at=seen)


def seed_store(client: Elasticsearch, limit: int | None = 300, copies: int = 1, seed: int = 7,
               now: datetime | None = None) -> int:
    """Index ``limit`` classified sandbox listings (× ``copies``); returns how many documents."""
    setup(client)
    rows = classified_listings(limit, seed)
    written, errors = helpers.bulk(client, _actions(rows, copies, now or datetime.now(UTC)),
                                   chunk_size=1000, raise_on_error=False)
    if errors:
        raise RuntimeError(f"seeding failed for {len(errors)} documents: {errors[:1]}")
    client.indices.refresh(index="simwatch-listings")
    return int(written)
