"""Widget tests without a browser: set values, click, and assert on the feedback shown."""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go
import pytest

from course_lib.quiz.bank import SOURCE_QUIZ_IDS, SOURCE_SCENARIO_IDS, load_bank
from course_lib.quiz.model import OBJECTIVES, ScenarioAnswer
from course_lib.quiz.progress import ProgressStore, summarise
from course_lib.views.live_figure import LiveFigure
from course_lib.views.progress_views import progress_figure, progress_summary, progress_table_html
from course_lib.views.quiz_widgets import (
    QuestionWidget,
    QuizWidget,
    ScenarioWidget,
    chapter_quiz,
    question_widget,
    scenario_practice,
    self_check,
)

BANK = load_bank()
LESSONS = ("00_start_here", "01_decision_framework", "02_cost_benefit", "03_empirical_test", "03b_knowledge_lab",
           "04_hybrid_and_pitfalls")


@pytest.fixture
def store(tmp_path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress.json")


def controls(widget: widgets.Widget):
    """Every widget inside ``widget`` (depth first)."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from controls(child)


def test_single_choice_wrong_then_right(store):
    """Does a wrong click show the misconception in words, and a right click then say Correct?"""
    w = QuestionWidget(BANK.get("src-q1-json-chatbot"), store=store)
    assert w.explain_button.disabled
    w.set_answer("a")
    w.check_button.click()
    assert "Incorrect" in w.feedback.value and "\u2718" in w.feedback.value
    assert "misconception" in w.feedback.value
    assert not w.explain_button.disabled
    w.set_answer("b")
    w.check_button.click()
    assert "Correct (attempt 2)" in w.feedback.value
    assert [a.correct for a in store.attempts()] == [False, True]


def test_explanation_only_after_an_attempt(store):
    """Is the explanation withheld before the first attempt, and shown after it?"""
    w = QuestionWidget(BANK.get("src-q3-catastrophic-forgetting"), store=store)
    w.show_explanation()
    assert w.explanation.value == ""
    w.set_answer("b")
    w.check_button.click()
    w.explain_button.click()
    assert "Explanation:" in w.explanation.value and "general-task hold-out" in w.explanation.value


def test_hint_button_shows_the_hint(store):
    """Does asking for a hint show the question's hint, without counting as an attempt?"""
    q = BANK.get("src-q2-drug-interactions")
    w = QuestionWidget(q, store=store)
    w.hint_button.click()
    assert "Hint:" in w.hint.value and "fact or a behaviour" in w.hint.value
    assert w.attempts == 0 and store.attempts() == []


def test_empty_answer_is_not_recorded(store):
    """Does pressing Check with nothing chosen ask for an answer and record nothing?"""
    w = QuestionWidget(BANK.get("src-q1-json-chatbot"), store=store)
    assert w.check_button.click() is None
    assert "No answer yet" in w.feedback.value
    assert store.attempts() == [] and w.explain_button.disabled


def test_multiple_choice_partial_credit(store):
    """Do ticked boxes give partial credit with per-option feedback?"""
    w = QuestionWidget(BANK.get("pit-four-mistakes"), store=store)
    w.set_answer(["a", "b", "e"])
    result = w.submit()
    assert result is not None and 0 < result.score < 1
    assert "Partly correct" in w.feedback.value and "[e: wrong]" in w.feedback.value


def test_numeric_question_accepts_written_amount(store):
    """Does typing '$1,027.50' into the numeric box count as correct, and '$1,050' name the slip?"""
    w = QuestionWidget(BANK.get("cost-seed-monthly-savings"), store=store)
    w.set_answer("$1,050")
    w.check_button.click()
    assert "common slip" in w.feedback.value and "subtract" in w.feedback.value
    w.set_answer("$1,027.50")
    w.check_button.click()
    assert "Correct" in w.feedback.value


def test_scenario_widget_feedback_walks_the_framework_trace(store):
    """Does a scenario's feedback list the framework's trace steps and its recommendation?"""
    from course_lib.framework import recommend

    q = BANK.get("src-ex3-support-categories")
    w = question_widget(q, store=store)
    assert isinstance(w, ScenarioWidget)
    w.set_answer(ScenarioAnswer("prompting", ("prompting_not_tried",), "Few-shot first."))
    w.check_button.click()
    assert "Partly correct" in w.feedback.value and "partial credit (50%)" in w.feedback.value
    for step in recommend(**q.traits).trace:
        assert step.question.split("?")[0] in w.feedback.value
    assert "The framework recommends <b>Fine-tuning</b>" in w.feedback.value
    saved = store.attempts()[-1]
    assert saved.answer["approach"] == "prompting" and saved.notebook == ""


def test_scenario_controls_are_labelled():
    """Does every input control in a scenario widget carry a visible label (description)?"""
    w = ScenarioWidget(BANK.get("src-ex1-legal-english"), store=False)
    inputs = [c for c in controls(w) if isinstance(c, (widgets.Checkbox, widgets.Dropdown, widgets.Textarea,
                                                          widgets.RadioButtons, widgets.Text, widgets.Button))]
    assert len(inputs) > 10
    assert all(c.description.strip() for c in inputs)


def test_scenario_gives_each_criterion_meaning_without_a_mouse():
    """Is every criterion's meaning (not its label) in a keyboard-openable disclosure of the scenario widget?"""
    from course_lib.framework import load_framework

    w = ScenarioWidget(BANK.get("src-ex1-legal-english"), store=False)
    (meanings,) = [c.value for c in controls(w) if isinstance(c, widgets.HTML) and "<details" in c.value]
    assert "<summary>What each criterion means</summary>" in meanings
    for criterion in load_framework().criteria.values():
        assert html.escape(criterion.explanation) in meanings
    assert "hover" not in " ".join(c.value for c in controls(w) if isinstance(c, widgets.HTML))


def test_choice_and_numeric_controls_are_labelled():
    """Do single, multiple and numeric questions label their inputs (the numeric one with its unit)?"""
    for qid in ("src-q1-json-chatbot", "pit-four-mistakes", "cost-training-run"):
        w = QuestionWidget(BANK.get(qid), store=False)
        inputs = [c for c in controls(w) if isinstance(c, (widgets.Checkbox, widgets.RadioButtons, widgets.Text))]
        assert inputs and all(c.description.strip() for c in inputs), qid
    assert "USD" in QuestionWidget(BANK.get("cost-training-run"), store=False)._number.description


def test_typing_that_is_not_a_number_does_not_cost_an_attempt(store):
    """Is "abc" in a number question refused with a message, without counting or recording an attempt?"""
    quiz = QuizWidget([BANK.get("cost-training-run")], store=store, title="Mini")
    item = quiz.items[0]
    item._number.value = "abc"
    assert item.check_button.click() is None
    assert "Not an answer" in item.feedback.value and "not counted" in item.feedback.value
    assert item.attempts == 0 and item.result is None and item.explain_button.disabled
    assert store.attempts() == [] and not store.path.exists()  # progress file untouched
    assert quiz.first == {} and "0 of 1 answered" in quiz.score.value
    item._number.value = "0.675"
    item.check_button.click()
    assert "attempt 1" in item.feedback.value and len(store.attempts()) == 1
    assert quiz.first["cost-training-run"].correct  # the first real attempt is what the advice uses


@pytest.mark.parametrize("typed", ["abc", "2,5", "0,675", "?"])
def test_a_number_answer_that_would_be_misread_is_refused(store, typed):
    """Are entries that are no number, or whose comma would be misread as thousands, refused uncounted?"""
    w = QuestionWidget(BANK.get("cost-training-run"), store=store)
    w._number.value = typed
    assert w.submit() is None and w.attempts == 0 and store.attempts() == []
    assert "this try was not counted" in w.feedback.value


def test_revisit_advice_asks_for_answers_first(store):
    """Does the revisit advice say "answer the quiz first" before any answer, instead of a bare []?"""
    quiz = QuizWidget([BANK.get("src-q1-json-chatbot"), BANK.get("cost-training-run")], store=store, title="Mini")
    assert quiz.revisit_advice().startswith("Answer the quiz first")
    quiz.items[1].set_answer("0.225")
    quiz.items[1].check_button.click()
    advice = quiz.revisit_advice()
    assert advice.startswith("So far (1 of 2 answered)") and "LO3" in advice and "02_cost_benefit" in advice
    quiz.items[1].set_answer("0.675")
    quiz.items[1].check_button.click()
    quiz.items[0].set_answer("b")
    quiz.items[0].check_button.click()
    assert "LO3" in quiz.revisit_advice()  # first attempts decide
    good = QuizWidget([BANK.get("src-q1-json-chatbot")], store=store, title="Mini")
    good.items[0].set_answer("b")
    good.items[0].check_button.click()
    assert good.revisit_advice().startswith("nothing to revisit")


def test_quiz_running_score_final_score_and_revisit(store):
    """Does the quiz keep a running score, and at the end give a final score and the objectives to revisit?"""
    qs = [BANK.get("src-q1-json-chatbot"), BANK.get("cost-training-run"), BANK.get("emp-held-out")]
    quiz = QuizWidget(qs, store=store, title="Mini")
    assert "0.0 of 3" in quiz.score.value
    quiz.items[0].set_answer("b")
    quiz.items[0].check_button.click()
    assert "1.0 of 3" in quiz.score.value and "1 of 3 answered" in quiz.score.value
    assert "Answer all 3" in quiz.summary.value
    quiz.items[1].set_answer("0.225")  # forgot the epochs
    quiz.items[1].check_button.click()
    quiz.items[2].set_answer("a")
    quiz.items[2].check_button.click()
    assert "Final score: 2.0 of 3" in quiz.summary.value
    assert "LO3" in quiz.summary.value and "02_cost_benefit" in quiz.summary.value
    assert "LO1" not in quiz.summary.value
    assert quiz.revisit() == [("LO3", 0.0)]
    # A retry after reading the explanation raises the score, but the advice keeps the first attempt.
    quiz.items[1].set_answer("0.675")
    quiz.items[1].check_button.click()
    assert "Final score: 3.0 of 3" in quiz.summary.value and "on first attempts 2.0" in quiz.summary.value
    assert quiz.revisit() == [("LO3", 0.0)]


def test_quiz_shuffle_is_repeatable_with_a_seed():
    """Does shuffling with the same seed give the same order, and a different seed (usually) another?"""
    qs = list(BANK.quiz_questions[:10])
    a = QuizWidget(qs, shuffle=True, seed=3, store=False)
    b = QuizWidget(qs, shuffle=True, seed=3, store=False)
    c = QuizWidget(qs, shuffle=True, seed=4, store=False)
    assert [q.id for q in a.questions] == [q.id for q in b.questions]
    assert sorted(q.id for q in a.questions) == sorted(q.id for q in qs)
    assert [q.id for q in a.questions] != [q.id for q in c.questions]


def test_quiz_shows_earlier_best_score(store):
    """After a re-run (a new widget on the same progress file), is the earlier best score shown?"""
    q = BANK.get("src-q2-drug-interactions")
    first = QuizWidget([q], store=store)
    first.items[0].set_answer("b")
    first.items[0].check_button.click()
    again = QuizWidget([q], store=store)
    assert "Earlier best score: 1.00" in again.items[0].header.value


@pytest.mark.parametrize("notebook", LESSONS[1:])
def test_self_check_for_every_lesson(notebook):
    """Does self_check() build a quiz from that lesson's own tagged items, on objectives taught so far,
    the same on every run?"""
    from course_lib.quiz.model import OBJECTIVE_NOTEBOOKS, objectives_taught_by

    quiz = self_check(notebook, store=False)
    assert 3 <= len(quiz.questions) <= 4
    assert all(notebook in q.notebooks for q in quiz.questions)
    assert {q.objective for q in quiz.questions} <= set(objectives_taught_by(notebook))
    own = {o for o, where in OBJECTIVE_NOTEBOOKS.items() if notebook in where}
    assert {q.objective for q in quiz.questions} <= own
    assert [q.id for q in quiz.questions] == [q.id for q in self_check(notebook, store=False).questions]


def test_self_check_fill_up_stays_within_taught_objectives():
    """When a lesson's own objectives run short, does the fill-up draw only from objectives taught by then?"""
    quiz = self_check("02_cost_benefit", limit=40, store=False)
    assert {q.objective for q in quiz.questions} <= {"LO1", "LO2", "LO3"}


def test_start_here_has_no_self_check():
    """Does lesson 00, which teaches no objective yet, refuse a self-check with a message pointing to lesson 01?"""
    with pytest.raises(ValueError, match="01_decision_framework"):
        self_check("00_start_here", store=False)


def test_self_check_rejects_unknown_notebook():
    """Does a typo in the notebook id raise an error that lists the valid ids?"""
    with pytest.raises(ValueError, match="03_empirical_test"):
        self_check("03_empirical", store=False)


def test_chapter_quiz_starts_with_source_questions():
    """Does the chapter quiz open with the source's three questions, then draw across objectives?"""
    quiz = chapter_quiz(12, seed=5, store=False)
    ids = [q.id for q in quiz.questions]
    assert tuple(ids[:3]) == SOURCE_QUIZ_IDS and len(ids) == 15 and len(set(ids)) == 15
    assert len({q.objective for q in quiz.questions[3:]}) == len(OBJECTIVES)


def test_scenario_practice_starts_with_source_scenarios():
    """Does scenario practice open with the chapter's three scenarios, followed by drawn scenarios?"""
    quiz = scenario_practice(4, seed=2, store=False)
    ids = [q.id for q in quiz.questions]
    assert tuple(ids[:3]) == SOURCE_SCENARIO_IDS and len(ids) == 7
    assert all(isinstance(w, ScenarioWidget) for w in quiz.items)


# ---- progress views -------------------------------------------------------

def test_progress_figure_has_both_panels(store):
    """Does the progress figure stack correct / tried / open counts per objective and per notebook?"""
    for qid, ans in (("src-q1-json-chatbot", "b"), ("src-q3-catastrophic-forgetting", "a")):
        w = QuestionWidget(BANK.get(qid), store=store)
        w.set_answer(ans)
        w.submit()
    summary = summarise(store, BANK)
    fig = progress_figure(summary)
    assert isinstance(fig, go.Figure) and len(fig.data) == 6
    by_name = {(t.name, t.xaxis): t for t in fig.data}
    lo_labels = list(by_name[("Correct", "x")].y)
    assert lo_labels == list(OBJECTIVES)
    assert by_name[("Correct", "x")].x[0] == 1                      # LO1: one correct
    assert by_name[("Tried, not yet correct", "x")].x[4] == 1       # LO5: one tried
    totals = [sum(by_name[(n, "x")].x[i] for n in ("Correct", "Tried, not yet correct", "Not tried yet"))
              for i in range(len(OBJECTIVES))]
    assert totals == list(summary.by_objective["items"])
    assert "04_hybrid_and_pitfalls" in list(by_name[("Correct", "x2")].y)
    assert all(t.marker.pattern.shape is not None for t in fig.data)   # not colour alone
    assert "2 answers recorded" in fig.layout.title.text


def test_progress_summary_widget_refreshes(store):
    """Does the progress widget show the file's location and update after new answers when refreshed?"""
    box = progress_summary(store, BANK)
    chart = next(c for c in box.children if isinstance(c, LiveFigure))
    table = [c for c in box.children if isinstance(c, widgets.HTML)][-1]
    assert str(store.path) in box.children[0].value
    assert sum(chart.figure.data[0].x) == 0
    w = QuestionWidget(BANK.get("src-q1-json-chatbot"), store=store)
    w.set_answer("b")
    w.submit()
    next(c for c in box.children if isinstance(c, widgets.Button)).click()
    assert sum(chart.figure.data[0].x) >= 1
    assert "1 answer recorded" in chart.figure.layout.title.text
    (output,) = chart.outputs  # the whole refreshed figure is in the widget's state, not a diff
    assert "1 answer recorded" in output["data"]["application/vnd.plotly.v1+json"]["layout"]["title"]["text"]
    assert "<td>1</td>" in table.value
    assert table.value == progress_table_html(summarise(store, BANK))
