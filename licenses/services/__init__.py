"""Writes of the license registry, one module per concept (keys, lifecycle, importing)."""
