"""四性检测 (DA/T 70 style): authenticity, integrity, usability and security of an archive package."""

from archives.checks import authenticity, integrity, security, usability
from archives.checks.base import CATEGORIES, CheckItem, CheckReport, PackageUnderCheck
from archives.storage import PackageReader

__all__ = ["CATEGORIES", "CheckItem", "CheckReport", "check_reader"]


def check_reader(reader: PackageReader, *, expected=None) -> CheckReport:
    pkg = PackageUnderCheck(reader, expected=expected)
    report = CheckReport(source=reader.label, package_id=str((pkg.manifest or {}).get("package_id", "")))
    for module in (authenticity, integrity, usability, security):
        report.items.extend(module.run(pkg))
    return report
