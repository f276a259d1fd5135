"""Shop identity from shop URLs: per-platform shop ids and a canonical URL form.

Carrier lists and listings write the same shop's address many ways (http/https, www./m.,
tracking parameters, trailing slashes); both sides go through these functions so that equal
shops compare equal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit

from whitelist.platforms import platform_from_host

__all__ = ["ID_QUERY_KEYS", "canonical_shop_id", "canonical_shop_url", "shop_id_from_url"]


@lru_cache(maxsize=131_072)
def _split(url: str) -> tuple[SplitResult, str] | None:
    """(parts, lower-case host) of a URL written with or without a scheme; None if not a URL.

    Cached: the same shop URL recurs on every listing of the shop, and both the shop-id and the
    canonical-URL functions need it.
    """
    url = url.strip()
    if not url:
        return None
    if url.startswith("//"):
        url = "https:" + url
    elif "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return None
    return (parts, host.rstrip(".")) if host else None


def _query(parts: SplitResult, *keys: str) -> str | None:
    wanted = {k.lower() for k in keys}
    for key, value in parse_qsl(parts.query, keep_blank_values=False):
        if key.lower() in wanted and value.strip():
            return value.strip()
    return None


def _taobao(parts: SplitResult, host: str) -> str | None:
    if m := re.fullmatch(r"shop(\d+)(?:\.m)?\.taobao\.com", host):
        return m.group(1)
    return _query(parts, "shop_id", "shopId")


# Hosts under tmall.com that are site pages, not shops.
_TMALL_NON_SHOP = {"www", "m", "detail", "list", "login", "chaoshi", "pages", "err", "s", "h5"}


def _tmall(parts: SplitResult, host: str) -> str | None:
    m = re.fullmatch(r"([a-z0-9-]+)(?:\.m)?\.tmall\.(?:com|hk)", host)
    if m and m.group(1) not in _TMALL_NON_SHOP:
        return m.group(1)
    return _query(parts, "shop_id", "shopId") or _taobao(parts, host)


def _jd(parts: SplitResult, host: str) -> str | None:
    if m := re.search(r"/index-(\d+)\.html?", parts.path):
        return m.group(1)
    return _query(parts, "shopId", "shop_id", "venderId")


def _pinduoduo(parts: SplitResult, host: str) -> str | None:
    return _query(parts, "mall_id", "mallId", "msn")


def _douyin(parts: SplitResult, host: str) -> str | None:
    return _query(parts, "shop_id", "shopId", "id")


def _xianyu(parts: SplitResult, host: str) -> str | None:
    return _query(parts, "userId", "user_id")


# First path segments of shopee URLs that are site pages, not shop usernames.
_SHOPEE_PAGES = {"search", "product", "buyer", "user", "cart", "mall", "api", "daily_discover",
                 "flash_sale", "m", "checkout", "verify", "login", "signup", "shop", "universal-link"}


def _shopee(parts: SplitResult, host: str) -> str | None:
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) >= 2 and segments[0] == "shop" and segments[1].isdigit():
        return segments[1]
    if segments and (m := re.search(r"-i\.(\d+)\.\d+$", segments[-1])):
        return m.group(1)  # item URL "name-i.<shopid>.<itemid>" carries the shop id
    if len(segments) == 1 and segments[0].lower() not in _SHOPEE_PAGES:
        return segments[0].lower()  # shop username; case-insensitive on shopee
    return None


def _ebay(parts: SplitResult, host: str) -> str | None:
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) >= 2 and segments[0] in ("str", "usr"):
        return segments[1].lower()
    return _query(parts, "_ssn")


def _amazon(parts: SplitResult, host: str) -> str | None:
    value = _query(parts, "seller", "me")
    return value.upper() if value else None  # Amazon merchant ids are upper-case tokens


_EXTRACTORS: dict[str, Callable[[SplitResult, str], str | None]] = {
    "taobao": _taobao,
    "tmall": _tmall,
    "jd": _jd,
    "pinduoduo": _pinduoduo,
    "douyin": _douyin,
    "xianyu": _xianyu,
    "shopee": _shopee,
    "ebay": _ebay,
    "amazon": _amazon,
}


@lru_cache(maxsize=131_072)
def shop_id_from_url(platform: str | None, url: str | None) -> str | None:
    """The platform's shop id in a shop URL, or None (``shop123.taobao.com`` → ``123``).

    The URL's own host decides when it clearly belongs to another platform (a Tmall shop
    address in a row marked 淘宝 still yields the Tmall shop name).
    """
    if not url:
        return None
    split = _split(url)
    if split is None:
        return None
    parts, host = split
    extractor = _EXTRACTORS.get(platform_from_host(host) or "") or _EXTRACTORS.get(platform or "")
    return extractor(parts, host) if extractor else None


def canonical_shop_id(value: object) -> str | None:
    """Clean a shop-id cell: strip and drop Excel's ``12345.0``."""
    if value is None:
        return None
    if type(value) is str:  # the per-listing fast path
        text = value.strip()
        if not text.endswith(".0"):
            return text or None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text or None


# Query parameters that identify a shop; every other parameter is tracking noise (spm, from...).
ID_QUERY_KEYS = frozenset(
    k.lower() for k in ("shopId", "shop_id", "mall_id", "mallId", "id", "userId", "user_id",
                        "seller", "me", "venderId", "user_number_id", "msn", "_ssn")
)


@lru_cache(maxsize=131_072)
def canonical_shop_url(url: str | None) -> str | None:
    """``host/path?id-params`` with scheme, ``www.``/``m.``, default ports, fragments, tracking
    parameters and trailing slashes dropped, host lower-cased; None when not a URL."""
    if not url:
        return None
    split = _split(url)
    if split is None or "." not in split[1]:
        return None
    parts, host = split
    for prefix in ("www.", "m."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
    path = parts.path
    if "//" in path:
        path = re.sub(r"/{2,}", "/", path)
    path = path.rstrip("/")
    if not parts.query:
        return host + path
    query = sorted((k, v) for k, v in parse_qsl(parts.query) if k.lower() in ID_QUERY_KEYS)
    return host + path + ("?" + urlencode(query) if query else "")
