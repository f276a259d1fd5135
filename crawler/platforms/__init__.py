"""One parser module per marketplace, keyed by platform name (see docs/INTERFACES.md)."""

from __future__ import annotations

from crawler.platforms import (
    amazon,
    douyin,
    ebay,
    jd,
    mercadolibre,
    pinduoduo,
    shopee,
    taobao,
    tmall,
    xianyu,
)
from crawler.platforms.base import ParseResult, PlatformModule

# Platforms with a spider: what `simwatch crawl` and the demo cover.
PLATFORMS: dict[str, PlatformModule] = {
    module.NAME: module
    for module in (taobao, tmall, jd, pinduoduo, xianyu, douyin, shopee, ebay, amazon)
}
# Every saved-response format `simwatch parse` reads: the platforms plus parse-only formats.
PARSERS: dict[str, PlatformModule] = {**PLATFORMS, mercadolibre.NAME: mercadolibre}


def get_platform(name: str) -> PlatformModule:
    """The module of ``name``; a clear error listing the known names otherwise."""
    try:
        return PLATFORMS[name]
    except KeyError:
        raise KeyError(
            f"unknown platform {name!r}; known: {', '.join(sorted(PLATFORMS))}"
        ) from None


__all__ = ["PARSERS", "PLATFORMS", "ParseResult", "PlatformModule", "get_platform"]
