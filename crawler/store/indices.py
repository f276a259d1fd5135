"""Every Elasticsearch alias simwatch reads or writes, defined once.

Names are ``<prefix>-<name>``; the prefix is ``SIMWATCH_INDEX_PREFIX`` (default ``simwatch``).
The demo runs with its own prefix (``simwatch-demo``) and its own state directory, so nothing it
writes is seen, exported, counted or compared by real commands, even on a shared cluster.
"""

from __future__ import annotations

from crawler.settings import SIMWATCH_INDEX_PREFIX as PREFIX

DEMO_PREFIX = "simwatch-demo"

LISTINGS = f"{PREFIX}-listings"
SELLERS = f"{PREFIX}-sellers"
TAKEDOWNS = f"{PREFIX}-takedowns"
WHITELIST = f"{PREFIX}-whitelist"
CRAWLS = f"{PREFIX}-crawls"
# One document per platform per takedown-metrics computation (crawler/takedowns/metrics.py).
METRICS = f"{PREFIX}-takedowns-metrics"

# Reviewers' decisions, append-only (crawler/console/reviews.py).
DECISIONS = f"{PREFIX}-decisions"

ALL = (LISTINGS, SELLERS, TAKEDOWNS, WHITELIST, CRAWLS, METRICS, DECISIONS)
