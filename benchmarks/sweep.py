"""Train several recipes side by side and compare them on dev as they would ship.

    python benchmarks/sweep.py run PLAN.json --runs runs/sweep --device cuda --parallel 8 --deadline 480
    python benchmarks/sweep.py unpack KEEP_DIR RUN_DIR --tokenizer TOKENIZER_JSON

``PLAN.json`` holds ``{"base": {settings}, "runs": {name: {settings}}, "soups": {name: [runs]}}``:
every run is ``base`` with its own settings on top (TrainConfig names). Each run trains in its
own process, then is tuned on dev exactly as ``spinscope ship`` tunes (``tuning.tune``: the
best decoding on all of dev, and the two-fold held-out figures), through the torch model. A
soup is the mean of its runs' final weights (runs that share ``seed`` share their start and
differ in ``order_seed``). One JSON line per run or soup goes to ``RUNS/results.jsonl`` as it
finishes; runs still going at the deadline are stopped. ``--keep DIR`` writes the weights of
the best result (by held-out SI F1 + end-to-end F1) to DIR as fp16 in parts of at most 15 MB,
with its small files in ``meta.tar.gz``, so that they can be carried off a GPU machine;
``unpack`` turns such a folder back into a run folder that ``spinscope ship`` takes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

PART_BYTES = 15 * 2**20
SMALL_FILES = ("config.json", "encoder_config.json", "tc_head.npz", "train.log", "metrics.jsonl")


def evaluate(run_dir: Path, dev: str, device: str) -> dict[str, float]:
    """Tune the run's decoding on dev (as export does) and return its figures."""
    from spinscope.detector.windows import load_tokenizer
    from spinscope.io.ptc import read_gold
    from spinscope.training.config import TrainConfig
    from spinscope.training.model import load_weights
    from spinscope.training.train import torch_detector
    from spinscope.training.tuning import tune

    model = load_weights(run_dir).to(device)
    detector = torch_detector(model, TrainConfig.load(run_dir / "config.json"),
                              load_tokenizer(run_dir / "tokenizer.json"), bf16=False)
    return tune(detector, read_gold(dev)).scores


def train_and_evaluate(run_dir: Path, dev: str, device: str) -> None:
    """One run (its config.json already written): train, tune, write ``tuned.json``."""
    from spinscope.training.config import TrainConfig
    from spinscope.training.train import train

    started = time.time()
    train(TrainConfig.load(run_dir / "config.json"), run_dir, device=device)
    trained = time.time() - started
    scores = evaluate(run_dir, dev, device)
    timing = {"train_s": round(trained, 1), "tune_s": round(time.time() - started - trained, 1)}
    (run_dir / "tuned.json").write_text(json.dumps(scores | timing), encoding="utf-8")


def make_soup(members: list[Path], soup_dir: Path) -> None:
    """A run folder whose weights are the mean of the members' weights."""
    from safetensors.torch import save_file

    from spinscope.training.model import load_weights, mean_state

    soup_dir.mkdir(parents=True, exist_ok=True)
    save_file(mean_state([m / "weights.safetensors" for m in members]), str(soup_dir / "weights.safetensors"))
    for name in ("config.json", "encoder_config.json", "tokenizer.json"):
        shutil.copyfile(members[0] / name, soup_dir / name)
    load_weights(soup_dir).numpy_tc_head().save(soup_dir / "tc_head.npz")


def start(run_dir: Path, args) -> subprocess.Popen:
    log = open(run_dir / "sweep.out", "a", encoding="utf-8")
    command = [sys.executable, __file__, "one", str(run_dir), "--dev", args.dev, "--device", args.device]
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)


def record(results: Path, name: str, run_dir: Path) -> dict | None:
    tuned = run_dir / "tuned.json"
    if not tuned.is_file():
        return None
    line = {"name": name, **json.loads(tuned.read_text(encoding="utf-8"))}
    with open(results, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line) + "\n")
    print(f"{time.strftime('%H:%M:%S')} {summary(line)}", flush=True)
    return line


def summary(line: dict) -> str:
    keys = ("held_out_si_f1", "held_out_e2e_f1", "si_f1", "tc_micro_f1", "e2e_f1", "train_s", "tune_s")
    return line["name"] + " " + " ".join(f"{k}={line[k]:.4f}" if isinstance(line.get(k), float)
                                         else f"{k}={line.get(k)}" for k in keys)


def sweep(args) -> list[dict]:
    """Run the plan, ``parallel`` runs at a time, until done or the deadline."""
    plan = json.loads(Path(args.plan).read_text(encoding="utf-8"))
    runs, results = Path(args.runs), Path(args.runs) / "results.jsonl"
    runs.mkdir(parents=True, exist_ok=True)
    waiting = list(plan["runs"].items())
    soups = dict(plan.get("soups", {}))
    going: dict[str, subprocess.Popen] = {}
    finished: dict[str, dict | None] = {}
    deadline = time.time() + args.deadline
    while (waiting or going or soups) and time.time() < deadline:
        while waiting and len(going) < args.parallel:
            name, settings = waiting.pop(0)
            run_dir = runs / name
            run_dir.mkdir(exist_ok=True)
            config = {**plan["base"], **settings, "name": name}
            (run_dir / "config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
            going[name] = start(run_dir, args)
        for name, process in list(going.items()):
            if process.poll() is not None:
                del going[name]
                finished[name] = record(results, name, runs / name)
        for name, members in list(soups.items()):
            if all(m in finished for m in members):
                del soups[name]
                if all(finished[m] for m in members):
                    make_soup([runs / m for m in members], runs / name)
                    (runs / name / "tuned.json").unlink(missing_ok=True)
                    evaluate_soup(runs / name, args)
                    finished[name] = record(results, name, runs / name)
        time.sleep(2)
    for name, process in going.items():
        process.kill()
        print(f"stopped at the deadline: {name}", flush=True)
    return [line for line in finished.values() if line]


def evaluate_soup(soup_dir: Path, args) -> None:
    scores = evaluate(soup_dir, args.dev, args.device)
    (soup_dir / "tuned.json").write_text(json.dumps(scores), encoding="utf-8")


def keep_best(lines: list[dict], runs: Path, keep: Path) -> None:
    """The best result's weights as fp16 parts plus its small files, in ``keep``."""
    import torch
    from safetensors.torch import load_file, save_file

    best = max(lines, key=lambda line: line["held_out_si_f1"] + line["held_out_e2e_f1"])
    run_dir = runs / best["name"]
    keep.mkdir(parents=True, exist_ok=True)
    half = {k: v.to(torch.float16) if v.is_floating_point() else v
            for k, v in load_file(str(run_dir / "weights.safetensors")).items()}
    blob = keep / "weights.fp16"
    save_file(half, str(blob))
    data = blob.read_bytes()
    blob.unlink()
    for index in range(0, len(data), PART_BYTES):
        (keep / f"weights.fp16.{index // PART_BYTES}").write_bytes(data[index:index + PART_BYTES])
    with tarfile.open(keep / "meta.tar.gz", "w:gz") as archive:
        archive.add(runs / "results.jsonl", "results.jsonl")
        archive.add(run_dir / "tuned.json", "best/tuned.json")
        for name in SMALL_FILES:
            if (run_dir / name).is_file():
                archive.add(run_dir / name, f"best/{name}")
        for log in runs.glob("*/train.log"):
            archive.add(log, f"logs/{log.parent.name}.log")
    print(f"kept {best['name']}", flush=True)


def unpack(keep: Path, run_dir: Path, tokenizer: Path) -> None:
    """Rebuild a run folder (fp32 weights) from what ``keep_best`` wrote."""
    import torch
    from safetensors.torch import load, save_file

    run_dir.mkdir(parents=True, exist_ok=True)
    parts = sorted(keep.glob("weights.fp16.*"), key=lambda p: int(p.suffix[1:]))
    state = load(b"".join(p.read_bytes() for p in parts))
    save_file({k: v.to(torch.float32) if v.is_floating_point() else v for k, v in state.items()},
              str(run_dir / "weights.safetensors"))
    with tarfile.open(keep / "meta.tar.gz") as archive:
        archive.extractall(run_dir / "meta", filter="data")
    for name in SMALL_FILES + ("tuned.json",):
        if (run_dir / "meta" / "best" / name).is_file():
            shutil.copyfile(run_dir / "meta" / "best" / name, run_dir / name)
    shutil.copyfile(tokenizer, run_dir / "tokenizer.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="train and compare the plan's recipes")
    run.add_argument("plan")
    run.add_argument("--runs", default="runs/sweep")
    run.add_argument("--dev", default="../shared/data/ptc/dev")
    run.add_argument("--device", default="cpu", choices=("cpu", "cuda"))
    run.add_argument("--parallel", type=int, default=1)
    run.add_argument("--deadline", type=float, default=24 * 3600, help="seconds")
    run.add_argument("--keep", type=Path, help="folder for the best result's weights (fp16 parts)")
    one = sub.add_parser("one", help="(internal) train and tune one run folder")
    one.add_argument("run_dir", type=Path)
    one.add_argument("--dev", required=True)
    one.add_argument("--device", default="cpu")
    back = sub.add_parser("unpack", help="rebuild a run folder from a --keep folder")
    back.add_argument("keep", type=Path)
    back.add_argument("run_dir", type=Path)
    back.add_argument("--tokenizer", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "one":
        train_and_evaluate(args.run_dir, args.dev, args.device)
    elif args.command == "unpack":
        unpack(args.keep, args.run_dir, args.tokenizer)
    else:
        lines = sweep(args)
        for line in sorted(lines, key=lambda x: -x["held_out_si_f1"]):
            print(summary(line), flush=True)
        if args.keep and lines:
            keep_best(lines, Path(args.runs), args.keep)


if __name__ == "__main__":
    main()
