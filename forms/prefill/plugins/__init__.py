"""Prefill plugins behind the one registry (as Open Forms does): ``prefill_plugins["license"]``."""

from forms.prefill.plugins.base import (
    Found,
    Missing,
    PrefillContext,
    PrefillPlugin,
    prefill_plugins,
    register,
)

# import the implementations so they register themselves
from forms.prefill.plugins import applicant, license  # noqa: E402,F401  isort:skip

__all__ = ["Found", "Missing", "PrefillContext", "PrefillPlugin", "prefill_plugins", "register"]
