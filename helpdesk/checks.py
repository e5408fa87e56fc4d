"""The network side of service status: one check per service, run side by side with a hard time bound.

`run_checks(specs)` starts every check in its own (daemon) thread and waits at most the longest
timeout (plus a small grace) for all of them together. Each check also bounds its own sockets with its
timeout. A check still running when the wait ends (a name lookup that hangs, a server that drips
bytes) is reported as timed out; it cannot delay the answers of the others nor the caller.
Nothing here touches the database: the command records the outcomes through the services.
"""

import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

GRACE_SECONDS = 0.5
MAX_BODY_BYTES = 256 * 1024


@dataclass(frozen=True)
class CheckSpec:
    """What to check: built from a MonitoredService, or by hand in tests."""

    key: int
    kind: str
    target: str
    port: int | None = None
    expected_status: int = 200
    expected_text: str = ""
    timeout: float = 10.0

    @classmethod
    def of(cls, service) -> "CheckSpec":
        return cls(
            key=service.pk,
            kind=service.kind,
            target=service.target,
            port=service.port,
            expected_status=service.expected_status,
            expected_text=service.expected_text,
            timeout=float(service.timeout_seconds),
        )


@dataclass(frozen=True)
class Outcome:
    ok: bool
    latency_ms: int | None = None
    error: str = ""


def _elapsed_ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.gaierror):
        return f"name not resolved ({exc.strerror or exc})"
    text = str(exc) or exc.__class__.__name__
    return f"{exc.__class__.__name__}: {text}"[:300]


def check_tcp(spec: CheckSpec) -> Outcome:
    started = time.monotonic()
    with socket.create_connection((spec.target, spec.port), timeout=spec.timeout):
        pass
    return Outcome(True, _elapsed_ms(started))


def _resolve(name: str):
    """The system resolver (it has no timeout of its own: the pool's bound covers it)."""
    return socket.getaddrinfo(name, None, proto=socket.IPPROTO_TCP)


def check_dns(spec: CheckSpec) -> Outcome:
    started = time.monotonic()
    addresses = _resolve(spec.target)
    if not addresses:
        return Outcome(False, _elapsed_ms(started), "no address")
    return Outcome(True, _elapsed_ms(started))


def check_http(spec: CheckSpec) -> Outcome:
    started = time.monotonic()
    parts = urlsplit(spec.target)
    deadline = started + spec.timeout
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=spec.timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=spec.timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request("GET", path, headers={"User-Agent": "kilombero-ict-status/1", "Connection": "close"})
        response = connection.getresponse()
        body = b""
        if spec.expected_text:
            while len(body) < MAX_BODY_BYTES:
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunk = response.read(16384)
                if not chunk:
                    break
                body += chunk
    finally:
        connection.close()
    latency = _elapsed_ms(started)
    if response.status != spec.expected_status:
        return Outcome(False, latency, f"HTTP {response.status} (expected {spec.expected_status})")
    if spec.expected_text and spec.expected_text.encode() not in body:
        return Outcome(False, latency, "expected text not found")
    return Outcome(True, latency)


CHECKS = {"http": check_http, "tcp": check_tcp, "dns": check_dns}


def run_one(spec: CheckSpec) -> Outcome:
    """Run one check; any failure becomes an outcome with its error, never an exception."""
    started = time.monotonic()
    try:
        return CHECKS[spec.kind](spec)
    except Exception as exc:
        return Outcome(False, _elapsed_ms(started), _describe(exc))


def run_checks(specs: list[CheckSpec]) -> dict[int, Outcome]:
    """Run every check at once; return {spec.key: Outcome} after at most the longest timeout plus grace.

    Each check runs in its own daemon thread: one that is still stuck when the time is up is reported
    as timed out and left to its own socket timeout; being a daemon, it never holds up the process's exit.
    """
    if not specs:
        return {}
    results: dict[int, Outcome] = {}

    def work(spec: CheckSpec) -> None:
        results[spec.key] = run_one(spec)  # one dict assignment: atomic

    threads = [threading.Thread(target=work, args=(spec,), name=f"watch-{spec.key}", daemon=True) for spec in specs]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + max(spec.timeout for spec in specs) + GRACE_SECONDS
    for thread in threads:
        thread.join(max(deadline - time.monotonic(), 0))
    finished = dict(results)
    return {spec.key: finished.get(spec.key) or Outcome(False, int(spec.timeout * 1000), "timeout") for spec in specs}
