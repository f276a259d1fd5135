"""Carrier table: canonical names, kinds and aliases (POLICY §2). The classifier imports it.

Canonical names are the Chinese names carriers use in their own 公示 lists; aliases are matched
after ``normalise_name`` (so 中國移動, "China Mobile", "CHINA-MOBILE" and "cmcc" all resolve).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from whitelist.normalise import normalise_company, normalise_name

__all__ = [
    "CARRIERS",
    "CARRIER_ALIASES",
    "CARRIER_INFO",
    "DOMESTIC_CARRIERS",
    "FOREIGN_CARRIERS",
    "MNOS",
    "MVNOS",
    "Carrier",
    "canonical_carrier",
    "is_domestic",
    "parse_carriers",
    "split_carriers",
]


@dataclass(frozen=True)
class Carrier:
    name: str
    kind: str  # "mno" | "mvno" | "foreign"
    country: str  # ISO 3166-1 alpha-2
    aliases: tuple[str, ...] = ()


_TABLE: tuple[Carrier, ...] = (
    # Basic telecom operators (基础电信企业); brand names per POLICY §2.
    Carrier("中国移动", "mno", "CN", ("移动", "中移动", "中国移动通信", "中国移动通信集团", "China Mobile",
                                     "CMCC", "chinamobile", "动感地带", "全球通", "神州行")),
    Carrier("中国联通", "mno", "CN", ("联通", "中联通", "中国联合网络通信", "中国联合通信", "China Unicom",
                                     "CUCC", "Unicom", "沃", "沃4G", "大王卡")),
    Carrier("中国电信", "mno", "CN", ("电信", "中电信", "China Telecom", "CTCC", "chinatelecom", "天翼",
                                     "星卡")),
    Carrier("中国广电", "mno", "CN", ("广电", "中国广电网络", "中国广播电视网络", "广电移动", "China Broadnet",
                                     "China Broadcast Network", "CBN", "CBNG")),
    # Mobile virtual network operators (移动通信转售企业), by their common brand names.
    Carrier("京东通信", "mvno", "CN", ("京东", "京东通信(网银在线)", "网银在线", "JD Mobile")),
    Carrier("阿里通信", "mvno", "CN", ("阿里", "阿里小号", "阿里巴巴通信", "万网", "Ali Telecom")),
    Carrier("小米移动", "mvno", "CN", ("小米", "小米科技", "Mi Mobile", "Xiaomi Mobile")),
    Carrier("蜗牛移动", "mvno", "CN", ("蜗牛", "蜗牛数字", "免商店", "Snail Mobile")),
    Carrier("联想懂的通信", "mvno", "CN", ("联想", "懂的通信", "联想移动", "Lenovo Mobile")),
    Carrier("海航通信", "mvno", "CN", ("海航", "海航信息", "HNA Telecom")),
    Carrier("苏宁互联", "mvno", "CN", ("苏宁", "苏宁云商", "Suning Telecom")),
    Carrier("国美极信", "mvno", "CN", ("国美", "国美通信", "极信", "Gome Telecom")),
    Carrier("迪信通", "mvno", "CN", ("迪信通通信", "D.Phone", "Dixintong")),
    Carrier("红豆电信", "mvno", "CN", ("红豆", "红豆集团", "Hongdou Telecom")),
    Carrier("远特通信", "mvno", "CN", ("远特", "信位通", "Yuante")),
    Carrier("爱施德", "mvno", "CN", ("U.友", "U友", "优友", "爱施德通信", "Aisidi")),
    Carrier("天音移动", "mvno", "CN", ("天音", "天音通信", "Telling")),
    Carrier("分享通信", "mvno", "CN", ("分享", "Share Telecom")),
    Carrier("中邮世纪", "mvno", "CN", ("中邮", "中邮通信", "中邮普泰")),
    Carrier("乐语通信", "mvno", "CN", ("乐语", "Leyu")),
    Carrier("话机世界", "mvno", "CN", ("话机世界通信",)),
    Carrier("华翔联信", "mvno", "CN", ("华翔",)),
    Carrier("长江时代", "mvno", "CN", ("长江时代通信",)),
    Carrier("中期移动", "mvno", "CN", ("中期", "中期通信")),
    Carrier("中麦通信", "mvno", "CN", ("中麦",)),
    Carrier("巴士在线", "mvno", "CN", ("巴士", "巴士通信")),
    Carrier("世纪互联", "mvno", "CN", ("21Vianet",)),
    Carrier("鹏博士", "mvno", "CN", ("鹏博士通信",)),
    Carrier("朗玛移动", "mvno", "CN", ("朗玛", "朗玛信息")),
    Carrier("星美生活", "mvno", "CN", ("星美",)),
    Carrier("银盛通信", "mvno", "CN", ("银盛",)),
    Carrier("连连科技", "mvno", "CN", ("连连", "连连通信")),
    Carrier("北纬通信", "mvno", "CN", ("北纬", "蜂巢")),
    Carrier("凤凰资产", "mvno", "CN", ("凤凰",)),
    Carrier("民生通讯", "mvno", "CN", ("民生",)),
    # Foreign operators (travel SIMs; whitelists for other markets, POLICY §7).
    Carrier("CSL", "foreign", "HK", ("csl.", "1O1O", "香港电讯")),
    Carrier("3HK", "foreign", "HK", ("3香港", "和记电讯", "Three HK", "3 Hong Kong")),
    Carrier("SmarTone", "foreign", "HK", ("数码通",)),
    Carrier("中国移动香港", "foreign", "HK", ("CMHK", "China Mobile Hong Kong", "中移动香港")),
    Carrier("中华电信", "foreign", "TW", ("Chunghwa Telecom", "中華電信")),
    Carrier("台湾大哥大", "foreign", "TW", ("Taiwan Mobile",)),
    Carrier("远传电信", "foreign", "TW", ("FarEasTone", "远传")),
    Carrier("台湾之星", "foreign", "TW", ("T Star", "台灣之星")),
    Carrier("亚太电信", "foreign", "TW", ("Asia Pacific Telecom", "亞太電信")),
    Carrier("SoftBank", "foreign", "JP", ("软银",)),
    Carrier("NTT docomo", "foreign", "JP", ("docomo", "都科摩")),
    Carrier("KDDI", "foreign", "JP", ("au",)),
    Carrier("SK Telecom", "foreign", "KR", ("SKT",)),
    Carrier("KT", "foreign", "KR", ("Korea Telecom",)),
    Carrier("LG U+", "foreign", "KR", ("LGU+", "LG Uplus")),
    Carrier("AIS", "foreign", "TH", ("Advanced Info Service",)),
    Carrier("dtac", "foreign", "TH", ()),
    Carrier("TrueMove H", "foreign", "TH", ("TrueMove", "True")),
    Carrier("Globe", "foreign", "PH", ("Globe Telecom", "TM", "Touch Mobile")),
    Carrier("Smart", "foreign", "PH", ("Smart Communications", "TNT", "Talk N Text")),
    Carrier("DITO", "foreign", "PH", ("DITO Telecommunity",)),
    Carrier("Telkomsel", "foreign", "ID", ("simPATI", "Kartu As")),
    Carrier("Indosat", "foreign", "ID", ("Indosat Ooredoo", "IM3")),
    Carrier("XL Axiata", "foreign", "ID", ("XL",)),
    Carrier("Singtel", "foreign", "SG", ()),
    Carrier("StarHub", "foreign", "SG", ()),
    Carrier("M1", "foreign", "SG", ()),
    Carrier("Maxis", "foreign", "MY", ("Hotlink",)),
    Carrier("CelcomDigi", "foreign", "MY", ("Celcom", "Digi")),
    Carrier("Viettel", "foreign", "VN", ()),
    Carrier("Vinaphone", "foreign", "VN", ()),
    Carrier("Mobifone", "foreign", "VN", ()),
    Carrier("Vodafone", "foreign", "GB", ()),
    Carrier("EE", "foreign", "GB", ()),
    Carrier("O2", "foreign", "GB", ()),
    Carrier("Verizon", "foreign", "US", ()),
    Carrier("AT&T", "foreign", "US", ("ATT",)),
    Carrier("T-Mobile", "foreign", "US", ("TMobile",)),
    # Sold on Chinese platforms as number-keeping cards (保号卡) and travel SIMs (session 37's forum
    # and C2C texts: giffgaff, Lycamobile, Skinny, Ultra, Red Pocket cards offered 包邮).
    Carrier("giffgaff", "foreign", "GB", ()),
    Carrier("Lycamobile", "foreign", "GB", ("Lyca Mobile",)),
    Carrier("Lebara", "foreign", "GB", ()),
    Carrier("Ultra Mobile", "foreign", "US", ()),
    Carrier("Mint Mobile", "foreign", "US", ()),
    Carrier("Red Pocket", "foreign", "US", ("RedPocket",)),
    Carrier("Skinny", "foreign", "NZ", ("Skinny Mobile",)),
    Carrier("CTM", "foreign", "MO", ("澳门电讯", "澳門電訊")),
    Carrier("Telstra", "foreign", "AU", ()),
    Carrier("Optus", "foreign", "AU", ()),
    Carrier("Rakuten Mobile", "foreign", "JP", ("乐天移动", "樂天移動")),
    Carrier("Airtel", "foreign", "IN", ()),
    Carrier("Jio", "foreign", "IN", ("Reliance Jio",)),
    Carrier("MTN", "foreign", "NG", ()),
    Carrier("Movistar", "foreign", "ES", ()),
    Carrier("Telcel", "foreign", "MX", ()),
    # a Hong Kong prepaid brand sold by Fortress (丰泽) as a number-keeping card (session 38's V2EX posts:
    # 出几张香港保号神卡丰泽 hahasim); its host network is not named in those texts, so it stands alone
    Carrier("hahaSIM", "foreign", "HK", ()),
)

CARRIER_INFO: dict[str, Carrier] = {c.name: c for c in _TABLE}
CARRIERS: tuple[str, ...] = tuple(c.name for c in _TABLE if c.kind != "foreign")
MNOS: tuple[str, ...] = tuple(c.name for c in _TABLE if c.kind == "mno")
MVNOS: tuple[str, ...] = tuple(c.name for c in _TABLE if c.kind == "mvno")
DOMESTIC_CARRIERS: frozenset[str] = frozenset(CARRIERS)
FOREIGN_CARRIERS: tuple[str, ...] = tuple(c.name for c in _TABLE if c.kind == "foreign")


def _build_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for carrier in _TABLE:
        for alias in (carrier.name, *carrier.aliases):
            key = normalise_name(alias)
            if key in aliases and aliases[key] != carrier.name:
                raise ValueError(f"carrier alias {alias!r} is ambiguous: {aliases[key]} / {carrier.name}")
            aliases[key] = carrier.name
    return aliases


#: normalised alias → canonical name (every canonical name maps to itself).
CARRIER_ALIASES: dict[str, str] = _build_aliases()


@lru_cache(maxsize=4096)
def canonical_carrier(text: str | None) -> str | None:
    """The canonical carrier name for a name, alias or brand, or None when unknown."""
    if not text:
        return None
    key = normalise_name(text)
    found = CARRIER_ALIASES.get(key)
    if found is None and key.endswith(("公司", "集团")):
        # "中国移动通信集团有限公司" / "中国联合网络通信有限公司": drop the legal form and retry.
        found = CARRIER_ALIASES.get(normalise_company(text))
    return found


def is_domestic(name: str) -> bool:
    """True for Chinese MNOs and MVNOs (POLICY §2), given a canonical or alias name."""
    return canonical_carrier(name) in DOMESTIC_CARRIERS


# Separators seen in multi-carrier cells: 、 / , ; | & + and the words 和/及/与.
_SEPARATORS = re.compile(r"\s*(?:[、/,，;；|｜&＆+＋\n]|和|及|与)\s*")


def parse_carriers(cell: str | None) -> tuple[list[str], list[str]]:
    """Split a carrier cell into (canonical names, unrecognised pieces), order kept, deduplicated."""
    known: list[str] = []
    unknown: list[str] = []
    if not cell:
        return known, unknown
    whole = canonical_carrier(cell)
    pieces = [whole] if whole else [p for p in _SEPARATORS.split(cell.strip()) if p]
    for piece in pieces:
        name = canonical_carrier(piece)
        if name is None and " " in piece.strip():
            # "中国移动 中国联通" (space-separated) — but "China Mobile" resolved whole above.
            subs = [canonical_carrier(s) for s in piece.split()]
            if all(subs):
                for sub in subs:
                    if sub not in known:
                        known.append(sub)  # type: ignore[arg-type]
                continue
        if name is None:
            unknown.append(piece.strip())
        elif name not in known:
            known.append(name)
    return known, unknown


def split_carriers(cell: str | None) -> list[str]:
    """Canonical carriers named in a cell such as ``中国移动、中国联通``; unknown names are dropped."""
    return parse_carriers(cell)[0]
