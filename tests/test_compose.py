"""docker-compose.yml and the Dockerfile, checked statically (Docker cannot run in CI here).

The file is validated against the Compose specification's JSON schema (vendored by
check-jsonschema), and every service built from our Dockerfile has its effective command —
entrypoint from the Dockerfile unless the service replaces it — parsed by simwatch's own CLI.
"""

from __future__ import annotations

import json
import re
import shlex
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from crawler.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
SAMPLE = {"RUN_ID": "20260101T000000Z"}  # what an operator sets on the command line
_VARIABLE = re.compile(r"\$\{(\w+)(?::?[-?+][^}]*)?\}|\$(\w+)")


def _compose() -> dict[str, Any]:
    return dict(YAML(typ="safe").load(COMPOSE.read_text(encoding="utf-8")))


def _crawler_services() -> dict[str, dict[str, Any]]:
    return {name: svc for name, svc in _compose()["services"].items() if "build" in svc}


def _dockerfile_final_stage() -> dict[str, Any]:
    """ENTRYPOINT, CMD and USER of the last stage (exec-form JSON, as ours are)."""
    stage: dict[str, Any] = {}
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        word, _, rest = line.strip().partition(" ")
        word = word.upper()
        if word == "FROM":
            stage = {}
        elif word in ("ENTRYPOINT", "CMD"):
            stage[word] = json.loads(rest)
        elif word == "USER":
            stage[word] = rest.strip()
    return stage


def _interpolate(value: str) -> str:
    """Compose interpolation with sample values: ``$$`` is a literal ``$`` for the container."""
    parts = value.split("$$")
    return "$".join(_VARIABLE.sub(lambda m: SAMPLE.get(m.group(1) or m.group(2), ""), p) for p in parts)


def _effective_command(service: dict[str, Any]) -> list[str]:
    image = _dockerfile_final_stage()
    entrypoint = service.get("entrypoint", image["ENTRYPOINT"])
    if isinstance(entrypoint, str):
        entrypoint = shlex.split(entrypoint)
    # Docker: a service that sets its entrypoint drops the image's CMD.
    command = service.get("command", [] if "entrypoint" in service else image["CMD"])
    if isinstance(command, str):
        command = shlex.split(command)
    return [_interpolate(part) for part in [*entrypoint, *command]]


def _simwatch_invocations(argv: list[str]) -> list[list[str]]:
    """The simwatch argument lists a command runs: directly, or inside ``sh -c``."""
    if argv[0] == "simwatch":
        return [argv[1:]]
    assert argv[0] in ("sh", "bash") and argv[1].startswith("-") and "c" in argv[1], argv
    script = argv[2]
    invocations = []
    for segment in re.split(r"&&|;|\|\|", script):
        words = shlex.split(segment)
        if words and words[0] == "exec":
            words = words[1:]
        assert words and words[0] == "simwatch", f"not a simwatch command: {segment!r}"
        invocations.append(words[1:])
    return invocations


def test_compose_file_matches_the_compose_specification() -> None:
    schema_text = resources.files("check_jsonschema.builtin_schemas.vendor").joinpath(
        "compose-spec.json").read_text(encoding="utf-8")
    schema = json.loads(schema_text)
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(_compose()), key=lambda e: list(e.path))
    assert not errors, [f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors]


@pytest.mark.parametrize("name", sorted(_crawler_services()))
def test_effective_command_is_a_valid_simwatch_command(name: str) -> None:
    service = _crawler_services()[name]
    parser = build_parser()
    for args in _simwatch_invocations(_effective_command(service)):
        try:
            parsed = parser.parse_args(args)
        except SystemExit:
            pytest.fail(f"{name}: `simwatch {' '.join(args)}` is not a valid simwatch command")
        assert getattr(parsed, "func", None) is not None, f"{name}: {args} runs no command"


def test_worker_runs_simwatch_crawl_worker_under_the_image_entrypoint() -> None:
    worker = _crawler_services()["worker"]
    argv = _effective_command(worker)
    assert argv[:3] == ["simwatch", "crawl", "--worker"]
    assert argv[argv.index("--run-id") + 1] == SAMPLE["RUN_ID"]


def test_image_is_multi_stage_non_root_and_keeps_the_chromium_sandbox() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert len(re.findall(r"^FROM ", text, re.MULTILINE)) >= 2
    stage = _dockerfile_final_stage()
    assert stage.get("USER") not in (None, "", "root", "0")
    assert stage["ENTRYPOINT"] == ["simwatch"]
    assert "--no-sandbox" not in text
    assert "gcc" not in text.split("AS runtime", 1)[1]  # no compiler in the runtime image


def test_chromium_sandbox_flag_only_for_root(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from crawler.takedowns.evidence import chromium_args

    monkeypatch.setattr(os, "geteuid", lambda: 10001)
    assert "--no-sandbox" not in chromium_args()
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    assert "--no-sandbox" in chromium_args()


def test_images_are_pinned_and_logs_rotate() -> None:
    for name, service in _compose()["services"].items():
        image = service["image"]
        repository, _, tag = image.rpartition(":")
        assert repository and re.fullmatch(r"\d+\.\d+\.\d+[\w.-]*", tag), f"{name}: {image} is not pinned"
        logging = service.get("logging") or {}
        assert logging.get("driver") == "json-file" and logging["options"].get("max-size"), name


def test_dependencies_wait_for_health_or_completion() -> None:
    services = _compose()["services"]
    for name, service in services.items():
        for dependency, rule in (service.get("depends_on") or {}).items():
            condition = rule["condition"]
            assert condition in ("service_healthy", "service_completed_successfully"), (name, dependency)
            if condition == "service_healthy":
                assert "healthcheck" in services[dependency], f"{dependency} has no healthcheck"


def test_secrets_are_per_service() -> None:
    services = _compose()["services"]
    assert not [name for name, svc in services.items() if "env_file" in svc]
    for name in ("scheduler", "worker"):
        environment = services[name]["environment"]
        text = json.dumps(environment)
        assert environment["ELASTICSEARCH_USERNAME"] == "simwatch_crawler", name
        assert "ELASTIC_PASSWORD" not in text and "KIBANA" not in text, name
    # every variable compose reads is documented in .env.example (or has a default)
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^#?\s*(\w+)=", example, re.MULTILINE))
    used = {m.group(1) for m in re.finditer(r"(?<!\$)\$\{(\w+)(:?-)?", COMPOSE.read_text(encoding="utf-8"))
            if m.group(2) is None}
    assert used <= documented | set(SAMPLE), sorted(used - documented - set(SAMPLE))


def test_inputs_are_a_read_only_bind_mount() -> None:
    for name, service in _crawler_services().items():
        assert "./input:/input:ro" in service["volumes"], name


def test_dockerignore_keeps_state_and_secrets_out_of_the_build_context() -> None:
    patterns = set((ROOT / ".dockerignore").read_text(encoding="utf-8").split())
    for needed in (".venv", ".simwatch", "out", ".env", "*cookies*", "*.so", ".git", "__pycache__",
                   ".pytest_cache", ".ruff_cache"):
        assert needed in patterns, needed
