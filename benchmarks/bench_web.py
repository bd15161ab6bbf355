"""Latency and throughput of POST /api/analyze against a real ``spinscope serve`` process.

    python benchmarks/bench_web.py [--detector NAME] [--requests 50] [--clients 8] [--seconds 30]

Starts the server on a free 127.0.0.1 port, sends one ~800-token article N times in a
row (p50/p95 latency), then keeps 8 clients busy for a fixed time (requests/s), stops
the server and prints the figures. The article is built from ../shared/examples when
present, otherwise from a hand-written paragraph repeated.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO.parent / "shared" / "examples"
TARGET_TOKENS = 800
TOKENS_PER_WORD = 1.3  # word pieces per English word, used when no tokenizer ships
FALLBACK = ("The shameful traitors in the capital want to sell out our glorious nation, the "
            "opposition leader told thousands of supporters, warning that the so-called reforms "
            "would destroy everything their grandparents had fought for. ")


def article_text() -> str:
    """About TARGET_TOKENS word-piece tokens of news text."""
    sources = sorted(EXAMPLES.glob("*.txt")) if EXAMPLES.is_dir() else []
    text = "\n".join(p.read_text(encoding="utf-8") for p in sources) or FALLBACK * 40
    words = text.split(" ")
    return " ".join(words[: int(TARGET_TOKENS / TOKENS_PER_WORD)])


def token_count(text: str, detector: str) -> int | None:
    """Word-piece tokens of the text when the detector ships a tokenizer, else None."""
    from spinscope.detector.loading import shipped_folder

    path = shipped_folder(detector) / "tokenizer.json"
    if not path.is_file():
        return None
    from spinscope.detector.windows import load_tokenizer

    return len(load_tokenizer(path).encode(text, add_special_tokens=False).ids)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, detector: str | None, workers: int | None) -> subprocess.Popen:
    command = [sys.executable, "-c", "from spinscope.cli import main; main()", "serve",
               "--port", str(port)] + (["--detector", detector] if detector else [])
    command += ["--workers", str(workers)] if workers else []
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return healthy(server, port, 180, "the server")


def healthy(process: subprocess.Popen, port: int, limit_s: float, what: str) -> subprocess.Popen:
    """``process`` once it answers /healthz on 127.0.0.1:``port`` (stopped, and the run ended with a
    message, if it exits first or does not answer within ``limit_s``)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} exited: {process.stderr.read().decode()[-2000:]}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).raise_for_status()
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"{what} did not answer /healthz within {limit_s:.0f} s")


def latency(url: str, text: str, requests: int) -> dict[str, float]:
    """Sequential requests: p50 and p95 in milliseconds (after three warm-up requests)."""
    times = []
    with httpx.Client(timeout=120) as client:
        for i in range(requests + 3):
            began = time.perf_counter()
            client.post(url, json={"text": text}).raise_for_status()
            if i >= 3:
                times.append((time.perf_counter() - began) * 1000)
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(cuts[94], 1),
            "mean_ms": round(statistics.fmean(times), 1), "requests": requests}


def throughput(url: str, text: str, clients: int, seconds: float) -> dict[str, object]:
    """``clients`` threads posting back to back until the time is up; answers per second."""
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client_loop() -> None:
        with httpx.Client(timeout=120) as client:
            while time.monotonic() < deadline:
                status = client.post(url, json={"text": text}).status_code
                with lock:
                    statuses[status] += 1

    began = time.monotonic()
    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    return {"clients": clients, "seconds": round(elapsed, 1),
            "ok_per_s": round(statuses[200] / elapsed, 2), "statuses": dict(statuses)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--detector", default=None, help="detector name (default: the shipped default)")
    parser.add_argument("--workers", type=int, default=None, help="server analyses at once (default: its own)")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    text, port = article_text(), free_port()
    server = start_server(port, args.detector, args.workers)
    try:
        base = f"http://127.0.0.1:{port}"
        detector = httpx.get(f"{base}/healthz").json()["detector"]
        figures = {
            "date": datetime.date.today().isoformat(), "detector": detector, "workers": args.workers,
            "article": {"characters": len(text), "words": len(text.split()),
                        "tokens": token_count(text, detector)},
            "cpu_cores": os.cpu_count(), "python": platform.python_version(),
            "latency": latency(f"{base}/api/analyze", text, args.requests),
            "throughput": throughput(f"{base}/api/analyze", text, args.clients, args.seconds),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
