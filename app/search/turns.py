"""At most N searches computed at once in a process, the others waiting their turn in arrival order.

Why: the embedded engine releases the GIL while tantivy works, and one search goes back and forth between Rust
and Python a couple of dozen times (the query built, the page, each hit decoded and highlighted, the facets). When
a worker has one core (2 workers on 2 cores, wrk at concurrency 8: 4 requests in flight in each) and every request
in it searches at once, each return to Python waits for the GIL behind the others' Python: every search is slowed
by all the others, the heaviest (5 facets, 2 filters) most, instead of only waiting for those ahead. Measured on
the shared 2-core machine (load average 3–6, medians of alternated runs, 100k corpus, answer cache off):

- one worker pinned to one core, wrk at concurrency 4 on the other: 57 → 80 requests/s, p50 58.6 → 46.9 ms,
  p95 204 → 88 ms (one search at a time vs no limit, 4 runs each);
- 2 workers, concurrency 8: 79 → 110 requests/s, p95 212 → 178 ms (4 runs each);
- but one worker with both cores, concurrency 8: 90 requests/s without a limit, 74 with 1, 62 with 2 (3 runs
  each): its searches need both cores, and a search waiting its turn also waits for the GIL before it starts.

Hence the default (``Settings.concurrent_searches``): one at a time when each worker has a core at most, no limit
otherwise. Only searches wait, so a database page never queues behind one (one thread per worker, tried before,
serialised every route).

``threading.Semaphore`` is not first come, first served: a newcomer can take a freed slot before a thread already
waiting, so under load one search could wait behind ever-newer ones. Here a freed slot goes straight to the
longest waiting.
"""

from collections import deque
from threading import Lock


class Turns:
    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("at least one search at a time")
        self._free = size
        self._waiting: deque[Lock] = deque()
        self._lock = Lock()

    def __enter__(self) -> None:
        with self._lock:
            if self._free:  # never while anyone waits: a freed slot is handed over, not freed
                self._free -= 1
                return
            turn = Lock()
            turn.acquire()
            self._waiting.append(turn)
        turn.acquire()  # until a finishing search hands its slot over

    def __exit__(self, *exc_info: object) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().release()
            else:
                self._free += 1
