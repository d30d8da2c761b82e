"""Reads of the archive: the packages a user may see, and a package as one zip for transfer."""

from django.db.models import QuerySet

from accounts.models import User
from accounts.roles import SEES_EVERYTHING
from archives.models import ArchivePackage
from archives.storage import StorageReader, zip_package


def packages_visible_to(*, user: User) -> QuerySet[ArchivePackage]:
    """Auditors see every package; other staff see their own department's."""
    packages = ArchivePackage.objects.select_related("department")
    if user.has_perm(SEES_EVERYTHING):
        return packages
    if user.department_id:
        return packages.filter(department_id=user.department_id)
    return packages.none()


def export_zip(package: ArchivePackage) -> bytes:
    """The whole package as one zip for transfer to an archives system (移交)."""
    return zip_package(StorageReader(package.package_id), package.package_id)
