"""Draft/publish versions with non-overlapping validity windows (Open Zaak's concept/publish).

Shared by every versioned concept: service items here, rulesets in ``rules``. A versioned
model has ``status`` ("draft"/"published"), ``version``, ``valid_from`` and ``valid_until``
(exclusive; ``None`` = open-ended), ``published_at``/``published_by`` and ``updated_at``. The
services lock all versions of one key, so concurrent publishes of the same item serialise.
"""

from collections.abc import Callable, Iterable
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser as User
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogs.errors import PublishRefused, VersionConflict


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


DRAFT = VersionStatus.DRAFT
PUBLISHED = VersionStatus.PUBLISHED


class VersionedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PUBLISHED)

    def effective_on(self, day: date):
        """The published versions in force on ``day`` (at most one per key)."""
        return (
            self.published()
            .filter(valid_from__lte=day)
            .filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=day))
        )

    def current(self):
        return self.effective_on(timezone.localdate())


class VersionWindowMixin:
    """Read-side helpers for a model with status / valid_from / valid_until."""

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT

    def is_effective_on(self, day: date) -> bool:
        return (
            self.status == PUBLISHED
            and self.valid_from is not None
            and self.valid_from <= day
            and (self.valid_until is None or day < self.valid_until)
        )

    @property
    def lifecycle_label(self) -> str:
        """草稿 / 待生效 / 现行 / 已废止 — derived from status and the validity window."""
        if self.is_draft:
            return "草稿"
        today = timezone.localdate()
        if self.valid_from and self.valid_from > today:
            return "待生效"
        if self.valid_until and self.valid_until <= today:
            return "已废止"
        return "现行"


class VersionedModel(VersionWindowMixin, models.Model):
    """The version number, status and validity window every versioned concept has.

    Concrete models add their key (``code``, ``service_code``), the publishing audit fields and the
    constraints (one draft per key, one open-ended published version per key, ordered windows).
    """

    version = models.PositiveIntegerField(_("版本"), default=1)
    status = models.CharField(
        _("状态"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    valid_from = models.DateField(_("生效日期"), null=True, blank=True)
    valid_until = models.DateField(
        _("失效日期"), null=True, blank=True, help_text=_("不含当日；留空表示长期")
    )

    objects = VersionedQuerySet.as_manager()

    class Meta:
        abstract = True


def lock_versions(queryset: models.QuerySet) -> list:
    """Every version of one key, oldest first, locked for the rest of the transaction."""
    return list(queryset.select_for_update().order_by("version"))


def require_draft(versions: list, pk: int, label: str):
    draft = next((v for v in versions if v.pk == pk), None)
    if draft is None or draft.status != DRAFT:
        raise VersionConflict(f"{label} 不是草稿，不能发布：已发布的版本不可修改，请先创建新版本。")
    return draft


def existing_draft(versions: list):
    return next((v for v in versions if v.status == DRAFT), None)


def copy_rows(rows: Iterable[models.Model], **parent) -> list[models.Model]:
    """Save a copy of each row under a new parent (``service_item=draft``, ``ruleset=draft``), validated."""
    copies = []
    for row in rows:
        row.pk = None
        row._state.adding = True
        for name, value in parent.items():
            setattr(row, name, value)
        row.full_clean()
        row.save()
        copies.append(row)
    return copies


def copy_as_new_draft(*, versions: list, copy_related: Callable, reset: dict | None = None):
    """Start editing a published concept: the draft there is, or a copy of the newest version as the next
    version's draft (validated), with ``copy_related(source, draft)`` copying what hangs off it.

    ``reset`` names the fields a draft must not inherit besides the window and the publishing audit.
    """
    existing = existing_draft(versions)
    if existing is not None:
        return existing
    source = versions[-1]
    draft = type(source).objects.get(pk=source.pk)
    draft.pk = None
    draft._state.adding = True
    draft.version = source.version + 1
    draft.status = DRAFT
    draft.valid_from = draft.valid_until = draft.published_at = draft.published_by = None
    for name, value in (reset or {}).items():
        setattr(draft, name, value)
    draft.full_clean()
    draft.save()
    copy_related(source, draft)
    return draft


def open_window(*, versions: list, draft, effective_from: date, user: User | None = None) -> None:
    """Give ``draft`` the window from ``effective_from`` and close the version in force then.

    A version that would start on or after the new one is refused, so windows never overlap.
    Saves the previous versions; the caller saves ``draft`` (it may set more fields first).
    """
    published = [v for v in versions if v.status == PUBLISHED]
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
    draft.status = PUBLISHED
    draft.valid_from = effective_from
    draft.valid_until = None
    draft.published_at = timezone.now()
    draft.published_by = user


def close_window(*, versions: list, pk: int, effective_until: date):
    """Retire a published version from ``effective_until``; it stays readable."""
    current = next((v for v in versions if v.pk == pk), None)
    if current is None or current.status != PUBLISHED:
        raise VersionConflict("只有已发布的版本可以废止。")
    if effective_until <= current.valid_from:
        raise PublishRefused("废止日期必须晚于该版本的生效日期。")
    if current.valid_until is not None and current.valid_until <= effective_until:
        raise PublishRefused("该版本在此日期之前已经失效。")
    current.valid_until = effective_until
    current.full_clean()
    current.save(update_fields=["valid_until", "updated_at"])
    return current
