"""``simwatch es`` subcommands against the embedded server."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from crawler.commands import es as es_command
from crawler.store import mappings
from crawler.store.client import make_client
from crawler.store.embedded import EmbeddedElasticsearch
from crawler.store.sink import make_action


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    es_command.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    with EmbeddedElasticsearch(tmp_path_factory.mktemp("es-cmd")) as running:
        yield running


def test_setup_status_migrate_replay(server: EmbeddedElasticsearch, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    url = ["es", "--url", server.url]
    spool, dead = tmp_path / "spool.jsonl", tmp_path / "dead.jsonl"
    files = ["--spool", str(spool), "--dead-letter", str(dead)]

    assert run([*url, "setup"]) == 0
    assert "simwatch-listings: created simwatch-listings-v1" in capsys.readouterr().out
    assert run([*url, "setup"]) == 0
    assert "simwatch-listings: ok" in capsys.readouterr().out

    records = [{"at": "t", "reason": "connection error",
                "action": make_action(mappings.LISTINGS, f"jd:{i}", {"platform": "jd"})}
               for i in range(30)]
    spool.write_text("".join(json.dumps(r) + "\n" for r in records))
    assert run([*url, "status", "--json", *files]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["spool"]["items"] == 30
    assert {row["state"] for row in status["indices"]} == {"ok"}

    assert run([*url, "replay", *files]) == 0
    assert "replayed 30 items" in capsys.readouterr().out
    assert not spool.exists()
    assert run([*url, "replay", *files]) == 0
    assert "nothing to replay" in capsys.readouterr().out

    assert run([*url, "migrate"]) == 0
    assert "nothing to migrate" in capsys.readouterr().out
    assert run([*url, "migrate", "--index", mappings.LISTINGS]) == 0
    assert "simwatch-listings-v1 -> simwatch-listings-v2 (30 documents" in capsys.readouterr().out
    client: Elasticsearch = make_client(server.url)
    assert mappings.alias_targets(client, mappings.LISTINGS) == ["simwatch-listings-v2"]
    assert run([*url, "migrate", "--index", "simwatch-unknown"]) == 2


def test_status_without_indices_is_nonzero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with EmbeddedElasticsearch(tmp_path / "fresh") as fresh:
        code = run(["es", "--url", fresh.url, "status", "--spool", str(tmp_path / "s"),
                    "--dead-letter", str(tmp_path / "d")])
    assert code == 1
    assert "missing" in capsys.readouterr().out


def test_without_url_uses_embedded_server_under_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("crawler.settings.ELASTICSEARCH_URL", "")
    assert run(["es", "--home", str(tmp_path), "setup"]) == 0
    assert "created simwatch-crawls-v1" in capsys.readouterr().out
    assert (tmp_path / "es" / "noida-db.log").exists()
    assert run(["es", "--home", str(tmp_path), "setup"]) == 0  # data kept between commands
    assert "simwatch-crawls: ok" in capsys.readouterr().out


def test_replay_goes_around_bad_lines(server: EmbeddedElasticsearch, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """A bad byte or a torn line is dead-lettered with its file:line; the other lines go through."""
    spool, dead = tmp_path / "spool.jsonl", tmp_path / "dead.jsonl"
    good = [json.dumps({"at": "t", "reason": "down",
                        "action": make_action(mappings.LISTINGS, f"jd:r{i}", {"platform": "jd"})})
            for i in range(3)]
    spool.write_bytes(b"\n".join([good[0].encode(), b'{"at": "\xff\xfe broken"}', good[1].encode(),
                                  b'{"torn', good[2].encode()]) + b"\n")
    assert run(["es", "--url", server.url, "replay", "--spool", str(spool),
                "--dead-letter", str(dead)]) == 1  # two items are not in the store
    out = capsys.readouterr().out
    assert "replayed 3 items" in out and "2 dead-lettered" in out
    reasons = [json.loads(line)["reason"] for line in dead.read_text(encoding="utf-8").splitlines()]
    assert any(r.startswith(f"{spool}:2: ") for r in reasons)
    assert any(r.startswith(f"{spool}:4: ") for r in reasons)  # not the deleted .replaying-N copy
