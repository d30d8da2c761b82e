"""Driving the case API as applicants and handlers do, and waiting — with a deadline — for what the
worker does in the background. Nothing here sleeps to wait for work: it polls the case's status."""

from __future__ import annotations

import time
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from licenses import demo as license_demo

# a PDF that opens (one empty page)
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/MediaBox[0 0 595 842]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
CASES = "/api/v1/cases/"
WAIT = 120  # seconds a background step may take on a loaded two-core machine (PDF rendering, sealing)


def pdf(name: str = "材料.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def wait_until(predicate, *, timeout: float, what: str, worker=None, interval: float = 0.15):
    """Poll ``predicate`` until it returns something truthy; on timeout say what was awaited, the last
    value and the end of the worker's log."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        last = predicate()
        if last:
            return last
        if time.monotonic() > deadline:
            log = f"\n--- worker log (end) ---\n{worker.tail()}" if worker is not None else ""
            raise AssertionError(f"timed out after {timeout}s waiting for {what}; last value {last!r}{log}")
        time.sleep(interval)


def default_value(field: dict):
    """A value a demo applicant would type into an empty field of this kind."""
    kind = field["kind"]
    if kind == "choice":
        return field["choices"][0]
    return {
        "int": "1",
        "decimal": "100",
        "date": date.today().isoformat(),
        "bool": True,
        "citizen_id": license_demo.LISI,
        "uscc": license_demo.PHARMACY,
        "phone": "13800000000",
        "email": "demo@example.com",
    }.get(kind, "演示")


class Actor:
    """One logged-in person (applicant or handler) talking to the case API."""

    def __init__(self, user, *, worker=None):
        self.user, self.worker = user, worker
        self.client = APIClient()
        self.client.force_login(user)

    # --- plain calls: each asserts the status code and returns the JSON body --------------------------
    def get(self, path: str, *, expect: int = 200, **params) -> dict:
        response = self.client.get(path, params)
        return self._checked(response, expect)

    def post(self, path: str, data=None, *, expect: int = 200, multipart: bool = False) -> dict:
        response = self.client.post(path, data or {}, format="multipart" if multipart else "json")
        return self._checked(response, expect)

    @staticmethod
    def _checked(response, expect: int) -> dict:
        body = response.content.decode(errors="replace")
        assert response.status_code == expect, (
            f"{response.request['REQUEST_METHOD']} {response.request['PATH_INFO']} → "
            f"{response.status_code} (expected {expect}): {body[:3000]}"
        )
        return response.json() if body else {}

    # --- the case API -----------------------------------------------------------------------------------
    def apply(self, service_code: str, answers: dict) -> dict:
        return self.post(CASES, {"service_code": service_code, "answers": answers}, expect=201)

    def status(self, pk: int) -> dict:
        return self.get(f"{CASES}{pk}/status/")

    def detail(self, pk: int) -> dict:
        return self.get(f"{CASES}{pk}/")

    def wait_for(self, pk: int, *states: str, timeout: float = WAIT) -> dict:
        def reached():
            status = self.status(pk)
            return status if status["state"] in states else None

        return wait_until(reached, timeout=timeout, what=f"case {pk} to reach {states}", worker=self.worker)

    def consent(self, pk: int, *, accept: bool = True, signed_form=None, expect: int = 200) -> dict:
        if signed_form is None:
            return self.post(f"{CASES}{pk}/consent/", {"accept": accept}, expect=expect)
        return self.post(
            f"{CASES}{pk}/consent/",
            {"accept": "true" if accept else "false", "signed_form": signed_form},
            expect=expect,
            multipart=True,
        )

    def upload(self, pk: int, material_key: str, *, name: str = "材料.pdf", expect: int = 201) -> dict:
        return self.post(
            f"{CASES}{pk}/uploads/",
            {"material": material_key, "file": pdf(name)},
            expect=expect,
            multipart=True,
        )

    def upload_missing(self, pk: int) -> list[str]:
        """Upload a small real PDF for every material the status says is still missing; return their keys."""
        missing = self.status(pk)["awaited"].get("missing_uploads", [])
        for material in missing:
            self.upload(pk, material["key"], name=f"{material['name']}.pdf")
        assert self.status(pk)["awaited"].get("missing_uploads", []) == []
        return [m["key"] for m in missing]

    def form_data(self, pk: int, values: dict | None = None) -> dict:
        """What the applicant types into the form: ``values`` where given, a demo value in every other empty
        field that is not pre-filled and locked."""
        values = dict(values or {})
        form = self.get(f"{CASES}{pk}/form/")
        fields = {f["key"]: f for f in form.get("fields", [])}
        unknown = set(values) - set(fields)
        assert not unknown, f"the form has no fields {unknown}; it has {sorted(fields)}"
        locked = {key for key in values if fields[key]["locked"]}
        assert not locked, f"fields {locked} are pre-filled and locked"
        data = {
            key: default_value(f)
            for key, f in fields.items()
            if not f["locked"] and f["value"] in (None, "") and f["required"]
        }
        data.update(values)
        return data

    def submit(self, pk: int, values: dict | None = None) -> dict:
        return self.post(f"{CASES}{pk}/submit/", {"data": self.form_data(pk, values)})

    def license_row(self, pk: int, name: str) -> dict:
        rows = [row for row in self.status(pk)["licenses"] if row["name"] == name]
        assert len(rows) == 1, f"no single license row named {name}: {self.status(pk)['licenses']}"
        return rows[0]


def archived_case(pk: int):
    """The case, archived, with a package that passes 四性检测."""
    from archives.services import check_package
    from workflows.models import Case

    case = Case.objects.select_related("archive_package", "issued_license__license__license_type").get(pk=pk)
    assert case.state == "archived", case.state
    assert case.archive_package_id, "archived without an archive package"
    report = check_package(package=case.archive_package)
    assert report.ok, [str(failure) for failure in report.failures]
    return case
