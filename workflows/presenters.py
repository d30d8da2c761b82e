"""How a case is shown through the API: to its applicant (their own data, unmasked) and to a handler
(the resolution trace, verification reports, prefill provenance and the event log; the applicant's
code masked where the task does not need it)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from catalogs.identifiers import mask_code
from workflows.models import Case, CaseState
from workflows.services.filling import materials, missing_uploads


def _iso(value):
    return value.isoformat() if value else None


def case_summary(case: Case, *, masked: bool) -> dict:
    return {
        "id": case.pk,
        "number": case.number,
        "service": {
            "code": case.service_code,
            "name": case.service_item.name,
            "version": case.service_item.version,
        },
        "state": case.state,
        "state_label": case.get_state_display(),
        "activity": case.activity,
        "deadline_flag": case.deadline_flag,  # due_soon / overdue in working days (supervision.flag_deadlines)
        "channel": case.channel,
        "route": case.route,
        "applicant": {
            "name": case.holder_name,
            "code": mask_code(case.holder_code) if masked else case.holder_code,
            "code_type": case.holder_code_type,
            "agent": case.agent_name,
        },
        "department": {"name": case.department.name, "uscc": case.department.uscc},
        "created_at": _iso(case.created),
        "submitted_at": _iso(case.submitted_at),
        "accepted_at": _iso(case.accepted_at),
        "due_on": _iso(case.due_on),
        "statutory_due_on": _iso(case.statutory_due_on),
        "overdue": bool(
            case.due_on
            and case.state in (CaseState.AWAITING_ACCEPTANCE, CaseState.IN_REVIEW)
            and case.due_on < timezone.localdate()
        ),
        "decision": case.decision,
        "decided_at": _iso(case.decided_at),
    }


def license_rows(case: Case, *, with_reports: bool) -> list[dict]:
    rows = []
    for row in case.licenses.select_related("license_type").order_by("id"):
        entry = {
            "type_code": row.license_type.code,
            "name": row.license_type.name,
            "mode": row.mode,
            "effective_mode": row.effective_mode,
            "fetch_state": row.fetch_state,
            "fetch_state_label": row.get_fetch_state_display(),
            "rule_reason": row.rule_reason,
            "fallback_reason": row.fallback_reason,
            "verified": row.verified,
            "identifier": row.identifier,
            "attempts": row.attempts,
            "result_label": (row.report or {}).get("result_label", ""),
        }
        if with_reports:
            entry.update(
                report=row.report,
                source=row.source,
                gateway_status=row.gateway_status,
                gateway_message=row.gateway_message,
            )
        rows.append(entry)
    return rows


def documents(case: Case) -> list[dict]:
    return [
        {
            "kind": slot.kind,
            "round": slot.round,
            "title": slot.document.title,
            "number": slot.document.number,
            "issued_at": _iso(slot.document.issued_at),
            "download": reverse("workflows-api:case-document", args=[case.pk, slot.pk]),
        }
        for slot in case.documents.select_related("document").order_by("id")
        if slot.document_id
    ]


def uploads(case: Case) -> list[dict]:
    return [
        {
            "id": u.pk,
            "material_key": u.material_key,
            "material_name": u.material_name,
            "original_name": u.original_name,
            "media_type": u.media_type,
            "size": u.size,
            "round": u.round,
            "uploaded_at": _iso(u.uploaded_at),
            "download": reverse("workflows-api:case-upload-file", args=[case.pk, u.pk]),
        }
        for u in case.uploads.filter(removed_at__isnull=True).order_by("id")
    ]


def awaited(case: Case) -> dict:
    """What the case is waiting for from the applicant, all at once (一次性告知)."""
    result = {
        "from_applicant": case.state in (CaseState.AWAITING_CONSENT, CaseState.FILLING, CaseState.SUPPLEMENT)
    }
    if case.state == CaseState.SUPPLEMENT:
        result.update(
            supplement_round=case.supplement_round,
            supplement_due_on=_iso(case.supplement_due_on),
            supplement_items=case.supplement_items,
        )
    if case.state in (CaseState.FILLING, CaseState.SUPPLEMENT):
        result["missing_uploads"] = [m.as_dict() for m in missing_uploads(case)]
    return result


def status(case: Case) -> dict:
    """The light answer a page polls while licenses are fetched: state, what the system does now, each license."""
    return {
        "number": case.number,
        "state": case.state,
        "state_label": case.get_state_display(),
        "activity": case.activity,
        "licenses": [
            {
                "name": r["name"],
                "fetch_state": r["fetch_state"],
                "fetch_state_label": r["fetch_state_label"],
                "fallback_reason": r["fallback_reason"],
                "result_label": r["result_label"],
            }
            for r in license_rows(case, with_reports=False)
        ],
        "awaited": awaited(case),
    }


def form(case: Case) -> dict | None:
    filled = case.filled_form
    if filled is None:
        return None
    names = {
        row.license_type.code: row.license_type.name for row in case.licenses.select_related("license_type")
    }
    fields = []
    for f in filled.schema.fields.all():
        origin = filled.prefilled.get(f.key)
        source = ""
        if origin:
            src = origin.get("source", "")
            source = (
                names.get(src[len("license:") :].split(".")[0], "")
                if src.startswith("license:")
                else "实名信息"
            )
        fields.append(
            {
                "key": f.key,
                "label": f.label,
                "kind": f.kind,
                "required": f.required,
                "choices": f.choices,
                "help_text": f.help_text,
                "value": filled.values.get(f.key),
                "prefilled": bool(origin),
                "prefilled_from": source,
                "provenance": origin,
                "locked": f.key in filled.locked,
            }
        )
    return {
        "title": filled.schema.display_title,
        "status": filled.status,
        "fields": fields,
        "prefilled_count": filled.prefilled_count,
        "field_count": filled.field_count,
        "edits": filled.edits,
        "skipped": filled.skipped,
    }


def for_applicant(case: Case) -> dict:
    data = case_summary(case, masked=False)
    data.update(
        materials=[m.as_dict() for m in materials(case)],
        licenses=license_rows(case, with_reports=False),
        awaited=awaited(case),
        documents=documents(case),
        uploads=uploads(case),
        fee=str(case.service_item.fee),
        fee_exempt=case.fee_exempt,
        decision_reasons=case.decision_reasons,
        rating=_rating(case),
        timeline=[
            {"at": _iso(e.at), "action": e.action, "state": e.to_state, "note": e.note, "by": e.actor_name}
            for e in case.events.filter(refused=False).order_by("at", "id")
        ],
    )
    return data


def _rating(case: Case) -> dict | None:
    rating = getattr(case, "rating", None)  # a missing one-to-one raises an AttributeError subclass
    if rating is None:
        return None
    return {
        "level": rating.level,
        "level_label": rating.get_level_display(),
        "comment": rating.comment,
        "rated_at": _iso(rating.rated_at),
    }


def for_handler(case: Case) -> dict:
    data = case_summary(case, masked=True)
    inspection = getattr(case, "inspection", None)
    data.update(
        materials=[m.as_dict() for m in materials(case)],
        licenses=license_rows(case, with_reports=True),
        resolution={
            "route": case.resolution.get("route"),
            "trace": case.resolution.get("trace"),
            "ruleset": case.resolution.get("ruleset"),
            "fee_exempt": case.fee_exempt,
        },
        answers=case.answers,
        form=form(case),
        uploads=uploads(case),
        documents=documents(case),
        awaited=awaited(case),
        reviewer=(case.reviewer.real_name or case.reviewer.username) if case.reviewer_id else "",
        supplement_items=case.supplement_items,
        decision_reasons=case.decision_reasons,
        inspection={"passed": inspection.passed, "note": inspection.note, "at": _iso(inspection.inspected_at)}
        if inspection
        else None,
        events=[
            {
                "at": _iso(e.at),
                "actor": e.actor_name,
                "channel": e.channel,
                "action": e.action,
                "from": e.from_state,
                "to": e.to_state,
                "note": e.note,
                "refused": e.refused,
            }
            for e in case.events.order_by("at", "id")
        ],
    )
    return data


def queue_row(task) -> dict:
    case = task.process.case
    return {
        "task": task.pk,
        "node": task.flow_task.name,
        "status": task.status,
        "owner": (task.owner.real_name or task.owner.username) if task.owner_id else "",
        "case": case_summary(case, masked=True),
    }
