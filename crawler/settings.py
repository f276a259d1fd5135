"""Scrapy settings for simwatch: the only module that reads the environment.

Every other component receives its configuration through Scrapy's settings object (``from_crawler``)
or through explicit arguments, so tests and the CLI can override anything without touching
``os.environ``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


BOT_NAME = "simwatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- simwatch paths -------------------------------------------------------------------------
SIMWATCH_HOME = os.environ.get("SIMWATCH_HOME", str(PROJECT_ROOT / ".simwatch"))
SIMWATCH_SESSIONS_DIR = os.environ.get(
    "SIMWATCH_SESSIONS_DIR", str(Path(SIMWATCH_HOME) / "sessions")
)
SIMWATCH_WHITELIST_DIR = os.environ.get(
    "SIMWATCH_WHITELIST_DIR", str(Path(SIMWATCH_HOME) / "whitelist")
)
SIMWATCH_EVIDENCE_DIR = os.environ.get(
    "SIMWATCH_EVIDENCE_DIR", str(Path(SIMWATCH_HOME) / "evidence")
)
SIMWATCH_SPOOL_PATH = os.environ.get(
    "SIMWATCH_SPOOL_PATH", str(Path(SIMWATCH_HOME) / "spool" / "spool.jsonl")
)
SIMWATCH_DEAD_LETTER_PATH = os.environ.get(
    "SIMWATCH_DEAD_LETTER_PATH", str(Path(SIMWATCH_HOME) / "spool" / "dead-letter.jsonl")
)
# Whitelist files (CSV/XLSX/HTML/PDF) used in addition to the imported snapshots, separated by
# os.pathsep. Empty: classify against the active snapshots under SIMWATCH_WHITELIST_DIR.
SIMWATCH_WHITELIST_FILES = [
    p for p in os.environ.get("SIMWATCH_WHITELIST_FILES", "").split(os.pathsep) if p
]
SIMWATCH_KEYWORDS_FILE = os.environ.get(
    "SIMWATCH_KEYWORDS_FILE", str(PROJECT_ROOT / "config" / "keywords.toml")
)
SIMWATCH_USE_MODEL = _env_bool("SIMWATCH_USE_MODEL", True)
SIMWATCH_MAX_PAGES = _env_int("SIMWATCH_MAX_PAGES", 5)
SIMWATCH_RUN_ID = os.environ.get("SIMWATCH_RUN_ID", "")

# Base URL per platform; `simwatch crawl --sandbox URL` points every platform at the sandbox.
SIMWATCH_BASE_URLS: dict[str, str] = {}
for _name in ("taobao", "tmall", "jd", "pinduoduo", "xianyu", "douyin", "shopee", "ebay", "amazon"):
    _url = os.environ.get(f"SIMWATCH_{_name.upper()}_URL")
    if _url:
        SIMWATCH_BASE_URLS[_name] = _url

# --- Elasticsearch --------------------------------------------------------------------------
# Alias prefix (crawler/store/indices.py): the demo runs with its own ("simwatch-demo").
SIMWATCH_INDEX_PREFIX = os.environ.get("SIMWATCH_INDEX_PREFIX", "simwatch")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_API_KEY = os.environ.get("ELASTICSEARCH_API_KEY", "")
ELASTICSEARCH_USERNAME = os.environ.get("ELASTICSEARCH_USERNAME", "")
ELASTICSEARCH_PASSWORD = os.environ.get("ELASTICSEARCH_PASSWORD", "")
ELASTICSEARCH_CA_CERTS = os.environ.get("ELASTICSEARCH_CA_CERTS", "")
ELASTICSEARCH_VERIFY_CERTS = _env_bool("ELASTICSEARCH_VERIFY_CERTS", True)
SIMWATCH_SINK_CHUNK_SIZE = _env_int("SIMWATCH_SINK_CHUNK_SIZE", 500)
# Retries (with exponential backoff) before a chunk that cannot reach Elasticsearch is spooled.
SIMWATCH_SINK_MAX_RETRIES = _env_int("SIMWATCH_SINK_MAX_RETRIES", 5)

# --- politeness and blocks ------------------------------------------------------------------
ROBOTSTXT_OBEY = False  # marketplaces' robots.txt forbid search; regulators crawl under mandate
COOKIES_ENABLED = True
CONCURRENT_REQUESTS = _env_int("SIMWATCH_CONCURRENT_REQUESTS", 8)
DOWNLOAD_DELAY = _env_float("SIMWATCH_DOWNLOAD_DELAY", 0.0)
DOWNLOAD_TIMEOUT = _env_int("SIMWATCH_DOWNLOAD_TIMEOUT", 30)
RETRY_ENABLED = True
RETRY_TIMES = _env_int("SIMWATCH_RETRY_TIMES", 3)
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Per-platform download slots: delay and concurrency per marketplace (Scrapy DOWNLOAD_SLOTS).
# The spiders put every request of a platform into the slot named after it. Delays are
# SIMWATCH_PLATFORM_DELAY times the platform's factor (login-gated sites get more room).
SIMWATCH_PLATFORM_DELAY = _env_float("SIMWATCH_PLATFORM_DELAY", 1.0)
SIMWATCH_POLITENESS = {  # platform: (concurrency, delay factor)
    "taobao": (1, 3.0),
    "tmall": (1, 3.0),
    "jd": (2, 1.0),
    "pinduoduo": (1, 3.0),
    "xianyu": (1, 2.0),
    "douyin": (1, 3.0),
    "shopee": (2, 1.0),
    "ebay": (2, 1.0),
    "amazon": (1, 2.0),
}


# Scrapy 2.19 on the asyncio reactor enforces a slot's concurrency only when its delay is not 0:
# with no delay, Downloader._process_queue starts every queued request of the slot in one go,
# because each download adds itself to the slot's "transferring" set only once its task runs
# (SIMWATCH_PLATFORM_DELAY=0 crawled ebay 6 requests at a time instead of 2). With any delay
# it starts one request per call. 1 ms is no politeness, only the floor that keeps the limit.
MIN_SLOT_DELAY = 0.001


def download_slots(base_delay: float) -> dict[str, dict[str, object]]:
    return {
        name: {"concurrency": concurrency, "delay": max(base_delay * factor, MIN_SLOT_DELAY),
               "randomize_delay": True}
        for name, (concurrency, factor) in SIMWATCH_POLITENESS.items()
    }


DOWNLOAD_SLOTS = download_slots(SIMWATCH_PLATFORM_DELAY)
# Base delay against the sandbox on this machine (the demo, `crawl --sandbox` on a loopback URL
# when SIMWATCH_PLATFORM_DELAY is not set): the politeness above is for real platforms' sake.
# Quick but under the sandbox's rate limit (20 requests/s per client, the browsers' own
# requests included): at 0.05 some runs meet a 429 and back off; 0.1 keeps the demo under it.
# (Those 429s once stalled a browser platform for good; fixed in BrowserRoutingMiddleware:
# five demo runs at 0.05 and at 0 finished, 85-248 s.)
SANDBOX_PLATFORM_DELAY = 0.1
# After a captcha the platform is marked blocked for the run (no further requests to it).
SIMWATCH_STOP_PLATFORM_ON_CAPTCHA = _env_bool("SIMWATCH_STOP_PLATFORM_ON_CAPTCHA", True)
# After this many login walls in a row a platform stops for the run as login_required (0: never).
SIMWATCH_LOGIN_WALL_LIMIT = int(os.environ.get("SIMWATCH_LOGIN_WALL_LIMIT", "3"))
USER_AGENT = os.environ.get(
    "SIMWATCH_USER_AGENT",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36",
)
# Proxies for plain HTTP requests come from http_proxy/https_proxy (Scrapy's HttpProxyMiddleware);
# the browser gets SIMWATCH_BROWSER_PROXY.
SIMWATCH_BROWSER_PROXY = os.environ.get("SIMWATCH_BROWSER_PROXY", "")

# --- browser (scrapy-playwright with Debian's chromium; never a downloaded build) ------------
CHROMIUM_PATH = os.environ.get("SIMWATCH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
DOWNLOAD_HANDLERS = {
    "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
    "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
}
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = {
    "executable_path": CHROMIUM_PATH,
    "headless": _env_bool("SIMWATCH_HEADLESS", True),
    "args": [
        # Chromium refuses to start as root with its sandbox; the image runs as a non-root user
        # and keeps the sandbox (docker-compose.yml), so --no-sandbox is only for root.
        *(["--no-sandbox"] if os.geteuid() == 0 else []),
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-gpu",
        "--disable-dev-shm-usage",
    ],
    **({"proxy": {"server": SIMWATCH_BROWSER_PROXY}} if SIMWATCH_BROWSER_PROXY else {}),
}
PLAYWRIGHT_MAX_CONTEXTS = _env_int("SIMWATCH_BROWSER_MAX_CONTEXTS", 2)
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = _env_int("SIMWATCH_BROWSER_MAX_PAGES", 2)
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = _env_int("SIMWATCH_BROWSER_NAV_TIMEOUT_MS", 30000)
# Pages a browser context serves before it is closed and a fresh one started (memory bound).
SIMWATCH_BROWSER_CONTEXT_PAGES = _env_int("SIMWATCH_BROWSER_CONTEXT_PAGES", 50)
# How long a browser page may take to receive the platform's signed API response.
SIMWATCH_BROWSER_API_WAIT = _env_float("SIMWATCH_BROWSER_API_WAIT", 15.0)

# --- components -----------------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    # Between BlockDetectionMiddleware and RetryMiddleware (550): in the response path it gives
    # a retried page back before the retry is made (crawler/middlewares.py _release_page).
    "crawler.middlewares.BrowserRoutingMiddleware": 555,
    "crawler.middlewares.BlockDetectionMiddleware": 560,
}
# In-run repeats are dropped as they leave the spider, before Scrapy's own spider middlewares
# (orders 25-1000; 95% of an ebay crawl's listings are repeats) and before any pipeline; above
# the resumable crawl's ResumeMiddleware (50), which must not wait for items that never come.
SPIDER_MIDDLEWARES = {
    "crawler.spidermiddlewares.RunDedupMiddleware": 1100,
}
ITEM_PIPELINES = {
    "crawler.pipelines.normalise.NormalisePipeline": 100,
    "crawler.pipelines.classify.ClassifyPipeline": 300,
    "crawler.pipelines.sellers.ShopPagePipeline": 400,
    "crawler.pipelines.elasticsearch.ElasticsearchPipeline": 900,
}
EXTENSIONS = {
    "crawler.extensions.CrawlReportExtension": 500,
    # Spidermon, with its close monitors after the sink's final flush (crawler/extensions.py)
    "crawler.extensions.SimwatchSpidermon": 500,
    "crawler.monitors.MonitorStatsExtension": 510,
    "crawler.extensions.SpoolFailureExtension": 520,
}

# Resumable crawl state (`simwatch crawl --jobdir DIR`); empty: not resumable.
SIMWATCH_JOBDIR = os.environ.get("SIMWATCH_JOBDIR", "")

# --- distributed crawling (scrapy-redis; `simwatch crawl --redis URL`) -------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
SIMWATCH_IDLE_EXIT_SECONDS = _env_int("SIMWATCH_IDLE_EXIT_SECONDS", 30)

# --- monitors (Spidermon, crawler/monitors.py): a failed monitor fails the run ----------------
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ["crawler.monitors.CloseMonitorSuite"]
SIMWATCH_JOB = os.environ.get("SIMWATCH_JOB", "")
SIMWATCH_WEBHOOK_URL = os.environ.get("SIMWATCH_WEBHOOK_URL", "")
SIMWATCH_MONITOR_MIN_ITEM_FRACTION = _env_float("SIMWATCH_MONITOR_MIN_ITEM_FRACTION", 0.5)
SIMWATCH_MONITOR_MAX_BLOCKED_RATE = _env_float("SIMWATCH_MONITOR_MAX_BLOCKED_RATE", 0.2)
# shop_id is not required: xianyu only shows encrypted seller ids, so its listings carry none.
# Amazon's results pages name no seller (only product pages do); pinduoduo's web search list
# (window.rawData / its search API) mostly omits the shop.
SIMWATCH_MONITOR_FIELD_COVERAGE = {
    "price": 0.8,
    "shop_name": 0.8,
    "amazon": {"shop_name": 0.0},
    "pinduoduo": {"shop_name": 0.0},
}

LOG_LEVEL = os.environ.get("SIMWATCH_LOG_LEVEL", "INFO")
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
TELNETCONSOLE_ENABLED = False
