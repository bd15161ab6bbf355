#!/bin/bash
# A recipe sweep on a lent GPU machine, from the repository root there:
#     bash benchmarks/plans/gpu-sweep.sh benchmarks/plans/gpu-2026-11-27.json
# It needs the .gpu/ folder that prepare-gpu-trip.sh makes here (carried along). The best
# run comes back under $OUT/keep, for `python benchmarks/sweep.py unpack`.
set -o pipefail
plan=${1:?give the plan file}
export PYTHONPATH=src TOKENIZERS_PARALLELISM=false PYTHONUNBUFFERED=1
nvidia-smi -L
python3 - <<'PY' || exit 1
from safetensors.torch import load_file, save_file
weights = load_file(".gpu/base/model.fp16.safetensors")
save_file({k: v.float() if v.is_floating_point() else v for k, v in weights.items()},
          ".gpu/base/model.safetensors")
PY
python3 benchmarks/sweep.py run "$plan" --runs runs/sweep --dev .gpu/ptc/dev --device cuda \
  --parallel "${PARALLEL:-14}" --deadline "${DEADLINE:-470}" --keep "$OUT/keep" 2>&1 | tee "$OUT/sweep.log"
