from __future__ import annotations

import random

from sandbox.creditcode import is_valid_uscc, make_uscc, uscc_check_digit


def test_published_codes_are_valid_and_corruptions_are_not() -> None:
    # Codes printed on real business licences (GB 32100-2015 examples).
    for code in ("91350100M000100Y43", "91110000100006485K"):
        assert is_valid_uscc(code)
        assert not is_valid_uscc(code[:-1] + ("0" if code[-1] != "0" else "1"))
    assert not is_valid_uscc("91350100M000100Y4")  # 17 characters
    assert not is_valid_uscc("91350100M000100YI3")  # I is not in the alphabet


def test_generated_codes_pass_both_check_digits() -> None:
    rng = random.Random(3)
    codes = [make_uscc(rng) for _ in range(200)]
    assert all(is_valid_uscc(c) and c.startswith("91") for c in codes)
    assert len(set(codes)) == 200
    assert uscc_check_digit(codes[0][:17]) == codes[0][17]
