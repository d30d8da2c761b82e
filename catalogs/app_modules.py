"""Find a named submodule (``demo``, ``permissions`` …) in each of this project's apps.

Lets the bottom layer call into the apps above it by convention (DESIGN.md: imports point one
way), in INSTALLED_APPS order.
"""

from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from types import ModuleType

from django.apps import AppConfig, apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule


def project_app_modules(name: str) -> Iterator[tuple[AppConfig, ModuleType]]:
    root = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        if Path(config.path).resolve().parent != root:
            continue  # Django's and third-party apps
        if module_has_submodule(config.module, name):
            yield config, import_module(f"{config.name}.{name}")
