"""Reading a resource file (YAML front matter + Markdown) so that every problem can be pinned to a line and column.

``read`` splits the front matter itself (rather than through python-frontmatter) so it knows where the YAML
starts, turns a YAML error into a message with its position and a hint about quoting, and maps every key and list
item of the front matter to its position (``positions[("countries", 1)]`` → line, column of the second country).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from app.yaml_loader import SAFE_LOADER

Location = tuple[str | int, ...]
FENCE = "---"

QUOTING_HINT = (
    "put the value in double quotes when it contains ': ', ' #', starts with a quote, '[', '{', '*', '&', '!', '%', "
    "'@' or '`', or is yes/no/on/off (e.g. title: \"Côte d'Ivoire : cacao\"); inside double quotes, write \\\" "
    "for a quote"
)


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based, in the whole file
    column: int  # 1-based


@dataclass(frozen=True, slots=True)
class DocumentProblem:
    position: Position
    field: str
    message: str


@dataclass
class Document:
    metadata: dict[str, Any]
    body: str
    body_line: int  # the file line where the body starts
    text: str  # the whole file, as read
    positions: dict[Location, Position] = field(default_factory=dict)

    def position_of(self, location: Location) -> Position:
        """The position of a key or item, else of its closest enclosing key, else the first line of the YAML."""
        for end in range(len(location), 0, -1):
            found = self.positions.get(location[:end])
            if found is not None:
                return found
        return Position(2, 1)


def _walk(node: yaml.Node, path: Location, offset: int, positions: dict[Location, Position]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                child = (*path, str(key.value))
                positions[child] = Position(key.start_mark.line + 1 + offset, key.start_mark.column + 1)
                if isinstance(value, yaml.ScalarNode):  # the value's own position is better for a bad value
                    positions[(*child, "=")] = Position(value.start_mark.line + 1 + offset, value.start_mark.column + 1)
                _walk(value, child, offset, positions)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            positions[(*path, index)] = Position(item.start_mark.line + 1 + offset, item.start_mark.column + 1)
            _walk(item, (*path, index), offset, positions)


def read(text: str) -> Document | DocumentProblem:
    """A document, or the first reason it cannot be read at all (no front matter, invalid YAML)."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        return DocumentProblem(Position(1, 1), "front matter", "the file must start with a '---' line, then YAML")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (FENCE, "...")), None)
    if end is None:
        return DocumentProblem(Position(1, 1), "front matter", "no closing '---' line after the YAML front matter")
    source = "".join(lines[1:end])
    loader = SAFE_LOADER(source)
    try:
        node = loader.get_single_node()  # read once: its positions, then its values
        metadata = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.context_mark or exc.problem_mark  # where the construct that went wrong began, if known
        line, column = (mark.line + 2, mark.column + 1) if mark else (2, 1)
        problem = " ".join(part.strip() for part in (exc.context, exc.problem) if part) or "invalid YAML"
        return DocumentProblem(Position(line, column), "front matter", f"invalid YAML: {problem}; {QUOTING_HINT}")
    except yaml.YAMLError as exc:
        return DocumentProblem(Position(2, 1), "front matter", f"invalid YAML: {exc}")
    finally:
        loader.dispose()
    if not isinstance(metadata, Mapping):
        return DocumentProblem(Position(2, 1), "front matter", "must be a mapping of field: value lines")
    positions: dict[Location, Position] = {}
    if node is not None:
        _walk(node, (), 1, positions)
    return Document(
        metadata={str(k): v for k, v in metadata.items()},
        body="".join(lines[end + 1 :]),
        body_line=end + 2,
        text=text,
        positions=positions,
    )
