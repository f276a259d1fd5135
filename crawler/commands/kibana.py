"""``simwatch kibana``: import the saved objects (data views, dashboards) into Kibana.

``setup`` posts ``kibana/saved_objects.ndjson`` to ``POST /api/saved_objects/_import?overwrite=true``
(multipart upload, ``kbn-xsrf`` header). Credentials, CLI only: ``KIBANA_API_KEY`` or
``KIBANA_USERNAME``/``KIBANA_PASSWORD`` (falling back to ``ELASTICSEARCH_USERNAME``/``_PASSWORD``,
the usual ``elastic`` user), ``KIBANA_CA_CERTS``, ``KIBANA_VERIFY_CERTS`` (default true).
HTTP goes through ``urllib3`` (already installed with the Elasticsearch client): it encodes the
multipart body and verifies TLS, so no extra dependency is needed.
"""

from __future__ import annotations

import argparse
import base64
import json
import logging
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from crawler.commands._common import add_action, add_command_group
from crawler.errors import failing_as, print_error

log = logging.getLogger(__name__)

IMPORT_PATH = "/api/saved_objects/_import?overwrite=true"
STATUS_PATH = "/api/status"


class KibanaError(RuntimeError):
    """Kibana refused the import or could not be reached."""


def register(subparsers: argparse._SubParsersAction) -> None:
    _, actions = add_command_group(
        subparsers, "kibana", "Kibana saved objects: build, setup (import)", __doc__
    )

    setup = add_action(actions, "setup", cmd_setup,
                       help="import data views and dashboards into Kibana")
    setup.add_argument("--url", help="Kibana base URL (default: KIBANA_URL)")
    setup.add_argument("--file", type=Path, help="NDJSON to import (default: kibana/saved_objects.ndjson)")
    setup.add_argument("--space", help="Kibana space id (default: the default space)")
    setup.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                       help="wait up to SECONDS for Kibana to answer /api/status first")

    build = add_action(actions, "build", cmd_build,
                       help="regenerate kibana/saved_objects.ndjson from code")
    build.add_argument("--file", type=Path, help="output path")


def auth_headers(environ: Mapping[str, str]) -> dict[str, str]:
    api_key = environ.get("KIBANA_API_KEY")
    if api_key:
        return {"Authorization": f"ApiKey {api_key}"}
    user = environ.get("KIBANA_USERNAME") or environ.get("ELASTICSEARCH_USERNAME")
    password = environ.get("KIBANA_PASSWORD") or environ.get("ELASTICSEARCH_PASSWORD")
    if user:
        if password is None:
            raise KibanaError("KIBANA_USERNAME is set but KIBANA_PASSWORD is not")
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        return {"Authorization": f"Basic {token}"}
    return {}


def _pool(environ: Mapping[str, str]) -> Any:
    import urllib3

    from crawler.store.client import parse_bool

    verify = parse_bool("KIBANA_VERIFY_CERTS", environ.get("KIBANA_VERIFY_CERTS"), default=True)
    ca_certs = environ.get("KIBANA_CA_CERTS") or None
    if not verify:
        log.warning("TLS certificate verification is OFF for Kibana")
    return urllib3.PoolManager(cert_reqs="CERT_REQUIRED" if verify else "CERT_NONE",
                               ca_certs=ca_certs, retries=False)


def _space_prefix(space: str | None) -> str:
    return f"/s/{space}" if space and space != "default" else ""


def wait_ready(url: str, headers: dict[str, str], pool: Any, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last = "no answer"
    while True:
        try:
            response = pool.request("GET", url.rstrip("/") + STATUS_PATH, headers=headers,
                                    timeout=5.0)
            if response.status == 200:
                return
            last = f"status {response.status}"
        except Exception as exc:  # urllib3 raises several unrelated error types here
            last = str(exc)
        if time.monotonic() >= deadline:
            raise KibanaError(f"Kibana at {url} not ready after {timeout:.0f}s ({last})")
        time.sleep(2.0)


def import_saved_objects(
    url: str,
    ndjson_path: Path,
    environ: Mapping[str, str] | None = None,
    space: str | None = None,
    wait: float = 0.0,
) -> dict[str, Any]:
    """Import ``ndjson_path`` into Kibana at ``url``; return Kibana's answer or raise KibanaError."""
    env = os.environ if environ is None else environ
    try:
        payload = ndjson_path.read_bytes()
    except OSError as exc:
        raise KibanaError(f"cannot read saved objects {ndjson_path}: {exc}") from exc
    headers = {"kbn-xsrf": "simwatch", **auth_headers(env)}
    pool = _pool(env)
    if wait > 0:
        wait_ready(url, headers, pool, wait)
    target = url.rstrip("/") + _space_prefix(space) + IMPORT_PATH
    try:
        response = pool.request(
            "POST", target, headers=headers, timeout=60.0,
            fields={"file": (ndjson_path.name, payload, "application/ndjson")},
        )
    except Exception as exc:
        raise KibanaError(f"cannot reach Kibana at {url}: {exc}") from exc
    try:
        answer = json.loads(response.data or b"{}")
    except ValueError:
        answer = {"raw": response.data[:500].decode(errors="replace")}
    if response.status != 200:
        raise KibanaError(f"Kibana answered {response.status}: {answer}")
    if not answer.get("success", False):
        errors = [f"{e.get('type')}/{e.get('id')}: {e.get('error')}" for e in answer.get("errors", [])]
        raise KibanaError(f"import of {ndjson_path} had errors: {'; '.join(errors) or answer}")
    return answer


def cmd_setup(args: argparse.Namespace) -> int:
    from crawler.store.kibana_objects import NDJSON_PATH

    url = args.url or os.environ.get("KIBANA_URL")
    if not url:
        print_error("kibana setup", "give --url or set KIBANA_URL")
        return 2
    path = args.file or NDJSON_PATH
    with failing_as(KibanaError, exit_code=1):
        answer = import_saved_objects(url, path, space=args.space, wait=args.wait)
    print(f"imported {answer.get('successCount', 0)} saved objects from {path} into {url}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from crawler.store.kibana_objects import NDJSON_PATH, write_ndjson

    path = write_ndjson(args.file or NDJSON_PATH)
    print(f"wrote {path}")
    return 0
