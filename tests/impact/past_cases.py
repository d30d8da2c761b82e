"""Past cases of 婚姻登记 (630000-MZ-0001) for impact tests, inserted in bulk.

Each generated applicant (a citizen ID with a chosen birth date, sex and region; the two answers; the
licenses they hold) is resolved by the real ``rules.resolution.resolve`` of the published demo ruleset on the
day the case was opened, and the resolution is stored on a ``Case`` row as the flow would store it. The
holder license index is what ``licenses`` would answer; it comes from ``HOLDINGS`` through the documented
provider setting (``RULES_LICENSE_INDEX_PROVIDER``, as in tests/rules), so thousands of holders need no
issued licenses. ``Case`` extends viewflow's ``Process`` (multi-table inheritance), which
``bulk_create`` refuses: the parent rows are bulk-created first, then the case rows are inserted with
their own columns only.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from stdnum.cn import ric
from viewflow.workflow.models import Process

MARRIAGE = "630000-MZ-0001"
HOLDINGS: dict[str, list[dict]] = {}
REGIONS = ["630102", "630103", "630104", "630121", "630203", "632221", "632521", "632801"]
STATUSES_ID = ["valid"] * 16 + ["expired", "expired", "suspended", "none"]
STATUSES_HUKOU = ["valid"] * 6 + ["none"]
STATUSES_DIVORCE = ["valid", "valid", "none", "revoked"]


def holder_index(holder_code: str, *, on: date | None = None) -> list[dict]:
    return [dict(entry) for entry in HOLDINGS.get(holder_code, [])]


def citizen_id(region: str, birth: date, serial: int, *, male: bool) -> str:
    serial = serial % 500 * 2 + (1 if male else 0)  # the 17th digit: odd for men, even for women
    body = f"{region}{birth:%Y%m%d}{serial:03d}"
    return body + ric.calc_check_digit(body + "0")


def license_codes(spec: dict) -> dict[str, str]:
    """Demo license key → type code, read from the published spec's license type names."""
    by_name = {name: code for code, name in spec["license_types"].items()}
    return {
        "ID": by_name["居民身份证"],
        "HUKOU": by_name["户口簿"],
        "DIVORCE": by_name["离婚证"],
        "RETIRE": by_name["退休证"],
    }


def applicants(count: int, *, codes: dict[str, str], seed: int = 11) -> list[dict]:
    """``count`` varied applicants: ages 18–75, both sexes, eight regions, divorced or not, licenses in
    every status the rules read (some held, some not)."""
    rng = random.Random(seed)
    people = []
    for n in range(count):
        male = rng.random() < 0.5
        birth = date(1951, 1, 1) + timedelta(days=rng.randrange(0, 57 * 365))
        holder = citizen_id(rng.choice(REGIONS), birth, n, male=male)
        held = {
            "ID": rng.choice(STATUSES_ID),
            "HUKOU": rng.choice(STATUSES_HUKOU),
            "DIVORCE": rng.choice(STATUSES_DIVORCE),
            "RETIRE": "valid" if rng.random() < 0.3 else "none",
        }
        HOLDINGS[holder] = [
            {"type_code": codes[key], "status": status} for key, status in held.items() if status != "none"
        ]
        people.append(
            {
                "holder_code": holder,
                "holder_name": rng.choice("赵钱孙李周吴郑王马才") + rng.choice("明红华芳强丽军敏") + "某",
                "answers": {
                    "previously_divorced": rng.random() < 0.3,
                    "partner_id": citizen_id(
                        rng.choice(REGIONS), birth + timedelta(days=400), n + 7, male=not male
                    ),
                },
                "channel": "window" if rng.random() < 0.15 else "online",
            }
        )
    return people


def insert_cases(
    *, count: int, item, applicant, days_back: int, seed: int = 11, distinct: int = 1000
) -> list:
    """Insert ``count`` past cases opened over the last ``days_back`` days, resolved by the real ``resolve``.

    ``distinct`` applicants are generated, each applying on one day and resolved once for it; cases cycle
    through them (an applicant with several cases, as after withdrawals and refusals)."""
    from rules.resolution import resolve
    from rules.selectors import compiled_by_ref, published_ref
    from workflows.flows import CaseFlow
    from workflows.models import Case

    pk, _version, spec_hash = published_ref(service_code=MARRIAGE, on=timezone.localdate())
    codes = license_codes(compiled_by_ref(pk, spec_hash).spec)
    people = applicants(distinct, codes=codes, seed=seed)
    rng = random.Random(seed + 1)
    now = timezone.now()
    today = timezone.localdate()
    # each applicant applied on one day (their facts, e.g. the age, are those of that day), their cases that day
    day_of = [today - timedelta(days=rng.randrange(0, days_back)) for _ in people]
    resolved: dict[int, dict] = {}
    rows = []
    for n in range(count):
        who = n % distinct
        start = timezone.make_aware(datetime.combine(day_of[who], time(0, 0)))
        opened = min(start + timedelta(seconds=rng.randrange(0, 86_400)), now - timedelta(minutes=1))
        if who not in resolved:
            person = people[who]
            resolved[who] = resolve(
                service_code=MARRIAGE,
                holder_code=person["holder_code"],
                answers=person["answers"],
                channel=person["channel"],
                on=day_of[who],
            )
        resolution = resolved[who]
        person = people[who]
        rows.append(
            {
                "number": f"IMPACT-{seed}-{n:06d}",
                "service_item": item,
                "service_code": MARRIAGE,
                "ruleset_version": resolution["ruleset"]["version"],
                "ruleset_hash": resolution["ruleset"]["spec_hash"],
                "resolution": resolution,
                "answers": person["answers"],
                "route": resolution["route"]["route"],
                "fee_exempt": resolution["fee_exempt"],
                "applicant": applicant,
                "holder_code": person["holder_code"],
                "holder_code_type": "111",
                "holder_name": person["holder_name"],
                "channel": person["channel"],
                "department": item.department,
                "state": "archived",
                "opened_at": opened,
            }
        )
    processes = [Process(flow_class=CaseFlow, status="DONE", created=r["opened_at"]) for r in rows]
    Process.objects.bulk_create(processes, batch_size=1000)
    cases = [
        Case(process_ptr_id=p.pk, pk=p.pk, flow_class=CaseFlow, status="DONE", created=p.created, **r)
        for p, r in zip(processes, rows, strict=True)
    ]
    fields = list(Case._meta.local_concrete_fields)
    Case.objects.all()._batched_insert(
        cases, fields, batch_size=200
    )  # Case.objects.bulk_create refuses parents
    return cases
