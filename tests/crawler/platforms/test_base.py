"""Shared parser helpers: decoding, JSON(P), prices, mtop codes, licence extraction."""

from __future__ import annotations

import codecs

import pytest

from crawler.platforms import base
from crawler.platforms.base import PageFormatError


def test_load_json_accepts_plain_and_jsonp() -> None:
    assert base.load_json('{"a": 1}') == {"a": 1}
    assert base.load_json(b'mtopjsonp1({"ret": ["SUCCESS::ok"]})') == {"ret": ["SUCCESS::ok"]}
    assert base.load_json(" cb_2.x ( [1, 2] );\n") == [1, 2]


def test_load_json_names_the_source_and_position() -> None:
    with pytest.raises(PageFormatError, match=r"page\.json: invalid JSON at line 2 column"):
        base.load_json('{"a": 1,\n oops}', "page.json")
    with pytest.raises(PageFormatError, match="not JSON or JSONP"):
        base.load_json("<html></html>", "x")


def test_as_text_falls_back_to_gbk() -> None:
    body = "<meta charset=gbk><title>电话卡</title>".encode("gbk")
    assert "电话卡" in base.as_text(body)
    assert "电话卡" in base.as_text("电话卡".encode("gb18030"))


def test_js_object_after_stops_at_the_object_end() -> None:
    text = 'var x = 1; g_page_config = {"mods": {"a": [1, "};"]}};\ng_srp_loadCss();'
    assert base.js_object_after(text, "g_page_config") == {"mods": {"a": [1, "};"]}}
    assert base.js_object_after(text, "window.rawData") is None


@pytest.mark.parametrize(
    ("value", "divisor", "expected"),
    [
        ("¥1,299.00", 1, 1299.0),
        ("US $3.50 to $4.00", 1, 3.5),
        (1390, 100, 13.9),
        (18700000000, 100_000, 187000.0),
        ("", 1, None),
        (None, 1, None),
        ("面议", 1, None),
    ],
)
def test_parse_price(value: object, divisor: int, expected: float | None) -> None:
    assert base.parse_price(value, divisor) == expected


def test_absolute_url() -> None:
    assert base.absolute_url("//item.jd.com/1.html") == "https://item.jd.com/1.html"
    assert (
        base.absolute_url("/itm/123", "https://www.ebay.com/sch/i.html")
        == "https://www.ebay.com/itm/123"
    )
    assert base.absolute_url(None) is None


def test_clean_text_strips_highlight_tags() -> None:
    assert (
        base.clean_text("大王卡<span class=H>电话卡</span> &amp;\n 流量") == "大王卡电话卡 & 流量"
    )


@pytest.mark.parametrize(
    ("ret", "expected"),
    [
        (["SUCCESS::调用成功"], None),
        (["RGV587_ERROR::SM::哎哟喂,被挤爆啦,请稍后重试"], "captcha"),
        (["FAIL_SYS_USER_VALIDATE::您的访问被拒绝"], "captcha"),
        (["FAIL_SYS_SESSION_EXPIRED::Session过期"], "login"),
        (["FAIL_SYS_TOKEN_EXOIRED::令牌过期"], "login"),
        (["FAIL_SYS_TOKEN_EMPTY::令牌为空"], "login"),
        (["FAIL_SYS_TRAFFIC_LIMIT::被挤爆啦"], "rate_limited"),
    ],
)
def test_mtop_ret_block(ret: list[str], expected: str | None) -> None:
    assert base.mtop_ret_block(ret) == expected


def test_unknown_mtop_failure_is_an_error_not_an_empty_page() -> None:
    with pytest.raises(PageFormatError, match="FAIL_BIZ_SOMETHING"):
        base.mtop_ret_block(["FAIL_BIZ_SOMETHING::x"], "api")


@pytest.mark.parametrize("status", [429, 500, 502, 503])
def test_status_block(status: int) -> None:
    assert base.status_block(status) == ("rate_limited" if status == 429 else "server_error")
    assert base.status_block(200) is None


# A code with a valid GB 32100 check digit; the tests also use it with a wrong one.
CMCC = "91110000710925462X"


def test_find_credit_codes_validates_the_checksum() -> None:
    text = f"统一社会信用代码：{CMCC}；另有 91110000710925462Y 与 ABC{CMCC}DEF"
    assert base.find_credit_codes(text) == [CMCC]
    assert base.find_credit_codes("９１１１００００７１０９２５４６２Ｘ") == [CMCC]  # full-width


def test_seller_from_licence_page() -> None:
    page = f"""<html><head><title>某某通信专营店-京东</title></head><body>
      <div class="jScore"><span>企业名称：</span><span>北京某某通信科技有限公司</span></div>
      <div>统一社会信用代码：{CMCC}</div>
      <ul><li>中国移动网络售卡代理 统一标识：YD-NET-2024-0001</li>
          <li>代理编号：110000-A-0099</li><li>联系电话：010-1234567</li></ul>
      <script>var x = "统一标识：fake";</script></body></html>"""
    seller = base.seller_from_page("jd", page, shop_id="1", shop_name="某某通信专营店")
    assert seller.credit_code == CMCC
    assert seller.company_name == "北京某某通信科技有限公司"
    assert seller.agent_marks == [
        "中国移动网络售卡代理 统一标识:YD-NET-2024-0001",
        "代理编号:110000-A-0099",
    ]


def test_seller_without_licence_has_no_facts() -> None:
    seller = base.seller_from_page("taobao", "<html><body>欢迎光临</body></html>", shop_id="9")
    assert (seller.credit_code, seller.company_name, seller.agent_marks) == (None, None, [])


def _api_error(payload: object, url: str) -> str | None:
    if isinstance(payload, dict) and payload.get("code") not in (None, 0):
        if payload["code"] == 1:
            return base.LOGIN
        raise PageFormatError(f"{url}: unknown code {payload['code']}")
    return None


_MARKERS = base.BlockMarkers(
    url=(("/login", base.LOGIN),), body=(("slider", base.CAPTCHA),), api=_api_error
)


def _answer(payload: object, url: str, observed_at: str) -> base.ParseResult:
    return base.ParseResult(listings=[], has_next=bool(payload["more"]))  # type: ignore[index]


def _page(body: str | bytes, text: str, url: str, observed_at: str) -> base.ParseResult:
    return base.ParseResult(listings=[], has_next="next" in text)


def test_search_parser_judges_blocks_before_either_parser() -> None:
    parse = base.search_parser(_MARKERS, answer=_answer, page=_page)
    assert parse('{"more": 1}', "https://x/login?r=1", "t").blocked == base.LOGIN
    assert parse('{"code": 1}', "https://x/s", "t").blocked == base.LOGIN
    assert parse("<p>slider</p>", "https://x/s", "t").blocked == base.CAPTCHA
    assert parse('{"more": 1, "code": 0}', "https://x/s", "t").has_next
    assert parse("<a>next</a>", "https://x/s", "t").has_next
    with pytest.raises(PageFormatError, match="unknown code 7"):  # not read as an empty answer
        parse('{"code": 7}', "https://x/s", "t")
    with pytest.raises(PageFormatError, match="unexpected structure"):  # layout drift
        parse('{"code": 0}', "https://x/s", "t")


def test_search_parser_without_a_page_parser_reads_every_answer_as_json() -> None:
    parse = base.search_parser(_MARKERS, answer=_answer)
    with pytest.raises(PageFormatError, match="not JSON"):
        parse("<p>slider</p>", "https://x/s", "t")
    with pytest.raises(TypeError):
        base.search_parser(_MARKERS)


def test_search_parser_hands_page_parsers_utf8_bytes_or_the_decoded_text() -> None:
    seen: list[str | bytes] = []

    def page(body: str | bytes, text: str, url: str, observed_at: str) -> base.ParseResult:
        seen.append(body)
        return base.ParseResult()

    parse = base.search_parser(_MARKERS, page=page)
    gbk = "<meta charset=gbk><title>电话卡</title>".encode("gbk")
    for body in ("<p>电话卡</p>".encode(), gbk, "<p>卡</p>"):
        parse(body, "https://x/s", "t")
    assert seen == ["<p>电话卡</p>".encode(), base.as_text(gbk), "<p>卡</p>"]
    assert base.decode_body(gbk) == (base.as_text(gbk), False)
    assert base.decode_body("é".encode()) == ("é", True)


def test_page_tree_reads_bytes_and_text_alike_and_refuses_an_empty_page() -> None:
    page = "<html><body><p class='x'>电话卡 &amp; SIM</p></body></html>"
    for plain in (False, True):
        texts = {base.text_content(base.page_tree(p, plain=plain).xpath("//p")[0])
                 for p in (page, page.encode())}
        assert texts == {"电话卡 & SIM"}
        with pytest.raises(PageFormatError, match="not an HTML page"):
            base.page_tree(b"", plain=plain)
    assert base.page_tree(base.decode_body(page.encode("gb18030"))[0]).xpath("string(//p)") == "电话卡 & SIM"


def test_whitespace_pattern_is_str_isspace() -> None:
    """allowed_url refuses any URL with a character str.isspace() knows; it searches a regex."""
    differ = [hex(c) for c in range(0x110000)
              if bool(base._WHITESPACE.search(chr(c))) != chr(c).isspace()]
    assert differ == []


HOSTILE_URLS = (
    "https://www.ebay.com/itm/1",
    "https://WWW.EBAY.COM/itm/2",
    "https://user@www.ebay.com/itm/1",
    "https://www.ebay.com:99999/itm/1",
    "https://www.ebay.com:x/itm/1",
    "https://www.ebay.com/itm/1 x",
    "https://www.ebay.com/itm/\u00a01",
    "https://www.ebay.com/\x00",
    "https://www.ebay.com/" + "a" * 3000,
    "ftp://www.ebay.com/itm/1",
    "javascript://www.ebay.com/%0aalert(1)",
    "https://www.ebay.com.evil.example/itm/1",
    "https://evilebay.com/itm/1",
    "https://ebay.com/itm/1",
    "https://127.0.0.1:8765/ebay/itm/1",
    "http://127.0.0.1/ebay/itm/1",
    "https://[::1]/itm/1",
    "https://www.amazon.com/dp/1",
)


def test_allowed_url_answers_alike_with_a_cold_and_a_warm_host_cache() -> None:
    """The host's answer is cached; every other rule still applies to each URL: a host once
    allowed does not let a user-info, bad-port, whitespace, over-long or ftp URL through."""
    cases = [(platform, url, extra) for platform in ("ebay", "amazon", "jd")
             for url in HOSTILE_URLS for extra in ((), ("127.0.0.1",), ("WWW.EBAY.COM", ""))]
    base._host_allowed.cache_clear()
    cold = [base.allowed_url(*case) for case in cases]
    base._host_allowed.cache_clear()
    for case in cases:  # every host cached first ...
        base.allowed_url(*case)
    warm = [base.allowed_url(*case) for case in reversed(cases)]  # ... then asked in another order
    assert cold == warm[::-1]
    allowed = {url for (platform, url, extra), ok in zip(cases, cold, strict=True)
               if ok and platform == "ebay" and not extra}
    assert allowed == {"https://www.ebay.com/itm/1", "https://WWW.EBAY.COM/itm/2", "https://ebay.com/itm/1"}
    assert base.allowed_url("ebay", "https://127.0.0.1:8765/ebay/itm/1", ["127.0.0.1"])
    assert not base.allowed_url("ebay", "https://127.0.0.1:8765/ebay/itm/1")  # an IP literal, no extra
    assert not base.allowed_url("amazon", "https://www.ebay.com/itm/1")  # cached for ebay only


# --- capcn


def test_utf16_body_with_a_bom_decodes() -> None:
    """A page saved through a Windows shell redirect is UTF-16 with a BOM (a real 2026 taobao
    capture): it decodes as such instead of as GB18030 mojibake."""
    page = "<html><title>淘宝搜索</title></html>"
    for encoded in (page.encode("utf-16"), codecs.BOM_UTF16_BE + page.encode("utf-16-be")):
        assert base.decode_body(encoded) == (page, False)


# --- rev


@pytest.mark.parametrize(
    ("text", "price"),
    [("Rp 1.299.000", 1299000.0), ("1.299.999 ₫", 1299999.0), ("EUR 1.234.567,89", 1234567.89),
     ("$1.299", 1.3), ("12.99 - 15.99", 12.99), ("1.2.3", 1.2)],
)
def test_display_price_with_dots_grouping_thousands(text: str, price: float) -> None:
    """Two or more dots between groups of three digits group thousands (not a decimal 1.3);
    a single dot, or dots between groups of another size, stay parse_price's reading."""
    assert base.parse_display_price(text) == price


@pytest.mark.parametrize(
    ("text", "price"),
    [("CHF 1’299.00", 1299.0), ("CHF 1'299.50", 1299.5), ("CHF 12’345’678.90", 12345678.9),
     ("CHF 1'299.–", 1299.0), ("1'234'567,89", 1234567.89), ("CHF 299.00", 299.0), ("5'10", 5.0)],
)
def test_display_price_with_swiss_apostrophe_groups(text: str, price: float) -> None:
    """ebay.ch (an allowed host) shows Swiss prices, grouped by an apostrophe — ’ in CLDR's de-CH
    numbers.json, ' in its earlier data: "CHF 1’299.00" is 1299, not 1."""
    assert base.parse_display_price(text) == price


def test_clean_text_replaces_lone_surrogates() -> None:
    """A platform's JSON may carry "\\ud800": no store or export could encode it."""
    assert base.clean_text("电话卡\ud800 \udfff") == "电话卡\ufffd \ufffd"
    assert base.clean_text("plain ascii") == "plain ascii"
