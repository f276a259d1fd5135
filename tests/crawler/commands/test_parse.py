"""``simwatch parse``: saved responses to JSON lines; block pages reported, not emptied."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from crawler.commands import parse
from crawler.items import Listing


def run(argv: list[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="simwatch")
    parse.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    out, err = io.StringIO(), io.StringIO()
    code = args.func(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_xianyu_capture_to_json_lines(fixtures_dir: Path) -> None:
    path = fixtures_dir / "xianyu" / "idlemtopsearch_pc_search_p1.json"
    code, out, err = run(["parse", "--platform", "xianyu", str(path),
                          "--observed-at", "2025-03-01", "--keyword", "乒乓球拍"])
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 30
    first = Listing.from_dict(lines[0])
    assert (first.listing_id, first.price, first.observed_at, first.keyword) == (
        "845090278669",
        38.0,
        "2025-03-01",
        "乒乓球拍",
    )
    assert first.page_url == path.resolve().as_uri()
    assert "30 listings" in err


def test_jd_html_capture(fixtures_dir: Path) -> None:
    path = fixtures_dir / "jd" / "search_jd_com_keyword_dddd_2019.html"
    code, out, _ = run(["parse", "--platform", "jd", str(path), "--url", "https://search.jd.com/Search?keyword=dddd"])
    assert code == 0
    assert [json.loads(line)["shop_id"] for line in out.splitlines()] == [
        "623560",
        "35012",
        "623560",
        "839361",
        "917957",
    ]


def test_blocked_page_exits_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "punish.json"
    path.write_text('{"ret": ["RGV587_ERROR::SM::哎哟喂,被挤爆啦"], "data": {}}', encoding="utf-8")
    code, out, err = run(["parse", "--platform", "taobao", str(path)])
    assert (code, out) == (parse.EXIT_BLOCKED, "")
    assert "BLOCKED" in err and "captcha" in err


def test_unreadable_and_wrong_files(tmp_path: Path) -> None:
    code, _, err = run(["parse", "--platform", "jd", str(tmp_path / "missing.html")])
    assert code == parse.EXIT_ERROR and "cannot read" in err
    wrong = tmp_path / "x.json"
    wrong.write_text('{"hello": 1}', encoding="utf-8")
    code, _, err = run(["parse", "--platform", "shopee", str(wrong)])
    assert code == parse.EXIT_ERROR and "not a shopee results page" in err


def test_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        run(["parse", "--platform", "weibo", "x"])
    with pytest.raises(SystemExit):
        run(["parse", "--platform", "jd", "x", "--observed-at", "01/02/2025"])


def test_platform_name_case_insensitive_with_suggestion(
    fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = fixtures_dir / "jd" / "search_jd_com_keyword_dddd_2019.html"
    code, out, _ = run(["parse", "--platform", "JD", str(capture)])
    assert code == 0 and out.count("\n") == 5
    with pytest.raises(SystemExit):
        run(["parse", "--platform", "ebya", "x"])
    assert "did you mean 'ebay'" in capsys.readouterr().err


SAVED = [  # (platform, capture, URL it came from, listings): live page and bare-JSON forms
    ("taobao", "taobao/s_taobao_search_g_page_config_2014.live.js", None, 48),
    ("taobao", "taobao/s_taobao_search_g_page_config_2014.json", None, 48),
    ("tmall", "tmall/s_taobao_search_seller_type_tmall_g_page_config_2015.live.js", None, 48),
    ("tmall", "tmall/s_taobao_search_seller_type_tmall_g_page_config_2015.json", None, 48),
    ("xianyu", "xianyu/idlemtopsearch_pc_search_p2.json", None, 30),
    ("shopee", "shopee/shopee_co_id_api_v4_shop_search_items_2024.json",
     "https://shopee.co.id/api/v4/shop/search_items?offset=30", None),
    ("mercadolibre", "mercadolibre/api_sites_MLA_search_q_telefono_2021.json", None, 50),
    ("ebay", "ebay/ebay_com_sch_red_basketball_shoes_2022.html",
     "https://www.ebay.com/sch/i.html?_nkw=red+basketball+shoes", 60),
    ("amazon", "amazon/amazon_com_s_red_basketball_shoes_2022.html",
     "https://www.amazon.com/s?k=red+basketball+shoes", None),
    ("amazon", "amazon/amazon_com_dp_item_page_2022.html", None, 1),
    ("pinduoduo", "pinduoduo/ddk_goods_search_response_2019.json", None, None),
]


@pytest.mark.parametrize(("platform", "capture", "url", "count"), SAVED)
def test_saved_pages_of_every_form(
    fixtures_dir: Path, platform: str, capture: str, url: str | None, count: int | None
) -> None:
    argv = ["parse", "--platform", platform, str(fixtures_dir / capture)]
    code, out, err = run(argv + (["--url", url] if url else []))
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines and (count is None or len(lines) == count), (len(lines), err)
    assert "Traceback" not in err and err.count("\n") == 1


def test_jsonp_wrapped_api_answer(fixtures_dir: Path, tmp_path: Path) -> None:
    # The live form of an mtop answer: JSONP, as the page's script receives it.
    body = (fixtures_dir / "xianyu" / "idlemtopsearch_pc_search_p1.json").read_text("utf-8")
    path = tmp_path / "answer.js"
    path.write_text(f"mtopjsonp3({body})", encoding="utf-8")
    code, out, _ = run(["parse", "--platform", "xianyu", str(path)])
    assert code == 0 and len(out.splitlines()) == 30


@pytest.mark.parametrize(
    ("platform", "body"),
    [
        ("taobao", '{"ret": ["SUCCESS::ok"], "data": {"itemsArray": "x"}}'),
        ("xianyu", "[" * 100_000),
        ("shopee", '{"items": [{"item_basic": {"itemid": {"a": 1}}}]}'),
        ("mercadolibre", '{"results": [{"id": "MLA1", "seller": [], "paging": "x"}], "paging": 7}'),
        ("ebay", ""),
        ("amazon", "<html><body><div id='productTitle'></div></body></html>"),
    ],
)
def test_unreadable_bodies_are_one_line(tmp_path: Path, platform: str, body: str) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(body, encoding="utf-8")
    code, out, err = run(["parse", "--platform", platform, str(path)])
    assert code in (parse.EXIT_ERROR, parse.EXIT_OK) and "Traceback" not in err
    assert err.count("\n") == 1, err


def test_shop_urls_off_the_platform_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "mla.json"
    path.write_text(json.dumps({"results": [
        {"id": "MLA1", "title": "chip", "permalink": "file:///etc/passwd",
         "seller": {"id": 5, "permalink": "http://127.0.0.1:9200/"}},
        {"id": "MLA2", "title": "chip", "permalink": "https://articulo.mercadolibre.com.ar/MLA-2"},
    ], "paging": {"total": 2}}), encoding="utf-8")
    code, out, err = run(["parse", "--platform", "mercadolibre", str(path)])
    urls = [(x["url"], x["shop_url"]) for x in map(json.loads, out.splitlines())]
    assert code == 0 and urls == [(None, None), ("https://articulo.mercadolibre.com.ar/MLA-2", None)]
    assert "2 URLs not on the platform's hosts dropped" in err
