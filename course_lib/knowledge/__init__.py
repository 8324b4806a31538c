"""The knowledge lab: a versioned knowledge base, retrieval (dense, BM25, fused), a reader and a closed-book arm (lesson 03b)."""
