"""Tests of the progress record: where it lives, that answers survive, and what happens to a damaged file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from course_lib.quiz.bank import load_bank
from course_lib.quiz.check import ScenarioAnswer, check
from course_lib.quiz.progress import (
    ENV_VAR,
    ProgressStore,
    ProgressWarning,
    default_progress_path,
    summarise,
)

BANK = load_bank()


def answer(store: ProgressStore, qid: str, value, notebook: str = "05_quiz"):
    q = BANK.get(qid)
    return store.record(q, check(q, value), value, notebook=notebook)


def test_env_var_overrides_location(tmp_path, monkeypatch):
    """Does COURSE_PROGRESS_FILE decide where progress is kept?"""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "p.json"))
    assert default_progress_path() == tmp_path / "p.json"
    assert ProgressStore().path == tmp_path / "p.json"


def test_default_location_is_outside_the_repo(monkeypatch, repo_root):
    """Without the variable, is the file in the user's data folder, not in the course folder?"""
    monkeypatch.delenv(ENV_VAR, raising=False)
    path = default_progress_path()
    assert repo_root not in path.parents
    assert path.name == "progress.json" and "prompt-rag-finetune" in str(path)


def test_the_data_and_cache_folders_share_one_application_name(monkeypatch, tmp_path):
    """Are the progress file and the embedding cache under one name, in the XDG folders where those are set?"""
    from course_lib.files import cache_dir

    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.delenv("COURSE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert default_progress_path() == tmp_path / "data" / "prompt-rag-finetune" / "progress.json"
    assert cache_dir() == tmp_path / "cache" / "prompt-rag-finetune"


def test_tests_never_touch_the_real_progress_file():
    """Does the shared test set-up point the store at a temporary file?"""
    assert "course-test-progress-" in os.environ[ENV_VAR]


def test_record_then_read_back(tmp_path):
    """Is an answer written to disk at once, with its score, objective, notebook and plain-data answer?"""
    store = ProgressStore(tmp_path / "p.json")
    answer(store, "src-q1-json-chatbot", "b", notebook="01_decision_framework")
    answer(store, "src-ex3-support-categories", ScenarioAnswer("prompting", ("prompting_not_tried",)))
    data = json.loads((tmp_path / "p.json").read_text())
    assert [a["question_id"] for a in data["attempts"]] == ["src-q1-json-chatbot", "src-ex3-support-categories"]
    first, second = ProgressStore(tmp_path / "p.json").attempts()
    assert (first.correct, first.score, first.objective, first.notebook) == (True, 1.0, "LO1", "01_decision_framework")
    assert second.answer == {"approach": "prompting", "criteria": ["prompting_not_tried"], "justification": ""}
    assert 0 < second.score < 1


def test_answers_survive_a_new_process(tmp_path):
    """Are answers recorded by one Python process (a kernel) still there for the next one?"""
    path = tmp_path / "p.json"
    code = (
        "from course_lib.quiz.bank import load_bank; from course_lib.quiz.check import check;"
        "from course_lib.quiz.progress import ProgressStore; q = load_bank().get('src-q2-drug-interactions');"
        "ProgressStore().record(q, check(q, 'b'), 'b')"
    )
    env = {**os.environ, ENV_VAR: str(path)}
    for _ in range(2):
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
    assert [a.question_id for a in ProgressStore(path).attempts()] == ["src-q2-drug-interactions"] * 2


def test_two_stores_on_one_file_do_not_lose_answers(tmp_path):
    """With two notebooks open on the same file, does each write keep the other's answers?"""
    a, b = ProgressStore(tmp_path / "p.json"), ProgressStore(tmp_path / "p.json")
    answer(a, "src-q1-json-chatbot", "a")
    answer(b, "src-q2-drug-interactions", "b")
    answer(a, "src-q3-catastrophic-forgetting", "b")
    assert len(ProgressStore(tmp_path / "p.json").attempts()) == 3


BAD_ATTEMPT = ('{"attempts": [{"question_id": "x", "objective": "LO1", "notebook": "", "score": "high", '
               '"correct": true, "answer": "a", "time": 0}]}')


@pytest.mark.parametrize("content", ["{not json", "[1, 2, 3]", '{"attempts": [{"bogus": 1}]}', BAD_ATTEMPT])
def test_corrupt_file_is_set_aside_with_a_warning(tmp_path, content):
    """Is a damaged file renamed aside (content intact) with a warning, and a fresh file started?"""
    path = tmp_path / "p.json"
    path.write_text(content, encoding="utf-8")
    store = ProgressStore(path)
    with pytest.warns(ProgressWarning, match="was damaged"):
        answer(store, "src-q1-json-chatbot", "b")
    aside = list(tmp_path.glob("p.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == content
    assert [a.question_id for a in ProgressStore(path).attempts()] == ["src-q1-json-chatbot"]


def test_unreadable_file_is_set_aside_not_overwritten(tmp_path, monkeypatch):
    """Is a file that cannot be read kept under another name, with a warning, and a new file started?"""
    path = tmp_path / "p.json"
    original = '{"version": 1, "attempts": []}'
    path.write_text(original)
    real_read_text = Path.read_text

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refuse)
    store = ProgressStore(path)
    with pytest.warns(ProgressWarning, match="could not be read"):
        answer(store, "src-q1-json-chatbot", "b")
    monkeypatch.undo()
    aside = list(tmp_path.glob("p.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text() == original
    assert [a.question_id for a in ProgressStore(path).attempts()] == ["src-q1-json-chatbot"]


def test_file_that_can_neither_be_read_nor_moved_is_left_alone(tmp_path, monkeypatch):
    """When the damaged file cannot be moved aside either, is it left untouched and the answer kept in memory?"""
    path = tmp_path / "p.json"
    path.write_text("{damaged")

    def no_replace(src, dst):
        raise PermissionError(13, "Permission denied", str(src))

    monkeypatch.setattr(os, "replace", no_replace)
    store = ProgressStore(path)
    with pytest.warns(ProgressWarning, match="could not be moved aside"):
        answer(store, "src-q1-json-chatbot", "b")
    assert not store.writable and path.read_text() == "{damaged"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProgressWarning)
        assert [a.question_id for a in store.attempts()] == ["src-q1-json-chatbot"]


def test_unwritable_folder_keeps_answers_in_memory(tmp_path):
    """When the file cannot be written, is the answer kept in memory with a warning instead of raising?"""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    store = ProgressStore(blocker / "p.json")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        answer(store, "src-q1-json-chatbot", "b")
    assert any(issubclass(w.category, ProgressWarning) for w in caught)
    assert [a.question_id for a in store.attempts()] == ["src-q1-json-chatbot"]


def test_summary_counts_best_attempt_per_objective_and_notebook(tmp_path):
    """Does the summary count a question once, by its best attempt, under its objective and its notebooks?"""
    store = ProgressStore(tmp_path / "p.json")
    answer(store, "src-q1-json-chatbot", "a")          # LO1, wrong
    answer(store, "src-q1-json-chatbot", "b")          # LO1, then right
    answer(store, "src-q3-catastrophic-forgetting", "a")  # LO5, wrong
    s = summarise(store, BANK)
    lo = s.by_objective.set_index("group")
    assert lo.loc["LO1", "attempted"] == 1 and lo.loc["LO1", "correct"] == 1
    assert lo.loc["LO5", "attempted"] == 1 and lo.loc["LO5", "correct"] == 0
    assert lo.loc["LO1", "items"] == len(BANK.by_objective("LO1"))
    assert lo.loc["LO1", "mastery"] == pytest.approx(1 / len(BANK.by_objective("LO1")))
    nb = s.by_notebook.set_index("group")
    assert nb.loc["01_decision_framework", "correct"] == 1
    assert nb.loc["04_hybrid_and_pitfalls", "attempted"] == 1
    assert nb.loc["02_cost_benefit", "attempted"] == 0
    assert s.attempts == 3
    assert "LO1" in s.to_text() and "3 answers recorded" in s.to_text()


def test_summary_of_empty_store(tmp_path):
    """Does a learner with no answers get a summary of zeros rather than an error?"""
    s = summarise(ProgressStore(tmp_path / "none.json"), BANK)
    assert s.attempts == 0 and s.by_objective["attempted"].sum() == 0
    assert not (tmp_path / "none.json").exists()


def test_unreadable_path_is_left_alone_even_as_root(tmp_path):
    """When the progress path cannot be read (here it is a folder), is it left untouched and the answer kept in memory?"""
    path = tmp_path / "p.json"
    path.mkdir()
    (path / "keep.txt").write_text("mine")
    store = ProgressStore(path)
    with pytest.warns(ProgressWarning, match="it is a folder"):
        answer(store, "src-q1-json-chatbot", "b")
    assert not store.writable
    assert (path / "keep.txt").read_text() == "mine"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProgressWarning)
        assert [a.question_id for a in store.attempts()] == ["src-q1-json-chatbot"]


def test_course_progress_command(tmp_path, capsys):
    """Does `course progress` print the file's location and the per-objective counts (and JSON on request)?"""
    from course_lib.cli import main

    store = ProgressStore(tmp_path / "p.json")
    answer(store, "src-q1-json-chatbot", "b")
    assert main(["progress", "--file", str(tmp_path / "p.json")]) == 0
    out = capsys.readouterr().out
    assert str(tmp_path / "p.json") in out and "LO1" in out and "1 answer recorded" in out
    assert main(["progress", "--file", str(tmp_path / "p.json"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    lo1 = next(r for r in data["by_objective"] if r["group"] == "LO1")
    assert data["attempts"] == 1 and lo1["correct"] == 1
