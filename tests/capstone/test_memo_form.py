"""The capstone's form: labelled controls to the same data as a YAML file, the memo built and saved (no browser)."""

from __future__ import annotations

from pathlib import Path

import yaml

from course_lib.memo import build_memo, example_use_case_dir, load_use_case, parse_use_case
from course_lib.views.memo_widgets import MemoForm

TRIAGE = load_use_case(example_use_case_dir() / "support_triage.yaml")


def test_an_untouched_form_gives_the_use_case_it_started_from() -> None:
    """Does the form, unchanged, describe the same use case (so the memo is the same as from the file)?"""
    form = MemoForm(TRIAGE)
    assert parse_use_case(form.to_data()) == TRIAGE
    assert build_memo(parse_use_case(yaml.safe_load(form.to_yaml()))).to_markdown() == build_memo(TRIAGE).to_markdown()


def test_every_control_has_a_visible_label() -> None:
    """Does every input carry a description (its label), so it can be found and used from the keyboard?"""
    form = MemoForm(TRIAGE)
    controls = [form.name_box, *form.trait_boxes.values(), *form.workload.values(), form.labelled, form.latency,
                form.candidates, form.baseline, form.file_name]
    assert all(c.description for c in controls)
    assert form.build_button.description and form.save_button.description


def test_changing_the_form_changes_the_memo(tmp_path: Path) -> None:
    """Does ticking 'one-off' change the recommendation, and does Save write both files under the typed name?"""
    form = MemoForm(TRIAGE)
    form.trait_boxes["one_off"].value = True
    form.build_button.click()
    assert form.memo is not None and form.memo.recommendation.approach == "prompting"
    form.file_name.value = str(tmp_path / "triage_memo")
    form.save_button.click()
    assert (tmp_path / "triage_memo.md").exists() and (tmp_path / "triage_memo.html").exists()
    assert "Saved" in form.status.value


def test_a_bad_form_lists_what_to_fix_and_cannot_be_saved() -> None:
    """Do an empty model list and an empty name give messages naming the fields, with Save disabled?"""
    form = MemoForm(TRIAGE)
    form.candidates.value = ()
    form.name_box.value = "  "
    form.build_button.click()
    assert form.memo is None and form.save_button.disabled
    assert "candidates" in form.status.value and "name" in form.status.value
