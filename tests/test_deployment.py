"""The production files, which no engine here can run (docker has none on this machine): what can be checked without
it is checked here. The image's COPY sources exist and are not excluded from the build context (`data/` once was,
and the image did not build); every CRV_* variable compose sets is a setting of app/config.py; every crv command
compose runs exists; the image installs exactly requirements.lock, which pins every runtime dependency and theirs."""

import fnmatch
import re
import shlex
from importlib import metadata
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name
from typer.testing import CliRunner

from app.cli import app as cli_app
from app.config import Settings
from scripts.lock import applies, pins, runtime_requirements

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


# -- the image's dependencies: requirements.lock (scripts/lock.py) ------------------------------------------------
PIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*==[^\s;#\[\]]+$")


def locked() -> dict[NormalizedName, str]:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert lines and all(PIN.match(line) for line in lines), "every line of the lock is one exact pin, no extras"
    assert len(pins(text)) == len(lines), "a distribution is pinned twice"
    return pins(text)


def test_the_lock_pins_every_runtime_dependency_at_the_version_pyproject_pins() -> None:
    lock = locked()
    for requirement in runtime_requirements():
        specifiers = list(requirement.specifier)
        assert [spec.operator for spec in specifiers] == ["=="], f"pyproject.toml should pin {requirement} exactly"
        assert lock.get(canonicalize_name(requirement.name)) == specifiers[0].version, str(requirement)


def test_the_lock_holds_every_dependency_of_what_it_locks() -> None:
    """Walked from pyproject's dependencies through the installed distributions' metadata (``psycopg[binary]``
    needs ``psycopg-binary``, ``fastapi`` ``starlette``, ``starlette`` ``anyio``…), where the installed version is the
    locked one (another version's metadata says nothing of the locked one's)."""
    lock = locked()
    unlocked: list[str] = []
    walked: set[tuple[str, frozenset[str]]] = set()
    pending = [(requirement, frozenset[str]()) for requirement in runtime_requirements()]
    while pending:
        requirement, parent_extras = pending.pop()
        name = canonicalize_name(requirement.name)
        if not applies(requirement, parent_extras) or (name, frozenset(requirement.extras)) in walked:
            continue
        walked.add((name, frozenset(requirement.extras)))
        if name not in lock:
            unlocked.append(str(requirement))
            continue
        try:
            distribution = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            continue
        if distribution.version == lock[name]:
            extras = frozenset(requirement.extras)
            pending += [(Requirement(line), extras) for line in distribution.requires or []]
    assert unlocked == [], "run `.venv/bin/python scripts/lock.py`"


def test_the_image_installs_the_lock_and_resolves_nothing_itself() -> None:
    """pyproject.toml pins crv's direct dependencies only: `pip install .` took whatever release of their own
    dependencies (starlette, anyio, pydantic-core, urllib3…) was newest on the day, and two builds of one commit
    could differ. The image installs exactly the lock, then crv without resolving anything, then checks the whole."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    build = dockerfile.split(" AS runtime")[0]
    steps = [
        shlex.split(step) for line in re.findall(r"^RUN\s+(.+)$", build, re.MULTILINE) for step in line.split("&&")
    ]
    installs = [words for words in steps if words[:2] == ["pip", "install"]]
    assert installs, "the build stage installs nothing"
    for words in installs:
        assert "--no-deps" in words, f"{shlex.join(words)} resolves dependencies at build time"
    locks = [
        at
        for at, words in enumerate(installs)
        if words[-2:] in (["-r", "requirements.lock"], ["--requirement", "requirements.lock"])
    ]
    crv = [at for at, words in enumerate(installs) if words[-1] == "."]
    assert locks and crv and locks[0] < crv[0], "crv is installed after its locked dependencies"
    assert ["pip", "check"] in steps[steps.index(installs[crv[0]]) :], "pip check runs after the install"


def test_the_development_virtualenv_takes_the_lock_as_constraints() -> None:
    """The tests ran whatever release of starlette, anyio or urllib3 was newest the day `make` ran, not the image's."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [shlex.split(line) for line in makefile.splitlines() if "pip install" in line and "-e" in line]
    assert installs, "the Makefile installs crv nowhere"
    for words in installs:
        assert "-c" in words and words[words.index("-c") + 1] == "requirements.lock", shlex.join(words)
    assert re.search(r"^\$\(BIN\)/crv:.*\brequirements\.lock\b", makefile, re.MULTILINE), "a new lock reinstalls"
