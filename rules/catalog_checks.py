"""Checks the catalog runs before it publishes a service item version (found by catalogs.services through
``project_app_modules("catalog_checks")``, so that catalogs never imports rules)."""

from django.db.models import Q
from django.utils import timezone

from catalogs.versioning import VersionStatus
from rules.models import RuleCondition
from rules.selectors import former_question_labels


def publish_warnings(*, item) -> list[str]:
    """Rulesets in use or in preparation for ``item``'s code whose conditions use a question this version drops."""
    keys = set(item.questions.values_list("key", flat=True))
    live = Q(row__ruleset__status=VersionStatus.DRAFT) | (
        Q(row__ruleset__status=VersionStatus.PUBLISHED)
        & (Q(row__ruleset__valid_until__isnull=True) | Q(row__ruleset__valid_until__gt=timezone.localdate()))
    )
    conditions = (
        RuleCondition.objects.filter(live, row__ruleset__service_code=item.code, fact__startswith="answer.")
        .select_related("row__ruleset")
        .order_by("row__ruleset__version", "row__number")
    )
    missing: dict[tuple, list[int]] = {}
    for condition in conditions:
        key = condition.fact.removeprefix("answer.")
        if key not in keys:
            rows = missing.setdefault((condition.row.ruleset, key), [])
            if condition.row.number not in rows:
                rows.append(condition.row.number)
    if not missing:
        return []
    labels = former_question_labels(service_code=item.code)
    return [
        f"用证规则“{ruleset}”第{'、'.join(map(str, rows))}行用到问题“{labels.get(key, key)}”，本版事项已没有该问题："
        "发布后这些规则行无法判断。请保留该问题，或先在规则集草稿中改写这些条件后再发布新规则。"
        for (ruleset, key), rows in missing.items()
    ]
