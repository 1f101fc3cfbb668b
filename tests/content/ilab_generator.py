"""What the tests of the ILAB sheets' generator share: where it is, how to run it, how to import its modules."""

import csv
import importlib
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
COMMAND = [sys.executable, "-m", "scripts.ilab_sheets"]
DATA = ROOT / "data" / "ilab-2022"


def generator_module(name: str) -> ModuleType:
    """A module of scripts/ (``scripts.ilab_sheets.constants``), which is no installed package."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module(name)


def run_on_edited_data(
    tmp_path: Path, table: str, edit: Callable[[dict[str, str]], None]
) -> subprocess.CompletedProcess[str]:
    """The generator run on a copy of data/ilab-2022 whose ``table`` (``countries.csv``) had ``edit`` applied to each
    row: how a test makes the data disagree with what the generator holds about them."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / table
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        edit(row)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    command = [*COMMAND, "--data", str(data), "--out", str(tmp_path / "out")]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
