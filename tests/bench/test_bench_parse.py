"""The parser benchmark runs on the captures and reports rows in the bench format."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import bench_parse


def test_run_reports_every_format(fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_parse, "MIN_SECONDS", 0.01)  # structure, not speed, is tested here
    rows = bench_parse.run(fixtures_dir)
    assert len(rows) == len(bench_parse.CASES)
    for row, case in zip(rows, bench_parse.CASES, strict=True):
        assert set(row) == {"measure", "value", "unit", "aim", "ok"}
        assert case.platform in row["measure"] and row["unit"] == "listings/s"
        assert row["value"] > 0 and row["aim"] > 0
        assert row["ok"] == (row["value"] >= row["aim"])


def test_a_parser_that_finds_nothing_is_an_error(fixtures_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "xianyu").mkdir()
    (tmp_path / "xianyu" / "idlemtopsearch_pc_search_p1.json").write_text(
        '{"ret": ["SUCCESS::ok"], "data": {"resultList": [], "resultInfo": {}}}', encoding="utf-8"
    )
    with pytest.raises(RuntimeError, match="found no listings"):
        bench_parse.run(tmp_path)
