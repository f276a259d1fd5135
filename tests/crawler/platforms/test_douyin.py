"""Douyin: no product search path is evidenced, so nothing is parsed or crawled — said plainly."""

from __future__ import annotations

import pytest

from crawler.platforms import douyin
from crawler.platforms.base import PageFormatError


def test_the_module_says_it_is_unverified_and_keeps_no_invented_endpoint() -> None:
    assert douyin.VERIFIED is False and douyin.API_URL_MARKER is None
    assert not douyin.NEEDS_BROWSER
    assert "unverified" in douyin.UNVERIFIED_REASON
    assert "search/goods" not in (douyin.__doc__ or "").replace("/aweme/v1/web/search/goods", "")
    # The evidenced general search page, not the fictional ?type=goods.
    assert douyin.search_url(douyin.DEFAULT_BASE_URL, "流量卡", 1).endswith("?type=general")


def test_parse_refuses_with_one_line() -> None:
    with pytest.raises(PageFormatError, match="unverified") as err:
        douyin.parse_search(b'{"status_code": 0, "data": []}', "https://www.douyin.com/x", "2026-01-01")
    assert "\n" not in str(err.value)


def test_evidenced_walls_are_still_recognised() -> None:
    assert douyin.detect_block(200, '{"search_nil_info": {"search_nil_type": "verify_check"}}', "u") == "captcha"
    assert douyin.detect_block(200, "", "https://www.douyin.com/passport/web/login") == "login"
    assert douyin.detect_block(429, "", "https://www.douyin.com/") == "rate_limited"
    assert douyin.detect_block(200, '{"status_code": 0}', "https://www.douyin.com/") is None
