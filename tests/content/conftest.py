"""The ILAB sheets' generator, run once per test process for the files that read its output."""

import subprocess
from pathlib import Path

import pytest

from tests.content.ilab_generator import COMMAND, DATA, ROOT


@pytest.fixture(scope="session")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generator's sheets written afresh from data/ilab-2022 (read only: every test shares them)."""
    out = tmp_path_factory.mktemp("risk-sheets")
    subprocess.run([*COMMAND, "--data", str(DATA), "--out", str(out)], check=True, capture_output=True, cwd=ROOT)
    return out
