"""Real checks against servers the tests start on 127.0.0.1: a working one, a closed port, one that never answers."""

import socket
import threading

from helpdesk import checks
from helpdesk.checks import CheckSpec, run_checks, run_one

from .status_support import free_port


def spec(key, kind="http", target="", **fields):
    return CheckSpec(key=key, kind=kind, target=target, **{"timeout": 2.0, **fields})


def test_http_check_answers_with_status_and_text(http_server):
    outcome = run_one(spec(1, target=http_server.url, expected_text="iko hewani"))
    assert outcome.ok and outcome.latency_ms is not None and outcome.error == ""


def test_http_check_fails_on_unexpected_status_or_missing_text(http_server):
    assert run_one(spec(1, target=http_server.url, expected_status=204)).error == "HTTP 200 (expected 204)"
    assert run_one(spec(1, target=http_server.url, expected_text="haipo")).error == "expected text not found"


def test_http_check_to_a_stopped_server_is_refused(http_server):
    http_server.stop()
    outcome = run_one(spec(1, target=http_server.url))
    assert not outcome.ok and outcome.error == "connection refused"


def test_tcp_check_connects_or_is_refused(http_server):
    assert run_one(spec(1, "tcp", "127.0.0.1", port=http_server.port)).ok
    refused = run_one(spec(1, "tcp", "127.0.0.1", port=free_port()))
    assert not refused.ok and refused.error == "connection refused"


def test_dns_check_resolves_localhost_and_reports_failure(monkeypatch):
    assert run_one(spec(1, "dns", "localhost")).ok

    def fail(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(checks, "_resolve", fail)
    outcome = run_one(spec(1, "dns", "mfumo.kilombero.invalid"))
    assert not outcome.ok and outcome.error.startswith("name not resolved")


def test_a_server_that_never_answers_gives_a_timeout_while_the_others_succeed(http_server, silent_listener):
    outcomes = run_checks(
        [
            spec(1, target=silent_listener.url, timeout=0.5),
            spec(2, target=http_server.url),
            spec(3, "tcp", "127.0.0.1", port=http_server.port),
            spec(4, "tcp", "127.0.0.1", port=free_port()),
        ]
    )
    assert outcomes[1].error == "timeout" and not outcomes[1].ok
    assert outcomes[2].ok and outcomes[3].ok
    assert outcomes[4].error == "connection refused"


def test_a_check_stuck_beyond_its_own_timeout_is_cut_off_by_the_overall_bound(monkeypatch, http_server):
    """A name lookup has no socket timeout; the pool's bound reports it as timed out and returns the rest."""
    release = threading.Event()
    entered = threading.Event()

    def hang(*args, **kwargs):
        entered.set()
        release.wait()  # would block for ever without the bound
        raise socket.gaierror("released")

    monkeypatch.setattr(checks, "_resolve", hang)
    monkeypatch.setattr(checks, "GRACE_SECONDS", 0.1)
    try:
        outcomes = run_checks([spec(1, "dns", "hewani.example", timeout=0.3), spec(2, target=http_server.url)])
        assert entered.is_set()
        assert outcomes[1] == checks.Outcome(False, 300, "timeout")
        assert outcomes[2].ok
        assert not release.is_set()  # the answer came while the lookup was still stuck
    finally:
        release.set()


def test_no_checks_no_threads():
    assert run_checks([]) == {}
