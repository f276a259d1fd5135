"""One normaliser for shop and company names, shared by the whitelist, crawler and classifier.

POLICY §3.2: names compare equal after traditional → simplified (OpenCC t2s), full-width →
half-width (NFKC), case folding, and removal of spaces and punctuation. ``normalise_text`` is
on the per-listing hot path, so results are memoised (listing titles and shop names repeat a
lot across pages and crawl runs).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

__all__ = [
    "COMPANY_SUFFIXES",
    "normalise_company",
    "normalise_name",
    "normalise_text",
    "without_surrogates",
]


_SURROGATES = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD. Valid JSON ("\\ud800") and bytes read
    with surrogateescape make them; they have no UTF-8 form, so any store or export would fail."""
    return _SURROGATES.sub("\ufffd", text)


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    # Building the converter loads its dictionaries (~ms); one instance serves the process.
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=262_144)
def normalise_text(text: str | None) -> str:
    """NFKC (full-width → half-width), traditional → simplified, lower case; spacing kept."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():  # OpenCC only matters for CJK text; skip it for plain ASCII
        try:
            text = _t2s().convert(text)
        except UnicodeEncodeError:
            # a lone surrogate has no UTF-8 form (OpenCC encodes): it becomes U+FFFD
            text = _t2s().convert(without_surrogates(text))
    return text.lower()


# \W is Unicode-aware: CJK ideographs, letters and digits are kept, everything else
# (spaces, ASCII and CJK punctuation, symbols, emoji) is dropped; "_" is \w so named apart.
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=262_144)
def normalise_name(text: str | None) -> str:
    """``normalise_text`` plus removal of spaces and punctuation: the shop-name match key."""
    return _NOT_WORD.sub("", normalise_text(text))


# Longest first so "股份有限公司" is removed whole rather than leaving "股份".
COMPANY_SUFFIXES: tuple[str, ...] = (
    "股份有限公司",
    "有限责任公司",
    "个体工商户",
    "有限公司",
    "有限合伙",
    "合伙企业",
    "分公司",
    "子公司",
    "总公司",
    "工作室",
    "经营部",
    "公司",
    "集团",
    "商行",
)
# Latin legal forms need word boundaries ("Tesco" must keep its "co"), so they are stripped
# before spaces and punctuation are removed.
_LATIN_SUFFIX = re.compile(
    r"[\s,.]*\b(?:co\.?,?\s*ltd|ltd|inc|llc|corp|corporation|company|limited|co|gmbh|plc)\.?$"
)


@lru_cache(maxsize=65_536)
def normalise_company(text: str | None) -> str:
    """``normalise_name`` with trailing legal-form suffixes removed, repeatedly.

    "某某科技有限公司" and "某某科技" compare equal; a branch "某某科技有限公司深圳分公司" becomes
    "某某科技有限公司深圳" (only trailing suffixes go), so it stays distinct from the head office.
    """
    text = normalise_text(text).strip()
    while True:
        stripped = _LATIN_SUFFIX.sub("", text)
        if stripped == text or not stripped:
            break
        text = stripped
    name = _NOT_WORD.sub("", text)
    changed = True
    while changed:
        changed = False
        for suffix in COMPANY_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                name = name[: -len(suffix)]
                changed = True
                break
    return name
