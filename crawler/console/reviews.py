"""Reviewer decisions: stored on the listing, logged append-only, exported as labels, evaluated.

A decision sets the listing document's ``review`` field (the contract other components read):
``{"state": "confirmed"|"rejected", "by", "at", "note", "verdict_version"}``; the takedown
export leaves out rejected listings (``crawler.store.queries.takedown_candidates_query``). Every
decision is also appended to ``simwatch-decisions`` with the verdict as it stood, so a later
re-classification cannot rewrite what the reviewer saw, and so the decisions can be exported
as labelled examples (``simwatch reviews export``) and scored (``simwatch classify eval``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from elasticsearch import ConflictError, Elasticsearch, NotFoundError, helpers

from crawler.errors import print_error
from crawler.jsonl import JsonlError, jsonl_rows
from crawler.store.indices import DECISIONS
from crawler.store.mappings import LISTINGS, REVIEW_FIELDS

STATES = ("confirmed", "rejected")
MAX_NOTE = 2000

# The verdict as the reviewer saw it (kept whole in the log; only a few fields are indexed).
VERDICT_KEYS = (
    "sim_listing", "carriers", "foreign", "authorised", "authorisation", "whitelist_match",
    "violations", "risk_score", "takedown", "reasons", "classifier_version",
    "whitelist_snapshots", "rules_fired", "confidence", "needs_review", "review_reasons",
)
LISTING_KEYS = (
    "platform", "listing_id", "title", "description", "url", "price", "shop_name", "shop_id",
    "shop_url", "location", "observed_at",
)

DECISION_MAPPING: dict[str, Any] = {
    "dynamic": False,
    "properties": {
        "doc_id": {"type": "keyword"},
        "platform": {"type": "keyword"},
        "listing_id": {"type": "keyword"},
        "state": {"type": "keyword"},
        "by": {"type": "keyword"},
        "at": {"type": "date"},
        "note": {"type": "text"},
        "verdict_version": {"type": "keyword"},
        "violations": {"type": "keyword"},
        "rules_fired": {"type": "keyword"},
        "risk_score": {"type": "integer"},
        "listing": {"type": "object", "enabled": False},
        "verdict": {"type": "object", "enabled": False},
    },
}


class DecisionError(ValueError):
    """A decision that cannot be recorded (unknown listing, bad state, note too long)."""


def ensure_indices(client: Elasticsearch) -> None:
    """The decisions log index, and the review fields on a listings index made before them."""
    if not client.indices.exists(index=DECISIONS):
        try:
            client.indices.create(index=DECISIONS, mappings=DECISION_MAPPING,
                                  settings={"number_of_shards": 1, "number_of_replicas": 0})
        except ConflictError:
            pass
        except Exception as exc:  # created by a second console at the same moment
            if "already_exists" not in str(exc) and "exists" not in str(exc):
                raise
    if client.indices.exists(index=LISTINGS):
        # Adding fields to a mapping is allowed in place; no migration needed.
        client.indices.put_mapping(index=LISTINGS, properties=REVIEW_FIELDS)


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def record_decision(
    client: Elasticsearch,
    doc_id: str,
    state: str,
    by: str,
    note: str | None = None,
    at: str | None = None,
) -> dict[str, Any]:
    """Log the decision, then set ``review`` on the listing; returns the ``review`` value."""
    if state not in STATES:
        raise DecisionError(f"decision must be one of {', '.join(STATES)}, got {state!r}")
    if not by:
        raise DecisionError("a decision must name who made it")
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        raise DecisionError(f"note is {len(note)} characters; at most {MAX_NOTE}")
    try:
        listing = dict(client.get(index=LISTINGS, id=doc_id)["_source"])
    except NotFoundError:
        raise DecisionError(f"no listing {doc_id!r}") from None
    stamp = at or utc_now()
    version = str(listing.get("classifier_version") or "")
    review = {"state": state, "by": by, "at": stamp, "note": note, "verdict_version": version}
    client.index(index=DECISIONS, document={
        "doc_id": doc_id,
        "platform": listing.get("platform"),
        "listing_id": listing.get("listing_id"),
        "state": state,
        "by": by,
        "at": stamp,
        "note": note,
        "verdict_version": version,
        "violations": listing.get("violations") or [],
        "rules_fired": listing.get("rules_fired") or [],
        "risk_score": listing.get("risk_score"),
        "listing": {key: listing.get(key) for key in LISTING_KEYS},
        "verdict": {key: listing.get(key) for key in VERDICT_KEYS if key in listing},
    }, refresh="wait_for")
    # A crawl may be upserting the same listing: retry on version conflicts.
    client.update(index=LISTINGS, id=doc_id, doc={"review": review}, retry_on_conflict=5,
                  refresh="wait_for")
    return review


def decisions_for(client: Elasticsearch, doc_id: str, size: int = 50) -> list[dict[str, Any]]:
    """A listing's decisions, newest first."""
    try:
        response = client.search(index=DECISIONS, query={"term": {"doc_id": doc_id}},
                                 sort=[{"at": {"order": "desc"}}], size=size)
    except NotFoundError:
        return []
    return [hit["_source"] for hit in response["hits"]["hits"]]


def iter_decisions(client: Elasticsearch) -> Iterator[dict[str, Any]]:
    try:
        for hit in helpers.scan(client, index=DECISIONS, query={"query": {"match_all": {}}}):
            yield hit["_source"]
    except NotFoundError:
        return


def labelled_examples(decisions: Iterable[Mapping[str, Any]], latest_only: bool = True
                      ) -> list[dict[str, Any]]:
    """Decisions as ``{listing, verdict, label, by, at, note}`` rows, oldest first.

    With ``latest_only`` a listing decided twice counts once, with its latest label.
    """
    ordered = sorted(decisions, key=lambda d: (str(d.get("at", "")), str(d.get("doc_id", ""))))
    if latest_only:
        ordered = list({str(d.get("doc_id")): d for d in ordered}.values())
    return [{
        "doc_id": d.get("doc_id"),
        "listing": d.get("listing") or {},
        "verdict": d.get("verdict") or {},
        "label": d.get("state"),
        "by": d.get("by"),
        "at": d.get("at"),
        "note": d.get("note"),
        "verdict_version": d.get("verdict_version"),
    } for d in ordered]


def write_examples(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


class LabelsFileError(ValueError):
    """A labels file line that cannot be read (names file and line)."""


def read_examples(path: str | Path) -> list[dict[str, Any]]:
    """Labelled examples from a JSONL file; a bad line raises naming ``file:line``."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LabelsFileError(f"{path}: cannot read ({exc.strerror})") from None
    examples = []
    try:
        rows = list(jsonl_rows(lines, path))
    except JsonlError as exc:
        raise LabelsFileError(str(exc)) from None
    for number, row in rows:
        if not isinstance(row, dict):
            raise LabelsFileError(f"{path}:{number}: not a JSON object")
        if row.get("label") not in STATES:
            raise LabelsFileError(
                f"{path}:{number}: label must be one of {', '.join(STATES)}, got {row.get('label')!r}")
        if not isinstance(row.get("verdict"), dict):
            raise LabelsFileError(f"{path}:{number}: 'verdict' must be an object")
        examples.append(row)
    return examples


@dataclass
class Tally:
    confirmed: int = 0
    rejected: int = 0

    @property
    def total(self) -> int:
        return self.confirmed + self.rejected

    @property
    def precision(self) -> float | None:
        return self.confirmed / self.total if self.total else None


@dataclass
class Evaluation:
    """Precision of flagged verdicts (with at least one violation) against reviewers' labels.

    A confirmed flagged listing is a true positive, a rejected one a false positive; each rule
    and each violation code that took part in the verdict is scored on it. Verdicts with no
    violation are counted apart (``unflagged``): precision says nothing about them.
    """

    overall: Tally = field(default_factory=Tally)
    by_rule: dict[str, Tally] = field(default_factory=dict)
    by_code: dict[str, Tally] = field(default_factory=dict)
    unflagged: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        def rows(table: dict[str, Tally]) -> list[dict[str, Any]]:
            return [{"name": name, "confirmed": t.confirmed, "rejected": t.rejected,
                     "precision": t.precision}
                    for name, t in sorted(table.items(), key=lambda kv: (-kv[1].total, kv[0]))]

        return {
            "flagged": {"confirmed": self.overall.confirmed, "rejected": self.overall.rejected,
                        "precision": self.overall.precision},
            "by_rule": rows(self.by_rule),
            "by_code": rows(self.by_code),
            "unflagged": dict(self.unflagged),
        }


def evaluate(examples: Iterable[Mapping[str, Any]]) -> Evaluation:
    result = Evaluation()
    for example in examples:
        verdict = example.get("verdict") or {}
        label = str(example.get("label"))
        violations = [str(v) for v in verdict.get("violations") or []]
        if not violations:
            result.unflagged[label] += 1
            continue
        for table, names in ((result.by_code, violations),
                             (result.by_rule, [str(r) for r in verdict.get("rules_fired") or []])):
            for name in dict.fromkeys(names):
                _count(table.setdefault(name, Tally()), label)
        _count(result.overall, label)
    return result


def _count(tally: Tally, label: str) -> None:
    if label == "confirmed":
        tally.confirmed += 1
    else:
        tally.rejected += 1


def format_evaluation(evaluation: Evaluation) -> str:
    """A plain-text report (what ``simwatch classify eval`` prints)."""
    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value:.1%}"

    data = evaluation.as_dict()
    lines = [f"flagged verdicts: {evaluation.overall.total} labelled, "
             f"precision {pct(evaluation.overall.precision)} "
             f"({evaluation.overall.confirmed} confirmed, {evaluation.overall.rejected} rejected)"]
    if evaluation.unflagged:
        parts = ", ".join(f"{n} {label}" for label, n in sorted(evaluation.unflagged.items()))
        lines.append(f"verdicts without a violation (not scored): {parts}")
    for title, key in (("per violation code", "by_code"), ("per rule", "by_rule")):
        lines.append("")
        lines.append(f"{title}:")
        lines.append(f"  {'name':<40} {'confirmed':>9} {'rejected':>8} {'precision':>9}")
        for row in data[key]:
            lines.append(f"  {row['name']:<40} {row['confirmed']:>9} {row['rejected']:>8} "
                         f"{pct(row['precision']):>9}")
    return "\n".join(lines)


def eval_command(labels: str | None) -> int:
    """``simwatch classify eval --labels FILE``: print precision per code and rule."""

    if not labels:
        print_error("classify eval", "needs --labels FILE (from `simwatch reviews export`)")
        return 2
    try:
        examples = read_examples(labels)
    except LabelsFileError as exc:
        print_error("classify eval", str(exc))
        return 2
    print(format_evaluation(evaluate(examples)))
    return 0
