"""Parser output pinned: a parser made faster must parse exactly as before.

Every real capture (../shared/fixtures), every seeded fuzz case of test_fuzz (mutated captures:
odd URLs, hostile markup, truncation) and sandbox result pages (ebay, amazon: the crawl
benchmark's HTML pages) go through the parsers as the spider calls them (``parse_page``; item
pages through ``parse_item``). Each group's outputs — every field of every listing, has_next,
blocked, total, dropped_urls, or the error's type and message — are hashed and compared with
the digest the code gave before the speed work (GOLDEN). A digest is a few bytes where the
outputs themselves would be a large blob; when one differs, the test prints the group's first
outputs to compare with ``git stash`` and the same command.

A change of output on purpose (a parser fix, a new field, a sandbox change): print the new
digests with ``.venv/bin/python -m tests.crawler.platforms.test_golden`` and update GOLDEN in the
same commit, saying why.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import asdict
from functools import cache
from typing import Any

import pytest

from crawler.platforms import PARSERS, amazon, jd
from crawler.platforms.base import ParseResult, parse_page
from tests.conftest import FIXTURES
from tests.crawler.platforms import test_fuzz

OBSERVED = "2026-12-04"
SANDBOX_BASE = "http://127.0.0.1:8765"  # the sandbox's host is the crawl's extra allowed host
SANDBOX_SEED = 7  # bench_crawl's catalogue
SANDBOX_KEYWORDS = ("sim", "simcard", "a", "ard")

# (platform, url, capture, parse): every capture in ../shared/fixtures that a parser reads.
CAPTURES: tuple[tuple[str, str, str, str], ...] = (
    ("xianyu", test_fuzz.CAPTURES[0].url, "xianyu/idlemtopsearch_pc_search_p1.json", "search"),
    ("xianyu", test_fuzz.CAPTURES[0].url, "xianyu/idlemtopsearch_pc_search_p2.json", "search"),
    ("taobao", "https://s.taobao.com/search?q=x", "taobao/s_taobao_search_g_page_config_2018.js", "search"),
    ("taobao", "https://s.taobao.com/search?q=x", "taobao/s_taobao_search_g_page_config_2014.json", "search"),
    ("taobao", "https://s.taobao.com/search?q=x", "taobao/s_taobao_search_g_page_config_2014.live.js", "search"),
    ("tmall", "https://s.taobao.com/search?q=x&tab=mall",
     "tmall/s_taobao_search_seller_type_tmall_g_page_config_2015.json", "search"),
    ("tmall", "https://s.taobao.com/search?q=x&tab=mall",
     "tmall/s_taobao_search_seller_type_tmall_g_page_config_2015.live.js", "search"),
    ("shopee", "https://shopee.co.id/api/v4/search/search_items?keyword=x&newest=60",
     "shopee/shopee_co_id_api_v4_shop_search_items_2024.json", "search"),
    ("mercadolibre", "https://api.mercadolibre.com/sites/MLA/search?q=telefono",
     "mercadolibre/api_sites_MLA_search_q_telefono_2021.json", "search"),
    ("pinduoduo", "https://gw-api.pinduoduo.com/api/router?type=pdd.ddk.goods.search",
     "pinduoduo/ddk_goods_search_response_2019.json", "search"),
    ("jd", "https://search.jd.com/Search?keyword=x&page=1", "jd/search_jd_com_keyword_dddd_2019.html", "search"),
    ("jd", "https://item.jd.com/3888216.html", "jd/item_jd_com_3888216_2018.html", "item"),
    ("ebay", "https://www.ebay.com/sch/i.html?_nkw=x", "ebay/ebay_com_sch_red_basketball_shoes_2022.html",
     "search"),
    ("amazon", "https://www.amazon.com/s?k=x", "amazon/amazon_com_s_red_basketball_shoes_2022.html", "search"),
    ("amazon", "https://www.amazon.com/dp/B07ZPKN6YR", "amazon/amazon_com_dp_item_page_2022.html", "item"),
)

# group → (outputs, digest of the outputs), from the code before the parser speed work.
GOLDEN: dict[str, tuple[int, str]] = {
    'xianyu/idlemtopsearch_pc_search_p1.json': (1, '4c0c8af3b19131c98d73bd8d'),
    'xianyu/idlemtopsearch_pc_search_p1.json (str)': (1, '4c0c8af3b19131c98d73bd8d'),
    'xianyu/idlemtopsearch_pc_search_p2.json': (1, 'f1aaade07b91d311ab015bb1'),
    'xianyu/idlemtopsearch_pc_search_p2.json (str)': (1, 'f1aaade07b91d311ab015bb1'),
    'taobao/s_taobao_search_g_page_config_2018.js': (1, '13c83f7c9f7f1c53b3990ff3'),
    'taobao/s_taobao_search_g_page_config_2018.js (str)': (1, '13c83f7c9f7f1c53b3990ff3'),
    'taobao/s_taobao_search_g_page_config_2014.json': (1, '668aaa99ba792da85ee092fa'),
    'taobao/s_taobao_search_g_page_config_2014.json (str)': (1, '668aaa99ba792da85ee092fa'),
    'taobao/s_taobao_search_g_page_config_2014.live.js': (1, '668aaa99ba792da85ee092fa'),
    'taobao/s_taobao_search_g_page_config_2014.live.js (str)': (1, '668aaa99ba792da85ee092fa'),
    'tmall/s_taobao_search_seller_type_tmall_g_page_config_2015.json': (1, 'eac3846bb44197219acae0ca'),
    'tmall/s_taobao_search_seller_type_tmall_g_page_config_2015.json (str)': (1, 'eac3846bb44197219acae0ca'),
    'tmall/s_taobao_search_seller_type_tmall_g_page_config_2015.live.js': (1, 'eac3846bb44197219acae0ca'),
    'tmall/s_taobao_search_seller_type_tmall_g_page_config_2015.live.js (str)': (1, 'eac3846bb44197219acae0ca'),
    'shopee/shopee_co_id_api_v4_shop_search_items_2024.json': (1, '623b30826dc1bedc690fae99'),
    'shopee/shopee_co_id_api_v4_shop_search_items_2024.json (str)': (1, '623b30826dc1bedc690fae99'),
    'mercadolibre/api_sites_MLA_search_q_telefono_2021.json': (1, '667a17d33bf8261b89a40723'),
    'mercadolibre/api_sites_MLA_search_q_telefono_2021.json (str)': (1, '667a17d33bf8261b89a40723'),
    'pinduoduo/ddk_goods_search_response_2019.json': (1, '183a5587ba5fd6e8a544d43d'),
    'pinduoduo/ddk_goods_search_response_2019.json (str)': (1, '183a5587ba5fd6e8a544d43d'),
    'jd/search_jd_com_keyword_dddd_2019.html': (1, 'b2301516cbe1b123dfe77a24'),
    'jd/search_jd_com_keyword_dddd_2019.html (str)': (1, 'b2301516cbe1b123dfe77a24'),
    'jd/item_jd_com_3888216_2018.html': (1, '34f9dca7792d543b7a820a82'),
    'ebay/ebay_com_sch_red_basketball_shoes_2022.html': (1, 'c5faf8f63d395fb240c29ac9'),
    'ebay/ebay_com_sch_red_basketball_shoes_2022.html (str)': (1, 'c5faf8f63d395fb240c29ac9'),
    'amazon/amazon_com_s_red_basketball_shoes_2022.html': (1, 'e82ddf8ac4f9ff3d21508f33'),
    'amazon/amazon_com_s_red_basketball_shoes_2022.html (str)': (1, 'e82ddf8ac4f9ff3d21508f33'),
    'amazon/amazon_com_dp_item_page_2022.html': (1, '9e11b39913560645d6f1ec93'),
    'fuzz xianyu/idlemtopsearch_pc_search_p1.json': (200, 'b92d0e8cb788a87acdc52dec'),
    'fuzz taobao/s_taobao_search_g_page_config_2014.live.js': (200, '4c30500929855bd8248c9277'),
    'fuzz taobao/s_taobao_search_g_page_config_2018.js': (200, '530ff769cd40a240862e0abc'),
    'fuzz tmall/s_taobao_search_seller_type_tmall_g_page_config_2015.live.js': (200, '4970ebab2f6bc22a2c7ccf02'),
    'fuzz shopee/shopee_co_id_api_v4_shop_search_items_2024.json': (200, '4244b911c247784bb3742f20'),
    'fuzz mercadolibre/api_sites_MLA_search_q_telefono_2021.json': (200, '13acad341f3e020cb066b0ab'),
    'fuzz pinduoduo/ddk_goods_search_response_2019.json': (200, '1ceae8ff2c87735d1365bc39'),
    'fuzz jd/search_jd_com_keyword_dddd_2019.html': (200, 'ec35bde3e6289ec876655a6a'),
    'fuzz jd/item_jd_com_3888216_2018.html': (200, '4cebf5d01b5a73f6dacee4a3'),
    'fuzz ebay/ebay_com_sch_red_basketball_shoes_2022.html': (200, 'c6efed1f7b15b75a5e688759'),
    'fuzz amazon/amazon_com_s_red_basketball_shoes_2022.html': (200, 'f07aa54fb0dee20edf8fffd4'),
    'fuzz amazon/amazon_com_dp_item_page_2022.html': (200, 'b72cf4243d77ae35192e24fb'),
    'fuzz douyin': (200, '692d94f69aa34fbab5bb8a57'),
    'sandbox ebay': (19, '7f27d4ee4553d373d6ee11c0'),
    'sandbox amazon': (23, 'c5eb9912d0f2c264bbaf7069'),
}


def _outcome(parse: Callable[[], Any]) -> Any:
    """What one parse gave, as plain JSON-able data: the result's every field, or the error."""
    try:
        result = parse()
    except Exception as exc:  # noqa: BLE001 - an error is an outcome to pin like a result
        return {"error": type(exc).__name__, "message": str(exc)}
    if isinstance(result, ParseResult):
        outcome = {**asdict(result), "listings": [asdict(x) for x in result.listings]}
        # ``repeats`` (cards skipped as already sighted) is always 0 here, where no ``known`` is
        # given; left out so the pins taken before the field existed still hold.
        if outcome["repeats"] == 0:
            del outcome["repeats"]
        return outcome
    return asdict(result)  # an item page's Listing


def _item_parser(platform: str) -> Callable[..., Any]:
    return (amazon if platform == "amazon" else jd).parse_item


def _capture_groups() -> Iterator[tuple[str, list[Callable[[], Any]]]]:
    for platform, url, path, kind in CAPTURES:
        body = (FIXTURES / path).read_bytes()
        if kind == "item":
            parse = _item_parser(platform)
            yield path, [lambda p=parse, b=body, u=url: p(b, u, OBSERVED)]
        else:
            module = PARSERS[platform]
            yield path, [lambda m=module, b=body, u=url: parse_page(m, b, u, OBSERVED)]
            text = body.decode("utf-8")  # the str path (browser answers arrive decoded)
            yield path + " (str)", [lambda m=module, t=text, u=url: parse_page(m, t, u, OBSERVED)]


def _fuzz_groups() -> Iterator[tuple[str, list[Callable[[], Any]]]]:
    groups: dict[str, list[Callable[[], Any]]] = {}
    for capture, body, _ in test_fuzz._cases():
        if capture.parse == "item":
            parse = _item_parser(capture.platform)
            call = lambda p=parse, b=body, u=capture.url: p(b, u, OBSERVED)  # noqa: E731
        else:
            call = lambda m=PARSERS[capture.platform], b=body, u=capture.url: parse_page(m, b, u, OBSERVED)  # noqa: E731
        groups.setdefault(f"fuzz {capture.path or capture.platform}", []).append(call)
    yield from groups.items()


def _sandbox_groups() -> Iterator[tuple[str, list[Callable[[], Any]]]]:
    from sandbox.catalogue import build_catalogue
    from sandbox.fronts import amazon as amazon_front
    from sandbox.fronts import ebay as ebay_front

    catalogue = build_catalogue(SANDBOX_SEED)
    for front in (ebay_front, amazon_front):
        platform, module = front.PLATFORM, PARSERS[front.PLATFORM]
        base = f"{SANDBOX_BASE}/{platform}"
        calls: list[Callable[[], Any]] = []
        for keyword in SANDBOX_KEYWORDS:
            page, pages = 1, 1
            while page <= pages:
                found = catalogue.search(platform, keyword, page, front.PER_PAGE)
                pages = found.pages
                body = front.render_search(keyword, found.page, found.total, found.pages,
                                           list(found.items)).encode("utf-8")
                url = module.search_url(base, keyword, page)
                calls.append(lambda m=module, b=body, u=url, s=base: parse_page(m, b, u, OBSERVED, s))
                page += 1
        yield f"sandbox {platform}", calls


def groups() -> Iterator[tuple[str, list[Callable[[], Any]]]]:
    yield from _capture_groups()
    yield from _fuzz_groups()
    yield from _sandbox_groups()


def digest(outcomes: list[Any]) -> str:
    # ensure_ascii: fuzzed text holds lone surrogates, which UTF-8 cannot encode.
    text = json.dumps(outcomes, sort_keys=True, ensure_ascii=True, default=repr)
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:24]


@cache  # both tests read the same outcomes; parsing them all takes seconds
def current() -> dict[str, tuple[int, str, list[Any]]]:
    found = {}
    for name, calls in groups():
        outcomes = [_outcome(call) for call in calls]
        found[name] = (len(outcomes), digest(outcomes), outcomes)
    return found


def test_every_parser_output_is_as_before() -> None:
    if not FIXTURES.is_dir():
        pytest.fail(f"platform captures not found at {FIXTURES}")
    found = current()
    assert set(found) == set(GOLDEN), "the pinned groups changed: regenerate GOLDEN (see the docstring)"
    changed = []
    for name, (count, value, outcomes) in found.items():
        if (count, value) != GOLDEN[name]:
            shown = json.dumps(outcomes[:2], ensure_ascii=True, default=repr)[:1500]
            changed.append(f"{name}: {count} outputs, digest {value}, pinned {GOLDEN[name]}; first: {shown}")
    assert not changed, "parser output changed:\n" + "\n".join(changed)


def test_the_golden_covers_listings_errors_and_blocks() -> None:
    """The pinned groups are not vacuous: they hold listings, PageFormatErrors and dropped URLs."""
    found = current()
    outcomes = [o for _, _, group in found.values() for o in group]
    listings = sum(len(o.get("listings", ())) for o in outcomes)
    errors = sum(1 for o in outcomes if o.get("error") == "PageFormatError")
    dropped = sum(o.get("dropped_urls", 0) for o in outcomes)
    assert listings > 2000 and errors > 100 and dropped > 0
    assert all(len(found[name][2]) > 1 for name in found if name.startswith(("fuzz", "sandbox")))


if __name__ == "__main__":
    for name, (count, value, _) in current().items():
        print(f"    {name!r}: ({count}, {value!r}),")
