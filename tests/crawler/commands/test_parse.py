"""``simwatch parse``: saved responses to JSON lines; block pages reported, not emptied."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from crawler.commands import parse
from crawler.items import Listing


def run(argv: list[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="simwatch")
    parse.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    out, err = io.StringIO(), io.StringIO()
    code = args.func(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_xianyu_capture_to_json_lines(fixtures_dir: Path) -> None:
    path = fixtures_dir / "xianyu" / "idlemtopsearch_pc_search_p1.json"
    code, out, err = run(
        [
            "parse",
            "--platform",
            "xianyu",
            str(path),
            "--observed-at",
            "2025-03-01",
            "--keyword",
            "乒乓球拍",
        ]
    )
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 30
    first = Listing.from_dict(lines[0])
    assert (first.listing_id, first.price, first.observed_at, first.keyword) == (
        "845090278669",
        38.0,
        "2025-03-01",
        "乒乓球拍",
    )
    assert first.page_url == path.resolve().as_uri()
    assert "30 listings" in err


def test_jd_html_capture(fixtures_dir: Path) -> None:
    path = fixtures_dir / "jd" / "search_jd_com_keyword_dddd_2019.html"
    code, out, _ = run(
        [
            "parse",
            "--platform",
            "jd",
            str(path),
            "--url",
            "https://search.jd.com/Search?keyword=dddd",
        ]
    )
    assert code == 0
    assert [json.loads(line)["shop_id"] for line in out.splitlines()] == [
        "623560",
        "35012",
        "623560",
        "839361",
        "917957",
    ]


def test_blocked_page_exits_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "punish.json"
    path.write_text('{"ret": ["RGV587_ERROR::SM::哎哟喂,被挤爆啦"], "data": {}}', encoding="utf-8")
    code, out, err = run(["parse", "--platform", "taobao", str(path)])
    assert (code, out) == (parse.EXIT_BLOCKED, "")
    assert "BLOCKED" in err and "captcha" in err


def test_unreadable_and_wrong_files(tmp_path: Path) -> None:
    code, _, err = run(["parse", "--platform", "jd", str(tmp_path / "missing.html")])
    assert code == parse.EXIT_ERROR and "cannot read" in err
    wrong = tmp_path / "x.json"
    wrong.write_text('{"hello": 1}', encoding="utf-8")
    code, _, err = run(["parse", "--platform", "shopee", str(wrong)])
    assert code == parse.EXIT_ERROR and "not a shopee results page" in err


def test_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        run(["parse", "--platform", "weibo", "x"])
    with pytest.raises(SystemExit):
        run(["parse", "--platform", "jd", "x", "--observed-at", "01/02/2025"])
