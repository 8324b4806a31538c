"""The capstone's decision memo: a learner's use case in, a memo to take to work out.

Layers inside the package, lowest first: :mod:`~course_lib.memo.usecase` (the
use-case format, checked), :mod:`~course_lib.memo.analysis` (pure calculations),
:mod:`~course_lib.memo.figures` (the plotly chart) and
:mod:`~course_lib.memo.document` (the memo and its Markdown and HTML).

>>> memo = build_memo(load_use_case(example_use_case_dir() / "support_triage.yaml"))
>>> memo.recommendation.approach
'fine_tuning'
"""

from course_lib.memo.document import DecisionMemo, build_memo
from course_lib.memo.usecase import UseCase, UseCaseError, example_use_case_dir, load_use_case, parse_use_case

__all__ = ["DecisionMemo", "UseCase", "UseCaseError", "build_memo", "example_use_case_dir", "load_use_case",
           "parse_use_case"]
