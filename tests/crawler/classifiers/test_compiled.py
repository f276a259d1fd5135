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


def test_an_extension_older_than_its_source_is_stale(tmp_path: Path) -> None:
    suffix = compiled.importlib.machinery.EXTENSION_SUFFIXES[0]
    for name in compiled.COMPILED:
        _touch(tmp_path / f"{name}.py", 1_000)
        _touch(tmp_path / f"{name}{suffix}", 2_000)
    assert compiled.stale_modules(tmp_path) == []
    _touch(tmp_path / "rules.py", 3_000)
    assert compiled.stale_modules(tmp_path) == ["rules"]
    (tmp_path / f"evidence{suffix}").unlink()  # never compiled: nothing to be stale
    _touch(tmp_path / "evidence.py", 3_000)
    assert compiled.stale_modules(tmp_path) == ["rules"]


@pytest.mark.skipif(os.environ.get("SIMWATCH_COMPILE") == "0", reason="installed without compiling")
def test_the_suite_runs_the_compiled_build() -> None:
    # make install compiles; a stale or missing build would leave the compiled code untested.
    assert all(compiled.extension(compiled.HERE, name) for name in compiled.COMPILED)
    assert compiled.stale_modules() == []
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
