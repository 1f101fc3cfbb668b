"""A partner's bulk load reaching the search, for ``bench/run.py``: resources inserted through the ORM (each with
its outbox row, in chunks of 5,000, each its own transaction) and indexed by draining the outbox, the path every
write takes (``crv index rebuild`` costs about the same per document).

Measured two ways: one after the other (the inserts, then one drain of the whole backlog); and as deployed, the
inserts arriving while ``crv sync``, the product's sync worker in a process of its own, drains the outbox. Making
the resources is not timed.
"""

import itertools
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app import migrations
from app.config import Settings
from app.db import make_engine, make_session_factory, session_scope
from app.models import OutboxEvent, Resource
from app.search.factory import make_search_engine
from app.services.sync import OutboxDrain
from app.taxonomy import load_taxonomies
from bench.http_load import ROOT, corpus_env

CHUNK = 5000
WORKER_START_SECONDS = 120  # the worker importing the app on a loaded machine
POLL_SECONDS = 0.05


def chunks(resources: Iterator[Resource]) -> Iterator[list[Resource]]:
    return iter(lambda: list(itertools.islice(resources, CHUNK)), [])


def insert(factory: sessionmaker[Session], chunk: list[Resource]) -> float:
    """Seconds to insert ``chunk`` in one transaction."""
    started = time.perf_counter()
    with session_scope(factory) as session:
        session.add_all(chunk)
    return time.perf_counter() - started


def sequential(resources: Iterator[Resource], size: int, settings: Settings) -> dict[str, int]:
    """Every resource inserted, then the outbox drained at once (the corpus stays in ``settings``' paths)."""
    factory = make_session_factory(make_engine(settings.database_url))
    insert_seconds = sum(insert(factory, chunk) for chunk in chunks(resources))
    taxonomies = load_taxonomies(settings.content_dir)
    engine = make_search_engine(settings, taxonomies)
    started = time.perf_counter()
    engine.apply_settings()
    drained = OutboxDrain(factory, engine, taxonomies, batch_size=settings.sync_batch_size).drain_all()
    index_seconds = time.perf_counter() - started
    assert drained.indexed == size and not drained.failed, drained
    engine.close()
    return {
        "insert_per_s": round(size / insert_seconds),
        "index_per_s (outbox drain)": round(size / index_seconds),
        "bulk_load_per_s (insert + drain)": round(size / (insert_seconds + index_seconds)),
    }


def concurrent(resources: Iterator[Resource], size: int, work: Path) -> dict[str, int]:
    """The resources inserted while ``crv sync`` drains the outbox: from the first insert until the last resource
    is searchable (the outbox empty: the drain deletes a row only after the index commit holding its resource).
    The corpus is made in ``work``. The resources are made before the clock starts (~6 kB each)."""
    env = corpus_env(work)
    settings = Settings(
        database_url=env["CRV_DATABASE_URL"],
        index_dir=Path(env["CRV_INDEX_DIR"]),
        content_dir=Path(env["CRV_CONTENT_DIR"]),
        sync_in_process=False,
    )
    migrations.upgrade(settings.database_url)
    made = list(chunks(resources))
    taxonomies = load_taxonomies(settings.content_dir)
    engine = make_search_engine(settings, taxonomies)
    engine.apply_settings()  # as `crv serve` does when it starts
    factory = make_session_factory(make_engine(settings.database_url))
    with tempfile.NamedTemporaryFile("w+", prefix="crv-sync-", suffix=".log") as log:
        worker = subprocess.Popen(
            [sys.executable, "-c", "from app.cli import main; main()", "sync"],
            env=os.environ | env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            _wait_until_ready(worker, Path(log.name))
            started = time.perf_counter()
            insert_seconds = sum(insert(factory, chunk) for chunk in made)
            del made
            _wait_until_drained(worker, factory, Path(log.name))
            load_seconds = time.perf_counter() - started
        finally:
            worker.terminate()
            worker.wait(timeout=60)
    engine.close()
    indexed = make_search_engine(settings, taxonomies).health().documents
    assert indexed == size, f"{indexed} of {size} resources indexed"
    return {
        "insert_per_s (while the sync worker drains)": round(size / insert_seconds),
        "bulk_load_per_s (insert while the sync worker drains)": round(size / load_seconds),
    }


def _wait_until_ready(worker: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + WORKER_START_SECONDS
    while "draining the outbox" not in log.read_text():
        if worker.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"crv sync did not start: {log.read_text()[-2000:]}")
        time.sleep(POLL_SECONDS)


def _wait_until_drained(worker: subprocess.Popen[bytes], factory: sessionmaker[Session], log: Path) -> None:
    """Until the outbox is empty. A failed batch (postponed: its rows' attempts counted) or a dead worker ends
    the measure."""
    while True:
        with factory() as session:
            pending, attempts = session.execute(select(func.count(), func.max(OutboxEvent.attempts))).one()
        if not pending:
            return
        if attempts or worker.poll() is not None:
            raise RuntimeError(f"the sync worker failed a batch or stopped: {log.read_text()[-2000:]}")
        time.sleep(POLL_SECONDS)
