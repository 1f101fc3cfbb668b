"""HTTP benchmark of ``/v1/search`` on a built corpus: throughput and latency under wrk, and where a request's
milliseconds go.

- **Load**: ``crv serve`` (uvicorn) with N workers on loopback, wrk at concurrency C for D seconds cycling over
  the benchmark's queries (the answer cache off: every query computed), p50/p95/p99 from wrk's own histogram,
  and how wrk's keep-alive connections fell to the workers (which accepts each is a race: 4/4 to 6/2 seen).
- **Stages**: the same requests sent one at a time through the ASGI app in process (no socket), each stage
  timed by wrapping it: the middleware stack (everything outside the router), routing, dependencies and query
  validation (FastAPI's ``solve_dependencies``), the engine, shaping the answer (service and pydantic models),
  serialisation (the answer's JSON, written once, and its ETag digest), the route's own body (the query built,
  the response made) and the thread-pool hop of the ``def`` route, with the app configured as each of the load's
  workers is (CRV_WORKERS: one search at a time each, no facet threads, with 2 on 2 cores).

Usage: .venv/bin/python bench/http_load.py --work DIR/100000 [--workers 2] [--concurrency 8] [--duration 10]
    [--runs 10] [--cold-only] [--code OTHER_CHECKOUT]
where DIR is a ``bench/run.py --work DIR`` corpus.
"""

import argparse
import asyncio
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.queries import FACETS, QUERIES  # noqa: E402

# wrk's summary as JSON, with the percentiles wrk does not print (p95).
WRK_SCRIPT = """
paths = {%s}
i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format('GET', paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %%d, "seconds": %%f, "non_2xx": %%d, "errors": %%d, ' ..
    '"p50_ms": %%f, "p95_ms": %%f, "p99_ms": %%f}\\n', summary.requests, summary.duration / 1e6,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3))
end
"""


def search_paths() -> list[str]:
    """The benchmark's text queries with its facet-heavy ones (2-3× the CPU) spread evenly among them, as in a mixed
    stream of requests: placed one after another, each of wrk's threads, cycling through the list from the same
    start, sent the four in a row on all its connections: a burst that raised the p95 (at 100k, 6 runs of each
    order alternated: median p95 38.2 ms in a row, 35.3 spread; the README's Benchmark)."""
    text = [f"/v1/search?q={urllib.parse.quote(q)}" for queries in QUERIES.values() for q in queries]
    facets = "".join(f"&facets={f.value}" for f in FACETS)
    heavy = [f"/v1/search?q={urllib.parse.quote(q)}{facets}&lang=fr&risk=child-labour" for q in QUERIES["multi-word"]]
    stride = len(text) // len(heavy)
    paths: list[str] = []
    for position, path in enumerate(heavy):
        paths += [*text[position * stride : (position + 1) * stride], path]
    return paths + text[len(heavy) * stride :]


def corpus_env(work: Path) -> dict[str, str]:
    return {
        "CRV_DATABASE_URL": f"sqlite:///{work / 'crv.db'}",
        "CRV_INDEX_DIR": str(work / "index"),
        "CRV_CONTENT_DIR": str(ROOT / "content"),
        "CRV_SYNC_IN_PROCESS": "false",
        # Quotas off: this measures the search path, not the rate limiter refusing a single load generator.
        "CRV_RATE_LIMIT_ENABLED": "false",
        "CRV_QUIET_ACCESS_LOG": "true",
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tree_cpu_seconds(pid: int) -> dict[int, float]:
    """User + system CPU seconds of a process and of each of its living descendants (Linux ``/proc``): the server's
    own cost, which waiting for a core on a shared machine does not inflate."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # the process ended meanwhile
        child = int(stat.parent.name)
        parents[child] = int(fields[1])
        times[child] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    tree: dict[int, float] = {}
    pending = [pid]
    while pending:
        process = pending.pop()
        tree[process] = times.get(process, 0.0)
        pending.extend(child for child, parent in parents.items() if parent == process)
    return tree


def connections_per_process(pids: Iterable[int], port: int) -> list[int]:
    """Established connections to ``port`` each process holds, most first (Linux ``/proc``). A worker keeps the
    keep-alive connections it accepted for the whole run: with 8 split 6/2, the 6 wait for one core while the 2
    share the other, and p95 is the 6's."""
    established = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rpartition(":")[2], 16) == port and fields[3] == "01":
                established.add(f"socket:[{fields[9]}]")
    counts = []
    for pid in pids:
        try:
            links = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
        except OSError:
            continue  # the process ended meanwhile
        counts.append(sum(link in established for link in links))
    return sorted((count for count in counts if count), reverse=True)


def load(
    env: dict[str, str],
    paths: list[str],
    duration: int,
    concurrency: int,
    workers: int,
    runs: int = 1,
    code: Path = ROOT,
) -> dict[str, Any]:
    """wrk against ``crv serve`` of the checkout ``code`` with ``workers`` processes, ``runs`` times (each run
    opens its connections anew, so the split between workers is drawn again); the summary of one run, or of several
    (medians, and how often each split came), or why there is none."""
    if not shutil.which("wrk"):
        return {"skipped": "wrk not installed (apt-get install wrk)"}
    port = free_port()
    server = subprocess.Popen(
        [code / ".venv/bin/python", "-c", "from app.cli import main; main()", "serve", "--port", str(port)],
        env=os.environ | env | {"CRV_WORKERS": str(workers)},
        cwd=code,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # two workers importing the app on a loaded machine take a while
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    return {
                        "failed": f"the server did not start: {server.stderr.read()[-500:] if server.stderr else ''}"
                    }
                time.sleep(0.5)
        for path in paths:  # each worker opens the index on its first request: not part of the measure
            for _ in range(workers):
                urllib.request.urlopen(base + path, timeout=30).read()
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT % ",".join(json.dumps(p) for p in paths))
        try:
            results = []
            for _ in range(runs):
                time.sleep(1)  # the previous run's last requests served: each run starts on an idle server
                results.append(_wrk(server.pid, port, script.name, duration, concurrency))
        finally:
            os.unlink(script.name)
    finally:
        server.terminate()
        server.wait(timeout=30)
    failed = next((result for result in results if "failed" in result), None)
    if failed is not None:
        return failed
    common = {"workers": workers, "concurrency": concurrency}
    if runs == 1:
        return common | results[0]
    medians = {
        key: round(statistics.median(result[key] for result in results), 2)
        for key, value in results[0].items()
        if isinstance(value, int | float)
    }
    splits = Counter("/".join(map(str, result["connections_per_worker"])) for result in results)
    return common | {
        "runs": runs,
        "median": medians,
        "splits": dict(splits.most_common()),
        "each (requests/s, p95 ms, connections per worker)": [
            f"{r['requests_per_s']} {r['p95_ms']} {'/'.join(map(str, r['connections_per_worker']))}" for r in results
        ],
    }


def _wrk(pid: int, port: int, script: str, duration: int, concurrency: int) -> dict[str, Any]:
    """One wrk run against the server ``pid`` listening on ``port``: its summary and the server's CPU."""
    load_average = os.getloadavg()[0]
    server_cpu = tree_cpu_seconds(pid)
    wrk_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    wrk = subprocess.Popen(
        ["wrk", "-t2", f"-c{concurrency}", f"-d{duration}s", "-s", script, f"http://127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(min(1.0, duration / 2))  # wrk has opened its connections
    split = connections_per_process(tree_cpu_seconds(pid), port)
    stdout, stderr = wrk.communicate(timeout=duration + 60)
    server_cpu = {child: seconds - server_cpu.get(child, 0.0) for child, seconds in tree_cpu_seconds(pid).items()}
    wrk_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    wrk_cpu_seconds = wrk_usage.ru_utime + wrk_usage.ru_stime - wrk_cpu.ru_utime - wrk_cpu.ru_stime
    summary_line = next((line for line in stdout.splitlines() if line.startswith("{")), None)
    if wrk.returncode or summary_line is None:
        return {"failed": f"wrk exited {wrk.returncode}: {(stderr or stdout)[-500:]}"}
    summary = json.loads(summary_line)
    return {
        "requests_per_s": round(summary["requests"] / summary["seconds"]),
        "p50_ms": round(summary["p50_ms"], 1),
        "p95_ms": round(summary["p95_ms"], 1),
        "p99_ms": round(summary["p99_ms"], 1),
        "non_2xx": summary["non_2xx"],
        "socket_errors": summary["errors"],
        "server_cpu_ms_per_request": round(sum(server_cpu.values()) * 1000 / max(summary["requests"], 1), 2),
        # wrk opens its connections at once and one worker may accept them all: then it alone serves the load.
        "cpu_s_per_worker": sorted((round(s, 2) for s in server_cpu.values() if s >= 0.05), reverse=True),
        "connections_per_worker": split,
        "wrk_cpu_ms_per_request": round(wrk_cpu_seconds * 1000 / max(summary["requests"], 1), 2),
        "load_average": round(load_average, 1),
    }


class Stages:
    """Wall-clock and CPU time (the process's, every thread) spent in each wrapped stage, exclusive of the stages
    it contains (requests run one at a time). On a loaded machine the wall clock includes waiting for a core; the
    CPU time does not."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self._stack: list[list[Any]] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        frame = [time.perf_counter(), time.process_time(), 0.0, 0.0]  # starts, then the inner stages' times
        self._stack.append(frame)
        try:
            yield
        finally:
            self._stack.pop()
            wall, cpu = time.perf_counter() - frame[0], time.process_time() - frame[1]
            self.wall[name] += wall - frame[2]
            self.cpu[name] += cpu - frame[3]
            if self._stack:
                self._stack[-1][2] += wall
                self._stack[-1][3] += cpu

    def clear(self) -> None:
        self.wall.clear()
        self.cpu.clear()

    def wrap(self, owner: Any, attribute: str, name: str) -> None:
        original = getattr(owner, attribute)
        if asyncio.iscoroutinefunction(original):

            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                with self.stage(name):
                    return await original(*args, **kwargs)

            setattr(owner, attribute, timed_async)
        else:

            def timed(*args: Any, **kwargs: Any) -> Any:
                with self.stage(name):
                    return original(*args, **kwargs)

            setattr(owner, attribute, timed)


def stage_breakdown(work: Path, paths: list[str], repeat: int, workers: int) -> dict[str, Any]:
    """Mean ms per request in each stage, the requests sent one at a time through the ASGI app in process: cold
    (the answer cache off) and repeated (every query already in the answer cache)."""
    import fastapi.routing
    import starlette.routing

    import app.routers.search as search_router
    import app.services.search as search_service
    from app.config import get_settings
    from app.main import create_app

    stages = Stages()
    stages.wrap(starlette.routing.Router, "__call__", "routing (match, endpoint wrapper)")
    stages.wrap(fastapi.routing, "solve_dependencies", "dependencies and validation")
    stages.wrap(fastapi.routing, "run_endpoint_function", "thread-pool hop")
    stages.wrap(fastapi.routing, "_run_sync_endpoint", "route body (query building, response)")
    stages.wrap(search_service, "search", "shaping (service)")
    stages.wrap(search_service, "run", "engine")
    stages.wrap(search_router, "answer_json", "serialisation (JSON, ETag digest)")
    return {
        "cold": _stages(create_app, get_settings, stages, work, paths, repeat, workers, cache_size=0),
        "repeated": _stages(create_app, get_settings, stages, work, paths, repeat, workers, cache_size=len(paths)),
    }


def _stages(
    create_app: Any,
    get_settings: Any,
    stages: Stages,
    work: Path,
    paths: list[str],
    repeat: int,
    workers: int,
    cache_size: int,
) -> dict[str, Any]:
    os.environ.update(corpus_env(work) | {"CRV_SEARCH_CACHE_SIZE": str(cache_size), "CRV_WORKERS": str(workers)})
    get_settings.cache_clear()
    app = create_app()

    async def request(path: str) -> int:
        raw_path, _, query = path.partition("?")
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
            "path": raw_path, "raw_path": raw_path.encode(), "query_string": query.encode(), "root_path": "",
            "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000),
        }  # fmt: skip
        status = 0

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]

        with stages.stage("middleware (everything outside the router)"):
            await app(scope, receive, send)
        return status

    async def run() -> tuple[int, list[float]]:
        async with app.router.lifespan_context(app):
            for path in paths:
                assert await request(path) == 200, path  # warm: each query once
            stages.clear()
            durations = []
            for _ in range(repeat):
                for path in paths:
                    started = time.perf_counter()
                    await request(path)
                    durations.append((time.perf_counter() - started) * 1000)
            return len(durations), durations

    count, durations = asyncio.run(run())
    order = sorted(stages.cpu, key=lambda name: -stages.cpu[name])
    return {
        "requests": count,
        "mean_ms": round(statistics.fmean(durations), 2),
        "p50_ms": round(statistics.median(durations), 2),
        "stages_mean_ms (wall / cpu)": {
            name: f"{stages.wall[name] * 1000 / count:.2f} / {stages.cpu[name] * 1000 / count:.2f}" for name in order
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, required=True, help="a built corpus (bench/run.py --work DIR: DIR/SIZE)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load (0: stages only)")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the queries for the stages")
    parser.add_argument(
        "--runs", type=int, default=1, help="wrk runs per load, each with new connections (the split is random)"
    )
    parser.add_argument("--cold-only", action="store_true", help="no load with the answer cache, no stages")
    parser.add_argument(
        "--code", type=Path, default=ROOT, help="serve this checkout (with its .venv), e.g. to compare two branches"
    )
    args = parser.parse_args()
    paths = search_paths()
    result: dict[str, Any] = {}
    if args.duration:
        env = corpus_env(args.work)
        result["load (cold)"] = load(
            env | {"CRV_SEARCH_CACHE_SIZE": "0"},
            paths,
            args.duration,
            args.concurrency,
            args.workers,
            args.runs,
            args.code,
        )
        if not args.cold_only:
            result["load (answer cache)"] = load(
                env, paths, args.duration, args.concurrency, args.workers, args.runs, args.code
            )
    if not args.cold_only:
        stages = stage_breakdown(args.work, paths, args.repeat, args.workers)
        result["stages (one request at a time, in process)"] = stages
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
