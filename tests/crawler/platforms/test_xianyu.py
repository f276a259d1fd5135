"""Xianyu parser on the real mtop.taobao.idlemtopsearch.pc.search captures."""

from __future__ import annotations

import json

import pytest

from crawler.platforms import xianyu
from crawler.platforms.base import NotSearchAnswer
from tests.captures import capture_fixture

URL = "https://h5api.m.goofish.com/h5/mtop.taobao.idlemtopsearch.pc.search/1.0/"

page1 = capture_fixture("xianyu/idlemtopsearch_pc_search_p1.json")
page2 = capture_fixture("xianyu/idlemtopsearch_pc_search_p2.json")


def test_both_pages_have_thirty_items(page1: bytes, page2: bytes) -> None:
    for body in (page1, page2):
        result = xianyu.parse_search(body, URL, "2025-03-01")
        assert result.blocked is None
        assert len(result.listings) == 30
        assert result.has_next is True
        assert all(
            listing.platform == "xianyu" and listing.listing_id for listing in result.listings
        )


def test_fields_of_the_first_item(page1: bytes) -> None:
    result = xianyu.parse_search(page1, URL, "2025-03-01")
    first = result.listings[0]
    assert first.listing_id == "845090278669"
    assert first.title.startswith("省队专用10星、16星乒乓球拍")
    assert first.url == "https://www.goofish.com/item?id=845090278669"
    assert first.price == 38.0
    assert first.shop_name == "满眼都是你"
    assert first.location == "四川"
    assert first.observed_at == "2025-03-01"
    assert first.page_url == URL
    assert result.total == 152156


def test_decimal_price_and_nick_from_detail_params(page2: bytes) -> None:
    listings = {x.listing_id: x for x in xianyu.parse_search(page2, URL, "2025-03-01").listings}
    assert listings["869931515257"].price == 40.8
    assert listings["869931515257"].shop_name == "柠萌运动"


def test_every_item_matches_its_raw_record(page1: bytes) -> None:
    raw = json.loads(page1)["data"]["resultList"]
    listings = xianyu.parse_search(page1, URL, "2025-03-01").listings
    for entry, listing in zip(raw, listings, strict=True):
        main = entry["data"]["item"]["main"]
        assert listing.listing_id == main["exContent"]["itemId"]
        assert listing.price == float(main["clickParam"]["args"]["price"])
        assert listing.location == main["exContent"]["area"]


def test_jsonp_wrapper(page1: bytes) -> None:
    wrapped = b"mtopjsonp3(" + page1 + b")"
    assert len(xianyu.parse_search(wrapped, URL, "2025-03-01").listings) == 30


def test_last_page_has_no_next(page1: bytes) -> None:
    payload = json.loads(page1)
    payload["data"]["resultInfo"]["hasNextPage"] = False
    assert xianyu.parse_search(json.dumps(payload), URL, "2025-03-01").has_next is False


@pytest.mark.parametrize(
    ("ret", "reason"),
    [
        ("RGV587_ERROR::SM::哎哟喂,被挤爆啦,请稍后重试!", "captcha"),
        ("FAIL_SYS_USER_VALIDATE::RGV587_ERROR::SM", "captcha"),
        ("FAIL_SYS_SESSION_EXPIRED::Session过期", "login"),
        ("FAIL_SYS_TOKEN_EXOIRED::令牌过期", "login"),
    ],
)
def test_block_answers(ret: str, reason: str) -> None:
    body = json.dumps(
        {
            "api": xianyu.API,
            "data": {"url": "https://x/punish?x5"},
            "ret": [ret],
            "v": "1.0",
        }
    )
    assert xianyu.detect_block(200, body, URL) == reason
    result = xianyu.parse_search(body, URL, "2025-03-01")
    assert result.blocked == reason and result.listings == []


def test_detect_block_passes_real_pages_and_reads_status(page1: bytes) -> None:
    assert xianyu.detect_block(200, page1, URL) is None
    assert xianyu.detect_block(429, b"", URL) == "rate_limited"
    assert xianyu.detect_block(503, b"", URL) == "server_error"
    assert xianyu.detect_block(200, b"", "https://login.taobao.com/member/login.jhtml") == "login"


def test_search_url() -> None:
    assert xianyu.search_url("https://www.goofish.com/", "电话卡", 2) == (
        "https://www.goofish.com/search?q=%E7%94%B5%E8%AF%9D%E5%8D%A1&page=2"
    )


def test_search_api_is_matched_exactly() -> None:
    assert xianyu.is_search_api(URL + "?jsv=2.7.2&appKey=34839810")
    assert xianyu.is_search_api("http://127.0.0.1:8765/xianyu/h5/mtop.taobao.idlemtopsearch.pc.search/1.0/")
    for other in ("search.shade", "search.suggest", "item.search.activate"):
        api = "mtop.taobao.idlemtopsearch.pc." + other
        assert not xianyu.is_search_api(f"https://h5api.m.goofish.com/h5/{api}/1.0/")


def test_shade_answer_is_skipped_not_drift() -> None:
    # The .shade answer as a public script reads it (index file 34399760230).
    body = json.dumps({"api": "mtop.taobao.idlemtopsearch.pc.search.shade", "ret": ["SUCCESS::调用成功"],
                       "data": {"singleShadeWords": [{"showText": "电话卡"}]}, "v": "1.0"})
    with pytest.raises(NotSearchAnswer):
        xianyu.parse_search(body, URL.replace("search/", "search.shade/"), "2025-03-01")


# --- capcn


def test_the_same_search_under_its_other_api_name_is_read(page1: bytes) -> None:
    """``mtop.taobao.idle.web.item.search`` answers the same search with the same data (the
    goofish-client SDK's SearchResponse: appBar … resultList …; scrapers fall back to it):
    the real page-1 answer under that name gives the same listings, and its URL is a search
    URL; ``.shade`` still is not."""
    other = "mtop.taobao.idle.web.item.search"
    payload = json.loads(page1)
    payload["api"] = other
    url = f"https://h5api.m.goofish.com/h5/{other}/1.0/"
    assert xianyu.is_search_api(url)
    renamed = xianyu.parse_search(json.dumps(payload, ensure_ascii=False), url, "2025-01-26")
    original = xianyu.parse_search(page1, URL, "2025-01-26")
    assert [x.listing_id for x in renamed.listings] == [x.listing_id for x in original.listings]
    assert len(renamed.listings) == 30
    assert not xianyu.is_search_api(url.replace("item.search", "item.search.shade"))
