"""Markdown to plain text for indexing: what a reader sees, without markup."""

from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark").enable("table")


def markdown_to_text(markdown: str) -> str:
    parts: list[str] = []
    for token in _parser.parse(markdown):
        if token.type == "inline" and token.children:
            parts.append("".join(child.content for child in token.children if child.type in ("text", "code_inline")))
        elif token.type in ("code_block", "fence"):
            parts.append(token.content)
    return "\n".join(part for part in parts if part)
