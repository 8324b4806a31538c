"""Questions about the knowledge base, several paraphrases per fact, split by paraphrase template.

Introduced in ``notebooks/03b_knowledge_lab.ipynb``. Each kind of fact (a product's
price, a product's warranty, each policy) has hand-written paraphrase templates.
The templates of each kind are split between train and test with the seed, so a
test question is always phrased in a way no training question was (as the ticket
data of lesson 03 does). The split depends only on the seed, never on the version,
so version 1 and version 2 share it and "before and after" compare like with like.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from course_lib.knowledge.kb import facts

PRODUCT_TEMPLATES: dict[str, tuple[str, ...]] = {
    "price": (
        "How much does the {subject} cost?",
        "What is the price of the {subject}?",
        "What do I pay for a {subject}?",
        "How expensive is the {subject}?",
        "What does the {subject} sell for?",
        "If I order the {subject}, what will it cost me?",
        "Price check on the {subject}, please?",
        "I'd like to buy the {subject}. What's the price?",
    ),
    "warranty": (
        "How long is the warranty on the {subject}?",
        "What warranty comes with the {subject}?",
        "For how many years is the {subject} covered by warranty?",
        "If my {subject} breaks, how long am I covered?",
        "What is the guarantee period for the {subject}?",
        "How many years of warranty does the {subject} have?",
        "Is the {subject} under warranty, and for how long?",
        "My {subject} is faulty; how long does its warranty last?",
    ),
}

POLICY_TEMPLATES: dict[str, tuple[str, ...]] = {
    "return_window": (
        "How long do I have to return an item?",
        "What is the return window?",
        "How many days after delivery can I send something back?",
        "Until when can I return unused goods?",
        "I changed my mind about a purchase; how long do I have to return it?",
        "What is the deadline for returns?",
        "Is there a time limit for sending back an order I received?",
    ),
    "refund_time": (
        "How long does a refund take?",
        "When will I get my money back after returning an item?",
        "How quickly is a refund paid once you receive my return?",
        "How many days until the refund shows up on my card?",
        "After my return arrives at your warehouse, when is the refund processed?",
        "What is the refund processing time?",
        "I sent a parcel back; when do I see the money?",
    ),
    "return_fee": (
        "How much does a return label cost?",
        "What is the fee for returning an item?",
        "Do I pay for return postage, and how much?",
        "How much is taken off my refund for the prepaid label?",
        "What does it cost to send something back?",
        "Is there a charge for returns? How much?",
        "What's the price of a prepaid return label?",
    ),
    "standard_delivery": (
        "How long does standard delivery take?",
        "When will a normal parcel arrive?",
        "How many days does standard shipping take?",
        "What is the usual delivery time?",
        "If I choose standard delivery, how long do I wait?",
        "How fast is regular shipping?",
        "How long after dispatch does a standard parcel arrive?",
    ),
    "express_fee": (
        "How much is express delivery?",
        "What does next-day delivery cost?",
        "What is the fee for express shipping?",
        "How much extra do I pay to get my order tomorrow?",
        "What's the price of next-day shipping?",
        "How much does the express option add to an order?",
        "Express delivery: how much?",
    ),
    "free_shipping": (
        "How much do I have to spend for free shipping?",
        "What is the minimum order for free delivery?",
        "Above what amount is shipping free?",
        "When do I get free shipping?",
        "What order total qualifies for free delivery?",
        "How big must my order be to avoid shipping costs?",
        "Is there a free shipping threshold?",
    ),
    "gift_card": (
        "How long is a gift card valid?",
        "When does a gift card expire?",
        "For how many years can I use a gift card?",
        "What is the validity period of gift cards?",
        "I got a gift card; how long do I have to spend it?",
        "Do gift cards run out, and after how long?",
        "How long until a gift card is no longer valid?",
    ),
    "price_match": (
        "How long after buying can I claim a price match?",
        "What is the price match period?",
        "If I find an item cheaper elsewhere, how long do I have to ask for the difference?",
        "For how many days after purchase do you match prices?",
        "Until when can I get the difference back if the price is lower somewhere else?",
        "How long does your price guarantee last?",
        "What's the time limit on price matching?",
    ),
    "reset_link": (
        "How long is a password reset link valid?",
        "When does the password reset email expire?",
        "How many hours do I have to use a reset link?",
        "My reset link stopped working; how long does it last?",
        "What is the expiry time of a password reset link?",
        "How long can I wait before clicking the reset link?",
        "For how long does a password reset link work?",
    ),
}

#: The support category of each kind of question (lesson 03's labels), for the hybrid task.
CATEGORY: dict[str, str] = {
    "price": "billing", "warranty": "returns",
    "policy/return_window": "returns", "policy/refund_time": "returns", "policy/return_fee": "returns",
    "policy/standard_delivery": "shipping", "policy/express_fee": "shipping", "policy/free_shipping": "shipping",
    "policy/gift_card": "billing", "policy/price_match": "billing", "policy/reset_link": "account",
}

_OPENERS = ("", "", "", "Hi! ", "Hello! ", "Quick question: ")

COLUMNS = ("id", "split", "question", "fact_id", "kind", "answer", "category", "template_id", "paraphrase")


def templates_of(kind: str) -> tuple[str, ...]:
    """The paraphrase templates for one kind of fact (``price``, ``warranty`` or ``policy/<name>``)."""
    if kind in PRODUCT_TEMPLATES:
        return PRODUCT_TEMPLATES[kind]
    name = kind.removeprefix("policy/")
    if name not in POLICY_TEMPLATES:
        raise KeyError(f"No question templates for fact kind {kind!r}.")
    return POLICY_TEMPLATES[name]


def template_split(seed: int = 0, test_fraction: float = 3 / 8) -> dict[str, dict[str, list[int]]]:
    """Which templates of each kind are test-only: ``{kind: {"train": [...], "test": [...]}}``.

    The train list is in a seeded order: a fact seen with ``m`` paraphrases gets the first ``m``.

    Args:
        seed: the seed of the split.
        test_fraction: the share of each kind's templates kept for test (at least one each side).

    Returns:
        Template indices per kind and split.
    """
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1 (exclusive), got {test_fraction!r}.")
    rng = np.random.default_rng(seed)
    kinds = list(PRODUCT_TEMPLATES) + [f"policy/{name}" for name in POLICY_TEMPLATES]
    split = {}
    for kind in kinds:
        n = len(templates_of(kind))
        order = [int(i) for i in rng.permutation(n)]
        n_test = max(1, min(n - 1, math.ceil(n * test_fraction)))
        split[kind] = {"test": sorted(order[:n_test]), "train": order[n_test:]}
    return split


def generate_questions(version: int, seed: int = 0, test_fraction: float = 3 / 8) -> pd.DataFrame:
    """Every question about one version's facts, one per fact and template; the same per seed.

    Args:
        version: the knowledge-base version whose values are the gold answers.
        seed: the template split and the greetings some questions start with.
        test_fraction: the share of each kind's templates kept for test.

    Returns:
        A table with the columns :data:`COLUMNS`; ``paraphrase`` numbers a training
        question's template within its kind (0 first), and is -1 in test.
    """
    split = template_split(seed, test_fraction)
    rng = np.random.default_rng([seed, 7])
    rows = []
    for fact in facts(version):
        templates = templates_of(fact.kind)
        for part in ("train", "test"):
            for rank, t in enumerate(split[fact.kind][part]):
                opener = _OPENERS[int(rng.integers(len(_OPENERS)))]
                text = templates[t].format(subject=fact.subject)
                rows.append({"split": part, "question": opener + text, "fact_id": fact.fact_id, "kind": fact.kind,
                             "answer": fact.value, "category": CATEGORY[fact.kind],
                             "template_id": f"{fact.kind}#{t}", "paraphrase": rank if part == "train" else -1})
    frame = pd.DataFrame(rows)
    frame.insert(0, "id", [f"v{version}-{i:04d}" for i in range(len(frame))])
    return frame[list(COLUMNS)]


def with_paraphrases(questions: pd.DataFrame, m: int) -> pd.DataFrame:
    """The training questions that show each fact in its first ``m`` paraphrases.

    Args:
        questions: a table from :func:`generate_questions`.
        m: paraphrases per fact (1 or more).

    Returns:
        The selected training rows.
    """
    if isinstance(m, bool) or not isinstance(m, (int, np.integer)) or m < 1:
        raise ValueError(f"m must be a whole number >= 1 (paraphrases per fact), got {m!r}.")
    train = questions[questions["split"] == "train"]
    return train[train["paraphrase"] < m]
