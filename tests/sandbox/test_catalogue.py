from __future__ import annotations

import csv
import unicodedata
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sandbox.catalogue import (
    DEFAULT_PLATFORMS,
    SEARCH_KEYWORDS,
    WHITELIST_HEADERS,
    Catalogue,
    build_catalogue,
    normalise_query,
    write_whitelist,
)
from sandbox.creditcode import is_valid_uscc


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return build_catalogue(7)


def _snapshot(c: Catalogue) -> list[tuple]:
    return [(x.platform, x.listing_id, x.title, x.price, x.shop.shop_id, x.tags, tuple(sorted(x.expected.items(), key=str)))
            for x in c.listings]


def test_same_seed_same_catalogue_other_seed_differs(cat: Catalogue) -> None:
    assert _snapshot(build_catalogue(7)) == _snapshot(cat)
    assert cat.whitelist_rows() == build_catalogue(7).whitelist_rows()
    other = build_catalogue(8)
    assert {x.listing_id for x in other.listings}.isdisjoint({x.listing_id for x in cat.listings})


def test_hundreds_of_listings_per_platform_with_unique_ids(cat: Catalogue) -> None:
    counts = Counter(x.platform for x in cat.listings)
    assert set(counts) == set(DEFAULT_PLATFORMS)
    assert all(250 <= n <= 400 for n in counts.values()), counts
    assert len({x.doc_id for x in cat.listings}) == len(cat.listings)


def test_ground_truth_follows_policy_rules(cat: Catalogue) -> None:
    for x in cat.listings:
        e = x.expected
        assert e["takedown"] == (e["sim_listing"] and bool(e["violations"])), x
        assert e["violations"] == sorted(e["violations"])
        if not e["sim_listing"]:
            assert e["violations"] == [] and e["carriers"] == [] and e["authorised"] is None
        if e["foreign"]:
            assert "unauthorised_seller" not in e["violations"] and e["authorised"] is None
        if e["authorised"] is True:
            assert "unauthorised_seller" not in e["violations"]
            auth = x.shop.authorisation
            assert auth is not None and set(e["carriers"]) <= set(auth.carriers)
        if e["authorised"] is False:
            assert "unauthorised_seller" in e["violations"]


def test_every_kind_of_listing_is_present_on_each_platform(cat: Catalogue) -> None:
    wanted = {"authorised", "authorised_expired", "authorised_other_carrier", "authorised_black_card",
              "unauthorised", "black_card", "iot_card", "card_buying", "verification_service",
              "foreign", "foreign_flagged", "distractor", "wifi_with_card"}
    for platform in ("jd", "xianyu"):
        kinds = Counter(x.kind for x in cat.for_platform(platform))
        assert wanted <= set(kinds), wanted - set(kinds)
        assert kinds["foreign_flagged"] == 1
    flagged = next(x for x in cat.for_platform("jd") if x.kind == "foreign_flagged")
    assert all(w in flagged.title for w in ("国内可用", "免实名", "可注册微信"))
    assert flagged.expected["takedown"] and flagged.expected["foreign"]


def test_black_cards_use_the_evasions_of_policy_4(cat: Catalogue) -> None:
    titles = [x.title for x in cat.for_platform("jd") if x.kind in ("black_card", "authorised_black_card")]
    text = "\n".join(titles)
    assert any(c in text for c in ("實", "電", "機", "聯", "號"))  # traditional characters
    assert "免 实 名" in text or "已 实 名" in text or "-" in text  # separators
    assert any(p in text for p in ("dhk", "llk", "sjk", "shi ming", "shiming"))  # pinyin / initials
    assert "🃏" in text  # emoji for 卡
    assert any(unicodedata.east_asian_width(ch) == "F" and ch.isascii() is False and ch.isalpha()
               and "Ａ" <= ch <= "ｚ" for ch in text)  # full-width letters
    assert any(p in text for p in ("免石名", "免实铭", "已石名"))  # homophones
    # Lawful look-alikes: power banks say 移动 without being carriers' cards.
    assert any("移动电源" in x.title and not x.expected["sim_listing"] for x in cat.for_platform("jd"))


def test_every_listing_is_found_by_a_crawl_keyword_and_some_by_two(cat: Catalogue) -> None:
    for platform in ("jd", "xianyu"):
        found: Counter[str] = Counter()
        for kw in SEARCH_KEYWORDS:
            page, seen = 1, []
            while True:
                result = cat.search(platform, kw, page, 30)
                seen.extend(x.listing_id for x in result.items)
                if not result.has_next:
                    break
                page += 1
            assert len(seen) == len(set(seen)) == result.total
            assert result.total > 60, (platform, kw)  # several pages per keyword
            found.update(seen)
        assert set(found) == {x.listing_id for x in cat.for_platform(platform)}
        assert sum(1 for n in found.values() if n >= 2) >= 20


def test_search_matches_normalised_titles_and_is_paginated(cat: Catalogue) -> None:
    result = cat.search("jd", "ＳＩＭ卡", 1, 30)  # full-width query folds to sim卡
    assert result.total == cat.search("jd", "sim卡", 1, 30).total > 0
    assert cat.search("jd", "乒乓球拍", 1, 30).total == 0
    last = cat.search("jd", "电话卡", result.pages + 5, 30)
    assert last.items == () and not last.has_next
    assert all(cat.matches(x, "取卡针") for x in cat.search("jd", "取卡针", 1, 30).items)
    assert normalise_query(" Ｓｉｍ 卡 ") == "sim卡"


def test_whitelist_rows_cover_expired_and_other_carrier_entries(cat: Catalogue) -> None:
    rows = cat.whitelist_rows()
    assert [r["序号"] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    assert all(tuple(r) == WHITELIST_HEADERS for r in rows)
    assert {r["所属平台"] for r in rows} == {"京东", "闲鱼", "淘宝", "天猫", "拼多多", "抖音"}
    assert any("、" in r["运营商"] for r in rows)  # multi-carrier cells
    assert all(is_valid_uscc(r["统一社会信用代码"]) for r in rows)
    expired = [r for r in rows if date.fromisoformat(r["有效期至"]) < date(2025, 1, 1)]
    assert {r["所属平台"] for r in expired} >= {"京东", "闲鱼"}
    jd_ids = {r["网店地址"] for r in rows if r["所属平台"] == "京东"}
    assert any("shop.m.jd.com/?shopId=" in u for u in jd_ids) and any("mall.jd.com/index-" in u for u in jd_ids)
    # Listings of the expired and the other-carrier shops are flagged; their shops are listed.
    for kind in ("authorised_expired", "authorised_other_carrier"):
        x = next(x for x in cat.for_platform("jd") if x.kind == kind)
        assert x.shop.name in {r["网店名称"] for r in rows}
        assert x.expected["violations"] == ["unauthorised_seller"]
    other = next(x for x in cat.for_platform("jd") if x.kind == "authorised_other_carrier")
    assert not set(other.expected["carriers"]) & set(other.shop.authorisation.carriers)  # type: ignore[union-attr]


def test_unauthorised_shops_are_not_on_the_whitelist(cat: Catalogue) -> None:
    listed = {(r["所属平台"], r["网店名称"]) for r in cat.whitelist_rows()}
    for x in cat.for_platform("jd"):
        if x.kind in ("unauthorised", "black_card"):
            assert x.shop.authorisation is None and ("京东", x.shop.name) not in listed


def test_shops_have_real_url_forms_and_valid_credit_codes(cat: Catalogue) -> None:
    for shop in cat.shops:
        assert is_valid_uscc(shop.credit_code), shop
        if shop.platform == "jd":
            assert shop.url == f"https://mall.jd.com/index-{shop.shop_id}.html" and shop.vender_id
        if shop.platform == "xianyu":
            assert shop.user_id and shop.user_id.isdigit() and shop.url is None
    jd_item = cat.for_platform("jd")[0]
    assert jd_item.url == f"https://item.jd.com/{jd_item.listing_id}.html"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_whitelist_writer_round_trips(cat: Catalogue, tmp_path: Path, fmt: str) -> None:
    rows = cat.whitelist_rows()
    out = write_whitelist(rows, tmp_path / f"wl.{fmt}")
    if fmt == "csv":
        with out.open(encoding="utf-8-sig", newline="") as fh:
            back = list(csv.DictReader(fh))
    else:
        sheet = load_workbook(out).active
        values = list(sheet.iter_rows(values_only=True))
        assert values[0] == WHITELIST_HEADERS
        assert isinstance(values[1][0], int) and isinstance(values[1][-1], datetime)  # typed cells
        back = [{h: "" if v is None else v.date().isoformat() if isinstance(v, datetime) else str(v)
                 for h, v in zip(values[0], row, strict=True)} for row in values[1:]]
    assert back == rows


def test_whitelist_writer_rejects_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="wl.pdf"):
        write_whitelist([], tmp_path / "wl.pdf")


def test_relist_makes_a_near_duplicate_from_the_same_shop(cat: Catalogue) -> None:
    original = cat.for_platform("jd")[5]
    copy = cat.relist(original, 0)
    assert copy.listing_id != original.listing_id and copy.shop == original.shop
    assert original.title in copy.title and copy.title != original.title
    assert copy.relisted_from == original.listing_id and copy.expected == original.expected


def test_markets_outside_china_follow_policy_7(cat: Catalogue) -> None:
    from sandbox.catalogue import FOREIGN_PLATFORMS, FOREIGN_SEARCH_KEYWORDS, search_keywords

    for platform in FOREIGN_PLATFORMS:
        listings = cat.for_platform(platform)
        assert search_keywords(platform) == FOREIGN_SEARCH_KEYWORDS
        # No whitelist covers these markets: never unauthorised_seller, authorisation not judged.
        assert all("unauthorised_seller" not in x.expected["violations"] for x in listings)
        assert all(x.expected["authorised"] is None for x in listings)
        kinds = Counter(x.kind for x in listings)
        assert {"foreign_lawful", "china_carrier", "foreign", "black_card", "verification_service",
                "distractor", "foreign_flagged"} <= set(kinds)
        flagged = {v for x in listings for v in x.expected["violations"]}
        assert flagged == {"pre_registered", "pre_activated", "bulk_trading", "no_real_name", "verification_service"}
        # Every listing is found by an English crawl keyword; lawful look-alikes are not SIM listings.
        assert all(any(cat.matches(x, kw) for kw in FOREIGN_SEARCH_KEYWORDS) for x in listings)
        assert any("Dual SIM" in x.title and not x.expected["sim_listing"] for x in listings)
        assert not cat.search(platform, "电话卡", 1, 30).items
    shopee = cat.for_platform("shopee")
    assert any("Kartu Perdana" in x.title for x in shopee)
    assert all(x.url == f"https://shopee.tw/product/{x.shop.shop_id}/{x.listing_id}" for x in shopee)
    asin = cat.for_platform("amazon")[0]
    assert len(asin.listing_id) == 10 and asin.listing_id.startswith("B0")
    copy = cat.relist(asin, 0)
    assert copy.listing_id != asin.listing_id and len(copy.listing_id) == 10
