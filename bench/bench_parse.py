"""Parser throughput on the real captures: listings parsed per second for each platform
format, against the rate at which the same bytes merely decode (``json.loads`` or
``lxml.html.fromstring``). The aim is at least half the raw rate: a parser may add field
extraction on top of decoding, but should not cost more than decoding itself.

Run: ``.venv/bin/python -m bench.bench_parse``; ``run()`` returns the rows.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html

from crawler.platforms import PLATFORMS

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
AIM_FRACTION = 0.5
MIN_SECONDS = 0.25  # per timing; repeated until at least this long so short runs are not noise


def _raw_json(body: bytes) -> Any:
    return json.loads(body)


def _raw_js_object(body: bytes) -> Any:
    # g_page_config is JSON after its "name =" prefix; decoding that is the raw floor.
    text = body.decode("utf-8")
    return json.JSONDecoder().raw_decode(text, text.index("{"))


def _raw_html(body: bytes) -> Any:
    return lxml.html.fromstring(body)


@dataclass(frozen=True)
class Case:
    platform: str
    fixture: str
    url: str
    raw: Callable[[bytes], Any]


CASES = (
    Case(
        "xianyu",
        "xianyu/idlemtopsearch_pc_search_p1.json",
        "https://h5api.m.goofish.com/h5/mtop.taobao.idlemtopsearch.pc.search/1.0/",
        _raw_json,
    ),
    Case(
        "taobao",
        "taobao/s_taobao_search_g_page_config_2018.js",
        "https://s.taobao.com/search?q=x",
        _raw_js_object,
    ),
    Case(
        "jd",
        "jd/search_jd_com_keyword_dddd_2019.html",
        "https://search.jd.com/Search?keyword=dddd",
        _raw_html,
    ),
    Case(
        "ebay",
        "ebay/ebay_com_sch_red_basketball_shoes_2022.html",
        "https://www.ebay.com/sch/i.html?_nkw=red+basketball+shoes",
        _raw_html,
    ),
    Case(
        "amazon",
        "amazon/amazon_com_s_red_basketball_shoes_2022.html",
        "https://www.amazon.com/s?k=red+basketball+shoes",
        _raw_html,
    ),
    Case(
        "pinduoduo",
        "pinduoduo/ddk_goods_search_response_2019.json",
        "https://gw-api.pinduoduo.com/api/router",
        _raw_json,
    ),
    Case(
        "shopee",
        "shopee/shopee_co_id_api_v4_shop_search_items_2024.json",
        "https://shopee.co.id/api/v4/shop/search_items",
        _raw_json,
    ),
)


def _seconds_per_call(func: Callable[[], Any]) -> float:
    func()  # warm caches (selector compilation, imports)
    calls, start = 0, time.perf_counter()
    while True:
        func()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= MIN_SECONDS:
            return elapsed / calls


def run(fixtures: Path = FIXTURES) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for case in CASES:
        body = (fixtures / case.fixture).read_bytes()
        module = PLATFORMS[case.platform]
        count = len(module.parse_search(body, case.url, "2025-01-01").listings)
        if not count:
            raise RuntimeError(f"{case.fixture}: the {case.platform} parser found no listings")
        parse_rate = count / _seconds_per_call(
            lambda m=module, b=body, u=case.url: m.parse_search(b, u, "2025-01-01")
        )
        raw_rate = count / _seconds_per_call(lambda r=case.raw, b=body: r(b))
        aim = AIM_FRACTION * raw_rate
        rows.append(
            {
                "measure": f"parse {case.platform} ({Path(case.fixture).name}, {count} listings)",
                "value": round(parse_rate, 1),
                "unit": "listings/s",
                "aim": round(aim, 1),
                "ok": parse_rate >= aim,
            }
        )
    return rows


if __name__ == "__main__":
    from bench import exit_on_sigterm

    exit_on_sigterm()
    for row in run():
        mark = "ok " if row["ok"] else "LOW"
        print(
            f"{mark} {row['measure']:<75} {row['value']:>12,.0f} {row['unit']}  (aim ≥ {row['aim']:,.0f})"
        )
