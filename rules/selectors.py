"""Reads of rulesets: the version in force, a pinned version, the compiled table (cached per content hash).

The compiled-table cache holds as many tables as the engine holds rulesets (RULES_ENGINE_CAPACITY),
least recently used first out, so a long-running worker's memory is bounded.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date

from django.conf import settings
from django.db.models import QuerySet

from accounts.models import User
from catalogs.models import LicenseType, LicenseTypeStatus, Question, ServiceItem, ServiceItemStatus
from rules.engine.compiler import CompiledTable, compile_table
from rules.errors import NoRuleset
from rules.models import RuleSet

_compiled: OrderedDict[str, CompiledTable] = OrderedDict()
_compiled_lock = threading.Lock()


def rulesets_for_staff(*, user: User) -> QuerySet[RuleSet]:
    if not (user.is_authenticated and user.has_perm("rules.view_ruleset")):
        return RuleSet.objects.none()
    return RuleSet.objects.all()


def published_ref(
    *, service_code: str, on: date | None = None, version: int | None = None
) -> tuple[int, int, str]:
    """(pk, version, spec hash) of the version in force on ``on`` or of ``version`` — one light query, no spec."""
    rulesets = RuleSet.objects.published().filter(service_code=service_code)
    if version is not None:
        found = rulesets.filter(version=version).values_list("pk", "version", "spec_hash").first()
        if found is None:
            raise NoRuleset(f"事项 {service_code} 没有已发布的第 {version} 版用证规则")
        return found
    found = (
        RuleSet.objects.effective_on(on)
        .filter(service_code=service_code)
        .values_list("pk", "version", "spec_hash")
        .first()
    )
    if found is None:
        raise NoRuleset(f"事项 {service_code} 在 {on:%Y-%m-%d} 没有生效的用证规则")
    return found


def compiled_by_ref(pk: int, spec_hash: str) -> CompiledTable:
    """The compiled table of a published version; its spec is read from the database only on a cache miss."""
    with _compiled_lock:
        found = _compiled.get(spec_hash)
        if found is not None:
            _compiled.move_to_end(spec_hash)
            return found
    spec = RuleSet.objects.values_list("spec", flat=True).get(pk=pk)
    return compiled_spec(spec, spec_hash)


def compiled_spec(spec: dict, spec_hash: str) -> CompiledTable:
    """Compile once per content hash per process (published specs never change; drafts get new hashes)."""
    with _compiled_lock:
        found = _compiled.get(spec_hash)
        if found is not None:
            _compiled.move_to_end(spec_hash)
            return found
    compiled = compile_table(spec)
    with _compiled_lock:
        _compiled[spec_hash] = compiled
        while len(_compiled) > getattr(settings, "RULES_ENGINE_CAPACITY", 64):
            _compiled.popitem(last=False)
    return compiled


def compiled_ruleset(ruleset: RuleSet) -> CompiledTable:
    if ruleset.spec is None:
        raise NoRuleset(f"{ruleset} 尚未发布，没有可执行的内容")
    return compiled_spec(ruleset.spec, ruleset.spec_hash)


def catalog_item_for(*, service_code: str, published_only: bool = False) -> ServiceItem | None:
    """The service item version a ruleset is authored against: the newest published one, else the draft."""
    versions = ServiceItem.objects.filter(code=service_code).select_related("department").order_by("-version")
    published = versions.filter(status=ServiceItemStatus.PUBLISHED).first()
    if published is not None or published_only:
        return published
    return versions.first()


def service_snapshot(item: ServiceItem) -> dict:
    """What a ruleset needs from the catalog, frozen into its spec."""
    return {
        "code": item.code,
        "version": item.version,
        "name": item.name,
        "department": {"uscc": item.department.uscc, "name": item.department.name}
        if item.department_id
        else None,
        "applicant_kind": item.applicant_kind,
        "questions": [
            {
                "key": q.key,
                "label": q.label,
                "type": q.answer_type,
                "choices": list(q.choices or []),
                "required": q.required,
            }
            for q in item.questions.all()
        ],
        "materials": [
            {
                "license_type": m.license_type.code if m.license_type_id else None,
                "name": m.display_name,
                "mode": m.default_mode,
                "required": m.required,
                "note": m.note,
            }
            for m in item.materials.select_related("license_type")
        ],
    }


def former_question_labels(*, service_code: str) -> dict[str, str]:
    """Question key → label over every version of a service item (the newest label wins), so that a rule
    using a question a later version dropped is named by its label, never by its key."""

    rows = (
        Question.objects.filter(service_item__code=service_code)
        .order_by("service_item__version")
        .values_list("key", "label")
    )
    return dict(rows)


def license_type_names() -> dict[str, str]:
    return dict(LicenseType.objects.filter(status=LicenseTypeStatus.ACTIVE).values_list("code", "name"))
