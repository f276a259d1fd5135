"""The PLATFORMS registry and the module contract of docs/INTERFACES.md."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from crawler.platforms import PLATFORMS, get_platform
from crawler.platforms.base import BLOCK_REASONS

EXPECTED = {"taobao", "tmall", "jd", "pinduoduo", "xianyu", "douyin", "shopee", "ebay", "amazon"}
# jd: a login-gated search app since 2025/26; douyin: unverified, not crawled.
BROWSER = {"taobao", "tmall", "pinduoduo", "xianyu", "jd", "shopee"}


def test_registry_keys() -> None:
    assert set(PLATFORMS) == EXPECTED
    assert {name for name, module in PLATFORMS.items() if module.NEEDS_BROWSER} == BROWSER
    with pytest.raises(KeyError, match="unknown platform 'weibo'; known: amazon"):
        get_platform("weibo")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_module_contract(name: str) -> None:
    module = PLATFORMS[name]
    assert name == module.NAME
    assert urlsplit(module.DEFAULT_BASE_URL).scheme == "https"
    if module.NEEDS_BROWSER:
        assert module.API_URL_MARKER
    for attr in ("search_url", "parse_search", "detect_block"):
        assert callable(getattr(module, attr))
    # The sandbox mounts each front under a path prefix; search URLs must keep it.
    url = module.search_url("http://127.0.0.1:8000/" + name, "电话卡 sim", 2)
    assert url.startswith(f"http://127.0.0.1:8000/{name}/")
    assert " " not in url and "电话卡" not in url
    if not getattr(module, "PAGES_IN_PLACE", False):  # pinduoduo pages by scrolling
        assert module.search_url(module.DEFAULT_BASE_URL, "x", 1) != module.search_url(
            module.DEFAULT_BASE_URL, "x", 2
        )
    assert module.detect_block(429, b"", url) == "rate_limited"
    assert module.detect_block(500, b"", url) == "server_error"
    assert set(BLOCK_REASONS) == {"login", "captcha", "rate_limited", "server_error", "suspected_block"}


@pytest.mark.parametrize("name", ["jd", "taobao", "tmall", "pinduoduo"])
def test_shop_parsers_exist(name: str) -> None:
    assert callable(PLATFORMS[name].parse_shop)


def test_browser_platforms_share_one_matcher_with_their_backend() -> None:
    # tmall reads taobao's API: it must match it exactly too (the feed on the same path).
    from crawler.platforms import taobao, tmall

    assert tmall.is_search_api is taobao.is_search_api
