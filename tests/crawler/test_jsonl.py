"""The one JSON Lines reader: numbered rows, blank lines skipped, bad lines named."""

from __future__ import annotations

import pytest

from crawler.jsonl import JsonlError, jsonl_rows

LINES = ['{"a": 1}', "", "   ", "[2]", "{oops", '"three"']


def test_rows_keep_their_line_numbers_and_skip_blank_lines() -> None:
    with pytest.raises(JsonlError, match=r"^in\.jsonl:5: not valid JSON \(Expecting"):
        list(jsonl_rows(LINES, "in.jsonl"))
    assert list(jsonl_rows(LINES[:4], "in.jsonl")) == [(1, {"a": 1}), (4, [2])]


def test_with_a_problems_list_a_bad_line_is_reported_and_skipped() -> None:
    problems: list[str] = []
    assert [n for n, _ in jsonl_rows(LINES, "in.jsonl", problems)] == [1, 4, 6]
    assert len(problems) == 1 and problems[0].startswith("in.jsonl:5: not valid JSON")


def test_escaped_lone_surrogates_become_replacement_characters() -> None:
    rows = list(jsonl_rows(['{"t": "\\ud800x", "\\udce6": ["\\uDFFF", 1]}', '{"t": "\\u4e2d"}'], "in.jsonl"))
    assert rows == [(1, {"t": "\ufffdx", "\ufffd": ["\ufffd", 1]}), (2, {"t": "中"})]
