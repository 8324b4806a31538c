"""The decision memo: its content, its two formats, and the golden Markdown of each shipped example."""

from __future__ import annotations

import re
from pathlib import Path

import plotly.graph_objects as go
import pytest
import yaml

from course_lib.costs import monthly_total
from course_lib.framework import recommend
from course_lib.memo import build_memo, example_use_case_dir, load_use_case, parse_use_case
from course_lib.memo.analysis import build_options, sensitivities, workload_of

EXAMPLES = sorted(example_use_case_dir().glob("*.yaml"))


@pytest.fixture(scope="module")
def triage():
    return build_memo(load_use_case(example_use_case_dir() / "support_triage.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_memo_markdown_matches_its_golden_file(path: Path, golden) -> None:
    """Is each shipped example's memo exactly the reviewed one? (refresh: pytest tests/capstone --update-goldens)"""
    golden(f"memo/{path.stem}.md", build_memo(load_use_case(path)).to_markdown())


def test_the_memo_follows_the_framework(triage) -> None:
    """Is the memo's recommendation the framework's own answer for the use case's traits?"""
    assert triage.recommendation == recommend(**triage.use_case.framework_traits())
    assert triage.recommendation.approach == "fine_tuning"


def test_costs_come_from_the_cost_model(triage) -> None:
    """Is every option's monthly cost the cost model's, at the use case's volume?"""
    options = build_options(triage.use_case)
    expected = {o.option.name: monthly_total(o.option, workload_of(triage.use_case)) for o in options}
    assert dict(zip(triage.costs.table["option"], triage.costs.table["per_month"])) == pytest.approx(expected)


def test_retrieval_adds_its_context_to_every_request(triage) -> None:
    """Does the retrieval option carry k passages x tokens plus the instruction on top of the prompt?"""
    rag = triage.use_case.retrieval
    by_name = {o.option.name: o.option for o in build_options(triage.use_case)}
    assert by_name["gpt-4o + retrieval (k=3)"].system_prompt_tokens == (
        triage.use_case.workload.prompt_tokens + rag.instruction_tokens + rag.passages * rag.tokens_per_passage)


def test_models_without_fine_tuning_get_no_fine_tuned_option() -> None:
    """Is a fine-tune offered only on models where one can still be started?"""
    memo = build_memo(load_use_case(example_use_case_dir() / "policy_assistant.yaml"))
    approaches = memo.costs.table.groupby("model")["approach"].apply(set).to_dict()
    assert "fine_tuning" not in approaches["claude-haiku-4.5"]
    assert "fine_tuning" in approaches["gpt-4.1-mini"]


def test_a_dearer_fine_tune_is_never_cheaper() -> None:
    """Is a fine-tune that costs more per request reported as never cheaper, not as cheaper from zero?"""
    memo = build_memo(load_use_case(example_use_case_dir() / "policy_assistant.yaml"))
    row = memo.costs.break_even.set_index("option").loc["gpt-4.1-mini, fine-tuned"]
    assert row["cheaper_from_daily_requests"] is None
    assert "| gpt-4.1-mini, fine-tuned | never (dearer per request) |" in memo.to_markdown()


def test_volume_flip_is_found_exactly() -> None:
    """Does varying the volume alone find the exact volume where the recommendation changes?"""
    traits = {"prompting_tried": True, "prompting_meets_target": True, "fixed_output_format": True,
              "daily_requests": 200}
    volume = sensitivities(traits)[0]
    flip = volume.nearest_flip()
    assert flip is not None and flip.approach == "fine_tuning"
    assert recommend(**{**traits, "daily_requests": flip.low}).approach == "fine_tuning"
    assert recommend(**{**traits, "daily_requests": flip.low - 1}).approach == "prompting"


def test_yes_no_flips_are_listed_only_when_they_change_the_answer(triage) -> None:
    """Is every listed yes/no flip real, and is every real one listed?"""
    traits = triage.use_case.framework_traits()
    listed = {s.trait: s.flipped_to for s in triage.sensitivities if s.flipped_to is not None}
    for name in ("one_off", "needs_new_knowledge", "style_or_persona", "domain_language", "must_be_portable"):
        other = recommend(**{**traits, name: not traits.get(name, False)}).approach
        assert (listed.get(name) == other) if other != "fine_tuning" else name not in listed


def test_experiment_plan_uses_the_paired_size(triage) -> None:
    """Does the plan carry the McNemar size for the stated baseline and a 5 % gain, with a decision rule?"""
    size = triage.plan.sample_size
    assert size.baseline_accuracy == 0.88 and size.candidate_accuracy == pytest.approx(0.924)
    text = triage.to_markdown()
    assert f"- [ ] Label a held-out test set of {size.items:,} items" in text
    assert "Decision rule: adopt the candidate only if" in text


def test_money_never_starts_with_a_dollar_sign(triage) -> None:
    """Is money written as '... USD', so JupyterLab never typesets the memo as maths?"""
    assert "$" not in triage.to_markdown()
    assert re.search(r"\d USD", triage.to_markdown())


def test_html_is_self_contained_and_escapes_what_the_learner_typed() -> None:
    """Does the HTML page embed plotly.js and the chart, and escape a name with markup in it?"""
    raw = yaml.safe_load((example_use_case_dir() / "support_triage.yaml").read_text(encoding="utf-8"))
    raw["name"] = "<script>alert(1)</script> triage"
    memo = build_memo(parse_use_case(raw))
    page = memo.to_html()
    assert page.startswith("<!DOCTYPE html>") and "memo-cost-projection" in page
    assert "<script src=" not in page and "Plotly.newPlot" in page  # plotly.js inline, nothing fetched
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in memo._repr_html_()


def test_cost_figure_has_one_line_per_option(triage) -> None:
    """Does the chart draw every option over volume on log axes?"""
    fig = triage.cost_figure()
    assert isinstance(fig, go.Figure)
    assert [t.name for t in fig.data] == list(triage.costs.table["option"])
    assert fig.layout.xaxis.type == "log" and fig.layout.yaxis.type == "log"


@pytest.mark.parametrize("suffix, start", [(".md", "# Decision memo"), (".html", "<!DOCTYPE html>")])
def test_save_picks_the_format_from_the_suffix(triage, tmp_path: Path, suffix: str, start: str) -> None:
    """Does save() write Markdown for .md and HTML for .html?"""
    path = triage.save(tmp_path / f"memo{suffix}")
    assert path.read_text(encoding="utf-8").startswith(start)


def test_save_refuses_other_suffixes_and_missing_folders(triage, tmp_path: Path) -> None:
    """Does a wrong file name get a message with the allowed suffixes, and write nothing?"""
    with pytest.raises(ValueError, match=r"must end in \.md or \.html"):
        triage.save(tmp_path / "memo.pdf")
    with pytest.raises(ValueError, match="does not exist"):
        triage.save(tmp_path / "no" / "memo.md")
    assert list(tmp_path.iterdir()) == []


def test_an_open_weight_quote_adds_a_lora_option_with_its_endpoint(triage) -> None:
    """Does the open-weight quote add a LoRA fine-tune whose endpoint is a fixed monthly cost, and its break-even?"""
    table = triage.costs.table.set_index("option")
    lora = table.loc["LoRA Llama 3.1 8B, dedicated endpoint"]
    assert lora["per_request"] == 0 and lora["per_month"] == pytest.approx(2.00 * 24 * 30)
    row = triage.costs.break_even.set_index("option").loc["LoRA Llama 3.1 8B, dedicated endpoint"]
    prompted = table.loc["gpt-4o, prompted", "per_request"]
    assert row["cheaper_from_daily_requests"] == pytest.approx(1440.0 / (prompted * 30))
