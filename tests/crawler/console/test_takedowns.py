"""The takedowns page: export (zip of batches or one file), mark a batch or one takedown,
import a platform's reply file; each change attributed to the logged-in user."""

from __future__ import annotations

import json

from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient

from crawler.takedowns.export import BATCH_SIZE

from .conftest import login


def _top_platform(es: Elasticsearch) -> str:
    response = es.search(index="simwatch-listings", size=0, query={"term": {"takedown": True}},
                         aggs={"p": {"terms": {"field": "platform", "size": 1}}})
    return response["aggregations"]["p"]["buckets"][0]["key"]


def test_export_mark_and_reply(app_client: TestClient, es: Elasticsearch) -> None:
    platform = _top_platform(es)
    token = login(app_client, "otto")
    page = app_client.get("/takedowns").text
    assert f'data-platform="{platform}"' in page
    response = app_client.post("/takedowns/export", data={
        "platform": platform, "format": "json", "csrf_token": token})
    assert response.status_code == 200  # one batch (fewer than BATCH_SIZE rows): one file
    payload = json.loads(response.content)
    assert 0 < payload["count"] <= BATCH_SIZE
    batch_id = payload["batch_id"]
    first = payload["rows"][0]["doc_id"]
    es.indices.refresh(index="simwatch-takedowns")
    takedown = es.get(index="simwatch-takedowns", id=first)["_source"]
    assert takedown["status"] == "queued" and takedown["history"][-1]["by"] == "otto"
    # Mark the batch sent: every queued takedown of it moves, attributed.
    page = app_client.post("/takedowns/mark", data={"batch_id": batch_id, "status": "sent",
                                                    "csrf_token": token}).text
    assert f"{payload['count']} takedown(s) marked sent by otto" in page
    assert es.get(index="simwatch-takedowns", id=first)["_source"]["status"] == "sent"
    # A platform's reply file (CSV) moves one to removed.
    listing_id = first.split(":", 1)[1]
    reply = f"商品ID,处理结果,备注\n{listing_id},已下架,违规\nnope-id,已下架,\n".encode("utf-8-sig")
    page = app_client.post("/takedowns/import", data={"platform": platform, "csrf_token": token},
                           files={"file": ("reply.csv", reply, "text/csv")}).text
    assert "reply applied: 1 rows, 1 rejected" in page
    assert "reply.csv:3" in page  # the bad row, named by the uploaded file's name and row
    done = es.get(index="simwatch-takedowns", id=first)["_source"]
    assert done["status"] == "removed" and done["history"][-1]["by"] == "otto (reply file)"
    # A wrong transition is refused with the lifecycle's own message.
    page = app_client.post("/takedowns/mark", data={"id": first, "status": "queued",
                                                    "csrf_token": token}).text
    assert "cannot go from removed to queued" in page
    # Not a reply file at all.
    page = app_client.post("/takedowns/import", data={"csrf_token": token},
                           files={"file": ("evil.exe", b"MZ", "application/octet-stream")}).text
    assert "reply file must be .csv or .xlsx" in page


def test_many_problems_keep_the_session_cookie_small(app_client: TestClient) -> None:
    token = login(app_client, "otto")
    rows = "".join(f"missing-{n},已下架,\n" for n in range(200))
    reply = f"商品ID,处理结果,备注\n{rows}".encode("utf-8-sig")
    response = app_client.post("/takedowns/import", data={"csrf_token": token},
                               files={"file": ("reply.csv", reply, "text/csv")},
                               follow_redirects=False)
    assert len(response.headers["set-cookie"]) < 4096
    page = app_client.get("/takedowns").text
    assert "reply applied: 0 rows, 200 rejected" in page
