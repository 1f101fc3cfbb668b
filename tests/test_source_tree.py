"""The shape of the source tree that issue 9 set and the house style keeps: no Python file of app/ or scripts/
grows past ~600 lines (split it by what it holds instead)."""

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
