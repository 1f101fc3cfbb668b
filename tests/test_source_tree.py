"""The shape of the source tree that issue 9 set and the house style keeps: no Python file of app/ or scripts/
grows past ~600 lines (split it by what it holds instead)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 600


def test_no_python_file_of_app_or_scripts_passes_600_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for folder in ("app", "scripts")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert long == {}


# Modules a command, a script or a test imports first, before the application: each must import on its own. A
# circular import (pages → glossary → the publishing workflow → its views → pages) passed every test that went
# through app.main, and broke `python -c "import app.services.glossary"`.
ENTRY_MODULES = (
    "app.services.glossary",
    "app.services.pages",
    "app.services.catalog",
    "app.services.content",
    "app.services.publishing",
    "app.services.screening",
    "app.cli",
)


# Forked from one interpreter that has the libraries the application imports (fastapi, sqlalchemy…) but none of
# its own modules: each import starts from no module of app, as in a fresh `python -c`, and the libraries' half of
# the cost is paid once rather than once a module (a fresh interpreter for each cost ~10 s of CPU in all).
IMPORT_EACH = """
import importlib, os, sys
for library in ("sqlalchemy.orm", "fastapi", "pydantic", "uvicorn", "typer", "alembic", "redis", "opentelemetry.trace"):
    importlib.import_module(library)
assert not [name for name in sys.modules if name == "app" or name.startswith("app.")]
failed = []
for module in sys.argv[1:]:
    child = os.fork()
    if child == 0:
        try:
            importlib.import_module(module)
        except BaseException as error:
            print(f"{module}: {error!r}", file=sys.stderr)
            os._exit(1)
        os._exit(0)
    if os.waitpid(child, 0)[1]:
        failed.append(module)
print(" ".join(failed))
"""


def test_entry_modules_import_on_their_own() -> None:
    done = subprocess.run([sys.executable, "-c", IMPORT_EACH, *ENTRY_MODULES], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [], done.stderr
