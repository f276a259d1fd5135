"""The demo's sealed environment (the full demo runs in tests/crawler/test_honest_runs.py)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from crawler.commands.demo import sealed_environment


def test_sealed_environment_has_its_own_home_prefix_and_no_real_cluster() -> None:
    real = {"PATH": "/usr/bin", "SIMWATCH_HOME": "/data/simwatch", "ELASTICSEARCH_URL": "https://es:9200",
            "SIMWATCH_SPOOL_PATH": "/data/spool.jsonl", "SIMWATCH_WHITELIST_DIR": "/data/wl",
            "SIMWATCH_WEBHOOK_URL": "https://hooks/x", "SIMWATCH_JOB": "nightly"}
    env = sealed_environment(real, "/data/simwatch", force=False)
    assert env["SIMWATCH_HOME"] == "/data/simwatch/demo"
    assert env["SIMWATCH_INDEX_PREFIX"] == "simwatch-demo"
    assert "ELASTICSEARCH_URL" not in env
    # paths derived from the real home are derived from the demo's instead
    for name in ("SIMWATCH_SPOOL_PATH", "SIMWATCH_WHITELIST_DIR", "SIMWATCH_WEBHOOK_URL", "SIMWATCH_JOB"):
        assert name not in env
    assert env["PATH"] == "/usr/bin"
    forced = sealed_environment(real, "/data/simwatch", force=True)
    assert forced["ELASTICSEARCH_URL"] == "https://es:9200"
    assert forced["SIMWATCH_INDEX_PREFIX"] == "simwatch-demo"


def test_evidence_line_names_a_command_that_finds_the_demo_evidence(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo's evidence is under the demo's home: the verify hint needs --demo."""
    import crawler.store.client
    import crawler.takedowns.evidence
    from crawler.commands import demo

    class Client:
        indices = SimpleNamespace(refresh=lambda **_: None)

    async def captured(*_: object, **__: object) -> list[object]:
        return [object()]

    monkeypatch.setattr(crawler.store.client, "make_client", lambda *_: Client())
    monkeypatch.setattr(crawler.takedowns.evidence, "capture_flagged", captured)
    monkeypatch.setattr(crawler.takedowns.evidence, "verify", lambda *_: [])
    line = demo._capture_evidence("http://es", "http://sandbox", "RUN1", tmp_path, limit=5)
    assert "`simwatch --demo evidence verify RUN1`" in line
