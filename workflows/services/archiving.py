"""The archive package of a finished case (background job): documents, license snapshots with their
verification reports, and the case's events — one package per case, however often the job runs."""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone

from archives.inputs import ArchiveDocument, CaseRecord, LicenseSnapshot
from archives.manifest import package_id_for
from archives.models import ArchivePackage
from archives.services import create_archive_package
from archives.storage import archive_storage, package_prefix, remove_unregistered_files
from licenses.verification import verify_license
from workflows.models import Case, CaseState, FetchState
from workflows.services.events import move, record_event

logger = logging.getLogger("workflows.archive")


def _record(case: Case) -> CaseRecord:
    handler = case.reviewer or case.decided_by
    return CaseRecord(
        case_number=case.number,
        service_item_code=case.service_code,
        service_item_name=case.service_item.name,
        service_item_version=case.service_item.version,
        retention_years=case.service_item.retention_years,
        applicant_name=case.holder_name,
        applicant_code=case.holder_code,
        applicant_code_type=case.holder_code_type,
        department=case.department,
        handler_name=(handler.real_name or handler.username) if handler else "免证办系统（秒批）",
        submitted_at=case.submitted_at or case.created,
        decided_at=case.decided_at or timezone.now(),
        decision=case.decision,
        decision_note=case.decision_reasons[:500],
    )


def _documents(case: Case) -> list[ArchiveDocument]:
    result = []
    for slot in case.documents.select_related("document").order_by("id"):
        if slot.document_id:
            with slot.document.pdf.open("rb") as handle:
                result.append(
                    ArchiveDocument(
                        role=slot.kind,
                        title=slot.document.title,
                        number=slot.document.number,
                        content=handle.read(),
                    )
                )
    return result


def _snapshots(case: Case) -> list[LicenseSnapshot]:
    result = [
        LicenseSnapshot(
            identifier=row.identifier,
            type_code=row.license_type.code,
            type_name=row.license_type.name,
            data=row.payload,
            verification_report=row.report,
        )
        for row in case.licenses.select_related("license_type").filter(fetch_state=FetchState.VERIFIED)
    ]
    if case.issued_license_id:
        version = case.issued_license
        report = verify_license(identifier=version.identifier, holder_code=case.holder_code)
        result.append(
            LicenseSnapshot(
                identifier=version.identifier,
                type_code=version.license.license_type.code,
                type_name=version.name,
                data=version.payload(),
                verification_report=report.as_dict(),
            )
        )
    return result


def audit_extract(case: Case) -> list[dict]:
    return [
        {
            "at": timezone.localtime(e.at).isoformat(),
            "actor": e.actor_name,
            "channel": e.channel,
            "action": e.action,
            "from": e.from_state,
            "to": e.to_state,
            "note": e.note,
            "refused": e.refused,
        }
        for e in case.events.order_by("at", "id")
    ]


def archive_case(*, case: Case) -> bool:
    """Form the package once; the case row is locked so that two deliveries never write the same package."""
    with transaction.atomic():
        locked = (
            Case.objects.select_for_update(of=("self",))
            .select_related("service_item", "department")
            .get(pk=case.pk)
        )
        if locked.archive_package_id:
            return True
        package = ArchivePackage.objects.filter(case_number=locked.number).first()
        if package is None:
            _remove_unfinished_build(locked.number)
            package = create_archive_package(
                case=_record(locked),
                documents=_documents(locked),
                licenses=_snapshots(locked),
                audit_extract=audit_extract(locked),
                archiving_department=locked.department,
            )
        Case.objects.filter(pk=case.pk).update(archive_package=package)
    return True


def _stored_files(storage, prefix: str) -> list[str]:
    if not storage.exists(prefix):
        return []
    folders, files = storage.listdir(prefix)
    found = [f"{prefix}/{name}" for name in files]
    for folder in folders:
        found.extend(_stored_files(storage, f"{prefix}/{folder}"))
    return found


def _remove_unfinished_build(number: str) -> None:
    """The files of a package whose build never committed: a worker killed (or a machine lost) after writing
    them and before its transaction committed the package row. The job is delivered again; the new build
    must not find them in its way (the archive refuses to overwrite files), and nothing refers to them — the
    case row is locked by this build and no package row exists for the case. A package id carries the year
    it was formed, so last year's name is looked at too (a build killed on 31 December)."""
    storage, today = archive_storage(), timezone.localdate()
    for year in (today.year, today.year - 1):
        package_id = package_id_for(number, date(year, 1, 1))
        if ArchivePackage.objects.filter(package_id=package_id).exists():
            continue
        leftovers = _stored_files(storage, package_prefix(package_id))
        if leftovers:
            logger.warning(
                "workflows.archive.unfinished_build_removed package=%s files=%s", package_id, len(leftovers)
            )
            remove_unregistered_files(leftovers)


def archived(*, case: Case) -> None:
    case.archive_package = (
        Case.objects.filter(pk=case.pk).select_related("archive_package").only("archive_package").get()
    ).archive_package
    note = f"归档信息包 {case.archive_package.package_id}" if case.archive_package_id else ""
    if case.state == CaseState.WITHDRAWN:
        Case.objects.filter(pk=case.pk).update(activity="已撤回，已归档")
        record_event(case=case, action="archived", note=note)
        return
    move(case, to=CaseState.ARCHIVED, action="archived", note=note, activity="已归档")
