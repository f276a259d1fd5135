"""Platform codes and their names in carrier lists (天猫 → tmall, 京东 → jd, ...)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from whitelist.normalise import normalise_name

__all__ = [
    "DOMESTIC_PLATFORMS",
    "PLATFORMS",
    "Platform",
    "is_domestic_platform",
    "normalise_platform",
    "platform_family",
    "platform_from_host",
    "platform_from_url",
]


@dataclass(frozen=True)
class Platform:
    code: str
    market: str  # "CN" for the China profile; otherwise the market's region
    names: tuple[str, ...]  # names and abbreviations used in carrier lists
    hosts: tuple[str, ...]  # registrable domains of the platform's shop pages
    family: str = ""  # platforms sharing one seller namespace (Tmall shops are Taobao sellers)
    # the countries whose own carriers' cards the platform's shops sell at home (its hosts' country
    # domains): there a card of those carriers is no travel card (POLICY §7); empty where unknown
    countries: tuple[str, ...] = ()


_TABLE: tuple[Platform, ...] = (
    Platform("taobao", "CN", ("淘宝", "淘宝网", "手机淘宝", "淘宝店", "淘宝商城", "Taobao"),
             ("taobao.com",), family="taobao"),
    Platform("tmall", "CN", ("天猫", "天猫商城", "天猫旗舰店", "Tmall", "天猫国际", "Tmall Global"),
             ("tmall.com", "tmall.hk"), family="taobao"),
    Platform("jd", "CN", ("京东", "京东商城", "京东自营", "京东到家", "JD", "JD.com", "Jingdong"),
             ("jd.com", "jd.hk")),
    Platform("pinduoduo", "CN", ("拼多多", "PDD", "Pinduoduo", "拼多多商城"),
             ("pinduoduo.com", "yangkeduo.com")),
    Platform("xianyu", "CN", ("闲鱼", "咸鱼", "闲鱼网", "Xianyu", "Goofish", "Idle Fish"),
             ("goofish.com", "xianyu.com", "2.taobao.com")),
    Platform("douyin", "CN", ("抖音", "抖音小店", "抖店", "抖音商城", "Douyin", "TikTok China"),
             ("douyin.com", "jinritemai.com")),
    Platform("kuaishou", "CN", ("快手", "快手小店", "Kuaishou"), ("kuaishou.com",)),
    Platform("weidian", "CN", ("微店", "Weidian"), ("weidian.com",)),
    Platform("xiaohongshu", "CN", ("小红书", "Xiaohongshu", "RED"), ("xiaohongshu.com",)),
    Platform("suning", "CN", ("苏宁易购", "Suning"), ("suning.com",)),
    Platform("shopee", "SEA", ("Shopee", "虾皮"),
             ("shopee.com", "shopee.co.id", "shopee.ph", "shopee.sg", "shopee.com.my",
              "shopee.co.th", "shopee.vn", "shopee.tw", "shopee.com.br"),
             countries=("ID", "PH", "SG", "MY", "TH", "VN", "TW", "BR")),
    Platform("lazada", "SEA", ("Lazada", "来赞达"), ("lazada.com",),
             countries=("ID", "PH", "SG", "MY", "TH", "VN")),
    Platform("tokopedia", "ID", ("Tokopedia",), ("tokopedia.com",), countries=("ID",)),
    Platform("ebay", "GLOBAL", ("eBay", "易贝"), ("ebay.com", "ebay.co.uk", "ebay.de")),
    Platform("amazon", "GLOBAL", ("Amazon", "亚马逊"),
             ("amazon.com", "amazon.co.uk", "amazon.de", "amazon.co.jp", "amazon.cn")),
    Platform("mercadolibre", "LATAM", ("MercadoLibre", "Mercado Libre", "美客多"),
             ("mercadolibre.com", "mercadolibre.com.ar", "mercadolibre.com.mx"), countries=("AR", "MX")),
)

PLATFORMS: dict[str, Platform] = {p.code: p for p in _TABLE}
DOMESTIC_PLATFORMS: frozenset[str] = frozenset(p.code for p in _TABLE if p.market == "CN")

_BY_NAME: dict[str, str] = {}
for _p in _TABLE:
    for _name in (_p.code, *_p.names):
        _BY_NAME[normalise_name(_name)] = _p.code
    for _host in _p.hosts:
        _BY_NAME[normalise_name(_host)] = _p.code
        _BY_NAME[normalise_name("www." + _host)] = _p.code


@lru_cache(maxsize=4096)
def normalise_platform(text: str | None) -> str | None:
    """Platform code for a code, Chinese/English name or domain (``天猫`` → ``tmall``), else None."""
    if not text:
        return None
    code = _BY_NAME.get(normalise_name(text))
    if code is None and ("." in text or "/" in text):
        code = platform_from_url(text)
    return code


_BY_HOST: dict[str, str] = {host: p.code for p in _TABLE for host in p.hosts}


def platform_from_host(host: str) -> str | None:
    """Platform code for a lower-case host name; the longest known domain suffix wins
    (``2.taobao.com`` is xianyu, ``shop1.taobao.com`` taobao)."""
    labels = host.split(".")
    for start in range(len(labels) - 1):
        code = _BY_HOST.get(".".join(labels[start:]))
        if code:
            return code
    return None


@lru_cache(maxsize=65_536)
def platform_from_url(url: str | None) -> str | None:
    """Platform code from a shop or item URL's host (``mall.jd.com`` → ``jd``), else None."""
    if not url:
        return None
    url = url.strip()
    if "//" not in url:
        url = "//" + url
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    return platform_from_host(host) if host else None


_FAMILY: dict[str, str] = {p.code: p.family or p.code for p in _TABLE}


def platform_family(code: str) -> str:
    """The seller namespace a platform belongs to (tmall → taobao), else the code itself."""
    return _FAMILY.get(code, code)


def is_domestic_platform(code: str) -> bool:
    return code in DOMESTIC_PLATFORMS
