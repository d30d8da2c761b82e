"""Load the demo data of every app, in INSTALLED_APPS order (catalogs first).

Each of our apps may have a ``demo`` module with ``load(stdout=None)``; this command imports
them by name so that catalogs does not depend on the apps above it. Idempotent.
"""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "载入演示数据（可重复执行）"

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            if not config.path.startswith(str(apps.get_app_config("catalogs").path.rsplit("/", 1)[0])):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            self.stdout.write(f"[{config.verbose_name}] ", ending="")
            module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("演示数据已载入。"))
