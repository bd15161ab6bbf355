"""A teacher's probabilities carried to another tokenizer by characters, and blended into targets."""

from __future__ import annotations

import numpy as np
import pytest

from spinscope import techniques
from spinscope.detector.windows import load_tokenizer, make_windows
from spinscope.errors import ConfigError
from spinscope.io.ptc import read_gold
from spinscope.training import data, distill
from spinscope.training.config import TrainConfig
from tests.training.conftest import base_folder


def test_distill_each_character_takes_its_tokens_row_and_gaps_stay_unknown():
    offsets = np.array([[0, 3], [4, 6]])
    probs = np.array([[0.2, 0.4], [0.8, 0.6]], np.float32)
    chars = distill.char_probabilities(offsets, probs, 8)
    assert chars[:3].tolist() == [[pytest.approx(0.2), pytest.approx(0.4)]] * 3
    assert np.isnan(chars[3]).all() and np.isnan(chars[6:]).all()
    assert chars[4:6, 0].tolist() == [pytest.approx(0.8)] * 2


def test_distill_a_student_token_averages_the_characters_of_the_teacher_tokens_under_it():
    # teacher tokens "abc" (0.2) and "de" (0.8); the student reads "abcde" as "ab" + "cde"
    chars = distill.char_probabilities(np.array([[0, 3], [3, 5]]), np.array([[0.2], [0.8]], np.float32), 7)
    means, covered = distill.token_means(chars, np.array([[0, 2], [2, 5], [5, 7]]))
    assert means[0, 0] == pytest.approx(0.2)
    assert means[1, 0] == pytest.approx((0.2 + 0.8 + 0.8) / 3)
    assert covered.tolist() == [True, True, False]


def test_distill_teacher_columns_follow_the_projects_technique_order():
    shuffled = list(reversed(techniques.TECHNIQUE_IDS))
    columns = distill.label_columns(shuffled)
    assert [shuffled[c] for c in columns[:-1]] == list(techniques.TECHNIQUE_IDS)
    assert columns[-1] == len(shuffled)
    with pytest.raises(ConfigError, match="lacks the techniques"):
        distill.label_columns(shuffled[1:])


def prepared(ptc_folder):
    gold = read_gold(ptc_folder)
    return gold, data.prepare(gold, load_tokenizer(base_folder() / "tokenizer.json"))


def test_distill_blend_moves_targets_towards_the_teacher_by_the_weights(ptc_folder):
    gold, docs = prepared(ptc_folder)
    views = []
    for analysis, document in zip(gold, docs):
        chars = np.full((len(analysis.document.text), data.N_CHANNELS), 0.5, np.float32)
        chars[:document.tokens.offsets[0, 1]] = np.nan  # the teacher saw nothing of the first token
        spans = np.full((len(analysis.spans), data.N_LABELS), 1 / data.N_LABELS, np.float32)
        views.append(distill.TeacherView(chars, spans))
    blended = distill.blend(docs, views, 0.25, 1.0)
    document, before = blended[0], docs[0]
    assert np.array_equal(document.targets[0], before.targets[0])
    assert np.allclose(document.targets[1:], 0.75 * before.targets[1:] + 0.25 * 0.5)
    assert np.allclose(document.spans[0].soft, 1 / data.N_LABELS)
    assert before.spans[0].soft is None  # the gold documents are left as they were


def test_distill_soft_tc_targets_reach_the_batch_and_a_one_hot_target_is_the_label_loss(ptc_folder, tiny_encoder):
    import torch

    from spinscope.detector.windows import special_ids
    from spinscope.training.model import SpanTechniqueModel
    from spinscope.training.train import losses

    gold, docs = prepared(ptc_folder)
    tokenizer = load_tokenizer(base_folder() / "tokenizer.json")
    windows = make_windows([d.tokens for d in docs], 64, 62)
    hard = data.make_batch(docs, windows, special_ids(tokenizer))
    one_hot = [distill.TeacherView(np.full((len(a.document.text), data.N_CHANNELS), np.nan, np.float32),
                                   np.eye(data.N_LABELS, dtype=np.float32)[[s.label for s in d.spans]])
               for a, d in zip(gold, docs)]
    soft = data.make_batch(distill.blend(docs, one_hot, 0.5, 0.5), windows, special_ids(tokenizer))
    assert hard.span_targets is None and soft.span_targets.shape == (len(hard.spans), data.N_LABELS)
    assert np.array_equal(soft.targets, hard.targets)  # no character covered: gold token targets
    torch.manual_seed(0)
    model = SpanTechniqueModel(tiny_encoder(), dropout=0.0).eval()
    columns = torch.ones(data.N_CHANNELS) / data.N_CHANNELS
    _, hard_tc = losses(model, hard, torch.ones(data.N_CHANNELS), 1.0, columns)
    _, soft_tc = losses(model, soft, torch.ones(data.N_CHANNELS), 1.0, columns)
    assert soft_tc.item() == pytest.approx(hard_tc.item(), rel=1e-5)


@pytest.mark.slow
def test_distill_a_shipped_model_teaches_probabilities_for_every_character_and_gold_span(ptc_folder):
    from spinscope.detector.loading import load_detector

    gold = read_gold(ptc_folder)
    teacher = load_detector("minilm-ptc-fast", threads=1)
    try:
        views = distill.teach(teacher, gold)
    finally:
        teacher.close()
    for analysis, view in zip(gold, views):
        assert view.chars.shape == (len(analysis.document.text), data.N_CHANNELS)
        words = [i for i, c in enumerate(analysis.document.text) if c.isalpha()]
        assert not np.isnan(view.chars[words]).any()
        assert ((view.chars[words] >= 0) & (view.chars[words] <= 1)).all()
        assert view.spans.shape == (len(analysis.spans), data.N_LABELS)
        assert np.allclose(view.spans.sum(axis=1), 1.0, atol=1e-5)


def test_distill_config_rejects_teacher_weights_outside_zero_to_one():
    with pytest.raises(ConfigError, match="teacher_weight"):
        TrainConfig(teacher="mpnet-ptc", teacher_weight=1.5)


def test_distill_a_distilled_models_card_names_its_teacher_and_shares(tmp_path):
    from spinscope.training.ship import run_notes

    notes = run_notes(tmp_path, TrainConfig(teacher="mpnet-ptc", teacher_weight=0.5, teacher_tc_weight=0.7))
    assert notes["distilled_from"].startswith("mpnet-ptc:") and "0.5" in notes["distilled_from"]
    assert "0.7" in notes["distilled_from"]
    assert "distilled_from" not in run_notes(tmp_path, TrainConfig())


@pytest.mark.slow
def test_distill_a_training_run_teaches_with_its_torch_weights_and_a_student_trains_on_it(tiny_run, tmp_path,
                                                                                          tiny_encoder):
    from dataclasses import replace

    from spinscope.detector.neural import NeuralDetector
    from spinscope.training.train import load_teacher, train

    config, result, ptc = tiny_run
    teacher = load_teacher(str(result.run_dir), 1, False)
    assert isinstance(teacher, NeuralDetector)
    views = distill.teach(teacher, read_gold(ptc))
    # the tiny teacher was trained to overfit these articles: it is sure of the gold spans' techniques
    gold = read_gold(ptc)
    assert all(int(view.spans[i].argmax()) == techniques.index(span.technique)
               for analysis, view in zip(gold, views) for i, span in enumerate(analysis.spans))
    student = replace(config, name="student", epochs=1, dev=None, teacher=str(result.run_dir))
    train(student, tmp_path / "student", encoder=tiny_encoder())
    log = (tmp_path / "student" / "train.log").read_text(encoding="utf-8")
    assert f"teacher {result.run_dir}: 4 articles" in log
    train(student, tmp_path / "student", encoder=tiny_encoder())  # finished: nothing left to teach
    log = (tmp_path / "student" / "train.log").read_text(encoding="utf-8")
    assert log.count(f"teacher {result.run_dir}:") == 1


def test_distill_a_teacher_that_learnt_from_the_runs_dev_articles_is_refused(ptc_folder, tmp_path):
    # a run folder as train() leaves it: its config names the folders it learnt from
    run = tmp_path / "teacher-run"
    run.mkdir()
    TrainConfig(name="teacher", train=(str(ptc_folder),)).save(run / "config.json")
    (run / "weights.safetensors").write_bytes(b"")
    dev = read_gold(ptc_folder)
    assert distill.learnt_from(str(run)) == {a.document.id for a in dev}
    with pytest.raises(ConfigError, match="learnt from 4 of this run's dev articles"):
        distill.check_unseen(str(run), dev)
    TrainConfig(name="teacher", train=(str(tmp_path / "elsewhere"),)).save(run / "config.json")
    distill.check_unseen(str(run), dev)  # folders it learnt from that are not here: nothing to compare


def test_distill_a_shipped_teachers_card_lists_what_it_learnt_from(ptc_folder, tmp_path):
    from spinscope.detector.card import ModelCard
    from spinscope.detector.loading import shipped_folder

    folder = tmp_path / "model"
    folder.mkdir()
    card = ModelCard.load(shipped_folder("minilm-ptc"))
    card.with_changes(about={"training_data": [str(ptc_folder)]}).save(folder)
    assert distill.learnt_from(str(folder)) == {a.document.id for a in read_gold(ptc_folder)}
    card.with_changes(about={}).save(folder)
    assert distill.learnt_from(str(folder)) == set()
