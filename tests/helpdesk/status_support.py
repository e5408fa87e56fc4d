"""Loopback servers and a service factory for the service-status tests. Nothing here leaves 127.0.0.1."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from helpdesk.models import MonitoredService


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        status = self.server.status_to_send
        body = b"<html><body>MUSE iko hewani</body></html>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class LoopbackHTTP:
    """An HTTP server on 127.0.0.1 in a thread, which a test can stop and start again on the same port."""

    def __init__(self):
        self.port = free_port()
        self.server = None
        self.thread = None
        self.status = 200

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self):
        ThreadingHTTPServer.allow_reuse_address = True
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), _Handler)
        self.server.status_to_send = self.status
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.thread.join()
            self.server = None


def free_port() -> int:
    """A loopback port nobody listens on (bound then released: connecting to it is refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SilentListener:
    """A socket that accepts connections (the kernel completes them) but never answers a byte."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def close(self):
        self.sock.close()


def make_service(code="muse", *, kind="http", target="http://127.0.0.1:9/", **fields) -> MonitoredService:
    defaults = {
        "name_sw": code.upper(),
        "name_en": code.upper(),
        "kind": kind,
        "target": target,
        "timeout_seconds": 2,
        "failure_threshold": 2,
        "interval_seconds": 60,
    }
    defaults.update(fields)
    return MonitoredService.objects.create(code=code, **defaults)
