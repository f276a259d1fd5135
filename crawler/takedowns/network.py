"""Seller networks: shops on any platform that share a contact, company or credit code.

Sellers are linked with union-find over shared identifiers (``contacts.Identifier``): two shops
that show the same WeChat id, phone, QQ, Telegram handle, company name or 统一社会信用代码 are
one network. Contacts come from listing titles/descriptions; company names and credit codes only
from shop pages (seller documents), because listing text names carriers' companies too.
An identifier shown by more than ``MAX_SHARED`` sellers (a platform hotline, a template text) is
ignored so it cannot collapse unrelated shops into one network.

Repeat offending raises the risk score via :func:`network_risk_bonus` (documented there); the
classifier pipeline adds it with :func:`apply_network_bonus`, or reads the stored per-seller
``network_risk_bonus`` with :func:`stored_bonus`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from elasticsearch import Elasticsearch, helpers

from crawler.takedowns.contacts import Identifier, extract_contacts, extract_identifiers, linkable
from crawler.takedowns.indices import LISTINGS, SELLERS, TAKEDOWNS, get_doc, scan_docs

__all__ = [
    "MAX_SHARED",
    "Cluster",
    "SellerNode",
    "apply_network_bonus",
    "build_network",
    "collect_sellers",
    "find_cluster",
    "link_sellers",
    "network_risk_bonus",
    "seller_id",
    "stored_bonus",
    "write_sellers",
]

MAX_SHARED = 50
# Seller-document fields whose text is searched for identifiers (shop page captures).
SHOP_TEXT_FIELDS = ("shop_name", "company_name", "description", "page_text", "contact", "about")


def seller_id(platform: str, shop_id: str | None, shop_name: str | None) -> str | None:
    """``platform:shop_id`` or ``platform:name:<normalised name>`` (INTERFACES simwatch-sellers id)."""
    if shop_id:
        return f"{platform}:{shop_id}"
    if shop_name:
        from whitelist.normalise import normalise_name

        name = normalise_name(shop_name)
        return f"{platform}:name:{name}" if name else None
    return None


@dataclass
class SellerNode:
    seller_id: str
    platform: str
    shop_id: str | None = None
    shop_name: str | None = None
    shop_url: str | None = None
    identifiers: set[Identifier] = field(default_factory=set)
    listings: int = 0
    flagged: int = 0
    takedowns: int = 0
    relisted: int = 0
    max_risk: int = 0


@dataclass
class Cluster:
    network_id: str  # smallest member seller id: stable while that member exists
    members: list[SellerNode]
    shared: dict[str, list[str]]  # identifier key -> seller ids showing it (only links, ≥ 2)

    @property
    def platforms(self) -> list[str]:
        return sorted({member.platform for member in self.members})

    @property
    def takedowns(self) -> int:
        return sum(member.takedowns for member in self.members)

    @property
    def relisted(self) -> int:
        return sum(member.relisted for member in self.members)

    @property
    def flagged(self) -> int:
        return sum(member.flagged for member in self.members)


def network_risk_bonus(cluster: Cluster) -> int:
    """Points (0–30) added to ``risk_score`` of every listing of a network's sellers.

    - +5 per linked shop beyond the first (at most +15): the same operator runs several shops;
    - +5 when the network spans two or more platforms;
    - +3 per takedown beyond the first across the network (at most +15): repeat offences,
      counting flagged listings when no takedown has been recorded yet;
    - +10 when any takedown of the network was relisted (the seller evades removals).
    The total is capped at 30 so a network bonus never outweighs the listing's own signals.
    """
    shops = len(cluster.members)
    offences = max(cluster.takedowns, cluster.flagged)
    bonus = min(15, 5 * (shops - 1))
    bonus += 5 if len(cluster.platforms) >= 2 else 0
    bonus += min(15, 3 * max(0, offences - 1))
    bonus += 10 if cluster.relisted else 0
    return min(30, bonus)


def apply_network_bonus(risk_score: int, bonus: int) -> int:
    """The listing's risk score raised by a network bonus, kept within 0–100."""
    return max(0, min(100, int(risk_score) + int(bonus)))


class _UnionFind:
    # A dozen lines with path halving and union by size: not worth a graph-library dependency.
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.size: dict[str, int] = {}

    def add(self, item: str) -> None:
        if item not in self.parent:
            self.parent[item] = item
            self.size[item] = 1

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return
        if self.size[root_a] < self.size[root_b]:
            root_a, root_b = root_b, root_a
        self.parent[root_b] = root_a
        self.size[root_a] += self.size[root_b]


def link_sellers(nodes: Iterable[SellerNode], max_shared: int = MAX_SHARED) -> list[Cluster]:
    """Group sellers sharing any identifier; every seller is in exactly one cluster."""
    nodes = list(nodes)
    by_identifier: dict[str, list[str]] = defaultdict(list)
    union = _UnionFind()
    for node in nodes:
        union.add(node.seller_id)
        for identifier in node.identifiers:
            if linkable(identifier):  # only real handles link shops (app or brand names never)
                by_identifier[identifier.key].append(node.seller_id)
    for members in by_identifier.values():
        if 2 <= len(members) <= max_shared:
            for other in members[1:]:
                union.union(members[0], other)
    groups: dict[str, list[SellerNode]] = defaultdict(list)
    for node in nodes:
        groups[union.find(node.seller_id)].append(node)
    clusters = []
    for members in groups.values():
        ids = {member.seller_id for member in members}
        shared = {
            key: sorted(set(sellers))
            for key, sellers in by_identifier.items()
            if len(set(sellers)) >= 2 and set(sellers) <= ids and len(sellers) <= max_shared
        }
        members.sort(key=lambda member: member.seller_id)
        clusters.append(Cluster(members[0].seller_id, members, shared))
    clusters.sort(key=lambda cluster: (-len(cluster.members), cluster.network_id))
    return clusters


def _node(nodes: dict[str, SellerNode], doc: Mapping[str, Any]) -> SellerNode | None:
    platform = doc.get("platform")
    if not platform:
        return None
    sid = seller_id(str(platform), doc.get("shop_id"), doc.get("shop_name"))
    if sid is None:
        return None
    node = nodes.get(sid)
    if node is None:
        node = nodes[sid] = SellerNode(
            sid, str(platform), doc.get("shop_id"), doc.get("shop_name"), doc.get("shop_url")
        )
    return node


def collect_sellers(client: Elasticsearch) -> dict[str, SellerNode]:
    """Seller nodes from SIM listings (contacts), seller docs (company, credit code) and takedowns."""
    nodes: dict[str, SellerNode] = {}
    for _, listing in scan_docs(client, LISTINGS, {"term": {"sim_listing": True}}):
        node = _node(nodes, listing)
        if node is None:
            continue
        node.listings += 1
        node.flagged += 1 if listing.get("takedown") else 0
        node.max_risk = max(node.max_risk, int(listing.get("risk_score") or 0))
        text = " ".join(str(listing.get(name) or "") for name in ("title", "description"))
        node.identifiers.update(extract_contacts(text))
    for _, seller in scan_docs(client, SELLERS):
        node = _node(nodes, seller)
        if node is None:
            continue
        text = " ".join(str(seller.get(name) or "") for name in SHOP_TEXT_FIELDS)
        node.identifiers.update(extract_identifiers(text))
        if seller.get("company_name"):
            node.identifiers.update(
                i for i in extract_identifiers(f"公司名称：{seller['company_name']}")
                if i.kind == "company"
            )
        if seller.get("credit_code"):
            node.identifiers.update(
                i for i in extract_identifiers(str(seller["credit_code"])) if i.kind == "credit_code"
            )
    for _, takedown in scan_docs(client, TAKEDOWNS):
        node = _node(nodes, takedown)
        if node is None:
            continue
        node.takedowns += 1
        node.relisted += 1 if takedown.get("status") == "relisted" else 0
    return nodes


def build_network(client: Elasticsearch) -> list[Cluster]:
    return link_sellers(collect_sellers(client).values())


def write_sellers(client: Elasticsearch, clusters: Iterable[Cluster]) -> int:
    """Upsert each seller's network fields into ``simwatch-sellers`` (other fields untouched)."""
    # last_seen: the sellers data view's time field must be on every seller document.
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    actions = []
    for cluster in clusters:
        bonus = network_risk_bonus(cluster)
        for member in cluster.members:
            doc = {
                "platform": member.platform,
                "shop_id": member.shop_id,
                "shop_name": member.shop_name,
                "shop_url": member.shop_url,
                "contacts": sorted(i.key for i in member.identifiers),
                "network_id": cluster.network_id,
                "network_size": len(cluster.members),
                "network_platforms": cluster.platforms,
                "network_risk_bonus": bonus,
                "network_takedowns": cluster.takedowns,
                "last_seen": stamp,
            }
            actions.append(
                {
                    "_op_type": "update",
                    "_index": SELLERS,
                    "_id": member.seller_id,
                    "doc": {k: v for k, v in doc.items() if v is not None},
                    "doc_as_upsert": True,
                }
            )
    if not actions:
        return 0
    written, _ = helpers.bulk(client, actions, refresh="wait_for")
    return int(written)


def find_cluster(clusters: Iterable[Cluster], ref: str) -> Cluster | None:
    """The cluster holding a seller given as seller id, shop id or (case-insensitive) shop name."""
    clusters = list(clusters)
    for cluster in clusters:
        if any(member.seller_id == ref for member in cluster.members):
            return cluster
    lowered = ref.lower()
    for cluster in clusters:
        for member in cluster.members:
            if member.shop_id == ref or (member.shop_name or "").lower() == lowered:
                return cluster
    return None


def stored_bonus(client: Elasticsearch, platform: str, shop_id: str | None, shop_name: str | None) -> int:
    """The ``network_risk_bonus`` last written for a seller (0 when unknown)."""
    sid = seller_id(platform, shop_id, shop_name)
    doc = get_doc(client, SELLERS, sid) if sid else None
    return int((doc or {}).get("network_risk_bonus") or 0)
