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


# --- capcn


def test_parse_reports_the_verify_wall_as_a_captcha_not_drift() -> None:
    """The search's risk answer as scrapers test against it (index files 54535733730,
    71099552961): HTTP 200, ``data: []`` and ``search_nil_info.search_nil_type`` verify_check —
    a wall, not a changed layout; anything else is still refused as unverified."""
    body = (b'{"status_code":0,"has_more":0,"cursor":0,"data":[],"search_nil_info":'
            b'{"search_nil_type":"verify_check","search_nil_item":"verify_check","text_type":9}}')
    url = "https://www.douyin.com/aweme/v1/web/general/search/single/?keyword=x"
    result = douyin.parse_search(body, url, "2026-01-01")
    assert (result.blocked, result.listings) == ("captcha", [])
    login = douyin.parse_search(b"<html></html>", "https://www.douyin.com/passport/web/login", "x")
    assert login.blocked == "login"
    with pytest.raises(PageFormatError, match="unverified"):
        douyin.parse_search(b'{"status_code":0,"data":[{"aweme_info":{}}]}', url, "2026-01-01")
