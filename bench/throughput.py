"""Throughput: 8 concurrent clients for 30 seconds against one page (or a cycle of requests).

Debian's `wrk` (C, event-driven: two threads hold the 8 connections and need little CPU) is used
when it is on PATH; as root on Debian the harness installs it first. Without it, a Python client
of 8 threads stands in: it spends far more CPU of its own on this 2-core machine and so
understates the server, which the results say.

Only answers with status 200 count as successes: a redirect to the login page is an error here.
"""

import http.client
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

CONNECTIONS = 8


@dataclass
class Throughput:
    requests: int
    seconds: float
    errors: int  # non-200 answers plus socket errors and timeouts
    client: str
    per_unit: int = 1  # requests per "unit" (django-helpdesk's ticket list takes 2: shell + JSON)
    latency_p50_ms: float | None = None
    latency_p99_ms: float | None = None

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def units_per_second(self) -> float:
        return self.requests_per_second / self.per_unit


LUA = """
local paths = {%(paths)s}
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  n = 0
  bad = 0
end
function request()
  n = n %% #paths + 1
  return wrk.format("GET", paths[n])
end
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("bad") end
  local e = summary.errors
  io.write(string.format("BENCH requests=%%d duration_us=%%d non200=%%d socket=%%d p50_us=%%d p99_us=%%d\\n",
    summary.requests, summary.duration, total, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""

RESULT = re.compile(r"BENCH requests=(\d+) duration_us=(\d+) non200=(\d+) socket=(\d+) p50_us=(\d+) p99_us=(\d+)")


def wrk_path() -> str | None:
    return shutil.which("wrk")


def ensure_wrk(echo=print) -> str | None:
    """wrk's path, installing Debian's package first when running as root on Debian or Ubuntu."""
    found = wrk_path()
    if found:
        return found
    import os

    if os.geteuid() == 0 and shutil.which("apt-get"):
        echo("[bench] installing Debian's wrk for the throughput runs (apt-get install wrk)")
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        if subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, **quiet, check=False).returncode:
            subprocess.run(["apt-get", "update", "-qq"], env=env, **quiet, check=False)
            subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, **quiet, check=False)
    return wrk_path()


def parse_wrk(output: str, per_unit: int) -> Throughput:
    match = RESULT.search(output)
    if not match:
        raise RuntimeError(f"wrk gave no result:\n{output[-2000:]}")
    requests, duration_us, non200, socket_errors, p50, p99 = (int(x) for x in match.groups())
    return Throughput(
        requests=requests,
        seconds=duration_us / 1e6,
        errors=non200 + socket_errors,
        client="wrk",
        per_unit=per_unit,
        latency_p50_ms=p50 / 1000,
        latency_p99_ms=p99 / 1000,
    )


def run(base_url: str, paths: list[str], cookie: str, seconds: float, *, wrk: str | None) -> Throughput:
    if wrk:
        return _run_wrk(wrk, base_url, paths, cookie, seconds)
    return _run_python(base_url, paths, cookie, seconds)


def _lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _run_wrk(wrk: str, base_url: str, paths: list[str], cookie: str, seconds: float) -> Throughput:
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as tmp:
        script = Path(tmp) / "cycle.lua"
        script.write_text(LUA % {"paths": ", ".join(_lua_string(p) for p in paths)})
        argv = [wrk, "-t", "2", "-c", str(CONNECTIONS), "-d", f"{int(seconds)}s", "--timeout", "30s", "-s", str(script)]
        if cookie:
            argv += ["-H", f"Cookie: {cookie}"]
        argv += ["-H", "Accept-Language: sw", base_url + paths[0]]
        result = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 120, check=False)
    return parse_wrk(result.stdout + result.stderr, len(paths))


def _run_python(base_url: str, paths: list[str], cookie: str, seconds: float) -> Throughput:
    host, port = base_url.removeprefix("http://").split(":")
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()
    totals = {"requests": 0, "errors": 0}

    def client(offset):
        n = offset
        while time.perf_counter() < deadline:
            path = paths[n % len(paths)]
            n += 1
            connection = http.client.HTTPConnection(host, int(port), timeout=60)
            try:
                connection.request("GET", path, headers={"Cookie": cookie, "Accept-Language": "sw"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
            finally:
                connection.close()
            with lock:
                totals["requests"] += 1
                totals["errors"] += 0 if ok else 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return Throughput(totals["requests"], elapsed, totals["errors"], "python (8 threads)", len(paths))
