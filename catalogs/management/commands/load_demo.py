"""Load the demo data of every app, in INSTALLED_APPS order (catalogs first).

Each of our apps may have a ``demo`` module with ``load(stdout=None)``; this command imports
them by convention so that catalogs does not depend on the apps above it. Idempotent.
"""

from django.core.management.base import BaseCommand

from catalogs.app_modules import project_app_modules


class Command(BaseCommand):
    help = "载入演示数据（可重复执行）"

    def handle(self, *args, **options):
        for config, module in project_app_modules("demo"):
            self.stdout.write(f"[{config.verbose_name}] ", ending="")
            module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("演示数据已载入。"))
