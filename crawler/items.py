"""Item types shared by spiders, pipelines, classifiers and the store.

Plain dataclasses rather than ``scrapy.Item``: the classifier and the ``classify`` command
must work without Scrapy, and Scrapy handles dataclass items natively through itemadapter.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class Listing:
    """One marketplace listing, in the ``simwatch classify`` input format."""

    platform: str
    listing_id: str
    title: str
    url: str | None = None
    description: str | None = None
    price: float | None = None
    shop_name: str | None = None
    shop_id: str | None = None
    shop_url: str | None = None
    location: str | None = None
    observed_at: str | None = None  # YYYY-MM-DD, the date whitelist validity is checked on
    keyword: str | None = None  # search keyword that found it (crawler only)
    page_url: str | None = None  # results page it was found on (crawler only)
    # The platform hid the price (JD without login: "1??9", 登录查看价格): price is None then.
    price_masked: bool = False

    @property
    def doc_id(self) -> str:
        return doc_id(self.platform, self.listing_id)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Listing:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Seller:
    """A shop on one platform, as seen on its shop page."""

    platform: str
    shop_id: str | None
    shop_name: str | None = None
    shop_url: str | None = None
    credit_code: str | None = None  # 统一社会信用代码 shown in the business licence
    company_name: str | None = None
    agent_marks: list[str] = field(default_factory=list)  # 统一标识 / 代理编号 text


@dataclass
class Verdict:
    """The classifier's judgement of one listing (POLICY §1-§6)."""

    sim_listing: bool
    carriers: list[str]
    foreign: bool
    authorised: bool | None
    whitelist_match: dict[str, Any] | None
    violations: list[str]
    risk_score: int
    takedown: bool
    reasons: list[str]
    classifier_version: str
    whitelist_snapshots: list[str] = field(default_factory=list)
    rules_fired: list[str] = field(default_factory=list)
    # POLICY §3: "authorised" | "unauthorised" | "unchecked" (no loaded list covers the carrier)
    # | "not_applicable" (not a SIM listing, or a foreign travel card).
    authorisation: str = "not_applicable"
    confidence: float = 1.0  # POLICY §8
    needs_review: bool = False
    review_reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def doc_id(platform: str, listing_id: str) -> str:
    """A listing's document id in the store (and the run's dedup key): platform:listing_id."""
    return f"{platform}:{listing_id}"
