"""Shared pieces of the platform parsers: the result type, body decoding, the one block-marker
table type, the URL allow-list, the one parsing entry point (:func:`parse_page`) and
seller-licence extraction. Pure functions, no Scrapy."""

from __future__ import annotations

import codecs
import ipaddress
import json
import math
import re
import unicodedata
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol
from urllib.parse import parse_qs, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree
from stdnum.cn import uscc
from w3lib.html import remove_tags, replace_entities

from crawler.items import Listing, Seller
from whitelist.normalise import without_surrogates

LOGIN = "login"
CAPTCHA = "captcha"
RATE_LIMITED = "rate_limited"
SERVER_ERROR = "server_error"
# A 200 answer with no results and no error where results were expected (shopee's silent wall).
SUSPECTED_BLOCK = "suspected_block"
BLOCK_REASONS = (LOGIN, CAPTCHA, RATE_LIMITED, SERVER_ERROR, SUSPECTED_BLOCK)


class PageFormatError(ValueError):
    """The body is neither a results page of the expected shape nor a recognised block page.

    Raised instead of returning "no listings" so that layout drift is never silent.
    """


class NotSearchAnswer(PageFormatError):
    """The body is another API's answer that the search page also receives (goofish's
    ``…pc.search.shade``, taobao's other ``wirelessrecommend`` appIds): skipped by the spider,
    neither parsed nor counted as layout drift."""


@dataclass
class ParseResult:
    """What one search response yielded."""

    listings: list[Listing] = field(default_factory=list)
    has_next: bool = False
    blocked: str | None = None  # one of BLOCK_REASONS when the body is a block page
    total: int | None = None  # result count the platform reports, when it does
    dropped_urls: int = 0  # listing/shop URLs removed by parse_page (not the platform's own)
    # Listings the parser recognised as already sighted in this run (the caller's ``known``)
    # and skipped before reading their fields: read, not lost, and never drift or "no results".
    repeats: int = 0

    @property
    def read_any(self) -> bool:
        """Whether the page held any listing, new or a repeat (pagination goes on)."""
        return bool(self.listings or self.repeats)

    @classmethod
    def block(cls, reason: str) -> ParseResult:
        return cls(listings=[], has_next=False, blocked=reason)


class PlatformModule(Protocol):
    """The module contract of docs/INTERFACES.md ("Platforms"), for type checkers."""

    NAME: str
    DEFAULT_BASE_URL: str
    NEEDS_BROWSER: bool
    API_URL_MARKER: str | None

    def search_url(self, base_url: str, keyword: str, page: int) -> str: ...

    def parse_search(self, body: str | bytes, url: str, observed_at: str) -> ParseResult: ...

    def detect_block(self, status: int, body: str | bytes, url: str) -> str | None: ...


# ---------------------------------------------------------------- decoding

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)


def as_text(body: str | bytes) -> str:
    """Decode a response body. Chinese sites still serve GBK pages, so a failed UTF-8 decode
    falls back to the page's declared charset, then GB18030 (a superset of GBK/GB2312)."""
    return decode_body(body)[0]


def decode_body(body: str | bytes) -> tuple[str, bool]:
    """``as_text(body)``, and whether ``body`` was UTF-8 bytes (so that a parser can hand lxml
    the bytes without decoding them a second time to find out)."""
    if isinstance(body, str):
        return body, False
    if body[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        # A page saved through a Windows shell redirect is UTF-16 with a BOM (a real 2026
        # taobao capture, tests/crawler/platforms/captures/SOURCES.md); no UTF-8 or GBK body
        # starts with these bytes.
        try:
            return body.decode("utf-16"), False
        except UnicodeDecodeError:
            pass
    try:
        return body.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(body[:4096])
    if declared:
        try:
            return body.decode(declared.group(1).decode("ascii")), False
        except (LookupError, UnicodeDecodeError):
            pass
    return body.decode("gb18030", errors="replace"), False


_JSONP = re.compile(r"^\s*[\w$.]+\s*\(\s*(.*?)\s*\)\s*;?\s*$", re.S)


def load_json(body: str | bytes, source: str = "body") -> Any:
    """Parse a JSON body, accepting a JSONP wrapper such as ``mtopjsonp1({...})``."""
    text = as_text(body).lstrip("\ufeff")
    stripped = text.lstrip()
    if stripped[:1] not in ("{", "["):
        wrapped = _JSONP.match(text)
        if not wrapped:
            raise PageFormatError(f"{source}: not JSON or JSONP (starts with {stripped[:40]!r})")
        text = wrapped.group(1)
    try:
        return json.loads(text, strict=False)  # raw newlines inside strings: saved pages have them
    except json.JSONDecodeError as exc:
        raise PageFormatError(
            f"{source}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    except (RecursionError, ValueError) as exc:  # nesting too deep; a 5,000-digit number
        raise PageFormatError(f"{source}: JSON not readable ({type(exc).__name__})") from exc


def js_object_after(text: str, marker: str, source: str = "body") -> Any | None:
    """Decode the JSON object literal that follows ``marker`` (e.g. ``g_page_config =``) in a
    script. Returns None when the marker is absent. JSONDecoder.raw_decode stops at the end of
    the object, so trailing script text does not matter."""
    at = text.find(marker)
    if at < 0:
        return None
    brace = text.find("{", at + len(marker))
    if brace < 0:
        raise PageFormatError(f"{source}: no object literal after {marker!r}")
    try:
        value, _ = json.JSONDecoder(strict=False).raw_decode(text, brace)
    except json.JSONDecodeError as exc:
        raise PageFormatError(
            f"{source}: object after {marker!r} is not JSON at line {exc.lineno} "
            f"column {exc.colno}: {exc.msg}"
        ) from exc
    except (RecursionError, ValueError) as exc:
        raise PageFormatError(f"{source}: object after {marker!r} not readable") from exc
    return value


_UTF8_HTML = lxml.html.HTMLParser(encoding="utf-8")
# The same libxml2 parser without lxml.html's element classes: the same tree, but each element
# Python touches costs no Python-level class lookup (HtmlElementClassLookup.lookup, a third of
# the ebay parser's time when it walks every element of every card).
_PLAIN_HTML = etree.HTMLParser()
_UTF8_PLAIN_HTML = etree.HTMLParser(encoding="utf-8")
# lxml.html's HtmlElement.text_content() is this XPath; plain elements lack the method.
text_content = etree.XPath("string()")


def page_tree(page: str | bytes, *, plain: bool = False) -> Any:
    """The lxml tree of a page as :func:`search_parser` hands it to a page parser: UTF-8 bytes
    (parsed as bytes, a quarter faster than the decoded str) or the decoded str.
    ``plain``: plain ``etree`` elements (read their text with :data:`text_content`) instead of
    lxml.html's, for parsers that touch many elements in Python. An empty or unparsable page is
    a PageFormatError."""
    try:
        if isinstance(page, bytes):
            return lxml.html.fromstring(page, parser=_UTF8_PLAIN_HTML if plain else _UTF8_HTML)
        return lxml.html.fromstring(page, parser=_PLAIN_HTML if plain else None)
    except (etree.ParserError, ValueError) as exc:
        raise PageFormatError(f"not an HTML page ({exc})") from exc


def looks_like_json(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:1]
    return head in ("{", "[") or bool(re.match(r"^\s*[\w$.]+\s*\(\s*[{\[]", text[:200]))


# ---------------------------------------------------------------- values


def dig(obj: Any, *path: str | int, default: Any = None) -> Any:
    """Nested lookup that tolerates missing keys and wrong types (JSON shapes drift)."""
    for key in path:
        if isinstance(obj, Mapping):
            obj = obj.get(key)
        elif isinstance(obj, list) and isinstance(key, int) and -len(obj) <= key < len(obj):
            obj = obj[key]
        else:
            return default
        if obj is None:
            return default
    return obj


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def parse_price(value: Any, divisor: float = 1) -> float | None:
    """A price as float from a number or a text like ``¥1,299.00`` or ``US $3.50 to $4.00``
    (the first number of a range). ``divisor`` converts minor units (fen: 100)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number: float = value
    elif isinstance(value, str):
        match = _NUMBER.search(value[:200].replace(",", "").replace("，", ""))
        if not match:
            return None
        number = float(match.group())
    else:
        return None  # a list or an object where a price belongs: no price, not a guess
    try:
        price = round(number / divisor, 2)
    except OverflowError:
        return None
    return price if math.isfinite(price) else None


# A displayed amount: digits with "." / "," and the no-break spaces European sites group with.
_DISPLAY_NUMBER = re.compile(r"\d[\d.,\u00a0\u202f]*")
_GROUPED = re.compile(r"\d{1,3}(?:[. \u00a0\u202f]\d{3})*|\d+")
_GROUP_MARKS = re.compile(r"[. \u00a0\u202f]")
# "2 800,00 EUR" (ebay.fr; a no-break space, plain once the page's text is cleaned): groups
# split by spaces count only before a decimal comma.
_SPACED_GROUPS = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+,\d{1,2}(?!\d)")
# "CHF 1’299.00" (ebay.ch): Swiss German groups with an apostrophe, ’ in CLDR's de-CH, ' before.
_APOSTROPHE_GROUPS = re.compile(r"\d{1,3}(?:['\u2019]\d{3})+(?:[.,]\d{1,2})?(?![\d'\u2019])")


def parse_display_price(value: Any) -> float | None:
    """A price as a shop's page displays it, in either decimal convention: ``$1,299.00`` and
    ``US $3.50 to $4.00`` as :func:`parse_price` reads them, and the decimal comma of European
    and Latin-American sites — ``EUR 1.299,95`` (ebay.de), ``€ 1.749,99`` (amazon.nl),
    ``R$89,90`` (amazon.com.br), ``2 800,00 EUR`` (ebay.fr) — which parse_price would read as
    129995, 1.75 or 2. A comma is the decimal mark only when it is the last separator and one
    or two digits follow it; anything else is left to parse_price."""
    if isinstance(value, str):
        found = _DISPLAY_NUMBER.search(value[:200])
        spaced = _SPACED_GROUPS.match(value[:200], found.start()) if found else None
        swiss = _APOSTROPHE_GROUPS.match(value[:200], found.start()) if found else None
        if swiss:
            return parse_price(re.sub("['\u2019]", "", swiss.group()).replace(",", "."))
        token = (spaced or found).group().rstrip(".,\u00a0\u202f") if found else ""
        whole, comma, cents = token.rpartition(",")
        if comma and cents.isdigit() and len(cents) <= 2 and _GROUPED.fullmatch(whole):
            return parse_price(_GROUP_MARKS.sub("", whole) + "." + cents)
        if not comma and token.count(".") > 1 and _GROUPED.fullmatch(token):
            # "Rp 1.299.000", "1.299.999 ₫": two dots are never one decimal mark (parse_price: 1.3)
            return parse_price(_GROUP_MARKS.sub("", token))
    return parse_price(value)


MAX_TEXT = 5000  # characters kept of a title, shop name or location (crawled text is hostile)
MAX_URL = 2048


def clean_text(value: Any, limit: int = MAX_TEXT) -> str:
    """Tags removed, entities decoded, whitespace collapsed, at most ``limit`` characters kept.
    A list or object where text belongs gives "" (a drifted field, not its Python repr)."""
    if value is None or isinstance(value, dict | list | tuple | bool):
        return ""
    text = str(value)[: limit * 4]
    if "<" in text or "&" in text:  # most titles have neither: skip the markup pass
        text = replace_entities(remove_tags(text))
    if not text.isascii():
        # a lone surrogate ("\ud800" in a platform's JSON) has no UTF-8 form: every store and
        # export of the listing would fail on it
        text = without_surrogates(text)
    return " ".join(text.split())[:limit]


def text_or_none(value: Any) -> str | None:
    text = clean_text(value)
    return text or None


def id_str(value: Any) -> str | None:
    """Ids arrive as numbers or strings; listings carry them as strings."""
    if not isinstance(value, str | int | float) or isinstance(value, bool) or value == "":
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    text = str(value).strip()
    return text if 0 < len(text) <= 64 and text.isprintable() else None


def absolute_url(href: Any, base: str | None = None) -> str | None:
    """Protocol-relative ``//item.jd.com/1.html`` becomes https; relative paths join ``base``.
    Not a string, or not a URL at all: None."""
    if not href or not isinstance(href, str):
        return None
    href = href.strip()
    try:
        if href.startswith("//"):
            return "https:" + href
        if base and not urlsplit(href).scheme:
            return urljoin(base, href)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return None
    return href


def query_param(url: Any, name: str) -> str | None:
    if not url or not isinstance(url, str):
        return None
    try:
        values = parse_qs(urlsplit(url).query).get(name)
    except ValueError:
        return None
    return values[0] if values else None


def host_of(url: Any) -> str:
    try:
        return (urlsplit(absolute_url(url) or "").hostname or "").lower()
    except ValueError:
        return ""


def as_dict(value: Any) -> dict[str, Any]:
    """``value`` when it is an object, else {}: a drifted field reads as missing."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """``value`` when it is a list, else []."""
    return value if isinstance(value, list) else []


def as_int(value: Any) -> int | None:
    """An int from a JSON number or numeric string; None for anything else (never raises)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) else None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 20:
        return int(value)
    return None


# ---------------------------------------------------------------- platform hosts

# The hosts (suffixes) each platform's listing, item and shop URLs live on. A URL a parser
# lets out is fetched later (shop pages, item pages, evidence, rechecks), so only these pass
# (allowed_url); the safe fetchers import the same table.
PLATFORM_HOSTS: dict[str, tuple[str, ...]] = {
    "taobao": ("taobao.com", "tmall.com", "tmall.hk"),
    "tmall": ("tmall.com", "tmall.hk", "taobao.com"),
    "xianyu": ("goofish.com", "taobao.com"),
    "jd": ("jd.com", "jd.hk", "3.cn"),
    "pinduoduo": ("yangkeduo.com", "pinduoduo.com"),
    "douyin": ("douyin.com", "jinritemai.com"),
    "shopee": (
        "shopee.tw", "shopee.co.id", "shopee.sg", "shopee.com.my", "shopee.co.th", "shopee.vn",
        "shopee.ph", "shopee.com.br", "shopee.com.mx", "shopee.com.co", "shopee.cl",
    ),
    "ebay": (
        "ebay.com", "ebay.co.uk", "ebay.de", "ebay.fr", "ebay.it", "ebay.es", "ebay.ca",
        "ebay.com.au", "ebay.com.hk", "ebay.com.sg", "ebay.com.my", "ebay.ie", "ebay.at",
        "ebay.ch", "ebay.nl", "ebay.be", "ebay.pl", "ebay.ph",
    ),
    "amazon": (
        "amazon.com", "amazon.co.uk", "amazon.de", "amazon.fr", "amazon.it", "amazon.es",
        "amazon.ca", "amazon.co.jp", "amazon.cn", "amazon.com.au", "amazon.in", "amazon.sg",
        "amazon.com.mx", "amazon.com.br", "amazon.nl", "amazon.ae", "amazon.sa", "amazon.pl",
        "amazon.se", "amazon.com.tr", "amazon.com.be", "amazon.eg",
    ),
    "mercadolibre": (
        "mercadolibre.com", "mercadolibre.com.ar", "mercadolibre.com.mx", "mercadolibre.com.co",
        "mercadolibre.cl", "mercadolibre.com.pe", "mercadolibre.com.uy", "mercadolibre.com.ve",
        "mercadolibre.com.ec", "mercadolivre.com.br",
    ),
}


def is_ip_literal(host: str) -> bool:
    """True for an IPv4/IPv6 address (brackets allowed), never a host name."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


# The characters str.isspace() knows (the regex module and str.isspace() both ask
# Py_UNICODE_ISSPACE), found in one C scan instead of a Python call per character.
_WHITESPACE = re.compile(r"\s")


def allowed_url(platform: str, url: Any, extra_hosts: Iterable[str] = ()) -> bool:
    """True when ``url`` is http(s) on one of ``platform``'s own hosts (PLATFORM_HOSTS) or
    exactly one of ``extra_hosts`` (the configured base URL's host, e.g. the sandbox's
    127.0.0.1). Never ``file:``/``javascript:``/``data:``, other hosts, IP literals, user-info,
    control characters or over-long URLs."""
    if not isinstance(url, str) or not url or len(url) > MAX_URL or not url.isprintable():
        return False
    if _WHITESPACE.search(url):
        return False
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host or "@" in parts.netloc:
        return False
    return _host_allowed(host, PLATFORM_HOSTS.get(platform, ()), tuple(extra_hosts))


@lru_cache(maxsize=4096)
def _host_allowed(host: str, platform_hosts: tuple[str, ...], extra_hosts: tuple[str, ...]) -> bool:
    """The part of allowed_url's answer that depends on the host alone — given the platform's
    host suffixes and the extra hosts, which are part of the key so that the cached answer
    depends on nothing else. Cached because a results page repeats one or two hosts on every
    listing (ip_address and the suffix scan per URL were a sixth of the ebay parser's time);
    the per-URL checks (scheme, length, characters, user-info, port) run on every URL."""
    if host in {h.lower() for h in extra_hosts if h}:
        return True
    if is_ip_literal(host):
        return False
    return any(host == s or host.endswith("." + s) for s in platform_hosts)


def keep_platform_urls(listings: Iterable[Listing], extra_hosts: Iterable[str] = ()) -> int:
    """Null every listing/shop URL that ``allowed_url`` refuses; the number removed.
    Protocol-relative URLs are made https first (that is how pages write them)."""
    extra = tuple(extra_hosts)
    dropped = 0
    for listing in listings:
        for name in ("url", "shop_url"):
            value = getattr(listing, name)
            if value is None:
                continue
            if isinstance(value, str) and value.startswith("//"):
                value = "https:" + value
            if allowed_url(listing.platform, value, extra):
                setattr(listing, name, value)
            else:
                setattr(listing, name, None)
                dropped += 1
    return dropped


# ---------------------------------------------------------------- the one parsing entry point


def as_layout_drift(
    parse: Callable[[str | bytes, str, str], ParseResult],
    body: str | bytes, url: str, observed_at: str,
) -> ParseResult:
    """``parse(body, url, observed_at)`` for a parser that walks deep JSON: any structure it
    does not know is a PageFormatError (layout drift), never a TypeError or KeyError that would
    drop the page uncounted."""
    try:
        return parse(body, url, observed_at)
    except PageFormatError:
        raise
    except (TypeError, KeyError, AttributeError, ValueError, IndexError, RecursionError) as exc:
        raise PageFormatError(f"{url}: unexpected structure ({type(exc).__name__}: {exc})") from exc


def parse_page(
    module: PlatformModule, body: str | bytes, url: str, observed_at: str,
    base_url: str | None = None, known: Container[str] = (),
) -> ParseResult:
    """``module.parse_search`` as the spider and ``simwatch parse`` call it: an unexpected
    structure that slipped past the parser (any exception) is a PageFormatError — layout
    drift, counted, the page kept for inspection — never a page lost to a traceback; and only
    the platform's own http(s) URLs (or ``base_url``'s host) leave, the rest counted in
    ``dropped_urls``.

    ``known``: document ids (``Listing.doc_id``) already sighted in this run. A platform whose
    parser can tell a card's id before reading its fields (``SKIPS_KNOWN_LISTINGS``) skips those
    cards and counts them in ``repeats`` — most cards of a multi-keyword crawl are repeats, and
    reading their fields only for the run's dedup to drop them was most of the parser's time
    (docs/THROUGHPUT.md, round 6)."""
    try:
        if known and getattr(module, "SKIPS_KNOWN_LISTINGS", False):
            result = module.parse_search(body, url, observed_at, known=known)  # type: ignore[call-arg]
        else:
            result = module.parse_search(body, url, observed_at)
    except PageFormatError:
        raise
    except Exception as exc:  # noqa: BLE001 - the contract: drift is counted, never lost
        raise PageFormatError(
            f"{url}: unexpected page structure ({type(exc).__name__}: {str(exc)[:200]})"
        ) from exc
    if not isinstance(result, ParseResult):
        raise PageFormatError(f"{url}: parser returned {type(result).__name__}")
    result.dropped_urls += keep_platform_urls(result.listings, [host_of(base_url)])
    return result


# ---------------------------------------------------------------- block detection


def status_block(status: int) -> str | None:
    """Block reason implied by the HTTP status alone."""
    if status == 429:
        return RATE_LIMITED
    if status in (401, 407):
        return LOGIN
    if status >= 500:
        return SERVER_ERROR
    return None


def first_marker(text: str, markers: Iterable[tuple[str, str]]) -> str | None:
    """The reason of the first ``(substring, reason)`` pair found in ``text``."""
    for needle, reason in markers:
        if needle in text:
            return reason
    return None


_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def html_title(text: str) -> str:
    found = _TITLE.search(text[:20000])
    return clean_text(found.group(1)) if found else ""


Markers = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class BlockMarkers:
    """One platform's block-page signs, read by :func:`detect_by_markers`.

    ``url``: substrings of the (final) URL; ``head``: of the body's first ``head_chars``
    characters (an API's error code comes first; listings further down may quote anything);
    ``body``: anywhere in the body and ``title``: in the HTML title — both only when none of
    ``results`` is in the body (a results page repeats the keyword, which may be 验证码);
    ``title_first``: judge the title before the body. ``api``: for platforms whose JSON answers
    carry their error as fields (jd's ``code``, pinduoduo's ``error_code``), the reason read from
    the decoded answer; a JSON body is then judged by ``url`` and ``api`` only (a
    PageFormatError from either reads as no reason).
    """

    url: Markers = ()
    head: Markers = ()
    body: Markers = ()
    title: Markers = ()
    results: tuple[str, ...] = ()
    head_chars: int = 2000
    title_first: bool = False
    api: Callable[[Any, str], str | None] | None = None


def detect_by_markers(
    markers: BlockMarkers, status: int, body: str | bytes, url: str
) -> str | None:
    """The block reason the marker table finds, else the one the HTTP status implies."""
    reason = first_marker(url, markers.url)
    if reason:
        return reason
    text = as_text(body)
    if markers.api is not None and looks_like_json(text):
        try:
            reason = markers.api(load_json(text, url), url)
        except PageFormatError:
            reason = None
        return reason or status_block(status)
    reason = first_marker(text[: markers.head_chars], markers.head)
    if reason:
        return reason
    if not any(marker in text for marker in markers.results):
        in_body = first_marker(text, markers.body)
        in_title = first_marker(html_title(text), markers.title)
        reason = (in_title or in_body) if markers.title_first else (in_body or in_title)
    return reason or status_block(status)



JsonParser = Callable[[Any, str, str], ParseResult]  # (decoded answer, url, observed_at)
# (page, text, url, observed_at): ``page`` is the body when it is UTF-8 bytes, else ``text``, the
# decoded body; :func:`page_tree` parses it without decoding the bytes again.
PageParser = Callable[[str | bytes, str, str, str], ParseResult]


def search_parser(
    markers: BlockMarkers, *, answer: JsonParser | None = None, page: PageParser | None = None
) -> Callable[[str | bytes, str, str], ParseResult]:
    """A platform's ``parse_search`` built from its marker table and its parsers: a URL the
    markers call blocked is that block's result. A JSON answer (every answer when there is no
    ``page``) is decoded, judged by ``markers.api`` — whose PageFormatError on an unknown error
    code here stands (the answer is not read as empty) — and handed to ``answer``; any other page
    is judged by the whole marker table and handed to ``page``. Any structure the parsers do
    not know is layout drift (:func:`as_layout_drift`)."""
    if answer is None and page is None:
        raise TypeError("search_parser needs an answer or a page parser")

    def parse(body: str | bytes, url: str, observed_at: str, known: Container[str]) -> ParseResult:
        text, utf8 = decode_body(body)
        reason = first_marker(url, markers.url)
        if reason:
            return ParseResult.block(reason)
        if answer is not None and (page is None or looks_like_json(text)):
            payload = load_json(text, url)
            reason = markers.api(payload, url) if markers.api else None
            return ParseResult.block(reason) if reason else answer(payload, url, observed_at)
        assert page is not None  # for the type checker: checked above
        reason = detect_by_markers(markers, 200, text, url)
        if reason:
            return ParseResult.block(reason)
        if known:  # only for a module that declares SKIPS_KNOWN_LISTINGS (parse_page)
            return page(body if utf8 else text, text, url, observed_at, known=known)  # type: ignore[call-arg]
        return page(body if utf8 else text, text, url, observed_at)

    def parse_search(body: str | bytes, url: str, observed_at: str,
                     known: Container[str] = ()) -> ParseResult:
        return as_layout_drift(lambda b, u, o: parse(b, u, o, known), body, url, observed_at)

    return parse_search


# mtop (Alibaba gateway used by Taobao, Tmall and Xianyu) answers with ``ret: ["CODE::message"]``.
MTOP_CODES: tuple[tuple[str, str], ...] = (
    ("RGV587_ERROR", CAPTCHA),  # slider / "punish" page
    ("FAIL_SYS_USER_VALIDATE", CAPTCHA),
    ("FAIL_SYS_SESSION_EXPIRED", LOGIN),
    ("FAIL_SYS_TOKEN_EXOIRED", LOGIN),  # sic: the gateway's own spelling
    ("FAIL_SYS_TOKEN_EXPIRED", LOGIN),
    ("FAIL_SYS_TOKEN_EMPTY", LOGIN),
    ("FAIL_SYS_TOKEN_ILLEGAL", LOGIN),
    ("FAIL_SYS_ILLEGAL_ACCESS", LOGIN),
    ("FAIL_SYS_LOGIN", LOGIN),
    ("FAIL_SYS_TRAFFIC_LIMIT", RATE_LIMITED),
    ("FAIL_SYS_FLOWLIMIT", RATE_LIMITED),
    ("FAIL_SYS_SERVICE", SERVER_ERROR),
    ("FAIL_SYS_INTERNAL", SERVER_ERROR),
)


def mtop_ret_block(ret: Any, source: str = "body") -> str | None:
    """Block reason of an mtop ``ret`` list; None for SUCCESS. An unknown failure code is an
    error, never an empty result."""
    if not ret:
        return None
    codes = [str(code)[:200] for code in ret[:10]] if isinstance(ret, list) else [str(ret)[:200]]
    joined = " ".join(codes)
    if any(code.startswith("SUCCESS") for code in codes):
        return None
    reason = first_marker(joined, MTOP_CODES)
    if reason:
        return reason
    raise PageFormatError(f"{source}: mtop call failed: {joined}")


# ---------------------------------------------------------------- listings


def make_listing(
    platform: str,
    listing_id: Any,
    title: Any,
    *,
    url: str | None,
    observed_at: str | None,
    page_url: str,
    price: float | None = None,
    description: str | None = None,
    shop_name: Any = None,
    shop_id: Any = None,
    shop_url: str | None = None,
    location: Any = None,
) -> Listing:
    """A Listing with ids as strings and text fields cleaned."""
    return Listing(
        platform=platform,
        listing_id=id_str(listing_id) or "",
        title=clean_text(title),
        url=url,
        description=description,
        price=price,
        shop_name=text_or_none(shop_name),
        shop_id=id_str(shop_id),
        shop_url=shop_url,
        location=text_or_none(location),
        observed_at=observed_at,
        page_url=page_url,
    )


def mtop_data(payload: Any, url: str, api: str) -> dict[str, Any] | ParseResult:
    """The ``data`` of an mtop answer of ``api``, or the block its ``ret`` names. Another API's
    answer is NotSearchAnswer; a non-object answer or ``data`` is a PageFormatError."""
    if not isinstance(payload, dict):
        raise PageFormatError(f"{url}: expected an mtop JSON object, got {type(payload).__name__}")
    answered = payload.get("api")
    if isinstance(answered, str) and answered and answered != api:
        raise NotSearchAnswer(f"{url}: answer of {answered[:80]}, not of {api}")
    reason = mtop_ret_block(payload.get("ret"), url)
    if reason:
        return ParseResult.block(reason)
    data = payload.get("data")
    if not isinstance(data, dict):
        raise PageFormatError(f"{url}: mtop answer has no data object")
    return data


def mtop_api_of(url: str) -> str | None:
    """The API name of an mtop gateway URL: ``…/h5/<api>/<version>/`` (or ``api=`` in the
    query). Exact, so ``mtop.taobao.idlemtopsearch.pc.search.shade`` is not the search API."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    segments = [s for s in parts.path.split("/") if s]
    for index, segment in enumerate(segments[:-1]):
        if segment == "h5":
            return segments[index + 1]
    return query_param(url, "api")


def require_id(item_id: Any, source: str, index: int) -> str:
    value = id_str(item_id)
    if not value:
        raise PageFormatError(f"{source}: item {index} has no id")
    return value


# ---------------------------------------------------------------- shop / licence pages

# GB 32100-2015: 18 characters from a 31-symbol alphabet (no I, O, S, V, Z); positions 3-8 are
# the administrative division code. The checksum is verified with python-stdnum.
_CREDIT_CODE = re.compile(
    r"(?<![0-9A-Z])[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}(?![0-9A-Z])"
)
_COMPANY = re.compile(
    r"(?:企业名称|公司名称|经营者名称|主体名称|名\s*称)\s*[:：]?\s*"
    r"([^\s:：,，;；|<>\"']{2,60}?(?:有限责任公司|股份有限公司|有限公司|分公司|公司|合作社|经营部|商行|工作室|厂|店))"
)
_AGENT_LINE = re.compile(
    r"[^\n]*(?:统一标识|代理编号|代理商编号|授权编号|授权书|授权代理|网络售卡代理|授权销售)[^\n]*"
)


def page_text(body: str | bytes) -> str:
    """Visible text of an HTML page (scripts and styles dropped) or the raw text of a JSON or
    plain body, NFKC-normalised so full-width letters and colons compare equal."""
    text = as_text(body)
    if "<" in text[:2000] and not looks_like_json(text):
        doc = lxml.html.fromstring(text)
        for bad in doc.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        # Block elements end lines so "label: value" pairs stay on one line each.
        for br in doc.xpath("//br|//p|//div|//li|//tr|//dd|//dt|//h1|//h2|//h3|//h4"):
            br.tail = "\n" + (br.tail or "")
        text = doc.text_content()
    return unicodedata.normalize("NFKC", text)


def find_credit_codes(text: str) -> list[str]:
    """Valid 统一社会信用代码 in ``text``, in order of appearance, without duplicates."""
    found: list[str] = []
    for candidate in _CREDIT_CODE.findall(unicodedata.normalize("NFKC", text).upper()):
        if candidate not in found and uscc.is_valid(candidate):
            found.append(candidate)
    return found


def find_company_name(text: str) -> str | None:
    match = _COMPANY.search(unicodedata.normalize("NFKC", text))
    return match.group(1) if match else None


def find_agent_marks(text: str) -> list[str]:
    """Lines that state a carrier's agency authorisation (统一标识 / 代理编号 / 授权 ...)."""
    marks: list[str] = []
    for line in _AGENT_LINE.findall(text):
        line = " ".join(line.split())
        if line and line not in marks:
            marks.append(line[:300])
    return marks


def seller_from_page(
    platform: str,
    body: str | bytes,
    *,
    shop_id: str | None,
    shop_name: str | None = None,
    shop_url: str | None = None,
) -> Seller:
    """A Seller with the licence facts found anywhere in a shop or licence page."""
    text = page_text(body)
    codes = find_credit_codes(text)
    return Seller(
        platform=platform,
        shop_id=shop_id,
        shop_name=shop_name,
        shop_url=shop_url,
        credit_code=codes[0] if codes else None,
        company_name=find_company_name(text),
        agent_marks=find_agent_marks(text),
    )


def reroot_url(url: str, base_url: str) -> str:
    """``url``'s path and query under ``base_url``: a real platform URL on another front.

    ``https://mall.jd.com/index-42.html`` under ``http://127.0.0.1:8765/jd`` becomes
    ``http://127.0.0.1:8765/jd/index-42.html`` — how the sandbox serves item and shop pages.
    """
    parts = urlsplit(url if "://" in url else "https:" + url)
    base = urlsplit(base_url.rstrip("/"))
    return urlunsplit((base.scheme, base.netloc, base.path + parts.path, parts.query, ""))
