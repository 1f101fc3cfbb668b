"""Searches take turns: at most N computed at once per process, the others served in arrival order."""

import threading
import time
from collections.abc import Callable
from pathlib import Path

from app.search.base import SearchQuery, SearchResult
from app.search.turns import Turns
from tests.search.test_answer_cache import make, setup


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 5
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def test_at_most_size_at_once() -> None:
    turns = Turns(2)
    inside, most = 0, 0
    lock = threading.Lock()

    def work() -> None:
        nonlocal inside, most
        with turns:
            with lock:
                inside += 1
                most = max(most, inside)
            time.sleep(0.01)
            with lock:
                inside -= 1

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 2


def test_waiting_searches_are_served_in_arrival_order() -> None:
    turns = Turns(1)
    order: list[int] = []
    turns.__enter__()

    def take_turn(number: int) -> None:
        with turns:
            order.append(number)

    threads = [threading.Thread(target=take_turn, args=(number,)) for number in range(4)]
    for waiting, thread in enumerate(threads, start=1):
        thread.start()
        wait_until(lambda: len(turns._waiting) == waiting)  # noqa: B023 - called at once
    turns.__exit__()
    for thread in threads:
        thread.join()
    assert order == [0, 1, 2, 3]


def test_a_freed_turn_goes_to_the_one_waiting_not_to_a_newcomer() -> None:
    """``threading.Semaphore`` would let this thread take back the slot it just freed, ahead of the waiting one."""
    turns = Turns(1)
    order: list[str] = []
    turns.__enter__()

    def waiting() -> None:
        with turns:
            time.sleep(0.02)
            order.append("waiting")

    thread = threading.Thread(target=waiting)
    thread.start()
    wait_until(lambda: len(turns._waiting) == 1)
    turns.__exit__()
    with turns:
        order.append("newcomer")
    thread.join()
    assert order == ["waiting", "newcomer"]


def test_the_engine_computes_one_search_at_a_time_and_answers_from_its_cache_meanwhile(tmp_path: Path) -> None:
    _, _, taxonomies = setup(tmp_path)
    engine = make(tmp_path, taxonomies, concurrent_searches=1)  # the same index
    cached = engine.search(SearchQuery(q="cacao"))
    started, release = threading.Event(), threading.Event()
    compute = engine._search

    def slow_search(*args: object) -> SearchResult:
        started.set()
        release.wait(5)
        return compute(*args)  # type: ignore[arg-type]

    engine._search = slow_search  # type: ignore[method-assign,assignment]
    first = threading.Thread(target=engine.search, args=(SearchQuery(q="travail"),))
    second = threading.Thread(target=engine.search, args=(SearchQuery(q="enfants"),))
    first.start()
    assert started.wait(5)
    started.clear()
    second.start()
    wait_until(lambda: len(engine._turns._waiting) == 1)
    assert not started.is_set()  # the second waits its turn
    assert engine.search(SearchQuery(q="cacao")).hits == cached.hits  # a cached answer does not wait
    release.set()
    first.join()
    second.join()
    assert started.is_set()
