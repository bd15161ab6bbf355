#!/bin/bash
# The GPU sweep of 2026-11-27, as run on the lent machine (one H200) from the repository root.
# The plan reads .gpu/ptc/{train,dev} (a copy of ../shared/data/ptc) and .gpu/base (the base
# model's config.json and tokenizer.json, its weights carried as fp16 in model.fp16.safetensors
# to fit the trip; widened back to fp32 here). The best run comes back under $OUT/keep, for
# `python benchmarks/sweep.py unpack`.
export PYTHONPATH=src TOKENIZERS_PARALLELISM=false PYTHONUNBUFFERED=1
nvidia-smi -L
python3 - <<'PY' || exit 1
from safetensors.torch import load_file, save_file
weights = load_file(".gpu/base/model.fp16.safetensors")
save_file({k: v.float() if v.is_floating_point() else v for k, v in weights.items()},
          ".gpu/base/model.safetensors")
PY
python3 benchmarks/sweep.py run benchmarks/plans/gpu-2026-11-27.json --runs runs/sweep --dev .gpu/ptc/dev \
  --device cuda --parallel "${PARALLEL:-14}" --deadline "${DEADLINE:-470}" --keep "$OUT/keep" 2>&1 | tee "$OUT/sweep.log"
