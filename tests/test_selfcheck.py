"""The student's check() and STUDENT_ID: the verdict as data, and messages that say what they mean."""

from __future__ import annotations

import json

import pytest

from course_lib.assignments import PLACEHOLDER_STUDENT_ID, StudentIdError, my_numbers, student_numbers
from course_lib.assignments.selfcheck import VISIBLE_CHECK_MIME, VisibleCheck, check, visible_checks
from factories import EXERCISES, notebook


def not_written(*args, **kwargs):
    raise NotImplementedError("write this part")


def test_a_wrong_approach_of_the_right_form_is_not_called_a_pass_of_correctness():
    """Does check() on a well-formed but wrong scenario answer say the checks test form, and the hidden tests grade it?"""
    result = visible_checks("mascot_voice", {"mascot_voice": {"approach": "rag", "criteria": ["new_knowledge"]}})
    assert result.ok and result.form_only
    assert "form of your answer" in result.summary and "not whether it is right" in result.summary
    assert "hidden tests grade" in result.summary


def test_example_checks_say_hidden_tests_try_other_cases():
    """Do checks that run the notebook's examples say the hidden tests try other cases (and do not claim form only)?"""
    result = visible_checks("monthly_cost", {"monthly_cost": lambda days, per: per * days * 30})
    assert result.ok and not result.form_only
    assert "examples shown in this notebook" in result.summary and "other cases" in result.summary


def test_an_unwritten_function_is_reported_once():
    """Is "not written yet" shown once for a stub that fails both examples, while both still count?"""
    result = visible_checks("cost_per_request", {"cost_per_request": not_written})
    assert (result.passed, result.total) == (0, 2)
    assert [text for _, text in result.messages] == ["cost_per_request is not written yet (it raises NotImplementedError)."]
    assert str(result).count("not written yet") == 1


def test_check_prints_outside_a_notebook_and_returns_nothing(capsys):
    """Does check() print its result as text when no notebook is running, and return None (so a cell shows it once)?"""
    namespace = {"check": check, "monthly_cost": not_written}
    exec("value = check('monthly_cost')", namespace)
    assert namespace["value"] is None
    out = capsys.readouterr().out
    assert out.count("not written yet") == 1 and "monthly_cost: 0 of 1 visible checks pass." in out


def test_the_record_travels_as_its_own_mime_type():
    """Does the displayed bundle carry the record as JSON under the course's MIME type, readable back unchanged?"""
    result = visible_checks("cost_per_request", {"cost_per_request": not_written})
    bundle = result._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html", VISIBLE_CHECK_MIME}
    assert VisibleCheck.from_json(json.loads(json.dumps(bundle[VISIBLE_CHECK_MIME]))) == result
    assert bundle["text/plain"] == str(result)


def test_an_unknown_item_is_a_problem_not_a_pass():
    """Does check() on an item it does not know report 0 of 0 with the known items, never a pass?"""
    result = visible_checks("no_such_item", {})
    assert not result.ok and result.total == 0 and "known:" in result.problem


def test_the_placeholder_id_gets_a_one_line_note(capsys, monkeypatch):
    """Does my_numbers() say, in one line, that the placeholder id gives sample numbers (instead of silence)?"""
    monkeypatch.delenv("COURSE_STUDENT_ID", raising=False)
    numbers = my_numbers("02_cost_model", PLACEHOLDER_STUDENT_ID)
    out = capsys.readouterr().out
    assert numbers == student_numbers("02_cost_model", PLACEHOLDER_STUDENT_ID)
    assert len(out.strip().splitlines()) == 1 and "sample numbers" in out and PLACEHOLDER_STUDENT_ID in out
    my_numbers("02_cost_model", "ada")
    assert capsys.readouterr().out == ""


def test_the_placeholder_is_what_the_exercises_hand_out():
    """Do exercises 02-04 set STUDENT_ID to exactly the placeholder my_numbers() recognises?"""
    for name in ("02_cost_model", "03_head_to_head", "04_knowledge_lab"):
        sources = ["".join(c["source"]) for c in notebook(name, EXERCISES)["cells"]]
        assert any(s.startswith(f'STUDENT_ID = "{PLACEHOLDER_STUDENT_ID}"') for s in sources), name


@pytest.mark.parametrize("empty", ["", "   "])
def test_an_empty_id_is_one_clear_line_in_a_notebook(empty, monkeypatch):
    """Does an empty STUDENT_ID raise an error that IPython shows as one line saying what to type?"""
    monkeypatch.delenv("COURSE_STUDENT_ID", raising=False)
    with pytest.raises(StudentIdError) as caught:
        my_numbers("03_head_to_head", empty)
    shown = caught.value._render_traceback_()
    assert len(shown) == 1 and "STUDENT_ID is empty" in shown[0] and 'STUDENT_ID = "..."' in shown[0]
    assert isinstance(caught.value, ValueError)  # callers that caught ValueError still do


def test_an_empty_id_in_a_real_shell_shows_no_traceback(capsys, monkeypatch):
    """Run in IPython's own shell, does an empty id print one line and no traceback frames?"""
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.delenv("COURSE_STUDENT_ID", raising=False)
    shell = InteractiveShell.instance()
    try:
        shell.run_cell('from course_lib.assignments import my_numbers\nmy_numbers("02_cost_model", "")')
    finally:
        InteractiveShell.clear_instance()
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "StudentIdError: STUDENT_ID is empty" in text
    assert "Traceback" not in text and "File " not in text
