"""Writes ``requirements.lock``: every distribution crv needs at run time, its own dependencies and theirs, pinned
at the version installed in this virtualenv. The image installs exactly it (``pip install --no-deps --requirement
requirements.lock`` in the Dockerfile) and ``make`` takes it as constraints, so two builds of one commit, and the
tests, get the same packages: pyproject.toml pins crv's direct dependencies only, and their own (starlette, anyio,
pydantic-core, urllib3…) would float.

    .venv/bin/python scripts/lock.py          # write requirements.lock
    .venv/bin/python scripts/lock.py --check  # exit 1 when requirements.lock is not what it would write

Run it after changing a runtime dependency in pyproject.toml and installing it with ``.venv/bin/pip install -e
'.[dev]'`` (not ``make``, whose constraints still hold the old pin). Only the runtime closure is written, not the
dev tools of the virtualenv: the dependencies of pyproject's ``[project] dependencies`` (with their extras:
``psycopg[binary]`` brings ``psycopg-binary``), then theirs, read from the installed distributions' metadata, with
each environment marker evaluated for this interpreter — run it with the image's Python (3.11 on Linux, as
``python:3.11-slim``), or the lock may miss a backport (``python_version < "3.12"``) the image needs or list one it
does not.
"""

import argparse
import platform
import sys
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
HEADER = """\
# The runtime dependencies of crv and all of theirs, pinned: the image installs exactly this file, `make` takes it
# as constraints. Written by scripts/lock.py from pyproject.toml and the virtualenv (Python {python}, {system}):
# edit pyproject.toml, `.venv/bin/pip install -e '.[dev]'`, run `.venv/bin/python scripts/lock.py`.
"""


def runtime_requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[Requirement]:
    """pyproject.toml's ``[project] dependencies``, as written there."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return [Requirement(line) for line in project["dependencies"]]


def applies(requirement: Requirement, extras: frozenset[str]) -> bool:
    """Whether ``requirement`` holds here, for a distribution asked for with ``extras``."""
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({"extra": extra}) for extra in {"", *extras})


@dataclass
class Closure:
    """The installed distributions the roots need, each once, by canonical name."""

    versions: dict[NormalizedName, tuple[str, str]] = field(default_factory=dict)  # name → (its spelling, version)
    missing: list[str] = field(default_factory=list)


def closure(roots: list[Requirement]) -> Closure:
    found = Closure()
    asked: dict[NormalizedName, frozenset[str]] = {}  # the extras each distribution was walked with
    pending = [(root, frozenset[str]()) for root in roots]
    while pending:
        requirement, parent_extras = pending.pop()
        if not applies(requirement, parent_extras):
            continue
        name = canonicalize_name(requirement.name)
        extras = frozenset(requirement.extras) | asked.get(name, frozenset())
        if name in asked and extras == asked[name]:
            continue
        asked[name] = extras
        try:
            distribution = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            found.missing.append(str(requirement))
            continue
        found.versions[name] = (distribution.metadata["Name"], distribution.version)
        pending += [(Requirement(line), extras) for line in distribution.requires or []]
    return found


def render(found: Closure) -> str:
    pins = [f"{spelling}=={version}" for _, (spelling, version) in sorted(found.versions.items())]
    system = f"{platform.system()} {platform.machine()}"
    return HEADER.format(python=platform.python_version(), system=system) + "\n".join(pins) + "\n"


def pins(text: str) -> dict[NormalizedName, str]:
    """A lock's pins, by canonical name (comments and blank lines skipped)."""
    found: dict[NormalizedName, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            found[canonicalize_name(name)] = version
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 when requirements.lock is not up to date")
    arguments = parser.parse_args()
    found = closure(runtime_requirements())
    if found.missing:
        print(f"not installed in this virtualenv: {', '.join(found.missing)}; install first", file=sys.stderr)
        return 1
    text = render(found)
    if arguments.check:
        current = LOCK.read_text(encoding="utf-8") if LOCK.exists() else ""
        if pins(current) != pins(text):
            print("requirements.lock is not up to date: run `.venv/bin/python scripts/lock.py`", file=sys.stderr)
            return 1
        return 0
    LOCK.write_text(text, encoding="utf-8")
    print(f"wrote {LOCK.relative_to(ROOT)}: {len(found.versions)} distributions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
