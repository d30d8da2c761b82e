"""Reads of the archive: packages visible to a user, running and recording a check, exporting."""

from archives.checks import CheckReport, check_reader
from archives.models import ArchivePackage, CheckRun
from archives.storage import StorageReader, ZipReader, zip_package


def packages_visible_to(user):
    """Auditors see every package; other staff see their own department's."""
    packages = ArchivePackage.objects.select_related("department")
    if user.is_superuser or user.groups.filter(name="auditor").exists():
        return packages
    if user.department_id:
        return packages.filter(department_id=user.department_id)
    return packages.none()


def check_package(package: ArchivePackage, *, record: bool = True) -> CheckReport:
    report = check_reader(StorageReader(package.package_id), expected=package)
    if record:
        CheckRun.objects.create(package=package, source=report.source, ok=report.ok, failure_count=len(report.failures),
                                report=report.as_dict())
    return report


def check_zip(data: bytes, *, label: str, record: bool = True) -> CheckReport:
    report = check_reader(ZipReader(data, label=f"zip:{label}"))
    if record:
        package = ArchivePackage.objects.filter(package_id=report.package_id).first() if report.package_id else None
        CheckRun.objects.create(package=package, source=report.source, ok=report.ok, failure_count=len(report.failures),
                                report=report.as_dict())
    return report


def export_zip(package: ArchivePackage) -> bytes:
    """The whole package as one zip for transfer to an archives system (移交)."""
    return zip_package(StorageReader(package.package_id), package.package_id)
