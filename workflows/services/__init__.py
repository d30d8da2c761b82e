"""Writes of cases. Every function is keyword-only and typed, runs in a transaction (or composes ones
that do) and raises a ``workflows.errors`` domain error with a Chinese message."""
