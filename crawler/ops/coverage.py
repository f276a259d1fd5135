"""Which carriers' whitelists a run or a ``classify`` call checks against, and which are missing.

POLICY §3: authorisation is judged only against a loaded list; a missing list is said out loud,
once per carrier (the classifier marks such verdicts ``unchecked``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

UNCHECKED_PREFIX = "simwatch/unchecked/"  # simwatch/unchecked/<carrier>: SIM listings not checked
UNKNOWN_CARRIER = "unknown carrier"  # the carrier key of SIM listings that name none


@dataclass
class Whitelists:
    """Entries from the active snapshots and the given files, and what went wrong reading them."""

    entries: list[Any] = field(default_factory=list)
    rejected: list[Any] = field(default_factory=list)  # whitelist.model.RejectedRow
    # files of which every row was rejected: nothing of them is checked against
    empty_files: list[str] = field(default_factory=list)

    @property
    def carriers(self) -> set[str]:
        return {c for entry in self.entries for c in entry.carriers}


def file_snapshot_id(path: Path) -> str:
    """The snapshot id a file given with ``--whitelist`` stands under in verdicts."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return f"file:{path.name}@{digest}"


def load_whitelists(snapshot_dir: str | Path | None, files: Iterable[str | Path] = (),
                    carrier: str | None = None) -> Whitelists:
    """The active imported snapshots under ``snapshot_dir`` plus ``files`` (``carrier`` names the
    carrier of a per-carrier list without a carrier column)."""
    from whitelist.loaders import load
    from whitelist.registry import active_entries

    found = Whitelists()
    if snapshot_dir and Path(snapshot_dir).is_dir():
        found.entries.extend(active_entries(Path(snapshot_dir)))
    for name in files:
        path = Path(name)
        result = load(path, carrier=carrier, snapshot_id=file_snapshot_id(path))
        found.entries.extend(result.entries)
        found.rejected.extend(result.rejected)
        if result.rejected and not result.entries:
            found.empty_files.append(str(path))
    return found


def missing_carriers(loaded: Iterable[str], unchecked: Mapping[str, int] | None = None) -> list[str]:
    """Carriers to warn about: each major carrier without a list, and any carrier whose SIM
    listings the classifier marked ``unchecked``."""
    from whitelist.carriers import MNOS

    missing = {c for c in MNOS if c not in set(loaded)}
    missing |= {c for c, n in (unchecked or {}).items() if n}
    return sorted(missing)


def unchecked_counts(stats: Mapping[str, Any]) -> dict[str, int]:
    return {key[len(UNCHECKED_PREFIX):]: int(value) for key, value in stats.items()
            if key.startswith(UNCHECKED_PREFIX) and isinstance(value, int | float)}


def warning_lines(loaded: Iterable[str], unchecked: Mapping[str, int] | None = None) -> list[str]:
    """One line per carrier whose list is missing."""
    from whitelist.carriers import is_domestic

    unchecked = unchecked or {}
    loaded = set(loaded)
    lines = []
    foreign: dict[str, int] = {}
    for carrier in missing_carriers(loaded, unchecked):
        count = unchecked.get(carrier)
        if carrier not in loaded and carrier != UNKNOWN_CARRIER and not is_domestic(carrier):
            foreign[carrier] = count or 0  # other markets' carriers (§7): one line for all
            continue
        if carrier in loaded:  # its list is loaded but names none of the platforms it was seen on
            lines.append(f"{count} SIM listing(s) of {carrier} not checked: its loaded whitelist "
                         f"does not cover the platform(s) they were found on; import a list that "
                         f"does with `simwatch whitelist import`")
            continue
        if carrier == UNKNOWN_CARRIER:
            lines.append(f"no whitelist loaded for the platform(s) of {count} SIM listing(s) naming "
                         f"no carrier: their authorisation is not checked; import a list covering "
                         f"those platforms with `simwatch whitelist import`")
            continue
        seen = f" ({count} SIM listing(s) of it not checked)" if count else ""
        lines.append(f"no whitelist loaded for {carrier}: its sellers' authorisation is not "
                     f"checked{seen}; import its list with `simwatch whitelist import`")
    if foreign:
        lines.append(f"no whitelist loaded for the carriers of other markets ({', '.join(foreign)}):"
                     f" {sum(foreign.values())} SIM listing(s) not checked for authorisation")
    return lines
