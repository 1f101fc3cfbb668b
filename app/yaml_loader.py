"""The YAML parser every file of content/ is read with."""

from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it (its wheels are), ~10× faster than PyYAML's own: the front matter of
# content/'s 936 files read in 0.6 s instead of 3.8 s, the taxonomies in 10 ms instead of 100 (`crv content load`,
# `crv content check`, a process starting, every test loading them).
_PARSER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUPLICATE_KEY = "found duplicate key"


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A date, or the text as written when it names no day (``2026-13-01``, ``2026-02-30``): PyYAML raised a bare
    ``ValueError`` there, which no reader of a file catches (`crv content check` stopped on a traceback); as text,
    the field's own check says what to write."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    """A mapping whose keys are each given once: YAML keeps the last of two ``title:`` lines and drops the other
    without a word (an old title left above the new one in a copied file, a taxonomy code typed twice)."""
    seen: set[str] = set()
    for key, _value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
            if key.value in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark, f"{DUPLICATE_KEY} {key.value!r}", key.start_mark
                )
            seen.add(key.value)
    return yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=deep)


# A class of its own, so that PyYAML's loaders keep their behaviour elsewhere (``add_constructor`` copies the table).
SAFE_LOADER: type[yaml.SafeLoader] = type("ContentLoader", (_PARSER,), {"construct_mapping": _mapping})
SAFE_LOADER.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
