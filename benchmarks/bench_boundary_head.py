"""A learned boundary head (issue 13 part 2a), tried on the default model's fold runs; not shipped.

    python benchmarks/bench_boundary_head.py [--fold runs/foldA-q4 --fold runs/foldB-q4] [--detector minilm-ptc]

For each fold run (int8, with the shipped card's settings): encode the articles it trained on (PTC train and
its half of dev), and fit two logistic regressions on each word's first token (its hidden state, averaged over
the windows that hold it, and the token's channel probabilities): "a gold span starts here" and "a gold span ends
on this word". On the dev half the fold left out, each span the card decodes may move its start (end) to a word at
most ``reach`` words away whose logit beats the current word's by ``margin``, and the spans are then cleaned as
the card cleans them. Printed: the AUC of the start head on the held-out words; SI / e2e F1 cross-fitted for every
(reach, margin) with the best chosen on all of dev; and the honest figure, the setting chosen on one half of dev
and applied to the other.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GRID = [(reach, margin) for reach in (1, 2, 3) for margin in (0.0, 0.5, 1.0, 2.0, 4.0)]


def features(encoded) -> np.ndarray:
    """Each token's hidden state (averaged over the windows that hold it, as its probabilities are) and its
    channel probabilities."""
    from spinscope.detector.decode import merge_window_scores

    hidden = merge_window_scores(encoded.windows, encoded.hidden, len(encoded.tokens))
    return np.concatenate([hidden, encoded.probs], axis=1)


def word_edges(encoded) -> tuple[np.ndarray, np.ndarray]:
    """Token indices that start a word, and those that end one (punctuation is no word)."""
    tokens = encoded.tokens
    follows = np.append(tokens.continues[1:], False)
    return np.flatnonzero(~tokens.continues & ~tokens.punctuation), np.flatnonzero(~follows & ~tokens.punctuation)


def edge_labels(encoded, spans, starts: bool) -> tuple[np.ndarray, np.ndarray]:
    """The word-edge tokens and whether a gold span starts (ends) within 2 characters of each."""
    firsts, lasts = word_edges(encoded)
    index = firsts if starts else lasts
    where = encoded.tokens.offsets[index, 0 if starts else 1]
    labels = np.zeros(len(index), np.float32)
    for mark in {s.start if starts else s.end for s in spans}:
        nearest = int(np.argmin(np.abs(where - mark))) if len(where) else 0
        if len(where) and abs(int(where[nearest]) - mark) <= 2:
            labels[nearest] = 1
    return index, labels


def fit(x: np.ndarray, y: np.ndarray, epochs: int = 30) -> tuple[np.ndarray, float]:
    """A logistic regression (class-weighted, on standardised features), as weights over the raw features."""
    import torch

    torch.manual_seed(0)
    features, labels = torch.from_numpy(x), torch.from_numpy(y)
    mu, sd = features.mean(0), features.std(0) + 1e-5
    z = (features - mu) / sd
    linear = torch.nn.Linear(x.shape[1], 1)
    optimiser = torch.optim.Adam(linear.parameters(), lr=1e-2, weight_decay=1e-4)
    loss = torch.nn.BCEWithLogitsLoss(pos_weight=(1 - labels.mean()) / labels.mean())
    for _ in range(epochs):
        order = torch.randperm(len(z))
        for i in range(0, len(z), 4096):
            rows = order[i:i + 4096]
            optimiser.zero_grad()
            loss(linear(z[rows]).squeeze(1), labels[rows]).backward()
            optimiser.step()
    weight = linear.weight.detach()[0]
    return (weight / sd).numpy(), float(linear.bias.detach()[0] - (weight * mu / sd).sum())


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """The area under the ROC curve (Mann-Whitney; ties ignored)."""
    ranks = np.empty(len(scores))
    ranks[np.argsort(scores)] = np.arange(1, len(scores) + 1)
    positives = labels.sum()
    return float((ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * (len(labels) - positives)))


def moved(spans, encoded, text: str, logits: tuple[np.ndarray, np.ndarray], reach: int, margin: float) -> list:
    """Each span's start (end) moved to the word within ``reach`` whose logit beats the current one's by ``margin``,
    never across a line break and never past the other edge."""
    from dataclasses import replace

    firsts, lasts = word_edges(encoded)
    begins, ends = logits[0][firsts], logits[1][lasts]
    at_start, at_end = encoded.tokens.offsets[firsts, 0], encoded.tokens.offsets[lasts, 1]
    out = []
    for span in spans:
        here = min(int(np.searchsorted(at_start, span.start)), len(firsts) - 1)
        near = [c for c in range(max(0, here - reach), min(len(firsts), here + reach + 1))
                if at_start[c] < span.end and "\n" not in text[min(at_start[c], span.start):max(at_start[c], span.start)]]
        best = max(near, key=lambda c: begins[c], default=here)
        start = int(at_start[best]) if best != here and begins[best] > begins[here] + margin else span.start
        here = min(int(np.searchsorted(at_end, span.end)), len(lasts) - 1)
        near = [c for c in range(max(0, here - reach), min(len(lasts), here + reach + 1))
                if at_end[c] > start and "\n" not in text[min(at_end[c], span.end):max(at_end[c], span.end)]]
        best = max(near, key=lambda c: ends[c], default=here)
        end = int(at_end[best]) if best != here and ends[best] > ends[here] + margin else span.end
        out.append(replace(span, start=start, end=end))
    return out


def fold_results(model, folds: list[Path], dev, train) -> dict[int, dict]:
    """For every dev article: the fold detector that left it out, its encoding, spans and edge logits."""
    from spinscope.detector.onnx import OnnxDetector
    from spinscope.training.crossfit import held_out_parts, quantised_copies
    from spinscope.training.ship import INT8_FORMS, tuned_settings

    parts = held_out_parts(folds, dev)
    packages = quantised_copies([f / "package" for f in folds], INT8_FORMS[model.card.about["precision"]])
    results = {}
    for k, (package, part) in enumerate(zip(packages, parts)):
        detector = OnnxDetector.load(package)
        detector = detector.with_card(detector.card.with_changes(**tuned_settings(model.card)))
        left_out = set(part)
        seen = list(train) + [g for i, g in enumerate(dev) if i not in left_out]
        rows: dict[bool, tuple[list, list]] = {True: ([], []), False: ([], [])}
        for begin in range(0, len(seen), 16):
            chunk = seen[begin:begin + 16]
            for gold, encoded in zip(chunk, detector.encode([g.document for g in chunk])):
                found = features(encoded)
                for starts in (True, False):
                    index, labels = edge_labels(encoded, gold.spans, starts)
                    rows[starts][0].append(found[index])
                    rows[starts][1].append(labels)
        heads = {s: fit(np.concatenate(x), np.concatenate(y)) for s, (x, y) in rows.items()}
        for i, encoded in zip(part, detector.encode([dev[i].document for i in part])):
            found = features(encoded)
            logits = tuple(found @ heads[s][0] + heads[s][1] for s in (True, False))
            results[i] = {"fold": k, "detector": detector, "encoded": encoded, "logits": logits,
                          "spans": detector.spans_of(encoded, dev[i].document.text)}
        print(f"fold {k}: heads fitted on {len(seen)} articles", file=sys.stderr, flush=True)
    return results


def scores(results, dev, setting, fold=None) -> dict[str, float]:
    """SI and e2e F1 of the (moved and cleaned) spans of the dev articles (of one fold's half)."""
    from spinscope.detector import shape
    from spinscope.document import Analysis
    from spinscope.training.metrics import score_predictions

    ids = [i for i in sorted(results) if fold is None or results[i]["fold"] == fold]
    predicted = []
    for i in ids:
        r, text = results[i], dev[i].document.text
        spans = r["spans"]
        if setting:
            spans = shape.tidy(moved(spans, r["encoded"], text, r["logits"], *setting), text, None,
                               r["detector"].strength(r["encoded"]), r["detector"].card.cut_pieces)
        predicted.append(Analysis(dev[i].document, tuple(spans)))
    gold = [dev[i] for i in ids]
    classified = [results[i]["detector"].classify_encoded(g, results[i]["encoded"]) for i, g in zip(ids, gold)]
    found = score_predictions(gold, predicted, classified)
    return {k: round(found[k], 4) for k in ("si_precision", "si_recall", "si_f1", "e2e_f1")}


def main() -> None:
    from spinscope.detector.loading import load_detector
    from spinscope.io.ptc import read_gold

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detector", default="minilm-ptc")
    parser.add_argument("--fold", type=Path, action="append", default=[])
    parser.add_argument("--dev", type=Path, default=SHARED / "data" / "ptc" / "dev")
    parser.add_argument("--train", type=Path, default=SHARED / "data" / "ptc" / "train")
    args = parser.parse_args()
    folds = args.fold or [REPO / "runs" / "foldA-q4", REPO / "runs" / "foldB-q4"]
    dev, train = read_gold(args.dev), read_gold(args.train)
    results = fold_results(load_detector(args.detector), folds, dev, train)
    labels, logits = [], []
    for i, r in results.items():
        index, found = edge_labels(r["encoded"], dev[i].spans, True)
        labels.append(found)
        logits.append(r["logits"][0][index])
    print(f"start head AUC on held-out words: {auc(np.concatenate(labels), np.concatenate(logits)):.3f}")
    print(f"no moves: {scores(results, dev, None)}")
    table = {s: scores(results, dev, s) for s in GRID}
    for setting, found in table.items():
        print(f"reach {setting[0]}, margin {setting[1]}: {found}")
    best = max(GRID, key=lambda s: table[s]["si_f1"] + table[s]["e2e_f1"])
    print(f"best on all of dev (SI + e2e): reach {best[0]}, margin {best[1]}")
    for fold in (0, 1):
        per = {s: scores(results, dev, s, fold) for s in GRID}
        chosen = max(GRID, key=lambda s: per[s]["si_f1"] + per[s]["e2e_f1"])
        print(f"chosen on fold {fold}'s half: {chosen}; on the other half {scores(results, dev, chosen, 1 - fold)} "
              f"against {scores(results, dev, None, 1 - fold)} with no moves")


if __name__ == "__main__":
    main()
