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
