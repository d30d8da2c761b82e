"""The one generic case flow that runs any published service item, and a special item that extends it.

    start → register → needs_consent ─ yes → consent → fetch [job] ─┐
                                  └─ no ──────────────────────────→ prefill → fill → route
    route ─ instant → instant ──────────────────────────────────────→ outcome [job] → archive [job] → end
          └ review → review (department queue) → after_review ─ supplement → supplement → review (same handler)
                                                             └ decided ────→ outcome …

Node names are stored in tasks as strings (``workflows/flows.CaseFlow.review``): never rename one.
Every callback is thin: it calls a service that does the work and logs the event. See docs/workflows.md.
"""

from viewflow import this
from viewflow.workflow import flow, lock

from accounts.models import User
from workflows.auth import department_permission
from workflows.models import Case, CaseState
from workflows.nodes import BackgroundHandle, CaseHandle
from workflows.services import archiving, fetching, filling, outcome, review, starting
from workflows.views import task_view


def _department_task(activation) -> str:
    return department_permission(activation.process.department_id)


def _previous_reviewer(activation):
    # a resubmitted supplement goes back to the handler who asked for it
    return activation.process.reviewer


class CaseSteps:
    """The generic steps, declared once. viewflow resolves ``this.…`` links when a Flow class is created and
    a subclass copies its parent's *resolved* nodes, so a flow for a special item would still point at the
    generic flow's nodes; declaring the steps in this plain mixin lets every flow class resolve its own."""

    process_class = Case
    # a blocking row lock: the stock NOWAIT lock retries after a failed attempt inside the caller's transaction,
    # which PostgreSQL has aborted by then; waiting is short, since no step does I/O under the lock
    lock_impl = lock.SelectForUpdateLock(nowait=False)

    start = flow.StartHandle(this.start_case).Next(this.register)
    register = flow.Function(this.register_case).Next(this.needs_consent)
    needs_consent = flow.If(this.has_auto_licenses).Then(this.consent).Else(this.prefill)
    consent = CaseHandle(this.consent_answered).Next(this.fetch)
    fetch = BackgroundHandle(work=this.fetch_work, func=this.fetch_done).Next(this.prefill)
    prefill = flow.Function(this.prefill_form).Next(this.fill)
    fill = CaseHandle(this.form_submitted).Next(this.route)
    route = flow.If(this.goes_instant).Then(this.instant).Else(this.review)
    instant = flow.Function(this.approve_instantly).Next(this.outcome)
    review = (
        flow.View(task_view)
        .Permission(_department_task)
        .Assign(_previous_reviewer)
        .onCreate(this.review_created)
        .Next(this.after_review)
    )
    after_review = flow.Switch().Case(this.supplement, cond=this.supplement_requested).Default(this.outcome)
    supplement = CaseHandle(this.supplement_submitted).Next(this.review)
    outcome = BackgroundHandle(work=this.outcome_work, func=this.outcome_done).Next(this.archive)
    archive = BackgroundHandle(work=this.archive_work, func=this.archived).Next(this.end)
    end = flow.End()

    # --- callbacks (each receives the activation; the process is the Case) ---------------------------

    def start_case(self, activation, *, fields: dict):
        for name, value in fields.items():
            setattr(activation.process, name, value)
        return activation.process

    def register_case(self, activation):
        starting.register(case=activation.process)

    def has_auto_licenses(self, activation) -> bool:
        return bool(activation.process.auto_type_codes)

    def consent_answered(self, activation, *, consent=None, actor: User | None = None, channel="online"):
        starting.consent_recorded(case=activation.process, consent=consent, actor=actor, channel=channel)

    def fetch_work(self, task) -> bool:
        return fetching.fetch_licenses(case=task.process.coerced)

    def fetch_done(self, activation):
        fetching.fetched(case=activation.process)

    def prefill_form(self, activation):
        filling.prefill(case=activation.process)

    def form_submitted(self, activation, *, actor: User | None = None, channel="online"):
        filling.submitted(case=activation.process, actor=actor, channel=channel)

    def goes_instant(self, activation) -> bool:
        return filling.qualifies_for_instant(case=activation.process)

    def approve_instantly(self, activation):
        review.approve_instantly(case=activation.process)

    def review_created(self, activation):
        review.review_opened(case=activation.process, task=activation.task)

    def supplement_requested(self, activation) -> bool:
        return activation.process.state == CaseState.SUPPLEMENT

    def supplement_submitted(self, activation, *, actor: User | None = None, channel="online"):
        review.supplement_received(case=activation.process, actor=actor, channel=channel)

    def outcome_work(self, task) -> bool:
        return outcome.produce_outcome(case=task.process.coerced)

    def outcome_done(self, activation):
        outcome.concluded(case=activation.process)

    def archive_work(self, task) -> bool:
        return archiving.archive_case(case=task.process.coerced)

    def archived(self, activation):
        archiving.archived(case=activation.process)


class CaseFlow(CaseSteps, flow.Flow):
    """办件

    Any published service item, from application to archive, with no code per item."""


class RealtyCaseFlow(CaseSteps, flow.Flow):
    """不动产登记

    The generic steps with an on-site inspection (现场核查) before review: the department's staff visit
    the property and record the result, which the reviewer then reads. Everything else is the same."""

    route = flow.If(this.goes_instant).Then(this.instant).Else(this.inspection)
    inspection = (
        flow.View(task_view).Permission(_department_task).onCreate(this.inspection_created).Next(this.review)
    )

    def inspection_created(self, activation):
        review.inspection_opened(case=activation.process, task=activation.task)


# service items whose cases need a flow of their own; every other item runs CaseFlow
SPECIAL_FLOWS: dict[str, type[flow.Flow]] = {"630000-ZR-0001": RealtyCaseFlow}


def flow_for(service_code: str) -> type[flow.Flow]:
    return SPECIAL_FLOWS.get(service_code, CaseFlow)


BACKGROUND_STEPS = ("fetch", "outcome", "archive")
