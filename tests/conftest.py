"""Shared test fixtures. ``../shared`` sits next to the project root on every machine."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = SHARED / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    if not FIXTURES.is_dir():
        pytest.fail(f"platform captures not found at {FIXTURES}: ../shared must sit next to the repo")
    return FIXTURES
