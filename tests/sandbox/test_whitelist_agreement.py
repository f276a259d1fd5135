"""The sandbox's published whitelist, read by whitelist/ and matched, agrees with its ground truth."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandbox.catalogue import build_catalogue, write_whitelist
from whitelist.loaders import load
from whitelist.matcher import Matcher


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_whitelist_loads_without_rejections_and_authorises_as_expected(tmp_path: Path, fmt: str) -> None:
    cat = build_catalogue(7)
    result = load(write_whitelist(cat.whitelist_rows(), tmp_path / f"sandbox.{fmt}"))
    assert result.rejected == [] and len(result.entries) == len(cat.whitelist_rows())
    matcher = Matcher(result.entries)
    checked = 0
    # tmall listings carry a numeric shop id and a <name>.tmall.com URL: they match by URL.
    for x in cat.listings:
        e = x.expected
        # authorised None: markets no whitelist covers (POLICY §7), nothing to agree on.
        if not e["sim_listing"] or e["foreign"] or e["authorised"] is None:
            continue
        shop_id = None if x.platform == "xianyu" else x.shop.shop_id  # xianyu: nick only
        verdict = matcher.match(x.platform, shop_id=shop_id, shop_url=x.shop.url, shop_name=x.shop.name,
                                carriers=e["carriers"], observed="2026-06-30")
        assert verdict.authorised == e["authorised"], (x.doc_id, x.kind, x.title, verdict.reason)
        checked += 1
    assert checked > 1000
