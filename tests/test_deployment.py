"""The production files, which no engine here can run (docker has none on this machine): what can be checked without
it is checked here. The image's COPY sources exist and are not excluded from the build context (`data/` once was,
and the image did not build); every CRV_* variable compose sets is a setting of app/config.py; every crv command
compose runs exists."""

import fnmatch
import re
import shlex
from pathlib import Path

import yaml
from typer.testing import CliRunner

from app.cli import app as cli_app
from app.config import Settings

ROOT = Path(__file__).resolve().parent.parent
COPY = re.compile(r"^COPY\s+(?!--from)(.+?)\s+\S+\s*$", re.MULTILINE)


def dockerignored(path: str) -> bool:
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return any(fnmatch.fnmatch(path, pattern.rstrip("/")) for pattern in patterns)


def test_every_file_the_image_copies_is_in_the_build_context() -> None:
    sources = [source for line in COPY.findall((ROOT / "Dockerfile").read_text()) for source in line.split()]
    assert "data" in sources and "app" in sources
    for source in sources:
        assert (ROOT / source).exists(), source
        assert not dockerignored(source), f"{source} is copied by the Dockerfile but excluded by .dockerignore"


def compose() -> dict[str, object]:
    loaded: dict[str, object] = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    return loaded


def test_every_crv_variable_compose_sets_is_a_setting() -> None:
    environment = compose()["x-crv"]["environment"]  # type: ignore[index]
    names = [name for name in environment if name.startswith("CRV_")]
    assert "CRV_SECRET_KEY" in names and "CRV_PUBLIC_BASE_URL" in names
    for name in names:
        assert name.removeprefix("CRV_").lower() in Settings.model_fields, name


def test_the_readme_names_every_setting() -> None:
    """docs/production.md sends the operator to the README's table for the settings compose does not set."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [name for name in Settings.model_fields if f"CRV_{name.upper()}" not in readme] == []


def test_the_required_values_are_required_and_documented() -> None:
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "production.md").read_text(encoding="utf-8")
    for name in ("POSTGRES_PASSWORD", "MEILI_MASTER_KEY", "CRV_SECRET_KEY", "CRV_PUBLIC_BASE_URL"):
        assert re.search(rf"\$\{{{name}:\?", text), f"compose should refuse to start without {name}"
        assert f"| `{name}` | yes |" in guide, f"docs/production.md should list {name} as required"


def test_every_crv_command_compose_runs_exists() -> None:
    services = compose()["services"]
    commands: list[list[str]] = []
    for service in services.values():  # type: ignore[attr-defined]
        command = service.get("command")
        if not command:
            continue
        line = command[-1] if command[:2] == ["sh", "-c"] else shlex.join(command)
        commands += [shlex.split(step) for step in line.split("&&")]
    crv = [words[1:] for words in commands if words and words[0] == "crv"]
    assert ["orgs", "centre"] in crv and ["db", "upgrade"] in crv
    runner = CliRunner()
    for words in crv:
        help_of = runner.invoke(cli_app, [*words, "--help"])  # an unknown command or option exits 2
        assert help_of.exit_code == 0, (words, help_of.output)


def test_every_service_keeps_its_logs_bounded() -> None:
    """Docker's json-file driver keeps a container's output without limit by default: an access line per request
    and per healthcheck filled the disk of a host that ran for months."""
    for name, service in compose()["services"].items():  # type: ignore[attr-defined]
        logging = service.get("logging") or {}
        assert logging.get("options", {}).get("max-size"), f"{name}: no log rotation"
        assert int(logging["options"].get("max-file", "1")) >= 2, name


def test_postgres_gets_the_shared_memory_its_parallel_queries_need() -> None:
    postgres = compose()["services"]["postgres"]  # type: ignore[index]
    size = str(postgres.get("shm_size", "64mb")).lower()
    assert size.endswith("mb") and int(size.removesuffix("mb")) >= 128, size
