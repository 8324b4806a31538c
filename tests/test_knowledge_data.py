"""The knowledge base and its questions: two versions that really differ, deterministic questions, a strict split."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from course_lib.knowledge import kb
from course_lib.knowledge.questions import generate_questions, template_split, templates_of, with_paraphrases


@pytest.mark.parametrize("version", kb.VERSIONS)
def test_every_fact_sentence_carries_exactly_its_value(version: int) -> None:
    """Does each fact's sentence hold its value once, and does no other sentence hold a value the reader could pick?"""
    for document in kb.documents(version):
        for sentence, fact_ids in document.sentences:
            found = kb.VALUE_PATTERN.findall(sentence)
            if fact_ids:
                values = {f.value for f in kb.facts(version) if f.fact_id in fact_ids}
                assert found == list(values), sentence
            else:
                assert found == [], f"a sentence without a fact carries a value: {sentence!r}"


def test_version_two_changes_a_price_the_return_window_and_the_catalogue() -> None:
    """Does version 2 change a price and the return window, discontinue one product and add one?"""
    changes = kb.changed_facts().set_index("fact_id")
    assert changes.loc["price/ridge30", "before"] == "$89.00" and changes.loc["price/ridge30", "after"] == "$95.00"
    assert changes.loc["policy/return_window", "after"] == "14 days"
    assert changes.loc["price/cirrus1", "after"] == kb.DISCONTINUED
    assert changes.loc["price/nimbus", "before"] == "" and changes.loc["price/nimbus", "after"] == "$69.00"
    unchanged = {f.fact_id for f in kb.facts(1)} - set(changes.index)
    assert "price/summit55" in unchanged


def test_the_knowledge_base_is_written_to_files_a_learner_can_open(tmp_path: Path) -> None:
    """Does each version become one Markdown file per document, with the version's own values?"""
    v1, v2 = kb.write_knowledge_base(1, tmp_path / "v1"), kb.write_knowledge_base(2, tmp_path / "v2")
    assert sorted(p.name for p in v1.glob("*.md")) == sorted(f"{d.doc_id}.md" for d in kb.documents(1))
    assert "within 30 days of delivery" in (v1 / "returns.md").read_text(encoding="utf-8")
    assert "within 14 days of delivery" in (v2 / "returns.md").read_text(encoding="utf-8")


def test_an_unknown_version_is_refused_with_the_versions_that_exist() -> None:
    """Does asking for version 3 say which versions there are?"""
    with pytest.raises(ValueError, match=r"\(1, 2\)"):
        kb.facts(3)


def test_questions_are_the_same_for_the_same_seed_and_differ_for_another() -> None:
    """Is the question set deterministic per seed, and does the seed change the split?"""
    pd.testing.assert_frame_equal(generate_questions(1, seed=4), generate_questions(1, seed=4))
    def held_out_templates(seed: int) -> set[str]:
        q = generate_questions(1, seed=seed)
        return set(q.loc[q["split"] == "test", "template_id"])

    assert held_out_templates(4) != held_out_templates(5)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_no_paraphrase_template_is_shared_between_train_and_test(seed: int) -> None:
    """Is every test question phrased with a template that no training question used?"""
    for version in kb.VERSIONS:
        q = generate_questions(version, seed)
        train = set(q.loc[q["split"] == "train", "template_id"])
        test = set(q.loc[q["split"] == "test", "template_id"])
        assert train and test and not train & test


def test_both_versions_share_one_template_split() -> None:
    """Are version 1 and version 2 questions split by the same templates (so before/after compare like with like)?"""
    one, two = generate_questions(1, 3), generate_questions(2, 3)
    assert set(one.loc[one["split"] == "test", "template_id"]) == set(two.loc[two["split"] == "test", "template_id"])


def test_every_fact_gets_every_template_once_and_its_current_answer() -> None:
    """Does each fact have one question per template of its kind, with the version's value as gold answer?"""
    for version in kb.VERSIONS:
        q = generate_questions(version)
        for fact in kb.facts(version):
            rows = q[q["fact_id"] == fact.fact_id]
            assert len(rows) == len(templates_of(fact.kind))
            assert set(rows["answer"]) == {fact.value}


def test_paraphrases_per_fact_grow_one_template_at_a_time() -> None:
    """Does asking for m paraphrases give each fact exactly m training questions, nested as m grows?"""
    q = generate_questions(1)
    n_facts = len(kb.facts(1))
    one, two = with_paraphrases(q, 1), with_paraphrases(q, 2)
    assert len(one) == n_facts and len(two) == 2 * n_facts
    assert set(one["id"]) < set(two["id"])
    with pytest.raises(ValueError, match="m must be"):
        with_paraphrases(q, 0)


def test_the_split_keeps_at_least_one_template_on_each_side() -> None:
    """Even with a tiny test share, does every kind keep a test template and a training template?"""
    for kind, parts in template_split(0, test_fraction=0.01).items():
        assert len(parts["test"]) >= 1 and len(parts["train"]) >= 1, kind
    with pytest.raises(ValueError, match="between 0 and 1"):
        template_split(0, test_fraction=1.0)
