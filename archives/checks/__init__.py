"""四性检测 (DA/T 70 style): authenticity, integrity, usability and security of an archive package.

Each category is one module that registers its check in ``checks`` (``catalogs.registry.Registry``)."""

from archives.checks.base import CATEGORIES, CheckItem, CheckReport, PackageUnderCheck, checks
from archives.storage import PackageReader

# import the implementations so they register themselves
from archives.checks import authenticity, integrity, security, usability  # noqa: E402,F401  isort:skip

__all__ = ["CATEGORIES", "CheckItem", "CheckReport", "check_reader", "checks"]


def check_reader(reader: PackageReader, *, expected=None) -> CheckReport:
    pkg = PackageUnderCheck(reader, expected=expected)
    report = CheckReport(source=reader.label, package_id=str((pkg.manifest or {}).get("package_id", "")))
    for category in CATEGORIES:
        report.items.extend(checks[category](pkg))
    return report
