"""``simwatch crawl``: the pacing a sandbox crawl gets (the crawl itself: tests/crawler/spiders)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from crawler import cli
from crawler.settings import SANDBOX_PLATFORM_DELAY


@pytest.fixture
def overrides_of_crawl(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run ``simwatch crawl ARGS`` with the crawl replaced; return the settings it would get."""
    import crawler.commands._common as common
    import crawler.reporting as reporting
    import crawler.runner as runner

    seen: dict[str, Any] = {}

    def fake_run_crawl(platforms: list[str], **kwargs: Any) -> SimpleNamespace:
        seen.update(kwargs)
        return SimpleNamespace(status="succeeded")

    @contextlib.contextmanager
    def no_store(home: str) -> Iterator[str]:
        yield "http://127.0.0.1:9"

    monkeypatch.setattr(runner, "run_crawl", fake_run_crawl)
    monkeypatch.setattr(common, "elasticsearch_for_run", no_store)
    monkeypatch.setattr(reporting, "print_summary", lambda report: None)
    monkeypatch.delenv("SIMWATCH_PLATFORM_DELAY", raising=False)

    def run(*argv: str) -> dict[str, Any]:
        assert cli.main(["crawl", "-p", "ebay", *argv]) == 0
        return seen["settings_overrides"]
    return run


def test_a_sandbox_on_this_machine_is_crawled_at_the_sandbox_pace(overrides_of_crawl: Any) -> None:
    for url in ("http://127.0.0.1:8766", "http://localhost:8766/", "http://[::1]:8766"):
        assert overrides_of_crawl("--sandbox", url)["SIMWATCH_PLATFORM_DELAY"] == SANDBOX_PLATFORM_DELAY


def test_a_remote_sandbox_and_an_explicit_delay_keep_the_platforms_politeness(
        overrides_of_crawl: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "SIMWATCH_PLATFORM_DELAY" not in overrides_of_crawl("--sandbox", "http://10.0.0.5:8766")
    assert "SIMWATCH_PLATFORM_DELAY" not in overrides_of_crawl()
    monkeypatch.setenv("SIMWATCH_PLATFORM_DELAY", "2")
    assert "SIMWATCH_PLATFORM_DELAY" not in overrides_of_crawl("--sandbox", "http://127.0.0.1:8766")


@pytest.mark.parametrize("content", [None, b"\x00\x01not a whitelist"])
def test_an_unreadable_whitelist_stops_the_crawl_with_one_line(
        overrides_of_crawl: Any, tmp_path: Any, content: bytes | None) -> None:
    path = tmp_path / "carrier.xlsx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(SystemExit) as stop:
        overrides_of_crawl("--whitelist", str(path))
    assert str(stop.value).startswith("simwatch crawl: error: ") and path.name in str(stop.value)
    assert "\n" not in str(stop.value)
