"""The steps of due diligence the tools page groups the tools by (``content/tool-steps.yaml``, written by the
editors): each step's labels and the translation keys of its tools, in reading order. The steps are the six of the
OECD guidance (the centre's page on it: ``method-oecd-due-diligence-guidance``). Optional: without the file, the
page lists every tool by title; a tool no step names (a partner's, say) is listed after the steps."""

from functools import lru_cache
from pathlib import Path

import structlog
import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from app.i18n import gettext
from app.yaml_loader import SAFE_LOADER

TOOL_STEPS_FILE = "tool-steps.yaml"
STEPS_PAGE = "method-oecd-due-diligence-guidance"  # what each step asks: the tools page links to it


class ToolStep(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)
    tools: tuple[str, ...] = Field(min_length=1)  # translation keys

    def label(self, language: str) -> str:
        return self.fr if language == "fr" else self.en


class ToolStepsError(ValueError):
    """The steps file cannot be read: the message names the file and what is wrong."""


STEPS = TypeAdapter(tuple[ToolStep, ...])
log = structlog.get_logger(__name__)


def tool_steps(content_dir: Path) -> tuple[ToolStep, ...]:
    """The steps in ``content_dir``, none without the file; read again when the file changes (one ``stat`` a call)."""
    path = content_dir / TOOL_STEPS_FILE
    try:
        status = path.stat()
    except FileNotFoundError:
        return ()
    return _read(path, status.st_mtime_ns, status.st_size)


def shown_tool_steps(content_dir: Path) -> tuple[ToolStep, ...]:
    """The steps the pages show: none, and an error logged, when the file cannot be read (``crv content check``
    refuses it; one edited in place leaves the tools listed by title rather than the pages failing)."""
    try:
        return tool_steps(content_dir)
    except ToolStepsError as exc:
        log.error("tool_steps_unreadable", error=str(exc))
        return ()


def numbered(language: str, number: int) -> str:
    """How a step's number leads its label, on the tools page and on a tool's page: « Étape 2 : », "Step 2:"."""
    return gettext(language, "Step %(number)s", number=number) + gettext(language, ":")


def step_of(steps: tuple[ToolStep, ...], translation_key: str) -> tuple[int, ToolStep] | None:
    """The step (its number, from 1) that names a tool."""
    return next(((n, step) for n, step in enumerate(steps, start=1) if translation_key in step.tools), None)


@lru_cache(maxsize=4)
def _read(path: Path, _modified: int, _size: int) -> tuple[ToolStep, ...]:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except FileNotFoundError:
        return ()
    except yaml.YAMLError as exc:
        raise ToolStepsError(f"{path}: invalid YAML: {exc}") from exc
    try:
        return STEPS.validate_python(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ToolStepsError(f"{path}: expected a list of steps, each with fr, en and tools: {problems}") from exc
