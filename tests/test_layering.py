"""DESIGN's dependency rules, checked on the source: crawler → whitelist never back; the
classifier and the platform parsers import nothing from Scrapy."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize(("package", "forbidden"), [
    ("whitelist", ("crawler", "scrapy")),
    ("crawler/classifiers", ("scrapy", "twisted", "scrapy_playwright")),
    ("crawler/platforms", ("scrapy", "twisted", "scrapy_playwright")),
])
def test_package_does_not_import(package: str, forbidden: tuple[str, ...]) -> None:
    offenders = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / package).rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in forbidden
    }
    assert not offenders, sorted(offenders)
