"""Build hook for the one compiled part: the classifier's hot modules, compiled with mypyc.

Everything else (metadata, dependencies, packages) lives in pyproject.toml. The modules stay
plain, type-hinted Python that runs as it is; mypyc (mypy's compiler, the one black and mypy ship
with) turns them into C extensions for the rules-only speed aim of ``make bench``. Set
``SIMWATCH_COMPILE=0`` to install without compiling; ``crawler/classifiers/__init__.py`` falls back
to the sources when a compiled module is older than its source.
"""

from __future__ import annotations

import os

from setuptools import setup

COMPILED = [
    "crawler/classifiers/text.py",
    "crawler/classifiers/prefilter.py",
    "crawler/classifiers/rules.py",
    "crawler/classifiers/evidence.py",
    "crawler/classifiers/classifier.py",
]


def _ext_modules() -> list:
    if os.environ.get("SIMWATCH_COMPILE", "1") == "0":
        return []
    from mypyc.build import mypycify

    # group_name: crawler.classifiers.compiled.GROUP looks for the shared library by it
    return mypycify(["--ignore-missing-imports", *COMPILED], opt_level="3", group_name="simwatch_classifiers")


setup(ext_modules=_ext_modules())
