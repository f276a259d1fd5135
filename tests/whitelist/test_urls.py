from __future__ import annotations

import pytest

from whitelist.urls import canonical_shop_id, canonical_shop_url, shop_id_from_url


@pytest.mark.parametrize(
    ("platform", "url", "shop_id"),
    [
        ("taobao", "https://shop123456.taobao.com/?spm=a1z10.1", "123456"),
        ("taobao", "//shop123456.m.taobao.com", "123456"),
        ("tmall", "https://xxx.tmall.com", "xxx"),
        ("tmall", "https://XXX.tmall.com/shop/view_shop.htm?spm=1", "xxx"),
        ("taobao", "https://xxx.tmall.com", "xxx"),  # the URL's host decides
        ("tmall", "https://detail.tmall.com/item.htm?id=1", None),  # a product page, not a shop
        ("jd", "https://mall.jd.com/index-1000123.html", "1000123"),
        ("jd", "//mall.jd.com/index-1000123.html?from=pc", "1000123"),
        ("jd", "https://shop.m.jd.com/?shopId=2000456", "2000456"),
        ("pinduoduo", "https://mobile.yangkeduo.com/mall_page.html?mall_id=778899", "778899"),
        ("douyin", "https://haohuo.jinritemai.com/views/shop/index?id=DyShop01", "DyShop01"),
        ("xianyu", "https://www.goofish.com/personal?userId=9988", "9988"),
        ("shopee", "https://shopee.co.id/shop/1234", "1234"),
        ("shopee", "https://shopee.ph/SimStore", "simstore"),
        ("shopee", "https://shopee.ph/Prepaid-SIM-i.555.666", "555"),
        ("shopee", "https://shopee.ph/search?keyword=sim", None),
        ("ebay", "https://www.ebay.com/str/simworld", "simworld"),
        ("ebay", "https://www.ebay.com/usr/bob_sims", "bob_sims"),
        ("amazon", "https://www.amazon.com/sp?seller=a1b2c3d4", "A1B2C3D4"),
        ("jd", "not a url", None),
        ("jd", "http://[::1", None),
        ("jd", "", None),
    ],
)
def test_shop_id_from_url(platform: str, url: str, shop_id: str | None) -> None:
    assert shop_id_from_url(platform, url) == shop_id


def test_canonical_shop_url_drops_noise() -> None:
    a = canonical_shop_url("https://www.goofish.com/personal?userId=9988&spm=a.b#top")
    b = canonical_shop_url("http://goofish.com/personal/?userId=9988")
    assert a == b == "goofish.com/personal?userId=9988"
    assert canonical_shop_url("HTTPS://M.Example.COM/Shop/") == "example.com/Shop"
    assert canonical_shop_url("//mall.jd.com/index-1.html") == "mall.jd.com/index-1.html"
    assert canonical_shop_url("无效") is None
    assert canonical_shop_url(None) is None


def test_canonical_shop_id() -> None:
    assert canonical_shop_id(12345.0) == "12345"
    assert canonical_shop_id(" 12345.0 ") == "12345"
    assert canonical_shop_id("  ") is None
    assert canonical_shop_id(None) is None
