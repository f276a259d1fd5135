"""What stands between a visitor and a front's results: its login and the planned faults (the
fault plan's 503, 429, login wall and captcha, each front answering the last two its own way)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from aiohttp import web

from sandbox.faults import FAULT_KINDS
from sandbox.fronts.common import (
    SandboxState,
    html_page,
    html_response,
    login_redirect_target,
    redirect_back,
    service_unavailable,
    session_ok,
    set_session_cookies,
    too_many_requests,
)


def transient_fault(fault: str | None) -> web.Response | None:
    """The answer every front gives a 503 or 429 fault; None for other faults (each front
    answers login and captcha in its own site's way)."""
    if fault == "503":
        return service_unavailable()
    if fault == "429":
        return too_many_requests(2)
    return None


def answer_fault(fault: str | None, *, login: Callable[[], web.Response],
                 captcha: Callable[[], web.Response] | None = None) -> web.Response | None:
    """The answer to a planned fault: 503 and 429 alike on every front, login and captcha in
    each front's own way (a redirect is raised, as aiohttp wants). None when the front gives no
    answer of its own (no fault, a captcha its page passes on, shopee's silent "empty")."""
    if (answer := transient_fault(fault)) is not None:
        return answer
    make = login if fault == "login" else captcha if fault == "captcha" else None
    if make is None:
        return None
    answer = make()
    if isinstance(answer, web.HTTPException):
        raise answer
    return answer


def switch_fault(request: web.Request) -> str | None:
    """Only the request's own ``sw_fault`` switch: an API call a page makes after the page
    itself met the fault plan (the page passes a planned captcha on as this switch)."""
    switch = request.query.get("sw_fault") or request.cookies.get("sw_fault")
    if switch and switch not in FAULT_KINDS:
        raise web.HTTPBadRequest(text=f"sw_fault={switch!r}: expected one of {', '.join(FAULT_KINDS)}")
    return switch or None


def page_fault(state: SandboxState, request: web.Request, platform: str, keyword: str, page: int) -> str | None:
    """The fault a browser front's search page meets: decided once per page load, so a rule's
    counters see one request per results page (the page passes a captcha on to its API call)."""
    return state.fault(request, platform, keyword, page) if keyword else None


@dataclass(frozen=True)
class LoginPage:
    """One front's login page as data: the real site's layout (ids, classes, labels) differs per
    front; what the sandbox reads does not — ``username``, ``password`` and the page to come back
    to, in the site's own field ``back_field``. ``site`` names the cookie pair (SESSION_COOKIES)."""

    site: str
    path: str  # below the front's prefix
    back_field: str
    title: str
    box: str  # markup before the error line, closed by ``box_end`` after the form
    box_end: str
    error_class: str
    form: str  # the <form> tag's attributes besides method
    username: str  # the username <input>'s attributes besides name
    password: str  # the password <input>'s attributes besides name and type
    button: str
    lang: str = "zh-CN"

    def render(self, back: str, error: str = "") -> str:
        error_line = f'<div class="{self.error_class}">{escape(error)}</div>' if error else ""
        return html_page(self.title, (
            f'{self.box}{error_line}<form method="post"{self.form}>'
            f'<input name="username"{self.username} /><input name="password" type="password"{self.password} />'
            f'<input type="hidden" name="{self.back_field}" value="{escape(back, quote=True)}" />'
            f"{self.button}</form>{self.box_end}"), lang=self.lang)


@dataclass(frozen=True)
class FrontLogin:
    """A front's login bound to its state and prefix: the session check and the redirect to the
    login page (carrying the page to come back to) that the front's pages use."""

    page: LoginPage
    state: SandboxState
    prefix: str

    def ok(self, request: web.Request) -> bool:
        return session_ok(self.state, request, self.page.site)

    def redirect(self, request: web.Request) -> web.HTTPFound:
        return redirect_back(f"{self.prefix}{self.page.path}", self.page.back_field, request)


def add_login_routes(app: web.Application, state: SandboxState, prefix: str, page: LoginPage) -> FrontLogin:
    """GET ``prefix + page.path`` shows the front's login form; POST logs in on every front (see
    ``set_session_cookies``) and redirects back. Returns the login the front's pages check."""
    field = page.back_field

    async def form(request: web.Request) -> web.Response:
        return html_response(page.render(request.query.get(field, f"{prefix}/")))

    async def submit(request: web.Request) -> web.Response:
        posted = await request.post()
        username = str(posted.get("username", "")).strip()
        password = str(posted.get("password", ""))
        redirect = login_redirect_target(str(posted.get(field, "")), prefix, f"{prefix}/")
        if not username or not password:
            return html_response(page.render(redirect, "username and password are required"), status=401)
        response = web.HTTPFound(redirect)
        set_session_cookies(response, state, username)
        raise response

    app.router.add_get(f"{prefix}{page.path}", form)
    app.router.add_post(f"{prefix}{page.path}", submit)
    return FrontLogin(page, state, prefix)
