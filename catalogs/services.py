"""Writes to the catalogs: versioning and publishing of service items, license-type retirement.

Every function is keyword-only, runs in one transaction and raises a DomainError whose message
says what to fix.
"""

from datetime import date

from django.db import transaction

from catalogs import versioning
from catalogs.errors import PublishRefused
from catalogs.models import LicenseType, LicenseTypeStatus, ServiceItem, ServiceItemStatus


def _lock_versions(code: str) -> list[ServiceItem]:
    """Lock every version of one code so concurrent publishes of the same item serialise."""
    return versioning.lock_versions(ServiceItem.objects.filter(code=code))


def publish_problems(*, item: ServiceItem) -> list[str]:
    """What stops a draft from being published, as messages a policy officer can act on."""
    problems: list[str] = []
    if not item.department_id:
        problems.append("未设置实施部门：请在“实施部门”中选择负责办理的部门。")
    materials = list(item.materials.select_related("license_type"))
    if not materials:
        problems.append("材料清单为空：请至少添加一项材料（或证照）。")
    for material in materials:
        if material.license_type_id and material.license_type.status == LicenseTypeStatus.RETIRED:
            problems.append(
                f"材料“{material.license_type.name}”使用的证照类型（{material.license_type.code}）已停用："
                "请改用现行的证照类型或删除该材料。"
            )
    if item.issues_license_type_id and item.issues_license_type.status == LicenseTypeStatus.RETIRED:
        problems.append(f"办结出证的证照类型“{item.issues_license_type.name}”已停用：请改用现行的证照类型。")
    return problems


def publish_warnings(*, item: ServiceItem) -> list[str]:
    """What publishing ``item`` would break elsewhere (e.g. rules using a question it drops): shown, not refused.
    Each app above the catalog may offer ``<app>.catalog_checks.publish_warnings(item=...)``."""
    from catalogs.app_modules import project_app_modules

    warnings: list[str] = []
    for _config, module in project_app_modules("catalog_checks"):
        warnings.extend(module.publish_warnings(item=item))
    return warnings


@transaction.atomic
def publish_service_item(*, item: ServiceItem, effective_from: date, user=None) -> ServiceItem:
    """Publish a draft version from ``effective_from``.

    The version in force until then is closed the day before (its window ends at
    ``effective_from``); a version that would start on or after the new one is refused, so
    the windows of one code's versions never overlap.
    """
    versions = _lock_versions(item.code)
    draft = versioning.require_draft(versions, item.pk, str(item))
    problems = publish_problems(item=draft)
    if problems:
        raise PublishRefused("事项不能发布：" + "；".join(problems), params=[{"name": "item", "reason": p} for p in problems])
    versioning.open_window(versions=versions, draft=draft, effective_from=effective_from, user=user)
    draft.full_clean()
    draft.save()
    return draft


@transaction.atomic
def create_draft_version(*, item: ServiceItem) -> ServiceItem:
    """Start editing a published item: copy its newest version, questions and materials into a new draft."""
    versions = _lock_versions(item.code)
    existing = versioning.existing_draft(versions)
    if existing is not None:
        return existing
    source = versions[-1]
    questions = list(source.questions.all())
    materials = list(source.materials.all())
    draft = ServiceItem.objects.get(pk=source.pk)
    draft.pk = None
    draft.version = source.version + 1
    draft.status = ServiceItemStatus.DRAFT
    draft.valid_from = draft.valid_until = draft.published_at = draft.published_by = None
    draft.full_clean()
    draft.save()
    copy_questions_and_materials(source=source, target=draft, questions=questions, materials=materials)
    return draft


@transaction.atomic
def copy_questions_and_materials(*, source: ServiceItem, target: ServiceItem, questions=None, materials=None) -> int:
    """Give a new version its predecessor's questions and materials (the admin's 创建新草稿, and a new version
    created by a spreadsheet import); returns how many rows were copied."""
    rows = list(questions if questions is not None else source.questions.all())
    rows += list(materials if materials is not None else source.materials.all())
    for related in rows:
        related.pk = None
        related.service_item = target
        related.full_clean()
        related.save()
    return len(rows)


@transaction.atomic
def retire_service_item(*, item: ServiceItem, effective_until: date) -> ServiceItem:
    """Withdraw a published item from ``effective_until``; it stays readable as a retired version."""
    return versioning.close_window(versions=_lock_versions(item.code), pk=item.pk, effective_until=effective_until)


@transaction.atomic
def retire_license_type(*, license_type: LicenseType) -> LicenseType:
    """Stop using a license type; published items keep their history, new publications are refused."""
    license_type.status = LicenseTypeStatus.RETIRED
    license_type.full_clean()
    license_type.save(update_fields=["status"])
    return license_type
