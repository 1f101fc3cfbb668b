"""The YAML parser every file of content/ is read with."""

import yaml

# libyaml's parser when PyYAML was built with it (its wheels are), ~10× faster than PyYAML's own: the front matter of
# content/'s 936 files read in 0.6 s instead of 3.8 s, the taxonomies in 10 ms instead of 100 (`crv content load`,
# `crv content check`, a process starting, every test loading them).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
