from __future__ import annotations

import time

import pytest

from sandbox.faults import FaultPlan, FaultRule, RateLimiter, default_fault_plan


def test_rule_fires_on_the_nth_matching_request_a_limited_number_of_times() -> None:
    plan = FaultPlan([FaultRule("503", platform="jd", keyword="电话卡", page=2, nth=2, times=1)])
    assert plan.check("jd", "电话卡", 1) is None  # other page: not counted
    assert plan.check("jd", "电话卡", 2) is None  # 1st matching request
    assert plan.check("jd", "电话卡", 2) == "503"  # 2nd
    assert plan.check("jd", "电话卡", 2) is None  # fired once: clears
    assert plan.check("xianyu", "电话卡", 2) is None
    assert plan.log == [("503", "jd", "电话卡", 2)]


def test_persistent_rule_and_default_plan() -> None:
    plan = default_fault_plan(["jd", "xianyu"])
    assert plan.check("jd", "手机卡", 1) == "503"
    assert plan.check("jd", "手机卡", 1) is None  # retry succeeds
    assert [plan.check("xianyu", "流量卡", 2) for _ in range(3)] == ["captcha"] * 3
    assert plan.check("xianyu", "流量卡", 1) is None


def test_bad_rules_are_rejected() -> None:
    with pytest.raises(ValueError, match="teapot"):
        FaultRule("teapot")
    with pytest.raises(ValueError, match="nth"):
        FaultRule("503", nth=0)


def test_rate_limiter_allows_a_burst_then_refills() -> None:
    limiter = RateLimiter(rate=50, burst=3)
    assert [limiter.allow("a")[0] for _ in range(3)] == [True, True, True]
    allowed, wait = limiter.allow("a")
    assert not allowed and 0 < wait <= 0.02 + 1e-9
    assert limiter.allow("b")[0]  # per client
    time.sleep(0.05)
    assert limiter.allow("a")[0]
