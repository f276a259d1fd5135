"""Which build of the classifier's hot modules runs: the mypyc-compiled one, or the sources.

``setup.py`` compiles ``COMPILED`` into C extensions next to their sources, and Python imports an
extension before a source of the same name. An extension older than its source (a module edited
after the last ``make install``) would silently run the old code, so then every one of them is
loaded from source instead, with a warning: the compiled modules call each other directly, so it
is all of them or none. ``SIMWATCH_COMPILE=0`` runs the sources too (and makes setup.py skip the
compilation).
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
import warnings
from pathlib import Path

PACKAGE = "crawler.classifiers"
HERE = Path(__file__).resolve().parent
# In import order: each imports only the ones before it.
COMPILED = ("text", "prefilter", "rules", "evidence", "classifier")
GROUP = "simwatch_classifiers"  # setup.py's mypyc group name


def extension(directory: Path, name: str) -> Path | None:
    """The compiled extension of module ``name`` in ``directory``, if one was built."""
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = directory / f"{name}{suffix}"
        if candidate.exists():
            return candidate
    return None


def stale_modules(directory: Path = HERE, library_directory: Path | None = None) -> list[str]:
    """Modules whose build is older than their source. The code lives in one shared library
    (``GROUP``, beside the top package); each module's own extension only loads it and is left
    as it was when a new build produced the same file."""
    library = extension(library_directory or directory.parents[1], f"{GROUP}__mypyc")
    built_at = library.stat().st_mtime if library is not None else 0.0
    stale = []
    for name in COMPILED:
        built = extension(directory, name)
        if built is not None and max(built.stat().st_mtime, built_at) < (directory / f"{name}.py").stat().st_mtime:
            stale.append(name)
    return stale


def is_compiled() -> bool:
    """Whether the classifier runs compiled (for the bench report and the tests)."""
    module = sys.modules.get(f"{PACKAGE}.classifier")
    return module is not None and not str(getattr(module, "__file__", "")).endswith(".py")


def use_sources() -> None:
    """Load every compiled module from its source (before anything imported them)."""
    for name in COMPILED:
        spec = importlib.util.spec_from_file_location(f"{PACKAGE}.{name}", HERE / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)


def choose() -> None:
    if os.environ.get("SIMWATCH_COMPILE") == "0":
        if any(extension(HERE, name) for name in COMPILED):
            use_sources()
        return
    stale = stale_modules()
    if stale:
        warnings.warn(f"compiled classifier modules are older than their sources ({', '.join(stale)}); "
                      "running the sources — run `make install` to compile them again", stacklevel=2)
        use_sources()
