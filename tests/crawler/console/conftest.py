"""Console fixtures: one embedded store seeded with classified sandbox listings per module,
a users file with one user per role, and helpers to log in through the real login form."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient

from crawler.console.app import ConsoleConfig, create_app
from crawler.console.seed import seed_store
from crawler.console.users import UserStore
from crawler.store.client import make_client
from crawler.store.embedded import EmbeddedElasticsearch
from tests.crawler.conftest import empty_store

PASSWORDS = {
    "ada": ("admin", "admin-password-1"),
    "rita": ("reviewer", "reviewer-password-1"),
    "otto": ("operator", "operator-password-1"),
    "ana": ("analyst", "analyst-password-1"),
}
SEEDED = 300
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def es(es_server: EmbeddedElasticsearch) -> Iterator[Elasticsearch]:
    """A store holding SEEDED classified sandbox listings; wiped after the module."""
    client = make_client(es_server.url)
    empty_store(client)
    seed_store(client, SEEDED)
    yield client
    empty_store(client)


@pytest.fixture(scope="module")
def users_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("console-users") / "users.json"
    store = UserStore(path)
    for name, (role, password) in PASSWORDS.items():
        store.add(name, password, [role])
    return path


def png_bytes(colour: str = "red") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def config(tmp_path: Path, users_file: Path) -> ConsoleConfig:
    return ConsoleConfig(users_path=users_file, secret_key="test-secret-" + "x" * 40,
                         evidence_dir=tmp_path / "evidence", exports_dir=tmp_path / "exports")


@pytest.fixture
def app_client(es: Elasticsearch, config: ConsoleConfig) -> Iterator[TestClient]:
    with TestClient(create_app(es, config), base_url="http://127.0.0.1") as client:
        yield client


def csrf_of(client: TestClient, path: str = "/login") -> str:
    match = _CSRF.search(client.get(path).text)
    assert match, f"no CSRF field on {path}"
    return match.group(1)


def login(client: TestClient, name: str, password: str | None = None) -> str:
    """Log in through the form; returns the session's CSRF token."""
    token = csrf_of(client)
    response = client.post("/login", data={
        "username": name, "password": password or PASSWORDS[name][1], "csrf_token": token,
    }, follow_redirects=False)
    assert response.status_code == 303, response.text[:300]
    return csrf_of(client, "/search")


def flagged_ids(es: Elasticsearch, size: int = 5, **extra: Any) -> list[str]:
    query = {"bool": {"filter": [{"term": {"takedown": True}}],
                      "must_not": [{"exists": {"field": "review.state"}}]}}
    response = es.search(index="simwatch-listings", query=query, size=size,
                         sort=[{"risk_score": {"order": "desc"}}], **extra)
    return [hit["_id"] for hit in response["hits"]["hits"]]
