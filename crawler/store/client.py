"""Elasticsearch clients built from explicit arguments, a settings mapping or the environment.

Credentials are never logged: :func:`masked_url` and :func:`describe` are what goes in logs.
``make_client_from_env`` is for CLI commands run outside Scrapy; inside the crawler,
``crawler.settings`` reads the environment and passes its settings object to ``make_client``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from elasticsearch import Elasticsearch

log = logging.getLogger(__name__)

DEFAULT_REQUEST_TIMEOUT = 30.0
DEFAULT_URL = "http://127.0.0.1:9200"

# Setting / environment variable names (the same names in both places).
URL = "ELASTICSEARCH_URL"
API_KEY = "ELASTICSEARCH_API_KEY"
USERNAME = "ELASTICSEARCH_USERNAME"
PASSWORD = "ELASTICSEARCH_PASSWORD"
CA_CERTS = "ELASTICSEARCH_CA_CERTS"
VERIFY_CERTS = "ELASTICSEARCH_VERIFY_CERTS"
REQUEST_TIMEOUT = "ELASTICSEARCH_REQUEST_TIMEOUT"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class ClientConfigError(ValueError):
    """A setting needed to build the client is malformed."""


def parse_bool(name: str, value: object, default: bool) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ClientConfigError(f"{name}={value!r} is not a boolean (use true/false, 1/0, yes/no)")


def masked_url(url: str) -> str:
    """``url`` with any user:password replaced by ``***`` (for logs and error messages)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, f"***@{host}", parts.path, parts.query, parts.fragment))


def _split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """Take credentials out of the URL so they travel as basic auth, never inside a node URL."""
    parts = urlsplit(url)
    if parts.username is None:
        return url, None, None
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    bare = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    password = unquote(parts.password) if parts.password is not None else None
    return bare, unquote(parts.username), password


def describe(
    url: str,
    api_key: str | None = None,
    username: str | None = None,
    ca_certs: str | None = None,
    verify_certs: bool = True,
) -> str:
    """A log-safe one-line description of a client configuration."""
    auth = "api-key" if api_key else f"basic user={username}" if username else "none"
    if urlsplit(url).username:
        auth = "basic (from URL)"
    tls = f"verify={verify_certs}" + (f" ca={ca_certs}" if ca_certs else "")
    return f"elasticsearch {masked_url(url)} auth={auth} tls[{tls}]"


def make_client(
    url: str | Mapping[str, Any] = DEFAULT_URL,
    api_key: str | None = None,
    username: str | None = None,
    password: str | None = None,
    ca_certs: str | None = None,
    verify_certs: bool = True,
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT,
    **client_options: Any,
) -> Elasticsearch:
    """An ``Elasticsearch`` client for ``url``.

    ``url`` may also be a settings-like mapping (a dict, Scrapy ``Settings`` or ``os.environ``)
    holding ``ELASTICSEARCH_URL``, ``ELASTICSEARCH_API_KEY``, ``ELASTICSEARCH_USERNAME``/
    ``ELASTICSEARCH_PASSWORD``, ``ELASTICSEARCH_CA_CERTS``, ``ELASTICSEARCH_VERIFY_CERTS`` and
    ``ELASTICSEARCH_REQUEST_TIMEOUT``. TLS certificates are verified unless explicitly turned off.
    """
    if isinstance(url, Mapping):
        return make_client(**_options_from_mapping(url), **client_options)
    if not url:
        raise ClientConfigError(f"{URL} is empty")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ClientConfigError(f"{URL}={masked_url(url)!r} is not an http(s) URL with a host")
    bare_url, url_user, url_password = _split_credentials(url)
    username = username or url_user
    password = password if password is not None else url_password
    if username and password is None:
        raise ClientConfigError(f"{USERNAME} is set but {PASSWORD} is not")
    options: dict[str, Any] = {"request_timeout": request_timeout, **client_options}
    if api_key:
        options["api_key"] = api_key
    elif username:
        options["basic_auth"] = (username, password)
    if bare_url.startswith("https"):
        options["verify_certs"] = verify_certs
        if ca_certs:
            options["ca_certs"] = ca_certs
        if not verify_certs:
            log.warning("TLS certificate verification is OFF for %s", masked_url(url))
    log.debug(
        "%s",
        describe(url, api_key=api_key, username=username, ca_certs=ca_certs, verify_certs=verify_certs),
    )
    return Elasticsearch(bare_url, **options)


def _options_from_mapping(settings: Mapping[str, Any]) -> dict[str, Any]:
    def text(name: str) -> str | None:
        value = settings.get(name)
        return str(value) if value not in (None, "") else None

    timeout_text = text(REQUEST_TIMEOUT)
    try:
        timeout = float(timeout_text) if timeout_text else DEFAULT_REQUEST_TIMEOUT
    except ValueError as exc:
        raise ClientConfigError(f"{REQUEST_TIMEOUT}={timeout_text!r} is not a number") from exc
    return {
        "url": text(URL) or DEFAULT_URL,
        "api_key": text(API_KEY),
        "username": text(USERNAME),
        "password": text(PASSWORD),
        "ca_certs": text(CA_CERTS),
        "verify_certs": parse_bool(VERIFY_CERTS, settings.get(VERIFY_CERTS), default=True),
        "request_timeout": timeout,
    }


def make_client_from_env(environ: Mapping[str, str] | None = None) -> Elasticsearch:
    """A client configured from ``ELASTICSEARCH_*`` environment variables (CLI commands only)."""
    return make_client(os.environ if environ is None else environ)
