"""The knowledge base of a fictional outdoor shop, Fernhill Outfitters, in two versions.

Introduced in ``notebooks/03b_knowledge_lab.ipynb``. Every fact (a price, a warranty,
a return window ...) is one sentence in one document, and carries one value; the
documents also hold sentences without a value (descriptions, advice) so retrieval
has something to get wrong. Version 2 is the same shop a season later: two prices
change, the return window shrinks, a product is discontinued and a new one arrives.
:func:`write_knowledge_base` writes each version to Markdown files a learner can open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

VERSIONS: tuple[int, ...] = (1, 2)

#: The value a question about a discontinued product has as its answer.
DISCONTINUED = "discontinued"

#: Every value a fact sentence can carry; the reader extracts answers with the same pattern.
VALUE_PATTERN = re.compile(
    r"\$\d[\d,]*\.\d{2}|\b\d+ (?:business days|days|years?|hours)\b|\bdiscontinued\b"
)


@dataclass(frozen=True)
class Product:
    """One catalogue entry; ``None`` in a version's price means "not sold in that version"."""

    key: str
    name: str
    document: str
    blurb: str
    price: dict[int, str | None]
    warranty_years: int


@dataclass(frozen=True)
class Fact:
    """One question-answerable fact of one version: the sentence that states it and its value."""

    fact_id: str
    kind: str
    subject: str
    document: str
    sentence: str
    value: str


@dataclass(frozen=True)
class Document:
    """One Markdown document of one version: ``sentences`` keeps which sentence states which fact."""

    doc_id: str
    title: str
    sentences: tuple[tuple[str, tuple[str, ...]], ...]  # (sentence, ids of the facts it states)

    @property
    def text(self) -> str:
        """The document as Markdown: a title line, then its sentences as one paragraph."""
        return f"# {self.title}\n\n" + " ".join(s for s, _ in self.sentences) + "\n"


_TITLES = {
    "packs": "Catalogue: backpacks and bags",
    "tents": "Catalogue: tents and shelters",
    "kitchen": "Catalogue: camp kitchen",
    "lights": "Catalogue: lights and power",
    "returns": "Returns and refunds policy",
    "shipping": "Shipping and delivery",
    "account": "Your account, gift cards and price match",
}

PRODUCTS: tuple[Product, ...] = (
    Product("ridge30", "Ridge 30 daypack", "packs", "A light daypack with a padded laptop sleeve.",
            {1: "$89.00", 2: "$95.00"}, 2),
    Product("summit55", "Summit 55 trekking pack", "packs", "An adjustable back system for multi-day hikes.",
            {1: "$189.00", 2: "$189.00"}, 5),
    Product("drybag", "Tarn dry bag", "packs", "A roll-top bag that keeps clothes dry in a canoe.",
            {1: "$24.00", 2: "$24.00"}, 1),
    Product("orbit2", "Orbit 2 tent", "tents", "A two-person dome that pitches in under five minutes.",
            {1: "$249.00", 2: "$249.00"}, 3),
    Product("cirrus1", "Cirrus 1 ultralight tent", "tents", "A one-person shelter pitched with trekking poles.",
            {1: "$329.00", 2: None}, 3),
    Product("basecamp6", "Basecamp 6 family tent", "tents", "A tall tent with two bedrooms and a porch.",
            {1: "$549.00", 2: "$499.00"}, 4),
    Product("flint", "Flint gas stove", "kitchen", "A folding burner that boils a litre in four minutes.",
            {1: "$59.00", 2: "$59.00"}, 2),
    Product("kettle", "Brook titanium kettle", "kitchen", "A kettle that nests over a gas canister.",
            {1: "$45.00", 2: "$45.00"}, 1),
    Product("cookset", "Hearth cook set", "kitchen", "Two pots, a pan and a lid that doubles as a plate.",
            {1: "$79.00", 2: "$79.00"}, 2),
    Product("beam400", "Beam 400 head torch", "lights", "A rechargeable head torch with a red night mode.",
            {1: "$39.00", 2: "$39.00"}, 2),
    Product("lantern", "Glow camp lantern", "lights", "A dimmable lantern that hangs from a tent loop.",
            {1: "$29.00", 2: "$29.00"}, 1),
    Product("solar", "Sunpeak solar panel", "lights", "A foldable panel that charges a phone in daylight.",
            {1: "$119.00", 2: "$119.00"}, 3),
    Product("nimbus", "Nimbus 2 power bank", "lights", "A rugged battery pack that survives rain.",
            {1: None, 2: "$69.00"}, 2),
)

# Policy facts: (fact_id, document, {version: value}, sentence with {value}).
POLICIES: tuple[tuple[str, str, dict[int, str], str], ...] = (
    ("return_window", "returns", {1: "30 days", 2: "14 days"},
     "Unused items can be sent back within {value} of delivery."),
    ("refund_time", "returns", {1: "5 business days", 2: "5 business days"},
     "Once a parcel reaches our warehouse, the money is back on your card within {value}."),
    ("return_fee", "returns", {1: "$6.50", 2: "$6.50"},
     "A prepaid return label is deducted from the refund at {value}."),
    ("standard_delivery", "shipping", {1: "4 business days", 2: "4 business days"},
     "Standard parcels usually arrive within {value} of dispatch."),
    ("express_fee", "shipping", {1: "$12.00", 2: "$15.00"},
     "Next-day express delivery is charged at {value} per order."),
    ("free_shipping", "shipping", {1: "$75.00", 2: "$75.00"},
     "Orders above {value} ship for free."),
    ("gift_card", "account", {1: "3 years", 2: "3 years"},
     "Gift cards stay valid for {value} from the day they are bought."),
    ("price_match", "account", {1: "14 days", 2: "14 days"},
     "If you find the same item cheaper, we refund the difference for up to {value} after purchase."),
    ("reset_link", "account", {1: "24 hours", 2: "24 hours"},
     "A password reset link expires after {value}."),
)

# Sentences without a value: realistic context that shares words with the questions.
_FILLER: dict[str, tuple[str, ...]] = {
    "packs": ("Every pack is tested with a full load before it leaves the factory.",
              "Rain covers are sold separately and fit most of our packs."),
    "tents": ("Always dry a tent fully before storing it to prevent mould.",
              "Spare poles and pegs can be ordered through customer service."),
    "kitchen": ("Never use a stove inside a closed tent.",
                "Gas canisters cannot be sent by air and ship by road only."),
    "lights": ("All our lights charge over USB-C.",
               "Batteries lose some capacity in freezing weather."),
    "returns": ("Please keep the original packaging until you are sure you want to keep an item.",
                "Items bought in a store can be returned by post or at any store.",
                "Faulty goods are handled under the warranty, not as a return."),
    "shipping": ("Tracking links are emailed as soon as a parcel leaves the warehouse.",
                 "We deliver to the mainland only; islands may take longer.",
                 "Large tents ship in two boxes that can arrive on different days."),
    "account": ("You can change your email address and password in the account settings.",
                "Gift cards can be spent online and in every store.",
                "Price matching applies to identical items sold by other shops."),
}


def _check_version(version: int) -> None:
    if version not in VERSIONS:
        raise ValueError(f"version must be one of {VERSIONS}, got {version!r}.")


def facts(version: int) -> tuple[Fact, ...]:
    """Every fact of one version, products first.

    A product discontinued in this version keeps its fact ids, with the value
    :data:`DISCONTINUED`; a product not yet sold has no facts.

    Args:
        version: 1 or 2.

    Returns:
        The facts, in a fixed order.
    """
    _check_version(version)
    out: list[Fact] = []
    for p in PRODUCTS:
        price = p.price[version]
        sold_ever_before = any(p.price[v] is not None for v in VERSIONS if v < version)
        if price is None and not sold_ever_before:
            continue
        if price is None:
            sentence = f"The {p.name} has been {DISCONTINUED} and is no longer sold."
            out.append(Fact(f"price/{p.key}", "price", p.name, p.document, sentence, DISCONTINUED))
            out.append(Fact(f"warranty/{p.key}", "warranty", p.name, p.document, sentence, DISCONTINUED))
            continue
        warranty = f"{p.warranty_years} year" + ("s" if p.warranty_years != 1 else "")
        out.append(Fact(f"price/{p.key}", "price", p.name, p.document, f"The {p.name} costs {price}.", price))
        out.append(Fact(f"warranty/{p.key}", "warranty", p.name, p.document,
                        f"The {p.name} comes with a warranty of {warranty}.", warranty))
    for fact_id, document, values, template in POLICIES:
        out.append(Fact(f"policy/{fact_id}", f"policy/{fact_id}", fact_id, document,
                        template.format(value=values[version]), values[version]))
    return tuple(out)


def documents(version: int) -> tuple[Document, ...]:
    """The documents of one version, each fact sentence tagged with its fact id.

    Args:
        version: 1 or 2.

    Returns:
        One :class:`Document` per catalogue page and per policy page.
    """
    by_doc: dict[str, list[tuple[str, tuple[str, ...]]]] = {doc: [] for doc in _TITLES}
    names = {p.name: p for p in PRODUCTS}
    for fact in facts(version):
        sentences = by_doc[fact.document]
        product = names.get(fact.subject)
        if product is not None and fact.kind == "price":
            if fact.value != DISCONTINUED:
                sentences.append((f"The {product.name}: {product.blurb[0].lower()}{product.blurb[1:]}", ()))
        if sentences and sentences[-1][0] == fact.sentence:  # a discontinued product's one sentence
            sentences[-1] = (fact.sentence, sentences[-1][1] + (fact.fact_id,))
            continue
        sentences.append((fact.sentence, (fact.fact_id,)))
    out = []
    for doc_id, title in _TITLES.items():
        body = by_doc[doc_id] + [(s, ()) for s in _FILLER[doc_id]]
        out.append(Document(doc_id, title, tuple(body)))
    return tuple(out)


def changed_facts(old: int = 1, new: int = 2) -> pd.DataFrame:
    """What the update changed: one row per fact whose value differs, appeared or disappeared.

    Returns:
        Columns ``fact_id``, ``before`` and ``after`` (empty string when the fact did not exist).
    """
    import pandas as pd

    before = {f.fact_id: f.value for f in facts(old)}
    after = {f.fact_id: f.value for f in facts(new)}
    rows = [{"fact_id": k, "before": before.get(k, ""), "after": after.get(k, "")}
            for k in list(before) + [k for k in after if k not in before] if before.get(k) != after.get(k)]
    return pd.DataFrame(rows, columns=["fact_id", "before", "after"])


def knowledge_dir() -> Path:
    """Where the knowledge base is written (under the per-user course cache)."""
    from course_lib.files import cache_dir

    return cache_dir() / "data" / "knowledge"


def write_knowledge_base(version: int, folder: str | Path | None = None) -> Path:
    """Write one version's documents as Markdown files a learner can open; return the folder.

    Args:
        version: 1 or 2.
        folder: where to write; default ``<cache>/data/knowledge/v<version>/``.

    Returns:
        The folder written (one ``<doc_id>.md`` per document).
    """
    folder = Path(folder) if folder is not None else knowledge_dir() / f"v{version}"
    folder.mkdir(parents=True, exist_ok=True)
    for doc in documents(version):
        (folder / f"{doc.doc_id}.md").write_text(doc.text, encoding="utf-8")
    return folder
