"""Builds the labelled corpus ``data/corpus.jsonl`` by hand-composition (deterministic).

Every row's labels come from the *template family* it was written from (never from the
classifier): hand-written phrasings per POLICY category are combined with carriers, product
words, prices, cities and evasion rewrites. Labels assume no whitelist match, except rows whose
shop is in ``data/test_whitelist.csv`` (observed 2025-06-01). ``split(row)`` puts a row in
``train`` or ``test`` by a hash of its title, so the split is stable across rebuilds.

Run ``python -m crawler.classifiers.corpus`` to rewrite the file.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crawler.classifiers.normalise import DATA_DIR

CORPUS_PATH = DATA_DIR / "corpus.jsonl"
TEST_WHITELIST = DATA_DIR / "test_whitelist.csv"
OBSERVED = "2025-06-01"
SEED = 7

CARRIERS = {
    "中国移动": ["中国移动", "移动", "中国移动5G", "动感地带", "神州行"],
    "中国联通": ["中国联通", "联通", "联通大王卡", "联通5G"],
    "中国电信": ["中国电信", "电信", "天翼", "电信星卡"],
    "中国广电": ["中国广电", "广电", "广电5G"],
}
PRODUCTS = ["流量卡", "电话卡", "手机卡", "号卡", "上网卡", "5G卡", "4G卡", "纯流量卡", "大流量卡", "校园卡",
            "学生卡", "老人卡", "SIM卡", "手机号卡", "日租卡", "语音卡", "无限流量卡"]
PERKS = ["月租19元", "月租29元", "首月免费", "200G通用流量", "100G全国流量", "不限速", "全国通用", "包邮",
         "低月租", "5G网速", "送话费", "长期套餐", "可选号", "归属地随机", "官方正品", "可打电话", "9元155G",
         "0月租", "终身套餐", "不限APP", "全国无漫游", "网速快", "可办副卡", "老人儿童适用"]
CITIES = ["北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安", "南京", "重庆", "长沙", "郑州"]
DOMESTIC_OPENERS = ["{c}{p} {k1} {k2}", "【{c}官方】{p}{k1}", "{k1} {c}{p} {k2} {city}发货", "{city}{c}{p} {k1}",
                    "正规{c}{p} {k1}{k2}", "{p} {c} {k1} 实名办理", "新款{c}{p}{k1}", "{c} {p}套餐 {k1} {k2}",
                    "{k2}！{c}{p} {k1}", "{c}{p}【{k1}】{k2}", "学生党必备{c}{p} {k1}", "{c}靓号{p} {k1}"]

# Black-card phrasings per violation code (hand-written; combined with products and carriers).
SIGNALS: dict[str, list[str]] = {
    "no_real_name": ["免实名", "不用实名", "无需实名", "不需要实名认证", "无需身份证", "不要身份证", "免认证", "无需实名登记",
                     "不用本人", "代实名", "无需认证", "不用身份证也能办", "免人脸识别", "无需本人到场办理",
                     "不需要身份证", "没有身份证也能用"],
    "pre_registered": ["已实名", "实名好的", "成品卡", "成品号", "老卡已实名", "可过人脸", "已实名认证",
                       "实名好了直接用", "已过人脸", "他人实名"],
    "pre_activated": ["已激活", "激活好", "开通好直接用", "到手即用", "免激活", "无需激活", "已开通 拿到就能用",
                      "激活好的卡", "到手直接用", "已经激活"],
    "bulk_trading": ["批量出", "大量出", "一手卡源", "卡商直供", "十张零售百张批发", "批发", "大量现货",
                     "量大从优", "批量供应", "号商直供"],
    "verification_service": ["接码平台", "代收验证码", "注册微信号", "短信验证码平台", "接码", "代注册微信",
                             "手机号出租", "号码出租 收验证码", "租号接码"],
}
EVASIONS: dict[str, list[tuple[str, str]]] = {
    # (what the seller writes, code) — each class written differently from the lexicon.
    "traditional": [("免實名", "no_real_name"), ("已實名", "pre_registered"), ("已激活卡", "pre_activated"),
                    ("無需實名", "no_real_name"), ("批量出貨", "bulk_trading")],
    "separators": [("免 实 名", "no_real_name"), ("已-实-名", "pre_registered"), ("免.实.名", "no_real_name"),
                   ("不@用@实@名", "no_real_name"), ("接*码", "verification_service"), ("已/激/活", "pre_activated")],
    "pinyin": [("mian shi ming", "no_real_name"), ("mianshiming", "no_real_name"), ("yi shi ming", "pre_registered"),
               ("yijihuo", "pre_activated"), ("bu yong shi ming", "no_real_name"), ("免shiming", "no_real_name")],
    "initials": [("msm", "no_real_name"), ("免sm", "no_real_name"), ("已sm", "pre_registered"),
                 ("yjh", "pre_activated"), ("bysm", "no_real_name")],
    "homophone": [("免石名", "no_real_name"), ("免实铭", "no_real_name"), ("已石名", "pre_registered"),
                  ("免十名", "no_real_name"), ("已激火", "pre_activated"), ("免识名", "no_real_name"),
                  ("不用石名", "no_real_name"), ("无需实明", "no_real_name")],
    "fullwidth": [("ＳＩＭ卡 免实名", "no_real_name"), ("已实名ＯＫ", "pre_registered")],
}
PRODUCT_EVASIONS = ["流量k", "电话k", "dhk", "llk", "sjk", "流量🃏", "电话🃏", "dian hua ka", "liuliangka",
                    "電話卡", "流 量 卡", "手-机-卡", "流量咔", "ＳＩＭ卡", "liu liang ka", "📱卡"]

B2B = ["设备绑定 定向流量", "监控专用 机卡绑定", "企业采购 对公开票", "POS机专用", "共享单车 设备联网", "智能电表 定向"]
NEGATED = ["我们不做免实名", "杜绝免实名", "拒绝免实名 必须本人身份证办理", "本店不卖已实名卡", "严禁出售成品卡",
           "免实名是违法的 本店正规办理", "不提供代实名服务", "谨防免实名骗局", "坚决不卖已激活卡",
           "必须本人身份证办理", "需本人实名认证", "不做批量", "绝不代实名", "从不出售已实名卡",
           "严禁代收验证码", "拒绝接码 正规实名"]
BUYER_ACTIVATES = ["收到后自行激活", "需本人激活", "到手需自行激活", "收到后在线激活", "激活后使用 本人实名",
                   "自助激活 本人办理", "到手激活即可使用"]

FOREIGN = ["香港卡", "澳门卡", "日本卡", "泰国卡", "韩国卡", "境外卡", "新加坡卡", "美国卡", "欧洲卡", "台湾卡"]
FOREIGN_CARRIERS = ["CSL", "3HK", "SoftBank", "AIS", "docomo", "数码通", "dtac", "Singtel"]
FOREIGN_TAILS = ["{d}天无限流量", "{d}日 4G高速", "旅游上网", "出境必备", "{d}天 每日2G", "机场自取 {d}天",
                 "境外流量 {d}天", "出国旅游 上网卡"]
DOMESTIC_USE = ["国内可用", "可注册微信", "国内使用", "可注册支付宝", "国内收短信"]

NON_SIM: dict[str, list[str]] = {
    "accessory": ["苹果手机卡托 SIM卡槽 原装", "华为手机卡托卡槽 替换", "sim卡 卡套 还原卡套 三合一", "取卡针 手机通用 10只装",
                  "剪卡器 nano sim卡 剪卡钳", "手机卡针 不锈钢", "多功能读卡器 支持sim卡", "小米卡托 卡槽 原厂",
                  "SIM卡收纳盒 取卡针 卡套套装", "iPhone15 卡托 双卡槽", "手机壳 适用苹果15", "钢化膜 全屏覆盖",
                  "电话卡卡套 转换卡套", "OPPO卡托 sim卡座 维修配件"],
    "device": ["华为Mate60 双卡双待 5G手机", "小米14 全网通 双卡双待", "老人机 大字大声 移动联通电信", "儿童电话手表 支持插卡",
               "4G路由器 插卡 全网通 需自备卡", "随身wifi 不含卡 需自备卡", "荣耀手机 双卡 全网通5G", "CPE路由器 不含卡",
               "OPPO手机 双卡双待 移动联通电信全网通", "vivo 5G手机 支持电信卡", "二手苹果13 有锁 支持移动卡",
               "对讲机 插卡 全国对讲 不送卡", "4G定位器 需自备卡", "行车记录仪 4G 不含流量卡"],
    "topup": ["移动话费充值100元 快充", "联通话费充值 慢充", "电信缴费 50元", "中国移动 充值卡 100元", "游戏点卡 Q币",
              "流量充值 移动 日包", "联通流量包 加油包", "话费券 满100减5", "广电 话费充值 自动到账"],
    "collectible": ["老电话卡 收藏 IC卡 磁卡", "早期201电话卡 藏品 全新", "IP卡 电话卡收藏 一套", "田村卡 磁卡 收藏",
                    "中国电信 老电话卡 纪念卡 珍藏", "邮电 IC电话卡 全套 品相好", "90年代电话卡 收藏品", "磁卡电话卡 早期 收藏"],
    "power_bank": ["移动电源 20000毫安 快充", "移动硬盘 1TB", "充电宝 移动电源 小巧", "移动电源 自带线 10000mAh"],
    "other": ["银行卡套 防消磁", "会员卡制作 pvc卡", "公交卡贴 卡通", "信用卡 办理 咨询", "内存卡 128G TF卡", "门禁卡 复制"],
}

ENGLISH_SIM = ["Prepaid SIM card {n}GB data", "Travel eSIM Japan {d} days unlimited data", "Tourist SIM card Thailand {d} days",
               "Globe prepaid SIM 5G LTE", "Smart SIM card 5G prepaid", "Data SIM {n}GB 30 days", "UK Three SIM card unlimited",
               "Vodafone SIM card pay as you go", "eSIM Europe {n}GB {d} days", "T-Mobile prepaid SIM card"]
ENGLISH_SIGNALS: dict[str, list[str]] = {
    "pre_registered": ["Pre-registered SIM card", "Registered SIM for sale", "Preregistered Globe SIM", "Fully registered SIM card ready"],
    "pre_activated": ["Pre-activated SIM card", "Activated SIM card ready to use", "Already activated Smart SIM"],
    "no_real_name": ["SIM card no ID required", "No registration needed SIM card", "Anonymous SIM no KYC", "SIM card without ID"],
    "bulk_trading": ["Bulk SIM cards 100 pcs", "Wholesale SIM cards lot of 50 SIM", "SIM cards in bulk for resellers"],
    "verification_service": ["OTP service virtual number", "SIM for account registration WhatsApp", "Receive SMS verification code service",
                             "Phone number for WhatsApp registration"],
}
ENGLISH_NON_SIM = ["SIM card tray for iPhone 14", "SIM ejector pin 10 pack", "Nano SIM adapter kit 4 in 1", "Dual SIM smartphone 128GB unlocked",
                   "Phone case for Samsung S23", "SIM card reader USB", "Vintage phonecard collection 1990s", "Mobile top-up voucher 10 USD",
                   "4G router, SIM not included", "Unlocked phone dual SIM 5G", "SIM card cutter tool", "Gift card 50 USD"]


def _row(platform: str, title: str, labels: dict[str, Any], category: str, shop_id: str = "",
         shop_name: str = "") -> dict[str, Any]:
    return {
        "platform": platform, "listing_id": hashlib.sha1(title.encode()).hexdigest()[:12], "title": title,
        "shop_id": shop_id or None, "shop_name": shop_name or None, "observed_at": OBSERVED,
        "category": category, **labels,
    }


def _labels(sim: bool, carriers: list[str], foreign: bool, violations: list[str]) -> dict[str, Any]:
    return {"sim_listing": sim, "carriers": carriers, "foreign": foreign,
            "violations": sorted(violations) if sim else [], "takedown": sim and bool(violations)}


def _domestic(rng: random.Random) -> tuple[str, str]:
    carrier = rng.choice(list(CARRIERS))
    return carrier, rng.choice(CARRIERS[carrier])


def _fill(rng: random.Random, template: str, alias: str, product: str) -> str:
    k1, k2 = rng.sample(PERKS, 2)
    return template.format(c=alias, p=product, k1=k1, k2=k2, city=rng.choice(CITIES))


def generate() -> Iterator[dict[str, Any]]:
    rng = random.Random(SEED)
    cn = ["taobao", "pinduoduo", "xianyu", "jd", "douyin", "tmall"]
    # A. clean domestic SIM listings (unauthorised only).
    for _ in range(260):
        carrier, alias = _domestic(rng)
        product = rng.choice(PRODUCTS)
        if "王卡" in alias and "王卡" in product:
            product = "流量卡"
        title = _fill(rng, rng.choice(DOMESTIC_OPENERS), alias, product)
        carriers = [carrier]
        yield _row(rng.choice(cn), title, _labels(True, carriers, False, ["unauthorised_seller"]), "domestic_clean")
    # A2. no carrier named.
    for _ in range(50):
        title = f"{rng.choice(PRODUCTS)} {rng.choice(PERKS)} {rng.choice(PERKS)} {rng.choice(CITIES)}"
        yield _row(rng.choice(cn), title, _labels(True, [], False, ["unauthorised_seller"]), "domestic_unknown_carrier")
    # B. black-card signals, one or two codes.
    for _ in range(360):
        carrier, alias = _domestic(rng)
        codes = rng.sample(list(SIGNALS), rng.choice([1, 1, 2]))
        phrases = [rng.choice(SIGNALS[c]) for c in codes]
        product = rng.choice(PRODUCTS)
        parts = [f"{alias}{product}", *phrases, rng.choice(PERKS)]
        rng.shuffle(parts)
        yield _row(rng.choice(cn), " ".join(parts),
                   _labels(True, [carrier], False, ["unauthorised_seller", *codes]), "domestic_blackcard")
    # C. evasions (signal and product words).
    for _ in range(240):
        carrier, alias = _domestic(rng)
        cls = rng.choice(list(EVASIONS))
        phrase, code = rng.choice(EVASIONS[cls])
        product = rng.choice(PRODUCT_EVASIONS + PRODUCTS)
        title = f"{alias}{product} {phrase} {rng.choice(PERKS)}" if rng.random() < 0.5 else \
            f"{phrase} {product} {alias} {rng.choice(PERKS)}"
        yield _row(rng.choice(cn), title, _labels(True, [carrier], False, ["unauthorised_seller", code]),
                   f"evasion_{cls}")
    for _ in range(60):
        carrier, alias = _domestic(rng)
        title = f"{alias} {rng.choice(PRODUCT_EVASIONS)} {rng.choice(PERKS)} {rng.choice(PERKS)}"
        yield _row(rng.choice(cn), title, _labels(True, [carrier], False, ["unauthorised_seller"]), "evasion_product")
    # D. negation and buyer activation (no black-card code).
    for _ in range(110):
        carrier, alias = _domestic(rng)
        cue = rng.choice(NEGATED + BUYER_ACTIVATES)
        title = f"{alias}{rng.choice(PRODUCTS)} {rng.choice(PERKS)}，{cue}"
        yield _row(rng.choice(cn), title, _labels(True, [carrier], False, ["unauthorised_seller"]), "negation")
    # E. special SIM categories.
    special = [
        ("{c}物联网卡 手机可用 不限速", ["iot_card_misuse"]), ("物联卡 无限流量 {c} 打电话", ["iot_card_misuse"]),
        ("{c}靓号 出售 豹子号", []), ("吉祥号 {c} 手机号码出售 {k1}", []), ("高价收卡 回收电话卡 {c}", ["bulk_trading"]),
        ("收{c}手机卡 有多少收多少", ["bulk_trading"]), ("随身wifi 自带流量 {c} {k1}", []), ("随身WiFi 免插卡 {k1}", []),
        ("接码平台 注册微信号 {k1}", ["verification_service"]), ("代收验证码 {c}号 秒回", ["verification_service"]),
        ("物联网卡 {c} 行业卡 {b2b}", []), ("{c}物联卡 {b2b} 企业采购", []), ("{c}自选号码 {k1} 情侣号", []),
    ]
    for _ in range(150):
        carrier, alias = _domestic(rng)
        template, codes = rng.choice(special)
        title = template.format(c=alias, k1=rng.choice(PERKS), b2b=rng.choice(B2B))
        carriers = [carrier] if "{c}" in template else []
        yield _row(rng.choice(cn), title, _labels(True, carriers, False, ["unauthorised_seller", *codes]), "special")
    # F. foreign travel SIMs.
    for _ in range(140):
        card = rng.choice(FOREIGN + FOREIGN_CARRIERS)
        tail = rng.choice(FOREIGN_TAILS).format(d=rng.choice([3, 5, 7, 8, 10, 15, 30]))
        mode = rng.random()
        carriers = [card] if card in FOREIGN_CARRIERS else []
        carrier_names = {"数码通": "SmarTone", "docomo": "NTT docomo"}
        carriers = [carrier_names.get(c, c) for c in carriers]
        suffix = "" if card.endswith("卡") else " 电话卡"
        if mode < 0.45:
            title, codes = f"{card}{suffix} {tail}", []
        elif mode < 0.7:
            title, codes = f"{card}{suffix} {tail} 免实名", []
        else:
            title, codes = f"{card}{suffix} {rng.choice(DOMESTIC_USE)} 免实名 {tail}", ["no_real_name"]
        yield _row(rng.choice(cn), title, _labels(True, carriers, True, codes), "foreign")
    # G. non-SIM listings (hard negatives).
    for category, titles in NON_SIM.items():
        for title in titles:
            for variant in range(3):
                extra = ["", f" {rng.choice(CITIES)}发货", " 包邮"][variant]
                yield _row(rng.choice(cn), title + extra, _labels(False, [], False, []), f"non_sim_{category}")
    # H. whitelisted shops (authorised: clean → no takedown; black-card → takedown).
    shops = [("taobao", "880001", "中国移动", "移动"), ("pinduoduo", "880002", "中国联通", "联通"),
             ("jd", "880003", "中国电信", "电信")]
    for _ in range(90):
        platform, shop_id, carrier, alias = rng.choice(shops)
        product = rng.choice(PRODUCTS[:12])
        if rng.random() < 0.6:
            title = _fill(rng, rng.choice(DOMESTIC_OPENERS), alias, product)
            codes: list[str] = []
        else:
            code = rng.choice(list(SIGNALS))
            title = f"{alias}{product} {rng.choice(SIGNALS[code])} {rng.choice(PERKS)}"
            codes = [code]
        yield _row(platform, title, _labels(True, [carrier], False, codes), "whitelisted", shop_id=shop_id)
    # Expired entry: unauthorised again.
    for _ in range(20):
        title = _fill(rng, rng.choice(DOMESTIC_OPENERS), "移动", rng.choice(PRODUCTS[:12]))
        yield _row("taobao", title, _labels(True, ["中国移动"], False, ["unauthorised_seller"]), "whitelist_expired",
                   shop_id="880004")
    # I. English, platforms outside China (no whitelist for them: no unauthorised_seller).
    for _ in range(80):
        title = rng.choice(ENGLISH_SIM).format(n=rng.choice([5, 10, 20, 50]), d=rng.choice([5, 7, 15, 30]))
        carriers = _english_carriers(title)
        yield _row(rng.choice(["shopee", "ebay", "amazon"]), title, _labels(True, carriers, bool(carriers) or _is_travel(title), []),
                   "english_clean")
    for _ in range(110):
        code = rng.choice(list(ENGLISH_SIGNALS))
        title = rng.choice(ENGLISH_SIGNALS[code]) + rng.choice(["", " fast shipping", " Manila", " Jakarta", " cheap"])
        carriers = _english_carriers(title)
        yield _row(rng.choice(["shopee", "ebay", "amazon"]), title, _labels(True, carriers, bool(carriers), [code]),
                   "english_blackcard")
    for title in ENGLISH_NON_SIM:
        for extra in ("", " new", " free shipping"):
            yield _row(rng.choice(["shopee", "ebay", "amazon"]), title + extra, _labels(False, [], False, []), "english_non_sim")


def _english_carriers(title: str) -> list[str]:
    names = {"Globe": "Globe", "Smart": "Smart", "Three": "Three", "Vodafone": "Vodafone", "T-Mobile": "T-Mobile"}
    return [v for k, v in names.items() if k in title]


def _is_travel(title: str) -> bool:
    lower = title.lower()
    places = ("japan", "europe", "thailand", "korea")
    return any(w in lower for w in ("travel", "tourist")) or (
        "days" in lower and any(p in lower for p in places))


def split(row: dict[str, Any]) -> str:
    """``test`` for about one row in five, chosen by a hash of the title (stable)."""
    return "test" if int(hashlib.sha1(row["title"].encode()).hexdigest(), 16) % 5 == 0 else "train"


def build(path: Path = CORPUS_PATH) -> int:
    seen: set[str] = set()
    rows = []
    for row in generate():
        if row["title"] in seen:
            continue
        seen.add(row["title"])
        row["split"] = split(row)
        rows.append(row)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return len(rows)


def load_corpus(path: Path = CORPUS_PATH, part: str | None = None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if part is None or r["split"] == part]


if __name__ == "__main__":
    print(f"{build()} rows written to {CORPUS_PATH}")
