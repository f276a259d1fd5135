"""The compiled build of the classifier (setup.py, mypyc) and its fallback to the sources."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.classifiers import Classifier, compiled
from crawler.classifiers.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[3]


def _touch(path: Path, mtime: float) -> None:
    path.write_text("")
    os.utime(path, (mtime, mtime))


def test_a_build_older_than_its_source_is_stale(tmp_path: Path) -> None:
    suffix = compiled.importlib.machinery.EXTENSION_SUFFIXES[0]
    package = tmp_path / "crawler" / "classifiers"
    package.mkdir(parents=True)
    for name in compiled.COMPILED:
        _touch(package / f"{name}.py", 1_000)
        _touch(package / f"{name}{suffix}", 2_000)
    assert compiled.stale_modules(package) == []
    _touch(package / "rules.py", 3_000)
    assert compiled.stale_modules(package) == ["rules"]
    # A new build leaves the per-module loaders as they were; the shared library is what is new.
    _touch(tmp_path / f"{compiled.GROUP}__mypyc{suffix}", 4_000)
    assert compiled.stale_modules(package) == []
    _touch(package / "evidence.py", 5_000)
    assert compiled.stale_modules(package) == ["evidence"]
    (package / f"text{suffix}").unlink()  # never compiled: nothing to be stale
    _touch(package / "text.py", 5_000)
    assert compiled.stale_modules(package) == ["evidence"]


@pytest.mark.skipif(os.environ.get("SIMWATCH_COMPILE") == "0", reason="installed without compiling")
def test_the_suite_runs_the_compiled_build() -> None:
    # make install compiles; a stale or missing build would leave the compiled code untested.
    assert all(compiled.extension(compiled.HERE, name) for name in compiled.COMPILED)
    assert compiled.stale_modules() == [], "a module was edited after the last build: run make install"
    assert compiled.is_compiled()


_SOURCES_RUN = """
import json, sys
from crawler.classifiers import Classifier, compiled
from crawler.classifiers.corpus import load_corpus
assert not compiled.is_compiled()
classifier = Classifier(use_model=False)
rows = load_corpus(part="test")
print(json.dumps([classifier.classify({"platform": "taobao", "listing_id": str(i), **row}).to_dict()
                  for i, row in enumerate(rows)], ensure_ascii=False))
"""


@pytest.mark.skipif(not compiled.is_compiled(), reason="the compiled build is not installed")
def test_compiled_and_sources_give_the_same_verdicts() -> None:
    rows = load_corpus(part="test")
    classifier = Classifier(use_model=False)
    here = [classifier.classify({"platform": "taobao", "listing_id": str(i), **row}).to_dict()
            for i, row in enumerate(rows)]
    result = subprocess.run([sys.executable, "-c", _SOURCES_RUN], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "SIMWATCH_COMPILE": "0"}, check=True, timeout=600)
    assert json.loads(result.stdout) == here
