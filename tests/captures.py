"""The real platform captures (``../shared/fixtures``) as test fixtures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def capture_fixture(relative: str) -> Any:
    """A module-scoped fixture holding the bytes of ``../shared/fixtures/<relative>``; it takes the
    name it is bound to (``search_page = capture_fixture("jd/….html")``)."""

    @pytest.fixture(scope="module")
    def read(fixtures_dir: Path) -> bytes:
        return (fixtures_dir / relative).read_bytes()

    return read
