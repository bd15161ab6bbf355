"""``spinscope serve``: parses its options, builds the app and hands it to uvicorn."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from spinscope.errors import ModelError

from tests.support.cli import invoke, start_cli
from tests.support.ports import free_port


def test_serve_runs_uvicorn_with_the_chosen_detector(monkeypatch):
    calls = []
    monkeypatch.setattr("uvicorn.run", lambda web_app, **options: calls.append((web_app, options)))
    result = invoke("serve", "--port", "8123", "--detector", "lexicon", "--workers", "3")
    assert result.exit_code == 0, result.output
    (web_app, options), = calls
    assert web_app.state.detector.name == "lexicon" and web_app.state.settings.workers == 3
    assert (options["host"], options["port"]) == ("127.0.0.1", 8123)
    assert "http://127.0.0.1:8123/" in result.output


def test_serve_unknown_detector_fails_before_listening(monkeypatch):
    monkeypatch.setattr("uvicorn.run", lambda *args, **kwargs: pytest.fail("must not start"))
    result = invoke("serve", "--detector", "no-such-detector")
    assert isinstance(result.exception, ModelError)


def test_serve_without_the_web_extra_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    result = invoke("serve")
    assert result.exit_code == 2
    assert "pip install 'spinscope[web]'" in result.output


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "::"])
def test_serve_non_loopback_without_token_exits_2(monkeypatch, host):
    monkeypatch.delenv("SPINSCOPE_TOKEN", raising=False)
    monkeypatch.setattr("uvicorn.run", lambda *args, **kwargs: pytest.fail("must not start"))
    result = invoke("serve", "--host", host, "--detector", "lexicon")
    assert result.exit_code == 2
    assert "--token" in result.output and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("token_from", ["option", "environment"])
def test_serve_non_loopback_with_token_warns_and_checks_it(monkeypatch, token_from):
    calls = []
    monkeypatch.setattr("uvicorn.run", lambda web_app, **options: calls.append(web_app))
    args = ["serve", "--host", "0.0.0.0", "--detector", "lexicon", "--allowed-host", "spin.lan",
            "--allow-private-urls"]
    if token_from == "option":
        args += ["--token", "s3cret"]
    else:
        monkeypatch.setenv("SPINSCOPE_TOKEN", "s3cret")
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert "warning" in result.output and "token" in result.output
    settings = calls[0].state.settings
    assert (settings.token, settings.bind_host, settings.allowed_hosts) == ("s3cret", "0.0.0.0", ("spin.lan",))
    assert settings.allow_private_urls is True


def test_serve_loopback_needs_no_token_and_fetches_no_private_urls(monkeypatch):
    monkeypatch.delenv("SPINSCOPE_TOKEN", raising=False)
    calls = []
    monkeypatch.setattr("uvicorn.run", lambda web_app, **options: calls.append(web_app))
    result = invoke("serve", "--host", "localhost", "--detector", "lexicon")
    assert result.exit_code == 0 and "warning" not in result.output
    assert calls[0].state.settings.token is None and calls[0].state.settings.allow_private_urls is False


def test_serve_process_answers_healthz():
    import httpx

    port = free_port()
    server = start_cli("serve", "--port", port, "--detector", "lexicon",
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        health = None
        for _ in range(600):
            if server.poll() is not None:
                break
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).json()
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert health is not None, "spinscope serve never answered /healthz"
        assert (health["status"], health["detector"]) == ("ok", "lexicon")
    finally:
        server.terminate()
        server.wait(timeout=30)
