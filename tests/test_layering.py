"""DESIGN's dependency rules, checked on the source: crawler → whitelist never back; the
classifier and the platform parsers import nothing from Scrapy; no import loop between our
modules; and no import that runs up the layers (a module imports only its own layer or below).

Every import counts, also one inside a function: a lazy import hides a loop, it does not remove it.
"""

from __future__ import annotations

import ast
import graphlib
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("crawler", "whitelist", "sandbox")

# Layer of each top-level part (higher layers may import lower ones, never the reverse).
LAYERS: dict[str, int] = {
    "crawler": 0, "crawler.settings": 0, "crawler.items": 0, "crawler.jsonl": 0, "crawler.configfile": 0, "whitelist": 0,
    "crawler.platforms": 1, "crawler.classifiers": 1, "crawler.store": 1, "crawler.safety": 1,
    "sandbox": 1,
    "crawler.takedowns": 2, "crawler.safefetch": 2, "crawler.sessions": 2, "crawler.ops": 2, "crawler.errors": 2,
    "crawler.pipelines": 3, "crawler.middlewares": 3, "crawler.spidermiddlewares": 3, "crawler.spiders": 3,
    "crawler.extensions": 3, "crawler.monitors": 3,
    "crawler.runner": 4, "crawler.reporting": 4,
    "crawler.commands": 5, "crawler.console": 5, "crawler.cli": 6,
}


def _imports(path: Path, modules: Iterable[str] = ()) -> set[str]:
    """What ``path`` imports; ``from package import module`` counts as the module alone when
    ``modules`` names it (else the package's ``__init__`` would seem to be imported)."""
    known = set(modules)
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                names.add(full if full in known else node.module)
    return names


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """``{module: {modules of ours it imports}}`` over the source packages."""
    paths = {module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}
    return {name: {t for t in _imports(path, paths) if t in paths and t != name}
            for name, path in paths.items()}


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Every import loop, each found once (graphlib names one loop; it is cut and looked again)."""
    remaining = {k: set(v) for k, v in graph.items()}
    found: list[list[str]] = []
    while True:
        try:
            graphlib.TopologicalSorter(remaining).prepare()
        except graphlib.CycleError as exc:
            loop = list(exc.args[1])  # each node is imported by the next one
            found.append(loop)
            remaining[loop[1]].discard(loop[0])  # cut one edge of the loop and look again
            continue
        return found


def layer(module: str) -> int | None:
    parts = module.split(".")
    for size in range(len(parts), 0, -1):
        if ".".join(parts[:size]) in LAYERS:
            return LAYERS[".".join(parts[:size])]
    return None


def upward_imports(graph: Mapping[str, Iterable[str]]) -> list[str]:
    return sorted(
        f"{source} (layer {layer(source)}) imports {target} (layer {layer(target)})"
        for source, targets in graph.items() for target in targets
        if layer(source) is not None and layer(target) is not None
        and layer(target) > layer(source)  # type: ignore[operator]
    )


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


def test_no_import_loop() -> None:
    loops = cycles(import_graph())
    assert not loops, [" → ".join(loop) for loop in loops]


def test_no_import_runs_up_the_layers() -> None:
    assert not upward_imports(import_graph())


def test_every_module_has_a_layer() -> None:
    unplaced = sorted(name for name in import_graph() if layer(name) is None)
    assert not unplaced, f"add these to LAYERS in {__file__}: {unplaced}"


def test_the_checks_find_a_loop_and_an_upward_import() -> None:
    graph = {"crawler.ops.schedule": {"crawler.runner"}, "crawler.runner": {"crawler.ops.schedule"},
             "crawler.store.sink": {"crawler.settings"}}
    assert cycles(graph) == [["crawler.ops.schedule", "crawler.runner", "crawler.ops.schedule"]] or \
        cycles(graph) == [["crawler.runner", "crawler.ops.schedule", "crawler.runner"]]
    assert upward_imports(graph) == [
        "crawler.ops.schedule (layer 2) imports crawler.runner (layer 4)"]
    assert cycles({"a": {"b"}, "b": set()}) == []
    three = cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert len(three) == 1 and set(three[0]) == {"a", "b", "c"}
