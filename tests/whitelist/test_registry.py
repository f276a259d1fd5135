from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.whitelist.samples import HEADERS, write_csv, write_pdf
from whitelist.model import WhitelistFileError
from whitelist.registry import (
    ES_INDEX,
    WhitelistImportError,
    active_entries,
    active_snapshots,
    check,
    diff_snapshots,
    import_file,
    list_snapshots,
    load_matcher,
    load_snapshot,
)


class FakeElasticsearch:
    """Records index calls; optionally fails like an unreachable cluster."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.indexed: list[dict[str, Any]] = []

    def index(self, *, index: str, id: str, document: dict[str, Any]) -> dict[str, Any]:
        if self.fail:
            raise ConnectionError("cluster unreachable")
        self.indexed.append({"index": index, "id": id, "document": document})
        return {"result": "created"}


def _csv(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([",".join(HEADERS), *rows]) + "\n", encoding="utf-8")
    return path


ROW = "{n},中国移动,公司{n},,店{n},京东,https://mall.jd.com/index-{n}.html,A{n},2024-01-01,{end}"


def test_import_stores_snapshot_and_indexes(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "list.csv")
    es = FakeElasticsearch()
    snapshot = import_file(source, source="https://10086.cn/agents", published="2024/03/01",
                           directory=tmp_path / "wl", client=es)
    assert snapshot.id.startswith("wl-20240301-")
    assert snapshot.published == "2024-03-01" and snapshot.row_count == 8 and len(snapshot.entries) == 8
    assert snapshot.carrier == "中国电信、中国移动、中国联通"
    assert len(snapshot.sha256) == 64
    assert all(e.snapshot_id == snapshot.id for e in snapshot.entries)
    (call,) = es.indexed
    assert call["index"] == ES_INDEX and call["id"] == snapshot.id
    document = call["document"]
    assert document["rows"] == 8 and document["rejected"] == 0 and len(document["entries"]) == 8
    assert document["source"] == "https://10086.cn/agents" and document["sha256"] == snapshot.sha256

    (meta,) = list_snapshots(tmp_path / "wl")
    assert meta["id"] == snapshot.id and meta["entry_count"] == 8
    loaded = load_snapshot(snapshot.id[:12], tmp_path / "wl")  # unique prefix
    assert loaded.entries == snapshot.entries


def test_same_content_from_pdf_and_csv(tmp_path: Path) -> None:
    a = import_file(write_csv(tmp_path / "l.csv"), directory=tmp_path / "wl", source="s1")
    b = import_file(write_pdf(tmp_path / "l.pdf"), directory=tmp_path / "wl", source="s2")
    assert a.sha256 != b.sha256 and a.content_sha256 == b.content_sha256
    assert not diff_snapshots(a, b).lines()


def test_active_view_is_latest_per_carrier_and_source(tmp_path: Path) -> None:
    folder = tmp_path / "wl"
    old = import_file(_csv(tmp_path / "a.csv", [ROW.format(n=1, end="2024-12-31")]),
                      source="https://10086.cn/list", published="2024-01-01", directory=folder)
    new = import_file(_csv(tmp_path / "b.csv", [ROW.format(n=2, end="长期")]),
                      source="https://10086.cn/list", published="2024-06-01", directory=folder)
    other = import_file(_csv(tmp_path / "c.csv", [ROW.format(n=3, end="长期").replace("中国移动", "中国联通")]),
                        source="https://10010.com/list", published="2024-02-01", directory=folder)
    assert {s.id for s in active_snapshots(folder)} == {new.id, other.id}
    assert sorted(e.shop_id for e in active_entries(folder)) == ["2", "3"]
    matcher = load_matcher(folder)
    assert matcher.snapshot_ids == sorted([new.id, other.id])
    assert not matcher.match("jd", shop_id="1", observed="2024-07-01").authorised
    result, ids = check("京东", shop_url="https://mall.jd.com/index-2.html", carrier="移动",
                        observed="2024-07-01", directory=folder)
    assert result.authorised and result.entry.snapshot_id == new.id and ids == matcher.snapshot_ids
    assert old.id not in ids


def test_diff(tmp_path: Path) -> None:
    folder = tmp_path / "wl"
    a = import_file(_csv(tmp_path / "a.csv", [ROW.format(n=1, end="2024-12-31"),
                                              ROW.format(n=2, end="2024-12-31")]),
                    published="2024-01-01", directory=folder)
    b = import_file(_csv(tmp_path / "b.csv", [ROW.format(n=2, end="2025-12-31"),
                                              ROW.format(n=3, end="2024-12-31")]),
                    published="2025-01-01", directory=folder)
    diff = diff_snapshots(load_snapshot(a.id, folder), load_snapshot(b.id, folder))
    assert [e.shop_id for e in diff.added] == ["3"]
    assert [e.shop_id for e in diff.removed] == ["1"]
    ((before, after, fields),) = diff.changed
    assert (before.shop_id, fields) == ("2", ["valid_to"])
    assert diff.lines() == [
        "+ jd shop 3 店3 (中国移动 until 2024-12-31)",
        "- jd shop 1 店1 (中国移动 until 2024-12-31)",
        "~ jd shop 2: valid_to: 2024-12-31 → 2025-12-31",
    ]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_refused_imports_leave_the_active_snapshot_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "wl"
    good = import_file(_csv(tmp_path / "good.csv", [ROW.format(n=1, end="长期")]),
                       source="src", directory=folder)
    before = _files(folder)

    # Too many rejected rows: 1 of 2 (50%) > 20%.
    bad_rows = _csv(tmp_path / "bad.csv", [ROW.format(n=5, end="长期"), ROW.format(n=6, end="2024-99-01")])
    with pytest.raises(WhitelistImportError, match=r"1 of 2 rows rejected \(50% > 20% allowed\)") as info:
        import_file(bad_rows, source="src", directory=folder)
    assert [str(r) for r in info.value.rejected] == [
        "bad.csv:3: bad date '2024-99-01' (month must be in 1..12) in 有效期至"]
    # The threshold is configurable.
    assert import_file(bad_rows, source="other", directory=tmp_path / "wl2", max_rejected_share=0.5)

    # Unreadable file.
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(os.urandom(64) + b"\x00" * 64)
    with pytest.raises(WhitelistFileError):
        import_file(garbage, source="src", directory=folder)

    # Elasticsearch failure: nothing committed locally either.
    newer = _csv(tmp_path / "newer.csv", [ROW.format(n=7, end="长期")])
    with pytest.raises(ConnectionError):
        import_file(newer, source="src", directory=folder, client=FakeElasticsearch(fail=True))

    assert _files(folder) == before
    assert [s.id for s in active_snapshots(folder)] == [good.id]
    assert not list((folder / "snapshots").glob("*.tmp"))


def test_crash_during_write_leaves_no_partial_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "wl"
    good = import_file(_csv(tmp_path / "good.csv", [ROW.format(n=1, end="长期")]), source="s", directory=folder)
    real_replace = os.replace

    def replace_then_crash(src: str, dst: Any) -> None:
        if str(dst).endswith(".meta.json"):  # the commit step
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr("whitelist.registry.os.replace", replace_then_crash)
    with pytest.raises(OSError, match="disk full"):
        import_file(_csv(tmp_path / "new.csv", [ROW.format(n=2, end="长期")]), source="s", directory=folder)
    monkeypatch.undo()
    assert [s.id for s in active_snapshots(folder)] == [good.id]
    assert sorted(p.name for p in (folder / "snapshots").iterdir()) == sorted(
        [f"{good.id}.entries.json", f"{good.id}.meta.json"])


def test_reimport_is_idempotent(tmp_path: Path) -> None:
    path = _csv(tmp_path / "a.csv", [ROW.format(n=1, end="长期")])
    first = import_file(path, source="s", published="2024-01-01", directory=tmp_path / "wl")
    second = import_file(path, source="s", published="2024-01-01", directory=tmp_path / "wl")
    assert first.id == second.id and len(list_snapshots(tmp_path / "wl")) == 1


def test_unknown_snapshot(tmp_path: Path) -> None:
    from whitelist.model import WhitelistError

    with pytest.raises(WhitelistError, match="no whitelist snapshot"):
        load_snapshot("wl-nope", tmp_path)
    assert list_snapshots(tmp_path / "absent") == [] and active_entries(tmp_path / "absent") == []
