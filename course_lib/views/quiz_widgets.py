"""Quiz, scenario and self-check widgets: thin ipywidgets over course_lib.quiz.check.

Every control has a visible label and is a native input, so it works from the
keyboard (Tab to move, Space/Enter to press); feedback is written out in words
(with a symbol), never signalled by colour alone. Introduced in
``notebooks/05_quiz.ipynb`` and ``notebooks/06_scenarios.ipynb``; each lesson ends
with :func:`self_check`.
"""

from __future__ import annotations

import html
import random
import re
import warnings
from typing import Any, Callable, Iterable, Sequence

import ipywidgets as widgets

from course_lib.quiz.bank import SOURCE_QUIZ_IDS, SOURCE_SCENARIO_IDS, Bank, load_bank
from course_lib.quiz.check import CheckResult, ScenarioAnswer, answer_problem, check
from course_lib.quiz.model import (
    APPROACHES,
    NOTEBOOKS,
    OBJECTIVE_NOTEBOOKS,
    OBJECTIVES,
    ChoiceQuestion,
    NumericQuestion,
    Question,
    ScenarioQuestion,
    objectives_taught_by,
    objectives_to_revisit,
)
from course_lib.quiz.progress import ProgressStore, ProgressWarning
from course_lib.quiz.shuffle import option_order
from course_lib.views import layout

_APPROACH_LABELS = {"prompting": "Prompting", "rag": "Retrieval (RAG)", "fine_tuning": "Fine-tuning",
                    "hybrid": "Hybrid (RAG + fine-tuning)"}
_VERDICT_STYLE = {  # symbol, word, border colour: the word and symbol carry the meaning
    "Correct": ("\u2714", "#2e7d32"),
    "Partly correct": ("\u25d0", "#b26a00"),
    "Incorrect": ("\u2718", "#c62828"),
}
_FULL = layout.fill_layout()
_BUTTON = layout.button_layout()


def _html(value: str = "", **kwargs: Any) -> widgets.HTML:
    """An HTML field, full width, with the course's shared style (see :func:`course_lib.views.layout.shared_style`)."""
    kwargs.setdefault("layout", _FULL)
    return widgets.HTML(value, style=layout.shared_style(widgets.HTML), **kwargs)


def _checkbox(description: str, **kwargs: Any) -> widgets.Checkbox:
    """An unticked, unindented checkbox, full width, with the shared style."""
    return widgets.Checkbox(value=False, description=description, indent=False, layout=_FULL,
                            style=layout.shared_style(widgets.Checkbox), **kwargs)


def _button(description: str, **kwargs: Any) -> widgets.Button:
    """A button as wide as its text, with the shared style."""
    return widgets.Button(description=description, layout=_BUTTON, style=layout.shared_style(widgets.Button),
                          **kwargs)
_VERDICT_PREFIX = re.compile(r"^(Correct|Partly correct|Not quite)\.\s*")


def _text(s: str) -> str:
    """Plain text as safe HTML (paragraph breaks kept)."""
    return "<br>".join(html.escape(s).split("\n"))


def _box(kind: str, title: str, body: str, border: str = "#999") -> str:
    return (f'<div class="course-{kind}" role="status" aria-live="polite" '
            f'style="border-left:4px solid {border};padding:4px 8px;margin:4px 0">'
            f"<b>{html.escape(title)}</b> {body}</div>")


class QuestionWidget(widgets.VBox):
    """One question: answer, check, read the feedback, ask for a hint, then see the explanation.

    The explanation button stays disabled until the first attempt.

    Args:
        question: A choice or numeric question (scenarios: use :class:`ScenarioWidget`).
        store: Where answers are recorded; the default progress file when None; False for nowhere.
        notebook: The notebook this widget lives in, recorded with each answer.
        on_result: Called with ``(question, result)`` after every check.
        number: Position shown before the title (``Question 3``), or None.
        previous: Best earlier score for this question, shown as a reminder.
        learner: Seeds the order of a choice question's options (see
            :func:`course_lib.quiz.shuffle.option_order`); the current learner when None.
        with_stylesheet: Carry the course's CSS rules (False inside a :class:`QuizWidget`, which carries them once).
    """

    def __init__(self, question: Question, *, store: ProgressStore | bool | None = None, notebook: str = "",
                 on_result: Callable[[Question, CheckResult], None] | None = None, number: int | None = None,
                 previous: float | None = None, learner: str | None = None, with_stylesheet: bool = True):
        self.question = question
        self.learner = learner
        self.notebook = notebook
        self.on_result = on_result
        self.result: CheckResult | None = None
        self.attempts = 0
        self._store = store
        heading = f"Question {number}: " if number is not None else ""
        meta = f"{question.objective} \u00b7 {question.difficulty}"
        if question.source:
            meta += f" \u00b7 from the {question.source}"
        earlier = ""
        if previous is not None:
            earlier = f'<div class="course-previous">Earlier best score: {previous:.2f} of 1.</div>'
        self.header = _html(
            f'<div class="course-question"><b>{html.escape(heading + question.label)}</b> '
            f'<small>({html.escape(meta)})</small><p>{_text(question.prompt)}</p>{earlier}</div>')
        self.control = self._build_control()
        self.check_button = _button("Check answer", button_style="primary", icon="check",
                                    tooltip="Check your answer and see feedback")
        self.hint_button = _button("Show hint", icon="lightbulb-o", tooltip="Show a hint for this question")
        self.explain_button = _button("Show explanation", icon="book", disabled=True,
                                      tooltip="Available after your first attempt")
        self.feedback = _html()
        self.hint = _html()
        self.explanation = _html()
        self.check_button.on_click(lambda _: self.submit())
        self.hint_button.on_click(lambda _: self.show_hint())
        self.explain_button.on_click(lambda _: self.show_explanation())
        buttons = layout.wrap_row([self.check_button, self.hint_button, self.explain_button])
        super().__init__([self.header, self.control, buttons, self.feedback, self.hint, self.explanation],
                         layout=layout.fill_layout(border="1px solid #ddd", padding="6px", margin="8px 0"))
        layout.course_widget(self, "course-question-widget", with_stylesheet=with_stylesheet)

    # ---- the answer control, per type --------------------------------------

    def _build_control(self) -> widgets.Widget:
        q = self.question
        if isinstance(q, ChoiceQuestion):
            shown = option_order(q.id, [o.id for o in q.options], learner=self.learner)
            options = [q.option(oid) for oid in shown]
        if isinstance(q, ChoiceQuestion) and not q.multiple:
            self._radio = widgets.RadioButtons(options=[(o.text, o.id) for o in options], value=None,
                                               description="Your answer:", layout=_FULL,
                                               style={"description_width": "initial"})
            return self._radio
        if isinstance(q, ChoiceQuestion):
            self._boxes = {o.id: _checkbox(o.text) for o in options}
            label = _html("<i>Pick all that apply:</i>")
            return widgets.VBox([label, *self._boxes.values()], layout=_FULL)
        if isinstance(q, NumericQuestion):
            self._number = widgets.Text(value="", description=f"Your answer ({q.unit}):", placeholder="a number",
                                        continuous_update=False, layout=layout.control_layout(max_width="32em"),
                                        style={"description_width": "initial"})
            return self._number
        raise TypeError(f"QuestionWidget cannot show a {type(q).__name__}; use ScenarioWidget for scenarios")

    @property
    def answer(self) -> Any:
        """The answer currently entered in the controls."""
        q = self.question
        if isinstance(q, ChoiceQuestion) and not q.multiple:
            return self._radio.value
        if isinstance(q, ChoiceQuestion):
            return [oid for oid, box in self._boxes.items() if box.value]
        return self._number.value

    def set_answer(self, value: Any) -> None:
        """Fill in the controls (for demos and tests): an option id, a list of ids, or a number."""
        q = self.question
        if isinstance(q, ChoiceQuestion) and not q.multiple:
            self._radio.value = value
        elif isinstance(q, ChoiceQuestion):
            for oid, box in self._boxes.items():
                box.value = oid in set(value)
        else:
            self._number.value = str(value)

    # ---- actions ------------------------------------------------------------

    def submit(self) -> CheckResult | None:
        """Check the current answer, show the feedback, record it, and enable the explanation.

        Returns:
            The result, or None when nothing was entered or the entry is not an answer
            (a number question given "abc"): nothing is counted or recorded then.
        """
        answer = self.answer
        if self._is_empty(answer):
            self.feedback.value = _box("feedback", "No answer yet.", _text(self._empty_message()))
            return None
        problem = answer_problem(self.question, answer)
        if problem:  # a typo is not an attempt: nothing is counted or recorded
            self.feedback.value = _box("feedback", "Not an answer.", _text(problem), "#b26a00")
            return None
        result = check(self.question, answer)
        self.result = result
        self.attempts += 1
        symbol, colour = _VERDICT_STYLE[result.verdict]
        title = f"{symbol} {result.verdict} (attempt {self.attempts})."
        body = _text(_VERDICT_PREFIX.sub("", result.feedback))
        self.feedback.value = _box("feedback", title, self._feedback_extra(body, answer), colour)
        self.explain_button.disabled = False
        self.explain_button.tooltip = "Show the explanation"
        self._record(result, answer)
        if self.on_result is not None:
            self.on_result(self.question, result)
        return result

    def _feedback_extra(self, body: str, answer: Any) -> str:
        return body

    def _is_empty(self, answer: Any) -> bool:
        return answer is None or (isinstance(answer, (str, list, tuple)) and not [a for a in answer if str(a).strip()])

    def _empty_message(self) -> str:
        q = self.question
        if isinstance(q, NumericQuestion):
            return f"Type a number in {q.unit}, then press Check answer."
        return "Choose an option, then press Check answer."

    def show_hint(self) -> None:
        """Show the hint."""
        self.hint.value = _box("hint", "Hint:", _text(self.question.hint))

    def show_explanation(self) -> None:
        """Show the explanation; does nothing before the first attempt."""
        if self.result is None:
            return
        self.explanation.value = _box("explanation", "Explanation:", _text(self.result.explanation))

    def _record(self, result: CheckResult, answer: Any) -> None:
        if self._store is False:
            return
        store = self._store if isinstance(self._store, ProgressStore) else _default_store()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ProgressWarning)
            store.record(self.question, result, answer, notebook=self.notebook)
        for w in caught:  # show progress-file problems in the widget too, not only in the log
            self.feedback.value += _box("warning", "Progress file:", _text(str(w.message)))


class ScenarioWidget(QuestionWidget):
    """A scenario: pick an approach and the deciding criteria, optionally justify; the feedback
    then walks through the decision framework's trace for this use case."""

    def _build_control(self) -> widgets.Widget:
        from course_lib.framework import load_framework

        q = self.question
        if not isinstance(q, ScenarioQuestion):
            raise TypeError(f"ScenarioWidget needs a ScenarioQuestion, got {type(q).__name__}")
        framework = load_framework()
        self._approach = widgets.Dropdown(
            options=[("Choose an approach", "")] + [(_APPROACH_LABELS[a], a) for a in APPROACHES], value="",
            description="Approach:", style={"description_width": "initial"}, layout=layout.control_layout())
        groups = {"for": "For fine-tuning", "against": "Against fine-tuning",
                  "hybrid": "For a hybrid", "caveat": "Checks to make either way"}
        self._criteria: dict[str, widgets.Checkbox] = {}
        columns = []
        for direction, title in groups.items():
            boxes = []
            for c in framework.criteria.values():
                if c.direction == direction:
                    box = _checkbox(c.id.replace("_", " "), tooltip=c.explanation)
                    self._criteria[c.id] = box
                    boxes.append(box)
            columns.append(layout.panel([_html(f"<b>{title}</b>"), *boxes], min_width="12em"))
        criteria_box = widgets.VBox([
            _html("<i>Criteria that decide it (tick all that apply; their meanings are listed under the "
                  "boxes):</i>"),
            layout.wrap_row(columns),
            _html(criteria_meanings_html(framework.criteria.values(), groups)),
        ], layout=_FULL)
        self._justification = widgets.Textarea(value="", description="Why? (optional)", placeholder="Your justification",
                                               rows=3, layout=widgets.Layout(width="auto", max_width="40em"),
                                               style={"description_width": "initial"})
        return widgets.VBox([self._approach, criteria_box, self._justification], layout=_FULL)

    @property
    def answer(self) -> ScenarioAnswer:
        return ScenarioAnswer(approach=self._approach.value,
                              criteria=tuple(cid for cid, box in self._criteria.items() if box.value),
                              justification=self._justification.value)

    def set_answer(self, value: Any) -> None:
        ans = ScenarioAnswer.from_value(value)
        self._approach.value = ans.approach if ans.approach in APPROACHES else ""
        for cid, box in self._criteria.items():
            box.value = cid in ans.criteria
        self._justification.value = ans.justification

    def _is_empty(self, answer: Any) -> bool:
        return not answer.approach

    def _empty_message(self) -> str:
        return "Choose an approach (and tick the criteria that decide it), then press Check answer."

    def _feedback_extra(self, body: str, answer: Any) -> str:
        return body + trace_html(self.question)  # type: ignore[arg-type]


def criteria_meanings_html(criteria: Iterable[Any], groups: dict[str, str]) -> str:
    """Every criterion's meaning, by group, in a disclosure the keyboard opens (Tab, then Enter).

    Args:
        criteria: The framework's criteria (``id``, ``direction``, ``explanation``).
        groups: Direction -> group title, in display order.

    Returns:
        An HTML ``<details>`` element: a native control, announced and opened by the keyboard,
        unlike a hover tooltip.
    """
    criteria = list(criteria)
    sections = []
    for direction, title in groups.items():
        items = "".join(f"<dt><b>{html.escape(c.id.replace('_', ' '))}</b></dt><dd>{html.escape(c.explanation)}</dd>"
                        for c in criteria if c.direction == direction)
        sections.append(f"<p><b>{html.escape(title)}</b></p><dl>{items}</dl>")
    return ('<details class="course-criteria-meanings"><summary>What each criterion means</summary>'
            + "".join(sections) + "</details>")


def trace_html(question: ScenarioQuestion) -> str:
    """The framework's reasoning for a scenario's traits, as an HTML ordered list."""
    from course_lib.framework import recommend

    rec = recommend(**question.traits)
    steps = "".join(
        f"<li>{html.escape(s.question)} <b>{html.escape(s.answer)}</b>"
        + (f" <code>[{html.escape(s.criterion)}]</code>" if s.criterion else "") + "</li>"
        for s in rec.trace)
    verdict = f"The framework recommends <b>{html.escape(_APPROACH_LABELS[rec.approach])}</b>"
    if rec.criteria:
        verdict += ", deciding criteria: " + ", ".join(f"<code>{html.escape(c)}</code>" for c in rec.criteria)
    if rec.start_with:
        verdict += f"; start with {html.escape(_APPROACH_LABELS[rec.start_with])} and measure it first"
    if rec.caveats:
        verdict += "; checks: " + ", ".join(f"<code>{html.escape(c)}</code>" for c in rec.caveats)
    return (f'<div class="course-trace"><p><b>How the decision framework walks this case:</b></p>'
            f"<ol>{steps}</ol><p>{verdict}.</p></div>")


def question_widget(question: Question, **kwargs: Any) -> QuestionWidget:
    """The right widget for a question: :class:`ScenarioWidget` for scenarios, :class:`QuestionWidget` otherwise."""
    cls = ScenarioWidget if isinstance(question, ScenarioQuestion) else QuestionWidget
    return cls(question, **kwargs)


class QuizWidget(widgets.VBox):
    """A set of questions with a running score, a final score and the objectives to revisit.

    Args:
        questions: The questions, in order.
        title: Shown at the top.
        shuffle: Shuffle the order (repeatably when ``seed`` is given).
        seed: Seed for the shuffle.
        store: Progress store for every question (see :class:`QuestionWidget`).
        notebook: Notebook id recorded with each answer.
        intro: A sentence under the title.
    """

    def __init__(self, questions: Sequence[Question], *, title: str = "Quiz", shuffle: bool = False,
                 seed: int | None = None, store: ProgressStore | bool | None = None, notebook: str = "",
                 intro: str = ""):
        questions = list(questions)
        if not questions:
            raise ValueError(f"QuizWidget {title!r} got no questions; check the notebook id or the bank tags.")
        if shuffle:
            random.Random(seed).shuffle(questions)
        self.questions = tuple(questions)
        self.latest: dict[str, CheckResult] = {}
        self.first: dict[str, CheckResult] = {}  # first attempts: what the advice is based on
        previous: dict[str, float] = {}
        if store is not False:
            try:
                previous = (store if isinstance(store, ProgressStore) else _default_store()).best_scores()
            except OSError:
                previous = {}
        self.items = [question_widget(q, store=store, notebook=notebook, on_result=self._on_result,
                                      number=i, previous=previous.get(q.id), with_stylesheet=False)
                      for i, q in enumerate(self.questions, 1)]
        self.title = _html(f"<h3>{html.escape(title)}</h3>" + (f"<p>{_text(intro)}</p>" if intro else ""))
        self.score = _html(self._score_text())
        self.summary = _html()
        super().__init__([self.title, self.score, *self.items, self.summary], layout=layout.fill_layout())
        layout.course_widget(self, "course-quiz")  # one copy of the course's rules for all its questions

    @property
    def total(self) -> float:
        """Sum of the latest scores."""
        return sum(r.score for r in self.latest.values())

    def _score_text(self) -> str:
        n = len(self.questions)
        return (f'<div class="course-score" role="status" aria-live="polite">Running score: '
                f"<b>{self.total:.1f} of {n}</b> ({len(self.latest)} of {n} answered)</div>")

    @property
    def first_total(self) -> float:
        """Sum of the first-attempt scores."""
        return sum(r.score for r in self.first.values())

    def _on_result(self, question: Question, result: CheckResult) -> None:
        self.latest[question.id] = result
        self.first.setdefault(question.id, result)
        self.score.value = self._score_text()
        self.summary.value = self.summary_html()

    def revisit(self) -> list[tuple[str, float]]:
        """Objectives whose mean first-attempt score is below the revisit threshold, weakest first.

        First attempts, because a retry after reading the explanation says less about understanding.
        """
        by_id = {q.id: q for q in self.questions}
        return objectives_to_revisit((by_id[qid].objective, r.score) for qid, r in self.first.items())

    def revisit_advice(self) -> str:
        """What to revisit, in words: asks for answers first when there are none yet.

        Returns:
            One line per objective to revisit (weakest first, with where it is taught), or a
            sentence saying that nothing needs revisiting or that the quiz is not answered yet.
        """
        n = len(self.questions)
        if not self.first:
            return (f"Answer the quiz first: press Check answer on each of its {n} questions above, then run "
                    "this cell again. The advice uses your first attempts.")
        so_far = "" if len(self.first) == n else f"So far ({len(self.first)} of {n} answered): "
        revisit = self.revisit()
        if not revisit:
            return so_far + "nothing to revisit: every objective averaged at least 75 % on first attempts."
        lines = [f"- {o}: {OBJECTIVES[o]} (first-attempt mean {m:.0%}); see {', '.join(OBJECTIVE_NOTEBOOKS[o])}"
                 for o, m in revisit]
        return so_far + "objectives to revisit, weakest first:\n" + "\n".join(lines)

    def summary_html(self) -> str:
        """The final score and advice, once every question has been answered."""
        n = len(self.questions)
        if len(self.latest) < n:
            return f"<p><i>Answer all {n} questions to see your final score and what to revisit.</i></p>"
        revisit = self.revisit()
        if revisit:
            items = "".join(
                f"<li>{o}: {html.escape(OBJECTIVES[o])} (first-attempt mean {m:.0%}); see "
                + ", ".join(f"<code>{nb}</code>" for nb in OBJECTIVE_NOTEBOOKS[o]) + "</li>" for o, m in revisit)
            advice = f"<p>Objectives to revisit:</p><ul>{items}</ul>"
        else:
            advice = "<p>No objective to revisit: every objective averaged at least 75 % on first attempts.</p>"
        title = f"Final score: {self.total:.1f} of {n} ({self.total / n:.0%}); on first attempts {self.first_total:.1f}."
        return _box("final", title, advice, "#555")


def self_check(notebook_id: str, limit: int = 4, *, seed: int = 0, store: ProgressStore | bool | None = None,
               bank: Bank | None = None) -> QuizWidget:
    """The short self-check that ends a lesson: items tagged for that notebook, on the objectives it teaches.

    Args:
        notebook_id: The lesson, e.g. ``"03_empirical_test"``.
        limit: How many questions.
        seed: Which draw (the same seed gives the same questions on every run).
        store: Progress store (default file when None, False for none).
        bank: The bank (the package's own when None).

    Returns:
        A QuizWidget to display as a cell's last expression.

    Raises:
        ValueError: For an unknown notebook id, naming the valid ones, or for a
            notebook that teaches no objective yet (``00_start_here``).
    """
    if notebook_id not in NOTEBOOKS:
        raise ValueError(f"Unknown notebook {notebook_id!r} for self_check(); use one of {', '.join(NOTEBOOKS)}")
    taught = objectives_taught_by(notebook_id)
    if not taught:
        raise ValueError(f"{notebook_id} teaches no learning objective yet, so it has no self-check; "
                         "the first one ends 01_decision_framework.")
    bank = bank or load_bank()
    # The lesson's own objectives first; items on objectives taught earlier only to fill up.
    own = [o for o, where in OBJECTIVE_NOTEBOOKS.items() if notebook_id in where] or taught
    questions = bank.draw(limit, seed=seed, scenarios=None, notebook=notebook_id, objectives=own)
    if len(questions) < limit:
        questions += bank.draw(limit - len(questions), seed=seed, scenarios=None, notebook=notebook_id,
                               exclude=[q.id for q in questions], objectives=taught)
    name = notebook_id.split("_", 1)[1].replace("_", " ")
    return QuizWidget(questions, title=f"Self-check: {name}", store=store, notebook=notebook_id,
                      intro="Answer, check, and read the feedback; a hint is there if you need it.")


def chapter_quiz(n: int = 12, *, seed: int | None = None, store: ProgressStore | bool | None = None,
                 bank: Bank | None = None) -> QuizWidget:
    """The chapter quiz: the source's three questions first, then a shuffled draw across all objectives.

    Args:
        n: How many bank questions to draw after the three source questions.
        seed: Seed for the draw (None: a new draw each run).
        store: Progress store.
        bank: The bank.
    """
    bank = bank or load_bank()
    source = [bank.get(qid) for qid in SOURCE_QUIZ_IDS]
    drawn = bank.draw(n, seed=seed, exclude=SOURCE_QUIZ_IDS)
    return QuizWidget(source + list(drawn), title="Chapter quiz", store=store, notebook="05_quiz",
                      intro="The chapter's three questions come first, then a mix from every objective.")


def scenario_practice(n: int = 5, *, seed: int | None = None, store: ProgressStore | bool | None = None,
                      bank: Bank | None = None, include_source: bool = True) -> QuizWidget:
    """Scenario practice: the source's three scenarios (optional), then ``n`` drawn from the bank.

    Args:
        n: How many practice scenarios to draw.
        seed: Seed for the draw.
        store: Progress store.
        bank: The bank.
        include_source: Start with the chapter's three scenarios.
    """
    bank = bank or load_bank()
    source = [bank.get(sid) for sid in SOURCE_SCENARIO_IDS] if include_source else []
    drawn = bank.draw(n, seed=seed, scenarios=True, exclude=SOURCE_SCENARIO_IDS)
    title = "The chapter's scenarios" if include_source and n == 0 else "Scenario practice"
    return QuizWidget(source + list(drawn), title=title, store=store, notebook="06_scenarios",
                      intro="Pick an approach and the criteria that decide it; the feedback walks the framework.")


_STORE: ProgressStore | None = None


def _default_store() -> ProgressStore:
    """One store per kernel, on the default path (re-created if the path changes)."""
    global _STORE
    from course_lib.quiz.progress import default_progress_path

    if _STORE is None or _STORE.path != default_progress_path():
        _STORE = ProgressStore()
    return _STORE
