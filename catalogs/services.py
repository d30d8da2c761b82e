"""Writes to the catalogs: versioning and publishing of service items, license-type retirement,
the working-day calendar (seeding from the ``chinese-calendar`` package, admin edits).

Every function is keyword-only, runs in one transaction and raises a DomainError whose message
says what to fix.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import chinese_calendar
from django.contrib.auth.base_user import AbstractBaseUser as User
from django.db import transaction

from catalogs import versioning
from catalogs.app_modules import project_app_modules
from catalogs.errors import PublishRefused
from catalogs.models import (
    CalendarDay,
    CalendarSource,
    CalendarYear,
    DayKind,
    LicenseType,
    LicenseTypeStatus,
    ServiceItem,
)

logger = logging.getLogger(__name__)


def _lock_versions(code: str) -> list[ServiceItem]:
    """Lock every version of one code so concurrent publishes of the same item serialise."""
    return versioning.lock_versions(ServiceItem.objects.filter(code=code))


def publish_problems(*, item: ServiceItem) -> list[str]:
    """What stops a draft from being published, as messages a policy officer can act on."""
    problems: list[str] = []
    if not item.department_id:
        problems.append("未设置实施部门：请在“实施部门”中选择负责办理的部门。")
    deadline = item.deadline_problem()
    if deadline:
        problems.append(deadline)
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

    warnings: list[str] = []
    for _config, module in project_app_modules("catalog_checks"):
        warnings.extend(module.publish_warnings(item=item))
    return warnings


@transaction.atomic
def publish_service_item(*, item: ServiceItem, effective_from: date, user: User | None = None) -> ServiceItem:
    """Publish a draft version from ``effective_from``.

    The version in force until then is closed the day before (its window ends at
    ``effective_from``); a version that would start on or after the new one is refused, so
    the windows of one code's versions never overlap.
    """
    versions = _lock_versions(item.code)
    draft = versioning.require_draft(versions, item.pk, str(item))
    problems = publish_problems(item=draft)
    if problems:
        raise PublishRefused(
            "事项不能发布：" + "；".join(problems), params=[{"name": "item", "reason": p} for p in problems]
        )
    versioning.open_window(versions=versions, draft=draft, effective_from=effective_from, user=user)
    draft.full_clean()
    draft.save()
    return draft


@transaction.atomic
def create_draft_version(*, item: ServiceItem) -> ServiceItem:
    """Start editing a published item: copy its newest version, questions and materials into a new draft."""
    return versioning.copy_as_new_draft(
        versions=_lock_versions(item.code),
        copy_related=lambda source, draft: copy_questions_and_materials(source=source, target=draft),
    )


@transaction.atomic
def copy_questions_and_materials(
    *, source: ServiceItem, target: ServiceItem, questions=None, materials=None
) -> int:
    """Give a new version its predecessor's questions and materials (the admin's 创建新草稿, and a new version
    created by a spreadsheet import); returns how many rows were copied."""
    rows = list(questions if questions is not None else source.questions.all())
    rows += list(materials if materials is not None else source.materials.all())
    return len(versioning.copy_rows(rows, service_item=target))


@transaction.atomic
def retire_service_item(*, item: ServiceItem, effective_until: date) -> ServiceItem:
    """Withdraw a published item from ``effective_until``; it stays readable as a retired version."""
    return versioning.close_window(
        versions=_lock_versions(item.code), pk=item.pk, effective_until=effective_until
    )


@transaction.atomic
def retire_license_type(*, license_type: LicenseType) -> LicenseType:
    """Stop using a license type; published items keep their history, new publications are refused."""
    license_type.status = LicenseTypeStatus.RETIRED
    license_type.full_clean()
    license_type.save(update_fields=["status"])
    return license_type


# ----- working-day calendar ------------------------------------------------------------------


FIRST_CALENDAR_YEAR = 2025


def default_calendar_years(*, today: date) -> range:
    """What ``seed_calendar`` and ``load_demo`` seed when not told: 2025 up to next year."""
    return range(FIRST_CALENDAR_YEAR, today.year + 2)


@dataclass
class CalendarSeedReport:
    """What :func:`seed_calendar` did, per year."""

    package_version: str = ""
    seeded: dict[int, int] = field(default_factory=dict)  # year -> days written (created or changed)
    kept_admin_days: dict[int, int] = field(default_factory=dict)  # year -> admin-edited days left alone
    admin_years: list[int] = field(default_factory=list)  # maintained by an admin: not touched
    unavailable: list[int] = field(default_factory=list)  # the package has no data for them

    def lines(self) -> list[str]:
        out = []
        for year, written in sorted(self.seeded.items()):
            kept = self.kept_admin_days.get(year, 0)
            out.append(
                f"{year} 年：已按 chinesecalendar {self.package_version} 载入，写入 {written} 天"
                + (f"，保留管理员修改的 {kept} 天" if kept else "")
            )
        out += [f"{year} 年：由管理员维护，未改动" for year in self.admin_years]
        out += [
            f"{year} 年：chinese-calendar 软件包没有该年数据，请在管理后台“节假日与调休”中录入后确认该年度；"
            "在此之前按周末推算工作日"
            for year in self.unavailable
        ]
        return out


def package_arrangement(year: int) -> dict[date, tuple[str, str]] | None:
    """The ``chinese-calendar`` package's days of ``year``: date -> (kind, Chinese name); None without data."""

    if not any(day.year == year for day in chinese_calendar.holidays):
        return None
    days: dict[date, tuple[str, str]] = {}
    for source, kind in (
        (chinese_calendar.holidays, DayKind.HOLIDAY),
        (chinese_calendar.workdays, DayKind.MAKEUP_WORKDAY),
    ):
        for day, english in source.items():
            if day.year == year:
                days[day] = (kind.value, chinese_calendar.Holiday(english).chinese)
    return days


def _package_version() -> str:
    return chinese_calendar.__version__


@transaction.atomic
def seed_calendar(*, years: Iterable[int]) -> CalendarSeedReport:
    """Load the holiday arrangement of ``years`` from the ``chinese-calendar`` package. Idempotent.

    A year an administrator maintains (its CalendarYear has source admin) is left alone, and so is
    every day an administrator edited; other package days of the year are created, corrected or,
    when the package no longer lists them, removed. A year the package has no data for is reported
    and stays uncovered. One transaction; the year rows are locked so concurrent seeds serialise.
    """
    report = CalendarSeedReport(package_version=_package_version())
    wanted = sorted(set(years))
    existing_years = {y.year: y for y in CalendarYear.objects.select_for_update().filter(year__in=wanted)}
    for year in wanted:
        current = existing_years.get(year)
        if current is not None and current.source == CalendarSource.ADMIN:
            report.admin_years.append(year)
            continue
        arrangement = package_arrangement(year)
        if arrangement is None:
            report.unavailable.append(year)
            continue
        stored = {d.date: d for d in CalendarDay.objects.select_for_update().filter(date__year=year)}
        written = kept = 0
        for day, (kind, name) in sorted(arrangement.items()):
            row = stored.get(day)
            if row is not None and row.source == CalendarSource.ADMIN:
                kept += 1
                continue
            if row is None:
                row = CalendarDay(date=day, source=CalendarSource.PACKAGE)
            elif (row.kind, row.name) == (kind, name):
                continue
            row.kind, row.name = kind, name
            row.full_clean(validate_unique=False)
            row.save()
            written += 1
        stale = [
            d for d, row in stored.items() if d not in arrangement and row.source == CalendarSource.PACKAGE
        ]
        if stale:
            CalendarDay.objects.filter(date__in=stale).delete()
            written += len(stale)
        detail = f"chinesecalendar {report.package_version}"
        if current is None:
            CalendarYear.objects.create(year=year, source=CalendarSource.PACKAGE, source_detail=detail)
        elif current.source_detail != detail:  # a newer package: the year's rows now come from it
            current.source_detail = detail
            current.save(update_fields=["source_detail", "confirmed_at"])
        report.seeded[year] = written
        if kept:
            report.kept_admin_days[year] = kept
    logger.info(
        "calendar.seeded years=%s unavailable=%s admin=%s",
        ",".join(map(str, report.seeded)),
        ",".join(map(str, report.unavailable)),
        ",".join(map(str, report.admin_years)),
    )
    return report


@transaction.atomic
def save_calendar_day(*, day: CalendarDay, user: User | None = None) -> CalendarDay:
    """An administrator's entry or correction of one day; seeding will never overwrite it."""
    day.source = CalendarSource.ADMIN
    day.updated_by = user
    day.full_clean()
    day.save()
    return day


@transaction.atomic
def confirm_calendar_year(*, year: CalendarYear, user: User | None = None) -> CalendarYear:
    """An administrator vouches that ``year``'s days are complete; from then on seeding leaves it alone."""
    year.source = CalendarSource.ADMIN
    year.confirmed_by = user
    year.full_clean()
    year.save()
    return year
