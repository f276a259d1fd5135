"""The classifier: POLICY.md rules + whitelist + (optionally) the spaCy text model → Verdict.

How the parts combine (documented contract, see also README in this package):

* ``sim_listing`` — the rules decide when they are confident: a valid product word (card,
  number, IoT card, code service, card buying, device *with* card) → true; only accessory,
  device, top-up or collectible sense → false. Otherwise the text model decides
  (probability ≥ 0.5); without the model, two weak SIM cues (月租, 套餐, 归属地 ...) or a
  black-card signal with a weak cue or a carrier decide.
* carriers, ``foreign``, violations and takedown — rules only (POLICY §2-§5), so every flag is
  explained by ``reasons`` that quote the evidence.
* ``risk_score`` — ``RISK_WEIGHTS`` summed over the violations, +5 per extra piece of evidence
  (max +15), +5 for off-platform contact, capped at 100; 0 without a violation. Black-card
  signals weigh 30-45 each, a missing authorisation alone 25, so any black-card signal ranks
  above an unauthorised-only listing and several signals above one.
"""

from __future__ import annotations

import gc
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, NamedTuple

from crawler.classifiers.evidence import (
    DAYS,
    T_DAYS,
    T_FOREIGN_NAME,
    T_WORDISH,
    WORDISH,
    Plan,
    clause_before,
    field_hits,
    has_phrase,
    plan,
    prepare,
)
from crawler.classifiers.evidence import piece as evidence_piece
from crawler.classifiers.model import MODEL_DIR, TextModel, model_text
from crawler.classifiers.rules import (
    RULES_VERSION,
    Hit,
    foreign_context_carriers,
    new_hit,
)
from crawler.classifiers.text import StringCache, surface
from crawler.items import Listing, Verdict
from whitelist.carriers import CARRIER_INFO
from whitelist.platforms import PLATFORMS, normalise_platform

logger = logging.getLogger(__name__)

RISK_WEIGHTS: Final[dict[str, int]] = {
    "verification_service": 45,
    "no_real_name": 40,
    "pre_registered": 40,
    "iot_card_misuse": 35,
    "bulk_trading": 35,
    "pre_activated": 30,
    "unauthorised_seller": 25,
}
VIOLATION_ORDER: Final = list(RISK_WEIGHTS)[::-1]
BLACK_CARD: Final = frozenset(RISK_WEIGHTS) - {"unauthorised_seller"}

_POSITIVE_GROUPS: Final = ("product", "number", "iot", "verification", "buy_cards", "builtin_card")
_NEGATIVE_GROUPS: Final = ("accessory", "device", "topup", "collectible", "other_service")
_FIELD_ZH: Final = {"title": "标题", "description": "描述"}
_GROUP_ZH: Final = {"accessory": "配件", "device": "设备/手机", "topup": "充值缴费", "collectible": "收藏品",
            "other_service": "宽带/云盘等其他电信服务"}
# "支持电信卡", "适用sim卡", "可插移动卡": a card word naming what a device takes.
_SUPPORT_BEFORE: Final = re.compile(r"(?:支持|兼容|适用|适配|可插|可用|插|需|自备|另购|用于|不含|不带)[\W_]{0,2}$")
_MODIFIER_GAP: Final = 2
_MODIFIED_GROUPS: Final = ("product", "iot")  # card words that may name what a device takes (_is_modifier)
_BLACK_GROUPS: Final = ("no_real_name", "pre_registered", "pre_activated", "bulk_trading", "verification", "iot")
_CARD_NAMING_GROUPS: Final = frozenset(("travel", *_BLACK_GROUPS))
# Groups that make a listing worth asking the text model about: without any of them the rules
# have found no SIM cue at all (移动硬盘, 购物卡), and the model is not consulted.
_SIM_CUE_GROUPS: Final = ("weak_sim", "no_real_name", "pre_registered", "pre_activated", "pre_activated_weak",
                   "bulk_trading", "buy_cards", "verification", "iot", "iot_use", "travel", "place",
                   "domestic_use", "contact", "builtin_card", "number", "product")


def _is_domestic_carrier(name: str) -> bool:
    info = CARRIER_INFO.get(name)
    return info is not None and info.kind != "foreign"


_MARKETS: Final = StringCache(256)  # asked for every listing


def _platform_market(platform: str) -> str:
    return _MARKETS.get(platform, _market_of)


def _market_of(platform: str) -> str:
    code = normalise_platform(platform) or (platform or "").lower()
    known = PLATFORMS.get(code)
    return known.market if known else "CN"  # POLICY §7: the China profile is the default


def _quote(hit: Hit) -> str:
    """标题含“免石名”(=免实名): what the seller wrote, and what it stands for when that differs."""
    return _quoted(hit.field, hit.written or hit.seen, hit.term, hit.evasion)


@lru_cache(maxsize=16_384)  # the same few hundred signals are quoted for most listings
def _quoted(field: str, shown: str, term: str, evasion: bool) -> str:
    where = _FIELD_ZH.get(field, field)
    if evasion or _compact(shown) != _compact(term):
        return f"{where}含“{shown}”(={term})"
    return f"{where}含“{shown}”"


def _decoded(hit: Hit) -> bool:
    """The hit was written differently from its lexicon term (an evasion, or t2s/full-width/spacing)."""
    return hit.evasion or _compact(hit.written or hit.seen) != _compact(hit.term)


_NON_WORD_RE: Final = re.compile(r"[\W_]+")


@lru_cache(maxsize=16_384)
def _compact(text: str) -> str:
    return _NON_WORD_RE.sub("", text).lower()


class _Evidence:
    """The hits of one listing, indexed by group (looked up many times per listing)."""

    __slots__ = ("by_group", "hits")

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits
        self.by_group: dict[str, list[Hit]] = {}
        for hit in hits:
            self.by_group.setdefault(hit.group, []).append(hit)

    def of(self, *groups: str) -> list[Hit]:
        return self.of_any(groups)

    def has(self, *groups: str) -> bool:
        return not self.by_group.keys().isdisjoint(groups)

    # For a tuple held in a variable: compiled, ``of(*groups)`` is a generic Python call.
    def of_any(self, groups: tuple[str, ...]) -> list[Hit]:
        if len(groups) == 1:
            return self.by_group.get(groups[0], [])
        return [h for h in self.hits if h.group in groups]

    def has_any(self, groups: tuple[str, ...]) -> bool:
        return not self.by_group.keys().isdisjoint(groups)


def _has_sim_cue(ev: _Evidence) -> bool:
    return ev.has_any(_SIM_CUE_GROUPS) or any(g.startswith("carrier:") for g in ev.by_group)


def _as_dict(listing: Listing | Mapping[str, Any]) -> dict[str, Any]:
    # A dict as it is: compiled (compiled.py), ``get`` on a dict is a direct look-up, not a method call.
    if isinstance(listing, dict):
        return listing
    return listing.to_dict() if isinstance(listing, Listing) else dict(listing)


class Classifier:
    """``Classifier(matcher=None, use_model=True)``; ``classify``/``classify_many`` → Verdict."""

    def __init__(self, matcher: Any | None = None, use_model: bool = True,
                 model_dir: Path = MODEL_DIR) -> None:
        prepare()
        self.matcher = matcher
        self.model: TextModel | None = None
        if use_model:
            self.model = TextModel(model_dir)
        suffix = f"+model-{self.model.hash}" if self.model else ""
        self.version = f"rules-{RULES_VERSION}{suffix}"
        self.snapshots = list(getattr(matcher, "snapshot_ids", []) or [])

    # -- public API -------------------------------------------------------------------------
    def classify(self, listing: Listing | Mapping[str, Any]) -> Verdict:
        return next(self.classify_many([listing]))

    def classify_many(self, listings: Iterable[Listing | Mapping[str, Any]],
                      batch_size: int = 512) -> Iterator[Verdict]:
        """Classify a stream; the model (when used) runs over batches with ``nlp.pipe``."""
        batch: list[dict[str, Any]] = []
        for listing in listings:
            batch.append(_as_dict(listing))
            if len(batch) >= batch_size:
                # Verdicts handed on inside: the collection that follows does not walk the ones
                # the caller has already dropped.
                with _fewer_collections():
                    yield from self._classify_batch(batch)
                batch = []
        if batch:
            with _fewer_collections():
                yield from self._classify_batch(batch)

    # -- internals --------------------------------------------------------------------------
    def _classify_batch(self, batch: list[dict[str, Any]]) -> list[Verdict]:
        texts = [(str(item.get("title") or ""), str(item.get("description") or "")[:1000]) for item in batch]
        if self.model is None:
            return [self._finish(item, _rules_verdict(title, description))
                    for item, (title, description) in zip(batch, texts, strict=True)]
        keys = [_text_key(title, description) for title, description in texts]
        probabilities: dict[int, float] = {}
        undecided = [i for i, key in enumerate(keys)
                     if (part := _rules_part(key[0])).sim is None and _has_sim_cue(part.ev)]
        if undecided:
            model_texts = (model_text(surface(texts[i][0]), surface(texts[i][1])) for i in undecided)
            probabilities = dict(zip(undecided, self.model.probabilities(model_texts), strict=True))
        return [self._finish(item, _text_verdict(keys[i], probabilities.get(i))) for i, item in enumerate(batch)]

    def _finish(self, item: dict[str, Any], text: _TextVerdict) -> Verdict:
        """Per listing: the platform and shop part (POLICY §3, §5, §7) on top of the cached text part."""
        if not text.sim:
            return Verdict(False, [], text.foreign, None, None, [], 0, False, list(text.reasons),
                           self.version, list(self.snapshots), list(text.fired))
        fired, reasons = list(text.fired), list(text.reasons)
        platform = str(item.get("platform") or "")
        market = _platform_market(platform)
        carriers, foreign, travel = text.carriers, text.foreign, text.travel

        # Authorisation (POLICY §3, §7).
        authorised: bool | None = False
        match_dict: dict[str, Any] | None = None
        unauthorised = False
        checked_market = market == "CN" or (self.matcher is not None and self._covers(platform))
        exempt = foreign and not (market != "CN" and not travel and not text.domestic and checked_market)
        if market == "CN":
            exempt = foreign
        wanted = text.domestic if market == "CN" else carriers
        if self.matcher is not None:
            try:
                result = self.matcher.match(
                    platform, shop_id=_str(item.get("shop_id")), shop_url=_str(item.get("shop_url")),
                    shop_name=_str(item.get("shop_name")), carriers=wanted,
                    observed=_str(item.get("observed_at")),
                )
            except ValueError as exc:  # bad observed_at: judged as today, said in the reasons
                reasons.append(f"observed_at 无法解析: {exc}")
                result = self.matcher.match(
                    platform, shop_id=_str(item.get("shop_id")), shop_url=_str(item.get("shop_url")),
                    shop_name=_str(item.get("shop_name")), carriers=wanted)
            authorised = bool(result.authorised)
            if result.authorised or result.method:
                match_dict = _match_dict(result)
            if result.authorised:
                fired.append("whitelist:authorised")
                reasons.append(f"在{'、'.join(wanted) or '运营商'}网络代理商名单中：{result.reason}")
        if exempt:
            fired.append("authorisation:foreign_exempt")
            reasons.append("境外/旅行SIM卡，不适用国内运营商授权 (POLICY §3)")
        elif not authorised and checked_market:
            unauthorised = True
            who = "、".join(wanted) if wanted else "任何运营商"
            reasons.append(f"未在{who}网络代理商名单中 ({_shop_label(item, platform)})")
            if self.matcher is not None and match_dict is None:
                reasons.append(result.reason)
            elif match_dict is not None:
                reasons.append(match_dict["reason"])
            elif self.matcher is None:
                reasons.append("未加载运营商白名单，无授权记录")
        elif not authorised:
            fired.append("authorisation:market_not_covered")
            reasons.append(f"{platform} 无覆盖该市场的白名单，不判定授权 (POLICY §7)")

        # VIOLATION_ORDER lists unauthorised_seller first; the black-card codes follow in order.
        codes = (["unauthorised_seller"] if unauthorised else []) + list(text.codes)
        if unauthorised:
            fired.append("unauthorised_seller")
        fired.extend(text.code_fired)
        reasons.extend(text.code_reasons)
        risk = 0
        if codes:
            risk = min(100, text.risk + (RISK_WEIGHTS["unauthorised_seller"] if unauthorised else 0))
        # Positional, in Verdict's field order: keyword arguments cost the dataclass __init__ twice as much.
        return Verdict(True, list(carriers), foreign, authorised, match_dict, codes, risk, bool(codes), reasons,
                       self.version, list(self.snapshots), fired)

    def _covers(self, platform: str) -> bool:
        covers = getattr(self.matcher, "covers_platform", None)
        return bool(covers(platform)) if covers else False


# -- text part: everything that depends on the title and description only ---------------------
# Cached per (title, description): listings repeat titles across keywords, pages, platforms and
# runs, and only the shop/platform part (whitelist) differs between them.


class _Partial:
    """The SIM-listing decision of an evidence key, before the model and the black-card codes."""

    __slots__ = ("ev", "fired", "reasons", "sim")

    def __init__(self, ev: _Evidence, sim: bool | None, fired: list[str], reasons: list[str]) -> None:
        self.ev = ev
        self.sim = sim
        self.fired = fired
        self.reasons = reasons


class _TextVerdict:
    """The text part of a verdict, shared by every listing with the same evidence; read-only.

    A plain class with its own ``__init__``: compiled (compiled.py) it is a C struct, where a
    frozen dataclass would run the dataclass module's generated Python ``__init__``.
    """

    __slots__ = ("carriers", "code_fired", "code_reasons", "codes", "contact", "domestic", "fired",
                 "foreign", "reasons", "risk", "sim", "travel")

    def __init__(self, sim: bool, carriers: tuple[str, ...], domestic: tuple[str, ...], foreign: bool,
                 travel: bool, fired: tuple[str, ...], reasons: tuple[str, ...], codes: tuple[str, ...],
                 code_fired: tuple[str, ...], code_reasons: tuple[str, ...], risk: int, contact: bool) -> None:
        self.sim = sim
        self.carriers = carriers
        self.domestic = domestic
        self.foreign = foreign
        self.travel = travel
        self.fired = fired  # before the authorisation step
        self.reasons = reasons
        self.codes = codes  # black-card codes, in VIOLATION_ORDER
        self.code_fired = code_fired  # after the authorisation step
        self.code_reasons = code_reasons
        self.risk = risk  # black-card part of risk_score (weights, extra evidence, contact); 0 without codes
        self.contact = contact


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Cyclic garbage collection runs less often while a batch is classified, and as before after.

    A batch allocates many small tuples, most of them kept in the per-text caches; CPython's
    collector starts a pass every 700 allocations and re-walks the long-lived caches in its older
    generations — a quarter of the classifier's time in ``make bench`` — although nothing here
    makes reference cycles for it to find.
    """
    previous = gc.get_threshold()
    gc.set_threshold(max(previous[0], 100_000), max(previous[1], 50), max(previous[2], 100))
    try:
        yield
    finally:
        gc.set_threshold(*previous)


# What the text part of a verdict depends on, and nothing else: listings with other words around
# the same evidence (月租29元 / 月租39元) share one verdict computation. Three fields:
#   evidence       the hits as the rules read them (see _evidence_key and _composed_key)
#   days           a number of days is written (travel SIM)
#   foreign_named  foreign carriers named by an ambiguous word next to a SIM word
# A plain tuple, not a named one: the collector untracks plain tuples of plain values, so the
# tens of thousands of cached keys are not re-walked by every collection.
_TextKey = tuple[tuple[Any, ...], bool, tuple[str, ...]]


def _text_key(title: str, description: str) -> _TextKey:
    return _described_key(title, description) if description else _title_key(title)


# Titles without a description (search results) are cached by the title string itself: a
# one-string lru key is the string, so no key tuple is built per call (nor walked by the collector).
@lru_cache(maxsize=65_536)
def _title_key(title: str) -> _TextKey:
    if " " in title:
        planned = plan(title)
        if planned is not None:
            composed = _composed_key(title, planned)
            if composed is not None:
                return composed
            # The hits the plain way (field_hits reuses this plan); the facts from the pieces.
            return (_evidence_key(field_hits(title, "title")[1]), *_planned_facts(planned))
    return _plain_key(title, "")


@lru_cache(maxsize=65_536)
def _described_key(title: str, description: str) -> _TextKey:
    return _plain_key(title, description)


def _plain_key(title: str, description: str) -> _TextKey:
    norm, hits = field_hits(title, "title")
    title_desc = norm + " "
    if description:
        norm_description, description_hits = field_hits(description, "description")
        hits += description_hits
        title_desc += norm_description
    return (_evidence_key(hits), *_text_facts(title_desc))


def _text_facts(title_desc: str) -> tuple[bool, tuple[str, ...]]:
    """What the verdict reads from the text besides the hits: a number of days is written, and the
    foreign carriers named by an ambiguous word next to a SIM word."""
    foreign_named = tuple(foreign_context_carriers(title_desc)) if WORDISH.search(title_desc) else ()
    # Substring tests first: most titles name no 天/日/day at all, and the pattern has no literal prefix.
    days = ("天" in title_desc or "日" in title_desc or "day" in title_desc) and DAYS.search(title_desc) is not None
    return days, foreign_named


def _planned_facts(planned: Plan) -> tuple[bool, tuple[str, ...]]:
    """``_text_facts`` of a planned title, the regexes run only when its pieces' traits allow a match."""
    traits = planned.traits
    foreign_named: tuple[str, ...] = ()
    if traits & T_WORDISH and traits & T_FOREIGN_NAME:
        foreign_named = tuple(foreign_context_carriers(planned.norm + " "))
    return bool(traits & T_DAYS) and DAYS.search(planned.norm) is not None, foreign_named


def _evidence_key(hits: tuple[Hit, ...]) -> tuple[tuple[Any, ...], ...]:
    """The hits as the verdict reads them (``Hit`` fields as plain tuples): positions only as far
    as order, overlap and gaps of up to ``_MODIFIER_GAP`` (the largest gap any rule measures) go,
    and the clause before a hit only as the device-support cue ``_is_modifier`` looks for."""
    if not hits:
        return ()
    # Per field, by position (a dict per field: one string look-up, no (field, position) key).
    ranks = {field: _ranks(sorted({p for h in hits if h.field == field for p in (h.start, h.end)}))
             for field in {h.field for h in hits}}
    return tuple(
        (h.group, h.term, h.seen, h.field, ranks[h.field][h.start], ranks[h.field][h.end], h.evasion,
         (m.group() if h.before and h.group in _MODIFIED_GROUPS and (m := _SUPPORT_BEFORE.search(h.before)) else ""),
         h.written)
        for h in hits)


def _ranks(positions: list[int]) -> dict[int, int]:
    """Sorted positions → ranks: the order kept, each gap clamped to ``_MODIFIER_GAP`` + 1."""
    ranked = {positions[0]: 0}
    compressed = 0
    for i in range(1, len(positions)):
        compressed += min(positions[i] - positions[i - 1], _MODIFIER_GAP + 1)
        ranked[positions[i]] = compressed
    return ranked


# -- the same key put together from a title's pieces (evidence.plan), without building its hits --

# An evidence hit: Hit's fields, positions as ranks, ``before`` reduced to the support cue.
_KeyHit = tuple[str, str, str, str, int, int, bool, str, str]
# One piece of a composed key: (its hits ranked from 0, clamped gap to the previous hits or None
# for the first, indexes of hits whose support cue comes from before the piece, those cues, rank
# of its last hit boundary).
_PieceItem = tuple[tuple[_KeyHit, ...], int | None, tuple[int, ...], tuple[str, ...], int]
_COMPOSED: Final = "composed"  # first element of a composed evidence key (a flat one starts with a hit)


class _PieceKey(NamedTuple):
    local: tuple[tuple[Any, ...], ...]  # the piece's hits as in _evidence_key, ranked from 0
    first: int  # offset of its first hit boundary in the piece
    last: int  # offset of its last hit boundary
    last_rank: int
    dependent: tuple[int, ...]  # card words near its start: their support cue may precede the piece


_PIECE_KEYS: Final = StringCache(65_536)  # asked for every piece of every composed title


def _piece_key(raw_piece: str) -> _PieceKey:
    return _PIECE_KEYS.get(raw_piece, _new_piece_key)


def _new_piece_key(raw_piece: str) -> _PieceKey:
    piece = evidence_piece(raw_piece)
    hits = piece.hits if piece is not None else ()
    if not hits:
        return _PieceKey((), 0, 0, 0, ())
    local = _evidence_key(hits)
    dependent = tuple(i for i, h in enumerate(hits) if h.group in _MODIFIED_GROUPS and h.start < 5
                      and not any(b < h.start for b in piece.breaks))  # type: ignore[union-attr]
    points = [p for h in hits for p in (h.start, h.end)]
    return _PieceKey(local, min(points), max(points), max(max(f[4], f[5]) for f in local), dependent)


def _composed_key(title: str, planned: Plan) -> _TextKey | None:
    """``_text_key`` of a title without description from its pieces (see evidence.plan): the
    pieces' keys with the clamped gaps between them. Titles whose negation, phrase or English
    patterns the whole title decides take the plain way."""
    if planned.renegate or planned.english or (planned.phrases and has_phrase(planned.norm)):
        return None
    pieces, norm = planned.pieces, planned.norm
    items: list[tuple[Any, ...]] = [_COMPOSED]  # type: ignore[list-item]
    last: int | None = None  # position of the last hit boundary so far
    for raw_piece, piece, position, clause_start in zip(title.split(" "), pieces, planned.offsets,
                                                         planned.clause_starts, strict=True):
        key = _piece_key(raw_piece)
        if key.local:
            gap = None if last is None else min(position + key.first - last, _MODIFIER_GAP + 1)
            supports: tuple[str, ...] = ()
            if key.dependent and position:
                supports = tuple(_support_cue(clause_before(norm, position, piece, clause_start,
                                                            position + piece.hits[i].start)) for i in key.dependent)
            items.append((key.local, gap, key.dependent, supports, key.last_rank))
            last = position + key.last
    return (tuple(items), *_planned_facts(planned))


def _support_cue(before: str) -> str:
    found = _SUPPORT_BEFORE.search(before)
    return found.group() if found else ""


def _hits_of(evidence: tuple[Any, ...]) -> list[Hit]:
    """The hits of an evidence key (flat, or composed from pieces: same ranks either way)."""
    if not evidence or evidence[0] != _COMPOSED:
        return [new_hit(Hit, fields) for fields in evidence]
    hits: list[Hit] = []
    end_rank = -1  # none yet
    for index in range(1, len(evidence)):
        item: _PieceItem = evidence[index]
        local, gap, dependent, supports, last_rank = item
        base = 0 if end_rank < 0 else end_rank + (gap or 0)
        for i in range(len(local)):
            f: _KeyHit = local[i]
            cue = f[7]
            if supports and i in dependent:
                cue = supports[dependent.index(i)]
            hits.append(new_hit(Hit, (f[0], f[1], f[2], f[3], base + f[4], base + f[5], f[6], cue, f[8])))
        end_rank = base + last_rank
    return hits


@lru_cache(maxsize=1024)  # a batch asks twice (model path); _text_verdict caches the verdict itself
def _rules_part(evidence: tuple[Any, ...]) -> _Partial:
    ev = _Evidence(_hits_of(evidence))
    fired: list[str] = []
    reasons: list[str] = []

    # Buyer-activation cues void pre_activated hits they overlap (自行激活好).
    buyer = ev.of("buyer_activation")
    if buyer and ev.has("pre_activated"):
        ev = _Evidence([h for h in ev.hits if not (h.group == "pre_activated" and any(
            b.field == h.field and b.start < h.end and h.start < b.end for b in buyer))])

    positives = [h for h in ev.hits if (h.group in _POSITIVE_GROUPS or (
        # A travel or black-card word that names the card itself (日本卡, 成品卡, 成品号).
        h.group in _CARD_NAMING_GROUPS and h.term.endswith(("卡", "号"))))
        and not _is_modifier(h, ev) and not _is_device_esim(h, ev)]
    negatives = ev.of_any(_NEGATIVE_GROUPS)
    sim: bool | None
    # Buying is not a SIM cue against collectibles: collectors buy old payphone cards (收购 老电话卡).
    if positives and ev.has("collectible") and not ev.has(
            "weak_sim", "no_real_name", "pre_registered", "pre_activated", "bulk_trading",
            "verification", "iot", "number"):
        sim = False
        fired.append("sense:collectible")
        reasons.append(f"非SIM卡商品（收藏品）：{_quote(ev.of('collectible')[0])}")
    elif positives:
        sim = True
        fired.append("sim:product")
        reasons.append(f"SIM卡商品：{_quote(positives[0])}")
    elif negatives:
        sim = False
        first = negatives[0]
        fired.append(f"sense:{first.group}")
        reasons.append(f"非SIM卡商品（{_GROUP_ZH[first.group]}）：{_quote(first)}")
    else:
        sim = None
    return _Partial(ev, sim, fired, reasons)


def _is_device_esim(hit: Hit, ev: _Evidence) -> bool:
    """eSIM next to a device word is the device's capability (手表 eSIM独立通话, iPad 支持eSIM);
    POLICY §1 counts "eSIM activation for a domestic number", cued by 开通/办理/一号双终端 ..."""
    return hit.group == "product" and "sim" in hit.term and hit.term.replace("-", "").startswith("esim") \
        and ev.has("device") and not ev.has("esim_service", "travel", "place")


def _is_modifier(hit: Hit, ev: _Evidence) -> bool:
    """A card word that names what an accessory/device/top-up is for (SIM卡 卡套, 支持电信卡)."""
    if hit.group not in _MODIFIED_GROUPS:
        return False
    for other in ev.hits:
        if other.field == hit.field and other.group in ("accessory", "topup") and \
                0 <= other.start - hit.end <= _MODIFIER_GAP:
            return True
    return bool(_SUPPORT_BEFORE.search(hit.before))


def _place_names_card(ev: _Evidence) -> bool:
    """A destination right before a card word names a foreign card (香港电话卡, hong kong sim)."""
    products = ev.of("product")
    return any(p.field == h.field and 0 <= h.start - p.end <= 2
               for p in ev.of("place") for h in products)


def _undecided(ev: _Evidence, probability: float | None, fired: list[str], reasons: list[str]) -> bool:
    if not _has_sim_cue(ev):
        return False  # no SIM cue at all: nothing for the model to weigh (移动硬盘, 购物卡)
    if probability is not None:
        decision = probability >= 0.5
        fired.append("sim:model" if decision else "not_sim:model")
        reasons.append(f"文本模型判定{'为' if decision else '非'}SIM卡商品 (p={probability:.2f})")
        return decision
    weak = {h.term for h in ev.of("weak_sim")}
    carrier = any(h.group.startswith("carrier:") for h in ev.hits)
    black = ev.has("no_real_name", "pre_registered", "pre_activated", "bulk_trading")
    decision = len(weak) >= 2 or (black and (bool(weak) or carrier)) or (carrier and bool(weak))
    if decision:
        fired.append("sim:weak_cues")
        reasons.append("SIM卡商品（弱信号）：" + "、".join(sorted(weak)[:4]))
    return decision


def _rules_verdict(title: str, description: str) -> _TextVerdict:
    """The rules-only text verdict of a title (and description): a listing seen again (another
    keyword, page or run) costs one look-up by its strings."""
    return _described_verdict(title, description) if description else _title_verdict(title)


_TITLE_VERDICTS: Final = StringCache(65_536)  # asked for every listing without a description


def _title_verdict(title: str) -> _TextVerdict:
    return _TITLE_VERDICTS.get(title, _new_title_verdict)


def _new_title_verdict(title: str) -> _TextVerdict:
    return _text_verdict(_title_key(title), None)


@lru_cache(maxsize=65_536)
def _described_verdict(title: str, description: str) -> _TextVerdict:
    return _text_verdict(_described_key(title, description), None)


@lru_cache(maxsize=65_536)
def _text_verdict(key: _TextKey, probability: float | None) -> _TextVerdict:
    evidence, days, foreign_named = key
    part = _rules_part(evidence)
    ev, fired, reasons = part.ev, list(part.fired), list(part.reasons)
    sim = part.sim
    if sim is None:
        sim = _undecided(ev, probability, fired, reasons)

    carriers: list[str] = []
    for group in ev.by_group:  # groups in order of their first hit
        if group.startswith("carrier:") and group[8:] not in carriers:
            carriers.append(group[8:])
    for name in foreign_named:
        if name not in carriers:
            carriers.append(name)
    domestic = tuple(c for c in carriers if _is_domestic_carrier(c))
    travel = ev.has("travel") or (ev.has("place") and (
        days or _place_names_card(ev)))
    foreign = len(domestic) < len(carriers) or travel
    if not sim:
        return _TextVerdict(False, (), (), foreign, travel, tuple(fired),
                            tuple(reasons or ["未发现SIM卡商品词"]), (), (), (), 0, False)

    violations: dict[str, list[Hit]] = {}  # each code is set once (no closure: compiled, it costs a call object)
    no_rn = ev.of("no_real_name")
    if no_rn:
        if foreign and not ev.has("domestic_use"):
            fired.append("no_real_name:foreign_travel_ignored")
            reasons.append(f"境外卡“免实名”不计（无国内使用/注册用途，POLICY §3）：{_quote(no_rn[0])}")
        else:
            violations["no_real_name"] = list(no_rn)
    for code, groups in _CODE_GROUPS:
        found = ev.of_any(groups)
        if found:
            violations[code] = list(found)
    pre_act = ev.of("pre_activated")
    weak_act = ev.of("pre_activated_weak")
    if weak_act and ev.has("buyer_activation"):
        fired.append("pre_activated:buyer_activates")
        weak_act = []
    if pre_act or weak_act:
        violations["pre_activated"] = pre_act + weak_act
    if ev.has("iot") and ev.has("iot_use"):
        violations["iot_card_misuse"] = ev.of("iot")[:1] + ev.of("iot_use")[:1]
    # Deduplicate codes with the same evidence (收卡 is both buy_cards and bulk_trading).
    for code, hits in violations.items():
        places: set[tuple[str, int]] = set()
        unique: list[Hit] = []
        for h in hits:
            if (h.field, h.start) not in places:
                places.add((h.field, h.start))
                unique.append(h)
        violations[code] = unique

    codes = tuple(c for c in VIOLATION_ORDER if c in violations)
    code_fired: list[str] = []
    code_reasons: list[str] = []
    for code in codes:
        code_fired.append(code)
        for hit in violations[code][:3]:
            code_reasons.append(f"{_CODE_ZH[code]}：{_quote(hit)}")
        if any(_decoded(h) for h in violations[code]):
            code_fired.append(f"evasion:{code}")
    contact = ev.has("contact")
    # Risk of the black-card part; the whitelist step adds unauthorised_seller's weight. Extra
    # evidence counts per code (unauthorised_seller has none), contact only with a violation.
    extra = sum(max(0, len(violations[c]) - 1) for c in codes)
    risk = sum(RISK_WEIGHTS[c] for c in codes) + min(15, 5 * extra) + (5 if contact else 0)
    return _TextVerdict(True, tuple(carriers), domestic, foreign, travel, tuple(fired), tuple(reasons),
                        codes, tuple(code_fired), tuple(code_reasons), risk, contact)


_CODE_GROUPS: Final = (("pre_registered", ("pre_registered",)), ("verification_service", ("verification",)),
                       ("bulk_trading", ("bulk_trading", "buy_cards")))  # code, the hit groups that show it
_CODE_ZH: Final = {
    "no_real_name": "免实名",
    "pre_registered": "已实名卡",
    "pre_activated": "已激活卡",
    "bulk_trading": "批量买卖",
    "iot_card_misuse": "物联网卡违规个人使用",
    "verification_service": "接码/验证码服务",
    "unauthorised_seller": "未授权销售",
}


def _str(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _shop_label(item: dict[str, Any], platform: str) -> str:
    shop = item.get("shop_id") or item.get("shop_url") or item.get("shop_name") or "?"
    return f"{platform} shop {shop}"


def _match_dict(result: Any) -> dict[str, Any]:
    to_dict = getattr(result, "to_dict", None)
    if to_dict is not None:
        return dict(to_dict())
    entry = result.entry
    return {"authorised": result.authorised, "method": result.method, "score": result.score,
            "reason": result.reason, "entry": entry.to_dict() if entry is not None else None}
