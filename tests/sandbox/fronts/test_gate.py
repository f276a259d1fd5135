"""The login gate every browser front shares: its LoginPage form, the POST that logs in on every
front, and the redirect back (local pages only)."""

from __future__ import annotations

import pytest

from sandbox.fronts import jd, pinduoduo, shopee, taobao, xianyu
from sandbox.fronts.common import SESSION_COOKIES
from sandbox.fronts.gate import LoginPage
from sandbox.server import SandboxServer
from tests.sandbox.conftest import http

FRONTS = {"jd": jd, "pinduoduo": pinduoduo, "shopee": shopee, "taobao": taobao, "xianyu": xianyu}


@pytest.mark.parametrize("name", sorted(FRONTS))
def test_each_front_logs_in_through_its_own_form(quiet_server: SandboxServer, name: str) -> None:
    page: LoginPage = FRONTS[name].LOGIN_PAGE
    url = f"{quiet_server.base_url}/{name}{page.path}"
    form = http(f"{url}?{page.back_field}=/{name}/x?q=<b>")
    assert form.status == 200 and f"<title>{page.title}</title>" in form.body
    assert 'name="username"' in form.body and 'name="password" type="password"' in form.body
    assert f'name="{page.back_field}" value="/{name}/x?q=&lt;b&gt;"' in form.body  # escaped
    back = f"/{name}/search?q=1"
    refused = http(url, data={"username": "u", "password": "", page.back_field: back})
    assert refused.status == 401 and "username and password are required" in refused.body
    done = http(url, data={"username": "u", "password": "p", page.back_field: back})
    assert done.status == 302 and done.headers["Location"] == back
    assert set(done.set_cookies()) >= {cookie for pair in SESSION_COOKIES.values() for cookie in pair}
    elsewhere = http(url, data={"username": "u", "password": "p", page.back_field: "https://evil.test/"})
    assert elsewhere.headers["Location"] == f"/{name}/"  # no open redirect
