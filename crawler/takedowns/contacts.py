"""Contact identifiers in listing titles, descriptions and shop pages.

Black-market sellers move buyers off-platform ("加V", "扣扣", "飞机") and reuse the same phone,
WeChat, QQ or Telegram across shops and platforms: those identifiers link a seller network.
Company names and 统一社会信用代码 (USCC, checksum per GB 32100-2015, validated with
python-stdnum's ``stdnum.cn.uscc``) link shops run by one business.

A mobile number in a vanity-number listing (靓号/吉祥号/尾号 ..., or a number with 888/AABB/ABAB
patterns in such a listing) is the *goods*, not a contact, unless a contact cue (微信/电话/联系 ...)
stands right before it. Regexes are hand-written because no maintained library knows these
Chinese evasions; each pattern below says what it accepts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from stdnum.cn import uscc

__all__ = [
    "NOT_HANDLES",
    "Identifier",
    "extract_contacts",
    "extract_identifiers",
    "is_handle",
    "is_vanity_listing",
    "is_vanity_pattern",
    "linkable",
    "valid_credit_code",
    "vanity_numbers",
]

KINDS = ("phone", "wechat", "qq", "telegram", "company", "credit_code")


@dataclass(frozen=True, order=True)
class Identifier:
    kind: str  # one of KINDS
    value: str  # normalised: digits only for phones/QQ, lower-case ids, normalised company

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.value}"


# 11-digit mainland mobile, optional +86/0086, separators (space, -, ., full-width already
# folded by NFKC) allowed between any digits: 138 1234 5678, 138-1234-5678, +86 13812345678.
_PHONE = re.compile(r"(?<![\d])(?:(?:\+|00)?86[\s\-.]*)?(1[\s\-.]*[3-9](?:[\s\-.]*\d){9})(?![\d])")
# WeChat ids: 6–20 chars, a letter first, then letters, digits, _ or -; a phone number also
# works as a WeChat id. Cue words: 微信/薇信/威信/vx/wx/v信/weixin, or a bare "v"/"+v"/"加v"
# followed by a separator (a bare v glued to text is too often part of a word like "vip").
_WECHAT = re.compile(
    r"(?P<cue>微信号?|薇信?|威信|卫星|v信|vx|wx|weixin|wechat|(?<![a-z])(?:\+|加)?v(?=\s*[:：]|\s))"
    r"(?P<sep>\s*(?:号)?\s*[:：]?\s*)(?P<id>[a-z][a-z0-9_-]{5,19}|1[3-9]\d{9})(?![a-z0-9_-])",
    re.I,
)
# QQ: 5–12 digits not starting with 0 after QQ/扣扣/企鹅/球球 or a bare Q/q not glued to a word.
_QQ = re.compile(
    r"(?:qq|扣扣|企鹅|球球|(?<![a-z])q)\s*(?:号)?\s*[:：]?\s*(?P<id>[1-9]\d{4,11})(?!\d)", re.I
)
# Telegram: t.me/<handle>, or 飞机/纸飞机/TG/telegram/电报 then an optional @handle, or a bare
# @handle not preceded by a letter/digit (which would make it an e-mail address).
_TELEGRAM_LINK = re.compile(r"(?:https?://)?t(?:elegram)?\.me/(?P<id>[a-z][a-z0-9_]{4,31})", re.I)
_TELEGRAM_CUE = re.compile(
    r"(?P<cue>纸飞机|飞机|(?<![a-z])tg|telegram|电报)(?P<sep>\s*(?:号)?\s*[:：]?\s*@?)(?P<id>[a-z][a-z0-9_]{4,31})",
    re.I,
)
# Words that follow a cue but are never handles: app, payment and brand names, and the common
# words of contact lines ("WeChat Alipay Verification Code Service" names no WeChat id).
NOT_HANDLES = frozenset(["alipay", "wechat", "wechatpay", "weixin", "paypal", "telegram", "whatsapp", "facebook", "messenger", "google", "gmail", "tiktok", "douyin", "kuaishou", "taobao", "tmall", "alibaba", "aliexpress", "jingdong", "pinduoduo", "shopee", "lazada", "amazon", "ebay", "apple", "iphone", "android", "huawei", "xiaomi", "samsung", "oppo", "vivo", "honor", "unionpay", "visa", "mastercard", "skype", "viber", "signal", "discord", "twitter", "instagram", "youtube", "line", "kakao", "zalo", "verification", "verify", "verified", "service", "services", "support", "account", "accounts", "official", "group", "groups", "channel", "number", "numbers", "code", "codes", "online", "contact", "contacts", "customer", "admin", "help", "shop", "store", "sale", "sales", "please", "search", "message", "messages", "chat", "call", "phone", "mobile", "private", "direct", "only", "payment", "payments", "bank", "card", "cards", "simcard", "esim", "wallet", "order", "orders", "price", "prices", "agent", "agents", "kefu"])


def is_handle(value: str, explicit: bool = False) -> bool:
    """An id-shaped WeChat/Telegram token: never an app, payment or brand name or a common word;
    without an explicit separator after the cue (``:``, 号, ``@``, a t.me link) it must also hold a
    digit, ``_`` or ``-`` (wxid_abc123, simboss_88), as a word-shaped token is usually the next word."""
    value = value.lower()
    if value in NOT_HANDLES or not value:
        return False
    if value.isdigit():
        return True
    return explicit or any(ch.isdigit() or ch in "_-" for ch in value)


def linkable(identifier: Identifier) -> bool:
    """Whether an identifier may link shops into a network (contacts need a real handle)."""
    if identifier.kind in ("wechat", "telegram"):
        return identifier.value.lower() not in NOT_HANDLES and bool(identifier.value)
    return bool(identifier.value)


def _explicit(match: re.Match[str]) -> bool:
    return any(mark in match.group("sep") for mark in (":", "：", "号", "@")) or match.group("cue").endswith("号")
_TELEGRAM_AT = re.compile(r"(?<![a-z0-9_.])@(?P<id>[a-z][a-z0-9_]{4,31})(?![a-z0-9_.@])", re.I)
# A company name: a labelled one (公司名称：...), else a run of CJK ending in a legal form.
_COMPANY_SUFFIX = r"(?:股份有限公司|有限责任公司|有限公司|集团|商行|经营部|个体工商户)"
_COMPANY_LABELLED = re.compile(
    r"(?:公司名称|企业名称|经营者名称|营业执照名称|主体名称|经营主体|名称)\s*[:：]\s*"
    r"(?P<name>[\u4e00-\u9fff()（）A-Za-z0-9]{2,40}?" + _COMPANY_SUFFIX + r")"
)
_COMPANY_BARE = re.compile(r"(?P<name>[\u4e00-\u9fff()（）]{2,30}?" + _COMPANY_SUFFIX + r")")
_COMPANY_LEAD = re.compile(r"^(?:本店由|本店|来自|隶属|属于|由|是)")
# USCC: 18 characters of the GB 32100 alphabet (digits and upper-case letters without I O Z S V).
_CREDIT = re.compile(r"(?<![0-9A-Z])([0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10})(?![0-9A-Z])")

# Words that make a listing a vanity-number sale, and cues that mark the next number a contact.
VANITY_WORDS = (
    "靓号", "吉祥号", "尾号", "号码出售", "出售号码", "选号", "豹子号", "顺子号", "炸弹号",
    "情侣号", "生日号", "风水号", "手机号码", "号码转让", "联通号码", "移动号码", "电信号码",
)
CONTACT_CUES = (
    "微信", "薇", "威信", "vx", "wx", "v:", "v：", "加v", "+v", "电话", "联系", "咨询", "热线",
    "客服", "手机:", "手机：", "tel", "call", "whatsapp", "致电", "拨打", "同号",
)
_CUE_WINDOW = 8  # characters before a number searched for a contact cue


def _fold(text: str) -> str:
    # Full-width digits/letters/colons → ASCII, so one set of patterns covers both.
    return unicodedata.normalize("NFKC", text or "")


def valid_credit_code(code: str) -> bool:
    """True for an 18-character 统一社会信用代码 with a correct GB 32100-2015 check character."""
    return bool(uscc.is_valid(code))


def is_vanity_pattern(number: str) -> bool:
    """Digit patterns vanity numbers are sold for: AAA+ runs (888), AABB, ABAB, ABCD runs, 520/1314."""
    tail = number[-8:]
    if re.search(r"(\d)\1\1", tail):  # 888, 6666
        return True
    last4 = number[-4:]
    a, b, c, d = last4
    if a == b and c == d and a != c:  # AABB
        return True
    if a == c and b == d and a != b:  # ABAB
        return True
    steps = {int(y) - int(x) for x, y in zip(last4, last4[1:], strict=False)}
    if steps in ({1}, {-1}):  # 1234, 9876
        return True
    return number.endswith(("520", "1314", "168", "518"))


def is_vanity_listing(text: str) -> bool:
    folded = _fold(text).lower().replace(" ", "")
    return any(word in folded for word in VANITY_WORDS)


def _has_contact_cue(text: str, start: int) -> bool:
    before = text[max(0, start - _CUE_WINDOW) : start].lower()
    return any(cue in before for cue in CONTACT_CUES)


def _phones(text: str) -> list[tuple[str, int]]:
    found = []
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if len(digits) == 11:
            found.append((digits, match.start()))
    return found


def vanity_numbers(text: str) -> list[str]:
    """Numbers that are the goods of a vanity-number listing (not contact numbers)."""
    folded = _fold(text)
    if not is_vanity_listing(folded):
        return []
    phones = _phones(folded)
    several = len(phones) > 1
    goods = []
    for number, start in phones:
        if _has_contact_cue(folded, start):
            continue
        # In a vanity listing an uncued number is the goods when it has a vanity pattern or
        # when the listing shows several numbers (a price list of numbers for sale).
        if is_vanity_pattern(number) or several or _near_vanity_word(folded, start):
            goods.append(number)
    return goods


def _near_vanity_word(text: str, start: int) -> bool:
    window = text[max(0, start - 12) : start + 24].replace(" ", "")
    return any(word in window for word in VANITY_WORDS)


def extract_contacts(text: str) -> list[Identifier]:
    """Phone, WeChat, QQ and Telegram identifiers (deduplicated, in order of appearance)."""
    folded = _fold(text)
    goods = set(vanity_numbers(folded))
    found: list[Identifier] = []
    for match in _WECHAT.finditer(folded):
        if is_handle(match.group("id"), _explicit(match)):
            found.append(Identifier("wechat", match.group("id").lower()))
    for number, _start in _phones(folded):
        if number in goods:
            continue
        found.append(Identifier("phone", number))
    for match in _QQ.finditer(folded):
        found.append(Identifier("qq", match.group("id")))
    for pattern in (_TELEGRAM_LINK, _TELEGRAM_CUE, _TELEGRAM_AT):
        for match in pattern.finditer(folded):
            explicit = pattern is not _TELEGRAM_CUE or _explicit(match)  # t.me/x and @x are handles
            if is_handle(match.group("id"), explicit):
                found.append(Identifier("telegram", match.group("id").lower()))
    return list(dict.fromkeys(found))


def _company_key(name: str) -> str:
    from whitelist.normalise import normalise_company

    return normalise_company(name)


def extract_identifiers(text: str) -> list[Identifier]:
    """Contacts plus company names and valid credit codes (invalid checksums are ignored)."""
    folded = _fold(text)
    found = extract_contacts(folded)
    for match in _CREDIT.finditer(folded.upper()):
        if valid_credit_code(match.group(1)):
            found.append(Identifier("credit_code", match.group(1)))
    names = [m.group("name") for m in _COMPANY_LABELLED.finditer(folded)]
    if not names:
        names = [_COMPANY_LEAD.sub("", m.group("name")) for m in _COMPANY_BARE.finditer(folded)]
    for name in names:
        key = _company_key(name)
        if len(key) >= 2:
            found.append(Identifier("company", key))
    return list(dict.fromkeys(found))
