"""Production logs (CRV_LOG_FORMAT=json) an operator can query: uvicorn's access line carries its status, method and
path as fields, not only inside a sentence; a key in the query string stays masked in every field."""

import io
import json
import logging
from collections.abc import Iterator

import pytest

from app.logs import configure_logging

# uvicorn.logging.AccessFormatter's message and arguments (uvicorn/protocols/http/h11_impl.py)
ACCESS = '%s - "%s %s HTTP/%s" %d'
SECRET = "crv_pk_ab12cd34_" + "9f" * 16


@pytest.fixture
def access_log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("uvicorn.access")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    configure_logging("json")
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        configure_logging("console")


def test_the_access_line_has_its_status_and_path_as_fields(access_log: io.StringIO) -> None:
    logging.getLogger("uvicorn.access").info(ACCESS, "203.0.113.9:51000", "GET", "/v1/search?q=cacao", "1.1", 503)
    line = json.loads(access_log.getvalue())
    assert line["status"] == 503 and line["method"] == "GET" and line["path"] == "/v1/search?q=cacao"
    assert line["client"] == "203.0.113.9:51000" and line["level"] == "info"
    assert line["event"] == '203.0.113.9:51000 - "GET /v1/search?q=cacao HTTP/1.1" 503'


def test_a_key_in_the_path_stays_masked(access_log: io.StringIO) -> None:
    logging.getLogger("uvicorn.access").info(ACCESS, "203.0.113.9:51000", "GET", f"/v1/search?key={SECRET}", "1.1", 200)
    text = access_log.getvalue()
    assert SECRET not in text and "crv_pk_ab12cd34_***" in text
