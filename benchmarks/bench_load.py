"""A bounded load test of the web app, on loopback only: mixed text, HTML and URL requests.

    python benchmarks/bench_load.py [--clients 30] [--seconds 30] [--url-timeout 5] [--detector NAME]

Starts a page server and the app on free 127.0.0.1 ports (the app as ``spinscope serve``
builds it, with ``allow_private_urls`` so that it may fetch from the local page server),
then runs ``--clients`` threads for ``--seconds``: each sends, in a fixed rotation, plain
text (6 in 10), HTML (2 in 10) and a URL of the local article page (2 in 10). One more
client sends the two hostile URLs once each, at 5 s and 15 s: a page that drips a byte
every 0.25 s, and a 2 MB page of ``<span>w</span>`` that extraction chokes on; they must
be answered 4xx/504 without holding the workers for long. Everything stops by itself:
clients stop sending at the deadline, each request has a client timeout of 90 s, and the
servers are stopped at the end. Prints p50/p95 per kind, status codes, requests/s and the
server's RSS before the run (after warm-up), its peak, and after the run (10 s later).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))
from bench_web import article_text, free_port, healthy  # noqa: E402
from tests.support.http import dripping, local_site  # noqa: E402

MIX = "text=6,html=2,url=2"  # requests of each kind in every ten a client sends
CLIENT_TIMEOUT_S = 90
DRIP_INTERVAL_S, DRIP_BYTES = 0.25, 240  # 60 s if never cut off
SPANS_PAGE = ("<html><body>" + "<span>w</span>" * 140_000 + "</body></html>").encode()

SERVER = """
import sys, uvicorn
from spinscope.web import WebSettings, create_app
port, detector, url_timeout = int(sys.argv[1]), sys.argv[2] or None, float(sys.argv[3])
settings = WebSettings(allow_private_urls=True, url_timeout_s=url_timeout)
uvicorn.run(create_app(detector_name=detector, settings=settings), host="127.0.0.1", port=port,
            log_level="warning", access_log=False)
"""


def article_page(text: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
    return (f"<!doctype html><html><head><title>An article</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>An article</h1>{paragraphs}</article><footer>Copyright</footer></body></html>").encode()


def rss_mib(pid: int, field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def start_app(port: int, detector: str, url_timeout: float) -> subprocess.Popen:
    app = subprocess.Popen([sys.executable, "-c", SERVER, str(port), detector, str(url_timeout)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return healthy(app, port, 120, "the app")


def percentiles(times: list[float]) -> dict[str, float]:
    if len(times) < 2:
        return {"n": len(times), "p50_ms": round(times[0] * 1000) if times else None}
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {"n": len(times), "p50_ms": round(statistics.median(times) * 1000), "p95_ms": round(cuts[94] * 1000),
            "max_ms": round(max(times) * 1000)}


def rotation(mix: str) -> list[str]:
    """``text=6,html=2,url=2`` as the list of kinds a client sends in turn."""
    return [kind for part in mix.split(",") for kind in [part.split("=")[0]] * int(part.split("=")[1])]


def run_load(api: str, bodies: dict[str, dict], hostile: dict[str, str], clients: int, seconds: float,
             kinds: list[str]) -> dict:
    times: dict[str, list[float]] = defaultdict(list)
    statuses: dict[str, Counter] = defaultdict(Counter)
    lock = threading.Lock()
    began = time.monotonic()
    stop_at = began + seconds

    def send(client: httpx.Client, kind: str, body: dict) -> None:
        sent = time.monotonic()
        try:
            status = client.post(api, json=body).status_code
        except httpx.HTTPError as error:
            status = type(error).__name__
        with lock:
            times[kind].append(time.monotonic() - sent)
            statuses[kind][status] += 1

    def steady(number: int) -> None:
        with httpx.Client(timeout=CLIENT_TIMEOUT_S, headers={"Host": "127.0.0.1"}) as client:
            turn = number
            while time.monotonic() < stop_at:
                kind = kinds[turn % len(kinds)]
                send(client, kind, bodies[kind])
                turn += 1

    def hostile_client() -> None:
        with httpx.Client(timeout=CLIENT_TIMEOUT_S) as client:
            for at, (kind, url) in zip((5, 15), hostile.items()):
                time.sleep(max(0.0, began + at - time.monotonic()))
                send(client, kind, {"url": url})

    threads = [threading.Thread(target=steady, args=(i,)) for i in range(clients)]
    threads.append(threading.Thread(target=hostile_client))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    answered = sum(sum(c.values()) for c in statuses.values())
    return {"seconds": round(elapsed, 1), "requests": answered, "requests_per_s": round(answered / elapsed, 2),
            "latency": {kind: percentiles(t) for kind, t in sorted(times.items())},
            "statuses": {kind: {str(k): v for k, v in c.items()} for kind, c in sorted(statuses.items())}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--url-timeout", type=float, default=5.0, help="the app's url_timeout_s")
    parser.add_argument("--detector", default="", help="detector name (default: the shipped default)")
    parser.add_argument("--mix", default=MIX, help=f"kinds in every ten requests of a client (default {MIX})")
    args = parser.parse_args()
    if not 1 <= args.clients <= 100 or not 1 <= args.seconds <= 120:
        raise SystemExit("keep it bounded: 1-100 clients, 1-120 seconds")
    text = article_text()
    html = "text/html; charset=utf-8"
    routes = {"/article": (200, html, article_page(text)), "/spans": (200, html, SPANS_PAGE),
              "/drip": dripping(DRIP_INTERVAL_S, DRIP_BYTES)}
    with local_site(routes) as pages:
        run(args, text, pages.url)


def run(args: argparse.Namespace, text: str, site: str) -> None:
    """The load against an app started here, its article pages served from ``site``; prints the figures."""
    port = free_port()
    app = start_app(port, args.detector, args.url_timeout)
    try:
        api = f"http://127.0.0.1:{port}/api/analyze"
        bodies = {"text": {"text": text}, "html": {"html": article_page(text).decode()},
                  "url": {"url": site + "/article"}}
        with httpx.Client(timeout=CLIENT_TIMEOUT_S) as warm:
            for body in bodies.values():
                for _ in range(3):
                    warm.post(api, json=body).raise_for_status()
        before = rss_mib(app.pid)
        load = run_load(api, bodies, {"hostile_drip": site + "/drip", "hostile_spans": site + "/spans"},
                        args.clients, args.seconds, rotation(args.mix))
        peak = rss_mib(app.pid, "VmHWM")
        time.sleep(10)
        after = rss_mib(app.pid)
        detector = httpx.get(f"http://127.0.0.1:{port}/healthz").json()["detector"]
    finally:
        app.terminate()
        app.wait(timeout=30)
    print(json.dumps({
        "date": datetime.date.today().isoformat(), "detector": detector, "cpu_cores": os.cpu_count(),
        "python": platform.python_version(), "clients": args.clients, "mix": args.mix, "url_timeout_s": args.url_timeout,
        "article": {"characters": len(text), "words": len(text.split())}, **load,
        "server_rss_mib": {"before (after warm-up)": before, "peak": peak, "after (10 s later)": after},
    }, indent=2))


if __name__ == "__main__":
    main()
