"""A seeded, synthetic support-ticket data set in 5 fixed categories, split by template.

Introduced in ``notebooks/03_empirical_test.ipynb``. It is the chapter's third
scenario ("always classify issues as one of 5 fixed categories") made concrete.
Every ticket comes from a hand-written template with slots (product, order number,
amount, days, device) and an optional greeting and closing. Templates are split
between train and test, so the test set contains only phrasings no training
example used: a held-out set in the strict sense. Label noise flips a chosen share
of the *training* labels (the held-out labels stay correct: they are the gold
standard every candidate is scored against).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

LABELS: tuple[str, ...] = ("billing", "shipping", "technical", "account", "returns")

#: The "instructions only" prompt: one short description per category.
LABEL_DESCRIPTIONS: dict[str, str] = {
    "billing": "Billing: a question or complaint about a charge, an invoice, a price or a payment.",
    "shipping": "Shipping: where a parcel is, when it will be delivered, or a delivery that went wrong.",
    "technical": "Technical problem: the app or the website crashes, shows an error or does not work.",
    "account": "Account: signing in, passwords, security settings and profile details.",
    "returns": "Returns: sending a product back, exchanging it, or a faulty item.",
}

_PRODUCTS = ("laptop", "wireless headphones", "coffee grinder", "desk lamp", "phone charger",
             "yoga mat", "backpack", "smart watch", "blender", "winter jacket", "running shoes",
             "electric kettle")
_DEVICES = ("iPhone", "Android phone", "tablet", "Windows laptop", "Mac", "Chromebook")
_PREFIXES = ("", "", "Hi, ", "Hello, ", "Hi team, ", "Good morning. ", "Urgent: ", "Quick question: ")
_SUFFIXES = ("", "", " Thanks.", " Please help.", " Thank you in advance.", " This is frustrating.",
             " Order ref {order}.", " Can someone get back to me today?")

TEMPLATES: dict[str, tuple[str, ...]] = {
    "billing": (
        "I was charged twice for {order}. Can you reverse the duplicate payment?",
        "My credit card statement shows {amount} from you that I don't recognise.",
        "Why did my monthly subscription go up to {amount}? Nobody told me about a price change.",
        "I need a proper invoice with my company's VAT number for {order}.",
        "The discount code was accepted at checkout but the total still came to {amount}.",
        "How do I update the card you bill every month? The old one expired.",
        "You billed me after I cancelled my plan {days} days ago.",
        "Can I pay for {order} in instalments instead of all at once?",
        "The receipt for my {product} lists the wrong amount, it says {amount}.",
        "There's a pending authorisation of {amount} on my account that never cleared.",
        "My payment keeps getting declined even though my bank says the card is fine.",
        "I was promised free shipping but the invoice for {order} includes a delivery fee.",
        "Please explain the extra {amount} service fee on my last statement.",
        "I'd like to switch from monthly to annual billing to save money.",
        "Is sales tax included in the price shown for the {product}?",
        "The balance of my gift card wasn't applied to {order}.",
        "I got an overdue payment reminder but I paid {amount} last week.",
        "Could you send me copies of all my invoices from this year for my accountant?",
        "My bank flagged your charge as suspicious; which company name appears on statements?",
        "The price of the {product} dropped the day after I bought it. Can you adjust what I paid?",
        "I was charged in euros instead of dollars and lost money on the exchange.",
        "Why is there a {amount} charge for a plan I never signed up for?",
        "My employer needs a receipt showing the payment method for {order}.",
        "The checkout page took my money but shows the payment as failed.",
    ),
    "shipping": (
        "Where is my {product}? Tracking hasn't updated in {days} days.",
        "The courier says {order} was delivered but nothing arrived at my door.",
        "Can I change the delivery address for {order}? I'm moving this week.",
        "My package with the {product} is stuck in customs. What do I need to do?",
        "How long does standard delivery take to Canada?",
        "The tracking number you emailed for {order} doesn't work on the carrier's site.",
        "I paid for express delivery but the {product} is arriving {days} days late.",
        "Only half of {order} showed up; the {product} is missing from the box.",
        "Can the driver leave the parcel with my neighbour if I'm not home?",
        "My order was shipped to my old address. Can you redirect it?",
        "Do you deliver on weekends? I work during the week.",
        "The parcel arrived soaking wet and the box was crushed.",
        "It's been {days} days and {order} still says 'preparing for dispatch'.",
        "Which courier will bring my {product}, and can I pick a time slot?",
        "I need the {product} before Friday; can you upgrade the shipping?",
        "The delivery person came while I was out. How do I rebook the delivery?",
        "Is it possible to collect {order} from a pickup point instead of home delivery?",
        "My tracking page says 'returned to sender'. Why was my parcel sent back?",
        "Can you ship the {product} to a PO box?",
        "The estimated arrival for {order} keeps moving later every day.",
        "Someone else signed for my package and I never got it.",
        "I received someone else's parcel instead of my {product}.",
        "Will {order} be sent in one box or in several shipments?",
        "What are the shipping options to the UK and how long do they take?",
    ),
    "technical": (
        "The app crashes every time I open my order history on my {device}.",
        "I get an error 500 when I try to check out on the website.",
        "The page just spins forever when I add the {product} to my cart.",
        "Push notifications stopped working after the latest update on my {device}.",
        "The search bar returns no results, even for products I know you sell.",
        "Your website looks broken on my {device}; buttons overlap the text.",
        "The barcode scanner in the app won't open the camera.",
        "I can't upload a photo to my review, it says the file format is not supported.",
        "The app freezes on a white screen after the logo on my {device}.",
        "Images on the product pages aren't loading at all.",
        "The 'apply coupon' button does nothing when I tap it.",
        "Since yesterday the app logs me out whenever I switch screens.",
        "The size chart link for the {product} leads to a 404 page.",
        "The smart home integration for my {product} keeps disconnecting from wifi.",
        "Dark mode makes the text in the app unreadable on my {device}.",
        "I see a 'something went wrong' message when saving items to my wishlist.",
        "The firmware update for my {product} failed halfway and now it won't turn on.",
        "The chat window on your site never loads on my {device}.",
        "Filters on the catalogue page reset every time I scroll.",
        "The app drains my {device} battery even when it's closed.",
        "Videos on the product page play without sound.",
        "The app says my {device} is not supported, but it's only a year old.",
        "The order confirmation email for {order} has links that go nowhere.",
        "Checkout times out on slow connections and empties my cart.",
    ),
    "account": (
        "I forgot my password and the reset email never arrives.",
        "My account is locked after too many login attempts.",
        "How do I change the email address on my profile?",
        "I'm not getting the two-factor code by text any more; I changed phone numbers.",
        "Someone logged into my account from another country. Please secure it.",
        "Please delete my account and all the personal data you hold about me.",
        "I have two accounts by mistake. Can you merge them?",
        "I can't sign in with Google any more, it says the account is not linked.",
        "How do I update my name? It's spelled wrong on my profile.",
        "I want to stop all marketing emails you send to my account.",
        "The verification link in my sign-up email has expired.",
        "My username was changed without my permission.",
        "Can I add a second person to my household account?",
        "I'd like to download a copy of the data you store about me.",
        "I closed my account by accident. Can it be restored?",
        "Where do I change the saved addresses in my profile?",
        "It says 'invalid credentials' even though I just reset my password.",
        "How do I turn on two-step verification for extra security?",
        "My loyalty points disappeared from my account overnight.",
        "I no longer have access to the email I registered with.",
        "Can I change my date of birth? I entered it wrong when signing up.",
        "How do I remove my old card from my saved payment methods?",
        "I'm asked to confirm my identity every single time I sign in on my {device}.",
        "My child made an account with my email address; how do I take it over?",
    ),
    "returns": (
        "I'd like to return the {product}; it doesn't fit.",
        "How do I get a return label for {order}?",
        "The {product} arrived broken. I want to send it back for a replacement.",
        "Can I exchange the {product} for a different colour?",
        "I returned {order} {days} days ago and still haven't got my refund.",
        "Is the return window 30 days from purchase or from delivery?",
        "The {product} stopped working after a week; is it covered by the warranty?",
        "Do I have to pay for return postage if the {product} is faulty?",
        "I received the wrong size. Can I swap it?",
        "Can I return a {product} that I bought in your physical store?",
        "The box for the {product} is opened; can I still send it back?",
        "I changed my mind about the {product}. How do I return it?",
        "My refund for the returned {product} was less than I paid.",
        "Can you arrange a courier to pick up the return from my house?",
        "The {product} doesn't match the photos on the website; I want my money back.",
        "I lost the receipt. Can I still return the {product}?",
        "How long after you receive my return will the refund be processed?",
        "The replacement {product} you sent has the same defect.",
        "I want to return just one item from {order} and keep the rest.",
        "Can I return a gift without the buyer being notified?",
        "The seams on the {product} came apart after one wash; I'd like a replacement.",
        "Is there a restocking fee if I send the {product} back?",
        "I dropped off my return at the post office; how do I know you got it?",
        "The {product} is missing parts; please send the missing pieces or take it back.",
    ),
}

COLUMNS = ("id", "split", "text", "label", "true_label", "template_id")


@dataclass(frozen=True)
class TicketDataset:
    """Train and test tickets with the settings that made them.

    ``train`` and ``test`` have the columns :data:`COLUMNS`; ``label`` is the label a
    learner would see (noisy in train when ``label_noise > 0``), ``true_label`` the
    category the ticket was written for.
    """

    train: pd.DataFrame
    test: pd.DataFrame
    seed: int
    label_noise: float
    labels: tuple[str, ...] = LABELS

    def to_frame(self) -> pd.DataFrame:
        """Both splits in one table, train first."""
        return pd.concat([self.train, self.test], ignore_index=True)


def _fill(template: str, rng: np.random.Generator) -> str:
    """One ticket from a template: slots filled, with a random greeting and closing."""
    order = f"order {rng.integers(10_000, 99_999)}"
    text = (
        _PREFIXES[rng.integers(len(_PREFIXES))] + template + _SUFFIXES[rng.integers(len(_SUFFIXES))]
    )
    return text.format(
        order=order,
        product=_PRODUCTS[rng.integers(len(_PRODUCTS))],
        device=_DEVICES[rng.integers(len(_DEVICES))],
        amount=f"${rng.integers(5, 300)}.{rng.integers(0, 100):02d}",
        days=int(rng.integers(2, 15)),
    )


def _draw(templates: list[tuple[str, str]], count: int, rng: np.random.Generator) -> list[tuple[str, str]]:
    """``count`` distinct (text, template_id) pairs, cycling through the templates evenly."""
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    attempts = 0
    while len(out) < count:
        attempts += 1
        if attempts > 200 * count:
            raise ValueError(f"Could not make {count} distinct tickets from {len(templates)} templates; "
                             "ask for fewer tickets per category.")
        # Cycle through the templates so each is used about equally often.
        template_id, template = templates[len(out) % len(templates)]
        text = _fill(template, rng)
        if text not in seen:
            seen.add(text)
            out.append((text, template_id))
    return out


def generate_tickets(
    seed: int = 0,
    train_per_class: int = 120,
    test_per_class: int = 60,
    test_template_fraction: float = 1 / 3,
    label_noise: float = 0.0,
) -> TicketDataset:
    """Generate the data set; the same arguments always give the same tickets.

    Args:
        seed: random seed for the template split, the slot values and the noise.
        train_per_class: tickets per category in the training pool (the trained arm
            draws its N examples from it; N = 500 needs 100 per category).
        test_per_class: held-out tickets per category.
        test_template_fraction: share of each category's templates kept for test only.
        label_noise: share of training tickets whose label is replaced by a
            different, random category (0 to 0.9).

    Returns:
        A :class:`TicketDataset`.
    """
    for name, value in (("train_per_class", train_per_class), ("test_per_class", test_per_class)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a whole number >= 1, got {value!r}.")
    if not 0 < test_template_fraction < 1:
        raise ValueError(f"test_template_fraction must be between 0 and 1 (exclusive), got {test_template_fraction!r}.")
    if not (isinstance(label_noise, (int, float)) and 0 <= label_noise <= 0.9):
        raise ValueError(f"label_noise must be a share between 0 and 0.9, got {label_noise!r}.")
    rng = np.random.default_rng(seed)
    rows: dict[str, list[dict[str, object]]] = {"train": [], "test": []}
    for label in LABELS:
        ids = [(f"{label}-{i:02d}", t) for i, t in enumerate(TEMPLATES[label])]
        order = rng.permutation(len(ids))
        n_test = max(1, min(len(ids) - 1, math.ceil(len(ids) * test_template_fraction)))
        split_templates = {
            "test": [ids[i] for i in sorted(order[:n_test])],
            "train": [ids[i] for i in sorted(order[n_test:])],
        }
        for split, count in (("train", train_per_class), ("test", test_per_class)):
            for text, template_id in _draw(split_templates[split], count, rng):
                rows[split].append({"split": split, "text": text, "label": label, "true_label": label,
                                    "template_id": template_id})
    frames = {}
    for split, items in rows.items():
        frame = pd.DataFrame(items)
        frame = frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)
        frame.insert(0, "id", [f"{split}-{i:04d}" for i in range(len(frame))])
        frames[split] = frame[list(COLUMNS)]
    if label_noise > 0:
        train = frames["train"]
        flip = rng.random(len(train)) < label_noise
        new_labels = train["label"].to_numpy(dtype=object).copy()
        for i in np.flatnonzero(flip):
            others = [c for c in LABELS if c != new_labels[i]]
            new_labels[i] = others[rng.integers(len(others))]
        frames["train"] = train.assign(label=new_labels)
    return TicketDataset(train=frames["train"], test=frames["test"], seed=seed, label_noise=float(label_noise))


def sample_train(dataset: TicketDataset, n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` training tickets, as balanced over categories as possible (stratified by the *seen* label).

    Args:
        dataset: the data set.
        n: how many labelled examples (at least one per category).
        seed: which draw.

    Returns:
        A slice of ``dataset.train`` with ``n`` rows.
    """
    k = len(dataset.labels)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < k:
        raise ValueError(f"n must be a whole number >= {k} (one example per category), got {n!r}.")
    if n > len(dataset.train):
        raise ValueError(f"n={n} is more than the {len(dataset.train)} training tickets; "
                         "generate the data with a larger train_per_class.")
    rng = np.random.default_rng([seed, n])
    per_class = [n // k + (1 if i < n % k else 0) for i in range(k)]
    picked: list[int] = []
    for label, want in zip(dataset.labels, per_class):
        pool = np.flatnonzero(dataset.train["label"].to_numpy() == label)
        picked.extend(rng.choice(pool, size=min(want, len(pool)), replace=False).tolist())
    if len(picked) < n:  # a category ran short (possible with heavy noise): top up from the rest
        rest = np.setdiff1d(np.arange(len(dataset.train)), picked)
        picked.extend(rng.choice(rest, size=n - len(picked), replace=False).tolist())
    return dataset.train.iloc[sorted(picked)]


def data_dir() -> Path:
    """Where generated data sets are written (under the per-user course cache)."""
    from course_lib.files import cache_dir

    return cache_dir() / "data"


def write_tickets(dataset: TicketDataset, path: str | Path | None = None) -> Path:
    """Write both splits to one CSV file a learner can open; return its path.

    Args:
        dataset: the data set.
        path: where to write; default ``<cache>/data/tickets-seed<seed>-noise<noise>.csv``.

    Returns:
        The path written.
    """
    if path is None:
        path = data_dir() / f"tickets-seed{dataset.seed}-noise{dataset.label_noise:.2f}.csv"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    dataset.to_frame().to_csv(path, index=False)
    return path
