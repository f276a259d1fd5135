from __future__ import annotations

from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from openpyxl import Workbook

from crawler.takedowns.lifecycle import TakedownStore
from crawler.takedowns.replies import ReplyFileError, import_reply_file, parse_status
from tests.crawler.takedowns.conftest import index_listings, listing_doc


def _sent(es: Elasticsearch, *refs: str) -> TakedownStore:
    store = TakedownStore(es)
    for ref in refs:
        store.mark(ref, "queued", by="export")
        store.mark(ref, "sent", by="alice")
    return store


@pytest.fixture
def seeded(es: Elasticsearch) -> TakedownStore:
    index_listings(es, [listing_doc("taobao", str(i)) for i in range(1, 6)] + [listing_doc("jd", "1")])
    store = _sent(es, "taobao:1", "taobao:2", "taobao:3", "jd:1")
    store.mark("taobao:4", "queued", by="export")  # queued, never sent
    return store


def test_csv_reply_applies_good_rows_and_reports_bad_ones(
    es: Elasticsearch, seeded: TakedownStore, tmp_path: Path
) -> None:
    reply = tmp_path / "taobao_reply.csv"
    reply.write_text(
        "淘宝平台违规商品处理结果反馈,,\n"  # a title row above the header
        "商品ID,商品链接,处理结果,备注\n"
        "2,,已下架,违规已处理\n"  # line 3: good (by id)
        ",https://item.example.test/taobao/3/,驳回,未发现违规\n"  # line 4: good (by URL)
        "1,,正在研究,\n"  # line 5: unknown status
        "999,,已下架,\n"  # line 6: no such takedown
        ",,已下架,\n"  # line 7: no id or URL
        "4,,已下架,\n"  # line 8: queued -> removed is not allowed
        ",,,\n"  # blank: skipped silently
        "5,,,\n",  # line 10: status empty
        encoding="utf-8",
    )
    result = import_reply_file(es, reply, by="taobao portal", platform="taobao")
    assert result.applied == [("taobao:2", "removed"), ("taobao:3", "rejected")]
    problems = [str(p) for p in result.problems]
    assert problems == [
        f"{reply}:5: unknown status '正在研究'",
        f"{reply}:6: no takedown for listing id '999'",
        f"{reply}:7: no listing id or URL",
        f"{reply}:8: takedown taobao:4: cannot go from queued to removed; allowed: sent",
        f"{reply}:10: status is empty",
    ]
    doc = seeded.get("taobao:2")
    assert doc is not None and doc["status"] == "removed"
    assert doc["history"][-1]["by"] == "taobao portal" and doc["history"][-1]["note"] == "违规已处理"
    assert seeded.get("taobao:1")["status"] == "sent"  # type: ignore[index]


def test_ambiguous_id_needs_platform_and_gbk_is_read(
    es: Elasticsearch, seeded: TakedownStore, tmp_path: Path
) -> None:
    reply = tmp_path / "reply_gbk.csv"
    reply.write_bytes("商品ID,处理结果\n1,已受理\n".encode("gb18030"))
    result = import_reply_file(es, reply, by="portal")
    assert result.applied == []
    assert "on several platforms (jd:1, taobao:1)" in str(result.problems[0])
    reply.write_bytes("平台,商品ID,处理结果\njd,1,已受理\n".encode("gb18030"))
    assert import_reply_file(es, reply, by="portal").applied == [("jd:1", "acknowledged")]


def test_xlsx_reply_with_bilingual_header_and_numeric_ids(
    es: Elasticsearch, seeded: TakedownStore, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["序号\nNo.", "商品ID\nListing ID", "处理结果 / Status", "备注"])
    sheet.append([1, 1.0, "removed", None])  # Excel stores ids as numbers
    sheet.append([2, 3, "acknowledged", "审核中"])
    sheet.append([3, 2, "bogus", None])
    path = tmp_path / "reply.xlsx"
    workbook.save(path)
    result = import_reply_file(es, path, by="portal", platform="taobao")
    assert result.applied == [("taobao:1", "removed"), ("taobao:3", "acknowledged")]
    assert [str(p) for p in result.problems] == [f"{path}:4: unknown status 'bogus'"]


def test_unreadable_files_raise(es: Elasticsearch, tmp_path: Path) -> None:
    with pytest.raises(ReplyFileError, match="no such file"):
        import_reply_file(es, tmp_path / "missing.csv", by="x")
    no_header = tmp_path / "no_header.csv"
    no_header.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ReplyFileError, match="no header row"):
        import_reply_file(es, no_header, by="x")
    wrong = tmp_path / "reply.docx"
    wrong.write_text("x", encoding="utf-8")
    with pytest.raises(ReplyFileError, match="unsupported reply format"):
        import_reply_file(es, wrong, by="x")


def test_parse_status_words() -> None:
    assert parse_status("已下架") == "removed"
    assert parse_status(" Taken Down ") == "removed"
    assert parse_status("不予处理") == "rejected"
    assert parse_status("处理中") == "acknowledged"
    assert parse_status("maybe") is None
