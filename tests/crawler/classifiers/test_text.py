from crawler.classifiers.text import (
    StringCache,
    pinyin_form,
    pinyin_with_offsets,
    surface,
    syllables,
)


def test_surface_normalises_width_script_case_and_emoji() -> None:
    assert surface("ＳＩＭ卡 免實名") == "sim卡 免实名"
    assert surface("流量🃏") == "流量卡"
    assert surface("電話📞") == "电话电话"
    assert surface(None) == ""


def test_pinyin_form_marks_syllables_and_keeps_latin() -> None:
    assert pinyin_form("免石名") == "|mian'|shi'|ming'"
    assert pinyin_form("免 sm") == "|mian' sm"


def test_pinyin_offsets_point_back_to_the_surface_text() -> None:
    text = "买 免石名卡"
    pin, offsets = pinyin_with_offsets(text)
    assert pin == pinyin_form(text)
    start = pin.index("mian")
    assert text[offsets[start]] == "免"


def test_syllables_of_mixed_terms() -> None:
    assert syllables("sim卡") == ["sim", "ka"]
    assert syllables("免实名") == ["mian", "shi", "ming"]


def test_string_cache_is_bounded_and_clears_like_lru_cache() -> None:
    cache = StringCache(3)
    for key in "abc":
        cache.put(key, key.upper())
    assert cache.entries == {"a": "A", "b": "B", "c": "C"}
    assert cache.put("d", None) is None  # full: emptied, then the new entry
    assert cache.entries == {"d": None}
    assert cache.cache_parameters() == {"maxsize": 3}
    cache.cache_clear()
    assert cache.entries == {}
