"""The takedown workflow: lists for platforms, evidence, lifecycle, re-checks, seller networks, metrics.

Public API (see each module's docstring for the rules it implements):

- ``export_takedowns(client, platform, fmt, out_dir, since=None) -> list[Path]`` (``export``)
- ``EvidenceStore(dir, run_id).capture(...)``, ``verify(dir, run_id)``, ``capture_screenshot`` (``evidence``)
- ``Status``, ``TakedownStore``, ``apply_transition``, ``InvalidTransition`` (``lifecycle``)
- ``import_reply_file(client, path, by)`` (``replies``)
- ``recheck(client, now=None, fetcher=None)`` (``recheck``)
- ``extract_contacts``, ``extract_identifiers``, ``vanity_numbers`` (``contacts``)
- ``build_network``, ``link_sellers``, ``network_risk_bonus`` (``network``)
- ``takedown_metrics(client)``, ``write_metrics(client)`` (``metrics``)
"""

from crawler.takedowns.evidence import (
    EvidenceRecord,
    EvidenceStore,
    Problem,
    capture_screenshot,
    verify,
)
from crawler.takedowns.export import BATCH_SIZE, EXPORTERS, export_takedowns
from crawler.takedowns.lifecycle import InvalidTransition, Status, TakedownStore, apply_transition
from crawler.takedowns.metrics import takedown_metrics, write_metrics
from crawler.takedowns.network import link_sellers, network_risk_bonus
from crawler.takedowns.recheck import recheck, recheck_async
from crawler.takedowns.replies import import_reply_file

__all__ = [
    "BATCH_SIZE",
    "EXPORTERS",
    "EvidenceRecord",
    "EvidenceStore",
    "InvalidTransition",
    "Problem",
    "Status",
    "TakedownStore",
    "apply_transition",
    "capture_screenshot",
    "export_takedowns",
    "import_reply_file",
    "link_sellers",
    "network_risk_bonus",
    "recheck",
    "recheck_async",
    "takedown_metrics",
    "verify",
    "write_metrics",
]
