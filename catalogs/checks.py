"""System checks of the catalogs: the working-day calendar must cover this year and next year.

Like Django's own database checks it runs only when a database is named — ``manage.py check
--database default`` (add ``--deploy`` before a release) and ``manage.py migrate`` — so that
importing the project never queries the database.
"""

from django.core import checks
from django.db import DatabaseError
from django.utils import timezone

from catalogs.workdays import uncovered_years


@checks.register(checks.Tags.database)
def calendar_covers_this_year_and_next(
    app_configs=None, databases=None, **kwargs
) -> list[checks.CheckMessage]:
    if not databases or "default" not in databases:
        return []

    this_year = timezone.localdate().year
    try:
        missing = uncovered_years([this_year, this_year + 1])
    except DatabaseError:  # not migrated yet (the check also runs at the start of migrate)
        return []
    return [
        checks.Warning(
            f"{year} 年的法定节假日和调休安排尚未载入工作日历：该年的办理期限只能暂按周末推算。",
            hint="运行 manage.py seed_calendar --years "
            f"{year}；若 chinese-calendar 软件包还没有该年数据，请在管理后台“节假日与调休”中录入，再在“日历年度”中确认该年。",
            id="catalogs.W001",
        )
        for year in missing
    ]
