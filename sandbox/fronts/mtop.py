"""Alibaba's mtop gateway as the sandbox fronts of taobao, tmall and xianyu serve it.

The handshake is the real one (h5api.m.taobao.com / h5api.m.goofish.com): no or an expired
``_m_h5_tk`` cookie → ``FAIL_SYS_TOKEN_EXOIRED`` plus a fresh token cookie; a wrong
``sign = md5(token&t&appKey&data)`` → ``FAIL_SYS_ILLEGAL_ACCESS``; no login →
``FAIL_SYS_SESSION_EXPIRED``; bot suspicion → ``RGV587_ERROR::SM`` with a ``/punish`` URL.
Answers are JSON (``type=originaljson``) or JSONP (``type=jsonp&callback=mtopjsonpN``).
The page side lives in ``mtop.js``.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from aiohttp import web

from sandbox.fronts.common import SandboxState

RET_SUCCESS = "SUCCESS::调用成功"
RET_TOKEN_EXPIRED = "FAIL_SYS_TOKEN_EXOIRED::令牌过期"  # sic: the real mtop spelling
RET_ILLEGAL = "FAIL_SYS_ILLEGAL_ACCESS::非法请求"
RET_SESSION_EXPIRED = "FAIL_SYS_SESSION_EXPIRED::Session过期"
RET_PUNISH = "RGV587_ERROR::SM::哎哟喂,被挤爆啦,请稍后重试"

SCRIPT = (Path(__file__).parent / "mtop.js").read_text(encoding="utf-8")
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$]{0,63}$")


def sign(token: str, t: str, app_key: str, data: str) -> str:
    """The mtop request signature: md5 of ``token&t&appKey&data``."""
    return hashlib.md5(f"{token}&{t}&{app_key}&{data}".encode()).hexdigest()


def envelope(api: str, version: str, ret: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"api": api, "data": data or {}, "ret": [ret], "v": version}


def respond(request: web.Request, payload: dict[str, Any]) -> web.Response:
    """JSON, or JSONP when the page asked for it (``type=jsonp&callback=...``)."""
    text = json.dumps(payload, ensure_ascii=False)
    callback = request.query.get("callback", "")
    if request.query.get("type") == "jsonp" and callback:
        if not _CALLBACK.match(callback):
            raise web.HTTPBadRequest(text=f"callback={callback!r} is not a JavaScript name")
        return web.Response(text=f"{callback}({text})", content_type="application/javascript", charset="utf-8")
    return web.Response(text=text, content_type="application/json", charset="utf-8")


async def call_data(request: web.Request) -> str:
    """The ``data`` parameter of a call: the POST form (xianyu) or the query (taobao's JSONP)."""
    form = await request.post() if request.method == "POST" else {}
    return str(form.get("data") or request.query.get("data") or "")


def gate(state: SandboxState, request: web.Request, *, api: str, version: str, app_key: str,
         data: str, logged_in: Callable[[web.Request], bool]) -> web.Response | None:
    """The gateway's checks in the real order; an error answer, or None when the call may pass."""
    if request.query.get("appKey") != app_key:
        return respond(request, envelope(api, version, RET_ILLEGAL))
    tk_cookie = request.cookies.get("_m_h5_tk")
    if not state.h5_token_valid(tk_cookie):
        response = respond(request, envelope(api, version, RET_TOKEN_EXPIRED))
        fresh = state.new_h5_token()
        max_age = int(state.token_ttl) or 1
        response.set_cookie("_m_h5_tk", fresh, path="/", max_age=max_age)
        response.set_cookie("_m_h5_tk_enc", state.sign(f"enc|{fresh}"), path="/", max_age=max_age)
        return response
    token = (tk_cookie or "").split("_")[0]
    given = request.query.get("sign", "")
    if not given or given != sign(token, request.query.get("t", ""), app_key, data):
        return respond(request, envelope(api, version, RET_ILLEGAL))
    if not logged_in(request):
        return respond(request, envelope(api, version, RET_SESSION_EXPIRED))
    return None


async def gated_call(state: SandboxState, request: web.Request, *, api: str, version: str, app_key: str,
                     logged_in: Callable[[web.Request], bool]) -> tuple[str, web.Response | None]:
    """A call's ``data`` and the gateway's refusal (None when the call may pass)."""
    data = await call_data(request)
    return data, gate(state, request, api=api, version=version, app_key=app_key, data=data, logged_in=logged_in)


def punish_answer(request: web.Request, prefix: str, api: str, version: str, keyword: str,
                  page: int) -> web.Response:
    """``RGV587_ERROR::SM`` with the slider URL under ``/_____tmd_____/punish``."""
    base = f"{request.scheme}://{request.host}"
    x5 = hashlib.md5(f"{keyword}|{page}|{time.time()}".encode()).hexdigest()
    url = f"{base}{prefix}/_____tmd_____/punish?x5secdata={x5}&x5step=2&action=captcha"
    return respond(request, envelope(api, version, RET_PUNISH, {"url": url}))


def render_punish(url: str, title: str = "验证码拦截") -> str:
    body = ('<div id="nocaptcha" class="nc-container"><div class="warnning-text">亲，请拖动下方滑块完成验证</div>'
            '<div id="nc_1_wrapper" class="nc_wrapper"><div id="nc_1__scale_text" class="nc_scale">'
            '<span class="nc-lang-cnt">请按住滑块，拖动到最右边</span></div><span id="nc_1_n1z" class="nc_iconfont btn_slide"></span></div>'
            f'<input type="hidden" id="punish-url" value="{escape(url, quote=True)}" /></div>')
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8" /><link rel="icon" href="data:," />'
            f"<title>{title}</title></head><body>{body}</body></html>")
