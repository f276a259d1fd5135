from __future__ import annotations

import pytest

from whitelist.normalise import normalise_company, normalise_name, normalise_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("電話卡 免實名", "电话卡 免实名"),  # traditional → simplified, spacing kept
        ("ＡＢＣ　旗艦店", "abc 旗舰店"),  # full-width letters and ideographic space → half-width
        ("Tmall STORE", "tmall store"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalise_text(raw: str | None, expected: str) -> None:
    assert normalise_text(raw) == expected


def test_normalise_name_removes_spaces_and_punctuation() -> None:
    assert normalise_name("某某 通信·旗艦店！") == "某某通信旗舰店"
    assert normalise_name("【某某】通信-旗舰店") == normalise_name("某某通信旗舰店")
    assert normalise_name("Foo_Bar  Shop!!") == "foobarshop"
    # Different shops stay different.
    assert normalise_name("某某通信一店") != normalise_name("某某通信二店")


def test_normalise_company_drops_trailing_legal_forms_only() -> None:
    assert normalise_company("某某科技股份有限公司") == "某某科技"
    assert normalise_company("某某科技有限責任公司") == "某某科技"
    assert normalise_company("Foo Trading Co., Ltd.") == "footrading"
    assert normalise_company("Tesco") == "tesco"  # "co" inside a word is not a suffix
    # A branch keeps its city, so it does not collapse into the head office.
    assert normalise_company("某某科技有限公司深圳分公司") == "某某科技有限公司深圳"
    assert normalise_company("某某科技有限公司深圳分公司") != normalise_company("某某科技有限公司")


def test_a_lone_surrogate_does_not_stop_normalisation() -> None:
    assert normalise_text("電話\ud800卡") == "电话\ufffd卡"
