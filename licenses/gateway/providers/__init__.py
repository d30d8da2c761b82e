"""License providers behind one registry: ``@register("local")`` serves this node's registry,
``@register("remote")`` another node's registry over HTTP."""

from .base import Provider, ProviderAnswer, providers, register

# import the implementations so they register themselves
from . import local, remote  # noqa: E402,F401  isort:skip

__all__ = ["Provider", "ProviderAnswer", "providers", "register"]
