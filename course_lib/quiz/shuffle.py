"""Option order for choice questions: shuffled per learner, the same on every re-run.

The bank lists options in a fixed order; showing that order to every learner would
let position give the answer away. :func:`option_order` derives a permutation from
the learner's key and the question id with a cryptographic hash (not Python's
``hash()``, which changes between interpreter runs), so one learner sees the same
order after a kernel restart while two learners usually see different orders.

>>> option_order("fw-latency", ("a", "b", "c"), learner="ada")
('c', 'a', 'b')
>>> option_order("fw-latency", ("a", "b", "c"), learner="ada") == option_order("fw-latency", ("a", "b", "c"), learner="ada")
True
"""

from __future__ import annotations

import getpass
import hashlib
import os
import random
from typing import Sequence

LEARNER_ENV_VAR = "COURSE_LEARNER"
"""Set this to a learner's id (for example on a shared JupyterHub account) to fix their option order."""


def learner_key() -> str:
    """The key that seeds this learner's option order.

    Returns:
        ``$COURSE_LEARNER`` when set, else the operating-system user name, else ``"learner"``.
    """
    override = os.environ.get(LEARNER_ENV_VAR, "").strip()
    if override:
        return override
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in some containers
        return "learner"


def option_order(question_id: str, option_ids: Sequence[str], *, learner: str | None = None) -> tuple[str, ...]:
    """The order in which one learner sees a question's options.

    Args:
        question_id: The bank id of the question.
        option_ids: The option ids in the bank's order.
        learner: The learner's key; :func:`learner_key` when None.

    Returns:
        The same ids, permuted; the permutation depends only on ``learner`` and ``question_id``.

    Raises:
        ValueError: if ``option_ids`` repeats an id (the order would be ambiguous).
    """
    ids = tuple(option_ids)
    if len(set(ids)) != len(ids):
        raise ValueError(f"Question {question_id!r} repeats an option id in {ids}; option ids must be unique.")
    key = learner if learner is not None else learner_key()
    digest = hashlib.sha256(f"{key}\x00{question_id}".encode("utf-8")).digest()
    order = list(ids)
    random.Random(int.from_bytes(digest[:8], "big")).shuffle(order)
    return tuple(order)
