"""Sessions, CSRF, login rate limit, roles and security headers, through the real app."""

from __future__ import annotations

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient

from crawler.console.app import create_app
from crawler.console.auth import LoginLimiter

from .conftest import PASSWORDS, csrf_of, flagged_ids, login

PAGES = ["/", "/search", "/review", "/takedowns", "/runs", "/users", "/listing?id=jd:1",
         "/search/export?format=csv"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_redirect_to_login_without_a_session(app_client: TestClient, path: str) -> None:
    response = app_client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("path", ["/api/search", "/api/listing?id=jd:1", "/listing/screenshot?id=jd:1"])
def test_api_answers_401_without_a_session(app_client: TestClient, path: str) -> None:
    response = app_client.get(path, follow_redirects=False)
    assert response.status_code in (401, 303)
    if path.startswith("/api/"):
        assert response.status_code == 401
        assert response.json() == {"error": "login required"}


def test_every_post_route_refuses_a_request_without_session_or_token(
        app_client: TestClient) -> None:
    posts = [route.path for route in app_client.app.routes  # type: ignore[attr-defined]
             if "POST" in getattr(route, "methods", set())]
    assert {"/login", "/review", "/takedowns/mark", "/users"} <= set(posts)
    for path in posts:
        assert app_client.post(path, data={}).status_code == 403, path


def test_wrong_or_missing_csrf_token_is_refused_after_login(
        app_client: TestClient, es: Elasticsearch) -> None:
    token = login(app_client, "rita")
    doc_id = flagged_ids(es, 1)[0]
    form = {"id": doc_id, "decision": "rejected"}
    assert app_client.post("/review", data=form).status_code == 403
    wrong = app_client.post("/review", data={**form, "csrf_token": token[:-2] + "xx"})
    assert wrong.status_code == 403
    assert "CSRF" in wrong.json()["error"]
    assert "review" not in es.get(index="simwatch-listings", id=doc_id)["_source"]
    # The header form (for scripts) works like the field.
    ok = app_client.post("/review", data={**form, "note": "a phone case"},
                         headers={"x-csrf-token": token}, follow_redirects=False)
    assert ok.status_code == 303
    review = es.get(index="simwatch-listings", id=doc_id)["_source"]["review"]
    assert review["state"] == "rejected" and review["by"] == "rita"


def test_login_with_a_wrong_password_fails_and_is_rate_limited(
        es: Elasticsearch, config) -> None:  # type: ignore[no-untyped-def]
    clock = [1000.0]
    config.clock = lambda: clock[0]
    with TestClient(create_app(es, config), base_url="http://127.0.0.1") as client:
        for _ in range(5):
            response = client.post("/login", data={"username": "ana", "password": "nope-nope-1",
                                                   "csrf_token": csrf_of(client)})
            assert response.status_code == 401
            assert "wrong user name or password" in response.text
        # Even the right password is refused while the limit holds ...
        blocked = client.post("/login", data={"username": "ana", "password": PASSWORDS["ana"][1],
                                              "csrf_token": csrf_of(client)})
        assert blocked.status_code == 429
        assert "too many failed logins" in blocked.text
        # ... and accepted once the window has passed.
        clock[0] += 61
        login(client, "ana")
        assert client.get("/", follow_redirects=False).status_code == 200


def test_limiter_counts_per_address_and_per_user() -> None:
    now = [0.0]
    limiter = LoginLimiter(limit=2, window=60, clock=lambda: now[0])
    limiter.failed("10.0.0.1", "bob")
    limiter.failed("10.0.0.2", "bob")
    assert limiter.blocked("10.0.0.3", "bob") > 0  # the user name is under attack
    assert limiter.blocked("10.0.0.1", "eve") == 0
    limiter.failed("10.0.0.1", "eve")
    assert limiter.blocked("10.0.0.1", "zoe") > 0  # the address is
    now[0] = 61
    assert limiter.blocked("10.0.0.1", "bob") == 0


def test_session_cookie_flags(es: Elasticsearch, config) -> None:  # type: ignore[no-untyped-def]
    with TestClient(create_app(es, config), base_url="http://127.0.0.1") as client:
        cookie = client.get("/login").headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "secure" not in cookie
    config.secure_cookies = True
    with TestClient(create_app(es, config), base_url="https://127.0.0.1") as client:
        assert "secure" in client.get("/login").headers["set-cookie"].lower()


def test_security_headers_and_open_redirect(app_client: TestClient) -> None:
    response = app_client.get("/login")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    token = csrf_of(app_client)
    response = app_client.post("/login", data={
        "username": "ana", "password": PASSWORDS["ana"][1], "csrf_token": token,
        "next": "https://evil.example/"}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_logout_ends_the_session(app_client: TestClient) -> None:
    token = login(app_client, "ana")
    assert app_client.post("/logout", data={"csrf_token": token},
                           follow_redirects=False).status_code == 303
    assert app_client.get("/", follow_redirects=False).status_code == 303


def test_roles(app_client: TestClient, es: Elasticsearch) -> None:
    token = login(app_client, "rita")  # reviewer: may decide, may not manage users or export
    assert app_client.get("/users").status_code == 403
    add = app_client.post("/users", data={"name": "mallory", "password": "x" * 12,
                                          "role": "admin", "csrf_token": token})
    assert add.status_code == 403
    assert app_client.get("/search/export?format=csv").status_code == 403
    assert app_client.post("/takedowns/mark", data={"batch_id": "b", "status": "sent",
                                                    "csrf_token": token}).status_code == 403
    app_client.cookies.clear()
    token = login(app_client, "ana")  # analyst: reads, cannot decide
    assert app_client.get("/review").status_code == 200
    doc_id = flagged_ids(es, 1)[0]
    refused = app_client.post("/review", data={"id": doc_id, "decision": "confirmed",
                                               "csrf_token": token})
    assert refused.status_code == 403
    app_client.cookies.clear()
    token = login(app_client, "ada")  # admin: manages users
    page = app_client.post("/users", data={"name": "newbie", "password": "p" * 12,
                                           "role": ["analyst"], "csrf_token": token})
    assert page.status_code == 200 and "user newbie added" in page.text
    page = app_client.post("/users/remove", data={"name": "newbie", "csrf_token": token})
    assert "user newbie removed" in page.text


def test_a_removed_user_is_logged_out(app_client: TestClient, config) -> None:  # type: ignore[no-untyped-def]
    from crawler.console.users import UserStore

    store = UserStore(config.users_path)
    store.add("temp", "temporary-pw-1", ["analyst"])
    login(app_client, "temp", "temporary-pw-1")
    assert app_client.get("/", follow_redirects=False).status_code == 200
    store.remove("temp")
    assert app_client.get("/", follow_redirects=False).status_code == 303
