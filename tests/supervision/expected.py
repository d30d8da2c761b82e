"""The statistics counted again in plain Python over the generated rows, from the detail tables where there are
some (licenses, uploads, ratings, rectifications, the resolution's materials), not from the same query."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.utils import timezone

from catalogs.models import ServiceItem
from workflows.models import CLOCK_STATES, Case, CaseLicense, CaseUpload, Rating, Rectification


def percentile(values: list[int], p: float) -> float | None:
    """Linear interpolation between the closest ranks (PostgreSQL's percentile_cont)."""
    if not values:
        return None
    values = sorted(values)
    k = (len(values) - 1) * p
    lo = math.floor(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def expected(*, date_from: date, date_to: date, today: date, department_id: int | None = None) -> dict:
    items = {i.pk: i for i in ServiceItem.objects.all()}
    fetched = defaultdict(int)
    for case_id, state in CaseLicense.objects.values_list("case_id", "fetch_state"):
        fetched[case_id] += state == "verified"
    uploaded = defaultdict(set)
    for case_id, key in CaseUpload.objects.filter(removed_at__isnull=True).values_list(
        "case_id", "material_key"
    ):
        uploaded[case_id].add(key)
    ratings = dict(Rating.objects.values_list("case_id", "level"))
    open_rect = defaultdict(lambda: [0, 0])
    for case_id, state, due_on in Rectification.objects.values_list("rating__case_id", "state", "due_on"):
        if state != "closed":
            open_rect[case_id][0] += 1
            open_rect[case_id][1] += due_on < today

    groups: dict = defaultdict(lambda: defaultdict(list))
    for case in Case.objects.all():
        opened = timezone.localtime(case.opened_at).date()
        if not (date_from <= opened <= date_to) or (department_id and case.department_id != department_id):
            continue
        item = items[case.service_item_id]
        month = opened.replace(day=1)
        paper = sum(1 for m in case.resolution["materials"] if m["mode"] == "paper")
        days = case.decision_workdays
        facts = {
            "cases": 1,
            "certificate_free": int(not uploaded[case.pk] and not paper),
            "fetched": fetched[case.pk],
            "uploaded": len(uploaded[case.pk]),
            "paper": paper,
            "prefilled": case.fields_prefilled,
            "typed": case.fields_typed,
            "instant": int(case.decision == "approved" and case.decided_by_id is None),
            "decided": int(days is not None),
            "within_promise": int(days is not None and days <= item.promised_days),
            "decided_late": int(days is not None and days > item.promised_days),
            "overdue_open": int(
                case.state in CLOCK_STATES and case.due_on is not None and case.due_on < today
            ),
            "supplemented": int(case.supplement_round > 0),
            "exempt_cases": int(case.fee_exempt),
            "fees_waived": item.fee if case.fee_exempt else Decimal("0"),
            "rated": int(case.pk in ratings),
            "open_rectifications": open_rect[case.pk][0] if case.pk in open_rect else 0,
            "overdue_rectifications": open_rect[case.pk][1] if case.pk in open_rect else 0,
        }
        for level in (1, 2, 3, 4, 5):
            facts[f"rating_{level}"] = int(ratings.get(case.pk) == level)
        for key in ((case.service_code, case.department_id, month), ("month", month), ("total",)):
            for name, value in facts.items():
                groups[key][name].append(value)
            if days is not None:
                groups[key]["days"].append(days)

    def summary(values: dict) -> dict:
        figures = {name: sum(v) for name, v in values.items() if name != "days"}
        figures["median_days"] = percentile(values.get("days", []), 0.5)
        figures["p90_days"] = percentile(values.get("days", []), 0.9)
        return figures

    return {key: summary(values) for key, values in groups.items()}
