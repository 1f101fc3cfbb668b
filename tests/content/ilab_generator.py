"""What the tests of the ILAB sheets' generator share: where it is, how to run it, how to import its modules."""

import importlib
import sys
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
