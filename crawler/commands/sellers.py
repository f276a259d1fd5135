"""``simwatch sellers``: seller networks across platforms.

  link              extract contacts (phone, WeChat, QQ, Telegram), company names and credit
                    codes from listings and shop pages, link sellers sharing one (union-find),
                    and store each seller's network fields in simwatch-sellers
  network SELLER    show the network of a seller (platform:shop_id, shop id or shop name)
"""

from __future__ import annotations

import argparse

from crawler.commands._common import add_action, add_command_group
from crawler.errors import print_error


def register(subparsers: argparse._SubParsersAction) -> None:
    _, actions = add_command_group(
        subparsers, "sellers", "seller networks linked by shared contacts", __doc__
    )
    link = add_action(actions, "link", cmd_link,
               help="rebuild networks and store them in simwatch-sellers")
    network = add_action(actions, "network", cmd_network, help="show the network of one seller")
    network.add_argument("seller", metavar="SELLER")
    for sub in (link, network):
        sub.add_argument("--url", help="Elasticsearch URL (default: ELASTICSEARCH_URL or embedded)")
        sub.add_argument("--home", help="simwatch data directory (default: SIMWATCH_HOME)")


def cmd_link(args: argparse.Namespace) -> int:
    from crawler.commands.es import connect
    from crawler.takedowns.network import build_network, write_sellers

    with connect(args) as client:
        clusters = build_network(client)
        written = write_sellers(client, clusters)
    linked = [c for c in clusters if len(c.members) > 1]
    print(f"{written} sellers in {len(clusters)} networks; {len(linked)} networks link 2+ shops")
    return 0


def cmd_network(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from crawler.commands.es import connect
    from crawler.takedowns.network import build_network, find_cluster, network_risk_bonus

    with connect(args) as client:
        cluster = find_cluster(build_network(client), args.seller)
    if cluster is None:
        print_error("sellers network", f"no seller {args.seller!r} (try platform:shop_id)")
        return 1
    links: dict[str, list[str]] = {}
    for key, members in cluster.shared.items():
        for member in members:
            links.setdefault(member, []).append(key)
    table = Table(
        title=(
            f"network {cluster.network_id}: {len(cluster.members)} sellers on "
            f"{', '.join(cluster.platforms)}; risk bonus +{network_risk_bonus(cluster)}"
        )
    )
    for column in ("seller", "shop", "shared identifiers", "SIM listings", "flagged",
                   "takedowns", "relisted"):
        table.add_column(column)
    for member in cluster.members:
        table.add_row(
            member.seller_id, member.shop_name or "", "\n".join(sorted(links.get(member.seller_id, []))),
            str(member.listings), str(member.flagged), str(member.takedowns), str(member.relisted),
        )
    Console(width=160).print(table)
    return 0
