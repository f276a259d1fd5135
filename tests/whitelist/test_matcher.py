"""Matcher semantics, one test per POLICY §3 clause."""

from __future__ import annotations

from datetime import date

import pytest

from whitelist.matcher import FUZZY_THRESHOLD, Matcher
from whitelist.model import WhitelistEntry


def entry(**kwargs: object) -> WhitelistEntry:
    values: dict[str, object] = {"carriers": ("中国移动",), "platform": "jd", "source": "l.csv", "row": 2,
                                 "snapshot_id": "wl-1"}
    values.update(kwargs)
    return WhitelistEntry(**values)  # type: ignore[arg-type]


DAY = date(2024, 6, 1)


def test_clause1_same_platform() -> None:
    matcher = Matcher([entry(shop_id="100")])
    assert matcher.match("jd", shop_id="100", observed=DAY).authorised
    result = matcher.match("pinduoduo", shop_id="100", observed=DAY)
    assert not result.authorised
    assert result.reason == "no whitelist entry for pinduoduo shop 100 (the whitelist has no pinduoduo entries)"
    assert matcher.match("京东", shop_id="100", observed=DAY).authorised  # platform names normalised


def test_tmall_and_taobao_share_sellers() -> None:
    matcher = Matcher([entry(platform="tmall", shop_id="moumou", shop_url="https://moumou.tmall.com")])
    assert matcher.match("taobao", shop_url="https://moumou.tmall.com/?spm=1", observed=DAY).authorised


def test_clause2_shop_id_then_url() -> None:
    matcher = Matcher([entry(shop_id="100", shop_url="https://mall.jd.com/index-100.html"),
                       entry(platform="douyin", shop_url="https://example-shop.douyin.com/store/7")])
    by_id = matcher.match("jd", shop_id="100", observed=DAY)
    assert (by_id.authorised, by_id.method) == (True, "shop_id")
    by_url_id = matcher.match("jd", shop_url="//mall.jd.com/index-100.html?from=x", observed=DAY)
    assert (by_url_id.authorised, by_url_id.method) == (True, "shop_id")  # id derived from URL
    by_url = matcher.match("douyin", shop_url="http://www.example-shop.douyin.com/store/7/", observed=DAY)
    assert (by_url.authorised, by_url.method) == (True, "shop_url")
    miss = matcher.match("jd", shop_id="12345", observed=DAY)
    assert miss.reason == "no whitelist entry for jd shop 12345"
    assert miss.method is None and miss.entry is None


def test_clause2_name_only_when_an_identifier_is_missing() -> None:
    matcher = Matcher([entry(shop_id="100", shop_name="乙数码专营店"),
                       entry(shop_name="庚通信营业厅")])  # entry with neither id nor URL
    # Listing without id or URL: matched by the normalised name of any entry.
    result = matcher.match("jd", shop_name="乙數碼 專營店", observed=DAY)
    assert (result.authorised, result.method) == (True, "shop_name")
    # Entry without id or URL: a listing with an id is matched by name.
    result = matcher.match("jd", shop_id="555", shop_name="庚通信营业厅", observed=DAY)
    assert (result.authorised, result.method) == (True, "shop_name")


def test_clause2_id_mismatch_is_never_matched_by_name() -> None:
    matcher = Matcher([entry(shop_id="100", shop_name="乙数码专营店")])
    result = matcher.match("jd", shop_id="999", shop_name="乙数码专营店", observed=DAY)
    assert not result.authorised
    assert result.reason == ("no whitelist entry for jd shop 999 (an entry with the same name has shop "
                             "100; names are not compared when both sides have a shop id or URL)")
    # Nor fuzzily.
    result = matcher.match("jd", shop_id="999", shop_name="乙数码专营店x", observed=DAY)
    assert not result.authorised and result.method is None


def test_clause2_fuzzy_only_above_threshold() -> None:
    name = "某某通信科技有限公司官方旗舰店铺一二三四"  # 20 characters
    matcher = Matcher([entry(shop_name=name)])
    one_off = matcher.match("jd", shop_name=name + "五", observed=DAY)  # one extra character
    assert one_off.authorised and one_off.method == "shop_name_fuzzy"
    assert one_off.score >= FUZZY_THRESHOLD
    different = Matcher([entry(shop_name="某某通信一店")]).match("jd", shop_name="某某通信二店", observed=DAY)
    assert not different.authorised
    assert "closest whitelisted name '某某通信一店' scored 83, below the 95 threshold" in different.reason


def test_clause3_carrier_coverage() -> None:
    matcher = Matcher([entry(shop_id="100")])
    result = matcher.match("jd", shop_id="100", carriers=["中国联通"], observed=DAY)
    assert not result.authorised
    assert result.reason.startswith("entry covers 中国移动 only, listing sells 中国联通")
    assert matcher.match("jd", shop_id="100", carriers=["China Mobile"], observed=DAY).authorised
    # Unknown listing carrier: any entry for the shop counts.
    assert matcher.match("jd", shop_id="100", carriers=[], observed=DAY).authorised
    # Several carriers: each must be covered.
    both = Matcher([entry(shop_id="100"), entry(shop_id="100", carriers=("中国联通",))])
    assert both.match("jd", shop_id="100", carriers=["中国移动", "中国联通"], observed=DAY).authorised
    result = matcher.match("jd", shop_id="100", carriers=["中国移动", "中国电信"], observed=DAY)
    assert result.reason.startswith("entry covers 中国移动 only, listing sells 中国电信")


def test_clause4_validity_dates() -> None:
    matcher = Matcher([entry(shop_id="100", valid_from=date(2024, 1, 1), valid_to=date(2024, 12, 31))])
    assert matcher.match("jd", shop_id="100", observed="2024-12-31").authorised  # inclusive
    assert matcher.match("jd", shop_id="100", observed="2024-01-01").authorised
    expired = matcher.match("jd", shop_id="100", observed="2025-01-01")
    assert not expired.authorised
    assert expired.reason.startswith("whitelist entry expired 2024-12-31")
    early = matcher.match("jd", shop_id="100", observed="2023-12-31")
    assert early.reason.startswith("whitelist entry not valid until 2024-01-01")
    # A renewal entry makes it valid again.
    renewed = Matcher([*matcher.entries, entry(shop_id="100", valid_from=date(2025, 1, 1))])
    assert renewed.match("jd", shop_id="100", observed="2025-06-01").authorised


def test_carrier_and_date_reason_precedence() -> None:
    matcher = Matcher([entry(shop_id="100", valid_to=date(2024, 1, 1)),
                       entry(shop_id="100", carriers=("中国联通",))])
    result = matcher.match("jd", shop_id="100", carriers=["中国移动"], observed=DAY)
    assert result.reason.startswith("whitelist entry expired 2024-01-01")
    assert len(result.candidates) == 2


def test_authorised_reason_and_snapshot_ids() -> None:
    matcher = Matcher([entry(shop_id="100", snapshot_id="wl-a"), entry(shop_id="7", snapshot_id="wl-b")])
    result = matcher.match("jd", shop_id="100", carriers=["中国移动"], observed=DAY)
    assert result.reason == ("whitelisted: jd shop 100 is an authorised 中国移动 agent "
                             "(matched by shop id; snapshot wl-a, l.csv:2)")
    assert result.to_dict()["snapshot_id"] == "wl-a"
    assert matcher.snapshot_ids == ["wl-a", "wl-b"]


def test_listing_without_identity_and_empty_whitelist() -> None:
    assert Matcher([entry(shop_id="1")]).match("jd", observed=DAY).reason == \
        "listing has no shop identity (no jd shop id, URL or name)"
    assert Matcher([]).match("jd", shop_id="1").reason == \
        "no whitelist entry for jd shop 1 (no whitelist snapshot loaded)"


def test_covers_platform() -> None:
    china = Matcher([entry(shop_id="1")])
    assert china.covers_platform("taobao") and china.covers_platform("jd")
    assert not china.covers_platform("shopee")  # POLICY §7: no whitelist for that market
    sea = Matcher([entry(platform="shopee", carriers=("Globe",), shop_id="9")])
    assert sea.covers_platform("shopee") and not sea.covers_platform("jd")


def test_bad_observed_date() -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        Matcher([entry(shop_id="1")]).match("jd", shop_id="1", observed="yesterday")
