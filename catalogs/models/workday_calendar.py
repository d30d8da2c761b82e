"""The working-day calendar (工作日历): statutory holidays and 调休 make-up workdays.

The rule is "Monday to Friday work, Saturday and Sunday rest"; only the days the State Council's
yearly notice (国务院办公厅关于节假日安排的通知) changes are stored, as :class:`CalendarDay` rows:
a 法定节假日 (rest, even on a weekday) or a 调休上班 day (work, on a weekend). A holiday row may also
fall on a weekend inside a holiday period (国庆节 on a Saturday): it names the day and changes
nothing in the count.

A year counts as *covered* only when a :class:`CalendarYear` row says where its days came from
(the ``chinese-calendar`` package, or an administrator who entered the notice). For an uncovered
year ``catalogs.workdays`` falls back to weekends only and says so. See docs/calendar.md.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

WEEKDAY_NAMES = "一二三四五六日"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("法定节假日")
    MAKEUP_WORKDAY = "workday", _("调休上班")


class CalendarSource(models.TextChoices):
    PACKAGE = "package", _("chinese-calendar 软件包")
    ADMIN = "admin", _("管理员录入")


class CalendarYear(models.Model):
    """A year whose holiday arrangement is complete in :class:`CalendarDay` (覆盖的年度).

    ``source`` = package: written by ``seed_calendar`` and refreshed by it. ``source`` = admin:
    confirmed by policy staff; seeding never touches that year again.
    """

    year = models.PositiveSmallIntegerField(
        _("年度"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    source = models.CharField(
        _("来源"), max_length=10, choices=CalendarSource.choices, default=CalendarSource.ADMIN
    )
    source_detail = models.CharField(
        _("来源说明"), max_length=200, blank=True, help_text=_("软件包版本，或国务院办公厅通知的文号、网址")
    )
    confirmed_at = models.DateTimeField(_("确认时间"), auto_now=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["year"]
        verbose_name = _("日历年度")
        verbose_name_plural = _("日历年度")

    def __str__(self) -> str:
        return f"{self.year} 年（{self.get_source_display()}）"


class CalendarDay(models.Model):
    """One exception to the weekly rule: a statutory holiday or a 调休 make-up workday."""

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("节日名称"), max_length=50, help_text=_("例如：春节、国庆节"))
    source = models.CharField(
        _("来源"), max_length=10, choices=CalendarSource.choices, default=CalendarSource.ADMIN
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=DayKind.values), name="calendar_day_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}（周{self.weekday_name}）{self.name} {self.get_kind_display()}"

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.date.weekday()] if self.date else ""

    def clean(self) -> None:
        if self.date and self.kind == DayKind.MAKEUP_WORKDAY and self.date.weekday() < 5:
            raise ValidationError(
                {
                    "kind": f"{self.date:%Y-%m-%d} 是周{self.weekday_name}，本来就是工作日：调休上班日只能是周六或周日。"
                }
            )
