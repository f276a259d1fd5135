from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import pytest

from crawler.classifiers.corpus import TEST_WHITELIST
from crawler.commands import classify


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    classify.register(parser.add_subparsers())
    args = parser.parse_args(["classify", *argv])
    return args.func(args)


def test_bad_lines_reported_good_lines_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    good = {"platform": "taobao", "listing_id": "1", "title": "移动手机卡 免实名", "shop_id": "880001",
            "observed_at": "2025-06-01", "price": None}
    lines = [json.dumps(good, ensure_ascii=False), "{not json", json.dumps({"platform": "jd", "title": "x"}),
             json.dumps({**good, "listing_id": "2", "title": "手机壳"}),
             json.dumps({**good, "listing_id": "3", "observed_at": "06/01/2025"})]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    status = run(["--whitelist", str(TEST_WHITELIST), "--input", str(source), "--output", str(out), "--no-model"])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{source}:2:" in err and f"{source}:3:" in err and "listing_id" in err and f"{source}:5:" in err
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["listing_id"] for r in results] == ["1", "2"]
    first = results[0]
    assert first["price"] is None and first["authorised"] is True
    assert first["violations"] == ["no_real_name"] and first["takedown"] is True
    assert first["whitelist_match"]["method"] == "shop_id"
    for key in ("sim_listing", "carriers", "foreign", "risk_score", "reasons", "classifier_version",
                "whitelist_snapshots", "rules_fired"):
        assert key in first
    assert results[1]["sim_listing"] is False and results[1]["authorised"] is None


def test_stdin_stdout_and_rejected_whitelist_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    whitelist = tmp_path / "w.csv"
    whitelist.write_text("运营商,店铺名称,平台,店铺ID\n中国移动,甲店,淘宝,1\n中国联通,,淘宝,\n", encoding="utf-8")
    line = json.dumps({"platform": "taobao", "listing_id": "9", "title": "联通流量卡"}, ensure_ascii=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(line + "\n"))
    status = run(["--whitelist", str(whitelist), "--input", "-", "--output", "-"])
    captured = capsys.readouterr()
    assert status == 0
    assert "w.csv:row 3" in captured.err
    result = json.loads(captured.out)
    assert result["listing_id"] == "9" and "+model-" in result["classifier_version"]
