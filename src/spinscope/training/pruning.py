"""Prune a multilingual model's vocabulary to the languages spinscope supports.

Of multilingual-e5-small's 117.5M parameters, 96M are its word-embedding table (250,002
XLM-R pieces, about 100 languages). ``prune_run`` keeps only the pieces written entirely in
the characters of the supported languages: the letters of their alphabets (Latin with the
accents of German, French, Spanish, Italian and Polish; Cyrillic with the letters of
Russian and Ukrainian), ASCII digits, punctuation and symbols, and the common punctuation,
quotation marks, dashes and currency signs of those languages; plus the special pieces.

Why this rule: SentencePiece segments a text by the best-scoring path over its pieces, and
every piece on the path of a text written in those characters is itself written in them,
so it is kept: removing other pieces cannot change the path. Text of the supported
languages therefore gets the same pieces (renumbered) after pruning; only characters
outside the set (other scripts, emoji) become ``<unk>``. The rule needs no corpus, so any
held list of texts checks it honestly: ``check_held`` asserts that pruning changes no token
id, after remapping, on every held text.

The embedding rows are selected, nothing is retrained: a model fine-tuned with frozen word
embeddings (TrainConfig.freeze_embeddings) gives the same outputs before and after.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from spinscope.errors import ModelError

LANGUAGES = ("en", "ru", "uk", "de", "fr", "es", "it", "pl")
ALPHABETS = {
    "en": "abcdefghijklmnopqrstuvwxyz",
    "de": "äöüß",
    "fr": "àâæçéèêëîïôœùûüÿ",
    "es": "áéíñóúü",
    "it": "àèéìíîòóùú",
    "pl": "ąćęłńóśźż",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяʼ",
}
# punctuation and symbols outside ASCII that these languages' texts use (Latin-1's,
# general punctuation: dashes, quotation marks, ellipsis; currency signs; numero)
SYMBOL_RANGES = ((0x00A0, 0x00BF), (0x00D7, 0x00D7), (0x00F7, 0x00F7), (0x2010, 0x205E),
                 (0x20A0, 0x20C0), (0x2116, 0x2116), (0x2122, 0x2122))
METASPACE = "\u2581"
EMBEDDINGS = "encoder.embeddings.word_embeddings.weight"
RUN_FILES = ("config.json", "tc_head.npz")


def allowed_characters() -> frozenset[str]:
    """Every character a kept piece may be made of."""
    letters = {c for alphabet in ALPHABETS.values() for c in alphabet}
    letters |= {c.upper() for c in letters if len(c.upper()) == 1}
    ascii_marks = {chr(i) for i in range(0x21, 0x7F) if not chr(i).isalpha()}
    symbols = {chr(i) for low, high in SYMBOL_RANGES for i in range(low, high + 1)
               if unicodedata.category(chr(i))[0] in "PSZN"}
    return frozenset(letters | ascii_marks | symbols | {METASPACE})


def kept_ids(pieces: Sequence[str], specials: Sequence[int]) -> list[int]:
    """Ids of the pieces to keep, in their old order: the specials and every piece made only
    of allowed characters."""
    allowed = allowed_characters()
    special = set(specials)
    return [i for i, piece in enumerate(pieces) if i in special or set(piece) <= allowed]


@dataclass(frozen=True)
class Pruning:
    """What pruning kept and what its check found."""

    pieces_before: int
    pieces_after: int
    held_texts: dict[str, int]  # texts per language
    held_tokens: int
    changed_ids: int  # must be 0

    def to_card(self) -> dict:
        return {"rule": "pieces written only in the letters of " + ", ".join(LANGUAGES)
                        + " (Latin with their accents, Russian and Ukrainian Cyrillic), digits, "
                          "punctuation and currency signs; special pieces",
                "languages": list(LANGUAGES), **asdict(self)}


def pruned_tokenizer_json(tokenizer: dict, keep: Sequence[int]) -> dict:
    """The tokenizer with only the ``keep`` pieces, renumbered in order."""
    new_id = {old: new for new, old in enumerate(keep)}
    model = tokenizer["model"]
    if model.get("type") != "Unigram":
        raise ModelError("vocabulary pruning needs a Unigram (SentencePiece) tokenizer")
    pruned = json.loads(json.dumps(tokenizer))
    pruned["model"]["vocab"] = [model["vocab"][i] for i in keep]
    pruned["model"]["unk_id"] = new_id[model["unk_id"]]
    for special in pruned.get("post_processor", {}).get("special_tokens", {}).values():
        special["ids"] = [new_id[i] for i in special["ids"]]
    for added in pruned.get("added_tokens", []):
        added["id"] = new_id[added["id"]]
    return pruned


def check_held(before, after, keep: Sequence[int], held: Mapping[str, Sequence[str]]) -> tuple[int, int]:
    """(tokens, changed ids) over the held texts: old ids mapped to new against the pruned
    tokenizer's ids."""
    new_id = {old: new for new, old in enumerate(keep)}
    tokens = changed = 0
    for texts in held.values():
        for text in texts:
            old = [new_id.get(i, -1) for i in before.encode(text, add_special_tokens=True).ids]
            new = after.encode(text, add_special_tokens=True).ids
            tokens += len(old)
            changed += max(len(old), len(new)) if len(old) != len(new) else sum(a != b for a, b in zip(old, new))
    return tokens, changed


def read_held(path: Path) -> dict[str, list[str]]:
    """The held texts of ``path`` (JSON: {"texts": {language: [text, ...]}})."""
    try:
        texts = json.loads(Path(path).read_text(encoding="utf-8"))["texts"]
    except (OSError, ValueError, KeyError) as error:
        raise ModelError(f"{path}: cannot read the held texts ({error})") from None
    missing = [language for language in LANGUAGES if not texts.get(language)]
    if missing:
        raise ModelError(f"{path}: no held texts for {', '.join(missing)}")
    return texts


def prune_weights(source: Path, dest: Path, keep: Sequence[int]) -> None:
    """Copy ``weights.safetensors`` and ``encoder_config.json`` with only the kept embedding rows."""
    from safetensors.numpy import load_file, save_file

    tensors = load_file(str(source / "weights.safetensors"))
    tensors[EMBEDDINGS] = np.ascontiguousarray(tensors[EMBEDDINGS][np.asarray(keep)])
    save_file(tensors, str(dest / "weights.safetensors"))
    config = json.loads((source / "encoder_config.json").read_text(encoding="utf-8"))
    config["vocab_size"] = len(keep)
    (dest / "encoder_config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def special_ids(tokenizer: dict) -> list[int]:
    """The ids of ``<unk>`` and of the pieces the post-processor frames texts with."""
    framing = tokenizer.get("post_processor", {}).get("special_tokens", {}).values()
    return [tokenizer["model"]["unk_id"], *(i for special in framing for i in special["ids"])]


def prune_run(run_dir: Path, dest: Path, held: Mapping[str, Sequence[str]]) -> Pruning:
    """Write ``dest``: the training run ``run_dir`` with its vocabulary pruned, ready for
    ``spinscope ship``; raises if pruning changes a token id of a held text."""
    from tokenizers import Tokenizer

    run_dir, dest = Path(run_dir), Path(dest)
    raw = json.loads((run_dir / "tokenizer.json").read_text(encoding="utf-8"))
    pieces = [piece for piece, _ in raw["model"]["vocab"]]
    keep = kept_ids(pieces, special_ids(raw))
    pruned = pruned_tokenizer_json(raw, keep)
    before, after = Tokenizer.from_str(json.dumps(raw)), Tokenizer.from_str(json.dumps(pruned))
    tokens, changed = check_held(before, after, keep, held)
    report = Pruning(len(pieces), len(keep), {k: len(v) for k, v in held.items()}, tokens, changed)
    if changed:
        raise ModelError(f"pruning changed {changed} token ids of the held texts: {report}")
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "tokenizer.json").write_text(json.dumps(pruned, ensure_ascii=False), encoding="utf-8")
    prune_weights(run_dir, dest, keep)
    for name in RUN_FILES:
        shutil.copyfile(run_dir / name, dest / name)
    (dest / "pruning.json").write_text(json.dumps(report.to_card(), indent=2) + "\n", encoding="utf-8")
    return report
