"""Normalisation and the text views (normalise.py)."""

from __future__ import annotations

from crawler.classifiers.normalise import Text
from crawler.classifiers.rules import compiled, surface


def text(raw: str) -> Text:
    return Text(raw, compiled().tables, 1000)


def test_surface_normalises_width_script_case_and_emoji() -> None:
    assert surface("ＳＩＭ卡 免實名") == "sim卡 免实名"
    assert surface("流量🃏") == "流量卡"
    assert surface("電話📞") == "电话电话"
    assert surface("☎️卡") == "电话卡"  # the variation selector is dropped
    assert surface(None) == ""


def test_offset_map_quotes_what_the_seller_wrote() -> None:
    t = text("買 📱🃏 免實名")
    start = t.norm.index("手机卡")
    assert t.written(start, start + 3) == "📱🃏"
    start = t.norm.index("免实名")
    assert t.written(start, start + 3) == "免實名"


def test_compact_view_maps_back_to_the_surface() -> None:
    t = text("免 实~名")
    assert t.compact == "免实名"
    assert [t.norm[t.compact_to_norm(i)] for i in range(3)] == ["免", "实", "名"]


def test_pinyin_view_units_and_typed_letters() -> None:
    pinyin, at, starts, typed = text("免shiming").pinyin_view
    assert pinyin == "mianshiming"
    assert starts[0] and starts[4] and not starts[5]
    assert not typed[0] and typed[4]
    # a Latin run holding digits is a model number: a barrier, not pinyin
    assert text("SIM800L").pinyin_view[0] == "#"
    # 5gdhk: the 5g prefix is not part of the pinyin token
    assert text("5gdhk").pinyin_view[0] == "dhk"


def test_homophone_codes_keep_the_length() -> None:
    t = text("免石名 sim")
    assert len(t.codes) == len(t.norm)
    assert t.codes[:3] == text("免实名").codes
    assert t.codes[3:] == " sim"


def test_text_is_bounded() -> None:
    assert len(Text("卡" * 10_000, compiled().tables, 1000).norm) == 1000


# smartone.com/jsp/mo/iPhone/tchinese/service-plan-iPhone8-Plus.jsp: a carrier's plan page whose
# text comes letter-spaced (as a PDF's extraction does); sellers space words the same way to hide them
SMARTONE = "買 機 上 台 4G 三 地 數 據 計 劃 月 費 澳 門 / 香 港 共 用 數 據 1. 於 優 惠 期 內 送 香 港 電 話 號 碼"


def test_letter_spaced_text_is_read_as_words_and_quoted_as_written() -> None:
    t = text(SMARTONE)
    assert t.norm == "买机上台 4g 三地数据计划月费澳门/香港共用数据 1. 于优惠期内送香港电话号码"
    start = t.norm.index("电话号码")
    assert t.written(start, start + 4) == "電 話 號 碼"
    # wider gaps stay word breaks; the short words of a spaced field close up too
    assert text("V I S I T O R   S I M   5 G B").norm == "visitor   sim   5gb"


def test_ordinary_spacing_is_left_alone() -> None:
    for raw in ("电信 流量卡 19元 包邮", "S M L XL 码", "Nano SIM Card Tray"):
        assert text(raw).norm == raw.lower()
