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


def test_entry_modules_import_on_their_own() -> None:
    script = (
        "import subprocess, sys\n"
        "failed = [m for m in sys.argv[1:] if subprocess.run([sys.executable, '-c', f'import {m}'],"
        " capture_output=True).returncode]\n"
        "print(' '.join(failed))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, *ENTRY_MODULES], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.split() == []
