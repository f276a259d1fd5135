from __future__ import annotations

import pytest

from whitelist.carriers import (
    CARRIERS,
    MNOS,
    canonical_carrier,
    is_domestic,
    parse_carriers,
    split_carriers,
)


def test_canonical_names_and_mvnos_present() -> None:
    assert MNOS == ("中国移动", "中国联通", "中国电信", "中国广电")
    for mvno in ("京东通信", "阿里通信", "小米移动", "蜗牛移动", "联想懂的通信", "海航通信", "苏宁互联",
                 "国美极信", "迪信通", "红豆电信", "远特通信", "爱施德"):
        assert mvno in CARRIERS


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [("移动", "中国移动"), ("China Mobile", "中国移动"), ("CMCC", "中国移动"), ("中國移動", "中国移动"),
     ("联通", "中国联通"), ("China Unicom", "中国联通"), ("电信", "中国电信"), ("China Telecom", "中国电信"),
     ("广电", "中国广电"), ("CBN", "中国广电"), ("中国移动通信集团有限公司", "中国移动"),
     ("蜗牛", "蜗牛移动"), ("SoftBank", "SoftBank")],
)
def test_aliases(alias: str, canonical: str) -> None:
    assert canonical_carrier(alias) == canonical


def test_unknown_carrier() -> None:
    assert canonical_carrier("火星通信") is None
    assert canonical_carrier("") is None


@pytest.mark.parametrize(
    "cell",
    ["中国移动、中国联通", "中国移动/中国联通", "中国移动,中国联通", "中国移动，中国联通", "移动和联通",
     "China Mobile; China Unicom", "中国移动 中国联通"],
)
def test_split_multi_carrier_cells(cell: str) -> None:
    assert split_carriers(cell) == ["中国移动", "中国联通"]


def test_parse_carriers_reports_unknown_pieces() -> None:
    assert parse_carriers("中国移动、火星通信") == (["中国移动"], ["火星通信"])
    assert parse_carriers("中国移动、移动") == (["中国移动"], [])  # deduplicated


def test_domestic() -> None:
    assert is_domestic("联通") and is_domestic("小米移动")
    assert not is_domestic("CSL") and not is_domestic("火星通信")
