"""The summary's whitelist warnings say which list is missing, and never that a loaded one is."""

from __future__ import annotations

from crawler.ops.coverage import UNKNOWN_CARRIER, warning_lines


def test_a_loaded_list_that_misses_a_platform_is_not_called_missing() -> None:
    lines = warning_lines({"中国移动", "中国联通", "中国电信", "中国广电"},
                          {"中国移动": 19, "Vodafone": 12, UNKNOWN_CARRIER: 7})
    by_subject = {next(w for w in ("中国移动", "Vodafone", "naming no carrier") if w in line): line
                  for line in lines}
    assert len(lines) == 3 == len(by_subject)
    assert "no whitelist loaded for 中国移动" not in by_subject["中国移动"]
    assert by_subject["中国移动"].startswith("19 SIM listing(s) of 中国移动 not checked: its loaded "
                                            "whitelist does not cover the platform(s)")
    assert by_subject["Vodafone"].startswith("no whitelist loaded for the carriers of other markets (Vodafone):")
    assert "12 SIM listing(s) not checked" in by_subject["Vodafone"]
    assert "7 SIM listing(s) naming no carrier" in by_subject["naming no carrier"]
    assert "unknown carrier" not in " ".join(lines)


def test_a_missing_major_carrier_is_named_even_without_listings() -> None:
    lines = warning_lines({"中国移动", "中国联通", "中国电信"}, {})
    assert lines == ["no whitelist loaded for 中国广电: its sellers' authorisation is not checked; "
                     "import its list with `simwatch whitelist import`"]


def test_other_markets_carriers_share_one_line() -> None:
    from crawler.ops.coverage import warning_lines

    lines = warning_lines({"中国移动", "中国联通", "中国电信", "中国广电"}, {"AT&T": 3, "SoftBank": 2})
    assert lines == ["no whitelist loaded for the carriers of other markets (AT&T, SoftBank): "
                     "5 SIM listing(s) not checked for authorisation"]
