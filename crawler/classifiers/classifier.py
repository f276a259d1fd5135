"""The classifier: hits (rules.py) → SIM decision → policy table (rules.json ``codes``) → Verdict.

* ``sim_listing``: a product word (card, number, IoT card, code service, card buying, device with
  a card, a card-naming black-card word) → true, unless it only describes what a lawful head takes
  (an accessory, module/dev board, membership, or a device after 支持/可插 ...); a plan-style title
  (carrier + two of monthly fee, data, minutes) → true; only head words → false; otherwise the
  text model decides (when loaded), else two weak cues / black-card + weak cue / carrier + weak cue.
* violations: the ``codes`` table of rules.json; authorisation per POLICY §3 (``unchecked`` when
  no loaded list covers the carrier); ``risk_score`` = weights + 5 per extra evidence (max 15)
  + 5 for off-platform contact, capped at 100.
* ``confidence``/``needs_review``/``review_reasons`` per POLICY §8; reasons in Chinese on Chinese
  platforms, in English elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from crawler.classifiers.model import MODEL_DIR, TextModel, model_text
from crawler.classifiers.normalise import DESCRIPTION_LIMIT, TITLE_LIMIT, Text
from crawler.classifiers.offer import OFFER_PATH, OFFER_THRESHOLD, OfferModel, offer_text
from crawler.classifiers.rules import (
    Hit,
    RuleSet,
    Spans,
    compiled,
    days_named,
    english_open,
    find_hits,
    foreign_named,
    mark_prose,
    plain_kinds_open,
    prose_clauses,
    prose_search,
)
from crawler.items import Listing, Verdict
from whitelist.carriers import CARRIER_INFO, DOMESTIC_CARRIERS, MNOS
from whitelist.platforms import PLATFORMS, Platform, normalise_platform

_POSITIVE: Final = ("product", "number", "iot", "verification", "buy_cards", "builtin_card", "brand_card",
                     "account_sale", "plan_card")
_STRONG_POSITIVE: Final = ("number", "verification", "buy_cards", "builtin_card")
_BLACK: Final = ("no_real_name", "pre_registered", "pre_activated", "bulk_trading", "verification", "buy_cards")
# what makes a card a phone card: a SIM noun, a number, an IoT card, an app-named data card
_TELECOM_OBJECT: Final = ("product", "number", "iot", "brand_card")
# lawful things a SIM noun may describe; card_service: swapping the buyer's own card (换卡说明)
_HEADS: Final = ("accessory", "module", "membership", "card_device", "prepaid_card", "card_service")
_DESCRIBED_HEADS: Final = ("device", "card_device", "accessory", "membership")
# rules.json accessory terms that name a memory card, and the card words a memory card's title may hold
_MEMORY_CARDS: Final = frozenset({"存储卡", "内存卡", "tf卡", "sd卡", "microsd", "记忆卡"})
_BARE_CARD_WORDS: Final = frozenset({"手机卡", "sim卡", "sim", "e-sim", "esim"})
_NEGATIVE: Final = ("accessory", "module", "membership", "card_device", "prepaid_card", "device", "topup",
                    "collectible", "other_service", "card_service", "account_vanity", "follower")
# Cues that make an undecided listing worth asking the text model about: SIM vocabulary only.
# Generic words (批发, 卡头, 高价收, a contact, a place, 国内可用, 手机) also fill ads for app
# accounts, virtual credit cards and payment help, which the model then took for SIM listings.
_SIM_CUE: Final = ("weak_sim", "no_real_name", "pre_registered", "pre_activated", "pre_activated_weak",
                   "verification", "iot", "travel", "builtin_card", "number", "product", "brand_card",
                   "plan_fee", "plan_data", "plan_minutes")
_PLAN: Final = ("plan_fee", "plan_data", "plan_minutes")
# the words that make a text an offer: a prose clause holding every one of them holds the takedown
_OFFER: Final = frozenset(_SIM_CUE + _POSITIVE + _BLACK + ("bulk_trading", "buy_generic", "contact"))
# apps whose account is the phone number itself (the account sold is a registered number)
_NUMBER_APPS: Final = ("whatsapp", "telegram", "tg", "纸飞机", "电报", "google voice", "谷歌语音")
_LETTER: Final = re.compile(r"[^\W\d_]")
# between a destination and its card word: "original" or "local" and a Latin brand or model
# (at most 16 characters: a destination, a plan's figures and words, the card: 香港 0 月租 手机卡,
# 韩国无限流量 4G/5G 高速 eSIM)
_PLACE_TO_CARD: Final = re.compile(r"(?=.{0,16}$)(?:原装|原版|本地|当地)?(?:买的?|购买的?)?"
                                   r"(?:[\sa-z0-9.+/&-]|月租|无限|流量|上网|高速|不限量?|极速|天|日)*")
# "支持电信卡", "适用sim卡", "可插移动卡": a card word naming what a device takes.
# 支持两张实体 nano sim: a count of cards may sit between the verb and the card word
_SUPPORT_BEFORE: Final = re.compile(r"(?:支持|兼容|适用|适配|可插|可用|插入?|放入|装入|需|自备|另购|用于|不含|不带|for|fits?|compatible\s+with)"
                                    r"(?:[一两二双三四1-4]张)?(?:实体|物理|[45]g)?[\W_]{0,2}$")
# 日版 SIM+eSIM: a phone's edition names the slots it has (港版SIM卡 7天 is a card sold)
_EDITION_BEFORE: Final = re.compile(r"(?:国行|港版|美版|日版|韩版|欧版|台版|国际版)[\W_]{0,2}$")
_SLOTS_AFTER: Final = re.compile(r"\s*[+/&]\s*e?sim\b")
# "SIM card for mobile hotspot": a device after "for" is where the card works, not the thing sold
_DEVICE_FOR_BEFORE: Final = re.compile(r"\b(?:for|in|into|fits?|compatible\s+with|para|untuk|cho)\s+(?:[\w-]+\s+){0,2}$")  # pt/es/id/vi "for"
# a card given with the goods (送电话卡); its network or data amount may stand between (送4G流量卡,
# +100G流量卡): three or four digits that are no memory size (1G+16G电话卡 is a phone watch's memory)
_CARD_SPEC: Final = r"(?:[2345]g|(?!128|256|512)\d{3,4}\s*gb?)?"
# the English words that give one thing with another ("with", "incl.", "plus"; "comes with" holds "with")
_WITH: Final = r"\b(?:with|w/|incl\.?|includes?|including|plus)\s+"
# the verbs that give one thing with another (送卡针, 赠卡套, 附流量卡)
_GIVING: Final = r"(?:送|赠|附|配|带|含)"
_FREEBIE_BEFORE: Final = re.compile(_GIVING + r"[\W_]{0,1}" + _CARD_SPEC + "$"
                                    r"|" + _WITH + r"(?:an?\s+|one\s+|1\s+)?(?:free\s+)?$"
                                    # "With 25 Gig Free Airtel Data Sim": a free card a few words on
                                    r"|\b(?:with|plus)\s+(?:[\w&-]+\s+){0,3}?free\s+(?:[\w&-]+\s+){0,2}$"
                                    # a verb of the box, up to three words before the card ("includes Verizon SIM card",
                                    # "comes with a prepaid T-Mobile SIM"), none saying which cards a device takes
                                    # ("Pre-installed SIM card": the card is in the device)
                                    r"|\b(?:includes?|including|pre-?(?:installed|inserted|loaded)"
                                    r"|(?:comes|ships|bundled|supplied|packaged)\s+with)\s+"
                                    r"(?:an?\s+|one\s+|1\s+)?(?:free\s+)?(?:(?!(?:any|all|most|your|own|other|every|to|for|of|about|from|guides?|instructions?|activating|how)\b)[\w&-]+\s+){0,3}$"
                                    r"|\b(?:tặng|kèm|gratis|bonus|free)\s+(?:thêm\s+)?$")  # vi/id/en: given with the goods
# "SIM card included", "SIM card pre-installed" (the English 含卡): the card comes with the goods (a hit's
# after holds 12 characters: " pre-install")
_INCLUDED_AFTER: Final = re.compile(r"[\W_]{0,2}(?:is\s+|are\s+)?(?:included|incl\b|pre-?install|pre-?insert)")
# 手表+电话卡+双电, 4G插电版(+流量卡), 无需宽带++手机流量卡: a bundle's "+" lists what comes in the box
# (a Chinese card word only: "eSim + Nano SIM" is a phone's two slots); after a card or a carrier's
# name it lists cards or networks a device takes (支持移动卡+联通卡+电信卡, 主卡+副卡, 移动+联通+电信卡)
_BUNDLED_BEFORE: Final = re.compile(r"(?<!卡)(?<!移动)(?<!联通)(?<!电信)(?<!广电)\+\s*(?:[一两二三1-5]张)?(?:手机)?" + _CARD_SPEC + "$")
# 路由器专用流量卡, 电话手表卡, "router SIM card": in a noun compound the last noun is the thing sold,
# so a device word right before a card word says what the card is for (not 插卡路由器, "SIM router")
_FOR_DEVICE_GAP: Final = re.compile(r"(?:[^\w+]|_){0,2}(?:专用|适用|通用|专属|配套|用的?|的)?(?:[^\w+]|_){0,2}")
# ...unless the card word is the device's variant or slot (路由器 SIM卡版, 手表 插卡款)
_DEVICE_VARIANT_AFTER: Final = re.compile(r"[\W_]{0,1}(?:版|款|型|槽|位|口|slot|version|model|tray)")
# "手机 平板 随身WiFi 通用", POS机专用: devices named as where a card works, not the thing sold
_WHERE_IT_WORKS: Final = re.compile(r"[\w\s]{0,8}?(?:通用|可用|适用|都能用|均可)|\s?专用")
_METHOD_ZH: Final = {"shop_id": "按店铺ID匹配", "shop_url": "按店铺网址匹配", "shop_name": "按店铺名称匹配",
                     "shop_name_fuzzy": "按相似店铺名称匹配"}
_ENGLISH_MARKETS: Final = frozenset({"SEA", "GLOBAL", "LATAM", "ID"})
_HEAD_ZH: Final = {"accessory": "配件", "device": "设备/手机", "topup": "充值缴费", "collectible": "收藏品",
                   "other_service": "宽带/云盘等其他电信服务", "module": "通信模块/开发板", "membership": "会员月卡",
                   "card_device": "可插卡设备", "prepaid_card": "预付卡/礼品卡", "card_service": "换卡/补卡服务",
                   "account_vanity": "应用账号靓号", "tariff": "资费套餐（未售卡）", "follower": "粉丝账号"}
_HEAD_EN: Final = {"accessory": "accessory", "device": "device/phone", "topup": "top-up", "collectible": "collectible",
                   "other_service": "other telecom service", "module": "cellular module/dev board",
                   "membership": "membership", "card_device": "device taking a card",
                   "prepaid_card": "gift/prepaid card", "card_service": "card swap/replacement service",
                   "account_vanity": "vanity app-account id", "tariff": "tariff plan without a card",
                   "follower": "follower account"}
_REVIEW: Final = {  # POLICY §8: why a verdict needs a reviewer (zh, en)
    "model_only": ("SIM判定仅依据文本模型", "SIM decision by the text model alone"),
    "weak_cues": ("SIM判定仅依据弱信号", "SIM decision on weak cues only"),
    "evasion_only": ("信号仅经变体读法（拼音/首字母/谐音）得出", "signal read only through an evasion (pinyin/initials/homophone)"),
    "head_conflict": ("配件/设备/模块词与SIM卡词相邻", "an accessory/device/module word next to a SIM word"),
    "negation": ("信号可能被否定或引用", "a signal may be negated or quoted"),
    "prose": ("信号均在叙述、引用或提问的句子中（新闻、问答、定义、建议），非商品标题",
              "every signal sits in a sentence that describes, quotes or asks about the trade (news, Q&A, definition, advice)"),
    "travel_domestic": ("境外卡可能用于国内", "a travel card that may be meant for domestic use"),
    "not_offer": ("文本模型判定其为关于号卡的文字而非商品", "the text model reads it as text about the trade, not an offer"),
}


def _platform(platform: str) -> Platform | None:
    return PLATFORMS.get(normalise_platform(platform) or (platform or "").lower())


def _market(known: Platform | None) -> str:
    return known.market if known else "CN"  # POLICY §7: the China profile is the default


@dataclass
class _Evidence:
    """A listing's fields and hits, with the rules' decision (None: undecided)."""

    title: Text
    description: Text
    hits: list[Hit]
    decision: tuple[bool | None, tuple[str, Hit] | None]
    cue: bool  # a SIM cue the text model may weigh
    review: list[str]
    platform: Platform | None  # looked up once per listing: its market and its countries

    @property
    def market(self) -> str:
        return _market(self.platform)

    @property
    def lang(self) -> str:
        """"zh" | "en": the language of the reasons (English on the markets abroad)."""
        return "en" if self.market in _ENGLISH_MARKETS else "zh"


@dataclass
class _Text:
    """The text part of a verdict (platform-independent but for the language)."""

    sim: bool
    carriers: list[str]
    domestic: list[str]
    foreign: bool
    travel: bool
    codes: dict[str, list[Hit]]
    fired: list[str]
    reasons: list[str]
    review: list[str] = field(default_factory=list)
    confidence: float = 0.95
    contact: bool = False
    offer: float | None = None  # the second opinion's probability when it doubts the offer


class Classifier:
    """``Classifier(matcher=None, use_model=True)``; ``classify``/``classify_many`` → Verdict."""

    def __init__(self, matcher: Any | None = None, use_model: bool = True,
                 model_dir: Path = MODEL_DIR, offer_path: Path | None = OFFER_PATH) -> None:
        self.rules: RuleSet = compiled()
        self.matcher = matcher
        self.use_model = use_model
        self.model_dir = model_dir
        self._model: TextModel | None = None
        if use_model and not (model_dir / "textcat_multilabel").is_dir():
            raise FileNotFoundError(f"no trained model in {model_dir}: run `python -m crawler.classifiers.train`")
        from crawler.classifiers.model import model_hash

        self.version = f"rules-{self.rules.version}" + (f"+model-{model_hash(model_dir)}" if use_model else "")
        # the second opinion on the rules' SIM listings (crawler/classifiers/offer.py), part of the
        # model path; offer_path=None leaves it out (how its own training data is judged)
        self.offer_model = OfferModel(offer_path) if use_model and offer_path is not None else None
        if self.offer_model is not None:
            self.version += f"+offer-{self.offer_model.hash}"
        self.snapshots = list(getattr(matcher, "snapshot_ids", []) or [])
        self.codes = {k: v for k, v in self.rules.data["codes"].items() if not k.startswith("_")}
        self.tariff = frozenset(self.rules.data["groups"]["weak_sim"].get("tariff", []))

    def warm_up(self) -> None:
        """Load the spaCy model now (a crawl calls this before the spider opens, so the first
        listing the rules leave open does not pay ~3 s inside the event loop)."""
        _ = self.model

    @property
    def model(self) -> TextModel | None:
        """The spaCy model, loaded on first need (start-up stays fast when rules decide)."""
        if self.use_model and self._model is None:
            self._model = TextModel(self.model_dir)
        return self._model

    # -- public API -------------------------------------------------------------------------
    def classify(self, listing: Listing | Mapping[str, Any]) -> Verdict:
        return next(self.classify_many([listing]))

    def classify_many(self, listings: Iterable[Listing | Mapping[str, Any]],
                      batch_size: int = 512) -> Iterator[Verdict]:
        """Classify a stream; the model (when used) runs over each batch's undecided listings."""
        batch: list[dict[str, Any]] = []
        for listing in listings:
            batch.append(listing.to_dict() if isinstance(listing, Listing) else dict(listing))
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    # -- internals --------------------------------------------------------------------------
    def _batch(self, batch: list[dict[str, Any]]) -> list[Verdict]:
        prepared = [self._evidence(item) for item in batch]
        probabilities: dict[int, float] = {}
        if self.use_model:
            # The text model reads Chinese (jieba tokens): English listings stay with the rules.
            undecided = [i for i, p in enumerate(prepared)
                         if p.decision[0] is None and p.cue and p.title.has_cjk]
            if undecided:
                texts = (model_text(prepared[i].title.norm, prepared[i].description.norm) for i in undecided)
                probabilities = dict(zip(undecided, self.model.probabilities(texts), strict=True))  # type: ignore[union-attr]
        verdicts = [self._verdict(item, prepared[i], probabilities.get(i)) for i, item in enumerate(batch)]
        if self.offer_model is not None:
            # POLICY §8, a signal that may be quoted: the rules' prose clauses catch the shapes they
            # know; a text model trained on what the rules take for SIM listings (gathered real
            # texts, crawler/classifiers/README.md) gives a second opinion, and a listing it reads
            # as text about the trade is held for a reviewer instead of taken down.
            offers = [i for i, v in enumerate(verdicts) if v.sim_listing]
            texts = (offer_text(verdicts[i].rules_fired, prepared[i].title.norm, prepared[i].description.norm)
                     for i in offers)
            for i, p in zip(offers, self.offer_model.probabilities(texts), strict=True):
                if p < OFFER_THRESHOLD:
                    verdicts[i] = self._verdict(batch[i], prepared[i], probabilities.get(i), offer=p)
        return verdicts

    def _evidence(self, item: dict[str, Any]) -> _Evidence:
        rules = self.rules
        known = _platform(str(item.get("platform") or ""))
        english = _market(known) in _ENGLISH_MARKETS
        title = Text(str(item.get("title") or ""), rules.tables, TITLE_LIMIT)
        description = Text(str(item.get("description") or ""), rules.tables, DESCRIPTION_LIMIT)
        chinese = not english or title.has_cjk
        hits = _supported_initials(
            find_hits(rules, title, "title", chinese, opened := english_open(rules, title, description))
            + find_hits(rules, description, "description", chinese, opened))
        negated = [h for h in hits if h.negated]
        hits = _objects(_drop_described_heads([h for h in hits if not h.negated], title, description))
        sim = _decide(hits)
        cue = any(h.group in _SIM_CUE or h.group.startswith("carrier:") for h in hits)
        review = ["negation"] if any(h.group in _BLACK for h in negated) else []
        # POLICY §8, a signal that may be quoted: when every offer word sits in a question, a
        # definition, a Q&A answer or a report (rules.json "prose"), the text talks about the
        # trade rather than offering it: no listing, and any takedown waits for a reviewer
        offer = [h for h in hits if h.group in _OFFER or h.group.startswith("carrier:")]
        if offer and rules.prose_clauses and _all_prose(rules, title, description, offer) \
                and not (prose_search(rules, title, "offer") or prose_search(rules, description, "offer")):
            review.append("prose")
        return _Evidence(title, description, hits, sim, cue, review, known)

    def _verdict(self, item: dict[str, Any], ev: _Evidence, probability: float | None,
                 offer: float | None = None) -> Verdict:
        lang = ev.lang
        text = self._text_part(ev.title, ev.description, ev.hits, ev.decision, ev.cue, probability, lang,
                               ev.platform.countries if ev.platform else ())
        text.review = list(dict.fromkeys(ev.review + text.review + (["not_offer"] if offer is not None else [])))
        text.offer = offer
        if not text.sim:
            return self._result(text, lang, [], 0, "not_applicable", None, None, [])
        platform = str(item.get("platform") or "")
        codes = list(text.codes)
        reasons: list[str] = []
        authorisation, authorised, match = self._authorise(item, platform, ev.market, text, lang, reasons)
        if authorisation == "unauthorised":
            codes.append("unauthorised_seller")
        order = sorted(codes, key=lambda c: -self.codes[c]["weight"])
        extra = sum(max(0, len(text.codes.get(c, [])) - 1) for c in order)
        risk = 0
        if order:
            risk = min(100, sum(self.codes[c]["weight"] for c in order) + min(15, 5 * extra)
                       + (5 if text.contact else 0))
        return self._result(text, lang, sorted(order, key=list(self.codes).index)[::-1], risk,
                            authorisation, authorised, match, reasons)

    def _result(self, text: _Text, lang: str, violations: list[str], risk: int, authorisation: str,
                authorised: bool | None, match: dict[str, Any] | None, extra_reasons: list[str]) -> Verdict:
        reasons = list(text.reasons)
        fired = list(text.fired)
        for code in violations:
            fired.append(code)
            spec = self.codes[code]
            for hit in text.codes.get(code, [])[:3]:
                reasons.append(f"{spec['zh']}：{_quote(hit, 'zh')}" if lang == "zh" else f"{spec['en']}: {_quote(hit, 'en')}")
            if any(h.evasion or h.via == "compact" for h in text.codes.get(code, [])):
                fired.append(f"evasion:{code}")
        reasons += extra_reasons
        # POLICY §8: a SIM decision of the text model alone is weak evidence (on the real corpus
        # most such decisions were wrong): the violations stand, but the takedown waits for a
        # reviewer's confirmation (the takedown export takes confirmed listings with violations).
        prose = text.sim and "prose" in text.review
        # the second opinion (Classifier._batch) is asked only of SIM listings, and prose is none
        not_offer = text.offer is not None
        model_only = bool(violations) and "sim:model" in fired and "sim:weak_cues" not in fired
        held = model_only or bool(violations and (prose or not_offer))
        if model_only:
            fired.append("takedown:held_for_review")
            reasons.append("SIM判定仅依据文本模型：经人工确认后方可下架" if lang == "zh"
                           else "SIM decision by the text model alone: taken down only after a reviewer confirms")
        if prose or not_offer:
            # read as text about the trade, by the rules' prose clauses or by the second opinion; held
            # here when that is the only reason to wait (else the model-alone reason says it)
            held_here = held and not model_only
            fired += ["takedown:held_for_review"] if held_here else []
            if prose:
                fired.append("review:prose")
                zh, en = "信号均在叙述/引用/提问句中，不作商品论", "every signal is in prose about the trade, not read as an offer"
            else:
                fired.append("not_offer:model")
                zh = f"文本模型判定其为关于号卡的文字而非商品 (p={text.offer:.2f})"
                en = f"text model: text about the trade, not an offer (p={text.offer:.2f})"
            reasons.append(zh + ("：经人工确认后方可下架" if held_here else "") if lang == "zh"
                           else en + (": taken down only after a reviewer confirms" if held_here else ""))
        if violations:
            laws = dict.fromkeys(self.codes[c]["law_zh" if lang == "zh" else "law_en"] for c in violations)
            reasons.append(("法律依据：" if lang == "zh" else "Legal basis: ") + "；".join(laws))
        review = text.review
        confidence = text.confidence
        if review:
            confidence = min(confidence, 0.6)
        review_reasons = [_REVIEW[r][0 if lang == "zh" else 1] for r in review]
        # a text whose every signal is prose (news, a guide, a question, code) is no listing; its
        # violations stay on the verdict so that a reviewer who finds it an offer after all can
        # confirm it into the takedown export (POLICY §8)
        return Verdict(text.sim and not (prose or not_offer), text.carriers, text.foreign, authorised, match, violations, risk,
                       bool(text.sim and violations) and not held, reasons, self.version, list(self.snapshots), fired,
                       authorisation=authorisation, confidence=round(confidence, 2),
                       needs_review=bool(review), review_reasons=review_reasons)

    def _text_part(self, title: Text, description: Text, hits: list[Hit],
                   sim: tuple[bool | None, tuple[str, Hit] | None], cue: bool,
                   probability: float | None, lang: str, home: tuple[str, ...]) -> _Text:
        zh = lang == "zh"
        fired: list[str] = []
        reasons: list[str] = []
        review: list[str] = []
        confidence = 0.95
        groups: dict[str, list[Hit]] = {}
        for hit in hits:
            groups.setdefault(hit.group, []).append(hit)
        head_hits = [h for g in _NEGATIVE if g in groups for h in groups[g]]
        sim_hits = [h for g in _POSITIVE if g in groups for h in groups[g]]
        if head_hits and sim_hits and any(h.field == s.field and abs(h.start - s.start) <= 12
                                          for h in head_hits for s in sim_hits):
            review.append("head_conflict")

        decision, why = sim
        if decision is None:
            if not cue:
                decision = False
            elif probability is not None:
                decision = probability >= 0.5
                fired.append("sim:model" if decision else "not_sim:model")
                reasons.append(f"文本模型判定{'为' if decision else '非'}SIM卡商品 (p={probability:.2f})" if zh
                               else f"text model: {'a' if decision else 'not a'} SIM listing (p={probability:.2f})")
                confidence = 0.5 + abs(probability - 0.5)
                if decision and not _tariff_only(groups, self.tariff) and _weak_decision(groups):
                    # the rules' own fallback agrees: not the model alone, but weak cues still want a reviewer
                    fired.append("sim:weak_cues")
                    review.append("weak_cues")
                else:
                    review.append("model_only")
            elif _tariff_only(groups, self.tariff):
                # without the model, tariff words alone are a tariff for one's own number
                decision = False
                fired.append("sense:tariff")
                reasons.append(f"非SIM卡商品（{_HEAD_ZH['tariff']}）：{_quote(groups['weak_sim'][0], 'zh')}" if zh
                               else f"not a SIM listing ({_HEAD_EN['tariff']}): {_quote(groups['weak_sim'][0], 'en')}")
            else:
                decision = _weak_decision(groups)
                if decision:
                    fired.append("sim:weak_cues")
                    weak = sorted({h.term for h in groups.get("weak_sim", [])})[:4]
                    reasons.append(("SIM卡商品（弱信号）：" if zh else "SIM listing (weak cues): ") + "、".join(weak))
                    review.append("weak_cues")
        elif why is not None:
            tag, hit = why
            fired.append(tag)
            if tag.startswith("sense:"):
                head = tag[6:]
                reasons.append(f"非SIM卡商品（{_HEAD_ZH[head]}）：{_quote(hit, 'zh')}" if zh
                               else f"not a SIM listing ({_HEAD_EN[head]}): {_quote(hit, 'en')}")
            elif tag == "sim:device_plan":
                reasons.append(f"SIM卡商品（随身WiFi/CPE含套餐，内置卡）：{_quote(hit, 'zh')}" if zh
                               else f"SIM listing (data device sold with a plan: built-in card): {_quote(hit, 'en')}")
            elif tag == "sim:plan":
                reasons.append(f"SIM卡商品（套餐式标题）：{_quote(hit, 'zh')}" if zh
                               else f"SIM listing (plan-style title): {_quote(hit, 'en')}")
            else:
                reasons.append(f"SIM卡商品：{_quote(hit, 'zh')}" if zh else f"SIM listing: {_quote(hit, 'en')}")
                if hit.evasion and not any(h.group in _SIM_CUE and not h.evasion for h in hits):
                    review.append("evasion_only")

        carriers = list(dict.fromkeys(h.group[8:] for h in hits if h.group.startswith("carrier:")))
        both = title.norm + " " + description.norm
        for name in foreign_named(self.rules, both):
            if name not in carriers:
                carriers.append(name)
        domestic = [c for c in carriers if c in DOMESTIC_CARRIERS]
        # a place and a number of days make a trip; on a Chinese platform only a Chinese place name
        # does (留学生回国 Canada 30天 is a mainland card for a student coming home)
        trip = any(not (zh and h.via == "english") for h in groups.get("place", [])) and days_named(both)
        travel = "travel" in groups or trip or ("place" in groups and _place_names_card(
            groups, {"title": title.norm, "description": description.norm})) \
            or (not domestic and "domestic_use" not in groups and _esim_day_pack(hits, both))
        # On a Chinese platform a listing with no Chinese at all (Luky2 SIM, Russian Telegram
        # accounts) is written for foreign cards or services: mainland card sellers write Chinese,
        # or pinyin (liuliangka mian shi ming), which the pinyin view reads
        foreign = len(domestic) < len(carriers) or travel or (
            zh and not domestic and not title.has_cjk and not description.has_cjk
            and _LETTER.search(title.norm) is not None and not any(h.via == "pinyin" for h in hits))
        if not decision:
            if not reasons:
                reasons.append("未发现SIM卡商品词" if zh else "no SIM product word found")
            return _Text(False, [], [], foreign, travel, {}, fired, reasons, review, confidence)

        # POLICY §7: a marketplace abroad sells its own countries' cards for use at home, not for
        # travel (Kartu Perdana Telkomsel on Shopee): their black-card words count as a domestic card's
        home_card = foreign and bool(home) and not travel and bool(carriers) and all(
            c in CARRIER_INFO and CARRIER_INFO[c].country in home for c in carriers)
        codes: dict[str, list[Hit]] = {}
        # an account of an app whose id is the phone number (纸飞机账号购买) is a number sold registered
        # (POLICY §4 成品号) as well as an account registration (注册…号)
        number_accounts = [h for h in groups.get("account_sale", []) if any(app in h.term for app in _NUMBER_APPS)]
        for code, spec in self.codes.items():
            found = [h for g in spec["groups"] for h in groups.get(g, [])]
            if code == "pre_registered":
                found += number_accounts
            if not found or not all(g in groups for g in spec.get("needs", [])):
                continue
            if code == "pre_activated" and "buyer_activation" in groups:
                found = [h for h in found if h.group == "pre_activated"
                         and not any(b.field == h.field and b.start < h.end and h.start < b.end
                                     for b in groups["buyer_activation"])]
                if len(found) < len(groups.get("pre_activated", []) + groups.get("pre_activated_weak", [])):
                    fired.append("pre_activated:buyer_activates")
                if not found:
                    continue
            if code == "verification_service" and travel:
                # 香港卡 可接收短信验证码: a travel card's own number receiving texts is the card's
                # feature, not a code-receiving service sold (POLICY §3)
                found = [h for h in found if not (h.term.startswith(("接收", "收")) and _CAN_BEFORE.search(h.before))]
                if not found:
                    fired.append("verification_service:travel_card_feature")
                    continue
            needs_foreign = spec.get("foreign_needs")
            if foreign and needs_foreign and not home_card and not any(g in groups for g in needs_foreign):
                fired.append(f"{code}:foreign_travel_ignored")
                reasons.append(f"境外卡“{found[0].written}”不计（无国内使用/注册用途）" if zh
                               else f'travel card "{found[0].written}" not counted (no domestic use)')
                continue
            if foreign and needs_foreign and not home_card:
                review.append("travel_domestic")
            if "needs" in spec:
                found = found[:1] + [h for g in spec["needs"] for h in groups[g]][:1]
            unique: dict[tuple[str, int], Hit] = {}
            for h in found:
                unique.setdefault((h.field, h.start), h)
            codes[code] = list(unique.values())
            if all(h.evasion for h in codes[code]) and not sim_hits:
                review.append("evasion_only")
        return _Text(True, carriers, domestic, foreign, travel, codes, fired, reasons, review, confidence,
                     contact="contact" in groups)

    def _authorise(self, item: dict[str, Any], platform: str, market: str, text: _Text, lang: str,
                   reasons: list[str]) -> tuple[str, bool | None, dict[str, Any] | None]:
        """POLICY §3/§7: (authorisation, authorised, whitelist_match); reasons appended."""
        zh = lang == "zh"
        matcher = self.matcher
        if market == "CN":
            if text.foreign:  # travel cards and roaming packages for use abroad (POLICY §3)
                return "not_applicable", None, None
            loaded = set(getattr(matcher, "carriers", ()) or ()) if matcher is not None else set()
            loaded_domestic = loaded & DOMESTIC_CARRIERS
            if text.domestic:
                wanted = tuple(c for c in text.domestic if c in loaded)
                for missing in (c for c in text.domestic if c not in loaded):
                    reasons.append(f"未加载{missing}网络代理商名单，未核验授权" if zh
                                   else f"no {missing} agent list loaded: authorisation not checked")
                if not wanted:
                    return "unchecked", None, None
            else:
                if not loaded_domestic:
                    reasons.append("未加载任何国内运营商网络代理商名单，未核验授权" if zh
                                   else "no domestic carrier agent list loaded: authorisation not checked")
                    return "unchecked", None, None
                wanted = ()
        else:
            covers = getattr(matcher, "covers_platform", None)
            if matcher is None or covers is None or not covers(platform):
                reasons.append(f"未加载覆盖{platform}的运营商授权名单，未核验授权" if zh
                               else f"no carrier whitelist covering {platform} loaded: authorisation not checked")
                return "unchecked", None, None
            wanted = tuple(text.carriers)
        shop = {k: _str(item.get(k)) for k in ("shop_id", "shop_url", "shop_name")}
        try:
            result = matcher.match(platform, carriers=wanted, observed=_str(item.get("observed_at")), **shop)
        except ValueError as exc:  # bad observed_at: judged as today, said in the reasons
            reasons.append(f"observed_at 无法解析: {exc}" if zh else f"observed_at unreadable: {exc}")
            result = matcher.match(platform, carriers=wanted, **shop)
        match = _match_dict(result) if (result.authorised or result.method) else None
        label = f"{platform} shop {shop['shop_id'] or shop['shop_url'] or shop['shop_name'] or '?'}"
        names = "、".join(wanted) if wanted else ("国内运营商" if zh else "domestic carrier")
        if result.authorised:
            entry = getattr(result, "entry", None)
            if entry is not None and getattr(entry, "carriers", None):
                names = "、".join(entry.carriers)  # the list that authorises it
            reasons.append(f"在{names}网络代理商名单中 ({label}，{_METHOD_ZH.get(result.method, result.method)})"
                           if zh else result.reason)
            return "authorised", True, match
        reasons.append(f"未在{names}网络代理商名单中 ({label})" if zh
                       else f"not on the {names} agent list ({label})")
        if result.reason and result.method or result.reason and "expired" in result.reason:
            reasons.append(result.reason)
        return "unauthorised", False, match


# an article's body: a description this long whose offer words are all prose makes its title a headline
_ARTICLE_CHARS: Final = 40
_ARTICLE_BODY_CHARS: Final = 80
_POST_TITLE_CHARS: Final = 30
# marketplace titles are short (Taobao's limit is 30 Chinese characters; other platforms' run longer):
# a "title" of more than 60 characters is a sentence of an article (a quoted news paragraph)
_LISTING_TITLE_CHARS: Final = 60
_PRICE: Final = re.compile(r"\d+(?:\.\d+)?\s*元|[¥￥]\s*\d")
# a price or a plan's figures (月租19, 100G): what a seller's sentence-long title or body names
# (a data allowance before a kana or hanzi word too: 20GBデータ通信, 100G流量; not a network's 4G/5G)
_PRICE_OR_PLAN: Final = re.compile(_PRICE.pattern + r"|\d+(?:\.\d+)?\s*块|\$\s*\d|月租\s*\d|\d+\s*(?:g|gb)\b"
                                   r"|(?<![\d.])\d{2,4}\s*(?:g|gb)(?![a-z\d])")


def _all_prose(rules: RuleSet, title: Text, description: Text, offer: list[Hit]) -> bool:
    """Every offer word sits in prose (rules.json "prose"). A title over an article — a
    description of some length whose offer words are all prose — is that article's headline
    (事关你的手机卡、手机号!赶紧自查→ over a police warning): its offer words are the article's."""
    in_title = [h for h in offer if h.field == "title"]
    in_description = [h for h in offer if h.field == "description"]
    # searched once (a prefilter gate, then at most one regex): the title's plainness, the sentence
    # title and the question-over-FAQ test below all ask it
    seller_body = prose_search(rules, description, "seller_voice")
    # plainness (see _plain) is read only for a field holding a word of the plain_only kinds
    plain_title = plain_kinds_open(rules, title) and _plain(rules, title, in_title, description) \
        and not seller_body
    body_open = plain_kinds_open(rules, description)
    plain_body = body_open and _plain(rules, description, in_description, description)
    # most titles end it here: the clause scan is costly
    sentence = _sentence_title(rules, title, description, in_title, seller_body)
    if sentence or mark_prose(rules, title, in_title, plain=plain_title):
        # a shop's voice in the body (号卡办理需要什么条件？ over 下单后…全国包邮) makes a question or
        # heading over it a seller's FAQ; so does a Chinese listing title with nothing below it that names
        # a price in a shop's voice (电信流量卡 19元155G 如何办理 全国包邮) — not a reporter's sentence
        # quoted as a title (記者走訪發現…賣手機卡的小店里…售價一般在200元到10000元)
        if not in_description and (seller_body or (
                title.has_cjk and len(title.norm) <= _LISTING_TITLE_CHARS and _PRICE_OR_PLAN.search(title.norm)
                and prose_search(rules, title, "seller_voice"))):
            return False
        # under a sentence, a body as plain as it (手机卡不用了不能直接扔掉。 over 手机卡属于个人物品…) goes on
        # talking about cards
        if sentence and not any(h.group == "contact" or h.group in _BLACK for h in in_description) \
                and (plain_body if body_open else _plain(rules, description, in_description, description)):
            return True
        # headline words a seller's title may carry too (攻略, "complete guide") head an article only
        # over a plain listing: a black-card word, a figure or a shop's voice in the body is an offer
        if not in_description or (in_title and not _PRICE.search(title.norm) and (
                (prose_search(rules, title, "headline") and not seller_body) or (
                    plain_title and prose_search(rules, title, "plain_headline")
                    and (plain_body if body_open else _plain(rules, description, in_description, description))))):
            return True
        body = prose_clauses(rules, description, plain=plain_body)
        # an article under a question or heading (流量卡与电话卡有什么区别 over an explainer):
        # its body needs one prose clause, not one around every card word of it
        # a sentence-long prose title with no price or plan figure anywhere heads a post
        return mark_prose(rules, description, in_description, body) or (
            bool(in_title) and len(description.norm) >= _ARTICLE_BODY_CHARS and bool(body.spans)) or (
            bool(in_title) and len(title.norm) >= _POST_TITLE_CHARS and not _PRICE_OR_PLAN.search(title.norm)
            and not _PRICE_OR_PLAN.search(description.norm)
            # a title that is prose only by words sellers use too ("Complete Guide: … SIM card bundle") heads no post
            and (not plain_title or _covered(prose_clauses(rules, title, plain=False), in_title)))
    if len(description.norm) < _ARTICLE_CHARS:
        return False
    # a title that offers outright is outweighed only by an article's prose (news, a court paper,
    # code), never by what a seller writes too under its own title (advice, setup steps, a policy:
    # rules.json "offer_words_only"); the body's own offer words were prose, or were all void as
    # commentary (出售、出租、出借…涉嫌违法)
    body = prose_clauses(rules, description, article_only=True, plain=plain_body)
    return mark_prose(rules, description, in_description, body) and (bool(in_description) or bool(body.spans))


# a short sentence in a C2C seller's words is a listing (自用联通卡转让，号码好记。 移动大流量卡，可打电话，可选号。
# 广电5G卡，192号段，全国可用。 — a review's probes of Xianyu and 号卡 agents' wording)
_SENTENCE_LISTING: Final = re.compile(r"转让|转给|转手|便宜|拍下|可拍|的拍|包邮|选号|号码可选|自选号|全国通用|不限速|可打电话|"
                                      r"正品|招募|上新|可过户|秒发|现货|未激活|免流|号段|归属地|月租|可用|正规")
# a shop's own sentence: a buyer's verb (本人长期求购…号码), a call to act or a delivery (立即办理, 免费配送到家),
# a link to the shop — in the title also an offer verb opening it (出优质靓号…。) and the shop speaking
# (我们互联网渠道的卡…。), which in the body an article's writer says too (今天咱们就来聊聊)
_SENTENCE_OFFER_BODY: Final = re.compile(r"求购|收购|欢迎|咨询|立即(?:办理|申请|领取|购买)|免费领|配送|https?://")
_SENTENCE_OFFER: Final = re.compile(r"^\s*(?:出|售|卖|收)|我们|咱们|" + _SENTENCE_OFFER_BODY.pattern)


def _sentence_title(rules: RuleSet, title: Text, description: Text, in_title: list[Hit], seller_body: bool) -> bool:
    """A Chinese "title" ending on a full stop is a sentence of a text about cards (流量卡真的不能借。,
    一张手机卡最多能办3张副卡。): sellers' titles end on a word, a figure or a bracket. Only with no price or
    plan figure, no shop's voice in the listing (_SENTENCE_OFFER*), no black-card word and no
    contact, as a shop's own sentence (这些卡都是三大运营商的正规电话卡…。 over a link to its 号卡商城)
    or an ad quoted in the news (给你这些卡吧,能直接打电话,不用实名。) keeps its offer.
    Measured on the dev and gathered texts: of 335 such titles 36 are SIM listings, 20 of them with
    no figure (the shops' and ads' own sentences), against 79 texts about cards read as offers."""
    return title.has_cjk and title.norm.rstrip().endswith("。") \
        and not any(h.group == "contact" or h.group in _BLACK for h in in_title) \
        and not _SENTENCE_OFFER.search(title.norm) and not _SENTENCE_OFFER_BODY.search(description.norm) \
        and not (len(title.norm) <= _POST_TITLE_CHARS and _SENTENCE_LISTING.search(title.norm)) \
        and not seller_body and _plain(rules, title, in_title, description)


def _covered(clauses: Spans, hits: list[Hit]) -> bool:
    return all(clauses.covers(h.start, h.end) for h in hits)


# a C2C seller's words of sale in a title (感觉用不上了 出一张…, 怎么都用不完 转让): a forum's question or
# opinion words beside them are a seller's chat, not a post about cards
_C2C_SALE: Final = re.compile(r"转让|出售|(?:低价|便宜|直接|只|批量|急|闲置)出|出[一几两]?[张个批]|带走|要的来|要的私|(?:^|\s)出(?:\s|$|卡)")


def _plain(rules: RuleSet, text: Text, offer: list[Hit], description: Text) -> bool:
    """A field with no price or plan figure, no shop's voice (本店, 下单, 包邮: rules.json
    "seller_voice_patterns"), no C2C word of sale in a title (转让, 出一张), and no black-card word
    unless the listing's body is an article (80+ characters with news, law, Q&A or other prose
    that sellers do not write): headline words that
    sellers' titles carry too (攻略, 测评, "complete guide": rules.json "plain_only") may make it
    prose. A figure or a shop's voice makes them a seller's (流量卡选购攻略 19元100G; 免实名流量卡攻略
    over 本店的卡…直接拍), and a black-card word is never hidden behind one outside an article
    (免实名流量卡 攻略; 收卡的完整攻略 over 收卡流程：一、把卡寄给我)."""
    if _PRICE_OR_PLAN.search(text.norm) or prose_search(rules, text, "seller_voice") or (
            text is not description and _C2C_SALE.search(text.norm)):  # a title's: articles say 出售 too
        return False
    if not any(h.group in _BLACK or h.group == "iot" for h in offer):
        return True
    return len(description.norm) >= _ARTICLE_BODY_CHARS and bool(prose_clauses(rules, description, plain=False).spans)


def _quote(hit: Hit, lang: str) -> str:
    """标题含“免石名”(=免实名): what the seller wrote, and what it stands for when that differs."""
    shown = hit.written or hit.term
    differs = hit.evasion or _compact(shown) != _compact(hit.term)
    if lang == "zh":
        where = {"title": "标题", "description": "描述"}.get(hit.field, hit.field)
        return f"{where}含“{shown}”(={hit.term})" if differs else f"{where}含“{shown}”"
    return f'{hit.field} contains "{shown}" (= {hit.term})' if differs and hit.via != "english" \
        else f'{hit.field} contains "{shown}"'


_NON_WORD: Final = re.compile(r"[\W_]+")


def _compact(text: str) -> str:
    return _NON_WORD.sub("", text).lower()


def _decide(hits: list[Hit]) -> tuple[bool | None, tuple[str, Hit] | None]:
    """The rules' SIM decision (None: undecided), its reason kept for ``_text_part``."""
    if not hits:
        return None, None  # most listings of other goods: none of the checks below can fire
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.group, []).append(hit)
    if "account_vanity" in groups and not any(g in groups for g in ("product", "iot", "brand_card")) \
            and not any(g.startswith("carrier:") for g in groups):
        # 续费靓号, QQ靓号: a vanity id of an app account (renewed, bought with points), not a phone
        # number — the listing's number words are that id (POLICY 1 lists phone numbers only)
        hits = [h for h in hits if h.group != "number"]
        groups.pop("number", None)
    # bulk words next to a gift or stored-value card are that card's trade (批量提交无效卡 … 卡密)
    black = any(g in groups and not (g == "bulk_trading" and "prepaid_card" in groups) for g in _BLACK)
    # A travel or black-card word naming the card itself (日本卡, 成品卡) — not next to a gift or
    # prepaid card, which is "不记名卡" in its own trade (礼品卡为不记名卡).
    naming = "prepaid_card" not in groups
    naming = naming and "membership" not in groups
    positives = [h for h in hits if (h.group in _POSITIVE or (
        naming and h.group in ("travel", "no_real_name", "pre_registered", "pre_activated", "bulk_trading")
        and (h.term.endswith(("卡", "号")) or "卡源" in h.term or "号源" in h.term))
        or (naming and h.group in _CARD_STATE and not h.negated and _bare_card(h))
        or (h.group == "plan_card_cued" and _applied_for(groups))
        # 四件套 (bank card + U盾 + phone card + ID copy, DOMAIN.md) holds a phone card, bank card beside it or not
        or (h.group == "pre_registered" and h.term.endswith(("四件套", "4件套"))))
        and not _describes(h, hits, groups) and not _audience(h, groups) and not _app_card_given(h, groups)]
    if "follower" in groups or ("account_proof" not in groups and not any(
            app in h.term for h in groups.get("account_sale", []) for app in _NUMBER_APPS)):
        # an app account sold for its followers (快手号批发 带粉), or with no number, registration or
        # real-name word (QQ账号购买平台): an account shop, not a registration service; an account of
        # an app whose id is the phone number (WhatsApp账号购买) is a registered number sold
        positives = [h for h in positives if h.group != "account_sale"]
    heads = [h for g in _HEADS for h in groups.get(g, []) if not _freebie(h, hits)
             and not (h.group == "card_device" and _where_a_card_works(h, groups))
             and not _part_of_card(h, groups)
             # 手机卡/银行卡…卖给我,高价收购: a bank card bought beside the phone card is the same offer (两卡)
             and not any(b.field == h.field and b.start <= h.start and h.end <= b.end for b in groups.get("buy_cards", []))]
    # JD's memory cards call themselves 手机卡 (存储卡64GTF高速手机卡): beside a carrier or a phone card's own
    # word (流量卡 送一张32G内存卡, 电信手机卡+32G内存卡 套装) a memory card is an add-on; beside a bare 手机卡 or
    # SIM卡 (a phone's slots, 把内存卡、SIM卡卸下) it is what the listing is about
    if any(h.term in _MEMORY_CARDS for h in heads) and (any(g.startswith("carrier:") for g in groups) or any(
            p.term not in _BARE_CARD_WORDS for p in positives)):
        heads = [h for h in heads if h.term not in _MEMORY_CARDS]
    # a top-up or card service only the description names still heads (充值送流量, 已有流量包)
    titled = any(h.field == "title" for h in positives)
    heads = [h for h in heads if not _described_only(h, titled)]
    # 不含卡, 需自备卡, 另拍: the listing itself says no card comes with the goods (POLICY §1)
    excluded = any(h.term in _CARD_EXCLUDED for h in groups.get("device", []))
    if excluded:
        positives = [h for h in positives if h.group != "builtin_card"]
    # 送电话卡, 赠送电话卡一张: a card given with the goods is a card sold (POLICY §1)
    given = [h for h in positives if h.group in ("product", "iot", "brand_card") and (
        _FREEBIE_BEFORE.search(h.before) or _INCLUDED_AFTER.match(h.after)
        or (h.term.endswith("卡") and _BUNDLED_BEFORE.search(h.before) and not excluded))]
    # 开通/办理 make an eSIM a service sold (手表 eSIM 开通); next to other cards they are the
    # carrier's everyday words (新老星卡用户均可办理)
    esim_service = "esim_service" in groups and any("sim" in h.term for h in positives)
    strong = black or given or any(h.group in _STRONG_POSITIVE for h in positives) \
        or esim_service or ("iot" in groups and "iot_use" in groups)
    decision: bool | None = None
    why: tuple[str, Hit] | None = None
    # Buying is not a SIM cue against collectibles: collectors buy old payphone cards (收购 老电话卡).
    if positives and "collectible" in groups and not any(g in groups for g in (
            "weak_sim", "no_real_name", "pre_registered", "pre_activated", "bulk_trading", "verification",
            "iot", "number")):
        decision, why = False, ("sense:collectible", groups["collectible"][0])
    elif positives and heads and not strong and not any(g in groups for g in ("plan_fee", "plan_minutes")):
        decision, why = False, (f"sense:{heads[0].group}", heads[0])
    elif positives and not titled and not strong and (topup := _titled_topup(groups)) is not None:
        # 全国联通话费慢充 over "携号转网、副卡、空号不能充值": the title sells a top-up, the description's card
        # words say which lines it reaches
        decision, why = False, ("sense:topup", topup)
    elif positives and not titled and not strong and not any(g in groups for g in _PLAN_TERMS) \
            and (device := _titled_phone(groups)) is not None:
        # "Apple iPhone 12 64GB Unlocked" over "works with any GSM SIM card": the title sells the phone, the
        # description's card words say which cards it takes
        decision, why = False, ("sense:device", device)
    elif positives:
        decision, why = True, ("sim:product", positives[0])
    elif (device_plan := _device_plan(groups)) is not None:
        decision, why = True, ("sim:device_plan", device_plan)
    elif _plan_style(groups):
        decision, why = True, ("sim:plan", next(h for g in _PLAN + ("zero_rating",) if g in groups for h in groups[g]))
    elif (named := _zero_rated_card(groups) or _foreign_data_plan(groups) or _card_with_allowance(groups)
          or _card_with_feature(groups) or _travel_day_plan(groups) or _carrier_card(groups)) is not None:
        decision, why = True, ("sim:plan", named)
    elif any(g in groups and not (g == "membership" and all(_part_of_card(h, groups) for h in groups[g]))
             for g in _NEGATIVE):
        first = next((h for g in _HEADS for h in groups.get(g, [])), None) or \
            next(h for h in hits if h.group in _NEGATIVE)
        decision, why = False, (f"sense:{first.group}", first)
    return decision, why


# the SIM cues, black-card and plan words that make a listing's initials an evasion; not
# 全国通用 / 国内可用 (iot_use, domestic_use), which chargers and gift cards say too
_INITIALS_SUPPORT: Final = frozenset((*_SIM_CUE, *_BLACK, "card_apply", "plan_volume", "zero_rating"))
_CJK: Final = re.compile(r"[\u4e00-\u9fff]")


def _all_initials(hit: Hit) -> bool:
    """Typed initials only (DHK for 电话卡, MRZ for 免认证): as many letters as the term has syllables."""
    if hit.via != "pinyin":  # most hits: no string work on the hot path
        return False
    written = hit.written.replace(" ", "").replace("-", "")
    return written.isascii() and written.isalpha() and len(written) == len(_CJK.findall(hit.term))


def _supported_initials(hits: list[Hit]) -> list[Hit]:
    """Initials are a brand's or a model's letters as often as an evasion (DHK电热水壶, MRZ 运动裤): they
    count only beside another SIM or plan word of the listing, or another term's initials (sjk mrz)."""
    initials: list[Hit] = []
    others: list[Hit] = []
    for hit in hits:
        (initials if _all_initials(hit) else others).append(hit)
    if not initials:
        return hits
    if len({h.term for h in initials}) >= 2 or any(
            h.group in _INITIALS_SUPPORT or h.group.startswith("carrier:") for h in others):
        return hits
    return others


def _applied_for(groups: dict[str, list[Hit]]) -> bool:
    """A plan-card name that is also everyday or game slang (歪卡 in gacha games, 乐享卡 a stored-value
    card, 网红卡 an influencer's profile card) names a phone card only with an application or plan
    cue (歪卡 …立即免费申请, 网红卡 …归属地): gacha logs and member cards carry neither."""
    # not a bare 流量: an influencer's 流量 is traffic
    return "card_apply" in groups or any(g in groups for g in _PLAN) or any(g.startswith("carrier:") for g in groups) \
        or any(h.term in _CARD_FEATURES and h.term != "流量" for h in groups.get("weak_sim", []))


# black-card words that state what a card is (实名好的卡, 卡已激活, 这些卡…不用实名): next to a bare 卡
_CARD_STATE: Final = ("no_real_name", "pre_registered", "pre_activated", "pre_activated_weak")
# a bare 卡 in the hit's clause: standing alone or after a determiner (卡已激活, 实名好的卡, 这些卡, 新卡),
# never the end of another kind of card (学习卡已激活, 用户卡已激活, 月卡已激活: a word before 卡 names
# the kind; a phone card's own word is a product hit of its own)
_BARE_CARD: Final = re.compile(r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=[的张此该这那些新旧老好黑白实副主整空成]))卡(?![托槽针套贴座券包片册])")


def _bare_card(hit: Hit) -> bool:
    """A card-state word with a bare 卡 right before or after it in its clause (卡已激活,
    实名好的卡): the card sold is a phone card stated to be registered/activated (POLICY §4)."""
    return _BARE_CARD.search(hit.before) is not None or _BARE_CARD.search(hit.after[:4]) is not None


# given with the goods, a few words before the gift (下单送一年爱奇艺卡)
_GIFT_BEFORE: Final = re.compile(r"(?:送|赠)\w{0,4}$")
# the morphemes of co-branded plan cards (百度圣卡, 腾讯王卡, 蚂蚁宝卡): rules.json brand_card's third pattern
_PLAN_CARD_MORPHEMES: Final = "宝王圣乐花神星强鱼"


def _app_card_given(hit: Hit, groups: dict[str, list[Hit]]) -> bool:
    """An app's own card given with other goods (创维电视 …送爱奇艺卡, 送一年优酷卡) is a membership gift; a
    carrier's or a co-branded plan card given (送联通大王卡, 赠百度圣卡) is a phone card sold with them."""
    return hit.group == "brand_card" and _GIFT_BEFORE.search(hit.before) is not None \
        and hit.term[-2:-1] not in _PLAN_CARD_MORPHEMES and not any(
            c.field == hit.field and hit.start <= c.start and c.end <= hit.end
            for g, carriers in groups.items() if g.startswith("carrier:") for c in carriers)


def _objects(hits: Iterable[Hit]) -> list[Hit]:
    """Buying words without an object (高价收购) are card buying only in a listing that names a
    card or a number; otherwise they are dropped (gold, cars and app accounts are bought too).
    A bare 收卡 whose listing names a gift or stored-value card and nothing of a phone card is that
    card's trade (百分百收卡网_礼品卡兑换, 收卡啦 … 加油卡回收): gift-card recyclers call themselves so."""
    hits = list(hits)
    if any(h.term == "收卡" for h in hits) and any(h.group == "prepaid_card" for h in hits) and not any(
            h.group in _TELECOM_OBJECT or h.group.startswith("carrier:") for h in hits):
        hits = [h for h in hits if h.term != "收卡"]
    if not any(h.group == "buy_generic" for h in hits):
        return hits
    named = any(h.group in _TELECOM_OBJECT for h in hits)
    return [replace(h, group="buy_cards") if h.group == "buy_generic" else h
            for h in hits if h.group != "buy_generic" or named]


def _titled_topup(groups: dict[str, list[Hit]]) -> Hit | None:
    """A top-up the title names, with no plan word or card name beside it in the title."""
    if any(h.field == "title" for g in (*_PLAN, "plan_card", "plan_card_cued", "card_name") for h in groups.get(g, [])):
        return None
    return next((h for h in groups.get("topup", []) if h.field == "title"), None)


# "Bring Your Own Phone", "for your phone", "texts to any phone": the buyer's phone, not one sold;
# "Unlocked Phones Only": the phones a card fits
_BUYERS_PHONE_BEFORE: Final = re.compile(r"\b(?:own|your|for|any|all|to)\s+(?:\w+\s+)?$")
_ONLY_AFTER: Final = re.compile(r"(?:\s+phones?)?\s+only\b")
# a card's terms, which a phone's listing does not state: a plan's fee, data, minutes, and days
_PLAN_TERMS: Final = (*_PLAN, "plan_days")


def _titled_phone(groups: dict[str, list[Hit]]) -> Hit | None:
    """An English title naming the device sold (an unlocked phone, a tablet, a router) — not its card
    slots (dual SIM, no SIM) and not the buyer's own phone."""
    return next((h for h in groups.get("device", []) if h.field == "title" and h.via == "english"
                 and "sim" not in h.term and not _BUYERS_PHONE_BEFORE.search(h.before)
                 and not _ONLY_AFTER.match(h.after)), None)


def _described_only(head: Hit, titled: bool) -> bool:
    """A device, slot or membership only the description names, beside a titled card or plan, is
    where the card goes or what comes with it ("for unlocked smartphones, tablets and hotspots",
    可换卡槽, 办卡送会员, 激活后插入手机并拨打一次电话), not what is sold."""
    return titled and head.field != "title" and head.group in _DESCRIBED_HEADS


def _plan_style(groups: dict[str, list[Hit]]) -> bool:
    """An issuer (a carrier, or a card name such as 春风卡 / 湖南特供卡) + at least two of monthly
    fee, data allowance (120G流量, or a bare 280G), minutes, and no top-up/device/other head; with
    no issuer, a fee and minutes with data or a phone line's own service (来电显示)."""
    data = "plan_data" in groups or "plan_volume" in groups
    # the apps a zero-rated plan names (定向：芒果TV) are no memberships sold, nor is a membership a
    # plan gives with its fee and data or minutes (月费¥59=40G+视频会员; 19元/月 …180G国内流量 + 会员权益)
    membership = "membership" in groups and "zero_rating" not in groups and not (
        "plan_fee" in groups and (data or "plan_minutes" in groups))
    titled_plan = any(h.field == "title" for g in _PLAN for h in groups.get(g, []))
    if membership or any(not _described_only(h, titled_plan)
                         for g in ("device", "module", "accessory", "other_service", "prepaid_card",
                                   "collectible", "card_device", "card_service") for h in groups.get(g, [])):
        return False
    # a top-up word only in the description of a title that states a plan or names the card is the
    # card's own top-up (充值激活后…赠送, 不充值无法享受: POLICY's 先激活充值后发货; 广东省内卡 over its
    # plans and 提前2-3天充值), not a top-up sold
    titled_card = titled_plan or any(h.field == "title" for g in ("card_name", "brand_card") for h in groups.get(g, []))
    if "topup" in groups and not (titled_card and all(h.field == "description" for h in groups["topup"])):
        return False
    # an issuer: a carrier, a card name, or an MVNO-shaped brand token (咔咔通信, XX互联)
    # zero-rated app data (免流) is a phone plan's feature: it stands for the issuer (30GB免流)
    issuer = "card_name" in groups or "brand_issuer" in groups or "zero_rating" in groups \
        or any(g.startswith("carrier:") for g in groups)
    if issuer:
        return data + ("plan_fee" in groups) + ("plan_minutes" in groups) >= 2
    # no issuer named: a monthly fee and data with minutes too, or with a new line's application cue
    # (29元235G全国流量+100分钟通话; 19元 155G 首月免费), or shipped with data named as such (19元155G通用流量 全国包邮:
    # a data pack is never shipped; a bare 64G is a memory card's too): only a new phone plan has them all; so has a fee
    # with minutes and a phone line's own service (月租6元 …语音0.12元/分钟 …来电显示, 短信0.1元/条)
    return "plan_fee" in groups and (
        (data and ("plan_minutes" in groups or "card_apply" in groups))
        or ("plan_data" in groups and "ships" in groups)
        or ("plan_minutes" in groups and "phone_line" in groups))


# a plan, or data a device without a card could not promise (无限流量: 自带流量 in other words;
# "Pocket WiFi 4G Unlimited", a rental's unlimited data)
_DEVICE_PLAN_WEAK: Final = frozenset({"月租", "低月租", "月租低", "套餐", "包月", "包年", "流量卡套餐", "无限流量",
                                      "全国流量", "通用流量", "不限量", "unlimited"})
_CARD_EXCLUDED: Final = frozenset({"不含卡", "需自备卡", "自备卡", "不带卡", "不送卡", "无卡", "需另购", "另拍", "需另拍",
                                   "不含流量"})
# cellular routers of a home or a firm: a Taobao SKU (套餐二：送网线) or a tenant's 包月 is no plan sold with one
_ROUTER_TERMS: Final = frozenset({"4g路由器", "4g无线路由器", "插卡路由器"})
# data devices that stay put and switch networks over the card inserted (not a pocket WiFi's own cards)
_FIXED_DATA_DEVICES: Final = _ROUTER_TERMS | {"cpe", "cpe路由器"}


def _device_plan(groups: dict[str, list[Hit]]) -> Hit | None:
    """A pocket WiFi / CPE sold with a monthly plan has a built-in card (POLICY 1), unless the
    listing says the card is not included (不含卡, 需自备卡)."""
    # rules.json's device phrases all say the buyer brings the card (卡要自己办, 自备SIM卡)
    if "data_device" not in groups or any(h.term in _CARD_EXCLUDED or h.via == "phrase"
                                          for h in groups.get("device", [])):
        return None
    # a device that takes a card (插卡, "unlocked") promises unlimited data of the card the buyer inserts, and a
    # router's 套餐/包月 is a SKU or a tenant's word: for both only a stated fee or allowance is a plan sold with it
    takes_card = any(h.term in ("插卡", "unlocked") for h in groups.get("device", [])) or any(
        _SUPPORT_BEFORE.search(h.before) for g in groups if g == "product" or g.startswith("carrier:") for h in groups[g])
    # a power-bank WiFi (充电宝+WiFi, a phrase) is a router's kin: its 套餐 may be a SKU too
    stated_only = takes_card or all(h.term in _ROUTER_TERMS or h.via == "phrase" for h in groups["data_device"])
    weak = any(h.term in _DEVICE_PLAN_WEAK for h in groups.get("weak_sim", []) + groups.get("iot_use", []))
    # a portable WiFi switching among the three networks by itself (三网切换, 云SIM) holds a card of each, unless
    # it takes the buyer's; CPEs and routers switch over the card inserted
    switching = "network_switch" in groups and not takes_card and any(
        h.term not in _FIXED_DATA_DEVICES for h in groups["data_device"])
    planned = "plan_fee" in groups or "plan_data" in groups or switching or (not stated_only and weak)
    # real-name registration of the device with a carrier (联通…进行实名): only a card is registered
    registered = any(g.startswith("carrier:") for g in groups) and any(
        h.term == "实名" for h in groups.get("account_proof", []))
    return groups["data_device"][0] if planned or registered else None


# heads that a lawful card's name may hold (哔哩哔哩卡 is a co-branded data card, not a membership)
_NAME_HEADS: Final = ("membership",)


def _names_card(head: Hit, groups: dict[str, list[Hit]]) -> bool:
    """A head word inside a brand card's name (哔哩哔哩 of 哔哩哔哩卡) names the card, not the thing sold."""
    return head.group in _NAME_HEADS and any(
        b.field == head.field and b.start <= head.start and head.end <= b.end for b in groups.get("brand_card", []))


_ZERO_RATED_EXCLUDED: Final = ("topup", "device", "module", "accessory", "other_service", "prepaid_card",
                               "collectible", "card_device", "card_service")


def _part_of_card(head: Hit, groups: dict[str, list[Hit]]) -> bool:
    """A head word that is part of the card, not the thing sold: inside the card's name
    (腾讯视频卡) or a membership given with it (…附赠芒果TV会员)."""
    return _names_card(head, groups) or _perk(head, groups)


def _title_card_name(groups: dict[str, list[Hit]]) -> Hit | None:
    return next((h for h in groups.get("card_name", []) if h.field == "title"), None)


def _zero_rated_card(groups: dict[str, list[Hit]]) -> Hit | None:
    """A card name in the title with zero-rated app data (芝士卡 …APP免流) names a phone card: a
    member card has no data plan. Its VIP perks (尊享VIP会员) do not make it a membership."""
    # a top-up line priced inside the card's own plan (5元/500MB 当月有效 next to 0.19元/分钟) is an add-on
    excluded = [g for g in _ZERO_RATED_EXCLUDED if g in groups
                and not (g == "topup" and ("plan_minutes" in groups or "plan_fee" in groups))]
    if "zero_rating" not in groups or excluded:
        return None
    return _title_card_name(groups)


# a membership given with a card (赠送芒果TV会员, 即为百度网盘超级会员, 3个月B站大会员等): its perk
_PERK_BEFORE: Final = re.compile(r"(?:送|赠|附赠|领取?|获得|即为|享受?|权益|福利|\d+个月|一个月)[的\W_]{0,2}\w{0,4}$")
_PERK_AFTER: Final = re.compile(r"\w{0,4}?(?:一个月|\d+个月)")


def _perk(head: Hit, groups: dict[str, list[Hit]]) -> bool:
    """A membership in the description, given with the card the title names (百度云圣卡 …在用卡即为
    百度网盘超级会员), is the card plan's perk, not the thing sold: a membership card names its
    membership in the title (爱奇艺会员卡)."""
    def shaped(h: Hit) -> bool:
        return _PERK_BEFORE.search(h.before) is not None or _PERK_AFTER.match(h.after) is not None

    if head.group == "membership" and head.field == "title":
        return _title_perk(head, groups)
    if head.group != "membership" or head.field != "description" or not (shaped(head) or any(
            shaped(m) for m in groups["membership"] if m.field == head.field and 0 <= head.start - m.end <= 4)):
        return False
    # the title names the membership (爱奇艺会员卡); an app's name inside a co-branded card's name (腾讯视频卡) does not
    # (a membership the title gives with its card, 天王卡99元送视频会员, is that card's perk too: a
    # description repeating the title must not undo it)
    if any(h.field == "title" and not _part_of_card(h, groups) for h in groups.get("membership", [])):
        return False
    # a bare 会员 (首充送会员) is given with gym and beauty cards too: a card name alone is no phone card then
    app = head.term != "会员" or any(m.term != "会员" for m in groups["membership"] if m.field == head.field
                                    and abs(head.start - m.end) <= 4)
    named = ("card_name", "brand_card", "product") if app else ("brand_card", "product")
    return any(h.field == "title" for g in named for h in groups.get(g, []))


# a membership given with the card in the title itself (天王卡99元送视频会员)
_GIVEN_BEFORE: Final = re.compile(r"(?:送|赠|附赠)[\W_]{0,2}\w{0,2}$")


def _title_perk(head: Hit, groups: dict[str, list[Hit]]) -> bool:
    """A membership the title gives (送/赠) after the phone card it names is the card's perk
    (天王卡99元送视频会员), and so is an app whose data the card zero-rates (联通大王卡 腾讯视频免流); a
    membership card's own title names it first (爱奇艺年卡 送腾讯视频会员)."""
    zero_rated = head.after.lstrip().startswith(("免流", "定向流量", "定向免流", "专属流量"))
    if not zero_rated and _GIVEN_BEFORE.search(head.before) is None and not any(  # 送爱奇艺会员: 会员 joined to a given app
            m.field == "title" and 0 <= head.start - m.end <= 4 and _GIVEN_BEFORE.search(m.before)
            for m in groups["membership"]):
        return False
    return any(h.field == "title" and h.end <= head.start and not h.negated
               for g in ("product", "brand_card", "plan_card") for h in groups.get(g, []))


# weak cues only a phone card's plan has (归属地, 流量, 来电显示); not 激活/开卡/套餐/首充/合约期, which
# game, bank, gym and service cards share
_CARD_FEATURES: Final = frozenset({"月租", "低月租", "通用流量", "定向流量", "全国流量", "流量", "无限流量", "归属地",
                                   "语音分钟", "免费通话", "号段", "新号", "5g套餐", "4g套餐", "号码", "手机号码",
                                   "来电显示"})


def _card_with_feature(groups: dict[str, list[Hit]]) -> Hit | None:
    """A card name in the title with a phone plan's feature (金神卡 …流量是先扣费, 雷神卡 …流量是先扣费)
    or with a membership given as its perk (星芒卡 …附赠芒果TV会员) names a phone card; a head
    (a membership sold, a device, a top-up …) keeps it out."""
    members = groups.get("membership", [])
    # a phone named in the description is where the card goes (手机上网流量仅限…), not a device sold
    excluded = any(g in groups for g in _ZERO_RATED_EXCLUDED if g != "device") or any(
        h.field == "title" for h in groups.get("device", []))
    if excluded or not all(_part_of_card(h, groups) for h in members):
        return None
    if not any(h.term in _CARD_FEATURES for h in groups.get("weak_sim", [])) and not any(
            _perk(h, groups) for h in members):
        return None
    return _title_card_name(groups)


def _carrier_card(groups: dict[str, list[Hit]]) -> Hit | None:
    """A card name after a mainland carrier's name in the title (【电信】零元易通卡, 中国电信/单卡,
    电信湖南省内专用卡) is that carrier's card. Not a carrier's name inside the card name (天翼支付卡,
    联通话费卡, 支持移动卡: a payment, top-up or compatible card), nor beside a head (a top-up,
    device or membership)."""
    if any(g in groups for g in _ZERO_RATED_EXCLUDED + ("membership",)):
        return None
    # not after 支持 (支持移动联通电信卡: the networks a device takes), nor a name that is carriers' names
    carriers = [h for g, hits in groups.items() if g.startswith("carrier:") and g[8:] in DOMESTIC_CARRIERS
                for h in hits if h.field == "title" and not _SUPPORT_BEFORE.search(h.before)]
    return next((card for card in groups.get("card_name", []) if card.field == "title"
                 and not card.term.startswith(_MNO_NAMES)
                 and any(carrier.end <= card.start for carrier in carriers)), None)


# memory sizes: a card name next to one of these is a storage card's capacity, not a data allowance
_MEMORY_SIZES: Final = frozenset({8, 16, 32, 64, 128, 256, 512, 1024, 2048})
_NUMBER: Final = re.compile(r"\d+")


def _card_with_allowance(groups: dict[str, list[Hit]]) -> Hit | None:
    """A card name joined to a data allowance in the title (春风卡280G, 星卡205G版) is a plan card named
    by its allowance; a memory size there (高速卡128G) is a storage card's capacity."""
    if any(g in groups for g in _ZERO_RATED_EXCLUDED + ("membership",)):
        return None
    for card in (h for h in groups.get("card_name", []) if h.field == "title"):
        for volume in (h for h in groups.get("plan_volume", []) if h.field == "title"):
            joined = 0 <= volume.start - card.end <= 1 or 0 <= card.start - volume.end <= 1
            size = _NUMBER.search(volume.term)  # plan_volume terms always hold a number (280g)
            if joined and size is not None and int(size.group()) not in _MEMORY_SIZES:
                return card
    return None


# data words of a prepaid/travel data card (吃到饱, 不降速: Taiwanese "unlimited, unthrottled")
_DATA_TARIFF: Final = frozenset({"流量", "不降速", "吃到饱", "无限流量", "不限速", "全国流量", "通用流量"})


# what a card can do (可接收, 能收, 支持接收): its own number's feature
_CAN_BEFORE: Final = re.compile(r"(?:可|能|可以|支持|均可|都能|正常)[\W_]{0,2}接?$")
# a data pack by days (1-30天可选 … 流量包, 7 days 5GB): the shape of a travel eSIM's plans
_DAY_PACK: Final = re.compile(r"流量包|\d+\s*(?:g|gb)(?![a-z])|\bdata\b")


def _esim_day_pack(hits: list[Hit], both: str) -> bool:
    """An eSIM sold as data packs by days with no domestic carrier is a travel eSIM (QR-code
    eSIMs of mainland carriers are watch add-ons, not day packs): 免实名 there is the truthful
    travel wording (POLICY §3)."""
    return any(h.group == "product" and h.term.replace("-", "").startswith("esim") for h in hits) \
        and days_named(both) and _DAY_PACK.search(both) is not None


def _foreign_data_plan(groups: dict[str, list[Hit]]) -> Hit | None:
    """A foreign carrier named with data words and no head (3天不降速吃到饱 - 中华电信) is its
    prepaid data card or roaming package: a SIM listing (POLICY §3, never a domestic tariff)."""
    if any(g in groups for g in _ZERO_RATED_EXCLUDED + ("membership",)):
        return None
    foreign = next((h for g, hs in groups.items() if g.startswith("carrier:") and g[8:] not in DOMESTIC_CARRIERS
                    for h in hs), None)
    if foreign is None or not any(h.term in _DATA_TARIFF for h in groups.get("weak_sim", [])):
        return None
    return foreign


def _travel_day_plan(groups: dict[str, list[Hit]]) -> Hit | None:
    """Days and data in the title with a destination named and no mainland carrier (日本 10GB 7 天,
    Africa Access 1GB 7Days, "8day / 1GB Daily+Unlimited (CamGSM)" over Cambodia柬埔寨): a travel SIM's
    or eSIM's plan line (POLICY §3). A mainland carrier's roaming pack names its carrier (香港5天漫游包
    over 中国电信); a carrier's own data bundle names no destination (Robi 8GB, 3 Days)."""
    days = next((h for h in groups.get("plan_days", []) if h.field == "title"), None)
    if days is None or "place" not in groups or any(
            g.startswith("carrier:") and g[8:] in DOMESTIC_CARRIERS for g in groups):
        return None
    # the day pack's own words are a top-up hit too (10GB 7 天): any other head decides (a proxy,
    # a VPN or a cloud server sold by days and gigabytes is no SIM)
    spans = [(h.field, h.start, h.end) for h in groups["plan_days"]]
    if any(not any(f == h.field and s < h.end and h.start < e for f, s, e in spans)
           for g in (*_HEADS, "device", "topup", "other_service") for h in groups.get(g, [])):
        return None
    return days


def _tariff_only(groups: dict[str, list[Hit]], tariff: frozenset[str]) -> bool:
    """Weak cues that all describe a tariff (套餐, 流量, 月租 ...), with no card, number, black-card
    or bulk word: a tariff plan for one's own number (动感地带上网套餐), not a SIM listing."""
    if any(g in groups for g in ("no_real_name", "pre_registered", "pre_activated", "pre_activated_weak",
                                 "travel", "iot", "card_name")):
        return False
    if "bulk_trading" in groups and any(g.startswith("carrier:") for g in groups):
        return False  # 联通 流量 批发: wholesale of a carrier's cards (_weak_decision); 批发 alone is any wholesale
    return bool(groups.get("weak_sim")) and all(h.term in tariff for h in groups["weak_sim"])


# "SpeedTalk Mobile Data SIM Card - 90 Days …, Compatible IoT and M2M Devices, Wi-Fi Hotspot",
# "Cartão Sim Para Relógio Inteligente - Compatível Com Smartwatches": after the SIM noun and a
# break, the devices a card is compatible with are where it works, however far ("eSIM compatible
# smartwatch", with no break, is a watch)
_SIM_NOUN: Final = r"(?:e?sim|chip)(?:[\s-]*cards?)?\b"
_SIM_THEN_COMPATIBLE: Final = re.compile(r"\b" + _SIM_NOUN + r"[^|]{0,60}?\s[-–—,|:(]\s*[^|]{0,100}?\bcompat[ií]\w*")
# "Data Only SIM Card with 1GB Trial, …, for Security Camera, Trail Camera", "KiwiSIM USA Data SIM Card
# 12GB 180 Days, … Nano Card for Unlocked Cellular Security Cameras/Router": a title that opens on its
# SIM noun (within its first five words) names the thing sold first; the devices after the next
# break are where the card works (not "Galaxy S23 Ultra 5G eSim + Nano SIM …, Smartphone")
_TITLE_OPENS_ON_SIM: Final = re.compile(r"^\W*(?:[^\s,|]+\s+){0,4}?" + _SIM_NOUN + r"[^|]{0,60}?(?:\s[-–—:(]|[,|(])")


# "香港电话卡 支持ChatGPT", "Europe eSIM … Compatible with TikTok, ChatGPT & Google", "Access Google,
# ChatGPT without VPN": an app the card's data reaches (after an access word, maybe in a list of
# apps) is a feature of the plan, not a membership sold
_APP_NAME: Final = r"(?:[a-z][a-z0-9.]{0,11}|谷歌|油管|脸书|推特|抖音|微信)"
_APP_ACCESS_BEFORE: Final = re.compile(
    r"(?:支持|可用|可以用|可上|能上|可访问|访问|畅用|畅玩|直连|免翻墙?|无需翻墙|不用翻墙|"
    r"\bcompatible\s+with|\bsupports?|\bsupporting|\baccess(?:es)?(?:\s+to)?|\bworks?\s+(?:with|on))"
    r"[\s:：]*(?:" + _APP_NAME + r"[\s,，、/&+]+(?:and\s+|&\s*)?){0,4}$")
# the same said after the apps: "ChatGPT対応", "tiktok&chatGPT使いOK", "ChatGPT利用可" (not 可用: "ChatGPT Plus
# 可用 成品号" sells an account)
_APP_ACCESS_AFTER: Final = re.compile(
    r"(?:[\s,，、/&+・と]+(?:" + _APP_NAME + r"|[\u30a0-\u30ff]{1,8})){0,4}\s*(?:対応|对应|利用可|使い|ok\b)")


def _drop_described_heads(hits: list[Hit], title: Text, description: Text) -> list[Hit]:
    """Heads that only describe the card: English device words saying where it works (the two
    patterns above), and apps its data reaches (``_APP_ACCESS_BEFORE``/``_AFTER``, or a membership
    after the title's opening SIM noun). Run once per listing, only when it has such a word."""
    devices = any(h.via == "english" and h.group in ("card_device", "device") for h in hits)
    if not devices and not any(h.group == "membership" for h in hits):
        return hits
    compatible = {"title": _SIM_THEN_COMPATIBLE.search(title.norm),
                  "description": _SIM_THEN_COMPATIBLE.search(description.norm)} if devices else {}
    opening = _TITLE_OPENS_ON_SIM.match(title.norm)
    norms = {"title": title.norm, "description": description.norm}

    def described(hit: Hit) -> bool:
        if hit.group == "membership":
            before = norms[hit.field][max(0, hit.start - 60):hit.start]
            return _APP_ACCESS_BEFORE.search(before) is not None or _APP_ACCESS_AFTER.match(
                norms[hit.field], hit.end) is not None or (
                opening is not None and hit.field == "title" and hit.start >= opening.end())
        if hit.via != "english" or hit.group not in ("card_device", "device"):
            return False
        breaks = (compatible[hit.field] if hit.group == "card_device" else None,
                  opening if hit.field == "title" else None)
        return any(match is not None and hit.start >= match.end() for match in breaks)

    return [h for h in hits if not described(h)]


def _where_a_card_works(device: Hit, groups: dict[str, list[Hit]]) -> bool:
    """A device word that only says where a card works is no head: a list of devices (手机 平板
    随身WiFi 通用, POS机专用), a device after "for" ("SIM card for mobile hotspot"), or one right before a card
    word (路由器专用流量卡, 电话手表卡, "router SIM card": the last noun of a compound is the thing sold)."""
    if _WHERE_IT_WORKS.match(device.after) or _DEVICE_FOR_BEFORE.search(device.before):
        return True
    for card in groups.get("product", []) + groups.get("iot", []):
        gap = card.start - device.end
        # 电话手表专用卡: the card word may begin inside the device word (手表专用卡)
        joined = device.start < card.start < device.end < card.end
        if card.field == device.field and (joined or 0 <= gap <= 6 and _FOR_DEVICE_GAP.fullmatch(device.after[:gap])) \
                and not _DEVICE_VARIANT_AFTER.match(card.after):
            return True
    return False


# what a built-in data allowance belongs to: a device, a card, a plan (随身WiFi 自带流量)
_DATA_CARRIERS: Final = ("data_device", "card_device", "device", "module", "product", "iot", "brand_card",
                         "plan_card", "plan_fee", "plan_data", "plan_volume", "weak_sim")


def _audience(hit: Hit, groups: dict[str, list[Hit]]) -> bool:
    """自带流量 in marketers' sense — a topic, a night market, a mini-program that brings its own
    audience (夜市自带流量, 话题自带流量) — with nothing in the listing that could hold a data allowance."""
    return hit.term == "自带流量" and not any(g in groups for g in _DATA_CARRIERS) and not any(
        g.startswith("carrier:") for g in groups)


# "SIM Card with Nano Micro Adaptors", "Adapters Included", "Trays Not Required": an accessory that
# comes with the card (or is not needed) after it (a phone's "with dual nano SIM" is not this: accessories only;
# a hit's after holds 12 characters, so "not requir")
_ACCESSORY_WITH: Final = re.compile(_WITH + r"(?:free\s+)?(?:[\w-]+\s+){0,3}$")
_NOT_NEEDED_AFTER: Final = re.compile(r"[\W_]{0,2}(?:is\s+|are\s+)?not\s+(?:need|requir)")


# a memory card given with its size (送32G内存卡): sizes a card's own spec never has
_GIVEN_MEMORY_BEFORE: Final = re.compile(_GIVING + r"[\W_]{0,1}\d{1,4}\s*gb?$")


def _freebie(head: Hit, hits: list[Hit]) -> bool:
    """送卡针, 赠卡套, 送32G内存卡, "Sim 4G … + khay sim", "SIM card with nano/micro adaptors": an accessory
    given with the card is not the thing sold."""
    given = _FREEBIE_BEFORE.search(head.before) or _BUNDLED_BEFORE.search(head.before) \
        or _GIVEN_MEMORY_BEFORE.search(head.before) or (
        head.via == "english" and (_ACCESSORY_WITH.search(head.before) or _INCLUDED_AFTER.match(head.after)
                                   or _NOT_NEEDED_AFTER.match(head.after)))
    return head.group == "accessory" and bool(given) and any(
        h.group in ("product", "builtin_card") and h.field == head.field and h.end <= head.start
        for h in hits)


def _describes(hit: Hit, hits: list[Hit], groups: dict[str, list[Hit]]) -> bool:
    """A card word that names what an accessory/device/module/top-up takes (SIM卡 卡套, 支持电信卡)."""
    if hit.group not in ("product", "iot", "brand_card"):
        return False
    if "sim" in hit.term and hit.term.replace("-", "").startswith("esim") and "device" in groups \
            and not any(g in groups for g in ("esim_service", "travel", "place")) \
            and any(d.field in ("title", hit.field) for d in groups["device"]):
        # 手表 eSIM独立通话: the device's capability; but a titled eSIM whose phone only the
        # description names ("eSIM Card Kit" … "on your smartphone") is the eSIM sold
        return True
    for other in hits:
        if other.field != hit.field:
            continue
        if other.group in ("accessory", "topup", "module") and 0 <= other.start - hit.end <= 2 \
                and not _FREEBIE_BEFORE.search(other.before):
            return True
        # Russian names the accessory first (держатели сим-карт: holders of SIM cards)
        if other.group == "accessory" and other.via == "english" and 0 <= hit.start - other.end <= 2:
            return True
    return _SUPPORT_BEFORE.search(hit.before) is not None or _in_supported_list(hit, hits) or (
        _EDITION_BEFORE.search(hit.before) is not None and _SLOTS_AFTER.match(hit.after) is not None)


_LIST_JOIN: Final = re.compile(r"\s*[+、/和与及]?\s*")


def _in_supported_list(hit: Hit, hits: list[Hit]) -> bool:
    """支持移动卡+联通卡+电信卡, 支持移动+联通+电信卡, 支持移动联通电信卡: every card or network of a list
    after 支持 is what a device takes, not only the first."""
    for other in hits:
        gap = hit.start - other.end
        if other.field == hit.field and (other.group in ("product", "iot") or other.group.startswith("carrier:")) \
                and 0 <= gap <= len(hit.before) and _LIST_JOIN.fullmatch(hit.before[len(hit.before) - gap:]):
            return _SUPPORT_BEFORE.search(other.before) is not None or _in_supported_list(other, hits)
    return False


def _weak_decision(groups: dict[str, list[Hit]]) -> bool:
    weak = {h.term for h in groups.get("weak_sim", [])}
    carrier = any(g.startswith("carrier:") for g in groups)
    # 批发 alone is any wholesale (快手号批发): bulk words need a carrier
    black = any(g in groups for g in ("no_real_name", "pre_registered", "pre_activated"))
    return len(weak) >= 2 or (black and (bool(weak) or carrier)) or (carrier and (bool(weak) or "bulk_trading" in groups))


# the domestic operators' Chinese names and aliases (中国移动, 移动, 中移动 …), from the carrier table
_MNO_NAMES: Final = tuple(n for name in MNOS for n in (name, *CARRIER_INFO[name].aliases) if not n.isascii())


def _place_names_card(groups: dict[str, list[Hit]], norms: dict[str, str]) -> bool:
    """A destination right before a card word names a foreign card (香港电话卡, hong kong sim),
    also across "original" and a Latin brand (英国原装 GG 电子卡, 日本docomo电话卡) or a plan's figures
    (香港 0 月租 手机卡)."""
    # a card named by a domestic operator (境外上网 联通流量卡) is that operator's, wherever it is used
    cards = [h for h in groups.get("product", []) + groups.get("card_name", []) if not h.term.startswith(_MNO_NAMES)]
    return any(p.field == h.field and p.end <= h.start
               and (h.start - p.end <= 2 or _PLACE_TO_CARD.fullmatch(norms[p.field][p.end:h.start]))
               for p in groups.get("place", []) for h in cards)


def _str(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _match_dict(result: Any) -> dict[str, Any]:
    to_dict = getattr(result, "to_dict", None)
    if to_dict is not None:
        return dict(to_dict())
    entry = result.entry
    return {"authorised": result.authorised, "method": result.method, "score": result.score,
            "reason": result.reason, "entry": entry.to_dict() if entry is not None else None}
