"""The decision memo: one use case in, a memo out, shown in a notebook or saved as Markdown and HTML.

:func:`build_memo` is pure (no files, no display): it runs the framework and the
calculations of :mod:`course_lib.memo.analysis` and keeps their results. The memo
lays itself out through two Jinja2 templates (``templates/memo.md.j2`` and
``templates/memo.html.j2``) fed from one context, so the Markdown and the HTML say the
same thing; the HTML page embeds its plotly chart and plotly.js, so it opens offline.

Introduced in ``notebooks/07_your_decision.ipynb``.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course_lib.files import write_atomic
from course_lib.rendering import render
from course_lib.framework import Recommendation, load_framework, recommend
from course_lib.memo.analysis import CostProjection, ExperimentPlan, Sensitivity, plan_experiment, project_costs, \
    sensitivities
from course_lib.memo.usecase import UseCase

if TYPE_CHECKING:
    import plotly.graph_objects as go

#: File suffixes :meth:`DecisionMemo.save` understands.
FORMATS = {".md": "Markdown", ".html": "HTML"}
#: Folder for memos saved under a bare name (default: the current folder, next to the notebook).
MEMO_DIR_ENV = "COURSE_MEMO_DIR"

_TRAIT_WORDS = {"daily_requests": ("Daily requests", "{:,.0f}"), "latency_budget_ms": ("Latency budget", "{:,.0f} ms"),
                "labelled_examples": ("Labelled examples", "{:,.0f}")}


def usd(amount: float) -> str:
    """Money as the course writes it in Markdown, so JupyterLab never reads it as maths.

    >>> usd(1027.5), usd(0.000351)
    ('1,027.50 USD', '0.0004 USD')
    """
    if amount != 0 and abs(amount) < 0.01:
        return f"{amount:.4f} USD"
    return f"{amount:,.2f} USD"


@dataclass(frozen=True)
class DecisionMemo:
    """A use case's recommendation, cost projection, sensitivities and experiment plan."""

    use_case: UseCase
    recommendation: Recommendation
    costs: CostProjection
    sensitivities: tuple[Sensitivity, ...]
    plan: ExperimentPlan

    # ------------------------------------------------------------- rendering
    def to_markdown(self) -> str:
        """The memo as Markdown (checklist items as ``- [ ]``)."""
        return render("memo.md.j2", **self._context(markdown=True)).strip() + "\n"

    def to_html(self) -> str:
        """The memo as one self-contained HTML page: the cost chart and plotly.js are embedded."""
        figure = self.cost_figure().to_html(full_html=False, include_plotlyjs=True, div_id="memo-cost-projection")
        return render("memo.html.j2", **self._context(markdown=False), figure_html=figure, full_page=True)

    def _repr_html_(self) -> str:
        """The memo in a notebook (the chart is :meth:`cost_figure`, shown by plotly's own renderer)."""
        return render("memo.html.j2", **self._context(markdown=False), figure_html="", full_page=False)

    def cost_figure(self) -> go.Figure:
        """Monthly cost of every option against daily volume, with the use case's volume marked."""
        from course_lib.memo.figures import cost_projection_figure

        return cost_projection_figure(self.costs, self.use_case.workload.daily_requests)

    def save(self, path: str | Path) -> Path:
        """Write the memo to ``path``; ``.md`` gives Markdown, ``.html`` the self-contained page.

        Args:
            path: where to write; an existing file is replaced in one step.

        Returns:
            The path written.

        Raises:
            ValueError: for any other suffix, naming the allowed ones.
        """
        path = Path(path).expanduser()
        suffix = path.suffix.lower()
        if suffix not in FORMATS:
            raise ValueError(f"Cannot save a memo as {path.name!r}: the file name must end in "
                             f"{' or '.join(FORMATS)} ({', '.join(FORMATS.values())}).")
        if not path.parent.is_dir():
            raise ValueError(f"Cannot save the memo to {path}: the folder {path.parent} does not exist.")
        write_atomic(path, self.to_markdown() if suffix == ".md" else self.to_html())
        return path

    # ---------------------------------------------------------------- content
    def _context(self, *, markdown: bool) -> dict[str, Any]:
        """Everything both templates show, formatted once."""
        framework = load_framework()
        rec, costs, plan, w = self.recommendation, self.costs, self.plan, self.use_case.workload
        size = plan.sample_size
        closing = costs.vendor_status[costs.vendor_status["fine_tuning"] == "closing"]
        vendor_caveats = [] if closing.empty or rec.approach not in ("fine_tuning", "hybrid") else [
            {"id": "vendor status", "text": f"for {', '.join(closing['model'])}, {closing['status'].iloc[0]} "
                                            f"(checked {closing['status_as_of'].iloc[0]})."}]
        have = ("an unknown number" if plan.labelled_examples is None else f"{plan.labelled_examples:,}")
        missing = plan.labelled_missing
        shortfall = ("count them first" if missing is None else
                     "enough" if missing == 0 else f"{missing:,} more to label")
        return {
            "title": self.use_case.name,
            "description": self.use_case.description,
            "approach": framework.approaches[rec.approach].name,
            "start_with": framework.approaches[rec.start_with].name if rec.start_with else "",
            "criteria": [{"id": c, "text": framework.criteria[c].explanation} for c in rec.criteria],
            "caveats": [{"id": c, "text": framework.criteria[c].explanation} for c in rec.caveats] + vendor_caveats,
            "trace": rec.trace,
            "cost_intro": (f"At {w.daily_requests:,} requests a day ({w.prompt_tokens:,} prompt tokens, "
                           f"{w.input_tokens:,} input tokens and {w.answer_tokens:,} answer tokens each), per "
                           f"30-day month, at the listed prices (USD per 1M tokens)."),
            "cost_rows": [{"option": r.option, "approach": r.approach, "per_1k": usd(r.per_request * 1000),
                           "per_month": usd(r.per_month), "one_off": usd(r.one_off)}
                          for r in costs.table.itertuples()],
            "context_note": (f"Retrieval adds {costs.context_tokens:,} input tokens to every request "
                             f"({self.use_case.retrieval.passages} passages of "
                             f"{self.use_case.retrieval.tokens_per_passage} tokens plus a "
                             f"{self.use_case.retrieval.instruction_tokens}-token instruction). "
                             "Fine-tunes are priced with training on the labelled examples "
                             "(at least 100) and a short prompt."),
            "baseline": costs.baseline,
            "break_even_rows": [{"option": r.option, "break_even": _break_even(r.cheaper_from_daily_requests),
                                 "payback": _payback(r.payback_months)} for r in costs.break_even.itertuples()],
            "status_rows": costs.vendor_status.to_dict("records"),
            "sensitivity_lines": [_sensitivity_line(s, framework) for s in self.sensitivities],
            "plan_intro": (f"To detect a {plan.relative_gain:.0%} relative gain over an expected baseline accuracy "
                           f"of {size.baseline_accuracy:.1%} (to {size.candidate_accuracy:.1%}) with "
                           f"{size.power:.0%} power at a two-sided {size.significance:.0%} significance level, a "
                           f"paired test (McNemar) needs {size.items:,} held-out items, about "
                           f"{size.expected_discordant_items:,.0f} of them discordant. With "
                           f"{plan.training_examples_target} training examples on top, that is "
                           f"{plan.labelled_needed:,} labelled examples; you have {have} ({shortfall})."),
            "checklist": plan.checklist,
        }


def _break_even(volume: float | None) -> str:
    if volume is None or (isinstance(volume, float) and math.isnan(volume)):
        return "never (dearer per request)"
    if volume <= 0:
        return "the first request"
    return f"{math.ceil(volume):,} requests a day"


def _payback(months: float | None) -> str:
    if months is None or (isinstance(months, float) and math.isnan(months)):
        return "never at this volume"
    if months < 1 / 30:
        return "under a day"
    return f"{months:,.1f} months" if months >= 1 else f"{months * 30:,.0f} days"


def _sensitivity_line(s: Sensitivity, framework: Any) -> str:
    name = lambda approach: framework.approaches[approach].name  # noqa: E731 - a local alias
    if s.flipped_to is not None:
        answer = "no" if s.current else "yes"
        return f"If '{s.trait}' were {answer}: {name(s.flipped_to)}."
    label, number = _TRAIT_WORDS[s.trait]
    now = "unknown" if s.current is None else number.format(s.current)
    if len(s.segments) == 1:
        return f"{label} (now {now}): {name(s.segments[0].approach)} at every value tried."
    parts = [(f"{number.format(seg.low)} to {number.format(seg.high)}" if seg.high is not None
              else f"{number.format(seg.low)} and more") + f": {name(seg.approach)}" for seg in s.segments]
    return f"{label} (now {now}): " + "; ".join(parts) + "."


def save_memo(memo: DecisionMemo, name: str, folder: str | Path | None = None) -> dict[str, Path]:
    """Save a memo as Markdown and as HTML under one name the learner chooses.

    Args:
        memo: the memo.
        name: the file name without suffix (``my_memo``; a ``.md`` or ``.html`` suffix is dropped), or a path.
        folder: where a bare name goes; default ``$COURSE_MEMO_DIR`` or the current folder.

    Returns:
        ``{"Markdown": path, "HTML": path}``, both absolute.

    Raises:
        ValueError: for an empty name or a folder that does not exist.
    """
    if not isinstance(name, str) or not name.strip():
        raise ValueError("Give the memo a file name, e.g. save_memo(memo, 'my_decision_memo').")
    base = Path(name.strip()).expanduser()
    if base.suffix.lower() in FORMATS:
        base = base.with_suffix("")
    if not base.is_absolute() and len(base.parts) == 1:
        base = Path(folder or os.environ.get(MEMO_DIR_ENV) or Path.cwd()) / base
    return {label: memo.save(base.with_name(base.name + suffix)).resolve() for suffix, label in FORMATS.items()}


def build_memo(use_case: UseCase) -> DecisionMemo:
    """Decide one use case: recommendation, costs, what would flip it, and the experiment plan.

    Args:
        use_case: from :func:`course_lib.memo.load_use_case` or :func:`course_lib.memo.parse_use_case`.

    Returns:
        The memo; show it in a notebook, or call ``to_markdown()``, ``to_html()`` or ``save(path)``.
    """
    traits = use_case.framework_traits()
    return DecisionMemo(use_case=use_case, recommendation=recommend(**traits), costs=project_costs(use_case),
                        sensitivities=sensitivities(traits), plan=plan_experiment(use_case))
