"""Writes to the catalogs: versioning and publishing of service items, license-type retirement.

Every function is keyword-only, runs in one transaction and raises a DomainError whose message
says what to fix.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from catalogs.errors import PublishRefused, VersionConflict
from catalogs.models import LicenseType, LicenseTypeStatus, ServiceItem, ServiceItemStatus


def _lock_versions(code: str) -> list[ServiceItem]:
    """Lock every version of one code so concurrent publishes of the same item serialise."""
    return list(ServiceItem.objects.select_for_update().filter(code=code).order_by("version"))


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


@transaction.atomic
def publish_service_item(*, item: ServiceItem, effective_from: date, user=None) -> ServiceItem:
    """Publish a draft version from ``effective_from``.

    The version in force until then is closed the day before (its window ends at
    ``effective_from``); a version that would start on or after the new one is refused, so
    the windows of one code's versions never overlap.
    """
    versions = _lock_versions(item.code)
    draft = next((v for v in versions if v.pk == item.pk), None)
    if draft is None or draft.status != ServiceItemStatus.DRAFT:
        raise VersionConflict(f"{item} 不是草稿，不能发布：已发布的版本不可修改，请先创建新版本。")
    problems = publish_problems(item=draft)
    if problems:
        raise PublishRefused("事项不能发布：" + "；".join(problems), params=[{"name": "item", "reason": p} for p in problems])
    published = [v for v in versions if v.status == ServiceItemStatus.PUBLISHED]
    later = [v for v in published if v.valid_from >= effective_from]
    if later:
        raise PublishRefused(
            f"生效日期 {effective_from:%Y-%m-%d} 不晚于已发布的第 {later[-1].version} 版的生效日期 "
            f"{later[-1].valid_from:%Y-%m-%d}：请选择更晚的生效日期。"
        )
    for previous in published:
        if previous.valid_until is None or previous.valid_until > effective_from:
            previous.valid_until = effective_from
            previous.full_clean()
            previous.save(update_fields=["valid_until", "updated_at"])
    draft.status = ServiceItemStatus.PUBLISHED
    draft.valid_from = effective_from
    draft.valid_until = None
    draft.published_at = timezone.now()
    draft.published_by = user
    draft.full_clean()
    draft.save()
    return draft


@transaction.atomic
def create_draft_version(*, item: ServiceItem) -> ServiceItem:
    """Start editing a published item: copy its newest version, questions and materials into a new draft."""
    versions = _lock_versions(item.code)
    existing = next((v for v in versions if v.status == ServiceItemStatus.DRAFT), None)
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
    for related in questions + materials:
        related.pk = None
        related.service_item = draft
        related.full_clean()
        related.save()
    return draft


@transaction.atomic
def retire_service_item(*, item: ServiceItem, effective_until: date) -> ServiceItem:
    """Withdraw a published item from ``effective_until``; it stays readable as a retired version."""
    versions = _lock_versions(item.code)
    current = next((v for v in versions if v.pk == item.pk), None)
    if current is None or current.status != ServiceItemStatus.PUBLISHED:
        raise VersionConflict("只有已发布的版本可以废止。")
    if effective_until <= current.valid_from:
        raise PublishRefused("废止日期必须晚于该版本的生效日期。")
    if current.valid_until is not None and current.valid_until <= effective_until:
        raise PublishRefused("该版本在此日期之前已经失效。")
    current.valid_until = effective_until
    current.full_clean()
    current.save(update_fields=["valid_until", "updated_at"])
    return current


@transaction.atomic
def retire_license_type(*, license_type: LicenseType) -> LicenseType:
    """Stop using a license type; published items keep their history, new publications are refused."""
    license_type.status = LicenseTypeStatus.RETIRED
    license_type.full_clean()
    license_type.save(update_fields=["status"])
    return license_type
