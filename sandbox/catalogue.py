"""The sandbox marketplace's catalogue: seeded listings with their ground truth (POLICY.md).

``build_catalogue(seed)`` is a pure function of the seed: the same seed gives the same shops,
listings, ids, titles, prices and search orders. Each listing carries ``expected`` — what a
correct classifier says about it (``sim_listing``, ``carriers``, ``foreign``, ``authorised``,
``violations``, ``takedown``) — assuming it is observed between ``GROUND_TRUTH_DATES``.

Conventions of the ground truth:
- ``carriers`` lists the domestic carriers (canonical names, ``whitelist.carriers``) a SIM
  listing names; it is empty for foreign travel SIMs (``foreign`` is then true) and for
  listings that are not SIM listings.
- ``authorised`` is ``None`` when authorisation does not apply (not a SIM listing, or foreign).
- ``violations`` is sorted.
"""

from __future__ import annotations

import csv
import hashlib
import random
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sandbox.creditcode import make_uscc

CHINA_PLATFORMS: tuple[str, ...] = ("jd", "xianyu", "taobao", "tmall", "pinduoduo", "douyin")
# Markets outside China (POLICY §7): English listings (shopee: Bahasa Indonesia and English).
FOREIGN_PLATFORMS: tuple[str, ...] = ("shopee", "ebay", "amazon")
DEFAULT_PLATFORMS: tuple[str, ...] = CHINA_PLATFORMS + FOREIGN_PLATFORMS

PLATFORM_CN: dict[str, str] = {
    "jd": "京东",
    "xianyu": "闲鱼",
    "taobao": "淘宝",
    "tmall": "天猫",
    "pinduoduo": "拼多多",
    "douyin": "抖音",
    "shopee": "虾皮",
    "ebay": "eBay",
    "amazon": "亚马逊",
}

# Keywords a crawler searches; every listing is returned for at least one of them.
SEARCH_KEYWORDS: tuple[str, ...] = ("电话卡", "手机卡", "流量卡", "号卡", "sim卡")
# The same for the markets outside China (every foreign listing is found by one of these).
FOREIGN_SEARCH_KEYWORDS: tuple[str, ...] = ("sim card", "prepaid sim", "data sim", "china sim card")


def search_keywords(platform: str) -> tuple[str, ...]:
    """The crawl keywords every listing of ``platform`` is found by."""
    return FOREIGN_SEARCH_KEYWORDS if platform in FOREIGN_PLATFORMS else SEARCH_KEYWORDS

WHITELIST_HEADERS: tuple[str, ...] = (
    "序号", "运营商", "代理商名称", "统一社会信用代码", "网店名称", "所属平台", "网店地址",
    "代理编号", "有效期起", "有效期至",
)

VALID_FROM = date(2025, 1, 1)
VALID_TO = date(2029, 12, 31)
EXPIRED_FROM = date(2023, 1, 1)
EXPIRED_TO = date(2024, 12, 31)
# Listings' ground truth holds when observed within these dates (inclusive).
GROUND_TRUTH_DATES = (VALID_FROM, VALID_TO)

CARRIER_FORMS: dict[str, tuple[str, ...]] = {
    "中国移动": ("中国移动", "移动", "中國移動", "移动动感地带", "移动全球通"),
    "中国联通": ("中国联通", "联通", "联通大王卡", "中國聯通", "联通沃"),
    "中国电信": ("中国电信", "电信", "电信星卡", "中國電信", "天翼"),
    "中国广电": ("中国广电", "广电", "广电192"),
    "京东通信": ("京东通信", "京东通信170"),
}
DOMESTIC_MAIN = ("中国移动", "中国联通", "中国电信", "中国广电")
CARRIER_CODE = {"中国移动": "YD", "中国联通": "LT", "中国电信": "DX", "中国广电": "GD", "京东通信": "JDT"}

# Card words: (text in the title, search tags it is found by).
CARD_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("手机卡", ("手机卡", "电话卡")),
    ("电话卡", ("电话卡", "手机卡")),
    ("流量卡", ("流量卡", "上网卡")),
    ("5G卡", ("手机卡", "流量卡")),
    ("号卡", ("号卡", "手机卡")),
    ("上网卡", ("流量卡", "上网卡")),
    ("SIM卡", ("sim卡", "电话卡")),
    ("校园卡", ("手机卡", "电话卡")),
    ("老人卡", ("手机卡", "号卡")),
)
# Card words written the way sellers dodge filters (POLICY §4).
EVADED_CARD_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("電話卡", ("电话卡",)),
    ("dhk", ("电话卡", "号卡")),
    ("电话k", ("电话卡",)),
    ("电话🃏", ("电话卡",)),
    ("电 话 卡", ("电话卡",)),
    ("手機卡", ("手机卡",)),
    ("sjk", ("手机卡", "号卡")),
    ("llk", ("流量卡",)),
    ("流量k", ("流量卡",)),
    ("流-量-卡", ("流量卡",)),
    ("ＳＩＭ卡", ("sim卡", "手机卡")),
    ("ｓｉｍ卡", ("sim卡",)),
    ("號卡", ("号卡",)),
    ("号🃏", ("号卡", "手机卡")),
)
PLANS = (
    "19元月租135G通用流量", "29元100G+100分钟", "39元155G全国流量", "0月租 低月租保号",
    "8元保号套餐", "59元200G+300分钟", "9元月租30G", "24元月租100G 首月免费",
)
FEATURES = (
    "全国通用", "本地归属", "可选号", "长期套餐", "官方正品", "支持5G", "需本人实名认证",
    "包邮", "送话费", "营业厅同款", "可携号转网", "正规号段",
)
SIGNALS: dict[str, tuple[str, ...]] = {
    "no_real_name": (
        "免实名", "免實名", "免 实 名", "免-实-名", "mian shi ming", "免石名", "不用实名",
        "无需实名", "不要身份证", "免认证", "免shiming", "无需實名",
    ),
    "pre_registered": (
        "已实名", "已實名", "实名好的", "成品卡", "成品号", "老卡已实名", "已 实 名",
        "yi shi ming", "可过人脸",
    ),
    "pre_activated": ("已激活", "激活好", "到手即用", "開通好 直接用", "已 激 活", "已jh 到手即用"),
    "bulk_trading": ("批量", "一手卡源", "卡商", "大量出", "批-量", "pi liang 出", "十张零售百张批发"),
    "verification_service": ("接码", "代收验证码", "注册微信号", "接 码", "jie ma"),
}
IOT_TITLES = (
    "物联网卡 手机可用 无限流量 {plan}",
    "物聯網卡 不限速 手机通用 {plan}",
    "物 联 网 卡 可通话 全国通用",
    "物联卡 无限流量 不限速 手机可用",
    "物联网卡 不限速 大流量 {carrier}",
)
FOREIGN_TITLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("香港CSL 7天无限流量 旅游电话卡 免实名 即插即用", ("电话卡", "流量卡", "sim卡")),
    ("日本 SoftBank 8天 上网卡 日本旅游流量卡", ("流量卡", "上网卡")),
    ("泰国 AIS 旅游电话卡 8天15GB 曼谷普吉岛", ("电话卡", "sim卡")),
    ("菲律宾 Globe SIM卡 7天 4G流量 马尼拉", ("sim卡", "流量卡")),
    ("美国 T-Mobile 30天 无限通话 旅游手机卡", ("手机卡", "电话卡")),
    ("欧洲 Orange 多国通用 14天 流量卡 旅游上网", ("流量卡",)),
    ("韩国 KT 5天 无限流量 旅游上网卡 首尔", ("流量卡", "上网卡")),
    ("澳门 CTM 3天 上网卡 港澳通用 旅游", ("流量卡", "sim卡")),
    ("新加坡 Singtel 7天 电话卡 免实名 落地即用", ("电话卡", "sim卡")),
    ("香港 3HK 万能卡 亚洲多国 8天 旅游SIM卡", ("sim卡", "电话卡")),
    ("马来西亚 Digi 旅游流量卡 10天 无限流量", ("流量卡",)),
    ("澳大利亚 Optus 28天 旅游电话卡 上网卡", ("电话卡", "流量卡")),
)
FOREIGN_FLAGGED = ("香港卡 境外卡 国内可用 免实名 可注册微信 长期保号", ("电话卡", "手机卡", "sim卡"))
DISTRACTORS: tuple[tuple[str, tuple[str, ...], tuple[float, float]], ...] = (
    ("手机卡托 卡槽 适用iPhone15 原装品质 {color}", ("sim卡", "手机卡"), (2, 15)),
    ("取卡针 10支装 不锈钢 手机通用退卡针", ("sim卡", "电话卡", "手机卡"), (1, 6)),
    ("SIM卡套 还原卡套 三合一 Nano转标准卡", ("sim卡", "手机卡"), (1, 9)),
    ("剪卡器 SIM卡剪卡钳 双刀 Nano Micro", ("sim卡",), (5, 20)),
    ("手机读卡器 SIM卡读卡器 USB 备份通讯录", ("sim卡", "电话卡"), (8, 30)),
    ("{brand} {model} 5G手机 全网通 双卡双待 8+256G {color}", ("手机卡", "号卡"), (999, 3999)),
    ("{brand} 老人机 4G全网通 双卡双待 大字大声 {color}", ("手机卡",), (99, 299)),
    ("移动电源 20000毫安 快充 充电宝 {color}", ("手机卡", "流量卡"), (59, 199)),
    ("话费充值 中国移动 100元 快充 24小时自动到账", ("电话卡", "手机卡"), (97, 99.8)),
    ("联通话费充值 50元 全国通用 秒到账", ("电话卡", "手机卡"), (48.5, 49.9)),
    ("老电话卡 收藏 IC卡 磁卡 九十年代 公用电话卡 10张", ("电话卡",), (5, 120)),
    ("IP电话卡 藏品 早期 201电话卡 全新未用", ("电话卡", "号卡"), (10, 200)),
    ("随身WiFi 不含卡 需自备卡 4G无线路由器 {color}", ("流量卡", "上网卡"), (59, 159)),
    ("5G CPE 路由器 插卡路由 需自备SIM卡 千兆网口", ("流量卡", "sim卡"), (299, 899)),
    ("手机壳 适用华为Mate60 防摔 {color}", ("手机卡",), (9, 39)),
)
WIFI_WITH_CARD = (
    "随身WiFi 自带流量 免插卡 4G无线上网 送卡",
    "随身wifi 免插卡 自带流量卡 无限流量 车载",
)
COLLECT_TITLES = (
    "高价回收电话卡 收卡 有多少收多少",
    "收 卡 高价收 手机卡 长期收 当天结算",
    "回收电话卡 收卡 各类号卡 价格美丽",
)
JIEMA_TITLES = (
    "接码 代收验证码 短信验证码平台 秒回",
    "代收验证码 注册微信号 抖音号 接码",
    "jie ma 短信验证码 注册微信号 长期合作",
)
VANITY_TITLES = (
    "{carrier} 靓号 {number} 手机号码 出售 {plan}",
    "{carrier} 吉祥号 {number} 自选靓号 {plan}",
)
BRANDS = (("华为", "nova 12"), ("小米", "Redmi K70"), ("OPPO", "A3"), ("vivo", "Y37"), ("荣耀", "X50"))
COLORS = ("黑色", "白色", "蓝色", "金色", "银色", "粉色")
LOCATIONS = (
    "广东 深圳", "广东 广州", "浙江 杭州", "江苏 南京", "上海", "北京", "四川 成都", "湖北 武汉",
    "重庆", "福建 厦门", "山东 青岛", "河南 郑州", "湖南 长沙", "陕西 西安",
)
SHOP_WORDS = ("畅联", "星辰", "速通", "悦享", "友邻", "鼎信", "恒通", "云帆", "众诚", "启航", "瑞达", "天骄")
SHOP_SUFFIXES = ("通讯专营店", "号卡店", "数码专营店", "通信小铺", "流量卡优选店", "手机卡专卖店")
NICK_PARTS_A = ("小", "阿", "老", "大", "胖", "甜")
NICK_PARTS_B = ("王", "李", "陈", "鱼", "猫", "熊", "桃", "橙", "风", "星")
NICK_PARTS_C = ("的闲置", "卖卡", "数码", "杂货铺", "2024", "在线", "通讯", "号卡铺", "")


@dataclass(frozen=True)
class Authorisation:
    """A whitelist entry as the carriers publish it for one shop."""

    carriers: tuple[str, ...]
    agent_code: str
    valid_from: date
    valid_to: date
    published_url: str  # 网店地址 as published (may differ in form from the shop URL, or be "")


@dataclass(frozen=True)
class Shop:
    platform: str
    shop_id: str  # the id a search page shows (xianyu: the encrypted seller id)
    name: str
    url: str | None  # canonical shop URL in the real platform's form
    company_name: str
    credit_code: str
    location: str
    vender_id: str | None = None  # jd: venderId of pageConfig.product
    user_id: str | None = None  # xianyu: numeric user id (personal page)
    self_operated: bool = False
    authorisation: Authorisation | None = None


@dataclass(frozen=True)
class SandboxListing:
    platform: str
    listing_id: str
    title: str
    price: float
    shop: Shop
    tags: tuple[str, ...]  # normalised search keywords the listing is found by
    kind: str  # generator category, e.g. "black_card", "distractor" (for test selection)
    expected: dict[str, Any] = field(hash=False, compare=False)
    description: str = ""
    relisted_from: str | None = None

    @property
    def url(self) -> str:
        return item_url(self.platform, self.listing_id, self.shop.shop_id)

    @property
    def doc_id(self) -> str:
        return f"{self.platform}:{self.listing_id}"

    def listing_fields(self) -> dict[str, Any]:
        """The fields a parser should extract from search results (``Listing`` names)."""
        return {
            "platform": self.platform,
            "listing_id": self.listing_id,
            "title": self.title,
            "url": self.url,
            "price": self.price,
            "shop_name": self.shop.name,
            "shop_id": self.shop.shop_id,
            "shop_url": self.shop.url,
            "location": self.shop.location,
        }


@dataclass(frozen=True)
class SearchPage:
    keyword: str
    page: int
    per_page: int
    total: int
    items: tuple[SandboxListing, ...]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages and self.total > 0


def item_url(platform: str, listing_id: str, shop_id: str | None = None) -> str:
    """The item URL in the real site's form (shopee's names the shop too)."""
    forms = {
        "jd": "https://item.jd.com/{id}.html",
        "xianyu": "https://www.goofish.com/item?id={id}",
        "taobao": "https://item.taobao.com/item.htm?id={id}",
        "tmall": "https://detail.tmall.com/item.htm?id={id}",
        "pinduoduo": "https://mobile.yangkeduo.com/goods.html?goods_id={id}",
        "douyin": "https://haohuo.jinritemai.com/views/product/detail?id={id}",
        # shopee.tw: the site the crawler's shopee parser links to (its DEFAULT_BASE_URL).
        "shopee": "https://shopee.tw/product/{shop}/{id}",
        "ebay": "https://www.ebay.com/itm/{id}",
        "amazon": "https://www.amazon.com/dp/{id}",
    }
    return forms[platform].format(id=listing_id, shop=shop_id)


def normalise_query(text: str) -> str:
    """How the sandbox's search engine folds text: NFKC, lower case, no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def _order_key(keyword: str, listing_id: str) -> str:
    # A per-keyword shuffle that is stable across runs (unlike hash()).
    return hashlib.md5(f"{keyword}|{listing_id}".encode()).hexdigest()


@dataclass
class Catalogue:
    seed: int
    listings: tuple[SandboxListing, ...]
    shops: tuple[Shop, ...]

    def __post_init__(self) -> None:
        self._by_id = {(x.platform, x.listing_id): x for x in self.listings}

    @property
    def platforms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(x.platform for x in self.listings))

    def get(self, platform: str, listing_id: str) -> SandboxListing | None:
        return self._by_id.get((platform, listing_id))

    def for_platform(self, platform: str) -> list[SandboxListing]:
        return [x for x in self.listings if x.platform == platform]

    def shop(self, platform: str, shop_id: str) -> Shop | None:
        return next((s for s in self.shops if s.platform == platform and s.shop_id == shop_id), None)

    def matches(self, listing: SandboxListing, keyword: str) -> bool:
        kw = normalise_query(keyword)
        return bool(kw) and (kw in listing.tags or kw in normalise_query(listing.title))

    def search(
        self,
        platform: str,
        keyword: str,
        page: int = 1,
        per_page: int = 30,
        *,
        removed: Iterable[str] = (),
        extra: Sequence[SandboxListing] = (),
    ) -> SearchPage:
        """One results page; ``removed`` ids are taken down, ``extra`` listings were added live."""
        gone = set(removed)
        pool = [
            x
            for x in (*self.for_platform(platform), *(e for e in extra if e.platform == platform))
            if x.listing_id not in gone and self.matches(x, keyword)
        ]
        kw = normalise_query(keyword)
        pool.sort(key=lambda x: _order_key(kw, x.listing_id))
        start = (max(page, 1) - 1) * per_page
        return SearchPage(keyword, max(page, 1), per_page, len(pool), tuple(pool[start:start + per_page]))

    def whitelist_rows(self) -> list[dict[str, str]]:
        """The published whitelist of the sandbox's authorised shops (Chinese headers)."""
        rows = []
        for shop in self.shops:
            auth = shop.authorisation
            if auth is None:
                continue
            rows.append({
                "序号": str(len(rows) + 1),
                "运营商": "、".join(auth.carriers),
                "代理商名称": shop.company_name,
                "统一社会信用代码": shop.credit_code,
                "网店名称": shop.name,
                "所属平台": PLATFORM_CN[shop.platform],
                "网店地址": auth.published_url,
                "代理编号": auth.agent_code,
                "有效期起": auth.valid_from.isoformat(),
                "有效期至": auth.valid_to.isoformat(),
            })
        return rows

    def relist(self, original: SandboxListing, serial: int) -> SandboxListing:
        """A near-duplicate of a taken-down listing, from the same shop, under a new id."""
        digest = int(hashlib.md5(f"{self.seed}|relist|{original.doc_id}|{serial}".encode()).hexdigest(), 16)
        if original.listing_id.isdigit():
            new_id = str(int(original.listing_id) + 1 + digest % 9_000_000)
        else:  # an Amazon ASIN: a fresh one from the digest
            new_id = _asin(digest)
        twists = ("【新】{t}", "{t} 现货", "{t}!", "（补货）{t}")
        title = twists[serial % len(twists)].format(t=original.title)
        return replace(original, listing_id=new_id, title=title, relisted_from=original.listing_id)


def write_whitelist(rows: Sequence[dict[str, str]], path: str | Path, fmt: str | None = None) -> Path:
    """Write whitelist rows as CSV (UTF-8 with BOM, as carriers publish for Excel) or XLSX."""
    out = Path(path)
    fmt = (fmt or out.suffix.lstrip(".") or "csv").lower()
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        with out.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(WHITELIST_HEADERS))
            writer.writeheader()
            writer.writerows(rows)
    elif fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "网络代理商名单"
        ws.append(list(WHITELIST_HEADERS))
        for row in rows:
            # Typed cells as carriers' spreadsheets have them: numbers and real dates.
            ws.append([_xlsx_cell(h, row[h]) for h in WHITELIST_HEADERS])
        for cells in ws.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
        wb.save(out)
    else:
        raise ValueError(f"unknown whitelist format {fmt!r} for {out}: use csv or xlsx")
    return out


def _xlsx_cell(header: str, value: str) -> str | int | date | None:
    if not value:
        return None
    if header == "序号":
        return int(value)
    if header in ("有效期起", "有效期至"):
        return date.fromisoformat(value)
    return value


# ---------------------------------------------------------------------------------- generation


def _expected(
    *,
    sim: bool,
    carriers: Sequence[str] = (),
    foreign: bool = False,
    authorised: bool | None = None,
    violations: Iterable[str] = (),
) -> dict[str, Any]:
    found = sorted(set(violations))
    return {
        "sim_listing": sim,
        "carriers": list(dict.fromkeys(carriers)) if sim and not foreign else [],
        "foreign": foreign,
        "authorised": authorised if sim and not foreign else None,
        "violations": found if sim else [],
        "takedown": bool(sim and found),
    }


def _covers(shop: Shop, carriers: Sequence[str]) -> bool:
    """POLICY §3 for the sandbox's own data: covered carriers and validity on GROUND_TRUTH_DATES."""
    auth = shop.authorisation
    if auth is None or auth.valid_to < GROUND_TRUTH_DATES[1] or auth.valid_from > GROUND_TRUTH_DATES[0]:
        return False
    return all(c in auth.carriers for c in carriers) if carriers else True


@dataclass(frozen=True)
class _AuthSpec:
    name: str
    company: str
    carriers: tuple[str, ...]  # on the whitelist
    sells: tuple[str, ...]  # carriers its listings name
    status: str = "valid"  # valid | expired
    self_operated: bool = False


_AUTH_SPECS: dict[str, tuple[_AuthSpec, ...]] = {
    "shop": (
        _AuthSpec("中国移动{p}官方旗舰店", "中国移动通信集团{prov}有限公司", ("中国移动",), ("中国移动",), self_operated=True),
        _AuthSpec("中国联通{p}官方旗舰店", "中国联合网络通信有限公司{prov}分公司", ("中国联通",), ("中国联通",), self_operated=True),
        _AuthSpec("中国电信官方旗舰店", "中国电信股份有限公司{prov}分公司", ("中国电信",), ("中国电信",)),
        _AuthSpec("华信通讯专营店", "{prov}华信通讯设备有限公司", ("中国移动", "中国联通"), ("中国移动", "中国联通")),
        _AuthSpec("粤通号卡专营店", "{prov}粤通信息技术有限公司", ("中国电信", "中国广电"), ("中国电信", "中国广电")),
        _AuthSpec("鑫联通信专营店", "{prov}鑫联通信器材有限公司", ("中国电信",), ("中国电信",), status="expired"),
        _AuthSpec("畅达通信专营店", "{prov}畅达通信服务有限公司", ("中国联通",), ("中国移动", "中国联通")),
    ),
    "person": (
        _AuthSpec("移动营业厅阿强", "{prov}强盛通信营业部", ("中国移动",), ("中国移动",)),
        _AuthSpec("联通号卡小助手", "{prov}联创通信服务有限公司", ("中国联通",), ("中国联通",)),
        _AuthSpec("电信星卡代理", "{prov}星连通信有限公司", ("中国电信", "中国广电"), ("中国电信", "中国广电")),
        _AuthSpec("卡小二通信", "{prov}卡小二通讯有限公司", ("中国移动",), ("中国移动",), status="expired"),
        _AuthSpec("号卡老王", "{prov}王记通信器材经营部", ("中国电信",), ("中国联通", "中国电信")),
    ),
}
_PROVINCES = ("广东", "浙江", "江苏", "上海", "北京", "四川")


class _Builder:
    """Generates one platform's shops and listings from its own seeded random stream."""

    def __init__(self, seed: int, platform: str) -> None:
        self.platform = platform
        self.rng = random.Random(f"{seed}:{platform}")
        self.used_ids: set[str] = set()
        self.listings: list[SandboxListing] = []
        self.shops: list[Shop] = []

    # ---- ids and shops, in each platform's real forms
    def _unique(self, make: Any) -> str:
        while True:
            value = str(make())
            if value not in self.used_ids:
                self.used_ids.add(value)
                return value

    def listing_id(self) -> str:
        r = self.rng
        ranges = {
            "jd": (10_000_000_000, 100_099_999_999),
            "xianyu": (700_000_000_000, 999_999_999_999),
            "taobao": (600_000_000_000, 899_999_999_999),
            "tmall": (600_000_000_000, 899_999_999_999),
            "pinduoduo": (100_000_000_000, 699_999_999_999),
            "douyin": (3_500_000_000_000_000_000, 3_699_999_999_999_999_999),
        }
        low, high = ranges[self.platform]
        return self._unique(lambda: r.randint(low, high))

    def make_shop(self, name: str, company: str, *, self_operated: bool = False,
                  authorisation: Authorisation | None = None) -> Shop:
        r, p = self.rng, self.platform
        vender_id = user_id = None
        if p == "jd":
            shop_id = self._unique(lambda: r.randint(1_000_001_000, 1_000_099_999) if self_operated
                                   else r.randint(100_000, 12_999_999))
            vender_id = shop_id if self_operated else self._unique(lambda: r.randint(10_000, 19_999_999))
            url: str | None = f"https://mall.jd.com/index-{shop_id}.html"
        elif p == "xianyu":
            user_id = self._unique(lambda: r.randint(1_000_000_000, 2_299_999_999_999))
            # Search results show an encrypted seller id, never the numeric one.
            shop_id = _b64(hashlib.md5(f"seller|{user_id}".encode()).digest())
            url = None
        elif p == "taobao":
            shop_id = self._unique(lambda: r.randint(30_000_000, 599_999_999))
            url = f"https://shop{shop_id}.taobao.com"
        elif p == "tmall":
            # Tmall shops live at <name>.tmall.com, usually the pinyin initials of the shop name.
            shop_id = self._unique(lambda: r.randint(30_000_000, 599_999_999))
            url = f"https://{self._unique(lambda: _slug(name, r))}.tmall.com"
        elif p == "pinduoduo":
            shop_id = self._unique(lambda: r.randint(1_000_000, 999_999_999))
            url = f"https://mobile.yangkeduo.com/mall_page.html?mall_id={shop_id}"
        else:  # douyin
            shop_id = self._unique(lambda: r.randint(10_000_000, 299_999_999))
            url = f"https://haohuo.jinritemai.com/views/shop/index?id={shop_id}"
        shop = Shop(p, shop_id, name, url, company, make_uscc(r), r.choice(LOCATIONS),
                    vender_id=vender_id, user_id=user_id, self_operated=self_operated,
                    authorisation=authorisation)
        self.shops.append(shop)
        return shop

    def published_url(self, shop_id: str, variant: int) -> str:
        """网店地址 as a carrier would type it: sometimes the mobile form, with noise."""
        p = self.platform
        if p == "jd":
            return (f"https://shop.m.jd.com/?shopId={shop_id}" if variant == 1
                    else f"https://mall.jd.com/index-{shop_id}.html")
        if p == "xianyu":
            return ""  # individual sellers: the list names the seller only
        if p == "taobao":
            return f"https://shop{shop_id}.taobao.com/?spm=a1z10.1-c.0.0" if variant == 1 else f"https://shop{shop_id}.taobao.com"
        if p == "tmall":
            url = next(s.url for s in self.shops if s.shop_id == shop_id)
            return f"{url}/?spm=a1z10.1-c.0.0" if variant == 1 else f"{url}"
        if p == "pinduoduo":
            return f"https://mobile.yangkeduo.com/mall_page.html?mall_id={shop_id}"
        return f"https://haohuo.jinritemai.com/views/shop/index?id={shop_id}"

    def authorised_shops(self) -> list[tuple[Shop, _AuthSpec]]:
        specs = _AUTH_SPECS["person" if self.platform == "xianyu" else "shop"]
        out = []
        for i, spec in enumerate(specs):
            prov = _PROVINCES[i % len(_PROVINCES)]
            prefix = "京东自营" if spec.self_operated and self.platform == "jd" else ""
            expired = spec.status == "expired"
            year = (EXPIRED_FROM if expired else VALID_FROM).year
            codes = "".join(CARRIER_CODE[c] for c in spec.carriers)
            agent_code = f"{codes}-{self.platform.upper()}-{year}-{self.rng.randint(1000, 9999)}"
            auth_placeholder = Authorisation(
                spec.carriers, agent_code,
                EXPIRED_FROM if expired else VALID_FROM, EXPIRED_TO if expired else VALID_TO, "",
            )
            shop = self.make_shop(spec.name.format(p=prefix), spec.company.format(prov=prov),
                                  self_operated=spec.self_operated and self.platform != "xianyu",
                                  authorisation=auth_placeholder)
            published = self.published_url(shop.shop_id, i % 3)
            shop = replace(shop, authorisation=replace(auth_placeholder, published_url=published))
            self.shops[-1] = shop
            out.append((shop, spec))
        if self.platform == "jd":
            # MVNO entry: JD's own carrier brand, sold by its self-operated store.
            auth = Authorisation(("京东通信",), f"JDT-JD-{VALID_FROM.year}-{self.rng.randint(1000, 9999)}",
                                 VALID_FROM, VALID_TO, "")
            shop = self.make_shop("京东通信自营旗舰店", "北京京东叁佰陆拾度电子商务有限公司",
                                  self_operated=True, authorisation=auth)
            shop = replace(shop, authorisation=replace(auth, published_url=self.published_url(shop.shop_id, 0)))
            self.shops[-1] = shop
            out.append((shop, _AuthSpec(shop.name, shop.company_name, ("京东通信",), ("京东通信",))))
        return out

    def unauthorised_shops(self, count: int) -> list[Shop]:
        r = self.rng
        shops = []
        names: set[str] = set()
        while len(shops) < count:
            if self.platform == "xianyu":
                name = r.choice(NICK_PARTS_A) + r.choice(NICK_PARTS_B) + r.choice(NICK_PARTS_C) + str(r.randint(0, 99))
                company = ""
            else:
                word = r.choice(SHOP_WORDS)
                name = word + r.choice(SHOP_SUFFIXES)
                company = f"{r.choice(_PROVINCES)}{word}商贸有限公司"
            if name in names:
                continue
            names.add(name)
            shops.append(self.make_shop(name, company))
        if self.platform != "xianyu":
            # Looks official, is not on any list: same-sounding name, its own shop id.
            shops.append(self.make_shop("中国移动官方授权店",
                                        f"{r.choice(_PROVINCES)}移联商贸有限公司"))
        return shops

    # ---- titles
    def carrier_text(self, carrier: str) -> str:
        return self.rng.choice(CARRIER_FORMS[carrier])

    def lawful_sim_title(self, carriers: Sequence[str]) -> tuple[str, set[str]]:
        r = self.rng
        card, tags = r.choice(CARD_WORDS)
        names = " ".join(self.carrier_text(c) for c in carriers)
        feats = " ".join(r.sample(FEATURES, 2))
        title = f"{names}{card} {r.choice(PLANS)} {feats}".strip()
        return title, set(tags)

    def vanity_title(self, carrier: str) -> tuple[str, set[str]]:
        r = self.rng
        prefix = {"中国移动": "139", "中国联通": "186", "中国电信": "189", "中国广电": "192", "京东通信": "170"}[carrier]
        digit = r.randint(1, 9)
        number = f"{prefix}{r.randint(1000, 9999)}{digit}{digit}{digit}{digit}"
        title = r.choice(VANITY_TITLES).format(carrier=self.carrier_text(carrier), number=number,
                                               plan=r.choice(PLANS))
        return title, {"号卡", "手机卡", "靓号"}

    def black_title(self, carriers: Sequence[str], signals: Sequence[str]) -> tuple[str, set[str]]:
        r = self.rng
        card, tags = r.choice(EVADED_CARD_WORDS) if r.random() < 0.7 else r.choice(CARD_WORDS)
        parts = [self.carrier_text(c) for c in carriers]
        parts.append(card)
        parts.extend(r.choice(SIGNALS[s]) for s in signals)
        parts.append(r.choice(("秒发", "拍前咨询", "私聊", "加V详谈", "稳定耐用", "长期有货", "")))
        return " ".join(p for p in parts if p), set(tags)

    def price(self, low: float, high: float) -> float:
        return round(self.rng.uniform(low, high), 2)

    # ---- listings
    def add(self, title: str, price: float, shop: Shop, tags: set[str], kind: str,
            expected: dict[str, Any]) -> None:
        r = self.rng
        if r.random() < 0.25:  # some listings are also found by a second crawl keyword
            tags = tags | {r.choice(SEARCH_KEYWORDS)}
        if not tags & set(SEARCH_KEYWORDS):
            tags = tags | {r.choice(SEARCH_KEYWORDS)}
        norm_tags = tuple(sorted(normalise_query(t) for t in tags))
        self.listings.append(SandboxListing(
            self.platform, self.listing_id(), title, price, shop, norm_tags, kind, expected,
            description=f"{title}。{r.choice(('欢迎咨询', '下单前请看说明', '全国包邮', '质量保证'))}",
        ))

    def build(self) -> None:
        r = self.rng
        auth = self.authorised_shops()
        ok = [(s, spec) for s, spec in auth if spec.status == "valid" and set(spec.sells) <= set(spec.carriers)]
        expired = [s for s, spec in auth if spec.status == "expired"]
        mismatched = [(s, spec) for s, spec in auth if not set(spec.sells) <= set(spec.carriers)]
        unauth = self.unauthorised_shops(60 if self.platform == "xianyu" else 28)
        general = [self.make_shop(r.choice(SHOP_WORDS) + suffix, f"{r.choice(_PROVINCES)}数码配件有限公司")
                   for suffix in ("数码配件店", "手机配件专营店", "电子商城", "收藏品小铺")]

        # Authorised shops selling what they are entrusted with (lawful).
        for i in range(45):
            shop, spec = ok[i % len(ok)]
            carrier = spec.sells[i % len(spec.sells)]
            title, tags = self.vanity_title(carrier) if i % 9 == 8 else self.lawful_sim_title([carrier])
            self.add(title, self.price(0.01, 59) if "靓号" not in tags else self.price(188, 8888), shop, tags,
                     "authorised", _expected(sim=True, carriers=[carrier], authorised=True))
        # Whitelisted, but the entry has expired.
        for i in range(8):
            shop = expired[i % len(expired)]
            carrier = shop.authorisation.carriers[0]  # type: ignore[union-attr]
            title, tags = self.lawful_sim_title([carrier])
            self.add(title, self.price(0.01, 59), shop, tags, "authorised_expired",
                     _expected(sim=True, carriers=[carrier], authorised=False, violations=["unauthorised_seller"]))
        # Whitelisted for one carrier, selling another (flagged) and its own (lawful).
        for i in range(11):
            shop, spec = mismatched[i % len(mismatched)]
            carrier = spec.sells[i % len(spec.sells)]
            title, tags = self.lawful_sim_title([carrier])
            covered = _covers(shop, [carrier])
            self.add(title, self.price(0.01, 59), shop, tags,
                     "authorised" if covered else "authorised_other_carrier",
                     _expected(sim=True, carriers=[carrier], authorised=covered,
                               violations=[] if covered else ["unauthorised_seller"]))
        # Authorised shops advertising black-card signals: still taken down.
        for i in range(10):
            shop, spec = ok[(i * 3) % len(ok)]
            carrier = spec.sells[0]
            signal = ("no_real_name", "pre_registered", "pre_activated", "bulk_trading")[i % 4]
            title, tags = self.black_title([carrier], [signal])
            self.add(title, self.price(5, 99), shop, tags, "authorised_black_card",
                     _expected(sim=True, carriers=[carrier], authorised=True, violations=[signal]))
        # Unauthorised sellers with plain, lawful-sounding listings.
        for i in range(60):
            shop = unauth[i % len(unauth)]
            if i % 6 == 5:
                title, tags = self.lawful_sim_title([])
                carriers: list[str] = []
            elif i % 10 == 3:
                carrier = r.choice(DOMESTIC_MAIN)
                title, tags = self.vanity_title(carrier)
                carriers = [carrier]
            else:
                carriers = [r.choice(DOMESTIC_MAIN)]
                title, tags = self.lawful_sim_title(carriers)
            price = self.price(188, 6888) if "靓号" in tags else self.price(0.01, 69)
            self.add(title, price, shop, tags, "unauthorised",
                     _expected(sim=True, carriers=carriers, authorised=False, violations=["unauthorised_seller"]))
        # Data devices sold with a built-in card are SIM listings (POLICY §1).
        for i in range(4):
            title = WIFI_WITH_CARD[i % len(WIFI_WITH_CARD)]
            self.add(title, self.price(39, 129), unauth[(i * 7) % len(unauth)], {"流量卡", "上网卡"},
                     "wifi_with_card", _expected(sim=True, authorised=False, violations=["unauthorised_seller"]))
        # Black cards, written with the evasions of POLICY §4.
        plain_signals = ("no_real_name", "pre_registered", "pre_activated", "bulk_trading")
        for i in range(55):
            shop = unauth[(i * 5 + 1) % len(unauth)]
            signals = r.sample(plain_signals, 1 if i % 3 else 2)
            carriers = [r.choice(DOMESTIC_MAIN)] if i % 2 else []
            title, tags = self.black_title(carriers, signals)
            self.add(title, self.price(15, 199), shop, tags, "black_card",
                     _expected(sim=True, carriers=carriers, authorised=False,
                               violations=[*signals, "unauthorised_seller"]))
        for i in range(10):
            shop = unauth[(i * 3 + 2) % len(unauth)]
            carrier = r.choice(DOMESTIC_MAIN)
            template = IOT_TITLES[i % len(IOT_TITLES)]
            named = "{carrier}" in template
            title = template.format(plan=r.choice(PLANS), carrier=self.carrier_text(carrier))
            self.add(title, self.price(9, 89), shop, {"流量卡", "物联网卡"}, "iot_card",
                     _expected(sim=True, carriers=[carrier] if named else [], authorised=False,
                               violations=["iot_card_misuse", "unauthorised_seller"]))
        for i in range(5):
            self.add(COLLECT_TITLES[i % len(COLLECT_TITLES)], self.price(1, 50), unauth[(i * 11) % len(unauth)],
                     {"电话卡", "手机卡"}, "card_buying",
                     _expected(sim=True, authorised=False, violations=["bulk_trading", "unauthorised_seller"]))
        for i in range(6):
            self.add(JIEMA_TITLES[i % len(JIEMA_TITLES)], self.price(1, 30), unauth[(i * 13 + 4) % len(unauth)],
                     {"号卡", "手机卡", "接码"}, "verification_service",
                     _expected(sim=True, authorised=False, violations=["verification_service", "unauthorised_seller"]))
        # Foreign travel SIMs: lawful, even when they say 免实名 truthfully.
        for i in range(18):
            title, tags = FOREIGN_TITLES[i % len(FOREIGN_TITLES)]
            self.add(title, self.price(19, 199), unauth[(i * 7 + 3) % len(unauth)], set(tags), "foreign",
                     _expected(sim=True, foreign=True))
        title, tags = FOREIGN_FLAGGED
        self.add(title, self.price(30, 120), unauth[0], set(tags), "foreign_flagged",
                 _expected(sim=True, foreign=True, violations=["no_real_name"]))
        # Not SIM listings, found by the same keywords.
        for i in range(70):
            template, tags, (low, high) = DISTRACTORS[i % len(DISTRACTORS)]
            brand, model = r.choice(BRANDS)
            title = template.format(brand=brand, model=model, color=r.choice(COLORS))
            shop = general[i % len(general)] if i % 3 else unauth[(i * 17) % len(unauth)]
            self.add(title, self.price(low, high), shop, set(tags), "distractor", _expected(sim=False))


def _slug(name: str, rng: random.Random) -> str:
    from pypinyin import Style, lazy_pinyin

    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()
    return initials if rng.random() < 0.8 else f"{initials}{rng.randint(1, 99)}"


def _b64(raw: bytes) -> str:
    import base64

    return base64.b64encode(raw).decode()


def build_catalogue(seed: int = 7, platforms: Sequence[str] = DEFAULT_PLATFORMS) -> Catalogue:
    """All platforms' shops and listings for ``seed``; deterministic. Each platform draws from
    its own random stream, so adding a platform never changes another one's listings."""
    listings: list[SandboxListing] = []
    shops: list[Shop] = []
    for platform in platforms:
        if platform not in PLATFORM_CN:
            raise ValueError(f"sandbox has no catalogue for platform {platform!r}; known: {sorted(PLATFORM_CN)}")
        builder = _ForeignBuilder(seed, platform) if platform in FOREIGN_PLATFORMS else _Builder(seed, platform)
        builder.build()
        listings.extend(builder.listings)
        shops.extend(builder.shops)
    return Catalogue(seed, tuple(listings), tuple(shops))


# ------------------------------------------------------------------ markets outside China (§7)

_ASIN_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"


def _asin(number: int) -> str:
    """An ASIN-shaped id (B0 + 8 symbols) from a number."""
    chars = []
    for _ in range(8):
        number, rest = divmod(number, len(_ASIN_CHARS))
        chars.append(_ASIN_CHARS[rest])
    return "B0" + "".join(chars)


# Local carriers per market: foreign to the China profile (POLICY §2), so `foreign` is true.
LOCAL_CARRIERS: dict[str, tuple[str, ...]] = {
    "shopee": ("Telkomsel", "XL Axiata", "Indosat Ooredoo", "Tri", "Smartfren", "by.U"),
    "ebay": ("T-Mobile", "AT&T", "Verizon", "Lyca Mobile", "Vodafone UK", "EE", "Three UK"),
    "amazon": ("T-Mobile", "AT&T", "Mint Mobile", "Lyca Mobile", "Ultra Mobile", "Tello"),
}
CHINA_CARRIERS_EN: dict[str, tuple[str, ...]] = {
    "中国移动": ("China Mobile", "CHINA MOBILE", "China Mobile (CMCC)"),
    "中国联通": ("China Unicom", "CHINA UNICOM", "China Unicom 4G"),
    "中国电信": ("China Telecom", "CHINA TELECOM", "China Telecom CTM"),
}
EN_PLANS = ("30 Days 50GB Data", "Unlimited Data 7 Days", "10GB 4G LTE", "100 Minutes + 5GB", "5G 30 Days",
            "Monthly Plan $15", "Pay As You Go", "20GB + Unlimited Calls")
ID_PLANS = ("Kuota 50GB 30 Hari", "Paket Data 25GB", "Unlimited Nelpon", "Kuota 100GB", "Paket Internet 4G")
EN_FEATURES = ("Nano/Micro/Standard 3-in-1", "Free Shipping", "Keep Your Number", "5G Ready", "Hotspot OK",
               "Activate Online", "Official Starter Kit", "Registration Required at Activation")
EN_SIGNALS: dict[str, tuple[str, ...]] = {
    "pre_registered": ("Pre-Registered", "Pre Registered SIM", "Registered SIM Ready", "Already Registered"),
    "pre_activated": ("Pre-Activated", "Activated SIM Ready to Use", "Already Activated"),
    "bulk_trading": ("Bulk SIMs", "Wholesale Lot 100 pcs", "Bulk Lot of 50 SIM Cards"),
    "no_real_name": ("No ID Required", "No Registration Needed", "No Real-Name Needed", "No Passport Needed"),
}
# Bahasa Indonesia for the same signals: shopee titles add them next to the English words (POLICY
# §7 counts the local language only where a lexicon exists, so English carries the ground truth).
ID_SIGNALS: dict[str, tuple[str, ...]] = {
    "pre_registered": ("Sudah Registrasi", "Sudah Teregistrasi"),
    "pre_activated": ("Sudah Aktif",),
    "bulk_trading": ("Grosir",),
}
EN_VERIFICATION_TITLES = (
    "OTP Verification Code Service SIM Receive SMS for WhatsApp Telegram",
    "SIM for Account Registration WeChat Alipay Verification Code Service",
    "Receive SMS OTP Service Virtual Number SIM Card Verification",
)
EN_TRAVEL_TITLES: tuple[tuple[str, str], ...] = (
    ("Japan Travel SIM Card 8 Days Unlimited Data SoftBank", "data sim"),
    ("Europe Prepaid SIM Card Orange 14 Days 20GB 30 Countries", "prepaid sim"),
    ("Thailand AIS Tourist SIM 8 Days 15GB Bangkok", "data sim"),
    ("Hong Kong CSL Prepaid Data SIM 7 Days Travel", "prepaid sim"),
    ("Korea KT Travel SIM Card 10 Days Unlimited Data Seoul", "data sim"),
    ("Singapore Singtel Tourist Prepaid SIM 100GB", "prepaid sim"),
)
# Truthful for a travel card used abroad: not a violation (POLICY §3).
EN_TRAVEL_NO_REGISTRATION = "Hong Kong Travel Data SIM 8 Days No Registration Needed Abroad"
EN_FOREIGN_FLAGGED = "Hong Kong SIM No Registration Needed Works in Mainland China Long Term Number"
EN_DISTRACTORS: tuple[tuple[str, tuple[str, ...], tuple[float, float]], ...] = (
    ("SIM Card Tray Holder Replacement for iPhone 15 {color}", ("sim card",), (2, 12)),
    ("SIM Card Ejector Pin Tool 10 pcs Stainless Steel", ("sim card",), (1, 6)),
    ("Nano SIM Card Adapter Kit 4 in 1 Micro Standard", ("sim card", "data sim"), (1, 8)),
    ("SIM Card Cutter Nano Micro Punch Tool", ("sim card",), (4, 15)),
    ("{brand} 5G Smartphone Dual SIM 8GB+256GB Unlocked {color}", ("sim card", "prepaid sim"), (199, 899)),
    ("{brand} 4G Feature Phone Dual SIM Big Buttons {color}", ("sim card",), (25, 60)),
    ("Prepaid Top-Up Voucher $25 Mobile Airtime Recharge", ("prepaid sim",), (25, 26)),
    ("Voucher Pulsa Telkomsel 50rb Isi Ulang", ("prepaid sim",), (5, 6)),
    ("Phone Case with SIM Card Slot Shockproof {color}", ("sim card",), (5, 20)),
    ("4G LTE Mobile WiFi Router SIM Not Included {color}", ("data sim",), (30, 90)),
)
EN_BRANDS = ("Samsung Galaxy A15", "Xiaomi Redmi 13", "Motorola Moto G", "Nokia", "OPPO A38")
EN_COLORS = ("Black", "White", "Blue", "Silver", "Pink", "Green")
SHOP_NAMES: dict[str, tuple[str, ...]] = {
    "shopee": ("simcenter.id", "kartuperdana_murah", "pulsa.jaya", "cellular_store88", "tokokartu.official",
               "gadget.mart.id", "sinyalkuat", "paketdata.store", "kartuku_id", "jktcell"),
    "ebay": ("global-sim-store", "travelsim_usa", "asia-telecom-deals", "simcity_uk", "prepaid.direct",
             "phoneparts4u", "mobile-world-2019", "hk_sim_express", "bestsimdeals", "gadgetgarage_us"),
    "amazon": ("A2SIMWORLD", "TravelConnect LLC", "GlobalTel Direct", "PrepaidPlus", "Asia Mobile Supply",
               "PhoneGear Co", "ConnectAnywhere", "SIMply Prepaid", "Pacific Telecom Store", "TechNook"),
}
SHOP_LOCATIONS: dict[str, tuple[str, ...]] = {
    "shopee": ("KOTA JAKARTA BARAT", "KOTA JAKARTA SELATAN", "KOTA SURABAYA", "KOTA BANDUNG", "KAB. BEKASI",
               "KOTA MEDAN", "Luar Negeri"),
    "ebay": ("United States", "China", "Hong Kong", "United Kingdom", "Canada", "Singapore"),
    "amazon": ("United States", "China", "Hong Kong"),
}


class _ForeignBuilder(_Builder):
    """A market outside China: English (and, on shopee, Bahasa Indonesia) listings whose ground
    truth follows POLICY §7: no whitelist covers these markets, so no ``unauthorised_seller``
    and ``authorised`` is None; black-card signals still apply."""

    def listing_id(self) -> str:
        r = self.rng
        if self.platform == "amazon":
            return self._unique(lambda: _asin(r.getrandbits(48)))
        low, high = {"shopee": (10_000_000_000, 29_999_999_999),
                     "ebay": (110_000_000_000, 406_999_999_999)}[self.platform]
        return self._unique(lambda: r.randint(low, high))

    def make_foreign_shop(self, name: str) -> Shop:
        r, p = self.rng, self.platform
        if p == "shopee":
            shop_id = self._unique(lambda: r.randint(10_000_000, 1_299_999_999))
            url = f"https://shopee.tw/shop/{shop_id}"
        elif p == "ebay":
            shop_id = name.lower()  # an eBay seller's user name is its id
            url = f"https://www.ebay.com/usr/{name}"
        else:
            shop_id = self._unique(lambda: "A" + "".join(r.choice(_ASIN_CHARS) for _ in range(13)))
            url = f"https://www.amazon.com/sp?seller={shop_id}"
        company = f"{name} Ltd" if p != "shopee" else f"PT {name.split('.')[0].replace('_', ' ').title()}"
        shop = Shop(p, shop_id, name, url, company, make_uscc(r), r.choice(SHOP_LOCATIONS[p]))
        self.shops.append(shop)
        return shop

    def add_en(self, title: str, price: float, shop: Shop, tags: set[str], kind: str,
               expected: dict[str, Any]) -> None:
        r = self.rng
        if r.random() < 0.25:
            tags = tags | {r.choice(FOREIGN_SEARCH_KEYWORDS)}
        norm_tags = {normalise_query(t) for t in tags}
        if not any(k in norm_tags or k in normalise_query(title) for k in map(normalise_query, FOREIGN_SEARCH_KEYWORDS)):
            norm_tags.add(normalise_query(r.choice(FOREIGN_SEARCH_KEYWORDS)))
        note = ("Ships within 24 hours", "Read the description before buying", "Fast delivery", "Top seller")
        if self.platform == "shopee":
            note = ("Dikirim dalam 24 jam", "Baca deskripsi sebelum membeli", "Pengiriman cepat", "Ready stock")
        self.listings.append(SandboxListing(
            self.platform, self.listing_id(), title, price, shop, tuple(sorted(norm_tags)), kind, expected,
            description=f"{title}. {r.choice(note)}",
        ))

    def price(self, low: float, high: float) -> float:
        if self.platform == "shopee":  # rupiah: whole hundreds
            return float(round(self.rng.uniform(low, high) * 15_000, -2))
        return round(self.rng.uniform(low, high), 2)

    def local_title(self, carrier: str) -> str:
        r = self.rng
        if self.platform == "shopee" and r.random() < 0.6:
            return f"Kartu Perdana {carrier} {r.choice(ID_PLANS)} {r.choice(EN_FEATURES[:3])}"
        return f"{carrier} Prepaid SIM Card {r.choice(EN_PLANS)} {r.choice(EN_FEATURES)}"

    def china_title(self, carrier: str, signal: str | None = None) -> str:
        r = self.rng
        name = r.choice(CHINA_CARRIERS_EN[carrier])
        middle = f" {r.choice(EN_SIGNALS[signal])}" if signal else ""
        plan = r.choice(("Mainland China 30 Days Data", "China Phone Number SIM", "4G Data SIM China",
                         "Real-Name Registration at Activation" if not signal else "Keep Number Long Term"))
        return f"{name} SIM Card{middle} {plan}"

    def build(self) -> None:
        r = self.rng
        shops = [self.make_foreign_shop(name) for name in SHOP_NAMES[self.platform]]
        local = LOCAL_CARRIERS[self.platform]
        china = ("中国移动", "中国联通", "中国电信")

        def shop(i: int) -> Shop:
            return shops[i % len(shops)]

        for i in range(70):  # local carriers' cards, lawful
            title = self.local_title(local[i % len(local)])
            self.add_en(title, self.price(2, 30), shop(i), {"sim card", "prepaid sim"}, "foreign_lawful",
                        _expected(sim=True, foreign=True))
        for i in range(30):  # Chinese carriers' cards sold abroad, lawful: no whitelist covers the market
            carrier = china[i % 3]
            self.add_en(self.china_title(carrier), self.price(8, 40), shop(i * 3 + 1), {"china sim card"},
                        "china_carrier", _expected(sim=True, carriers=[carrier], authorised=None))
        for i in range(30):  # travel SIMs
            title, tag = EN_TRAVEL_TITLES[i % len(EN_TRAVEL_TITLES)]
            self.add_en(title, self.price(6, 45), shop(i * 7 + 2), {tag, "sim card"}, "foreign",
                        _expected(sim=True, foreign=True))
        for i in range(6):
            self.add_en(EN_TRAVEL_NO_REGISTRATION, self.price(8, 20), shop(i + 4), {"data sim"}, "foreign",
                        _expected(sim=True, foreign=True))
        self.add_en(EN_FOREIGN_FLAGGED, self.price(15, 40), shop(0), {"china sim card"}, "foreign_flagged",
                    _expected(sim=True, foreign=True, violations=["no_real_name"]))
        local_signals = ("pre_registered", "pre_activated", "bulk_trading")
        for i in range(45):  # local cards with black-card signals (pre-registered SIMs are banned in ID/PH)
            signals = r.sample(local_signals, 1 if i % 3 else 2)
            words = " ".join(r.choice(EN_SIGNALS[s]) for s in signals)
            carrier = local[(i * 5) % len(local)]
            if self.platform == "shopee" and i % 2:
                local_words = " ".join(r.choice(ID_SIGNALS[s]) for s in signals)
                title = f"{words} Kartu Perdana {carrier} {local_words} {r.choice(ID_PLANS)}"
            else:
                title = f"{carrier} SIM Card {words} {r.choice(EN_PLANS)}"
            self.add_en(title, self.price(3, 60), shop(i * 3 + 2), {"sim card", "prepaid sim"}, "black_card",
                        _expected(sim=True, foreign=True, violations=signals))
        for i in range(25):  # Chinese carriers' cards with black-card signals
            carrier = china[i % 3]
            signal = ("no_real_name", "pre_registered", "pre_activated", "bulk_trading", "no_real_name")[i % 5]
            self.add_en(self.china_title(carrier, signal), self.price(10, 80), shop(i * 7 + 5),
                        {"china sim card", "prepaid sim"}, "black_card",
                        _expected(sim=True, carriers=[carrier], authorised=None, violations=[signal]))
        for i in range(12):
            self.add_en(EN_VERIFICATION_TITLES[i % len(EN_VERIFICATION_TITLES)], self.price(1, 15), shop(i * 3),
                        {"sim card"}, "verification_service",
                        _expected(sim=True, authorised=None, violations=["verification_service"]))
        for i in range(60):  # not SIM listings, found by the same keywords
            template, tags, (low, high) = EN_DISTRACTORS[i % len(EN_DISTRACTORS)]
            title = template.format(brand=r.choice(EN_BRANDS), color=r.choice(EN_COLORS))
            self.add_en(title, self.price(low, high), shop(i * 11 + 3), set(tags), "distractor", _expected(sim=False))
