from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
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


def test_a_bad_byte_costs_its_line_and_a_platform_typo_is_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = {"platform": "taobao", "listing_id": "1", "title": "移动手机卡", "observed_at": "2025-06-01"}
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join([
        json.dumps(good, ensure_ascii=False).encode(),
        b'{"platform": "jd", "listing_id": "2", "title": "\xff\xfe"}',
        json.dumps({**good, "listing_id": "3", "platform": "taobo"}).encode(),
    ]) + b"\n")
    out = tmp_path / "out.jsonl"
    status = run(["--whitelist", str(TEST_WHITELIST), "--input", str(source), "--output", str(out), "--no-model"])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{source}:2: skipped: not UTF-8 text" in err
    assert f"{source}:3: warning: unknown platform 'taobo'; did you mean 'taobao'?" in err
    assert [json.loads(line)["listing_id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["1", "3"]


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


LISTING = {"platform": "taobao", "listing_id": "7", "title": "移动手机卡 流量卡", "shop_id": "1",
           "observed_at": "2025-06-01"}


def _classify(tmp_path: Path, argv: list[str]) -> tuple[int, list[dict]]:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(LISTING, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    status = run([*argv, "--input", str(source), "--output", str(out), "--no-model"])
    results = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    return status, results


def test_per_carrier_list_needs_carrier_and_is_named_in_every_verdict(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    per_carrier = tmp_path / "cmcc.csv"  # a carrier's own list: no carrier column
    per_carrier.write_text("店铺名称,平台,店铺ID\n甲店,淘宝,1\n乙店,淘宝,2\n", encoding="utf-8")
    status, _ = _classify(tmp_path, ["--no-snapshots", "--whitelist", str(per_carrier)])
    err = capsys.readouterr().err
    assert status == 2
    assert "every row of" in err and "--carrier" in err

    status, results = _classify(tmp_path, ["--no-snapshots", "--whitelist", str(per_carrier),
                                              "--carrier", "中国移动"])
    err = capsys.readouterr().err
    assert status == 0
    assert results[0]["whitelist_snapshots"] and results[0]["whitelist_snapshots"][0].startswith(
        "file:cmcc.csv@")
    assert results[0]["authorised"] is True
    # the other major carriers have no list: one warning each, none for 中国移动
    warnings = [line for line in err.splitlines() if line.startswith("warning: no whitelist")]
    assert len(warnings) == 3 and not any("中国移动" in w for w in warnings)


def test_imported_snapshots_are_used_by_default(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from whitelist.registry import import_file

    published = tmp_path / "list.csv"
    published.write_text("运营商,店铺名称,平台,店铺ID\n中国移动,甲店,淘宝,1\n", encoding="utf-8")
    snapshot = import_file(published, directory=tmp_path / "snapshots", source="test")
    status, results = _classify(tmp_path, ["--snapshots", str(tmp_path / "snapshots")])
    assert status == 0
    assert results[0]["whitelist_snapshots"] == [snapshot.id]
    assert results[0]["authorised"] is True


def test_an_escaped_lone_surrogate_is_replaced_not_fatal(tmp_path: Path) -> None:
    """"\\ud800" is valid JSON but has no UTF-8 form: it used to fail the whole output file at
    the first such title; now it reads as U+FFFD and every line is classified and written."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"platform": "taobao", "listing_id": "1", "title": "\\ud800免实名 流量卡", '
                      '"shop_name": "\\udce6店"}\n'
                      '{"platform": "taobao", "listing_id": "2", "title": "手机壳"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    status = run(["--whitelist", str(TEST_WHITELIST), "--input", str(source), "--output", str(out), "--no-model"])
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert status == 0 and [r["listing_id"] for r in results] == ["1", "2"]
    assert results[0]["title"] == "\ufffd免实名 流量卡" and results[0]["shop_name"] == "\ufffd店"
    assert "no_real_name" in results[0]["violations"]


def _simwatch_classify(tmp_path: Path, title: str, *flags: str) -> subprocess.CompletedProcess[str]:
    """``simwatch classify`` in a new process that reports, after the command, which of the slow
    libraries it imported."""
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"platform": "taobao", "listing_id": "1", "title": title}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    code = ("import sys\nfrom crawler.cli import main\n"
            f"status = main(['classify', '--input', {str(source)!r}, '--output', {os.devnull!r}, *{list(flags)!r}])\n"
            "print(status, *(name in sys.modules for name in ('pypinyin', 'jieba')))\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)


def test_start_up_loads_neither_pinyin_nor_jieba_for_a_decided_listing(tmp_path: Path) -> None:
    # issue #16 (start-up): a built rule set needs no pypinyin (its version comes from the package's
    # metadata), and the rules decide this listing, so jieba (the text model's tokenizer) stays unloaded
    _simwatch_classify(tmp_path, "中国移动 流量卡 免实名", "--no-model")  # a first run builds and caches the rule set
    done = _simwatch_classify(tmp_path, "中国移动 流量卡 免实名", "--no-model")
    assert done.stdout.split() == ["0", "False", "False"], done.stderr


def test_the_text_models_tokenizer_loads_quietly(tmp_path: Path) -> None:
    # the rules leave this listing to the text model: jieba loads, and its DEBUG chatter
    # ("Building prefix dict …") stays out of the user's terminal
    done = _simwatch_classify(tmp_path, "联通 19元套餐 通用流量 好用")
    assert done.stdout.split() == ["0", "False", "True"], done.stderr
    assert "prefix dict" not in done.stderr.lower() and "loading model" not in done.stderr.lower(), done.stderr
