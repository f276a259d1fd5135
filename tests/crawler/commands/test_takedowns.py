"""The takedowns, evidence and sellers commands through argparse, as ``simwatch`` wires them."""

from __future__ import annotations

from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from crawler.cli import main
from crawler.store.embedded import EmbeddedElasticsearch
from crawler.takedowns.evidence import EvidenceStore
from tests.crawler.takedowns.conftest import index_listings, listing_doc


def run(*argv: str) -> int:
    return main(list(argv))


def test_export_mark_import_metrics(
    es: Elasticsearch, es_server: EmbeddedElasticsearch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = ("--url", es_server.url)
    index_listings(es, [listing_doc("jd", "1"), listing_doc("jd", "2", risk=90)])
    assert run("takedowns", "export", "--platform", "jd", "--format", "xlsx", "--out", str(tmp_path), *url) == 0
    assert (tmp_path / capsys.readouterr().out.strip().rsplit("/", 1)[-1]).is_file()

    assert run("takedowns", "mark", "jd:1", "--status", "sent", "--by", "alice", *url) == 0
    assert "jd:1: sent" in capsys.readouterr().out
    assert run("takedowns", "mark", "jd:1", "--status", "queued", "--by", "alice", *url) == 1
    assert "cannot go from sent to queued" in capsys.readouterr().err

    reply = tmp_path / "reply.csv"
    reply.write_text("商品ID,处理结果\n1,已下架\n2,已下架\n", encoding="utf-8")
    assert run("takedowns", "import", str(reply), "--by", "jd portal", "--platform", "jd", *url) == 1
    captured = capsys.readouterr()
    assert "jd:1: removed" in captured.out
    assert f"{reply}:3: takedown jd:2: cannot go from queued to removed" in captured.err

    assert run("takedowns", "metrics", "--json", "--no-store", *url) == 0
    assert '"compliance_rate": 1.0' in capsys.readouterr().out


def test_evidence_verify_names_the_altered_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = EvidenceStore(tmp_path, "run7")
    store.capture("jd:1", "https://item.jd.com/1.html", b"<html>1</html>", b"png")
    assert run("evidence", "verify", "run7", "--dir", str(tmp_path)) == 0
    assert "1 captures verified" in capsys.readouterr().out
    shot = tmp_path / "run7/000001_jd_1/screenshot.png"
    shot.write_bytes(b"pnh")
    assert run("evidence", "verify", "run7", "--dir", str(tmp_path)) == 1
    assert f"{shot}: sha256" in capsys.readouterr().out


def test_sellers_network_table(
    es: Elasticsearch, es_server: EmbeddedElasticsearch, capsys: pytest.CaptureFixture[str]
) -> None:
    index_listings(
        es,
        [
            listing_doc("taobao", "1", shop_id="t1", shop_name="A店", title="免实名 加V：kaxx2024"),
            listing_doc("xianyu", "2", shop_id="x1", shop_name="B店", title="成品卡 vx kaxx2024"),
        ],
    )
    assert run("sellers", "link", "--url", es_server.url) == 0
    assert "1 networks link 2+ shops" in capsys.readouterr().out
    assert run("sellers", "network", "taobao:t1", "--url", es_server.url) == 0
    out = capsys.readouterr().out
    assert "xianyu:x1" in out and "wechat:kaxx2024" in out and "2 sellers on taobao, xianyu" in out
    assert run("sellers", "network", "nobody", "--url", es_server.url) == 1


def test_batch_marked_sent_then_reply_imported_twice(
    es: Elasticsearch, es_server: EmbeddedElasticsearch, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = ("--url", es_server.url)
    index_listings(es, [listing_doc("jd", str(n)) for n in range(1, 4)])
    assert run("takedowns", "export", "--platform", "jd", "--format", "csv", "--out", str(tmp_path), *url) == 0
    exported = Path(capsys.readouterr().out.strip().splitlines()[-1].split()[-1])
    batch = exported.stem.removeprefix("takedowns_")  # takedowns_<platform>_<day>_<NNN>.csv

    assert run("takedowns", "mark", "--batch", batch, "--status", "sent", "--by", "alice", *url) == 0
    assert f"batch {batch}: 3 marked sent, 0 already sent" in capsys.readouterr().out
    assert run("takedowns", "mark", "--batch", batch, "--status", "sent", "--by", "alice", *url) == 0
    assert "0 marked sent, 3 already sent" in capsys.readouterr().out

    reply = tmp_path / "reply.csv"
    reply.write_text("商品ID,处理结果\n1,已下架\n2,驳回\n3,已受理\n", encoding="utf-8")
    assert run("takedowns", "import", str(reply), "--by", "jd portal", "--platform", "jd", *url) == 0
    assert "applied 3 rows, rejected 0" in capsys.readouterr().out
    before = {hit["_id"]: hit["_source"]["history"] for hit in es.search(
        index="simwatch-takedowns", size=10, query={"match_all": {}})["hits"]["hits"]}
    assert run("takedowns", "import", str(reply), "--by", "jd portal", "--platform", "jd", *url) == 0
    out = capsys.readouterr().out
    assert "applied 0 rows, rejected 0; 3 unchanged" in out and "imported before" in out
    es.indices.refresh(index="simwatch-takedowns")
    after = {hit["_id"]: hit["_source"]["history"] for hit in es.search(
        index="simwatch-takedowns", size=10, query={"match_all": {}})["hits"]["hits"]}
    assert after == before  # nothing changed, not even the history

    assert run("takedowns", "mark", "--batch", "jd_1999-01-01_001", "--status", "sent", "--by", "a",
               *url) == 1
    assert "no takedown in batch" in capsys.readouterr().err

    monkeypatch.setenv("COLUMNS", "80")  # every number readable on an 80-column terminal
    assert run("takedowns", "metrics", "--no-store", *url) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "jd: total 3 · sent 3 · removed 1 · rejected 1" in out.replace("\n", " ")


def test_mark_sent_from_a_reply_file(
    es: Elasticsearch, es_server: EmbeddedElasticsearch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = ("--url", es_server.url)
    index_listings(es, [listing_doc("jd", "7"), listing_doc("jd", "8")])
    assert run("takedowns", "export", "--platform", "jd", "--format", "csv", "--out", str(tmp_path), *url) == 0
    capsys.readouterr()
    names = tmp_path / "sent.csv"  # the portal's receipt: listing ids, no result column
    names.write_text("商品ID\n7\n8\n", encoding="utf-8")
    assert run("takedowns", "mark", "--reply", str(names), "--status", "sent", "--by", "bob",
               "--platform", "jd", *url) == 0
    assert "applied 2 rows" in capsys.readouterr().out
    assert run("takedowns", "mark", "jd:7", "--batch", "x", "--status", "sent", "--by", "b", *url) == 2
