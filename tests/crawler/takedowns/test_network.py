from __future__ import annotations

from elasticsearch import Elasticsearch

from crawler.takedowns.contacts import Identifier
from crawler.takedowns.indices import SELLERS
from crawler.takedowns.lifecycle import TakedownStore
from crawler.takedowns.network import (
    Cluster,
    SellerNode,
    apply_network_bonus,
    build_network,
    find_cluster,
    link_sellers,
    network_risk_bonus,
    stored_bonus,
    write_sellers,
)
from tests.crawler.takedowns.conftest import index_listings, listing_doc


def node(seller_id: str, *ids: str, **counts: int) -> SellerNode:
    platform = seller_id.split(":")[0]
    identifiers = {Identifier(*i.split(":", 1)) for i in ids}
    return SellerNode(seller_id, platform, identifiers=identifiers, **counts)


def test_union_find_links_transitively_and_ignores_noise() -> None:
    nodes = [
        node("taobao:a", "wechat:kaxx2024"),
        node("xianyu:b", "wechat:kaxx2024", "qq:123456"),
        node("pinduoduo:c", "qq:123456"),
        node("jd:d", "phone:13812345678"),
    ]
    # a hotline shown by many shops must not merge them all
    nodes += [node(f"jd:noise{i}", "phone:4008123123") for i in range(4)]
    clusters = link_sellers(nodes, max_shared=3)
    big = clusters[0]
    assert [m.seller_id for m in big.members] == ["pinduoduo:c", "taobao:a", "xianyu:b"]
    assert big.network_id == "pinduoduo:c"
    assert big.platforms == ["pinduoduo", "taobao", "xianyu"]
    assert big.shared == {"qq:123456": ["pinduoduo:c", "xianyu:b"],
                          "wechat:kaxx2024": ["taobao:a", "xianyu:b"]}
    assert len(clusters) == 1 + 1 + 4  # every noise shop alone


def test_network_risk_bonus() -> None:
    lone = Cluster("jd:x", [node("jd:x", flagged=1)], {})
    assert network_risk_bonus(lone) == 0
    pair = Cluster("jd:x", [node("jd:x", takedowns=1), node("taobao:y", takedowns=1)], {})
    assert network_risk_bonus(pair) == 5 + 5 + 3
    repeat = Cluster("jd:x", [node("jd:x", takedowns=4, relisted=1)], {})
    assert network_risk_bonus(repeat) == 9 + 10
    huge = Cluster("a", [node(f"jd:{i}", takedowns=3, relisted=1) for i in range(6)], {})
    assert network_risk_bonus(huge) == 30
    assert apply_network_bonus(90, 30) == 100


def test_cross_platform_network_from_elasticsearch(es: Elasticsearch) -> None:
    index_listings(
        es,
        [
            listing_doc("taobao", "1", shop_id="t1", title="免实名流量卡 加V：kaxx2024"),
            listing_doc("taobao", "2", shop_id="t1", title="已实名 成品卡", description="QQ:123456789"),
            listing_doc("xianyu", "3", shop_id=None, shop_name="卡王 小铺", title="出 成品号 vx kaxx2024"),
            listing_doc("pinduoduo", "4", shop_id="p9", title="大王卡 批量", description="扣扣 123456789"),
            listing_doc("jd", "5", shop_id="j7", title="移动靓号 13988888888 出售 微信 other_seller"),
            listing_doc("jd", "6", shop_id="j8", title="流量卡 咨询 13988888888"),
        ],
    )
    # a shop page capture links jd:j7 to taobao:t1 through the credit code
    es.index(index=SELLERS, id="taobao:t1", refresh="wait_for",
             document={"platform": "taobao", "shop_id": "t1", "credit_code": "91110000600037341L"})
    es.index(index=SELLERS, id="jd:j7", refresh="wait_for",
             document={"platform": "jd", "shop_id": "j7", "company_name": "北京某某科技有限公司",
                       "page_text": "统一社会信用代码 91110000600037341L"})
    TakedownStore(es).mark("taobao:1", "queued", by="t")

    clusters = build_network(es)
    network = find_cluster(clusters, "卡王 小铺")
    assert network is not None
    assert [m.seller_id for m in network.members] == [
        "jd:j7", "pinduoduo:p9", "taobao:t1", "xianyu:name:卡王小铺",
    ]
    assert set(network.shared) == {"wechat:kaxx2024", "qq:123456789", "credit_code:91110000600037341L"}
    # the vanity number sold by jd:j7 is goods, so it does not link jd:j8
    assert find_cluster(clusters, "jd:j8").members[0].seller_id == "jd:j8"  # type: ignore[union-attr]

    assert write_sellers(es, clusters) == 5
    stored = es.get(index=SELLERS, id="jd:j7")["_source"]
    assert stored["company_name"] == "北京某某科技有限公司"  # existing fields kept
    assert stored["network_id"] == "jd:j7" and stored["network_size"] == 4
    assert stored["network_platforms"] == ["jd", "pinduoduo", "taobao", "xianyu"]
    expected = network_risk_bonus(network)
    assert expected > 0
    assert stored_bonus(es, "xianyu", None, "卡王 小铺") == expected
    assert stored_bonus(es, "jd", "unknown", None) == 0


def test_app_names_never_link_shops() -> None:
    # Issue #16: three unrelated shops whose texts say "WeChat Alipay Verification Code Service"
    # (old extractions stored wechat:alipay) stay apart; a shared real handle still links.
    from crawler.takedowns.contacts import extract_contacts

    found = [i.key for i in extract_contacts("Virtual Number WeChat Alipay Verification Code Service")]
    nodes = [node(f"taobao:shop{i}", *found, "wechat:alipay") for i in range(3)]
    assert all(len(cluster.members) == 1 for cluster in link_sellers(nodes))
    real = [i.key for i in extract_contacts("Telegram搜索@rgjma")]
    linked = link_sellers([node("taobao:a", *real), node("jd:b", *real), node("jd:c")])
    assert sorted(len(c.members) for c in linked) == [1, 2]
