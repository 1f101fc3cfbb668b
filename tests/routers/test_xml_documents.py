"""The XML documents the centre serves (Atom feed, OpenSearch description, OAI-PMH) each declare their vocabulary as
the default namespace and its companions under their usual prefixes, served one after the other by one process:
readers that match on element names (many feed readers, search-engine crawlers) see ``<feed>``, not ``<ns0:feed>``.
"""

import re

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.usefixtures("loaded")

DOCUMENTS = [
    ("/v1/feed.atom", "feed", "http://www.w3.org/2005/Atom", {}),
    ("/opensearch.xml", "OpenSearchDescription", "http://a9.com/-/spec/opensearch/1.1/", {}),
    (
        "/oai?verb=ListRecords&metadataPrefix=oai_dc",
        "OAI-PMH",
        "http://www.openarchives.org/OAI/2.0/",
        {
            "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
            "dc": "http://purl.org/dc/elements/1.1/",
            "xsi": "http://www.w3.org/2001/XMLSchema-instance",
        },
    ),
]


def test_each_document_names_its_own_vocabulary_as_default(client: TestClient) -> None:
    for path, root, namespace, prefixes in DOCUMENTS * 2:  # twice: a document served before must not change another
        body = client.get(path).text
        start = re.search(r"<(?!\?)[^>]+>", body)
        assert start, body[:200]
        tag = start.group()
        assert tag.startswith(f"<{root} ") and f'xmlns="{namespace}"' in tag, tag
        for prefix, uri in prefixes.items():
            assert f'xmlns:{prefix}="{uri}"' in tag, tag
        assert not re.search(r"</?ns\d+:|xmlns:ns\d+=", body), path


def test_oai_identify_description_has_its_own_default_namespace(client: TestClient) -> None:
    body = client.get("/oai", params={"verb": "Identify"}).text
    assert '<oai-identifier xmlns="http://www.openarchives.org/OAI/2.0/oai-identifier"' in body
    assert "<repositoryIdentifier>" in body
