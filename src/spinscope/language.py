"""Which language a text is written in (ISO 639-1 codes), detected offline with py3langid.

py3langid ships its own naive-Bayes model (4.5 MB) and needs nothing else; it is loaded
once per process, on the first text that needs it (about 0.8 s), and reads one article in a
few milliseconds (only its first ``SAMPLE_CHARS`` characters are read). Most texts never
need it: a text of at least ``QUICK_MIN_WORDS`` words that is plainly English (a fifth of
its words or more among English's commonest function words, and at least ``QUICK_RATIO``
times the share of any other supported language's function words) is English at once, so
that ``spinscope analyze`` on an English article does not pay for loading the identifier.

The identifier knows about 100 languages, far more than spinscope analyses
(``SUPPORTED``). A short line is hard to tell apart from a close relative ("Это наглая
ложь" reads as Belarusian as often as Russian), so a language outside ``SUPPORTED`` is
only believed when the text is long enough (``MIN_LETTERS``) and the identifier is sure
of it (``SURE``); otherwise the text gets the best of the supported languages, and when
even that is unsure, English:

* no letters at all (numbers, punctuation): English;
* a text of at least ``MIN_LETTERS`` letters: the identifier's answer when it is a supported
  language, or when it is another language at probability ``SURE`` or more;
* otherwise (short, or unsure): the supported language the identifier ranks first, when its
  share among the supported languages is at least ``SURE`` or the text is mostly Cyrillic
  (Russian or Ukrainian, then); else English (too short to tell).
"""

from __future__ import annotations

import re
from collections import Counter
import threading
from typing import Any

from spinscope.errors import UnsupportedLanguageError

ENGLISH = "en"
SUPPORTED = ("en", "ru", "uk", "de", "fr", "es", "it", "pl")
"""The languages spinscope analyses: English with the English model, the others with ``multilingual``."""
SAMPLE_CHARS = 2000
QUICK_MIN_WORDS = 40
QUICK_SHARE = 0.2
QUICK_RATIO = 4
ENGLISH_MARKERS = frozenset(
    "the of and to a an in is was are were be been that this these for with as on at by from it its "
    "they their he his she her we our which who will would has have had not but".split())
_WORD_RE = re.compile(r"[^\W\d_]+")
MIN_LETTERS = 30
SURE = 0.9

NAMES = {
    "en": "English", "ru": "Russian", "uk": "Ukrainian", "de": "German", "fr": "French", "es": "Spanish",
    "it": "Italian", "pl": "Polish", "ar": "Arabic", "be": "Belarusian", "bg": "Bulgarian", "ca": "Catalan",
    "cs": "Czech", "da": "Danish", "el": "Greek", "et": "Estonian", "fa": "Persian", "fi": "Finnish",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian",
    "mk": "Macedonian", "nl": "Dutch", "no": "Norwegian", "pt": "Portuguese", "ro": "Romanian",
    "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish", "tr": "Turkish", "vi": "Vietnamese",
    "zh": "Chinese",
}

_identifier: Any = None
_lock = threading.Lock()


def name_of(code: str) -> str:
    """The English name of a language ("Russian"), or its code where the name is not listed."""
    return NAMES.get(code, code)


def supported_names() -> str:
    """The supported languages as a phrase for messages: "English, Russian, ... (en, ru, ...)"."""
    return f"{', '.join(name_of(c) for c in SUPPORTED)} ({', '.join(SUPPORTED)})"


def run_label(language: str | None, detector: str) -> str:
    """How the views name an analysis's run: "Russian, multilingual model" (the detector alone
    where the language is unknown)."""
    return f"{name_of(language)}, {detector} model" if language else detector


def identifier() -> Any:
    """py3langid's identifier with probabilities, loaded once per process."""
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _identifier


def _mostly_cyrillic(letters: str) -> bool:
    return sum("\u0400" <= c <= "\u04ff" for c in letters) * 2 > len(letters)


def _best_supported(ranking: list[tuple[str, float]]) -> tuple[str, float]:
    """The supported language ranked first and its share of the supported languages' probability."""
    supported = [(code, p) for code, p in ranking if code in SUPPORTED]
    total = sum(p for _, p in supported)
    code, p = supported[0]
    return code, (p / total if total > 0 else 0.0)


def plainly_english(sample: str) -> bool:
    """Whether a text is English by its function words alone (see the module docstring)."""
    words = _WORD_RE.findall(sample.lower())
    if len(words) < QUICK_MIN_WORDS:
        return False
    from spinscope.detector.function_words import BY_LANGUAGE

    counts = Counter(words)
    english = sum(counts[w] for w in ENGLISH_MARKERS.intersection(counts))
    other = max(sum(counts[w] for w in lists.function.intersection(counts) if w not in ENGLISH_MARKERS)
                for lists in BY_LANGUAGE.values())
    return english >= QUICK_SHARE * len(words) and english >= QUICK_RATIO * other


def detect(text: str) -> str:
    """The ISO 639-1 code of the text's language (see the module docstring for the rules)."""
    sample = text[:SAMPLE_CHARS]
    if plainly_english(sample):
        return ENGLISH
    letters = "".join(c for c in sample if c.isalpha())
    if not letters:
        return ENGLISH
    ranking = identifier().rank(sample)
    top, probability = ranking[0]
    if len(letters) >= MIN_LETTERS and (top in SUPPORTED or probability >= SURE):
        return top
    best, share = _best_supported(ranking)
    return best if share >= SURE or _mostly_cyrillic(letters) else ENGLISH


def check_supported(code: str) -> str:
    """``code`` when spinscope analyses that language; else UnsupportedLanguageError."""
    if code not in SUPPORTED:
        raise UnsupportedLanguageError(
            f"the text is in {name_of(code)} ({code}), which spinscope does not analyse; "
            f"supported: {supported_names()}", language=code)
    return code

