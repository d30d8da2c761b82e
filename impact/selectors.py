"""Reads of impact runs: only policy staff — those who may change rulesets — see runs and their rows."""

from django.db.models import QuerySet

from impact.models import ImpactRow, ImpactRun

PERMISSION = "rules.change_ruleset"


def may_use_impact(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(PERMISSION))


def runs_visible_to(*, user) -> QuerySet[ImpactRun]:
    if not may_use_impact(user):
        return ImpactRun.objects.none()
    return ImpactRun.objects.select_related("started_by")


def rows_of(*, run: ImpactRun, kind: str = "") -> QuerySet[ImpactRow]:
    rows = run.rows.all()
    flag = {
        "mode": "mode_changed",
        "route": "route_changed",
        "required": "missing_required",
        "fee": "fee_changed",
        "replay": "not_replayable",
    }.get(kind)
    return rows.filter(**{flag: True}) if flag else rows
