"""Unified social credit codes (统一社会信用代码, GB 32100-2015) for the sandbox's shops.

Hand-written rather than a dependency: the two check-digit rules are a few lines each and the
sandbox only needs to *make* valid codes (and tests to check them).
"""

from __future__ import annotations

import random

# GB 32100-2015 alphabet: digits and capitals without I, O, Z, S, V.
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11714 organisation code (positions 9-17 of the credit code).
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# Administrative division codes of cities where SIM agents typically register.
REGION_CODES = (
    "110105", "310115", "440300", "440106", "330106", "320102", "510107",
    "420106", "500105", "610113", "350203", "370212", "410105", "430104",
)


def _org_check_digit(body: str) -> str:
    total = sum(_ORG_CHARS.index(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc_check_digit(first17: str) -> str:
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


def is_valid_uscc(code: str) -> bool:
    """Both check digits right (the code's own and the embedded organisation code's)."""
    if len(code) != 18 or any(c not in _USCC_CHARS for c in code):
        return False
    org = code[8:17]
    return code[17] == uscc_check_digit(code[:17]) and org[8] == _org_check_digit(org[:8])


def make_uscc(rng: random.Random) -> str:
    """A checksummed code of a company (9 = registered by 市场监管, 1 = enterprise)."""
    region = rng.choice(REGION_CODES)
    org_body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    org = org_body + _org_check_digit(org_body)
    first17 = "91" + region + org
    return first17 + uscc_check_digit(first17)
