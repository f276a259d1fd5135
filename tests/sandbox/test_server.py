from __future__ import annotations

import json
import socket

import pytest

from sandbox.faults import FaultRule
from sandbox.server import SandboxServer, login_storage_state
from tests.sandbox.conftest import http
from tests.sandbox.fronts import test_jd as jd_front_test


def _jd_api(base: str, keyword: str, page: int = 1) -> dict:
    """One results page of JD's signed search API, called as its page calls it."""
    cookies = jd_front_test._cookies(base)
    url = jd_front_test._api_url(base, keyword, page, tk=jd_front_test._token(base, jd_front_test.FP))
    return json.loads(http(url, cookies=cookies).body)


def _all_skus(base: str, keyword: str) -> list[str]:
    skus, page = [], 1
    while True:
        data = _jd_api(base, keyword, page)["data"]
        skus.extend(w["wareId"] for w in data["wareList"])
        if page >= data["pageCount"]:
            return skus
        page += 1


def test_start_stop_and_context_manager_free_the_port() -> None:
    server = SandboxServer(faults=False)
    base = server.start()
    assert base.startswith("http://127.0.0.1:") and server.port > 0
    assert http(f"{base}/").status == 200
    with pytest.raises(RuntimeError, match="already started"):
        server.start()
    server.stop()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", server.port), timeout=1):
        pass
    server.stop()  # idempotent
    with SandboxServer(faults=False, port=server.port) as again:  # the port is free again
        assert again == base


def test_binds_loopback_only() -> None:
    with pytest.raises(ValueError, match="loopback"):
        SandboxServer(host="0.0.0.0")


def test_start_failure_is_reported() -> None:
    with SandboxServer(faults=False) as base:
        busy = int(base.rsplit(":", 1)[1])
        with pytest.raises(RuntimeError, match="failed to start"):
            SandboxServer(faults=False, port=busy).start()


def test_takedown_removes_listing_and_relist_adds_a_near_duplicate(quiet_server: SandboxServer) -> None:
    # A server of its own: takedowns change state other tests read.
    with SandboxServer(faults=False) as base:
        target = next(x for x in quiet_server.catalogue.for_platform("jd") if "sim卡" in x.tags)
        assert target.listing_id in _all_skus(base, "sim卡")
        reply = http(f"{base}/_admin/takedown?platform=jd&listing_id={target.listing_id}", method="POST", data={})
        assert reply.status == 200 and json.loads(reply.body)["ok"]
        gone = http(f"{base}/jd/item/{target.listing_id}.html")
        assert gone.status == 404 and "商品已下架" in gone.body
        assert target.listing_id not in _all_skus(base, "sim卡")

        relisted = json.loads(http(f"{base}/_admin/relist?platform=jd&listing_id={target.listing_id}",
                                   method="POST", data={}).body)
        assert relisted["relisted_from"] == target.listing_id and target.title in relisted["title"]
        assert relisted["shop_id"] == target.shop.shop_id
        assert relisted["listing_id"] in _all_skus(base, "sim卡")
        assert http(f"{base}/jd/item/{relisted['listing_id']}.html").status == 200
        state = json.loads(http(f"{base}/_admin/state").body)
        assert state["removed"] == {"jd": [target.listing_id]} and state["relisted"] == [f"jd:{relisted['listing_id']}"]
        assert http(f"{base}/_admin/takedown?platform=jd&listing_id=1", method="POST", data={}).status == 404
        assert http(f"{base}/_admin/takedown?platform=jd", method="POST", data={}).status == 400


def test_rate_limit_answers_429_with_retry_after() -> None:
    with SandboxServer(faults=False, rate_limit=2, burst=3) as base:
        statuses = [http(f"{base}/jd/").status for _ in range(6)]
        assert statuses[:3] == [200, 200, 200] and 429 in statuses[3:]
        reply = http(f"{base}/jd/")
        assert reply.status == 429 and int(reply.headers["Retry-After"]) >= 1
        assert http(f"{base}/_admin/state").status == 200  # admin is never limited


def test_custom_fault_plan() -> None:
    plan = [FaultRule("login", platform="jd", keyword="号卡", page=2, times=None)]
    with SandboxServer(fault_plan=plan, rate_limit=None) as base:
        assert _jd_api(base, "号卡", 1)["code"] == "0"
        assert _jd_api(base, "号卡", 2)["code"] == "3"  # the API's login answer
        assert _jd_api(base, "手机卡", 1)["code"] == "0"  # no default plan


def test_login_storage_state_is_a_playwright_state(quiet_server: SandboxServer) -> None:
    state = login_storage_state(quiet_server.base_url)
    assert state["origins"] == []
    names = {c["name"] for c in state["cookies"]}
    assert {"cookie2", "unb"} <= names
    assert all(c["domain"] == "127.0.0.1" and c["path"] == "/" for c in state["cookies"])
