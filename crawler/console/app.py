"""The review console: a FastAPI application rendering Jinja2 templates over Elasticsearch.

``create_app(client, config)`` builds it; ``simwatch serve`` runs it with uvicorn. Every route
needs a session (pages redirect to ``/login``, ``/api/*`` answers 401) and a permission
(``crawler.console.users.ROLES``); every POST needs the session's CSRF token (one app-wide
dependency, so no route can forget it). Handlers are plain ``def``: FastAPI runs them in its
thread pool, so a slow search never stalls other requests.
"""


import io
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from elasticsearch import Elasticsearch
from fastapi import Depends, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from crawler.console import charts, data, exports, reviews
from crawler.console.auth import (
    CSRF_FIELD,
    CsrfError,
    Forbidden,
    LoginLimiter,
    NotLoggedIn,
    check_csrf,
    csrf_token,
    current_user,
    start_session,
)
from crawler.console.users import ROLES, User, UserError, UserStore

HERE = Path(__file__).parent
SESSION_COOKIE = "simwatch_session"
SESSION_MAX_AGE = 8 * 3600
# The session is a signed cookie (browsers drop cookies over 4 KB): keep what it carries small.
MAX_SKIPPED = 40
MAX_FLASHES = 6
MAX_UPLOAD = 20 * 1024 * 1024
SECURITY_HEADERS = {
    # Crawled text is shown on every page: no inline script or style may run, even if some
    # escaping were missed.
    "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "script-src 'self'; object-src 'none'; frame-ancestors 'none'; "
                               "base-uri 'none'; form-action 'self'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
}


@dataclass
class ConsoleConfig:
    users_path: Path
    secret_key: str
    evidence_dir: Path
    exports_dir: Path
    secure_cookies: bool = False
    login_limit: int = 5
    login_window: float = 60.0
    clock: Callable[[], float] | None = None


def _platforms() -> list[str]:
    from crawler.platforms import PLATFORMS

    return sorted(PLATFORMS)


def _codes() -> list[str]:
    from crawler.takedowns.legal import RULE_BASIS

    return sorted(RULE_BASIS)


Platform = StrEnum("Platform", {name: name for name in _platforms()})  # type: ignore[misc]
Violation = StrEnum("Violation", {name: name for name in _codes()})  # type: ignore[misc]
TAKEDOWN_STATUSES = ["detected", "queued", "sent", "acknowledged", "removed", "rejected",
                     "relisted"]
TakedownStatus = StrEnum("TakedownStatus", {n: n for n in TAKEDOWN_STATUSES})  # type: ignore[misc]
ExportFormat = StrEnum("ExportFormat", {name: name for name in exports.EXPORTS})  # type: ignore[misc]
Decision = StrEnum("Decision", {"confirmed": "confirmed", "rejected": "rejected", "skip": "skip"})
TakedownFormat = StrEnum("TakedownFormat", {n: n for n in ("csv", "xlsx", "json", "pdf")})  # type: ignore[misc]
DOC_ID_PATTERN = r"^[a-z_]+:[^\s/]{1,200}$"
DEFAULT_EXPORT = ExportFormat("csv")


def _bad(name: str, message: str, value: Any) -> RequestValidationError:
    return RequestValidationError([{"loc": ("query", name), "type": "value_error",
                                    "msg": message, "input": value}])


def _choice(name: str, value: str | None, allowed: list[str]) -> str | None:
    if not value:  # an empty <select> option means "any"
        return None
    if value not in allowed:
        shown = ", ".join(f"'{a}'" for a in allowed)
        raise _bad(name, f"Input should be one of {shown}", value)
    return value


def _int(name: str, value: str | None, low: int, high: int) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        number = int(value)
    except ValueError:
        raise _bad(name, "Input should be a whole number", value) from None
    if number < low:
        raise _bad(name, f"Input should be greater than or equal to {low}", value)
    if number > high:
        raise _bad(name, f"Input should be less than or equal to {high}", value)
    return number


def _date(name: str, value: str | None) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise _bad(name, "Input should be a date YYYY-MM-DD", value) from None


OptionalText = Annotated[str | None, Query(max_length=40)]


def search_params(
    q: Annotated[str, Query(max_length=200, description="full text over title, description, shop")] = "",
    platform: OptionalText = None,
    carrier: OptionalText = None,
    violation: OptionalText = None,
    takedown_status: OptionalText = None,
    review: OptionalText = None,
    date_from: OptionalText = None,
    date_to: OptionalText = None,
    risk_min: OptionalText = None,
    risk_max: OptionalText = None,
    sort: OptionalText = None,
    page: OptionalText = None,
    size: OptionalText = None,
) -> data.SearchParams:
    """The search form's parameters, checked one by one (an empty field means "any")."""
    first, last = _date("date_from", date_from), _date("date_to", date_to)
    if first and last and first > last:
        raise _bad("date_to", "must be on or after date_from", date_to)
    low, high = _int("risk_min", risk_min, 0, 100), _int("risk_max", risk_max, 0, 100)
    if low is not None and high is not None and low > high:
        raise _bad("risk_max", "must be at least risk_min", risk_max)
    return data.SearchParams(
        q=q.strip(),
        platform=_choice("platform", platform, _platforms()),
        carrier=(carrier or "").strip() or None,
        violation=_choice("violation", violation, _codes()),
        takedown_status=_choice("takedown_status", takedown_status, TAKEDOWN_STATUSES),
        review=_choice("review", review, list(data.REVIEW_STATES)),
        date_from=first, date_to=last, risk_min=low, risk_max=high,
        sort=_choice("sort", sort, list(data.SORTS)) or "risk",
        page=_int("page", page, 1, data.MAX_RESULT_WINDOW // 5) or 1,
        size=_int("size", size, 5, 100) or 25,
    )


def http_url(value: Any) -> str:
    """A crawled URL fit for a link: http(s) only (never ``javascript:`` or ``data:``)."""
    text = str(value or "")
    return text if urlsplit(text).scheme in ("http", "https") else "#"


def validation_message(exc: RequestValidationError) -> str:
    """One line per bad parameter: ``platform: Input should be 'jd', 'taobao' ...``."""
    lines = []
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "body", "path")]
        lines.append(f"{'.'.join(location) or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(lines)


def create_app(client: Elasticsearch, config: ConsoleConfig) -> FastAPI:  # noqa: C901
    users = UserStore(config.users_path)
    limiter = LoginLimiter(config.login_limit, config.login_window,
                           **({"clock": config.clock} if config.clock else {}))
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(csrf_field=CSRF_FIELD, roles=list(ROLES))
    templates.env.filters["pct"] = lambda v: "-" if v is None else f"{v:.0%}"
    templates.env.filters["http_url"] = http_url
    reviews.ensure_indices(client)

    app = FastAPI(title="simwatch console", docs_url=None, redoc_url=None, openapi_url=None,
                  dependencies=[Depends(check_csrf)])
    app.add_middleware(SessionMiddleware, secret_key=config.secret_key,
                       session_cookie=SESSION_COOKIE, max_age=SESSION_MAX_AGE,
                       same_site="strict", https_only=config.secure_cookies)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[..., Any]) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
        user = context.pop("user", None)
        flashes = request.session.pop("flash", []) if "session" in request.scope else []
        return templates.TemplateResponse(request, name, {
            "user": user, "csrf": csrf_token(request), "flashes": flashes, **context,
        }, status_code=status_code)

    def flash(request: Request, kind: str, message: str) -> None:
        messages = request.session.setdefault("flash", [])
        if len(messages) < MAX_FLASHES:
            messages.append({"kind": kind, "message": message[:200]})

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(NotLoggedIn)
    async def not_logged_in(request: Request, exc: NotLoggedIn) -> Response:
        if wants_json(request) or request.method != "GET":
            return JSONResponse({"error": "login required"}, status_code=401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?{urlencode({'next': target})}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        message = f"your roles do not allow this ({exc.permission})"
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=403)
        user = users.get(str(request.session.get("user")))
        return render(request, "error.html", 403, user=user, message=message)

    @app.exception_handler(CsrfError)
    async def csrf_failed(request: Request, exc: CsrfError) -> Response:
        return JSONResponse({"error": "missing or wrong CSRF token; reload the page and retry"},
                            status_code=403)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        message = validation_message(exc)
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=400)
        user = None
        try:
            user = current_user(request, users)
        except NotLoggedIn:
            return await not_logged_in(request, NotLoggedIn())
        return render(request, "error.html", 400, user=user, message=f"bad input: {message}")

    def requires(permission: str) -> Callable[[Request], User]:
        def dependency(request: Request) -> User:
            user = current_user(request, users)
            if not user.can(permission):
                raise Forbidden(permission)
            return user
        return dependency

    Reader = Annotated[User, Depends(requires("read"))]
    Decider = Annotated[User, Depends(requires("decide"))]
    Exporter = Annotated[User, Depends(requires("export"))]
    Operator = Annotated[User, Depends(requires("takedowns"))]
    Admin = Annotated[User, Depends(requires("users"))]
    Search = Annotated[data.SearchParams, Depends(search_params)]

    # --- login ----------------------------------------------------------------------------
    def safe_next(target: str | None) -> str:
        # Only local paths: an attacker's ?next=https://evil.example must not be followed.
        parts = urlsplit(target or "/")
        if parts.scheme or parts.netloc or not (target or "/").startswith("/") or \
                (target or "").startswith("//"):
            return "/"
        return target or "/"

    @app.get("/login")
    def login_form(request: Request, next: Annotated[str, Query(max_length=500)] = "/") -> Response:
        return render(request, "login.html", next=safe_next(next), error=None)

    @app.post("/login")
    def login(request: Request, username: Annotated[str, Form(max_length=64)],
              password: Annotated[str, Form(max_length=1024)],
              next: Annotated[str, Form(max_length=500)] = "/") -> Response:
        address = request.client.host if request.client else "unknown"
        wait = limiter.blocked(address, username)
        if wait:
            return render(request, "login.html", 429, next=safe_next(next),
                          error=f"too many failed logins; try again in {wait:.0f} s")
        user = users.authenticate(username, password)
        if user is None:
            limiter.failed(address, username)
            return render(request, "login.html", 401, next=safe_next(next),
                          error="wrong user name or password")
        start_session(request, user)
        return RedirectResponse(safe_next(next), status_code=303)

    @app.post("/logout")
    def logout(request: Request) -> Response:
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    # --- overview -------------------------------------------------------------------------
    @app.get("/")
    def overview(request: Request, user: Reader) -> Response:
        info = data.overview(client)
        precision = reviews.evaluate(reviews.labelled_examples(reviews.iter_decisions(client)))
        return render(
            request, "overview.html", user=user, info=info,
            day_chart=charts.stacked_days(info["days"], info["platforms"]),
            violation_chart=charts.bars(info["violations"]),
            precision=precision.as_dict(), overall=precision.overall)

    # --- search ---------------------------------------------------------------------------
    @app.get("/search")
    def search_page(request: Request, user: Reader, params: Search) -> Response:
        result = data.search(client, params)
        pages = max(1, -(-min(result.total, data.MAX_RESULT_WINDOW) // params.size))
        return render(request, "search.html", user=user, params=params, result=result,
                      pages=pages, platforms=_platforms(), codes=_codes(),
                      statuses=[s.value for s in TakedownStatus], review_states=data.REVIEW_STATES,
                      sorts=list(data.SORTS), link=lambda **kw: "?" + urlencode(params.query_args(**kw)))

    @app.get("/search/export")
    def search_export(user: Exporter, params: Search,
                      format: Annotated[ExportFormat, Query()] = DEFAULT_EXPORT) -> Response:
        media_type, writer = exports.EXPORTS[format.value]
        body = writer(data.iter_search(client, params))
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        return Response(body, media_type=media_type, headers={
            "content-disposition": f'attachment; filename="simwatch-search-{stamp}.{format.value}"'})

    @app.get("/api/search")
    def api_search(user: Reader, params: Search) -> Response:
        result = data.search(client, params)
        return JSONResponse({"total": result.total, "hits": result.hits})

    # --- listing --------------------------------------------------------------------------
    def listing_or_404(doc_id: str) -> dict[str, Any]:
        listing = data.get_listing(client, doc_id)
        if listing is None:
            raise _NotFound(f"no listing {doc_id}")
        return listing

    DocId = Annotated[str, Query(pattern=DOC_ID_PATTERN)]

    @app.get("/listing")
    def listing_page(request: Request, user: Reader, id: DocId) -> Response:
        listing = listing_or_404(id)
        takedown = data.get_takedown(client, id)
        evidence_id = (takedown or {}).get("evidence_id") or listing.get("evidence_id")
        evidence = data.find_evidence(config.evidence_dir, evidence_id)
        shop_total, shop_hits = data.shop_listings(client, listing)
        return render(request, "listing.html", user=user, listing=listing, takedown=takedown,
                      evidence=evidence, seller=data.seller_for(client, listing),
                      shop_total=shop_total, shop_hits=shop_hits,
                      decisions=reviews.decisions_for(client, id))

    def evidence_file(doc_id: str, suffix: str) -> Path:
        listing = listing_or_404(doc_id)
        takedown = data.get_takedown(client, doc_id) or {}
        evidence = data.find_evidence(config.evidence_dir,
                                      takedown.get("evidence_id") or listing.get("evidence_id"))
        path = evidence.file(suffix) if evidence else None
        if path is None:
            raise _NotFound(f"no evidence {suffix} for {doc_id}")
        return path

    @app.get("/listing/screenshot")
    def screenshot(user: Reader, id: DocId) -> Response:
        return FileResponse(evidence_file(id, "screenshot.png"), media_type="image/png")

    @app.get("/listing/raw")
    def raw_page(user: Reader, id: DocId) -> Response:
        # The captured page is hostile HTML: served as an attachment of plain text, never rendered.
        path = next((p for p in (_try(evidence_file, id, s) for s in
                                 ("response.html", "response.json", "response.bin")) if p), None)
        if path is None:
            raise _NotFound(f"no raw page for {id}")
        return FileResponse(path, media_type="text/plain; charset=utf-8",
                            filename=f"{id.replace(':', '_')}-{path.name}.txt",
                            content_disposition_type="attachment")

    @app.get("/api/listing")
    def api_listing(user: Reader, id: DocId) -> Response:
        return JSONResponse(listing_or_404(id))

    # --- review ---------------------------------------------------------------------------
    @app.get("/review")
    def review_page(request: Request, user: Reader) -> Response:
        skipped = list(request.session.get("skipped", []))
        total, queue = data.review_queue(client, skipped)
        current = queue[0] if queue else None
        detail = data.get_listing(client, current["doc_id"]) if current else None
        return render(request, "review.html", user=user, total=total, queue=queue,
                      current=detail, skipped=len(skipped), can_decide=user.can("decide"))

    @app.post("/review")
    def decide(request: Request, user: Decider,
               id: Annotated[str, Form(pattern=DOC_ID_PATTERN)],
               decision: Annotated[Decision, Form()],
               note: Annotated[str, Form(max_length=reviews.MAX_NOTE)] = "",
               back: Annotated[str, Form(max_length=500)] = "/review") -> Response:
        if decision.value == "skip":
            skipped = [s for s in request.session.get("skipped", []) if s != id]
            request.session["skipped"] = [*skipped, id][-MAX_SKIPPED:]
        else:
            try:
                reviews.record_decision(client, id, decision.value, user.name, note)
            except reviews.DecisionError as exc:
                flash(request, "error", str(exc))
            else:
                flash(request, "ok", f"{id}: {decision.value} by {user.name}")
        return RedirectResponse(safe_next(back), status_code=303)

    @app.post("/review/reset-skips")
    def reset_skips(request: Request, user: Reader) -> Response:
        request.session["skipped"] = []
        return RedirectResponse("/review", status_code=303)

    # --- takedowns ------------------------------------------------------------------------
    @app.get("/takedowns")
    def takedowns_page(request: Request, user: Reader) -> Response:
        from crawler.store.queries import takedown_candidates_query

        summary = data.takedown_summary(client)
        candidates: dict[str, int] = {}
        for platform in _platforms():
            count = client.count(index=data.LISTINGS,
                                 query=takedown_candidates_query(platform))["count"]
            if count:
                candidates[platform] = int(count)
        return render(request, "takedowns.html", user=user, summary=summary,
                      candidates=candidates, platforms=_platforms(),
                      can_operate=user.can("takedowns"), can_export=user.can("export"))

    @app.post("/takedowns/export")
    def takedowns_export(user: Exporter, platform: Annotated[Platform, Form()],
                         format: Annotated[TakedownFormat, Form()]) -> Response:
        from crawler.takedowns.export import export_takedowns

        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        out = config.exports_dir / f"{stamp}-{user.name}"
        paths = export_takedowns(client, platform.value, format.value, out, by=user.name)
        if not paths:
            return JSONResponse({"error": f"no {platform.value} listings to take down"},
                                status_code=404)
        if len(paths) == 1:
            return FileResponse(paths[0], filename=paths[0].name)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in paths:
                archive.write(path, path.name)
        return Response(buffer.getvalue(), media_type="application/zip", headers={
            "content-disposition": f'attachment; filename="takedowns_{platform.value}_{stamp}.zip"'})

    @app.post("/takedowns/mark")
    def takedowns_mark(request: Request, user: Operator,
                       status: Annotated[TakedownStatus, Form()],
                       batch_id: Annotated[str, Form(max_length=100)] = "",
                       id: Annotated[str, Form(max_length=210)] = "",
                       note: Annotated[str, Form(max_length=500)] = "") -> Response:
        from crawler.takedowns.lifecycle import InvalidTransition, TakedownNotFound, TakedownStore

        store = TakedownStore(client)
        if batch_id:
            # "Mark sent" for a batch moves its queued takedowns only.
            source = {"sent": "queued", "acknowledged": "sent"}.get(status.value)
            ids = data.batch_takedowns(client, batch_id, source) if source else []
        elif id:
            ids = [id]
        else:
            flash(request, "error", "give a batch or a takedown id")
            return RedirectResponse("/takedowns", status_code=303)
        done, failed = 0, []
        for doc_id in ids:
            try:
                store.mark(doc_id, status.value, by=user.name, note=note or None)
                done += 1
            except (InvalidTransition, TakedownNotFound) as exc:
                failed.append(str(exc))
        flash(request, "ok" if not failed else "error",
              f"{done} takedown(s) marked {status.value} by {user.name}"
              + (f"; {len(failed)} refused: {failed[0]}" if failed else ""))
        return RedirectResponse("/takedowns", status_code=303)

    @app.post("/takedowns/import")
    def takedowns_import(request: Request, user: Operator,
                         file: Annotated[UploadFile, File()],
                         platform: Annotated[str | None, Form(max_length=40)] = None) -> Response:
        from crawler.takedowns.replies import ReplyFileError, import_reply_file

        suffix = Path(file.filename or "").suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            flash(request, "error", f"reply file must be .csv or .xlsx, got {file.filename!r}")
            return RedirectResponse("/takedowns", status_code=303)
        body = file.file.read(MAX_UPLOAD + 1)
        if len(body) > MAX_UPLOAD:
            flash(request, "error", f"reply file is larger than {MAX_UPLOAD // 1024 // 1024} MB")
            return RedirectResponse("/takedowns", status_code=303)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"reply{suffix}"
            path.write_bytes(body)
            try:
                result = import_reply_file(client, path, by=f"{user.name} (reply file)",
                                           platform=_choice("platform", platform, _platforms()))
            except ReplyFileError as exc:
                flash(request, "error", str(exc).replace(str(path), file.filename or "reply"))
                return RedirectResponse("/takedowns", status_code=303)
        flash(request, "ok", f"reply applied: {len(result.applied)} rows, "
                             f"{len(result.problems)} rejected")
        for problem in result.problems[: MAX_FLASHES - 1]:
            flash(request, "error", str(problem).replace(str(path), file.filename or "reply"))
        return RedirectResponse("/takedowns", status_code=303)

    # --- runs -----------------------------------------------------------------------------
    @app.get("/runs")
    def runs_page(request: Request, user: Reader) -> Response:
        return render(request, "runs.html", user=user, runs=data.runs(client),
                      health=data.crawl_health(client))

    # --- users ----------------------------------------------------------------------------
    @app.get("/users")
    def users_page(request: Request, user: Admin) -> Response:
        return render(request, "users.html", user=user, users=users.list())

    @app.post("/users")
    def users_add(request: Request, user: Admin, name: Annotated[str, Form(max_length=64)],
                  password: Annotated[str, Form(max_length=1024)],
                  role: Annotated[list[str], Form()]) -> Response:
        try:
            users.add(name, password, role)
        except UserError as exc:
            flash(request, "error", str(exc))
        else:
            flash(request, "ok", f"user {name} added ({', '.join(role)})")
        return RedirectResponse("/users", status_code=303)

    @app.post("/users/remove")
    def users_remove(request: Request, user: Admin,
                     name: Annotated[str, Form(max_length=64)]) -> Response:
        if name == user.name:
            flash(request, "error", "you cannot remove yourself")
        else:
            try:
                users.remove(name)
            except UserError as exc:
                flash(request, "error", str(exc))
            else:
                flash(request, "ok", f"user {name} removed")
        return RedirectResponse("/users", status_code=303)

    @app.exception_handler(_NotFound)
    async def not_found(request: Request, exc: _NotFound) -> Response:
        if wants_json(request):
            return JSONResponse({"error": str(exc)}, status_code=404)
        return render(request, "error.html", 404, user=users.get(str(request.session.get("user"))),
                      message=str(exc))

    return app


class _NotFound(LookupError):
    pass


def _try(function: Callable[..., Path], *args: Any) -> Path | None:
    try:
        return function(*args)
    except _NotFound:
        return None
