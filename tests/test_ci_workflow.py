"""The CI workflow fails when a test command fails, even when its output is piped (``| tee``)."""

import re
from pathlib import Path

import pytest
import yaml

WORKFLOWS = sorted((Path(__file__).resolve().parents[1] / ".github" / "workflows").glob("*.yml"))
PIPE = re.compile(r"(?<!\|)\|(?!\|)")


def run_steps(path: Path) -> list[tuple[str, str]]:
    workflow = yaml.safe_load(path.read_text())
    return [
        (str(step.get("name", step["run"][:40])), str(step["run"]))
        for job in workflow.get("jobs", {}).values()
        for step in job.get("steps", [])
        if "run" in step
    ]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_a_piped_command_sets_pipefail(path: Path) -> None:
    """GitHub's default shell is ``bash -e``, without pipefail: ``pytest … | tee log`` would pass on failure."""
    piped = [name for name, script in run_steps(path) if PIPE.search(script) and "set -o pipefail" not in script]
    assert piped == []


def test_there_is_a_workflow() -> None:
    assert WORKFLOWS
