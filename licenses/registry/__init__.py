"""The registry API partner nodes call (``/api/v1/registry/``)."""
