from __future__ import annotations

import pytest

from whitelist.platforms import normalise_platform, platform_family, platform_from_url


@pytest.mark.parametrize(
    ("name", "code"),
    [("天猫", "tmall"), ("淘宝", "taobao"), ("淘宝网", "taobao"), ("京东", "jd"), ("京东商城", "jd"),
     ("拼多多", "pinduoduo"), ("闲鱼", "xianyu"), ("抖音", "douyin"), ("抖音小店", "douyin"),
     ("Shopee", "shopee"), ("eBay", "ebay"), ("Amazon", "amazon"), ("jd", "jd"), ("www.jd.com", "jd")],
)
def test_normalise_platform(name: str, code: str) -> None:
    assert normalise_platform(name) == code


def test_unknown_platform() -> None:
    assert normalise_platform("拍拍") is None
    assert normalise_platform("") is None


def test_platform_from_url_longest_domain_wins() -> None:
    assert platform_from_url("https://2.taobao.com/item?id=1") == "xianyu"
    assert platform_from_url("https://shop1.taobao.com") == "taobao"
    assert platform_from_url("//mall.jd.com/index-1.html") == "jd"
    assert platform_from_url("https://example.com/shop") is None


def test_tmall_shares_taobao_namespace() -> None:
    assert platform_family("tmall") == platform_family("taobao") == "taobao"
    assert platform_family("jd") == "jd"
