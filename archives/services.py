"""Forming an archive package from a finished case (the only write path for packages: there is no update
or delete), and running the 四性检测, whose every run is recorded."""

import logging
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from archives import manifest as layout
from archives.checks import CheckReport, check_reader
from archives.errors import ArchiveExists, ArchiveInputInvalid
from archives.inputs import ArchiveDocument, CaseRecord, Decision, LicenseSnapshot
from archives.models import ArchivePackage, CheckRun
from archives.protection import protect
from archives.sealing import seal_manifest
from archives.storage import (
    StorageReader,
    ZipReader,
    package_prefix,
    remove_unregistered_files,
    write_package_files,
)
from catalogs.identifiers import HOLDER_CODE_TYPES
from catalogs.models import Department

logger = logging.getLogger("archives")


def _validate(case: CaseRecord, documents: Sequence[ArchiveDocument]) -> None:
    problems = []
    if not layout.CASE_NUMBER_RE.match(case.case_number or ""):
        problems.append("办件编号只能包含字母、数字和“-”")
    if case.decision not in layout.DECISIONS:
        problems.append(f"办理结果应为 {'、'.join(sorted(layout.DECISIONS))} 之一")
    if case.applicant_code_type not in HOLDER_CODE_TYPES:
        problems.append("申请人代码类型应为 111（居民身份证）或 001（统一社会信用代码）")
    if not isinstance(case.retention_years, int) or not 0 <= case.retention_years <= 100:
        problems.append("保管期限应为 0（永久）至 100 年")
    if case.decided_at < case.submitted_at:
        problems.append("办结时间早于申请时间")
    if not documents:
        problems.append("至少需要一份文书")
    for document in documents:
        if document.role not in layout.DOCUMENT_ROLES:
            problems.append(f"未知的文书类型：{document.role}")
        if not document.content.startswith(b"%PDF-"):
            problems.append(f"文书“{document.title}”不是 PDF 文件")
    if problems:
        raise ArchiveInputInvalid("不能归档：" + "；".join(problems))


def build_files(
    *,
    case: CaseRecord,
    documents: Sequence[ArchiveDocument],
    licenses: Sequence[LicenseSnapshot],
    audit_extract: list[dict],
    archiving_department: Department,
    archived_at,
) -> tuple[dict, dict[str, bytes]]:
    """The manifest (unsealed) and the package's content files."""
    files: dict[str, bytes] = {}
    entries: list[dict] = []
    for index, document in enumerate(documents, start=1):
        path = f"documents/{index:02d}-{document.role}.pdf"
        files[path] = document.content
        entries.append(
            layout.file_entry(
                path=path,
                role=f"document:{document.role}",
                content=document.content,
                media_type=layout.PDF,
                title=str(document.title),
                number=str(document.number),
            )
        )
    for index, snapshot in enumerate(licenses, start=1):
        base = f"licenses/{index:02d}-{snapshot.type_code}"
        data = layout.dumps(
            {
                "identifier": snapshot.identifier,
                "type_code": snapshot.type_code,
                "type_name": snapshot.type_name,
                "data": snapshot.data,
            }
        )
        report = layout.dumps(snapshot.verification_report)
        files[f"{base}.json"] = data
        files[f"{base}.verification.json"] = report
        entries.append(
            layout.file_entry(
                path=f"{base}.json",
                role="license-snapshot",
                content=data,
                media_type=layout.JSON,
                identifier=snapshot.identifier,
            )
        )
        entries.append(
            layout.file_entry(
                path=f"{base}.verification.json",
                role="verification-report",
                content=report,
                media_type=layout.JSON,
                identifier=snapshot.identifier,
                result=str(snapshot.verification_report.get("result", "")),
            )
        )
    audit = layout.dumps({"case_number": case.case_number, "events": audit_extract})
    files["audit/audit-extract.json"] = audit
    entries.append(
        layout.file_entry(
            path="audit/audit-extract.json",
            role="audit-extract",
            content=audit,
            media_type=layout.JSON,
            events=len(audit_extract),
        )
    )
    decided_on = timezone.localtime(case.decided_at).date()
    until = layout.retention_until(decided_on=decided_on, years=case.retention_years)
    manifest = {
        "format": layout.FORMAT,
        "package_id": layout.package_id_for(case.case_number, timezone.localtime(archived_at).date()),
        "created_at": timezone.localtime(archived_at).isoformat(),
        "archiving_department": {"name": archiving_department.name, "uscc": archiving_department.uscc},
        "case": {
            "number": case.case_number,
            "service_item": {
                "code": case.service_item_code,
                "name": case.service_item_name,
                "version": case.service_item_version,
            },
            "department": {"name": case.department.name, "uscc": case.department.uscc},
            "handler": case.handler_name,
            "submitted_at": timezone.localtime(case.submitted_at).isoformat(),
            "decided_at": timezone.localtime(case.decided_at).isoformat(),
            "decision": case.decision,
            "decision_label": Decision.archived_label(case.decision),
            "decision_note": case.decision_note,
        },
        "applicant": layout.applicant_block(
            name=case.applicant_name,
            code=case.applicant_code,
            code_type=case.applicant_code_type,
            protected=protect({"name": case.applicant_name, "code": case.applicant_code}),
        ),
        "retention": {
            "years": case.retention_years,
            "starts_on": f"{decided_on.year + 1}-01-01",
            "until": until.isoformat() if until else None,
        },
        "counts": {
            "files": len(entries),
            "documents": len(documents),
            "licenses": len(licenses),
            "audit_events": len(audit_extract),
        },
        "files": entries,
    }
    return manifest, files


def create_archive_package(
    *,
    case: CaseRecord,
    documents: Sequence[ArchiveDocument],
    licenses: Sequence[LicenseSnapshot],
    audit_extract: list[dict],
    archiving_department: Department,
    archived_at=None,
) -> ArchivePackage:
    """Form, seal and store one immutable package for a finished case."""
    _validate(case, documents)
    archived_at = archived_at or timezone.now()
    if ArchivePackage.objects.filter(case_number=case.case_number).exists():
        raise ArchiveExists(f"办件 {case.case_number} 已经归档，归档信息包不可重复形成或修改")
    manifest, files = build_files(
        case=case,
        documents=documents,
        licenses=licenses,
        audit_extract=audit_extract,
        archiving_department=archiving_department,
        archived_at=archived_at,
    )
    seal = seal_manifest(department=archiving_department, manifest=manifest)
    manifest_bytes = layout.dumps(manifest)
    files[layout.MANIFEST] = manifest_bytes
    files[layout.SEAL] = layout.dumps({"signed": layout.MANIFEST, "seal": seal})
    package_id = manifest["package_id"]
    written = write_package_files(package_id=package_id, files=files)
    try:
        with transaction.atomic():
            until = manifest["retention"]["until"]
            package = ArchivePackage(
                package_id=package_id,
                case_number=case.case_number,
                service_item_code=case.service_item_code,
                service_item_version=case.service_item_version,
                service_item_name=case.service_item_name,
                department=archiving_department,
                decision=case.decision,
                archived_at=archived_at,
                retention_years=case.retention_years,
                retention_until=until,
                storage_prefix=package_prefix(package_id),
                manifest_sha256=layout.sha256(manifest_bytes),
                seal_key_id=seal["key_id"],
                file_count=len(files),
                total_bytes=sum(len(c) for c in files.values()),
            )
            package.full_clean()
            package.save()
    except Exception:
        remove_unregistered_files(written)
        raise
    logger.info("archives.package.created package=%s files=%s", package_id, len(files))
    return package


def check_package(*, package: ArchivePackage, record: bool = True) -> CheckReport:
    """四性检测 of a stored package against its registration; the run is recorded as a CheckRun."""
    report = check_reader(StorageReader(package.package_id), expected=package)
    if record:
        _record_run(package, report)
    return report


def check_zip(data: bytes, *, label: str, record: bool = True) -> CheckReport:
    """四性检测 of a package received (or exported) as one zip; recorded, linked to the package if it is ours."""
    report = check_reader(ZipReader(data, label=f"zip:{label}"))
    if record:
        package = (
            ArchivePackage.objects.filter(package_id=report.package_id).first() if report.package_id else None
        )
        _record_run(package, report)
    return report


def _record_run(package: ArchivePackage | None, report: CheckReport) -> CheckRun:
    return CheckRun.objects.create(
        package=package,
        source=report.source,
        ok=report.ok,
        failure_count=len(report.failures),
        report=report.as_dict(),
    )
