"""The server's perimeter: the Host header, the API token, security headers on every route."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from spinscope.web import WebSettings

from tests.support.detectors import PhraseDetector
from tests.support.http import create_app, local_client


def app_with(**settings: object):
    return create_app(PhraseDetector(), WebSettings(workers=1, **settings))


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"])
def test_perimeter_answers_loopback_host_names(client, host):
    assert client.get("/api/techniques", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "", "[::2]:80"])
def test_perimeter_refuses_other_host_names(client, host):
    response = client.get("/api/techniques", headers={"Host": host})
    assert response.status_code == 400
    assert "--allowed-host" in response.json()["error"]
    assert client.get("/", headers={"Host": host}).status_code == 400


def test_perimeter_answers_the_bound_host_and_allowed_hosts():
    app = app_with(bind_host="192.0.2.10", allowed_hosts=("Spin.Lan",), token="t")
    with local_client(app) as client:
        for host in ("192.0.2.10:8000", "spin.lan", "spin.lan:8000"):
            assert client.get("/healthz", headers={"Host": host}).status_code == 200
        assert client.get("/healthz", headers={"Host": "other.lan"}).status_code == 400


@pytest.mark.parametrize("header, expected", [("localhost:80", "localhost"), ("[::1]:8000", "::1"),
                                              ("Example.ORG", "example.org"), ("[::1]", "::1")])
def test_host_name_strips_port_and_brackets(header, expected):
    from spinscope.web.perimeter import host_name

    assert host_name(header) == expected


def test_perimeter_token_guards_the_api_only():
    with local_client(app_with(token="s3cret")) as client:
        assert client.get("/api/techniques").status_code == 401
        assert client.get("/api/techniques", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert client.get("/api/techniques", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert client.get("/api/techniques", headers={"X-Spinscope-Token": "s3cret"}).status_code == 200
        refused = client.post("/api/analyze", json={"text": "The traitors lied."})
        assert refused.status_code == 401 and "token" in refused.json()["error"]
        assert client.get("/").status_code == 200 and client.get("/healthz").status_code == 200


def test_perimeter_without_token_leaves_the_api_open(client):
    assert client.get("/api/techniques").status_code == 200


@pytest.mark.parametrize("path", ["/", "/api/techniques", "/docs", "/redoc", "/openapi.json", "/healthz",
                                  "/static/app.js", "/no-such-page"])
def test_perimeter_sets_security_headers_on_every_route(client, path):
    headers = client.get(path).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_perimeter_sets_security_headers_on_refusals():
    with local_client(app_with(token="t")) as client:
        for response in (client.get("/api/techniques"), client.get("/", headers={"Host": "evil.example"})):
            assert response.headers["x-content-type-options"] == "nosniff"
            assert "content-security-policy" in response.headers


def test_docs_policy_allows_exactly_its_inline_script(client):
    response = client.get("/docs")
    script_src = response.headers["content-security-policy"].split("script-src")[1].split(";")[0]
    inline = re.findall(r"<script>(.*?)</script>", response.text, re.DOTALL)
    assert inline and "unsafe-inline" not in script_src
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src
    assert len(response.content) == int(response.headers["content-length"])


def test_api_policy_allows_nothing_to_load(client):
    assert client.get("/api/techniques").headers["content-security-policy"].startswith("default-src 'none'")
