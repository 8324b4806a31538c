"""Runs inside the sandboxed child, or builds it: confinement, messages, plain data, zygotes and children."""
