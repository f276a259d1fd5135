"""The legal basis a takedown request cites for each violation code (DOMAIN.md).

Platforms act on the law, not on our internal policy: every row cites the law and article
(《反电信网络诈骗法》 and, for the platform's own duty, 《电子商务法》), never a POLICY section.

A registry keyed by violation code, so a new code is one entry here and every export format
(CSV, XLSX, JSON, PDF) picks it up. Text is Chinese first because platform intake portals
are Chinese; the English label follows for bilingual notices.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["GENERAL_BASIS", "RULE_BASIS", "RuleBasis", "rule_basis_text", "violation_labels"]

ANTI_FRAUD_LAW = "《反电信网络诈骗法》"
# What a code without its own entry cites: the platform's duty to act on unlawful listings.
GENERAL_BASIS = "《电子商务法》第二十九条、《反电信网络诈骗法》第二十五条（平台依法处置违法经营行为）"


@dataclass(frozen=True)
class RuleBasis:
    code: str
    label_zh: str  # what the violation is, in Chinese (quoted in 违规类型)
    label_en: str
    law: str  # article(s) of law cited to the platform

    @property
    def text(self) -> str:
        return self.law


RULE_BASIS: dict[str, RuleBasis] = {
    basis.code: basis
    for basis in (
        RuleBasis(
            "unauthorised_seller",
            "未取得运营商网络售卡代理授权",
            "no carrier online-agency authorisation",
            f"{ANTI_FRAUD_LAW}第三十一条（不得虚构代理关系开立电话卡）",
        ),
        RuleBasis(
            "no_real_name",
            "宣称免实名/规避实名登记",
            "no or bypassed real-name registration",
            f"{ANTI_FRAUD_LAW}第三十一条（不得提供实名核验帮助）",
        ),
        RuleBasis(
            "pre_registered",
            "出售已实名电话卡/号码",
            "sells pre-registered cards or numbers",
            f"{ANTI_FRAUD_LAW}第三十一条（不得非法买卖电话卡）",
        ),
        RuleBasis(
            "pre_activated",
            "出售已激活电话卡",
            "sells pre-activated cards",
            f"{ANTI_FRAUD_LAW}第三十一条（不得非法买卖电话卡）",
        ),
        RuleBasis(
            "bulk_trading",
            "批量买卖/收购电话卡",
            "bulk sale or purchase of cards",
            f"{ANTI_FRAUD_LAW}第三十一条（不得非法买卖电话卡）、第十四条（猫池/卡池）",
        ),
        RuleBasis(
            "iot_card_misuse",
            "物联网卡违规销售给个人用于手机/无限流量",
            "IoT cards sold to consumers",
            f"{ANTI_FRAUD_LAW}第十二条（物联网卡功能与使用场景限制）",
        ),
        RuleBasis(
            "verification_service",
            "接码/代收验证码服务",
            "number rental or verification-code service",
            f"{ANTI_FRAUD_LAW}第十四条（不得提供批量接收验证码服务）",
        ),
    )
}


def violation_labels(codes: Iterable[str]) -> list[str]:
    """``"中文说明 (code)"`` for each code; an unknown code is kept as is rather than dropped."""
    out = []
    for code in codes:
        basis = RULE_BASIS.get(code)
        out.append(f"{basis.label_zh} ({code})" if basis else code)
    return out


def rule_basis_text(codes: Iterable[str]) -> str:
    """The cited basis for all violations of a listing, one line per distinct basis."""
    seen: list[str] = []
    for code in codes:
        basis = RULE_BASIS.get(code)
        line = f"{code}: {basis.text}" if basis else f"{code}: {GENERAL_BASIS}"
        if line not in seen:
            seen.append(line)
    return "\n".join(seen)
