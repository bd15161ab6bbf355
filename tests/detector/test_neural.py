"""NeuralDetector with a hand-made encoder: decoding rules, TC naming, tuning."""

from __future__ import annotations

import sys
import threading

import numpy as np
import pytest

from spinscope import techniques
from spinscope.detector.card import ModelCard
from spinscope.detector.neural import CHUNK, NeuralDetector, apart_from
from spinscope.detector.span_classifier import N_TEXT_FEATURES, TcHead
from spinscope.document import Analysis, Document, Span
from spinscope.resources import SWITCH_INTERVAL, share_the_interpreter

N = len(techniques.TECHNIQUE_IDS)
LOADED, NAME_CALLING = techniques.index("loaded_language"), techniques.index("name_calling")
TEXT = "They are traitors and a shameful decision!"


@pytest.fixture
def detector(tokenizer) -> NeuralDetector:
    marked = {tokenizer.token_to_id("traitors"): NAME_CALLING, tokenizer.token_to_id("shameful"): LOADED}

    def runner(input_ids, attention_mask):
        logits = np.full(input_ids.shape + (N + 1,), -6.0, np.float32)
        hidden = np.zeros(input_ids.shape + (4,), np.float32)
        for token, column in marked.items():
            where = input_ids == token
            logits[where, column] = logits[where, N] = 6.0
            hidden[where, 0 if column == NAME_CALLING else 1] = 1.0
        return logits, hidden

    weight = np.zeros((N, 8 + N_TEXT_FEATURES), np.float32)
    weight[NAME_CALLING, 0] = weight[LOADED, 1] = 5.0
    card = ModelCard("fake", window=6, stride=2)
    return NeuralDetector(runner, tokenizer, TcHead(weight, np.zeros(N, np.float32)), card)


def found(analysis: Analysis) -> set[tuple[str, str]]:
    return {(analysis.document.text[s.start:s.end], s.technique) for s in analysis.spans}


def test_neural_predict_per_technique_finds_marked_words(detector):
    [analysis] = detector.predict([Document("d", TEXT)])
    assert found(analysis) == {("traitors", "name_calling"), ("shameful", "loaded_language")}


def test_neural_predict_span_then_classify_names_spans_with_the_tc_head(detector):
    card = detector.card.with_changes(decode="span_then_classify")
    [analysis] = detector.with_card(card).predict([Document("d", TEXT)])
    assert found(analysis) == {("traitors", "name_calling"), ("shameful", "loaded_language")}


def test_neural_classify_names_given_spans_and_keeps_offsets(detector):
    start = TEXT.index("traitors")
    gold = Analysis(Document("d", TEXT), (Span(start, start + 8, "doubt"), Span(start, start + 8, "doubt")))
    [named] = detector.classify([gold])
    assert [(s.start, s.end) for s in named.spans] == [(start, start + 8)] * 2
    assert {s.technique for s in named.spans} >= {"name_calling"}
    assert len({s.technique for s in named.spans}) == 2


def test_neural_predict_gives_a_document_the_same_spans_alone_or_beside_others(tokenizer, detector):
    """An int8 encoder's scores depend on what shares its batch; documents never share one."""
    hello = tokenizer.token_to_id("hello")

    def runner(input_ids, attention_mask):
        logits, hidden = detector.runner(input_ids, attention_mask)
        if (input_ids == hello).any():
            logits[:] = -6.0
        return logits, hidden

    twin = NeuralDetector(runner, detector.tokenizer, detector.tc_head, detector.card.with_changes(batch_size=16))
    alone, beside = twin.predict([Document("d", TEXT)]), twin.predict([Document("d", TEXT), Document("h", "Hello world")])
    assert found(alone[0]) == found(beside[0]) == {("traitors", "name_calling"), ("shameful", "loaded_language")}


def test_neural_predict_runs_windows_at_once_with_several_workers(detector):
    """With ``workers=2`` a second encoder call starts while the first is still running."""
    state = {"in_flight": 0, "peak": 0}
    lock, second_call = threading.Lock(), threading.Event()

    def runner(input_ids, attention_mask):
        with lock:
            state["in_flight"] += 1
            state["peak"] = max(state["peak"], state["in_flight"])
            if state["in_flight"] == 2:
                second_call.set()
        second_call.wait(timeout=5)  # one worker alone waits here in vain
        with lock:
            state["in_flight"] -= 1
        return detector.runner(input_ids, attention_mask)

    assert detector.card.batch_size == 1  # one window per call: a document makes several calls
    twin = NeuralDetector(runner, detector.tokenizer, detector.tc_head, detector.card, workers=2)
    [parallel] = twin.predict([Document("d", TEXT)])
    assert state["peak"] == 2
    assert parallel.spans == detector.predict([Document("d", TEXT)])[0].spans


def test_neural_analyses_queue_the_next_chunk_before_yielding_this_one(detector):
    """While the caller handles a chunk's analyses, the next chunk's windows are already with
    the encoder; the analyses are predict's, in order."""
    documents = [Document(f"d{i}", TEXT if i % 2 else "Hello world") for i in range(CHUNK + 3)]
    twin = NeuralDetector(detector.runner, detector.tokenizer, detector.tc_head, detector.card, workers=2)
    started = []
    start = twin.start_for_spans
    twin.start_for_spans = lambda chunk: started.append(len(chunk)) or start(chunk)
    stream = twin.analyses(documents)
    first = next(stream)
    assert started == [CHUNK, 3]  # both chunks queued before the first analysis came back
    assert [first, *stream] == detector.predict(documents)
    twin.close()


def test_neural_analyses_hand_back_a_document_once_its_own_windows_are_done(detector, tokenizer):
    """A document's analysis does not wait for the windows of the documents after it."""
    slow_word = tokenizer.token_to_id("cafe")
    assert slow_word is not None
    release, finished = threading.Event(), threading.Event()

    def runner(input_ids, attention_mask):
        if (input_ids == slow_word).any():
            release.wait(timeout=10)  # held until the first analysis is back (10 s at worst)
            finished.set()
        return detector.runner(input_ids, attention_mask)

    twin = NeuralDetector(runner, detector.tokenizer, detector.tc_head, detector.card, workers=2)
    documents = [Document("fast", TEXT), Document("slow", "A cafe. " + TEXT)]
    stream = twin.analyses(documents)
    try:
        first = next(stream)
        assert not finished.is_set()  # the slow document's window is still running
    finally:
        release.set()
    assert [first, *stream] == detector.predict(documents)
    twin.close()


def test_an_encoder_pool_shortens_the_gil_switch_interval(detector):
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        twin = NeuralDetector(detector.runner, detector.tokenizer, detector.tc_head, detector.card, workers=2)
        twin.pool()
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
        sys.setswitchinterval(0.0001)
        share_the_interpreter()
        assert sys.getswitchinterval() == pytest.approx(0.0001)  # never lengthened
        twin.close()
    finally:
        sys.setswitchinterval(before)


def test_neural_predict_empty_document_has_no_spans(detector):
    assert detector.predict([Document("e", "   ")])[0].spans == ()


def test_tune_reaches_perfect_scores_on_marked_words(detector):
    from spinscope.training.tuning import tune

    start, other = TEXT.index("traitors"), TEXT.index("shameful")
    gold = [Analysis(Document("d", TEXT), (Span(start, start + 8, "name_calling"),
                                           Span(other, other + 8, "loaded_language")))]
    tuned = tune(detector, gold)
    assert tuned.scores["si_f1"] == 1.0 and tuned.scores["e2e_f1"] == 1.0 and tuned.scores["tc_micro_f1"] == 1.0


def test_span_then_classify_reads_each_tokens_strongest_column(tokenizer, detector):
    """A word only its technique column marks (the span channel stays low) is still found."""
    shameful = tokenizer.token_to_id("shameful")

    def runner(input_ids, attention_mask):
        logits, hidden = detector.runner(input_ids, attention_mask)
        logits[..., N] = -6.0
        logits[input_ids == shameful, LOADED] = 0.4  # p = 0.6: found at 0.5, not at 0.7
        return logits, hidden

    card = detector.card.with_changes(decode="span_then_classify", span_threshold=0.5)
    twin = NeuralDetector(runner, detector.tokenizer, detector.tc_head, card)
    [analysis] = twin.predict([Document("d", TEXT)])
    assert found(analysis) == {("traitors", "name_calling"), ("shameful", "loaded_language")}
    [seeded] = twin.with_card(card.with_changes(span_seed=0.7)).predict([Document("d", TEXT)])
    assert found(seeded) == {("traitors", "name_calling")}


def test_per_technique_and_regions_adds_only_regions_no_technique_span_touches(tokenizer, detector):
    """"shameful" is high only in the span channel: no technique column finds it, the region
    rule does and the TC head names it; "traitors" is found by its column and not twice."""
    shameful = tokenizer.token_to_id("shameful")

    def runner(input_ids, attention_mask):
        logits, hidden = detector.runner(input_ids, attention_mask)
        logits[input_ids == shameful, LOADED] = -6.0
        return logits, hidden

    card = detector.card.with_changes(decode="per_technique_and_regions", span_threshold=0.5)
    twin = NeuralDetector(runner, detector.tokenizer, detector.tc_head, card)
    [analysis] = twin.predict([Document("d", TEXT)])
    assert sorted(found(analysis)) == [("shameful", "loaded_language"), ("traitors", "name_calling")]
    assert len(analysis.spans) == 2
    [columns_only] = twin.with_card(card.with_changes(decode="per_technique")).predict([Document("d", TEXT)])
    assert found(columns_only) == {("traitors", "name_calling")}

    from spinscope.training.metrics import score_predictions
    from spinscope.training.tuning import tune_regions

    start, other = TEXT.index("traitors"), TEXT.index("shameful")
    gold = [Analysis(Document("d", TEXT), (Span(start, start + 8, "name_calling"),
                                           Span(other, other + 8, "loaded_language")))]
    encoded = twin.encode([gold[0].document])
    classified = [twin.classify_encoded(gold[0], encoded[0])]
    tuned = tune_regions(twin, gold, encoded, classified, card.with_changes(decode="per_technique", span_threshold=0.9))
    assert tuned.decode == "per_technique_and_regions"
    scores = score_predictions(gold, twin.with_card(tuned).predict([gold[0].document]), classified)
    assert scores["si_f1"] == 1.0 and scores["e2e_f1"] == 1.0


def test_tune_reports_held_out_figures_from_settings_chosen_on_the_other_half(detector):
    from spinscope.training.tuning import halves, tune

    texts = [TEXT, "The traitors are shameful!", "They are a decision."]
    gold = []
    for number, text in enumerate(texts):
        spans = [Span(text.index(word), text.index(word) + 8, technique)
                 for word, technique in (("traitors", "name_calling"), ("shameful", "loaded_language"))
                 if word in text]
        gold.append(Analysis(Document(f"a{number}", text), tuple(spans)))
    first, second = halves(gold)
    assert sorted(first + second) == [0, 1, 2] and abs(len(first) - len(second)) <= 1
    tuned = tune(detector, gold)
    assert tuned.scores["held_out_si_f1"] == 1.0 and tuned.scores["held_out_e2e_f1"] == 1.0


def test_neural_spans_carry_calibrated_scores_technique_scores_and_levels(detector):
    card = detector.card.with_changes(calibration=((0.0, 0.0), (1.0, 0.8)),
                                      technique_calibration=((0.0, 0.1), (1.0, 0.9)), likely_cut=0.7)
    [analysis] = detector.with_card(card).predict([Document("d", TEXT)])
    assert analysis.spans and analysis.scale == card.scale
    for span in analysis.spans:
        assert span.score == pytest.approx(0.8, abs=0.01)  # strongest column ~1.0 mapped by the knots
        assert 0.1 < span.technique_score < 0.9 and span.level == "likely"
    [stricter] = detector.with_card(card.with_changes(likely_cut=0.9)).predict([Document("d", TEXT)])
    assert {s.level for s in stricter.spans} == {"possible"}


def test_tune_fits_score_maps_and_a_likely_cut_and_density_reference_fills_quantiles(detector):
    from spinscope.training.scores import density_reference
    from spinscope.training.tuning import tune

    start, other = TEXT.index("traitors"), TEXT.index("shameful")
    gold = [Analysis(Document(f"d{i}", TEXT), (Span(start, start + 8, "name_calling"),
                                               Span(other, other + 8, "loaded_language"))) for i in range(3)]
    tuned = tune(detector, gold)
    assert tuned.card.calibration and tuned.card.technique_calibration
    assert tuned.calibration.spans == 6 and 0.0 <= tuned.card.likely_cut <= 1.0
    card = density_reference(detector, tuned.card, [g.document for g in gold])
    assert len(card.densities) == 101 and card.densities[0] == pytest.approx(16 / len(TEXT), abs=0.01)


def test_neural_score_feature_technique_reads_the_spans_own_column(detector):
    encoded = detector.encode([Document("d", TEXT)])[0]
    start = TEXT.index("traitors")
    spans = [Span(start, start + 8, "name_calling"), Span(start, start + 8, "doubt")]
    strongest, _ = detector.evidence(encoded, TEXT, spans)
    own, _ = detector.with_card(detector.card.with_changes(score_feature="technique")).evidence(encoded, TEXT, spans)
    assert strongest[0] == strongest[1] == pytest.approx(1.0, abs=0.01)  # the name-calling column, either way
    assert own[0] == pytest.approx(1.0, abs=0.01) and own[1] == pytest.approx(0.0, abs=0.01)  # doubt's column is low


def test_neural_card_rejects_an_unknown_score_feature():
    from spinscope.errors import ModelError

    with pytest.raises(ModelError, match="score_feature"):
        ModelCard("fake", score_feature="loudest")


@pytest.mark.parametrize("written, read", [(True, 3), (False, 0), (5, 5)])
def test_neural_card_reads_cut_pieces_as_content_words_and_old_cards_true_as_three(tmp_path, written, read):
    import json

    ModelCard("fake").save(tmp_path)
    data = json.loads((tmp_path / "spinscope.json").read_text(encoding="utf-8"))
    (tmp_path / "spinscope.json").write_text(json.dumps(data | {"cut_pieces": written}), encoding="utf-8")
    card = ModelCard.load(tmp_path)
    assert card.cut_pieces == read and type(card.cut_pieces) is int
    card.save(tmp_path)
    assert ModelCard.load(tmp_path) == card


@pytest.mark.parametrize("pieces", [-1, True, 2.5])
def test_neural_card_rejects_cut_pieces_that_are_not_a_count(pieces):
    from spinscope.errors import ModelError

    with pytest.raises(ModelError, match="cut_pieces"):
        ModelCard("fake", cut_pieces=pieces)


def test_calibrate_keeps_the_score_feature_whose_held_out_likely_spans_are_more_precise(detector):
    from spinscope.training import scores

    start, other = TEXT.index("traitors"), TEXT.index("shameful")
    gold = [Analysis(Document(f"d{i}", TEXT), (Span(start, start + 8, "name_calling"),
                                               Span(other, other + 8, "loaded_language"))) for i in range(3)]
    encoded = detector.encode([g.document for g in gold])
    fits = {f: scores.fit_scores(detector, detector.card.with_changes(score_feature=f), gold, encoded)
            for f in ("strongest", "technique")}
    card, report = scores.calibrate(detector, detector.card, gold, encoded)
    assert card.score_feature == report.feature
    best = max(fits.values(), key=lambda fit: (fit[1].likely_precision >= 0.6, fit[1].likely_share
                                                if fit[1].likely_precision >= 0.6 else fit[1].likely_precision))
    assert report.likely_precision == best[1].likely_precision and report.likely_share == best[1].likely_share
    assert report.figures()["score"]["feature"] == card.score_feature


def test_apart_from_keeps_the_spans_that_overlap_none_of_the_others():
    others = [Span(30, 40, "doubt"), Span(0, 25, "doubt"), Span(10, 12, "doubt")]
    spans = [Span(25, 30, "flag_waving"), Span(20, 26, "flag_waving"), Span(39, 45, "flag_waving"),
             Span(14, 16, "flag_waving"), Span(40, 41, "flag_waving"), Span(26, 29, "flag_waving")]
    pairwise = [s for s in spans if not any(s.overlaps(o) for o in others)]
    assert apart_from(spans, others) == pairwise == [spans[0], spans[4], spans[5]]
    assert apart_from(spans, []) == spans and apart_from([], others) == []
