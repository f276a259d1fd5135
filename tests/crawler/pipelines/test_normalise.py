"""NormalisePipeline cleans and rejects unusable listings."""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy.exceptions import DropItem

from crawler.items import Listing, Seller
from crawler.pipelines.normalise import (
    NormalisePipeline,
    _coerce_price,
    clean_text,
    missing_fields,
)


class Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


def test_clean_text_removes_tags_and_folds_space() -> None:
    assert clean_text("  <em>联通</em>\n流量卡\t 免实名 ") == "联通 流量卡 免实名"
    assert clean_text(" <br/> ") is None and clean_text(None) is None
    assert clean_text(42) == "42"  # type: ignore[arg-type]


@pytest.mark.parametrize(("raw", "price"), [
    ("¥1,299.50", 1299.5), ("￥ 9.9", 9.9), (19, 19.0), ("", None), (None, None), ("面议", None),
    ("-5", None), ("nan", None), ("inf", None),
])
def test_prices_become_finite_non_negative_numbers_or_none(raw: Any, price: float | None) -> None:
    value = _coerce_price(raw)
    assert value == price and (value is None or math.isfinite(value))


def test_a_listing_is_cleaned_and_dated_by_its_spider() -> None:
    pipeline = NormalisePipeline(Stats())  # type: ignore[arg-type]
    spider = SimpleNamespace(observed_at="2026-12-04")
    item = {"platform": "jd", "listing_id": " 100 ", "title": "<b>电话卡</b>  大流量", "shop_id": 7,
            "price": "¥9.90", "description": "  ", "location": "广东\n深圳", "unknown_field": "dropped"}
    out = pipeline.process_item(item, spider)  # type: ignore[arg-type]
    assert isinstance(out, Listing)
    assert (out.listing_id, out.title, out.shop_id, out.price) == ("100", "电话卡 大流量", "7", 9.9)
    assert (out.description, out.location, out.observed_at) == (None, "广东 深圳", "2026-12-04")


def test_a_listing_keeps_its_own_date_and_an_empty_shop_id_stays_none() -> None:
    pipeline = NormalisePipeline(Stats())  # type: ignore[arg-type]
    listing = Listing(platform="jd", listing_id="1", title="卡", shop_id="", observed_at="2026-01-01")
    out = pipeline.process_item(listing, SimpleNamespace(observed_at="2026-12-04"))  # type: ignore[arg-type]
    assert out is listing and out.observed_at == "2026-01-01" and out.shop_id is None


@pytest.mark.parametrize(("fields", "lacks"), [
    ({"listing_id": "", "title": "卡"}, "listing_id"),
    ({"listing_id": "1", "title": "<p> </p>"}, "title"),
    ({"listing_id": None, "title": None}, "listing_id, title"),
])
def test_unusable_listings_are_dropped_with_a_reason_and_counted(fields: dict[str, Any], lacks: str) -> None:
    stats = Stats()
    pipeline = NormalisePipeline(stats)  # type: ignore[arg-type]
    with pytest.raises(DropItem, match=f"listing from http://x/p1 lacks {lacks}$"):
        pipeline.process_item({"platform": "jd", "page_url": "http://x/p1", **fields})
    assert stats.values == {"simwatch/jd/invalid_items": 1}


def test_sellers_pass_untouched() -> None:
    seller = Seller(platform="jd", shop_id=" 1 ", shop_name="<b>店</b>")
    assert NormalisePipeline(Stats()).process_item(seller) is seller  # type: ignore[arg-type]
    assert seller.shop_name == "<b>店</b>"


def test_missing_fields_names_what_a_listing_lacks() -> None:
    assert missing_fields(Listing(platform="jd", listing_id="1", title="卡")) == []
    assert missing_fields(Listing(platform="", listing_id="", title="")) == ["platform", "listing_id", "title"]
