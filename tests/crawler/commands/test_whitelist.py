"""``simwatch whitelist`` through an argparse parser built from the module's ``register``."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

import pytest

from crawler.commands import whitelist as command
from tests.whitelist.samples import write_csv, write_html


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="simwatch")
    command.register(root.add_subparsers(dest="command"))
    return root


def run(argv: list[str], **kwargs: Any) -> tuple[int, str, str]:
    args = parser().parse_args(argv)
    out, err = io.StringIO(), io.StringIO()
    code = command.run_import(args, out, err, **kwargs) if kwargs else args.func(args, out, err)
    return code, out.getvalue(), err.getvalue()


def test_import_list_check_diff(tmp_path: Path) -> None:
    folder = str(tmp_path / "wl")
    csv_file = write_csv(tmp_path / "list.csv")
    code, out, _ = run(["whitelist", "import", str(csv_file), "--source", "https://10086.cn/a",
                        "--published", "2024-01-05", "--dir", folder])
    assert code == 0 and out.startswith("imported snapshot wl-20240105-") and "8 entries from 8 rows" in out
    first = out.split()[2].rstrip(":")

    code, out, _ = run(["whitelist", "import", str(write_html(tmp_path / "list.html")), "--source",
                        "https://10086.cn/a", "--published", "2024-07-01", "--dir", folder])
    assert code == 0
    second = out.split()[2].rstrip(":")

    code, out, _ = run(["whitelist", "list", "--dir", folder])
    lines = out.splitlines()
    assert lines[0].startswith(f"  {first}") and lines[1].startswith(f"* {second}")

    code, out, _ = run(["whitelist", "diff", first, second, "--dir", folder])
    assert code == 0 and out.strip() == f"{first} → {second}: 0 added, 0 removed, 0 changed"

    code, out, _ = run(["whitelist", "check", "--platform", "京东", "--shop-url",
                        "https://mall.jd.com/index-1000123.html", "--carrier", "联通", "--date",
                        "2024-08-01", "--dir", folder])
    assert code == 2
    assert out.startswith("NOT AUTHORISED: entry covers 中国移动 only, listing sells 中国联通")
    assert f"checked against 1 snapshot(s): {second}" in out

    code, out, _ = run(["whitelist", "check", "--platform", "tmall", "--shop-id", "moumou", "--date",
                        "2024-08-01", "--json", "--dir", folder])
    result = json.loads(out)
    assert code == 0 and result["authorised"] and result["snapshots"] == [second]


def test_refused_import_reports_rows_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("网店名称,所属平台\n甲店,拍拍\n乙店,京东\n", encoding="utf-8")
    rejected_out = tmp_path / "rejected.txt"
    code, _, err = run(["whitelist", "import", str(bad), "--carrier", "中国移动", "--dir",
                        str(tmp_path / "wl"), "--rejected-out", str(rejected_out)])
    assert code == 1
    assert "1 of 2 rows rejected (50% > 20% allowed); snapshot not stored" in err
    assert "bad.csv:2: unknown platform '拍拍'" in err
    assert rejected_out.read_text(encoding="utf-8") == "bad.csv:2: unknown platform '拍拍'\n"
    assert not (tmp_path / "wl").exists()

    code, _, err = run(["whitelist", "import", str(tmp_path / "absent.csv"), "--dir", str(tmp_path / "wl")])
    assert code == 1 and "cannot read" in err


def test_carrier_argument_never_relabels_rows_of_another_carrier(tmp_path: Path) -> None:
    listed = tmp_path / "listed.csv"
    listed.write_text("运营商,店铺名称,平台,店铺链接\n"
                      + "".join(f"中国移动,移{i}店,京东,https://mall.jd.com/index-{i}.html\n"
                                for i in range(1, 10))
                      + "中国联通,联店,京东,https://mall.jd.com/index-99.html\n", encoding="utf-8")
    folder = str(tmp_path / "wl")
    code, out, err = run(["whitelist", "import", str(listed), "--carrier", "中国移动", "--dir", folder])
    assert code == 0 and "9 entries from 10 rows (1 rejected), carrier 中国移动" in out
    assert "listed.csv:11: carrier column names 中国联通, not --carrier 中国移动" in err
    code, out, _ = run(["whitelist", "check", "--platform", "jd", "--shop-url",
                        "https://mall.jd.com/index-99.html", "--date", "2026-01-01", "--dir", folder])
    assert code == 2  # 联店 is not on 中国移动's list just because the file was imported as it

    other = tmp_path / "unicom.csv"
    other.write_text("运营商,店铺名称,平台,店铺链接\n中国联通,联店,京东,https://mall.jd.com/index-99.html\n",
                     encoding="utf-8")
    code, _, err = run(["whitelist", "import", str(other), "--carrier", "中国移动", "--dir", folder])
    assert code == 1 and "unicom.csv: no usable rows (1 rejected); snapshot not stored" in err


def test_es_flag_uses_client_factory(tmp_path: Path) -> None:
    indexed: list[str] = []

    class Client:
        def index(self, *, index: str, id: str, document: dict[str, Any]) -> None:
            indexed.append(f"{index}/{id}")

    code, out, _ = run(["whitelist", "import", str(write_csv(tmp_path / "l.csv")), "--es", "--dir",
                        str(tmp_path / "wl")], client_factory=Client)
    assert code == 0 and out.rstrip().endswith("indexed")
    assert len(indexed) == 1 and indexed[0].startswith("simwatch-whitelist/wl-")


def test_check_needs_one_shop_identifier() -> None:
    with pytest.raises(SystemExit):
        parser().parse_args(["whitelist", "check", "--platform", "jd"])


def test_check_refuses_an_unknown_platform(tmp_path: Path) -> None:
    """A typo is an error with a suggestion, not "no whitelist entry for taobo"."""
    code, out, err = run(["whitelist", "check", "--platform", "Taobo", "--shop-id", "1",
                          "--dir", str(tmp_path)])
    assert code == command.EXIT_ERROR and out == ""
    assert err.count("\n") == 1 and "unknown platform 'Taobo'; did you mean 'taobao'?" in err


def test_es_down_is_one_plain_line(tmp_path: Path) -> None:
    from elasticsearch import Elasticsearch

    def down() -> Elasticsearch:  # a port nothing listens on
        return Elasticsearch("http://127.0.0.1:9", retry_on_timeout=False, max_retries=0)

    code, _, err = run(["whitelist", "import", str(write_csv(tmp_path / "l.csv")), "--es", "--dir",
                        str(tmp_path / "wl")], client_factory=down)
    assert code == command.EXIT_ERROR and err.count("\n") == 1
    assert "cannot reach Elasticsearch" in err and "NewConnectionError" not in err
    assert err.rstrip().endswith("snapshot not stored")
