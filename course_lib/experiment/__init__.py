"""The offline head-to-head experiment: ticket data, embeddings, candidates and the harness (lessons 03 and 04)."""
