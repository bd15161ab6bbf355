"""The corpus explorer at scale: build a synthetic store, then time every API call and page.

Usage: python benchmarks/bench_explorer.py [--articles 100000] [--out DIR] [--skip-build]
                                           [--requests 40] [--page-loads 10]

The store is built from PTC train+dev (../shared/data/ptc): every paragraph is analysed
once by the lexicon detector (with the quote finder, so spans carry their voice), then
each synthetic article joins 6 to 20 random paragraphs, its spans shifted with them, under
a random outlet (12, unevenly sized) and a random day of 2022-2024. That builds 100,000
articles in minutes rather than hours. It is written through ``Store`` (so the explorer's
triggers fill the full-text index and tallies) into --out or a temporary folder, never
into the repository. Then ``spinscope serve --db`` runs in its own process and every
explorer API route is called --requests times with varied filters (p50 and p95 of the
client-side time), and each page is loaded in chromium --page-loads times (navigation
until the page has drawn its data). Prints figures for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PTC = REPO.parent / "shared" / "data" / "ptc"
OUTLETS = ("Herald", "Courier", "Gazette", "Tribune", "Sentinel", "Observer", "Chronicle", "Ledger",
           "Dispatch", "Beacon", "Monitor", "Standard")
SEED = 20240601
BATCH = 1000


def ptc_folders(root: Path) -> list[Path]:
    folders = [root / part / "articles" for part in ("train", "dev")]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        raise SystemExit(f"PTC articles not found: {', '.join(missing)}. The benchmark builds its store "
                         "from PTC v2 train and dev; put them there or pass --ptc FOLDER (holding "
                         "train/articles and dev/articles).")
    return folders


def paragraph_pool(root: Path):
    """(titles, [(paragraph, spans, quotes)]) from PTC, each paragraph analysed once by the lexicon."""
    from spinscope.corpus.detectors import load_for_corpus
    from spinscope.io.ptc import read_articles

    titles, paragraphs = [], []
    for folder in ptc_folders(root):
        for article in read_articles(folder.parent):
            lines = [line.strip() for line in article.text.splitlines() if line.strip()]
            if lines:
                titles.append(lines[0][:200])
                paragraphs += lines[1:]
    pipeline, detector = load_for_corpus("lexicon")
    analysed = [(a.document.text, a.spans, a.quotes) for a in pipeline.pipe(paragraphs, batch_size=64)]
    return titles, analysed, detector


def synthetic_article(rng: random.Random, number: int, titles, pool):
    """One article: random paragraphs with their spans and quotes shifted into place."""
    from dataclasses import replace

    parts, spans, quotes, offset = [], [], [], 0
    for text, paragraph_spans, paragraph_quotes in rng.sample(pool, rng.randint(6, 20)):
        spans += [replace(s, start=s.start + offset, end=s.end + offset) for s in paragraph_spans]
        quotes += [replace(q, start=q.start + offset, end=q.end + offset) for q in paragraph_quotes]
        parts.append(text)
        offset += len(text) + 2
    outlet = rng.choices(OUTLETS, weights=[1 / (i + 1) for i in range(len(OUTLETS))])[0]
    day = date(2022, 1, 1) + timedelta(days=rng.randrange(3 * 365))
    text = "\n\n".join(parts) + f"\n\n(No. {number})"
    metadata = {"title": rng.choice(titles), "outlet": outlet, "published": day.isoformat(),
                "url": f"https://{outlet.lower()}.example/{day:%Y/%m}/{number}"}
    return text, metadata, tuple(spans), tuple(quotes)


def build(path: Path, count: int, root: Path) -> dict:
    from spinscope.io.records import record_from_text
    from spinscope.corpus.store import Outcome, Store, utc_now

    begun = time.perf_counter()
    titles, pool, detector = paragraph_pool(root)
    pool_s = time.perf_counter() - begun
    rng = random.Random(SEED)
    with Store(path) as store:
        for first in range(0, count, BATCH):
            records, outcomes = [], []
            for number in range(first, min(count, first + BATCH)):
                text, metadata, spans, quotes = synthetic_article(rng, number, titles, pool)
                record = record_from_text(text, origin=f"synthetic/{number}", **metadata)
                records.append(record)
                outcomes.append(Outcome(record.document.id, spans, None, quotes))
            store.add_records(records)
            store.write_outcomes(detector, outcomes, utc_now())
            if (first // BATCH) % 10 == 9:
                print(f"  {first + BATCH:,} articles, {time.perf_counter() - begun:.0f} s", flush=True)
    seconds = time.perf_counter() - begun
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return {"articles": count, "paragraphs": len(pool), "pool_s": pool_s, "build_s": seconds, "bytes": size}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(path: Path, port: int) -> tuple[subprocess.Popen, float]:
    """``spinscope serve --db``; returns when the overview answers (the time the first one took)."""
    import httpx

    command = [sys.executable, "-c", "from spinscope.cli import main; main()", "serve", "--port", str(port),
               "--detector", "lexicon", "--db", str(path)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started = time.monotonic()
    while time.monotonic() - started < 300:
        if server.poll() is not None:
            raise SystemExit(f"the server exited: {server.stderr.read().decode()[-2000:]}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).raise_for_status()
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    begun = time.perf_counter()
    httpx.get(f"http://127.0.0.1:{port}/api/corpus/outlets", timeout=300).raise_for_status()
    return server, time.perf_counter() - begun


def calls(base: str, client, rng: random.Random, n: int) -> dict[str, list[str]]:
    """For each kind of API call, ``n`` URLs with varied parameters."""
    from spinscope import techniques

    ids = [d["id"] for d in client.get(f"{base}/api/corpus/documents", params={"limit": 500}).json()["documents"]]
    ids += [d["id"] for d in client.get(f"{base}/api/corpus/documents",
                                         params={"limit": 500, "sort": "density"}).json()["documents"]]
    words = ["government", "police", "president", "war", "freedom", "immigration", "church", "vaccine",
             "election", "Trump", "terrorist", "media", "court", "Russia", "border", "the"]
    t = list(techniques.TECHNIQUE_IDS)

    def documents(**params):
        return f"{base}/api/corpus/documents?" + "&".join(f"{k}={v}" for k, v in params.items())

    def later_page(sort: str) -> str:
        params, cursor = {"sort": sort}, None
        for _ in range(rng.randint(1, 5)):
            page = client.get(f"{base}/api/corpus/documents", params={**params, **({"cursor": cursor} if cursor else {})}).json()
            cursor = page["next_cursor"]
        return documents(sort=sort, cursor=cursor)

    kinds = {
        "outlets (overview)": lambda: f"{base}/api/corpus/outlets",
        "trends": lambda: f"{base}/api/corpus/trends?technique={rng.choice(t)}",
        "documents, no filter": lambda: documents(sort=rng.choice(["date", "density"])),
        "documents, outlet": lambda: documents(outlet=rng.choice(OUTLETS), sort=rng.choice(["date", "density"])),
        "documents, technique + min_score": lambda: documents(technique=rng.choice(t), min_score=rng.choice([0.3, 0.5, 0.7])),
        "documents, technique + voice": lambda: documents(technique=rng.choice(t), voice=rng.choice(["quoted", "reported"])),
        "documents, date range": lambda: documents(**{"from": f"2023-{rng.randint(1, 6):02d}-01", "to": f"2023-{rng.randint(7, 12):02d}-28"}),
        "documents, full-text search": lambda: documents(q=rng.choice(words), sort=rng.choice(["date", "density"])),
        "documents, all filters": lambda: documents(outlet=rng.choice(OUTLETS), technique=rng.choice(t), q=rng.choice(words),
                                                    **{"from": "2022-06-01", "to": "2024-06-30"}, min_score=0.3, sort="density"),
        "documents, pages 2-6 (cursor)": lambda: later_page(rng.choice(["date", "density"])),
        "document by id": lambda: f"{base}/api/corpus/documents/{rng.choice(ids)}",
        "technique examples": lambda: f"{base}/api/corpus/techniques/{rng.choice(t)}/examples",
        "technique examples, outlet": lambda: f"{base}/api/corpus/techniques/{rng.choice(t)}/examples?outlet={rng.choice(OUTLETS)}",
    }
    return {kind: [make() for _ in range(n)] for kind, make in kinds.items()}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def time_api(base: str, n: int) -> list[tuple[str, float, float, float]]:
    import httpx

    rng = random.Random(SEED)
    results = []
    with httpx.Client(timeout=60) as client:
        for kind, urls in calls(base, client, rng, n).items():
            times = []
            for url in urls:
                begun = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - begun)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {response.status_code} {response.text[:300]}")
            results.append((kind, statistics.median(times), percentile(times, 0.95), max(times)))
            print(f"  {kind}: p50 {1000 * results[-1][1]:.0f} ms, p95 {1000 * results[-1][2]:.0f} ms", flush=True)
    return results


def time_pages(base: str, loads: int) -> list[tuple[str, float, float, float]]:
    import httpx
    from playwright.sync_api import sync_playwright

    first = httpx.get(f"{base}/api/corpus/documents", params={"limit": 1}).json()["documents"][0]["id"]
    pages = {"overview": "/explorer", "articles": "/explorer/articles",
             "articles, filtered + search": "/explorer/articles?outlet=Herald&technique=loaded_language&q=police",
             "article": f"/explorer/articles/{first}", "technique": "/explorer/techniques/name_calling"}
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
        page = browser.new_page()
        for name, path in pages.items():
            times = []
            for _ in range(loads):
                begun = time.perf_counter()
                page.goto(base + path)
                page.wait_for_selector("body[data-ready]", timeout=30000)
                times.append(time.perf_counter() - begun)
                if page.get_attribute("body", "data-ready") != "ok":
                    raise SystemExit(f"{path}: the page shows an error: {page.text_content('#error')}")
            results.append((name, statistics.median(times), percentile(times, 0.95), max(times)))
            print(f"  page {name}: p50 {1000 * results[-1][1]:.0f} ms, p95 {1000 * results[-1][2]:.0f} ms", flush=True)
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--out", type=Path, help="folder for the store (default: a temporary one, removed after)")
    parser.add_argument("--skip-build", action="store_true", help="reuse the store already in --out")
    parser.add_argument("--ptc", type=Path, default=PTC)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--page-loads", type=int, default=10)
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="spinscope-explorer-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "explorer.db"
    try:
        if not args.skip_build:
            ptc_folders(args.ptc)
            if path.exists():
                raise SystemExit(f"{path} exists; remove it or pass --skip-build")
            print(f"building {args.articles:,} articles into {path}", flush=True)
            figures = build(path, args.articles, args.ptc)
            per_1000 = figures["bytes"] / figures["articles"] * 1000 / 2**20
            print(f"built {figures['articles']:,} articles from {figures['paragraphs']:,} PTC paragraphs in "
                  f"{figures['build_s']:.0f} s (lexicon over the paragraphs: {figures['pool_s']:.0f} s); "
                  f"store {figures['bytes'] / 2**20:,.0f} MiB = {per_1000:.1f} MiB per 1,000 articles", flush=True)
        port = free_port()
        server, first_overview = start_server(path, port)
        print(f"first overview after start (cold cache): {first_overview * 1000:.0f} ms", flush=True)
        try:
            api = time_api(f"http://127.0.0.1:{port}", args.requests)
            pages = time_pages(f"http://127.0.0.1:{port}", args.page_loads)
        finally:
            server.terminate()
            server.wait(30)
        print("\n| call | p50 | p95 | max |\n| --- | --- | --- | --- |")
        for kind, p50, p95, worst in api + [(f"page: {n}", a, b, c) for n, a, b, c in pages]:
            print(f"| {kind} | {p50 * 1000:.0f} ms | {p95 * 1000:.0f} ms | {worst * 1000:.0f} ms |")
    finally:
        if args.out is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    main()
