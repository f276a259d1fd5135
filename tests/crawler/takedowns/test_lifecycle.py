from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from elasticsearch import Elasticsearch

from crawler.takedowns.lifecycle import (
    InvalidTransition,
    Status,
    TakedownNotFound,
    TakedownStore,
    apply_transition,
    new_takedown,
)
from tests.crawler.takedowns.conftest import index_listings, listing_doc

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def test_full_path_is_timestamped_and_attributed() -> None:
    doc = new_takedown(listing_doc("taobao", "1"), by="crawler", at=T0)
    steps = [
        (Status.QUEUED, "export"),
        (Status.SENT, "alice"),
        (Status.ACKNOWLEDGED, "taobao portal"),
        (Status.REMOVED, "recheck"),
        (Status.RELISTED, "recheck"),
    ]
    for hours, (status, by) in enumerate(steps, start=1):
        doc = apply_transition(doc, status, by=by, at=T0 + timedelta(hours=hours * 10), note=f"n{hours}")
    assert [h["status"] for h in doc["history"]] == [
        "detected", "queued", "sent", "acknowledged", "removed", "relisted",
    ]
    assert doc["history"][2] == {"status": "sent", "at": "2025-03-02T08:00:00Z", "by": "alice", "note": "n2"}
    assert doc["status"] == "relisted" and doc["status_at"] == "2025-03-03T14:00:00Z"
    assert doc["sent_at"] == "2025-03-02T08:00:00Z" and doc["removed_at"] == "2025-03-03T04:00:00Z"
    assert doc["hours_to_removal"] == 20.0


@pytest.mark.parametrize(
    ("path", "bad", "message"),
    [
        ([], Status.SENT, "cannot go from detected to sent; allowed: queued"),
        ([Status.QUEUED, Status.SENT, Status.REJECTED], Status.REMOVED, "allowed: queued"),
        ([Status.QUEUED, Status.SENT, Status.REMOVED, Status.RELISTED], Status.QUEUED,
         "allowed: nothing (final state)"),
        ([], "deleted", "unknown status 'deleted'"),
    ],
)
def test_invalid_transitions_are_refused(path: list[Status], bad: str, message: str) -> None:
    doc = new_takedown(listing_doc("jd", "7"), by="crawler", at=T0)
    for status in path:
        doc = apply_transition(doc, status, by="x", at=T0)
    with pytest.raises(InvalidTransition, match=re.escape(message)):
        apply_transition(doc, bad, by="x", at=T0)


def test_transition_needs_an_author() -> None:
    doc = new_takedown(listing_doc("jd", "7"), by="crawler", at=T0)
    with pytest.raises(InvalidTransition, match="attributed"):
        apply_transition(doc, Status.QUEUED, by=" ", at=T0)


def test_store_mark_creates_from_listing_and_refuses_bad_steps(es: Elasticsearch) -> None:
    index_listings(es, [listing_doc("taobao", "11"), listing_doc("jd", "11"), listing_doc("jd", "12")])
    store = TakedownStore(es)
    doc_id, doc = store.mark("taobao:11", "queued", by="alice", note="first batch")
    assert doc_id == "taobao:11" and doc["status"] == "queued"
    store.mark("taobao:11", "sent", by="alice")
    with pytest.raises(InvalidTransition, match="cannot go from sent to queued"):
        store.mark("taobao:11", "queued", by="bob")
    stored = store.get("taobao:11")
    assert stored is not None
    assert [(h["status"], h["by"]) for h in stored["history"]] == [
        ("detected", "alice"), ("queued", "alice"), ("sent", "alice"),
    ]
    # bare listing ids resolve when unique, and say so when not
    assert store.mark("12", "queued", by="alice")[0] == "jd:12"
    with pytest.raises(TakedownNotFound, match="ambiguous"):
        store.mark("11", "queued", by="alice")
    with pytest.raises(TakedownNotFound, match="no takedown and no listing"):
        store.mark("jd:404", "queued", by="alice")


def test_attach_evidence_creates_the_takedown(es: Elasticsearch) -> None:
    index_listings(es, [listing_doc("xianyu", "5")])
    store = TakedownStore(es)
    store.attach_evidence("xianyu:5", "run1/000003", "cd" * 32)
    doc = store.get("xianyu:5")
    assert doc is not None and doc["status"] == "detected"
    assert (doc["evidence_id"], doc["evidence_sha256"]) == ("run1/000003", "cd" * 32)
