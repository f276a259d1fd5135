"""Seeded fuzz of every parser over mutated real captures (../shared/fixtures).

Each case takes a real capture (trimmed to a few results so that a case costs milliseconds),
applies one to three mutations — a value's type swapped, a key deleted, a value wrapped in deep
nesting, a huge string, an odd URL (``file:``, ``javascript:``, other hosts, IP literals),
truncation, a chunk cut out — and hands the result to the parser. The contract: a parser returns
a ParseResult (listings or a block) or raises PageFormatError; any other exception would lose the
page uncounted. ``parse_page`` (what the spider and ``simwatch parse`` call) must also let only
the platform's own http(s) URLs out.
"""

from __future__ import annotations

import copy
import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import lxml.html
import pytest

from crawler.items import Listing
from crawler.platforms import PARSERS, amazon, jd
from crawler.platforms.base import PageFormatError, ParseResult, allowed_url, parse_page
from tests.conftest import FIXTURES

SEED = 20261204
OBSERVED = "2026-12-04"
ODD_URLS = (
    "file:///etc/passwd",
    "javascript:alert(1)",
    "http://127.0.0.1:9200/_all",
    "https://[::1]/x",
    "http://10.0.0.8/item",
    "https://evil.example/item?id=1",
    "//evil.example/x",
    "data:text/html,<b>x</b>",
    "http://user:pw@item.taobao.com.evil.example/",
    "https://item.taobao.com\x00.evil/",
    "ftp://item.jd.com/1.html",
    " \t",
    "https://" + "a" * 5000 + ".com/",
)


@dataclass(frozen=True)
class Capture:
    platform: str
    url: str
    kind: str  # "json", "js" (g_page_config script) or "html"
    path: str
    parse: str = "search"  # or "item"


CAPTURES = (
    Capture("xianyu", "https://h5api.m.goofish.com/h5/mtop.taobao.idlemtopsearch.pc.search/1.0/",
            "json", "xianyu/idlemtopsearch_pc_search_p1.json"),
    Capture("taobao", "https://s.taobao.com/search?q=x", "js",
            "taobao/s_taobao_search_g_page_config_2014.live.js"),
    Capture("taobao", "https://s.taobao.com/search?q=x", "js",
            "taobao/s_taobao_search_g_page_config_2018.js"),
    Capture("tmall", "https://s.taobao.com/search?q=x&tab=mall", "js",
            "tmall/s_taobao_search_seller_type_tmall_g_page_config_2015.live.js"),
    Capture("shopee", "https://shopee.co.id/api/v4/search/search_items?keyword=x&newest=60", "json",
            "shopee/shopee_co_id_api_v4_shop_search_items_2024.json"),
    Capture("mercadolibre", "https://api.mercadolibre.com/sites/MLA/search?q=telefono", "json",
            "mercadolibre/api_sites_MLA_search_q_telefono_2021.json"),
    Capture("pinduoduo", "https://gw-api.pinduoduo.com/api/router?type=pdd.ddk.goods.search", "json",
            "pinduoduo/ddk_goods_search_response_2019.json"),
    Capture("jd", "https://search.jd.com/Search?keyword=x&page=1", "html",
            "jd/search_jd_com_keyword_dddd_2019.html"),
    Capture("jd", "https://item.jd.com/3888216.html", "html", "jd/item_jd_com_3888216_2018.html",
            parse="item"),
    Capture("ebay", "https://www.ebay.com/sch/i.html?_nkw=x", "html",
            "ebay/ebay_com_sch_red_basketball_shoes_2022.html"),
    Capture("amazon", "https://www.amazon.com/s?k=x", "html",
            "amazon/amazon_com_s_red_basketball_shoes_2022.html"),
    Capture("amazon", "https://www.amazon.com/dp/B07ZPKN6YR", "html",
            "amazon/amazon_com_dp_item_page_2022.html", parse="item"),
)
# Douyin has no public capture: its fuzz starts from the modelled answer the sandbox serves.
DOUYIN_SEED = {
    "status_code": 0, "has_more": 1, "cursor": 20, "total": 57,
    "data": [{"product_id": "3581", "title": "电话卡", "price": 1990, "shop_id": "88",
              "shop_name": "店", "shop_location": "广东"}],
}
CASES_PER_CAPTURE = 200


def _trim_lists(value: Any, keep: int = 3) -> Any:
    """The capture's structure with every list cut to its first few entries."""
    if isinstance(value, dict):
        return {k: _trim_lists(v, keep) for k, v in value.items()}
    if isinstance(value, list):
        return [_trim_lists(v, keep) for v in value[:keep]]
    return value


_RESULT_NODES = (
    "//div[@data-component-type='s-search-result']", "//li[contains(@class,'s-item')]",
    "//li[contains(@class,'s-card')]", "//li[@data-sku]",
)


def _trim_html(text: str, keep: int = 4) -> str:
    """The page with all but its first few result cards removed, and without scripts/styles
    that carry no listing data (except pageConfig, which item pages need)."""
    doc = lxml.html.fromstring(text)
    for xpath in _RESULT_NODES:
        for node in doc.xpath(xpath)[keep:]:
            node.drop_tree()
    for node in doc.xpath("//style|//script[not(contains(., 'pageConfig'))]|//svg|//noscript"):
        node.drop_tree()
    return lxml.html.tostring(doc, encoding="unicode")


@cache
def _base(capture: Capture) -> Any:
    text = (FIXTURES / capture.path).read_text(encoding="utf-8", errors="replace")
    if capture.kind == "json":
        return _trim_lists(json.loads(text))
    if capture.kind == "js":
        at = text.index("{", text.index("g_page_config"))
        value, _ = json.JSONDecoder().raw_decode(text, at)
        return _trim_lists(value)
    return _trim_html(text)


# ---------------------------------------------------------------- tree mutations


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


def _replace(tree: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    parent = tree
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = new
    return tree


def _delete(tree: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return tree
    parent = tree
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    return tree


_NEST = re.compile(r'"__nest_(\d+)__"')


def _nest(depth: int) -> str:
    """A placeholder the serialiser turns into ``depth`` nested lists (json.dumps itself would
    hit the recursion limit building them)."""
    return f"__nest_{depth}__"


def _swap_value(rng: random.Random, old: Any) -> Any:
    return rng.choice([
        None, True, 0, -1, 1.5, 10**30, float("nan"), "", "abc", "12,3.4.5", [], [old], {},
        {"x": old}, str(old)[:20], rng.choice(ODD_URLS),
    ])


def mutate_tree(rng: random.Random, tree: Any) -> tuple[Any, str]:
    paths = list(_paths(tree))
    path = rng.choice(paths)
    parent = tree
    for key in path:
        parent = parent[key]
    kind = rng.choice(("swap", "swap", "delete", "nest", "huge", "url", "url"))
    if kind == "delete" and path:
        return _delete(tree, path), f"delete {path}"
    if kind == "nest":
        return _replace(tree, path, _nest(rng.choice((50, 400, 5000)))), f"nest {path}"
    if kind == "huge":
        return _replace(tree, path, "长" * rng.choice((10_000, 100_000))), f"huge {path}"
    if kind == "url":
        return _replace(tree, path, rng.choice(ODD_URLS)), f"url {path}"
    return _replace(tree, path, _swap_value(rng, parent)), f"swap {path}"


def _serialise(capture: Capture, tree: Any) -> str:
    text = json.dumps(tree, ensure_ascii=False, allow_nan=True)
    text = _NEST.sub(lambda m: "[" * int(m.group(1)) + "1" + "]" * int(m.group(1)), text)
    return f"g_page_config = {text};\ng_srp_loadCss();" if capture.kind == "js" else text


# ---------------------------------------------------------------- text mutations

_HREF = re.compile(r'(href|data-sku|data-asin|data-listingid|data-price)="[^"]*"')


def mutate_text(rng: random.Random, text: str) -> tuple[str, str]:
    kind = rng.choice(("truncate", "cut", "href", "href", "nest", "huge", "attr", "bytes"))
    n = len(text)
    if kind == "truncate":
        at = rng.randrange(n)
        return text[:at], f"truncate {at}"
    if kind == "cut":
        a = rng.randrange(n)
        b = min(n, a + rng.randrange(1, 5000))
        return text[:a] + text[b:], f"cut {a}:{b}"
    if kind in ("href", "attr"):
        matches = list(_HREF.finditer(text))
        if matches:
            m = rng.choice(matches)
            value = rng.choice(ODD_URLS) if kind == "href" else rng.choice(("", "x", "-1", "1e999"))
            new = f'{m.group(1)}="{value.replace(chr(34), "")}"'
            return text[: m.start()] + new + text[m.end():], f"{kind} {m.start()}"
    if kind == "nest":
        at = rng.randrange(n)
        depth = rng.choice((300, 3000))
        return text[:at] + "<div>" * depth + "x" + "</div>" * depth + text[at:], f"nest {at}"
    if kind == "huge":
        at = rng.randrange(n)
        return text[:at] + "长" * 100_000 + text[at:], f"huge {at}"
    at = rng.randrange(n)
    return text[:at] + "\x00\udcff\ufeff" + text[at:], f"odd chars {at}"


# ---------------------------------------------------------------- running


def _parser(capture: Capture) -> Callable[[str | bytes, str, str], Any]:
    if capture.parse == "item":
        return (amazon if capture.platform == "amazon" else jd).parse_item
    return PARSERS[capture.platform].parse_search


def _cases() -> Iterator[tuple[Capture, str | bytes, str]]:
    rng = random.Random(SEED)
    captures = [*CAPTURES, Capture("douyin", "https://www.douyin.com/aweme/v1/web/search/goods/",
                                   "json", "")]
    for capture in captures:
        for _ in range(CASES_PER_CAPTURE):
            if capture.platform == "douyin":
                tree: Any = copy.deepcopy(DOUYIN_SEED)
            elif capture.kind == "html":
                tree = None
            else:
                tree = copy.deepcopy(_base(capture))
            notes = []
            if tree is not None:
                for _ in range(rng.randint(1, 3)):
                    tree, note = mutate_tree(rng, tree)
                    notes.append(note)
                text = _serialise(capture, tree)
                if rng.random() < 0.15:
                    text, note = mutate_text(rng, text)
                    notes.append(note)
            else:
                text = _base(capture)
                for _ in range(rng.randint(1, 2)):
                    text, note = mutate_text(rng, text)
                    notes.append(note)
            body: str | bytes = text
            if rng.random() < 0.5:
                body = text.encode("utf-8", errors="surrogatepass")
            yield capture, body, "; ".join(notes)


def _check_result(capture: Capture, result: Any) -> None:
    if capture.parse == "item":
        assert isinstance(result, Listing) and result.listing_id
        return
    assert isinstance(result, ParseResult)
    for listing in result.listings:
        assert isinstance(listing, Listing) and isinstance(listing.listing_id, str)
        assert listing.listing_id and isinstance(listing.title, str)


def test_no_exception_but_page_format_error_escapes_a_parser() -> None:
    crashes: list[str] = []
    cases = 0
    for capture, body, notes in _cases():
        cases += 1
        try:
            result = _parser(capture)(body, capture.url, OBSERVED)
        except PageFormatError:
            continue
        except Exception as exc:  # noqa: BLE001 - the point: nothing else may escape
            crashes.append(f"{capture.path or capture.platform} [{notes[:120]}]: "
                           f"{type(exc).__name__}: {str(exc)[:120]}")
            continue
        _check_result(capture, result)
    assert cases >= 2500
    assert not crashes, f"{len(crashes)} of {cases} cases crashed:\n" + "\n".join(crashes[:25])


def test_parse_page_lets_out_only_platform_urls() -> None:
    dropped = 0
    for capture, body, notes in _cases():
        if capture.parse == "item" or not ("url" in notes or "href" in notes):
            continue  # the cases that planted an odd URL
        try:
            result = parse_page(PARSERS[capture.platform], body, capture.url, OBSERVED)
        except PageFormatError:
            continue
        dropped += result.dropped_urls
        for listing in result.listings:
            for url in (listing.url, listing.shop_url):
                assert url is None or allowed_url(listing.platform, url), (capture.path, url)
    assert dropped > 0  # the odd URLs above did reach some listings and were dropped


@pytest.mark.parametrize("odd", ODD_URLS)
def test_odd_urls_are_never_allowed(odd: str) -> None:
    for platform in PARSERS:
        assert not allowed_url(platform, odd)


def test_trimmed_captures_still_parse() -> None:
    # The fuzz starts from working pages: unmutated, every trimmed capture yields listings.
    for capture in CAPTURES:
        body = _base(capture) if capture.kind == "html" else _serialise(capture, _base(capture))
        result = _parser(capture)(body, capture.url, OBSERVED)
        if capture.parse == "item":
            assert result.listing_id, capture.path
        else:
            assert result.listings, capture.path
