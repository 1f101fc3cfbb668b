"""A tiny tantivy index of one word a document, for comparing crv's term queries with tantivy's own automata."""

import tantivy


def one_word_documents(words: dict[str, str]) -> tuple["tantivy.Schema", "tantivy.Searcher"]:
    """``words``: field → space-separated words; each word is a document holding it in that field (raw tokenizer)."""
    builder = tantivy.SchemaBuilder()
    for field in words:
        builder.add_text_field(field, tokenizer_name="raw")
    schema = builder.build()
    index = tantivy.Index(schema)
    writer = index.writer(15_000_000, 1)
    for field, text in words.items():
        for word in text.split():
            writer.add_document(tantivy.Document(**{field: word}))
    writer.commit()
    index.reload()
    return schema, index.searcher()
