"""Decisions: stored per the contract, logged, honoured by the takedown export, exported as
labelled examples and scored as precision per rule and per code (console and CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient

from crawler.cli import main
from crawler.console import reviews
from crawler.takedowns.export import export_takedowns, flagged_listings

from .conftest import flagged_ids, login


def _platform_of(doc_id: str) -> str:
    return doc_id.split(":", 1)[0]


def test_rejected_listing_leaves_the_takedown_list_confirmed_stays(
        app_client: TestClient, es: Elasticsearch, tmp_path: Path) -> None:
    token = login(app_client, "rita")
    rejected, confirmed = flagged_ids(es, 2)
    for doc_id, decision in ((rejected, "rejected"), (confirmed, "confirmed")):
        response = app_client.post("/review", data={
            "id": doc_id, "decision": decision, "note": f"{decision} in test",
            "csrf_token": token, "back": "/review"}, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/review"
    review = es.get(index="simwatch-listings", id=rejected)["_source"]["review"]
    assert set(review) == {"state", "by", "at", "note", "verdict_version"}
    assert review["state"] == "rejected" and review["by"] == "rita"
    assert review["note"] == "rejected in test" and review["at"].endswith("Z")
    on_list = {doc_id for doc_id, _ in flagged_listings(es, _platform_of(rejected))}
    assert rejected not in on_list
    assert confirmed in {doc_id for doc_id, _ in flagged_listings(es, _platform_of(confirmed))}
    # The written file says the same.
    paths = export_takedowns(es, _platform_of(rejected), "json", tmp_path, record=False)
    exported = {row["doc_id"] for p in paths for row in json.loads(p.read_text())["rows"]}
    assert rejected not in exported
    # The decision log keeps who, when, why and the verdict as it was.
    logged = reviews.decisions_for(es, rejected)
    assert logged[0]["state"] == "rejected" and logged[0]["by"] == "rita"
    assert logged[0]["verdict"]["violations"] == es.get(
        index="simwatch-listings", id=rejected)["_source"]["violations"]
    # The review queue no longer offers decided listings.
    queue = app_client.get("/review").text
    assert f'value="{rejected}"' not in queue and f'value="{confirmed}"' not in queue


def test_confirmed_listing_held_back_by_the_classifier_goes_on_the_list(es: Elasticsearch) -> None:
    doc_id = "jd:held-back-1"
    es.index(index="simwatch-listings", id=doc_id, refresh="wait_for", document={
        "platform": "jd", "listing_id": "held-back-1", "title": "实名卡 出售", "takedown": False,
        "needs_review": True, "violations": ["pre_registered"], "risk_score": 40,
        "classifier_version": "rules-test", "last_seen": "2026-11-30T00:00:00Z"})
    assert doc_id not in {d for d, _ in flagged_listings(es, "jd")}
    reviews.record_decision(es, doc_id, "confirmed", "rita", "seen the shop")
    assert doc_id in {d for d, _ in flagged_listings(es, "jd")}


def test_decision_errors_are_clear(es: Elasticsearch) -> None:
    with pytest.raises(reviews.DecisionError, match="no listing 'jd:missing'"):
        reviews.record_decision(es, "jd:missing", "confirmed", "rita")
    with pytest.raises(reviews.DecisionError, match="must be one of confirmed, rejected"):
        reviews.record_decision(es, flagged_ids(es, 1)[0], "maybe", "rita")


def _example(label: str, violations: list[str], rules: list[str]) -> dict:
    return {"label": label, "verdict": {"violations": violations, "rules_fired": rules}}


def test_precision_per_rule_and_code() -> None:
    result = reviews.evaluate([
        _example("confirmed", ["no_real_name", "unauthorised_seller"], ["r.nrn", "r.auth"]),
        _example("confirmed", ["unauthorised_seller"], ["r.auth"]),
        _example("rejected", ["unauthorised_seller"], ["r.auth", "r.auth"]),
        _example("rejected", ["bulk_trading"], ["r.bulk"]),
        _example("rejected", [], ["sim:product"]),
    ]).as_dict()
    codes = {row["name"]: row for row in result["by_code"]}
    assert codes["unauthorised_seller"] == {"name": "unauthorised_seller", "confirmed": 2,
                                            "rejected": 1, "precision": 2 / 3}
    assert codes["bulk_trading"]["precision"] == 0.0
    rules = {row["name"]: row for row in result["by_rule"]}
    assert rules["r.auth"]["confirmed"] == 2 and rules["r.auth"]["rejected"] == 1
    assert "sim:product" not in rules  # an unflagged verdict says nothing about precision
    assert result["flagged"] == {"confirmed": 2, "rejected": 2, "precision": 0.5}
    assert result["unflagged"] == {"rejected": 1}


def test_reviews_export_and_classify_eval_commands(
        es: Elasticsearch, es_server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    first, second = flagged_ids(es, 2)
    reviews.record_decision(es, first, "confirmed", "rita", at="2026-11-30T10:00:00Z")
    reviews.record_decision(es, first, "rejected", "rita", "changed my mind",
                            at="2026-11-30T11:00:00Z")
    reviews.record_decision(es, second, "confirmed", "ada", at="2026-11-30T12:00:00Z")
    labels = tmp_path / "labels.jsonl"
    assert main(["reviews", "export", "--url", es_server.url, "--output", str(labels)]) == 0
    rows = [json.loads(line) for line in labels.read_text().splitlines()]
    by_id = {row["doc_id"]: row for row in rows}
    assert by_id[first]["label"] == "rejected" and by_id[first]["note"] == "changed my mind"
    assert by_id[second]["label"] == "confirmed" and by_id[second]["by"] == "ada"
    assert by_id[first]["listing"]["title"] and by_id[first]["verdict"]["violations"]
    capsys.readouterr()
    assert main(["classify", "eval", "--labels", str(labels)]) == 0
    report = capsys.readouterr().out
    assert "per violation code:" in report and "per rule:" in report
    assert f"flagged verdicts: {len(rows)} labelled" in report
    for code in by_id[first]["verdict"]["violations"]:
        assert code in report


def test_classify_eval_names_the_bad_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text('{"label": "confirmed", "verdict": {}}\n{"label": "maybe", "verdict": {}}\n')
    assert main(["classify", "eval", "--labels", str(labels)]) == 2
    assert f"{labels}:2: label must be one of confirmed, rejected, got 'maybe'" in capsys.readouterr().err
    assert main(["classify", "eval"]) == 2
